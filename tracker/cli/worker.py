"""`tracker worker`: run queued ingest jobs and the periodic tasks (alerts), until stopped."""

from __future__ import annotations

import time

import click

from .base import checked_engine, cli, settings
from .minutes import _yield_cpu

PERIODIC_CHECK_SECONDS = 60  # how often the worker looks for a periodic task that is due


@cli.command()
@click.option("--poll", default=1.0, show_default=True, type=click.FloatRange(0.05, 60),
              help="Seconds to wait before looking again when there is no job.")
@click.option("--until-empty", is_flag=True,
              help="Run the jobs waiting, then stop (for scripts and tests); periodic tasks are left to running workers.")
def worker(poll: float, until_empty: bool) -> None:
    """Read, segment and store the minutes editors add on the web, one job at a time, and send email alerts hourly.
    Start one or more per database (on PostgreSQL, on several hosts if you like); SIGTERM or Ctrl+C stops it
    after the job in hand."""
    # imported when the command runs, so that `tracker --help` stays quick
    import signal

    from sqlalchemy.exc import SQLAlchemyError

    from .. import create_app
    from ..jobs.service import WorkerContext, run_due_periodic, run_one_job

    checked_engine().dispose()  # refuses an old schema with the command to run
    _yield_cpu(settings()["INGEST_NICE"])  # background work: web readers on the same machine come first
    app = create_app()
    context = WorkerContext.from_app(app)
    if context.lease_seconds <= context.parse_seconds * 2:
        raise click.ClickException(f"TRACKER_JOB_LEASE_SECONDS ({context.lease_seconds}) must be well over twice "
                                   f"TRACKER_PARSE_SECONDS ({context.parse_seconds}): a job renews its lease between "
                                   "stages, and reading alone may take the whole parse time")
    stopping = []

    def stop(_signal, _frame):
        stopping.append(True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(f"worker {context.worker} waiting for jobs (SIGTERM or Ctrl+C to stop)", err=True)
    next_periodic = 0.0
    try:
        while not stopping:
            try:
                if time.monotonic() >= next_periodic and not until_empty:
                    for line in run_due_periodic(app, worker=context.worker):
                        click.echo(line, err=True)
                    next_periodic = time.monotonic() + PERIODIC_CHECK_SECONDS
                with app.app_context():
                    job_id = run_one_job(context)
            except SQLAlchemyError as error:  # the database is away (restarting, full): wait, then look again
                click.echo(f"cannot reach the job queue ({error.__class__.__name__}: {error}); trying again", err=True)
                time.sleep(max(poll, 5))
                continue
            if job_id is not None:
                click.echo(f"job {job_id} finished", err=True)
                continue
            if until_empty:
                break
            waited = 0.0
            while waited < poll and not stopping:
                time.sleep(min(0.1, poll))
                waited += 0.1
    finally:
        app.extensions["tracker.search"].close()
        app.extensions["tracker.engine"].dispose()
    click.echo(f"worker {context.worker} stopped", err=True)
