"""Faults under the app: a full disk or a read-only instance folder while an editor adds minutes.

Tests run as root here, so chmod cannot make a folder read-only and mounting a tiny filesystem needs
privileges CI may not have. The faults are made where they happen instead: the database refuses writes
(SQLite's max_page_count and query_only, PostgreSQL's read-only transactions: the errors a full or
read-only disk gives), and file writes under the uploads folder and the search index fail with ENOSPC
part-way. Whatever fails, what was stored before stays, nothing half-written is left, and the search
index stays usable and is brought back in step by reconciling.

SIGKILL part-way through a bulk ingest: test_storage_bulk_ingest_killed_part_way_leaves_each_meeting_whole_or_absent.
"""

from __future__ import annotations

import errno
import gc
import io
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event

from conftest import ROOT
from tests_support import csrf_token, follow_job, row_counts
from tracker.search import core as search_core
from tracker.search.core import reconcile

MINUTES = ("Budget Scrutiny Panel - 3 March 2024\n\n1. Council Tax\n\nCouncillor Ash asked whether the "
           "zeppelin hangar saving was realistic. The Director of Finance replied that it was on track.\n\n"
           "RESOLVED – That the report be noted.\n")
# long enough to need new pages in the database, not just the free space left in its last ones
LONG_MINUTES = MINUTES + "\n2. Any other business\n\n" + "The panel discussed the budget at length. " * 500 + "\n"


