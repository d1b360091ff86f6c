"""The ``tracker`` command line: segment a file, manage the database, ingest minutes, users, serve, search,
reports, the action log, and benchmarks. Each command imports what it needs when it runs."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

import click

from ..config import DEFAULT_STALE_DAYS, ROOT
from ..minutes.readers import InvalidDocument, read_path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Scrutiny Tracker: meeting minutes, questions, resolutions and actions."""


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="json: the extraction contract for tools; text: items and threads for people.")
@click.option("--report", "as_report", is_flag=True,
              help="PATH is a performance report: print its priorities, indicators and tables instead.")
def extract(path: str, output_format: str, as_report: bool) -> None:
    """Segment the minutes in PATH (text, HTML, PDF or DOCX) and print what was found."""
    if as_report:
        return _extract_report(path, output_format)
    # imported when the command runs, so that `tracker --help` stays quick
    from nlp import SegmenterError, segment

    from .render import minutes_as_text

    try:
        document = read_path(path)
        minutes = segment(document.text)
    except (InvalidDocument, SegmenterError) as error:
        message = getattr(error, "message", None) or str(error)
        name = path.rsplit("/", 1)[-1]
        raise click.ClickException(message if name in message else f"{path}: {message}") from None
    for warning in (*document.warnings, *minutes.warnings):
        click.echo(f"warning: {path}: {warning}", err=True)
    if output_format == "json":
        click.echo(json.dumps(minutes.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(minutes_as_text(minutes))


@cli.group()
def bench() -> None:
    """Benchmarks that print figures measured against a baseline in the same run."""


def _benchmark(name: str):
    """The module benchmarks/<name>.py: benchmarks come with a clone of the source, not the installed package."""
    if not (ROOT / "benchmarks" / f"{name}.py").is_file():
        raise click.ClickException(f"benchmarks/{name}.py comes with a clone of the source, not the installed package")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module(f"benchmarks.{name}")


@bench.command("segment")
@click.option("--repeat", default=5, show_default=True, help="Timed runs of each side; the best is kept.")
@click.option("--copies", default=20, show_default=True, help="How many times the corpus text is repeated per run.")
def bench_segment(repeat: int, copies: int) -> None:
    """Words per second of the whole segmenter against spaCy's bare tokenizer."""
    for line in _benchmark("segment").segment_benchmark(repeat=repeat, copies=copies):
        click.echo(line)


# --- the database -------------------------------------------------------------

def _settings() -> dict:
    # imported when the command runs, so that `tracker --help` stays quick
    from ..config import load_settings

    return load_settings()


def _engine():
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import make_engine

    return make_engine(_settings()["DATABASE_URL"])


def _checked_engine():
    """The configured database, refusing (with the command to run) if its schema is not current."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import DatabaseError, check_schema

    engine = _engine()
    try:
        check_schema(engine)
    except DatabaseError as error:
        raise click.ClickException(str(error)) from None
    return engine


@cli.group()
def db() -> None:
    """Create or migrate the database (TRACKER_DATABASE_URL, or SQLite in TRACKER_INSTANCE)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Schema revision to migrate to.")
def db_upgrade(revision: str) -> None:
    """Create the tables, or bring an older schema up to date."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import DatabaseError, current_revision, upgrade

    engine = _engine()
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

    engine = _engine()
    downgrade(engine, revision)
    click.echo(f"database is at revision {current_revision(engine) or 'base'}")


@db.command("current")
def db_current() -> None:
    """Print the schema revision the database is at, and the one this code needs."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import DatabaseError, current_revision, head_revision

    engine = _engine()
    try:
        click.echo(f"database: {current_revision(engine) or 'none'}; code needs: {head_revision(engine)}")
    except DatabaseError as error:
        raise click.ClickException(str(error)) from None


# --- ingest --------------------------------------------------------------------

_INGESTIBLE = {".txt", ".text", ".htm", ".html", ".pdf", ".docx"}


def _minutes_files(paths: tuple[str, ...]) -> list[Path]:
    """Files named, and the minutes files inside folders named (recursively, in name order)."""
    found = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _INGESTIBLE
                                and not p.name.startswith(".")))
        else:
            found.append(path)
    return found


