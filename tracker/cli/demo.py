"""`tracker demo seed`: a repeatable history of officers' updates for the demo (see ``actions.demo``)."""

from __future__ import annotations

import click

from .base import checked_engine, cli


@cli.group("demo")
def demo_command() -> None:
    """Demo data made through the services, never by editing minutes."""


@demo_command.command("seed")
@click.option("--seed", type=click.IntRange(0, 2**31 - 1), default=17, show_default=True,
              help="The random seed: the same seed and data give the same history.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date the history up to this day (default: today).")
def demo_seed(seed: int, today) -> None:
    """Mark published actions done (on time or late), dropped or in progress, with notes and evidence, dated
    over the past year; a second run changes nothing."""
    # imported when the command runs, so that `tracker --help` stays quick
    import datetime as dt

    from ..actions.demo import seed_demo_history
    from ..db import write_session

    engine = checked_engine()
    try:
        with write_session(engine) as session:
            outcome = seed_demo_history(session=session, today=today.date() if today else dt.date.today(),
                                        seed=seed)
    finally:
        engine.dispose()
    click.echo(f"demo history: {outcome.summary()}")
