"""The schema the migrations build is the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import tracker.reports.models  # noqa: F401
import tracker.search.models  # noqa: F401
import tracker.alerts.models  # noqa: F401
import tracker.jobs.models  # noqa: F401
from tracker.db import _alembic_config

# Objects the PostgreSQL search backend manages in raw SQL (tsvector columns, GIN indexes), not as models.
ENGINE_OWNED = {"search_document", "search_stamp", "search_term_count", "search_pair_count"}


def _ours(obj, name, type_, reflected, compare_to):
    table = getattr(obj, "table", None)
    return not (name in ENGINE_OWNED or (table is not None and table.name in ENGINE_OWNED))


def test_migrations_have_a_single_head(engine):
    assert len(ScriptDirectory.from_config(_alembic_config(engine)).get_heads()) == 1


def test_migrations_build_exactly_what_the_models_describe(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": _ours})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []
