"""Relevance of search on the demo corpus: precision at 5 and nDCG at 10 for each engine, against judged queries.

The judged queries live in ``tests/tracker/fixtures/relevance.jsonl``, one JSON object a line:
``{"query": ..., "why": ..., "relevant": [selector, ...]}``. A person read the records and wrote selectors
that name them by what survives a re-ingest (the meeting's committee and date, an agenda item's title, a
record's words), never by database id:

- ``{"meeting": "Committee|YYYY-MM-DD", "item": "words of the title"}``: the agenda item and every record
  under it (grade 1, or the selector's ``grade``);
- ``{"meeting": "Committee|YYYY-MM-DD", "text": "words of the record"}``: records whose text holds these
  words (grade 2, or ``grade``), optionally only of one ``kind``.

A record's grade is the highest any selector gives it. A comment that only repeats its item's title is never
relevant: it is the heading again, not something said. Precision at 5 counts grade >= 1.
"""

from __future__ import annotations

import json
import math
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

ROOT = Path(__file__).resolve().parents[1]
JUDGEMENTS = ROOT / "tests" / "tracker" / "fixtures" / "relevance.jsonl"
CORPUS = ROOT / "corpus"
TARGET_P5 = 0.8
ENGINES = ("tantivy", "whoosh", "postgres")


@dataclass
class Judged:
    """One judged query: what a councillor typed and the grade of each relevant record (kind, id)."""

    query: str
    why: str
    selectors: list[dict]
    grades: dict[tuple[str, int], int] = field(default_factory=dict)


def load_judgements(path: Path = JUDGEMENTS) -> list[Judged]:
    """The judged queries, in file order."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            found.append(Judged(query=row["query"], why=row.get("why", ""), selectors=row["relevant"]))
    return found


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def corpus_records(session: Session) -> list[dict]:
    """Every item and record in the database with what selectors match on."""
    from tracker.models import RECORD_MODELS, AgendaItem, Committee, Meeting
    from tracker.search.documents import repeats_heading

    meetings = {m.id: f"{c.name}|{m.date.isoformat() if m.date else ''}" for m, c in session.exec(
        select(Meeting, Committee).join(Committee, Committee.id == Meeting.committee_id)).all()}
    items = {i.id: i for i in session.exec(select(AgendaItem)).all()}
    rows = [{"key": ("item", i.id), "meeting": meetings[i.meeting_id], "item": _norm(i.title), "text": _norm(i.title),
             "kind": "item", "echo": False} for i in items.values()]
    for kind, model in RECORD_MODELS.items():
        for record in session.exec(select(model)).all():
            item = items.get(record.item_id)
            rows.append({"key": (str(kind), record.id), "meeting": meetings[record.meeting_id],
                         "item": _norm(item.title) if item else "", "text": _norm(record.text), "kind": str(kind),
                         "echo": kind == "comment" and item is not None and repeats_heading(record.text, item.title)})
    return rows


def resolve(judged: list[Judged], rows: list[dict]) -> list[str]:
    """Fill in each query's grades from its selectors; returns problems (a selector matching nothing)."""
    problems = []
    for query in judged:
        query.grades = {}
        for selector in query.selectors:
            meeting, words = selector["meeting"], _norm(selector.get("item") or selector.get("text") or "")
            matched = [row for row in rows if row["meeting"] == meeting
                       and (selector.get("kind") in (None, row["kind"]))
                       and (words in row["item"] if "item" in selector else words in row["text"])]
            if not matched:
                problems.append(f"{query.query!r}: nothing matches {selector}")
            for row in matched:
                if row["echo"]:
                    continue
                grade = selector.get("grade", 1 if "item" in selector else 2)
                query.grades[row["key"]] = max(grade, query.grades.get(row["key"], 0))
    return problems


def precision_at(found: list[tuple[str, int]], grades: dict, k: int = 5) -> float:
    return sum(1 for key in found[:k] if grades.get(key, 0) >= 1) / k


def ndcg_at(found: list[tuple[str, int]], grades: dict, k: int = 10) -> float:
    gains = [grades.get(key, 0) for key in found[:k]]
    dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def _ingest_corpus(engine, nlp) -> int:
    from tracker.minutes.ingest import ingest_document
    from tracker.minutes.readers import read_path

    count = 0
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "reports"):
        for path in sorted(folder.glob("*.txt")):
            ingest_document(engine=engine, document=read_path(path), nlp=nlp, publish=True)
            count += 1
    return count


