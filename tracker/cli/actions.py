"""`tracker actions`: the action log as text, JSON or CSV, and `tracker actions refresh`."""

from __future__ import annotations

import click

from ..config import DEFAULT_STALE_DAYS
from .base import checked_engine, cli


@cli.group("actions", invoke_without_command=True)
@click.option("--status", type=click.Choice(["open", "in_progress", "done", "dropped", "overdue", "stale"]),
              help="open: still to do (open or in progress); overdue and stale are still to do too.")
@click.option("--committee", help="A committee's slug, such as adults-health-scrutiny.")
@click.option("--council", help="A council's name or slug, such as eastmoor-district-council.")
@click.option("--owner", help="Part of the owner's name as minuted, or a person id.")
@click.option("--kind", help="report_back, provide_information, include_data, share, arrange, investigate, other.")
@click.option("--sort", type=click.Choice(["due", "age", "newest"]), default="due", show_default=True)
@click.option("--drafts", is_flag=True, help="Include draft meetings (as editors see them).")
@click.option("--stale-days", type=click.IntRange(1, 36500), default=DEFAULT_STALE_DAYS, show_default=True,
              help="Undated actions older than this are stale.")
@click.option("--format", "output_format", type=click.Choice(["json", "csv", "text"]), default="text",
              show_default=True)
@click.pass_context
def actions_command(context, status, committee, council, owner, kind, sort, drafts, stale_days, output_format) -> None:
    """The action log: filter by status, committee, owner or kind; print as text, JSON or CSV."""
    # imported when the command runs, so that `tracker --help` stays quick
    import datetime as dt
    import json

    from sqlmodel import Session

    from ..actions import log
    from ..actions.exports import log_csv
    from ..minutes.councils import council_slug

    if context.invoked_subcommand is not None:
        return
    args = {"status": status or "", "committee": committee or "",
            "council": council_slug(council) if council else "", "owner": owner or "", "kind": kind or "",
            "sort": sort}
    try:
        filters = log.parse_filters(args)
    except log.BadFilter as error:
        raise click.ClickException(str(error)) from None
    engine = checked_engine()
    try:
        with Session(engine) as session:
            entries = log.action_log(session=session, filters=filters, include_drafts=drafts,
                                     today=dt.date.today(), stale_days=stale_days).entries
    finally:
        engine.dispose()
    if output_format == "json":
        click.echo(json.dumps([entry.to_dict() for entry in entries], indent=2, ensure_ascii=False))
    elif output_format == "csv":
        click.echo(log_csv(entries, base_url=""), nl=False)
    else:
        for entry in entries:
            a = entry.action
            due = a.due_date.isoformat() if a.due_date else (a.due or "no date")
            flags = "".join([" OVERDUE" if entry.overdue else "", " STALE" if entry.stale else ""])
            click.echo(f"#{a.id} [{a.status}{flags}] {entry.committee.name} "
                       f"{entry.meeting.date.isoformat() if entry.meeting.date else 'undated'}: {a.text} "
                       f"(owner: {a.owner or 'not named'}; due: {due})")
        click.echo(f"{len(entries)} action(s)")


@actions_command.command("refresh")
def actions_refresh() -> None:
    """Date "next meeting" actions and propose discharges and repeats for every meeting (after a CLI ingest)."""
    # imported when the command runs, so that `tracker --help` stays quick
    from sqlmodel import select

    from ..actions.service import next_meeting_dues
    from ..db import write_session
    from ..actions.discharge import propose_discharges
    from ..models import Committee, Meeting
    from ..actions.repeats import propose_repeats

    engine = checked_engine()
    dated = proposed = 0
    try:
        with write_session(engine) as session:
            session.info["tracker.actions.busy"] = True  # this does by hand what the listeners would
            for committee_id in session.exec(select(Committee.id)).all():
                dated += len(next_meeting_dues(session=session, committee_id=committee_id))
            for meeting_id in session.exec(select(Meeting.id).where(Meeting.date.is_not(None))).all():
                proposed += len(propose_discharges(session=session, meeting_id=meeting_id))
                proposed += len(propose_repeats(session=session, meeting_id=meeting_id))
    finally:
        engine.dispose()
    click.echo(f"{dated} action(s) dated by their committee's next meeting; {proposed} link(s) proposed")
