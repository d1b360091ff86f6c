"""A democratic services officer sets up the database and bulk-loads minutes from the command line."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib

import pytest
from sqlmodel import Session, func, select

from conftest import CORPUS
from factories import build_pdf
from tracker.cli import cli
from tracker.db import make_engine
from tracker.models import Action, Meeting, Question


@pytest.fixture
def instance(tmp_path, monkeypatch):
    """An empty instance folder the commands use through TRACKER_INSTANCE."""
    folder = tmp_path / "instance"
    monkeypatch.setenv("TRACKER_INSTANCE", str(folder))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    return folder


def _count(folder, model):
    engine = make_engine(f"sqlite:///{folder / 'tracker.sqlite3'}")
    with Session(engine) as session:
        total = session.exec(select(func.count()).select_from(model)).one()
    engine.dispose()
    return total


def test_storage_cli_refuses_to_ingest_before_the_database_exists(runner, instance):
    result = runner.invoke(cli, ["ingest", str(CORPUS / "unseen")])
    assert result.exit_code == 1
    assert "run `tracker db upgrade`" in result.output


def test_storage_cli_ingests_folders_with_a_line_per_file_and_a_summary(runner, instance):
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(cli, ["ingest", str(CORPUS / "unseen"), "--publish"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (CORPUS / "unseen").glob("*.txt"))
    lines = [line for line in result.stdout.splitlines() if line.startswith(str(CORPUS))]
    assert len(lines) == len(files) and all(": created: " in line for line in lines)
    assert result.stdout.splitlines()[-1] == f"{len(files)} file(s): {len(files)} created, 0 replaced, 0 unchanged, 0 failed"
    assert _count(instance, Meeting) == len(files)
    # the same folder again changes nothing and says so
    again = runner.invoke(cli, ["ingest", str(CORPUS / "unseen")])
    assert again.exit_code == 0 and f"{len(files)} unchanged" in again.stdout
    assert _count(instance, Meeting) == len(files)


def test_storage_cli_goes_on_past_a_bad_file_and_exits_non_zero(runner, instance, tmp_path):
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-broken.pdf").write_bytes(b"\x00\x01\x02 not a pdf at all" * 10)
    (folder / "b-empty.txt").write_bytes(b"")
    good = CORPUS / "unseen" / "eastmarsh-2023-adults-health-scrutiny.txt"
    (folder / "c-good.txt").write_bytes(good.read_bytes())
    result = runner.invoke(cli, ["ingest", str(folder)])
    assert result.exit_code == 1
    assert "a-broken.pdf: error:" in result.stdout and "b-empty.txt: error:" in result.stdout
    assert "c-good.txt: created:" in result.stdout
    assert "1 created, 0 replaced, 0 unchanged, 2 failed" in result.stdout
    assert "Traceback" not in result.output
    assert _count(instance, Meeting) == 1


def test_storage_cli_committee_and_date_override_what_the_minutes_say(runner, instance):
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    path = CORPUS / "unseen" / "eastmarsh-2023-adults-health-scrutiny.txt"
    result = runner.invoke(cli, ["ingest", str(path), "--committee", "Economy and Resources Scrutiny Committee",
                                 "--date", "2022-09-01"])
    assert result.exit_code == 0, result.output
    assert "created: Economy and Resources Scrutiny Committee, 2022-09-01" in result.stdout
    bad = runner.invoke(cli, ["ingest", str(path), "--date", "1 September"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_storage_cli_upgrade_downgrade_upgrade_keeps_the_schema_usable(runner, instance):
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    current = runner.invoke(cli, ["db", "current"]).output
    assert current.startswith("database: ") and current.split(";")[0][10:] == current.split("code needs: ")[1].strip()
    assert runner.invoke(cli, ["db", "downgrade", "base"]).exit_code == 0
    assert "database: none" in runner.invoke(cli, ["db", "current"]).output
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(cli, ["ingest", str(CORPUS / "unseen" / "eastmarsh-2023-adults-health-scrutiny.txt")]).exit_code == 0


def test_storage_app_refuses_to_start_on_an_old_schema(tmp_path):
    from tracker import create_app
    from tracker.db import DatabaseError

    with pytest.raises(DatabaseError, match="run `tracker db upgrade`"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})


def test_storage_app_start_up_removes_old_originals_no_meeting_names(runner, instance):
    from tracker import create_app

    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(cli, ["ingest", str(CORPUS / "unseen" / "eastmarsh-2023-adults-health-scrutiny.txt")]).exit_code == 0
    uploads = instance / "uploads"
    kept = {path.name for path in uploads.iterdir()}
    (uploads / "0123456789abcdef0123456789abcdef.pdf").write_bytes(b"%PDF- left by a killed ingest")
    (uploads / ".fedcba9876543210fedcba9876543210.pdf.part").write_bytes(b"%PDF- half written")
    (uploads / "00000000000000000000000000000000.txt").write_bytes(b"an ingest still running")
    for name in [*kept, "0123456789abcdef0123456789abcdef.pdf", ".fedcba9876543210fedcba9876543210.pdf.part"]:
        os.utime(uploads / name, (time.time() - 7200, time.time() - 7200))
    app = create_app({"SECRET_KEY": "x"})
    app.extensions["tracker.engine"].dispose()
    assert {path.name for path in uploads.iterdir()} == kept | {"00000000000000000000000000000000.txt"}


def test_storage_bulk_ingest_yields_the_cpu_to_the_web_app(instance):
    """A bulk load on the web server runs at a lower CPU priority, so readers are answered first."""
    env = {**os.environ, "TRACKER_INSTANCE": str(instance), "TRACKER_INGEST_NICE": "10"}
    tracker = [sys.executable, "-m", "tracker.cli"]
    subprocess.run([*tracker, "db", "upgrade"], env=env, check=True, capture_output=True)
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    process = subprocess.Popen([*tracker, "ingest", str(CORPUS / "unseen")], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    seen = ours
    try:
        deadline = time.monotonic() + 60
        while seen == ours and process.poll() is None and time.monotonic() < deadline:
            seen = os.getpriority(os.PRIO_PROCESS, process.pid)
            time.sleep(0.02)
    finally:
        process.kill()
        process.wait()
    assert seen == min(ours + 10, 19)


def test_storage_cli_refuses_a_priority_it_cannot_set(runner, instance, monkeypatch):
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    monkeypatch.setenv("TRACKER_INGEST_NICE", "lowest")
    result = runner.invoke(cli, ["ingest", str(CORPUS / "unseen")])
    assert result.exit_code == 1
    assert "TRACKER_INGEST_NICE must be a whole number from 0 to 19, not 'lowest'" in result.output
    assert _count(instance, Meeting) == 0


@pytest.mark.slow
def test_storage_bulk_ingest_killed_part_way_leaves_each_meeting_whole_or_absent(instance, tmp_path):
    """SIGKILL during a bulk load: every meeting is stored with all its records, or not at all."""
    env = {**os.environ, "TRACKER_INSTANCE": str(instance)}
    tracker = [sys.executable, "-m", "tracker.cli"]
    subprocess.run([*tracker, "db", "upgrade"], env=env, check=True, capture_output=True)
    folder = tmp_path / "many"
    folder.mkdir()
    source = (CORPUS / "unseen" / "eastmarsh-2023-adults-health-scrutiny.txt").read_text(encoding="utf-8")
    for n in range(60):  # distinct documents (different checksums and dates)
        (folder / f"m{n:02}.txt").write_text(source.replace("2023", str(1950 + n)), encoding="utf-8")
    # kill -9 while a document's original is written and its meeting not yet committed: a database lock
    # held from outside keeps every commit waiting
    locker = sqlite3.connect(instance / "tracker.sqlite3")
    process = subprocess.Popen([*tracker, "ingest", str(folder)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _stored(instance) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    locker.execute("BEGIN IMMEDIATE")
    stored_before = _stored(instance)
    while len(list((instance / "uploads").iterdir())) <= stored_before and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    locker.rollback()
    locker.close()
    stored = _stored(instance)
    assert 0 < stored < 60
    engine = make_engine(f"sqlite:///{instance / 'tracker.sqlite3'}")
    with Session(engine) as session:
        for meeting in session.exec(select(Meeting)).all():
            questions = session.exec(select(func.count()).select_from(Question)
                                     .where(Question.meeting_id == meeting.id)).one()
            actions = session.exec(select(func.count()).select_from(Action).where(Action.meeting_id == meeting.id)).one()
            assert (questions, actions) == (5, 5), meeting.id
        named = set(session.exec(select(Meeting.source_file)).all())
    engine.dispose()
    # the original of the document being stored when the kill came is on disk, named by no meeting
    uploads = instance / "uploads"
    orphans = {path.name for path in uploads.iterdir()} - named
    assert orphans, "the kill came between writing an original and committing its meeting"
    # `tracker check` leaves a young file alone (another ingest may be about to commit it) ...
    checked = subprocess.run([*tracker, "check"], env=env, capture_output=True, text=True, check=True)
    assert "0 orphaned file(s) removed" in checked.stdout
    # ... and removes it once it is an hour old, as does the app's start-up; every named original stays
    for name in orphans:
        os.utime(uploads / name, (time.time() - 7200, time.time() - 7200))
    checked = subprocess.run([*tracker, "check"], env=env, capture_output=True, text=True, check=True)
    assert f"{len(orphans)} orphaned file(s) removed" in checked.stdout
    assert {path.name for path in uploads.iterdir()} == named - {None}


def _stored(folder):
    if not (folder / "tracker.sqlite3").exists():
        return 0
    try:
        return _count(folder, Meeting)
    except Exception:
        return 0


@pytest.mark.slow
def test_storage_cli_ingest_stops_a_file_over_the_parse_time_and_goes_on(runner, instance, tmp_path, monkeypatch):
    """A small PDF whose pages draw one huge shared stream takes minutes to read: the bulk load reports it
    within its time limit and stores the rest of the folder."""
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = (CORPUS / "unseen" / "eastmarsh-2023-adults-health-scrutiny.txt").read_text(encoding="utf-8")
    (folder / "a-good.txt").write_text(good, encoding="utf-8")
    drawing = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Minutes) Tj ET " * 50_000, 9)  # 2 MB that take seconds
    (folder / "b-slow.pdf").write_bytes(build_pdf([drawing] * 40, deflated=True))
    (folder / "c-good.txt").write_text(good.replace("2023", "2022"), encoding="utf-8")
    monkeypatch.setenv("TRACKER_PARSE_SECONDS", "3")
    started = time.monotonic()
    result = runner.invoke(cli, ["ingest", str(folder)])
    assert time.monotonic() - started < 60
    assert result.exit_code == 1, result.output
    assert "b-slow.pdf: error: reading the document was stopped after 3 seconds" in result.stdout
    assert "a-good.txt: created:" in result.stdout and "c-good.txt: created:" in result.stdout
    assert "2 created, 0 replaced, 0 unchanged, 1 failed" in result.stdout
    assert _count(instance, Meeting) == 2
