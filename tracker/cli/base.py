"""The ``tracker`` command group and what its commands share: the settings and the database engine."""

from __future__ import annotations

import click

from ..config import load_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Scrutiny Tracker: meeting minutes, questions, resolutions and actions."""


def settings() -> dict:
    """The settings, from the environment as the web app reads them."""
    return load_settings()


def open_engine():
    """An engine on the configured database (its schema not checked)."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import make_engine

    return make_engine(settings()["DATABASE_URL"])


def checked_engine():
    """The configured database, refusing (with the command to run) if its schema is not current."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import DatabaseError, check_schema

    engine = open_engine()
    try:
        check_schema(engine)
    except DatabaseError as error:
        raise click.ClickException(str(error)) from None
    return engine
