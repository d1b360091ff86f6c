"""`tracker extract` (segment one file and print what was found) and `tracker ingest` (store minutes)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..minutes.readers import (
    InvalidDocument, ReaderProcess, read_document, read_path_bytes, sniff_format,
)
from ..config import reading_limits
from .base import checked_engine, cli, settings
from .reports import extract_report


def _read(reader: ReaderProcess, data: bytes, name: str, largest: int):
    """Plain text is decoded here (linear, no parser to guard, as a paste is on the web); any other format is
    parsed in the reader's child under the time and memory limits."""
    if sniff_format(data) == "text":
        return read_document(data, filename=name, max_bytes=largest)
    return reader.read(data, filename=name, max_bytes=largest)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="json: the extraction contract for tools; text: items and threads for people.")
@click.option("--report", "as_report", is_flag=True,
              help="PATH is a performance report: print its priorities, indicators and tables instead.")
def extract(path: str, output_format: str, as_report: bool) -> None:
    """Segment the minutes in PATH (text, HTML, PDF or DOCX) and print what was found."""
    if as_report:
        return extract_report(path, output_format)
    # imported when the command runs, so that `tracker --help` stays quick
    from nlp import SegmenterError, segment

    from .render import minutes_as_text

    limits = reading_limits()
    largest = limits["MAX_UPLOAD_MB"] * 1024 * 1024
    try:
        with ReaderProcess(timeout=limits["PARSE_SECONDS"], memory_mb=limits["PARSE_MEMORY_MB"]) as reader:
            document = _read(reader, read_path_bytes(path, max_bytes=largest), os.path.basename(path), largest)
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
@click.option("--council", help="Council or other body, when the minutes do not say (else the default council).")
@click.option("--committee", help="Committee name, when the minutes do not say or say it differently.")
@click.option("--date", "meeting_date", help="Meeting date as YYYY-MM-DD, when the minutes do not say.")
@click.option("--publish", is_flag=True, help="Make the meetings public at once (otherwise they are drafts).")
def ingest(paths: tuple[str, ...], council: str | None, committee: str | None, meeting_date: str | None,
           publish: bool) -> None:
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
    engine = checked_engine()
    config = settings()
    uploads = Path(config["UPLOADS_PATH"])
    _yield_cpu(config["INGEST_NICE"])
    files = _minutes_files(paths)
    if not files:
        raise click.ClickException("no minutes files (.txt, .html, .pdf, .docx) found in " + ", ".join(paths))
    nlp = build_pipeline()
    tally = {"created": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    lines = []
    # every file is parsed in one child process under the web path's time and memory limits; a file over them
    # is reported and skipped, and the rest of the folder goes on with a fresh child
    reader = ReaderProcess(timeout=config["PARSE_SECONDS"], memory_mb=config["PARSE_MEMORY_MB"])
    with reader, click.progressbar(files, label="ingesting", file=sys.stderr,
                                   item_show_func=lambda p: p.name if p else "") as bar:
        for path in bar:
            try:
                original = read_path_bytes(path, max_bytes=config["MAX_UPLOAD_BYTES"])
                document = _read(reader, original, path.name, config["MAX_UPLOAD_BYTES"])
                outcome = ingest_document(engine=engine, document=document, nlp=nlp, committee=committee, council=council,
                                          meeting_date=meeting_date, publish=publish,
                                          original=original, uploads=uploads)
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
