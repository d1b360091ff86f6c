"""Bulk ingest against its own parts: `tracker ingest` into a fresh instance, and segmenting alone, in one run."""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .segment import corpus_texts

INGEST_TARGET = 0.50  # end to end at >= 50% of the segment-only rate


def distinct_documents(count: int) -> list[str]:
    """`count` corpus documents; each repeat is filed under a committee of its own ("Copy 2 of ..."), so that
    every one is a new meeting, not a corrected version of one already stored."""
    from nlp.text import split_header

    texts = corpus_texts()
    documents = []
    for n in range(count):
        text = texts[n % len(texts)]
        copy = n // len(texts)
        if copy:
            header, body = split_header(text)
            header["committee"] = f"Copy {copy} of {header.get('committee', 'the minutes')}"
            text = "".join(f"{key}: {value}\n" for key, value in header.items()) + "---\n" + body
        documents.append(text)
    return documents


@contextmanager
def _environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def ingest_benchmark(*, documents: int = 300, database_url: str | None = None) -> Iterator[str]:
    """Meetings per second of `tracker ingest` (read in the child, segment, store) against `nlp.segment` alone."""
    from click.testing import CliRunner

    from nlp import build_pipeline, segment
    from tracker.cli import cli

    texts = distinct_documents(documents)
    pipeline = build_pipeline()
    for text in texts[:20]:
        segment(text, nlp=pipeline)  # warm the vocabulary, as the ingest's first documents do
    started = time.perf_counter()
    for text in texts:
        segment(text, nlp=pipeline)
    segment_only = len(texts) / (time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "minutes"
        folder.mkdir()
        for n, text in enumerate(texts):
            (folder / f"m{n:04}.txt").write_text(text, encoding="utf-8")
        settings = {"TRACKER_INSTANCE": str(Path(scratch) / "instance"), "TRACKER_INGEST_NICE": "0"}
        if database_url:
            settings["TRACKER_DATABASE_URL"] = database_url
        runner = CliRunner()
        with _environment(**settings):
            upgraded = runner.invoke(cli, ["db", "upgrade"])
            if upgraded.exit_code != 0:
                raise RuntimeError(upgraded.output)
            started = time.perf_counter()
            result = runner.invoke(cli, ["ingest", str(folder)])
            elapsed = time.perf_counter() - started
        summary = result.output.strip().splitlines()[-1] if result.output.strip() else repr(result.exception)
    end_to_end = len(texts) / elapsed
    ratio = end_to_end / segment_only
    yield f"documents: {len(texts)} distinct corpus documents; database: {database_url or 'SQLite (embedded default)'}"
    yield f"tracker ingest: {summary}"
    yield f"segmenting alone (nlp.segment):                {segment_only:>8.1f} meetings/s"
    yield f"end to end (tracker ingest, start-up included): {end_to_end:>8.1f} meetings/s ({elapsed:.1f} s)"
    yield (f"ratio: {ratio:.1%} of the segment-only rate (target >= {INGEST_TARGET:.0%}): "
           f"{'met' if ratio >= INGEST_TARGET else 'NOT met'}")
