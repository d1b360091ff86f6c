"""Performance reports: `tracker extract --report`, `tracker ingest-report`, `tracker relink-reports`."""

from __future__ import annotations

import json

import click

from ..minutes.readers import InvalidDocument
from .base import checked_engine, cli


def _read_report(path: str):
    # imported when the command runs, so that `tracker --help` stays quick
    from ..reports.reading import read_report_path

    try:
        return read_report_path(path)
    except InvalidDocument as error:
        name = path.rsplit("/", 1)[-1]
        raise click.ClickException(error.message if name in error.message else f"{path}: {error.message}") from None


def extract_report(path: str, output_format: str) -> None:
    """`tracker extract --report PATH`: the report's title, period, priorities, indicators and tables."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..reports import parse_report

    document = _read_report(path)
    parsed = parse_report(document.text)
    for warning in (*document.warnings, *parsed.warnings):
        click.echo(f"warning: {path}: {warning}", err=True)
    if output_format == "json":
        click.echo(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(f"{parsed.title or 'Untitled report'}{f' ({parsed.period})' if parsed.period else ''}")
    for priority in [*parsed.priorities, None]:
        rows = [i for i in parsed.indicators if (i.priority == priority.number if priority else
                                                 i.priority not in {p.number for p in parsed.priorities})]
        if priority is not None:
            click.echo(f"\nPriority {priority.number}: {priority.title}")
        elif rows:
            click.echo("\nOther indicators")
        for i in rows:
            value = "-" if i.value is None else f"{i.value:g}{i.unit or ''}"
            click.echo(f"  {i.code or '-'}: {i.name[:70]} | {value} | RAG {i.rag or 'not rated'} | "
                       f"{i.trend or 'no trend'}")
    for table in parsed.tables:
        click.echo(f"\nTable: {table.title or 'untitled'} ({len(table.rows)} rows)")


def _agenda_item_id(session, meeting_id: int, item: str | None) -> int | None:
    """The agenda item numbered `item` as printed ("5", "PLA 32/16"), or at 1-based position `item`."""
    # imported when the command runs, so that `tracker --help` stays quick
    from sqlmodel import select

    from ..models import AgendaItem

    if item is None:
        return None
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                         .order_by(AgendaItem.position)).all()
    for row in items:
        if (row.number or "").strip().casefold() == item.strip().casefold():
            return row.id
    if item.isdigit() and 1 <= int(item) <= len(items):
        return items[int(item) - 1].id
    raise click.BadParameter(f"meeting {meeting_id} has no agenda item {item!r}", param_hint="--item")


@cli.command("ingest-report")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--meeting", "meeting_id", type=click.IntRange(1, 2**31 - 1),
              help="The id of the stored meeting that considered the report (as in /meetings/<id>).")
@click.option("--committee", help="Or: the committee's name (or slug) that considered it, with --date.")
@click.option("--date", "held", type=click.DateTime(["%Y-%m-%d"]), help="With --committee: the meeting's date.")
@click.option("--item", help="The agenda item that considered it: its number as printed, or its position from 1.")
def ingest_report(path: str, meeting_id: int | None, committee: str | None, held, item: str | None) -> None:
    """Attach the performance report at PATH to a stored meeting and link the meeting's records to it."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import write_session
    from ..errors import TrackerError
    from ..reports.service import attach_report

    if (meeting_id is None) == (committee is None or held is None):
        raise click.UsageError("give the meeting as --meeting ID, or as --committee NAME with --date YYYY-MM-DD")
    document = _read_report(path)
    engine = checked_engine()
    try:
        with write_session(engine) as session:
            if meeting_id is None:
                meeting_id = _meeting_held(session, committee, held.date())
            outcome = attach_report(session=session, meeting_id=meeting_id, document=document,
                                    item_id=_agenda_item_id(session, meeting_id, item))
    except TrackerError as error:  # no such meeting, or a report that cannot be stored as asked
        raise click.ClickException(str(error)) from None
    for warning in outcome.warnings:
        click.echo(f"warning: {path}: {warning}", err=True)
    click.echo(f"{path}: {outcome.summary()}")


def _meeting_held(session, committee: str, held) -> int:
    """The id of the committee's meeting on `held` (the committee named as stored, or by its slug)."""
    # imported when the command runs, so that `tracker --help` stays quick
    from sqlalchemy import func, or_
    from sqlmodel import select

    from ..errors import NotFound
    from ..models import Committee, Meeting

    found = session.exec(select(Meeting.id).join(Committee, Committee.id == Meeting.committee_id).where(
        or_(func.lower(Committee.name) == committee.strip().lower(), Committee.slug == committee.strip()),
        Meeting.date == held).order_by(Meeting.id)).first()
    if found is None:
        raise NotFound(f"there is no meeting of {committee!r} on {held.isoformat()}")
    return found


@cli.command("relink-reports")
@click.option("--meeting", "meeting_id", type=click.IntRange(1, 2**31 - 1),
              help="Only this meeting (default: every meeting with a report).")
def relink_reports(meeting_id: int | None) -> None:
    """Link records to reports afresh (after minutes were replaced or corrected)."""
    # imported when the command runs, so that `tracker --help` stays quick
    from sqlmodel import select

    from ..db import write_session
    from ..reports.models import Report
    from ..reports.service import link_meeting

    engine = checked_engine()
    with write_session(engine) as session:
        meetings = [meeting_id] if meeting_id else sorted(set(session.exec(select(Report.meeting_id))))
        total = sum(link_meeting(session=session, meeting_id=m) for m in meetings)
    click.echo(f"{len(meetings)} meeting(s): {total} links")
