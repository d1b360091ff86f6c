"""The ``tracker`` command line: segment a file, manage the database, ingest minutes, users, serve, search,
reports, the action log, alerts and benchmarks; one module per command group. Each command imports what it needs
when it runs, so that ``tracker --help`` stays quick."""

from __future__ import annotations

from . import accounts, actions, alerts, bench, database, demo, minutes, reports, search, serve, worker  # noqa: F401  (each adds its commands)
from .base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """The console script ``tracker``."""
    cli(prog_name="tracker")
