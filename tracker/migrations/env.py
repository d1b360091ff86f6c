"""Alembic environment: migrations run on the engine the tracker hands over (see tracker.db)."""

from alembic import context
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (registers the tables on SQLModel.metadata)
import tracker.reports.models  # noqa: F401  (scrutinised reports)
import tracker.search.models  # noqa: F401  (saved searches, searches that found nothing)
import tracker.alerts.models  # noqa: F401  (alert subscriptions)
import tracker.jobs.models  # noqa: F401  (ingest jobs, periodic runs)

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite alters a table by copying it and dropping the old one, which rows pointing at it would block;
        # the pragma only takes effect outside a transaction, so it goes to the driver before SQLAlchemy's BEGIN.
        # Migrations check the keys themselves (PRAGMA foreign_key_check) before they commit.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            render_as_batch=sqlite,  # SQLite alters tables by copying them
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if sqlite:
            connection.rollback()
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
