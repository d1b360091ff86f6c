"""`tracker bench search`: build each engine's index over the same generated corpus and time the same queries.

A benchmark, not a test: it prints figures. The corpus recombines sentences
from ``corpus/*/*.txt`` into N records spread over committees, meetings,
dates and kinds. tantivy (the embedded default), Whoosh and PostgreSQL run
through the tracker's own backends (the path the web app takes: facets,
filters, highlighted top 10); SQLite FTS5 and raw tantivy ("tantivy-raw": top
10 with tantivy's own snippets, no facets) are references for what one machine
can do.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.config import ROOT
from tracker.minutes.ingest import slugify
from tracker.search.core import SearchRequest
from tracker.search.documents import SearchDocument
from tracker.search.query import And, Phrase, Word

COMMITTEES = ["Children & Families Scrutiny Committee", "Adults and Health Scrutiny Committee",
              "Corporate Overview and Scrutiny Committee", "Housing Scrutiny Panel", "Planning Committee",
              "Audit and Governance Committee", "Environment and Communities Scrutiny Committee", "Licensing Committee",
              "Health and Wellbeing Board", "Place Select Committee", "Finance and Resources Board", "Cabinet"]
PEOPLE = ["Councillor Foster", "Councillor Khan", "Councillor Evans", "Councillor Patel", "Councillor Hughes",
          "the Director of Children's Services", "the Head of Finance", "the Cabinet Member for Housing", None]
KINDS = ["question"] * 25 + ["response"] * 25 + ["comment"] * 15 + ["resolution"] * 15 + ["action"] * 12 + ["item"] * 8
RECORDS_PER_MEETING = 40


@dataclass
class Timings:
    build_seconds: float = 0.0
    size: int = 0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    note: str = ""

    def p(self, kind: str, pct: float) -> float:
        values = sorted(self.latencies.get(kind, []))
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))] * 1000


def sentences() -> list[str]:
    found = []
    for path in sorted((ROOT / "corpus").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for sentence in re.split(r"(?<=[.!?])\s+|\n{2,}", text):
            sentence = " ".join(sentence.split())
            if 6 <= len(sentence.split()) <= 60 and ":" not in sentence[:15]:
                found.append(sentence)
    return found


def generate(records: int, seed: int = 7) -> list[SearchDocument]:
    """N records: meetings of 40 across the committees and 2015-2025, kinds mixed as minutes mix them."""
    rng = random.Random(seed)
    pool = sentences()
    documents = []
    for number in range(records):
        meeting = number // RECORDS_PER_MEETING + 1
        mrng = random.Random(meeting * 7919 + seed)
        committee = COMMITTEES[mrng.randrange(len(COMMITTEES))]
        date = dt.date(2015, 1, 1) + dt.timedelta(days=mrng.randrange(11 * 365))
        kind = rng.choice(KINDS)
        text = " ".join(rng.choice(pool) for _ in range(1 if kind == "item" else rng.choice((1, 1, 2, 3))))
        if kind == "item":
            text = text[:120]
        documents.append(SearchDocument(
            kind=kind, record_id=number + 1, meeting_id=meeting, meeting_date=date, committee=committee,
            committee_slug=slugify(committee), published=True, item_number=str(number % 12 + 1),
            item_title="Item", item_position=number % 12, text=text,
            speaker=rng.choice(PEOPLE) if kind in ("question", "response", "comment", "action") else None,
            status=rng.choice(("open", "in_progress", "done")) if kind == "action" else None))
    return documents


def workload(documents: list[SearchDocument], count: int, seed: int = 11) -> dict[str, list[dict]]:
    """The same queries for every engine: single terms, two terms filtered by committee or dates, phrases."""
    rng = random.Random(seed)
    frequency: dict[str, int] = {}
    for document in documents[:5000]:
        for word in set(re.findall(r"[a-z]{5,}", document.text.lower())):
            frequency[word] = frequency.get(word, 0) + 1
    ranked = sorted(frequency, key=lambda w: -frequency[w])
    common = ranked[20:400] or ranked  # skip the very commonest words, as people search for content words
    phrases = []
    for document in documents[:3000]:
        words = re.findall(r"[A-Za-z]{4,}", document.text)
        if len(words) >= 3:
            start = rng.randrange(len(words) - 1)
            phrases.append(f"{words[start]} {words[start + 1]}")
    queries: dict[str, list[dict]] = {"term": [], "filtered": [], "phrase": []}
    for index in range(count):
        queries["term"].append({"words": [rng.choice(common)]})
        filtered = {"words": [rng.choice(common), rng.choice(common)]}
        if index % 2:
            filtered["committee"] = slugify(rng.choice(COMMITTEES))
        else:
            year = rng.randrange(2015, 2024)
            filtered["dates"] = (dt.date(year, 1, 1), dt.date(year + 2, 12, 31))
        queries["filtered"].append(filtered)
        queries["phrase"].append({"phrase": rng.choice(phrases)})
    return queries


def _timed(run: Callable[[dict], object], queries: dict[str, list[dict]], timings: Timings) -> None:
    for kind, batch in queries.items():
        for spec in batch[:3]:
            run(spec)  # warm caches, as a running server would be
        values = []
        for spec in batch:
            start = time.perf_counter()
            run(spec)
            values.append(time.perf_counter() - start)
        timings.latencies[kind] = values


def _request(spec: dict) -> SearchRequest:
    if "phrase" in spec:
        tree = Phrase(spec["phrase"])
    else:
        words = [Word(w) for w in spec["words"]]
        tree = words[0] if len(words) == 1 else And(tuple(words))
    dates = spec.get("dates") or (None, None)
    return SearchRequest(text="", tree=tree, committees=(spec["committee"],) if spec.get("committee") else (),
                         date_from=dates[0], date_to=dates[1], include_drafts=False)


# --- the engines ---------------------------------------------------------------------

def bench_whoosh(documents, queries, folder: Path, procs: int) -> Timings:
    from whoosh import index as whoosh_index

    from tracker.search.whoosh_backend import WhooshBackend, index_fields, schema

    backend = WhooshBackend(folder / "whoosh")
    generation = backend.root / "gen-bench"
    generation.mkdir(parents=True)
    timings = Timings()
    start = time.perf_counter()
    index = whoosh_index.create_in(str(generation), schema())
    writer = index.writer(procs=procs, multisegment=True, limitmb=128) if procs > 1 else index.writer(limitmb=256)
    for document in documents:
        writer.add_document(**index_fields(document))
    writer.commit()
    timings.build_seconds = time.perf_counter() - start
    (backend.root / "CURRENT").write_text(generation.name)
    (generation / "stamps.json").write_text("{}")
    timings.size = backend.size_on_disk()
    timings.note = f"{procs} writer process(es)"
    _timed(lambda spec: backend.query_index(_request(spec)), queries, timings)
    backend.close()
    return timings


def bench_tantivy_backend(documents, queries, folder: Path) -> Timings:
    try:
        from tracker.search.tantivy_backend import TantivyBackend
    except ImportError:
        return Timings(note="skipped: tantivy is not installed")
    backend = TantivyBackend(folder / "tantivy-index")
    timings = Timings(note="the app's backend: facets by aggregation, snippets for the top 10")
    start = time.perf_counter()
    generation, _count = backend.build_generation(documents)
    timings.build_seconds = time.perf_counter() - start
    backend._save_stamps(generation, {})
    backend._swap_in(generation)
    timings.size = backend.size_on_disk()
    _timed(lambda spec: backend.query_index(_request(spec)), queries, timings)
    backend.close()
    return timings


def bench_postgres(documents, queries, server: str) -> Timings:
    import psycopg
    from sqlalchemy import insert

    from tracker.db import make_engine, upgrade
    from tracker.search.postgres_backend import PostgresBackend, count_terms, documents as table, index_row, settle

    name = f"tracker_bench_{uuid.uuid4().hex[:8]}"
    admin = server.replace("+psycopg", "").rstrip("/") + "/postgres"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        return Timings(note=f"skipped: PostgreSQL not reachable at {server} ({str(error).strip()[:80]})")
    engine = make_engine(f"{server.rstrip('/')}/{name}")
    try:
        upgrade(engine)
        timings = Timings()
        start = time.perf_counter()
        with engine.begin() as connection:
            for offset in range(0, len(documents), 2000):
                connection.execute(insert(table), [index_row(d) for d in documents[offset:offset + 2000]])
            count_terms(connection, None, +1)
        settle(engine)  # as the backend's rebuild does: VACUUM (ANALYZE)
        timings.build_seconds = time.perf_counter() - start
        backend = PostgresBackend()
        backend.open(engine)
        timings.size = backend.size_on_disk()
        timings.note = "tsvector columns + GIN and per-term and per-pair counts, same transaction"
        _timed(lambda spec: backend.query_index(_request(spec)), queries, timings)
        return timings
    finally:
        engine.dispose()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench_fts5(documents, queries, folder: Path) -> Timings:
    path = folder / "fts5.sqlite3"
    connection = sqlite3.connect(path)
    timings = Timings(note="porter tokenizer, snippet()")
    start = time.perf_counter()
    connection.execute("CREATE VIRTUAL TABLE doc USING fts5(text, kind UNINDEXED, committee UNINDEXED, "
                       "day UNINDEXED, tokenize='porter unicode61')")
    connection.executemany("INSERT INTO doc(rowid, text, kind, committee, day) VALUES (?, ?, ?, ?, ?)",
                           [(d.record_id, d.text, d.kind, d.committee_slug, d.meeting_date.isoformat())
                            for d in documents])
    connection.commit()
    timings.build_seconds = time.perf_counter() - start
    timings.size = path.stat().st_size

    def run(spec):
        if "phrase" in spec:
            match = '"' + spec["phrase"].replace('"', "") + '"'
        else:
            match = " AND ".join(f'"{w}"' for w in spec["words"])
        sql = ("SELECT rowid, snippet(doc, 0, '<mark>', '</mark>', '…', 30) FROM doc WHERE doc MATCH ?")
        params = [match]
        if spec.get("committee"):
            sql += " AND committee = ?"
            params.append(spec["committee"])
        if spec.get("dates"):
            sql += " AND day BETWEEN ? AND ?"
            params += [spec["dates"][0].isoformat(), spec["dates"][1].isoformat()]
        return connection.execute(sql + " ORDER BY rank LIMIT 10", params).fetchall()

    _timed(run, queries, timings)
    connection.close()
    return timings


def bench_tantivy(documents, queries, folder: Path) -> Timings:
    try:
        import tantivy
    except ImportError:
        return Timings(note="skipped: tantivy is not installed")
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("committee", tokenizer_name="raw")
    builder.add_text_field("kind", tokenizer_name="raw")
    builder.add_integer_field("day", indexed=True, fast=True)
    builder.add_integer_field("id", stored=True)
    schema = builder.build()
    where = folder / "tantivy"
    where.mkdir()
    timings = Timings(note="en_stem, SnippetGenerator")
    start = time.perf_counter()
    index = tantivy.Index(schema, path=str(where))
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    for d in documents:
        writer.add_document(tantivy.Document(text=d.text, committee=d.committee_slug, kind=d.kind,
                                             day=int(d.meeting_date.strftime("%Y%m%d")), id=d.record_id))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    timings.build_seconds = time.perf_counter() - start
    timings.size = sum(p.stat().st_size for p in where.rglob("*") if p.is_file())
    searcher = index.searcher()

    def run(spec):
        if "phrase" in spec:
            text = '"' + re.sub(r"[^\w ]", " ", spec["phrase"]) + '"'
        else:
            text = " AND ".join(re.sub(r"[^\w]", "", w) for w in spec["words"])
        if spec.get("committee"):
            text = f"({text}) AND committee:\"{spec['committee']}\""
        if spec.get("dates"):
            low, high = (int(x.strftime("%Y%m%d")) for x in spec["dates"])
            text = f"({text}) AND day:[{low} TO {high}]"
        query = index.parse_query(text, ["text"])
        found = searcher.search(query, 10)
        generator = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
        return [generator.snippet_from_doc(searcher.doc(address)).to_html() for _score, address in found.hits]

    _timed(run, queries, timings)
    return timings


# --- the report -------------------------------------------------------------------------

ENGINES = ("tantivy", "whoosh", "postgres", "sqlite-fts5", "tantivy-raw")


def run_benchmark(*, records: int, queries: int, postgres: str, whoosh_procs: int,
                  say: Callable[[str], None], engines: tuple[str, ...] = ENGINES) -> dict[str, Timings]:
    """Build each engine's index over one generated corpus and time one query workload; `say` prints lines."""
    documents = generate(records)
    meetings = documents[-1].meeting_id if documents else 0
    load = workload(documents, queries)
    say(f"corpus: {len(documents):,} records in {meetings:,} meetings, {len(COMMITTEES)} committees, 2015-2025; "
        f"{queries} queries of each type, each returning a highlighted top 10")
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    results: dict[str, Timings] = {}
    try:
        for name, run in [("tantivy", lambda: bench_tantivy_backend(documents, load, folder)),
                          ("whoosh", lambda: bench_whoosh(documents, load, folder, whoosh_procs)),
                          ("postgres", lambda: bench_postgres(documents, load, postgres)),
                          ("sqlite-fts5", lambda: bench_fts5(documents, load, folder)),
                          ("tantivy-raw", lambda: bench_tantivy(documents, load, folder))]:
            if name not in engines:
                continue
            say(f"building and querying: {name} ...")
            results[name] = run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for line in report(results, len(documents)):
        say(line)
    return results