def _yield_cpu(setting: str) -> None:
    """A bulk load is background work: lower this process's CPU priority (where the OS allows) so that web
    workers on the same machine answer readers first. With nothing else running it still gets the whole CPU."""
    niceness = int(setting) if setting.strip().isdigit() else -1
    if not 0 <= niceness <= 19:
        raise click.ClickException(f"TRACKER_INGEST_NICE must be a whole number from 0 to 19, not {setting!r}")
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--committee", help="Committee name, when the minutes do not say or say it differently.")
@click.option("--date", "meeting_date", help="Meeting date as YYYY-MM-DD, when the minutes do not say.")
@click.option("--publish", is_flag=True, help="Make the meetings public at once (otherwise they are drafts).")
def ingest(paths: tuple[str, ...], committee: str | None, meeting_date: str | None, publish: bool) -> None:
    """Store the minutes in PATHS (files or folders of .txt, .html, .pdf, .docx); one line per file."""
    # imported when the command runs, so that `tracker --help` stays quick
    from nlp import SegmenterError, build_pipeline

    from sqlalchemy.exc import SQLAlchemyError

    from ..db import StorageUnavailable, storage_problem
    from ..minutes.ingest import IngestError, ingest_document, parse_date

    if meeting_date:
        try:
            parse_date(meeting_date)
        except IngestError as error:
            raise click.BadParameter(str(error), param_hint="--date") from None
    # imported when the command runs, so that `tracker --help` stays quick
    from ..actions import listeners

    listeners.install()  # date "next meeting" actions and propose discharges and repeats, as the web app does
    engine = _checked_engine()
    settings = _settings()
    uploads = Path(settings["UPLOADS_PATH"])
    _yield_cpu(settings["INGEST_NICE"])
    files = _minutes_files(paths)
    if not files:
        raise click.ClickException("no minutes files (.txt, .html, .pdf, .docx) found in " + ", ".join(paths))
    nlp = build_pipeline()
    tally = {"created": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    lines = []
    with click.progressbar(files, label="ingesting", file=sys.stderr,
                           item_show_func=lambda p: p.name if p else "") as bar:
        for path in bar:
            try:
                document = read_path(path)
                outcome = ingest_document(engine=engine, document=document, nlp=nlp, committee=committee,
                                          meeting_date=meeting_date, publish=publish,
                                          original=path.read_bytes(), uploads=uploads)
            except (InvalidDocument, SegmenterError, IngestError) as error:
                tally["failed"] += 1
                lines.append(f"{path}: error: {getattr(error, 'message', None) or error}")
                continue
            except (SQLAlchemyError, OSError, StorageUnavailable) as error:
                problem = storage_problem(error)
                if problem is None:
                    raise
                tally["failed"] += 1
                lines.append(f"{path}: error: not stored: {problem}")
                continue
            tally[outcome.outcome] += 1
            lines.append(f"{path}: {outcome.summary()}")
    for line in lines:
        click.echo(line)
    click.echo(f"{len(files)} file(s): " + ", ".join(f"{n} {what}" for what, n in tally.items()))
    if tally["failed"]:
        raise SystemExit(1)


# --- users ---------------------------------------------------------------------

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

    engine = _checked_engine()
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


# --- serving -------------------------------------------------------------------

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


# --- search ----------------------------------------------------------------------

def _search_backend(engine):
    """The configured search backend (the SEARCH setting), opened and reconciled with the database."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..search import SearchConfigError, SearchUnavailable, make_backend
    from ..search.engines import start

    settings = _settings()
    try:
        backend = make_backend(name=settings["SEARCH"], database_url=settings["DATABASE_URL"],
                               instance_path=settings["INSTANCE_PATH"])
        start(engine, backend, say=lambda message: click.echo(message, err=True))
    except (SearchConfigError, SearchUnavailable) as error:
        engine.dispose()
        raise click.ClickException(str(error)) from None
    return backend


@cli.command("search")
@click.argument("query", nargs=-1)
@click.option("--kind", multiple=True, help="item, question, response, comment, resolution or action (repeatable).")
@click.option("--committee", multiple=True, help="Committee name or part of it (repeatable).")
@click.option("--from", "date_from", help="Meetings on or after YYYY-MM-DD.")
@click.option("--to", "date_to", help="Meetings on or before YYYY-MM-DD.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--exact", is_flag=True, help="Exact words only (no stemming).")
@click.option("--drafts", is_flag=True, help="Include draft meetings (as editors see them).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="text", show_default=True)
def search_command(query, kind, committee, date_from, date_to, sort, exact, drafts, limit, output_format) -> None:
    """Search the stored minutes for QUERY (words, "phrases", AND/OR/NOT, kind:, committee:, asker:)."""
    # imported when the command runs, so that `tracker --help` stays quick
    import re as _re

    from sqlmodel import Session

    from ..search import QueryError, SearchUnavailable, build_request, run_search

    engine = _checked_engine()
    backend = _search_backend(engine)
    try:
        with Session(engine) as session:  # closed (its connection returned) before the engine is disposed
            request = build_request(session=session, text=" ".join(query), kinds=kind, committees=committee,
                                    date_from=date_from, date_to=date_to, sort=sort, exact=exact,
                                    include_drafts=drafts, per_page=limit)
            if request.tree is None and not (request.kinds or request.committees or request.date_from
                                             or request.date_to):
                raise QueryError("Say what to search for, as in: tracker search \"home to school transport\"")
            results = run_search(session=session, backend=backend, request=request)
    except (QueryError, SearchUnavailable) as error:
        raise click.ClickException(str(error)) from None
    finally:
        backend.close()
        engine.dispose()
    if output_format == "json":
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=1))
        return
    if not results.hits:
        click.echo("no results" + (f"; did you mean: {results.suggestion}" if results.suggestion else ""))
        return
    click.echo(f"{results.total} result(s); showing {len(results.hits)}")
    for number, hit in enumerate(results.hits, 1):
        snippet = _re.sub(r"</?mark>", "*", str(hit.snippet))
        # imported when the command runs, so that `tracker --help` stays quick
        from html import unescape

        where = f"{hit.committee}, {hit.meeting_date or 'undated'}"
        if hit.item_title and hit.kind != "item":
            where += f", item {hit.item_number or ''} {hit.item_title[:60]}".replace("  ", " ")
        click.echo(f"\n{number}. [{hit.kind}] {where}{' (draft)' if hit.draft else ''}")
        click.echo(f"   {(hit.speaker + ': ') if hit.speaker else ''}{unescape(snippet)}")
        if hit.kind == "action":
            click.echo(f"   status: {hit.status}; owner: {hit.owner or 'not named'}; due: {hit.due_date or 'no date'}")
        for response in hit.responses:
            click.echo(f"   -> {(response.responder + ': ') if response.responder else ''}{response.text[:200]}")
        click.echo(f"   {hit.url}")


@cli.command()
def reindex() -> None:
    """Rebuild the search index from the database (into a new place, then swapped in)."""
    # imported when the command runs, so that `tracker --help` stays quick
    import time as _time

    engine = _checked_engine()
    backend = _search_backend(engine)
    started = _time.perf_counter()
    try:
        count = backend.rebuild(engine)
    finally:
        backend.close()
        engine.dispose()
    click.echo(f"search index ({backend.name}) rebuilt: {count} documents in {_time.perf_counter() - started:.1f} s")


@bench.command("search")
@click.option("--records", default=20000, show_default=True, type=click.IntRange(10, 5_000_000),
              help="How many records to generate from the corpus sentences.")
@click.option("--queries", default=100, show_default=True, type=click.IntRange(5, 100_000),
              help="Queries of each type (term, filtered two-term, phrase).")
@click.option("--postgres", default=None, help="PostgreSQL server URL (a scratch database is made and dropped); "
              "default TRACKER_TEST_POSTGRES or postgresql+psycopg://postgres@127.0.0.1:5432.")
@click.option("--whoosh-procs", default=1, show_default=True, type=click.IntRange(1, 16),
              help="Whoosh writer processes for the build.")
@click.option("--engines", default="tantivy,whoosh,postgres,sqlite-fts5,tantivy-raw", show_default=True,
              help="Comma-separated engines to measure.")
def bench_search(records: int, queries: int, postgres: str | None, whoosh_procs: int, engines: str) -> None:
    """Build rate, size and query latency of tantivy, Whoosh, PostgreSQL and SQLite FTS5 on one corpus."""
    # imported when the command runs, so that `tracker --help` stays quick
    import os

    ENGINES, run_benchmark = _benchmark("search").ENGINES, _benchmark("search").run_benchmark
    chosen = tuple(dict.fromkeys(e.strip().lower() for e in engines.split(",") if e.strip()))
    unknown = [e for e in chosen if e not in ENGINES]
    if unknown or not chosen:
        raise click.BadParameter(f"use some of {', '.join(ENGINES)}", param_hint="--engines")
    server = postgres or os.environ.get("TRACKER_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")
    run_benchmark(records=records, queries=queries, postgres=server, whoosh_procs=whoosh_procs, say=click.echo,
                  engines=chosen)


# --- scrutinised reports ---------------------------------------------------------

def _read_report(path: str):
    # imported when the command runs, so that `tracker --help` stays quick
    from ..reports.reading import read_report_path

    try:
        return read_report_path(path)
    except InvalidDocument as error:
        name = path.rsplit("/", 1)[-1]
        raise click.ClickException(error.message if name in error.message else f"{path}: {error.message}") from None


def _extract_report(path: str, output_format: str) -> None:
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
@click.option("--meeting", "meeting_id", type=click.IntRange(1, 2**31 - 1), required=True,
              help="The id of the stored meeting that considered the report (as in /meetings/<id>).")
@click.option("--item", help="The agenda item that considered it: its number as printed, or its position from 1.")
def ingest_report(path: str, meeting_id: int, item: str | None) -> None:
    """Attach the performance report at PATH to a stored meeting and link the meeting's records to it."""
    # imported when the command runs, so that `tracker --help` stays quick
    from ..db import write_session
    from ..errors import TrackerError
    from ..reports.service import attach_report

    document = _read_report(path)
    engine = _checked_engine()
    try:
        with write_session(engine) as session:
            outcome = attach_report(session=session, meeting_id=meeting_id, document=document,
                                    item_id=_agenda_item_id(session, meeting_id, item))
    except TrackerError as error:  # no such meeting, or a report that cannot be stored as asked
        raise click.ClickException(str(error)) from None
    for warning in outcome.warnings:
        click.echo(f"warning: {path}: {warning}", err=True)
    click.echo(f"{path}: {outcome.summary()}")


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

    engine = _checked_engine()
    with write_session(engine) as session:
        meetings = [meeting_id] if meeting_id else sorted(set(session.exec(select(Report.meeting_id))))
        total = sum(link_meeting(session=session, meeting_id=m) for m in meetings)
    click.echo(f"{len(meetings)} meeting(s): {total} links")


@cli.group("actions", invoke_without_command=True)
@click.option("--status", type=click.Choice(["open", "in_progress", "done", "dropped", "overdue", "stale"]),
              help="open: still to do (open or in progress); overdue and stale are still to do too.")
@click.option("--committee", help="A committee's slug, such as adults-health-scrutiny.")
@click.option("--owner", help="Part of the owner's name as minuted, or a person id.")
@click.option("--kind", help="report_back, provide_information, include_data, share, arrange, investigate, other.")
@click.option("--sort", type=click.Choice(["due", "age", "newest"]), default="due", show_default=True)
@click.option("--drafts", is_flag=True, help="Include draft meetings (as editors see them).")
@click.option("--stale-days", type=click.IntRange(1, 36500), default=DEFAULT_STALE_DAYS, show_default=True,
              help="Undated actions older than this are stale.")
@click.option("--format", "output_format", type=click.Choice(["json", "csv", "text"]), default="text",
              show_default=True)
@click.pass_context
def actions_command(context, status, committee, owner, kind, sort, drafts, stale_days, output_format) -> None:
    """The action log: filter by status, committee, owner or kind; print as text, JSON or CSV."""
    # imported when the command runs, so that `tracker --help` stays quick
    import datetime as dt
    import json

    from sqlmodel import Session

    from ..actions import log
    from ..actions.exports import log_csv

    if context.invoked_subcommand is not None:
        return
    args = {"status": status or "", "committee": committee or "", "owner": owner or "", "kind": kind or "",
            "sort": sort}
    try:
        filters = log.parse_filters(args)
    except log.BadFilter as error:
        raise click.ClickException(str(error)) from None
    engine = _checked_engine()
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

    engine = _checked_engine()
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


@bench.command("load")
@click.option("--users", default=50, show_default=True, type=click.IntRange(1, 200), help="Concurrent users.")
@click.option("--duration", default=120.0, show_default=True, type=click.FloatRange(1, 900),
              help="Seconds of load.")
@click.option("--think", default=1.0, show_default=True, type=click.FloatRange(0, 60),
              help="Mean pause between a user's pages, in seconds.")
@click.option("--check", is_flag=True, help="Exit 1 when the targets are not met.")
def bench_load(users: int, duration: float, think: float, check: bool) -> None:
    """Users browse and search gunicorn (4 workers) on 127.0.0.1 while a bulk ingest runs; p50/p95 and errors."""
    # imported when the command runs, so that `tracker --help` stays quick
    import subprocess

    script = ROOT / "benchmarks" / "load.py"
    if not script.is_file():
        raise click.ClickException("benchmarks/load.py comes with a clone of the source, not the installed package")
    command = [sys.executable, str(script), "--users", str(users), "--duration", str(duration), "--think", str(think)]
    raise SystemExit(subprocess.call(command + (["--check"] if check else [])))


def main() -> None:
    cli(prog_name="tracker")