def files_under(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def upload(client, data: bytes = MINUTES.encode(), name: str = "minutes.txt"):
    token = csrf_token(client.get("/minutes/new"))
    return follow_job(client, client.post("/minutes/new", data={"csrf_token": token, "file": (io.BytesIO(data), name),
                                                                "committee": ""}, content_type="multipart/form-data"))


def hits(client, words: str) -> int:
    return client.get("/api/search", query_string={"q": words}).get_json()["total"]


@pytest.fixture
def stored(app, client, login, engine, ingest_corpus_file):
    """A published meeting stored and indexed, an editor signed in; returns (row counts, upload files)."""
    ingest_corpus_file("unseen/eastmarsh-2023-adults-health-scrutiny.txt", publish=True)
    login("editor")
    return row_counts(engine), files_under(Path(app.config["UPLOADS_PATH"]))


def refuse_writes(engine, how: str) -> None:
    """Every new connection refuses writes as a full or read-only disk would make it."""
    sqlite = engine.dialect.name == "sqlite"
    if sqlite and how == "full":
        import sqlite3

        with closing(sqlite3.connect(engine.url.database, isolation_level=None)) as connection:
            connection.execute("VACUUM")  # no free pages left inside the file to grow into

    @event.listens_for(engine, "connect")
    def _refuse(connection, _record):
        cursor = connection.cursor()
        if sqlite and how == "full":  # the database may not grow by a single page
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
        elif sqlite:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET default_transaction_read_only = on")
        cursor.close()
        if not sqlite:
            connection.commit()

    engine.dispose()  # pooled connections were made before the fault


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_faults_a_database_that_cannot_be_written_stores_nothing_and_keeps_what_it_had(
        app, client, engine, stored, how):
    before, files = stored
    refuse_writes(engine, how)
    response = upload(client, LONG_MINUTES.encode())
    page = response.get_data(as_text=True)
    assert response.status_code >= 400 and "Traceback" not in page
    assert row_counts(engine) == before
    assert files_under(Path(app.config["UPLOADS_PATH"])) == files  # the original was removed again
    assert hits(client, "zeppelin hangar") == 0
    assert client.get("/meetings/1").status_code == 200  # browsing goes on


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_faults_a_database_that_cannot_be_written_says_so(app, client, engine, stored, how):
    refuse_writes(engine, how)
    response = upload(client, LONG_MINUTES.encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "nothing was stored" in page.lower()


def _fail_writes_under(monkeypatch, folder: Path) -> None:
    """Writing bytes under `folder` writes half, then fails as a full disk does."""
    original = Path.write_bytes

    def write_bytes(path, data):
        if folder in Path(path).resolve().parents:
            with open(path, "wb") as handle:
                handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return original(path, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_faults_a_full_uploads_folder_leaves_no_half_written_file_and_says_so(app, client, engine, stored,
                                                                              monkeypatch):
    before, files = stored
    uploads = Path(app.config["UPLOADS_PATH"]).resolve()
    _fail_writes_under(monkeypatch, uploads)
    response = upload(client)
    assert row_counts(engine) == before
    assert files_under(uploads) == files, "a half-written file was left in the uploads folder"
    assert response.status_code in (503, 507) and "space" in response.get_data(as_text=True).lower()


def test_faults_a_full_uploads_folder_stores_no_meeting(app, client, engine, stored, monkeypatch):
    before, _files = stored
    _fail_writes_under(monkeypatch, Path(app.config["UPLOADS_PATH"]).resolve())
    response = upload(client)
    assert response.status_code >= 400 and "Traceback" not in response.get_data(as_text=True)
    assert row_counts(engine) == before
    assert hits(client, "zeppelin hangar") == 0


def _fill_the_disk_under_the_index(app, client, monkeypatch):
    from whoosh.filedb import structfile
    from whoosh.index import FileIndex

    if app.extensions["tracker.search"].name != "whoosh":
        pytest.skip("only the Whoosh index writes files")
    if app.extensions["tracker.engine"].dialect.name != "sqlite":
        pytest.skip("the index is the same files whichever database holds the minutes: once is enough")
    writer = FileIndex.writer  # a held lock is waited for 0.5 s instead of 10 s: the outcome is the same
    monkeypatch.setattr(FileIndex, "writer", lambda self, **options: writer(self, **{**options, "timeout": 0.5}))

    write = structfile.StructFile.write

    def disk_full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(structfile.StructFile, "write", disk_full)
    monkeypatch.setattr(search_core.log, "disabled", True)  # a logged traceback would keep Whoosh's writer alive
    response = upload(client)
    monkeypatch.setattr(structfile.StructFile, "write", write)  # space is freed
    search_core.log.disabled = False
    return response


@pytest.mark.search_engine("whoosh")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_faults_a_full_disk_under_the_search_index_keeps_the_minutes_and_the_old_index_until_reconciled(
        app, client, engine, stored, monkeypatch):
    """The database is the truth: the upload is stored; the index keeps its old state, stays usable, and
    catches up once there is space again.

    (Whoosh's SegmentWriter keeps its write lock when it fails while starting, until the garbage collector
    frees it: index writes fail with LockError meanwhile, and the next reconcile catches up.)"""
    before_hits = hits(client, "care home")
    assert before_hits > 0
    response = _fill_the_disk_under_the_index(app, client, monkeypatch)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    assert row_counts(engine)["meeting"] == 2
    assert hits(client, "care home") == before_hits  # the index was not damaged
    assert hits(client, "zeppelin hangar") == 0  # ...and is behind the database
    gc.collect()  # the failed writer lets go of Whoosh's lock
    assert reconcile(engine, app.extensions["tracker.search"]) >= 1
    assert hits(client, "zeppelin hangar") > 0  # the editor finds the new draft once the index caught up
    assert hits(client, "care home") == before_hits


def _tracker(env, *args):
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def cli_instance(tmp_path):
    import os

    instance = tmp_path / "instance"
    env = {**os.environ, "TRACKER_INSTANCE": str(instance)}
    env.pop("TRACKER_DATABASE_URL", None)
    assert _tracker(env, "db", "upgrade").returncode == 0
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(MINUTES)
    return env, instance, minutes


@pytest.mark.slow
def test_faults_cli_ingest_into_a_read_only_database_fails_and_stores_nothing(cli_instance):
    env, instance, minutes = cli_instance
    database = instance / "tracker.sqlite3"
    read_only = {**env, "TRACKER_DATABASE_URL": f"sqlite:///file:{database}?mode=ro&uri=true"}
    result = _tracker(read_only, "ingest", str(minutes))
    assert result.returncode != 0
    assert "readonly" in (result.stdout + result.stderr).lower().replace("read-only", "readonly")
    assert _tracker(env, "search", "zeppelin").stdout.count("zeppelin") == 0
    from tracker.db import make_engine

    engine = make_engine(f"sqlite:///{database}")
    assert set(row_counts(engine).values()) == {0}
    engine.dispose()
    assert files_under(instance / "uploads") == []


@pytest.mark.slow
def test_faults_cli_ingest_into_a_read_only_database_says_so_in_one_line(cli_instance):
    env, instance, minutes = cli_instance
    read_only = {**env, "TRACKER_DATABASE_URL": f"sqlite:///file:{instance / 'tracker.sqlite3'}?mode=ro&uri=true"}
    result = _tracker(read_only, "ingest", str(minutes))
    assert result.returncode != 0 and "Traceback" not in result.stderr
