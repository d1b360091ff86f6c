"""Search from the command line, rebuilding the index, the benchmark, and two processes writing at once."""

import json
import multiprocessing
import os

import pytest

from tracker.cli import cli

MINUTES = """committee: Housing Scrutiny Panel
date: 2024-05-20
---
1. Damp and Mould

Councillor Foster asked how many damp and mould inspections were outstanding. The Head of Housing responded that 140 inspections were outstanding.

RESOLVED - That the report be noted.
"""


@pytest.fixture(params=["tantivy", "whoosh", "postgres"])
def search_backend(request):
    return request.param


@pytest.fixture
def cli_env(app, monkeypatch, search_backend):
    if search_backend == "postgres" and app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("PostgreSQL full-text search needs a PostgreSQL database")
    monkeypatch.setenv("TRACKER_INSTANCE", app.config["INSTANCE_PATH"])
    monkeypatch.setenv("TRACKER_DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("TRACKER_SECRET_KEY", "test")
    monkeypatch.setenv("TRACKER_SEARCH", search_backend)
    return app


def _ingest(engine, nlp, text=MINUTES, name="m.txt"):
    from tracker.minutes.readers import read_document
    from tracker.minutes.ingest import ingest_document

    return ingest_document(engine=engine, document=read_document(text.encode(), filename=name), nlp=nlp,
                           publish=True)


def test_search_cli_prints_hits_as_text_and_json(cli_env, runner, engine, nlp):
    _ingest(engine, nlp)
    result = runner.invoke(cli, ["search", "inspection", "--kind", "question"])
    assert result.exit_code == 0, result.output
    assert "[question] Housing Scrutiny Panel, 2024-05-20" in result.output
    assert "*inspections*" in result.output and "-> Head of Housing" in result.output
    result = runner.invoke(cli, ["search", "mould", "--committee", "Housing", "--from", "2024-01-01",
                                 "--to", "2024-12-31", "--limit", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["total"] >= 1 and len(found["hits"]) <= 2


def test_search_cli_unmatched_quote_is_left_out_with_a_note(cli_env, runner, engine, nlp):
    _ingest(engine, nlp)
    result = runner.invoke(cli, ["search", '"inspection'])
    assert result.exit_code == 0, result.output
    assert "quotation mark without a partner" in result.output and "*inspections*" in result.output


@pytest.mark.parametrize("arguments, message", [
    (["search", "*o*"], "wildcards"),
    (["search", "mould", "--from", "yesterday"], "YYYY-MM-DD"),
    (["search", "mould", "--committee", "Nowhere"], "No committee"),
    (["search"], "Say what to search for"),
])
def test_search_cli_refuses_bad_input_in_one_line(cli_env, runner, arguments, message):
    result = runner.invoke(cli, arguments)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output


def test_search_cli_reindex_rebuilds_from_the_database(cli_env, runner, engine, nlp):
    _ingest(engine, nlp)
    result = runner.invoke(cli, ["reindex"])
    assert result.exit_code == 0, result.output
    assert "rebuilt:" in result.output and " 0 documents" not in result.output
    assert "Damp" in runner.invoke(cli, ["search", "damp"]).output


def test_search_cli_postgres_search_on_sqlite_is_refused(cli_env, runner, monkeypatch):
    if not cli_env.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the point is a SQLite database")
    monkeypatch.setenv("TRACKER_SEARCH", "postgres")
    result = runner.invoke(cli, ["search", "damp"])
    assert result.exit_code != 0 and "needs TRACKER_DATABASE_URL to be a PostgreSQL" in result.output


def test_search_bench_runs_with_a_tiny_corpus(runner):
    result = runner.invoke(cli, ["bench", "search", "--records", "200", "--queries", "5"])
    assert result.exit_code == 0, result.output
    for engine_name in ("tantivy", "whoosh", "postgres", "sqlite-fts5", "tantivy-raw"):
        assert engine_name in result.output
    assert "ratio to the fastest" in result.output


def _writer(url, instance, search, meeting_ids, rounds, barrier):
    """One process: a listener-equipped app updating actions in its own meetings, as fast as it can."""
    from sqlmodel import select

    from tracker import create_app
    from tracker.actions.service import set_action_status
    from tracker.db import write_session
    from tracker.models import Action

    app = create_app({"INSTANCE_PATH": instance, "DATABASE_URL": url, "SECRET_KEY": "test", "SEARCH": search})
    engine = app.extensions["tracker.engine"]
    barrier.wait()
    for number in range(rounds):
        for meeting_id in meeting_ids:
            with write_session(engine) as session:
                action = session.exec(select(Action).where(Action.meeting_id == meeting_id)).first()
                status = ("in_progress", "done", "open")[number % 3]
                set_action_status(session=session, action_id=action.id, status=status, user=None,
                                  note=f"round {number}")
    app.extensions["tracker.search"].close()
    engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["tantivy", "whoosh"])
def test_search_two_processes_writing_at_once_neither_fail_nor_lose_an_update(app, engine, nlp, backend):
    meetings = []
    for number in range(4):
        text = MINUTES.replace("2024-05-20", f"2024-05-2{number}").replace(
            "RESOLVED", "The Head of Housing undertook to report back by 30 June 2024.\n\nRESOLVED")
        meetings.append(_ingest(engine, nlp, text, name=f"m{number}.txt").meeting_id)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    rounds = 4
    workers = [context.Process(target=_writer, args=(app.config["DATABASE_URL"], app.config["INSTANCE_PATH"], backend,
                                                     meetings[i::2], rounds, barrier)) for i in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(180)
    assert [w.exitcode for w in workers] == [0, 0]
    from sqlmodel import Session

    from tracker.search import build_request, make_backend
    from tracker.search.core import meeting_stamps_for

    written = make_backend(name=backend, database_url=app.config["DATABASE_URL"],
                           instance_path=app.config["INSTANCE_PATH"])
    with Session(engine) as session:
        assert written.stamps() == meeting_stamps_for(session)  # every last update reached the index
        last = ("in_progress", "done", "open")[(rounds - 1) % 3]
        request = build_request(session=session, text=f"status:{last} report")
    assert written.query_index(request).total == len(meetings)
    assert os.path.exists(written.root / "CURRENT")
    written.close()


def test_search_cli_and_actions_narrow_to_a_council(cli_env, runner, engine, nlp):
    _ingest(engine, nlp, "council: Eastmoor District Council\n" + MINUTES + "\nThe Head of Housing agreed to "
            "circulate the inspection figures.\n")
    _ingest(engine, nlp, "council: Westvale Borough Council\n" + MINUTES.replace("140", "95") + "\nThe Head of "
            "Housing agreed to circulate the inspection figures.\n", name="w.txt")
    result = runner.invoke(cli, ["search", "inspections", "--kind", "response",
                                 "--council", "Westvale Borough Council"])
    assert result.exit_code == 0, result.output
    assert "[response] Westvale Borough Council: Housing Scrutiny Panel" in result.output
    assert "Eastmoor" not in result.output and "95 inspections" in result.output.replace("*", "")
    result = runner.invoke(cli, ["search", "inspections", "--council", "Nowhere"])
    assert result.exit_code != 0 and "No council is called 'Nowhere'" in result.output
    result = runner.invoke(cli, ["actions", "--council", "Eastmoor District Council", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {row["meeting"]["council"] for row in json.loads(result.output)} == {"Eastmoor District Council"}
    result = runner.invoke(cli, ["actions", "--council", "westvale-borough-council"])
    assert "Housing Scrutiny Panel" in result.output and result.output.rstrip().endswith("1 action(s)")
