"""`tracker db`: migrate the schema up or down and say which revision the database is at; `tracker check`:
reconcile the uploads folder with the database."""

from __future__ import annotations

from pathlib import Path

import click

from .base import checked_engine, cli, open_engine, settings


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


@cli.command("check")
def check() -> None:
    """Reconcile storage with the database: remove kept originals that no meeting names (left by a killed
    ingest, once they are an hour old), and say what was done."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..minutes.originals import reconcile

    removed = reconcile(checked_engine(), Path(settings()["UPLOADS_PATH"]))
    for name in removed:
        click.echo(f"removed {name}: an original no meeting names")
    click.echo(f"originals: {len(removed)} orphaned file(s) removed")
