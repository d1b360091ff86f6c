"""`tracker users`: add someone who can sign in."""

from __future__ import annotations

import sys

import click

from .base import checked_engine, cli


@cli.group()
def users() -> None:
    """Manage who can sign in."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["officer", "editor", "admin"]), required=True,
              help="officer: updates action status; editor: ingests, corrects, publishes; admin: manages users.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of asking.")
def users_add(username: str, role: str, password_stdin: bool) -> None:
    """Add a user who signs in as USERNAME with ROLE (asks for the password, or reads it from stdin)."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import write_session
    from ..accounts.users import UserError, create_user

    engine = checked_engine()
    if password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with write_session(engine) as session:
            create_user(session=session, username=username, password=password, role=role)
    except UserError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"added {username} ({role})")