def report(results: dict[str, Timings], records: int) -> list[str]:
    ran = {name: t for name, t in results.items() if t.latencies}
    lines = ["", f"{'engine':<12} {'build rec/s':>12} {'size MB':>8} " + " ".join(
        f"{k + ' p50/p95 ms':>22}" for k in ("term", "filtered", "phrase"))]
    best_rate = max((records / t.build_seconds for t in ran.values() if t.build_seconds), default=0)
    best = {k: min((t.p(k, 95) for t in ran.values()), default=0) for k in ("term", "filtered", "phrase")}
    for name, t in results.items():
        if not t.latencies:
            lines.append(f"{name:<12} {t.note}")
            continue
        rate = records / t.build_seconds if t.build_seconds else float("inf")
        cells = " ".join(f"{t.p(k, 50):>9.2f} / {t.p(k, 95):>8.2f}" + "   " for k in ("term", "filtered", "phrase"))
        lines.append(f"{name:<12} {rate:>12,.0f} {t.size / 1e6:>8.1f} {cells}")
    lines.append("")
    lines.append("ratio to the fastest (build rate: fastest / engine; latency: engine p95 / fastest p95):")
    for name, t in ran.items():
        rate = records / t.build_seconds if t.build_seconds else 0
        ratios = ", ".join(f"{k} x{t.p(k, 95) / best[k]:.1f}" if best[k] else f"{k} -"
                           for k in ("term", "filtered", "phrase"))
        lines.append(f"  {name:<12} build x{best_rate / rate if rate else float('inf'):.1f}, {ratios}"
                     + (f"  ({t.note})" if t.note else ""))
    lines.append("")
    for name in ("tantivy", "whoosh"):
        if name in ran:
            t = ran[name]
            worst = max(t.p(k, 95) for k in ("term", "filtered", "phrase"))
            rate = records / t.build_seconds if t.build_seconds else float("inf")
            role = "the embedded default" if name == "tantivy" else "selectable with TRACKER_SEARCH=whoosh"
            lines.append(f"{name} ({role}) against the embedded targets (set at 100,000 records): p95 <= 100 ms "
                         f"for every query type (worst here {worst:.1f} ms: {_verdict(worst, 100, lower=True)}), "
                         f"build >= 3,000 records/s (here {rate:,.0f}: {_verdict(rate, 3000, lower=False)})")
    if "postgres" in ran:
        worst = max(ran["postgres"].p(k, 95) for k in ("term", "filtered", "phrase"))
        lines.append(f"postgres against its target (set at 1,000,000 records): p95 <= 100 ms for every query type "
                     f"(worst here {worst:.1f} ms: {_verdict(worst, 100, lower=True)})")
    return lines


def _verdict(value: float, target: float, *, lower: bool) -> str:
    if (value <= target) if lower else (value >= target):
        return "met"
    return f"missed by {value / target:.1f}x" if lower else f"missed by {target / value:.1f}x"
