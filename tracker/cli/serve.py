"""`tracker serve`: the web app under waitress."""

from __future__ import annotations

import click

from .base import cli


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app with waitress (for several processes use gunicorn; see the README)."""
    # imported when the command runs, so that `tracker --help` stays quick
    from waitress import serve as waitress_serve

    from .. import create_app
    from ..db import DatabaseError

    try:
        app = create_app()
    except DatabaseError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Scrutiny Tracker at http://{host}:{port}/ (Ctrl+C to stop)")
    waitress_serve(app, host=host, port=port, threads=threads, ident="scrutiny-tracker")
