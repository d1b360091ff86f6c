"""The database under real use: several writers at once, and the same records on SQLite and PostgreSQL."""

import multiprocessing

import pytest
from sqlmodel import Session, func, select

from conftest import CORPUS
from tracker.db import make_engine
from tracker.minutes.readers import read_document
from tracker.models import Action, AgendaItem, Meeting, Person, Question, Resolution, Response

SOURCE = CORPUS / "unseen" / "eastmarsh-2023-adults-health-scrutiny.txt"


def _ingest_years(url, years, failures):
    from nlp import build_pipeline
    from tracker.minutes.ingest import ingest_document

    engine = make_engine(url)
    nlp = build_pipeline()
    text = SOURCE.read_text(encoding="utf-8")
    for year in years:
        try:
            document = read_document(text.replace("2023", str(year)).encode("utf-8"), filename=f"{year}.txt")
            ingest_document(engine=engine, document=document, nlp=nlp)
        except Exception as error:  # reported to the parent: the test shows which writer failed and why
            failures.put(f"{year}: {type(error).__name__}: {error}")
    engine.dispose()


@pytest.mark.slow
def test_database_several_writers_at_once_all_succeed(database_url):
    """Four processes ingesting at the same moment (as gunicorn workers or a bulk load beside the web app)."""
    context = multiprocessing.get_context("spawn")
    failures = context.Queue()
    batches = [range(1900 + 10 * w, 1905 + 10 * w) for w in range(4)]
    workers = [context.Process(target=_ingest_years, args=(database_url, b, failures)) for b in batches]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    errors = []
    while not failures.empty():
        errors.append(failures.get())
    failures.close()
    failures.join_thread()
    assert errors == []
    engine = make_engine(database_url)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Meeting)).one() == 20
        # people named in every document were added once, not once per writer
        names = session.exec(select(Person.name)).all()
        assert len(names) == len(set(names))
    engine.dispose()


def _records(url):
    engine = make_engine(url)
    with Session(engine) as session:
        rows = {
            "items": [(i.number, i.title, i.start, i.end) for i in session.exec(select(AgendaItem)
                                                                               .order_by(AgendaItem.position))],
            "questions": [(q.text, q.asker) for q in session.exec(select(Question).order_by(Question.position))],
            "responses": [(r.text, r.responder) for r in session.exec(select(Response).order_by(Response.position))],
            "resolutions": [(r.text, r.kind) for r in session.exec(select(Resolution)
                                                                   .order_by(Resolution.position))],
            "actions": [(a.text, a.kind, a.owner, a.due_date) for a in session.exec(select(Action)
                                                                                    .order_by(Action.position))],
        }
    engine.dispose()
    return rows


@pytest.mark.postgres
def test_database_the_same_minutes_give_identical_records_on_sqlite_and_postgres(tmp_path, sqlite_template,
                                                                               postgres_url, nlp):
    import shutil

    from conftest import _empty_postgres
    from tracker.minutes.ingest import ingest_document

    sqlite_path = tmp_path / "t.sqlite3"
    shutil.copy(sqlite_template, sqlite_path)
    _empty_postgres(postgres_url)
    document = read_document(SOURCE.read_bytes(), filename=SOURCE.name)
    for url in (f"sqlite:///{sqlite_path}", postgres_url):
        engine = make_engine(url)
        ingest_document(engine=engine, document=document, nlp=nlp)
        engine.dispose()
    on_sqlite, on_postgres = _records(f"sqlite:///{sqlite_path}"), _records(postgres_url)
    assert on_sqlite["questions"] and on_sqlite["actions"]
    assert on_sqlite == on_postgres
