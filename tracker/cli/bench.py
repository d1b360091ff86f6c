"""`tracker bench`: benchmarks that print figures against a baseline (the code is in benchmarks/)."""

from __future__ import annotations

import importlib
import sys

import click

from ..config import ROOT
from .base import cli


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
@click.option("--pathological", is_flag=True,
              help="Instead: CPU seconds per 10k, 20k, 40k and 80k characters of each input shape that once made the "
                   "segmenter quadratic, and of real minutes, with the growth per doubling.")
def bench_segment(repeat: int, copies: int, pathological: bool) -> None:
    """Words per second of the whole segmenter against spaCy's bare tokenizer (or its growth on hostile shapes)."""
    module = _benchmark("segment")
    lines = (module.pathological_benchmark(repeat=max(1, min(repeat, 3))) if pathological
             else module.segment_benchmark(repeat=repeat, copies=copies))
    for line in lines:
        click.echo(line)


@bench.command("ingest")
@click.option("--documents", default=300, show_default=True, type=click.IntRange(10, 100_000),
              help="How many distinct corpus documents to store.")
@click.option("--database-url", default=None,
              help="Store into this (empty) database instead of a fresh SQLite one in a scratch instance.")
def bench_ingest(documents: int, database_url: str | None) -> None:
    """Meetings per second of `tracker ingest` into a fresh instance against segmenting the same documents alone."""
    for line in _benchmark("ingest").ingest_benchmark(documents=documents, database_url=database_url):
        click.echo(line)


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


@bench.command("relevance")
@click.option("--engines", default="tantivy,whoosh,postgres", show_default=True,
              help="Comma-separated engines to measure.")
@click.option("--postgres", default=None, help="PostgreSQL server URL (a scratch database is made and dropped); "
              "default TRACKER_TEST_POSTGRES or postgresql+psycopg://postgres@127.0.0.1:5432.")
@click.option("--details", is_flag=True, help="Print each query's figures and the grades of its top ten.")
def bench_relevance(engines: str, postgres: str | None, details: bool) -> None:
    """Precision at 5 and nDCG at 10 of each engine on the judged queries over the demo corpus."""
    # imported when the command runs, so that `tracker --help` stays quick
    import os

    relevance = _benchmark("relevance")
    chosen = tuple(dict.fromkeys(e.strip().lower() for e in engines.split(",") if e.strip()))
    unknown = [e for e in chosen if e not in relevance.ENGINES]
    if unknown or not chosen:
        raise click.BadParameter(f"use some of {', '.join(relevance.ENGINES)}", param_hint="--engines")
    server = postgres or os.environ.get("TRACKER_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")
    relevance.run_benchmark(engines=chosen, postgres=server, say=click.echo, details=details)