def measure(app, judged: list[Judged]) -> list[tuple[Judged, list[tuple[str, int]], str]]:
    """Each judged query run through the app's own search service: (query, top 10 keys, what was said)."""
    from tracker.search import QueryError, build_request, run_search
    from tracker.search.engines import backend_for

    engine = app.extensions["tracker.engine"]
    out = []
    with Session(engine) as session:
        for query in judged:
            try:
                request = build_request(session=session, text=query.query, per_page=10)
                results = run_search(session=session, backend=backend_for(app), request=request)
            except QueryError as error:
                out.append((query, [], f"error: {error}"))
                continue
            out.append((query, [(hit.kind, hit.record_id) for hit in results.hits],
                        getattr(results, "notice", None) or ""))
    return out


def _app(instance: Path, database_url: str, search: str, nlp):
    from tracker import create_app

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(instance), "DATABASE_URL": database_url,
                      "SECRET_KEY": "bench", "SECURE_COOKIES": "0", "SEARCH": search})
    app.extensions["tracker.nlp"] = nlp
    return app


def run_benchmark(*, engines=ENGINES, postgres: str, say=print, details: bool = False) -> dict[str, tuple]:
    """Ingest the demo corpus, run the judged queries on each engine, print P@5 and nDCG@10; returns the figures."""
    import psycopg

    from nlp import build_pipeline
    from tracker.db import make_engine, upgrade

    nlp = build_pipeline()
    judged = load_judgements()
    figures: dict[str, tuple] = {}
    with tempfile.TemporaryDirectory(prefix="tracker-relevance-") as folder:
        sqlite_url = f"sqlite:///{folder}/tracker.sqlite3"
        upgrade(make_engine(sqlite_url))
        databases = {"tantivy": sqlite_url, "whoosh": sqlite_url}
        scratch = None
        if "postgres" in engines:
            scratch = f"tracker_relevance_{uuid.uuid4().hex[:8]}"
            admin = postgres.replace("+psycopg", "").rstrip("/") + "/postgres"
            try:
                with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
                    connection.execute(f'CREATE DATABASE "{scratch}"')
                databases["postgres"] = f"{postgres.rstrip('/')}/{scratch}"
                upgrade(make_engine(databases["postgres"]))
            except psycopg.OperationalError as error:
                say(f"postgres: skipped, PostgreSQL not reachable at {postgres} ({str(error).strip()[:80]})")
                scratch = None
        ingested: set[str] = set()
        try:
            for name in engines:
                if name not in databases:
                    continue
                app = _app(Path(folder) / f"instance-{name}", databases[name], name, nlp)
                try:
                    engine = app.extensions["tracker.engine"]
                    if databases[name] not in ingested:
                        _ingest_corpus(engine, nlp)
                        ingested.add(databases[name])
                    with Session(engine) as session:
                        problems = resolve(judged, corpus_records(session))
                    for problem in problems:
                        say(f"judgement problem: {problem}")
                    figures[name] = _report(name, measure(app, judged), say, details)
                finally:
                    app.extensions["tracker.search"].close()
                    app.extensions["tracker.engine"].dispose()
        finally:
            if scratch:
                with psycopg.connect(admin, autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    say("")
    say(f"{'engine':<10} {'queries':>7} {'P@5':>6} {'nDCG@10':>8}  target P@5 >= {TARGET_P5}")
    for name, (count, p5, ndcg) in figures.items():
        verdict = "met" if p5 >= TARGET_P5 else f"missed by {TARGET_P5 - p5:.3f}"
        say(f"{name:<10} {count:>7} {p5:>6.3f} {ndcg:>8.3f}  {verdict}")
    return figures


def _report(name: str, measured, say, details: bool) -> tuple[int, float, float]:
    p5s, ndcgs = [], []
    for query, found, said in measured:
        p5, ndcg = precision_at(found, query.grades), ndcg_at(found, query.grades)
        p5s.append(p5)
        ndcgs.append(ndcg)
        if details:
            marks = "".join(str(query.grades.get(key, 0)) for key in found) or "-"
            say(f"{name:<8} P@5 {p5:.1f} nDCG {ndcg:.2f}  {marks:<10} {query.query}"
                + (f"  [{said}]" if said else ""))
    return len(measured), sum(p5s) / len(p5s), sum(ndcgs) / len(ndcgs)
