"""`tracker db`: migrate the schema up or down and say which revision the database is at."""

from __future__ import annotations

import click

from .base import cli, open_engine


@cli.group()
def db() -> None:
    """Create or migrate the database (TRACKER_DATABASE_URL, or SQLite in TRACKER_INSTANCE)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Schema revision to migrate to.")
def db_upgrade(revision: str) -> None:
    """Create the tables, or bring an older schema up to date."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import DatabaseError, current_revision, upgrade

    engine = open_engine()
    try:
        upgrade(engine, revision)
        click.echo(f"database at {engine.url.render_as_string(hide_password=True)} is at revision "
                   f"{current_revision(engine)}")
    except DatabaseError as error:
        raise click.ClickException(str(error)) from None


@db.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Take the schema back to REVISION ("base" removes every table)."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import current_revision, downgrade

    engine = open_engine()
    downgrade(engine, revision)
    click.echo(f"database is at revision {current_revision(engine) or 'base'}")


@db.command("current")
def db_current() -> None:
    """Print the schema revision the database is at, and the one this code needs."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import DatabaseError, current_revision, head_revision

    engine = open_engine()
    try:
        click.echo(f"database: {current_revision(engine) or 'none'}; code needs: {head_revision(engine)}")
    except DatabaseError as error:
        raise click.ClickException(str(error)) from None
