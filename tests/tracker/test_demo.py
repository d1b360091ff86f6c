"""The demo's history of officers' updates (`tracker demo seed`): a realistic, repeatable mix made through the
services, dated over the past year, never touching the minutes; and the sample report attached by meeting date."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from conftest import CORPUS
from tracker.actions.demo import DEMO_USER, seed_demo_history
from tracker.actions.pack import agenda_pack
from tracker.cli import cli
from tracker.db import write_session
from tracker.models import Action, ActionEvent, Committee, Meeting, User

TODAY = dt.date(2026, 12, 1)
FOLDERS = ["unseen", "blind"]


def _load(runner, instance, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(instance))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(cli, ["ingest", *(str(CORPUS / folder) for folder in FOLDERS), "--publish"])
    assert result.exit_code == 0, result.output


def _statuses(engine):
    with Session(engine) as session:
        return {a.id: (str(a.status), a.text, a.due_date) for a in session.exec(select(Action)).all()}


def test_demo_seed_gives_a_repeatable_mix_with_dated_history_and_leaves_the_minutes_alone(runner, tmp_path,
                                                                                           monkeypatch):
    from tracker.db import make_engine

    _load(runner, tmp_path / "instance", monkeypatch)
    engine = make_engine(f"sqlite:///{tmp_path / 'instance' / 'tracker.sqlite3'}")
    before = _statuses(engine)
    with Session(engine) as session:
        minutes_before = [m.text for m in session.exec(select(Meeting).order_by(Meeting.id)).all()]
    with write_session(engine) as session:
        outcome = seed_demo_history(session=session, today=TODAY, seed=17)
    after = _statuses(engine)
    counts = {status: sum(1 for s, _t, _d in after.values() if s == status)
              for status in ("open", "in_progress", "done", "dropped")}
    assert all(counts[status] >= 3 for status in counts), counts  # every status is represented
    assert counts["done"] == outcome.done_on_time + outcome.done_late and outcome.done_late >= 1
    assert {k: t for k, (_s, t, _d) in after.items()} == {k: t for k, (_s, t, _d) in before.items()}
    dated = {k for k in after if after[k][2] != before[k][2]}
    assert dated and all(before[k][2] is None for k in dated)  # a date is only agreed where the minutes gave none
    with Session(engine) as session:
        assert [m.text for m in session.exec(select(Meeting).order_by(Meeting.id)).all()] == minutes_before
        demo = session.exec(select(User).where(User.username == DEMO_USER)).one()
        assert not demo.active  # nobody can sign in as the demo officer
        events = session.exec(select(ActionEvent)).all()
        assert events and all(event.at.date() <= TODAY for event in events)
        assert len({event.at.date() for event in events}) > 20  # spread over the year, not all today
        dropped = session.exec(select(Action).where(Action.status == "dropped")).all()
        assert all(action.status_note for action in dropped)  # a reason for each
        agreed = [e for e in events if e.field == "due_date"]
        assert len(agreed) == len(dated) and all(e.note for e in agreed)  # each new date with its reason
    # the same seed on the same data gives the same history; a second run changes nothing
    with write_session(engine) as session:
        assert seed_demo_history(session=session, today=TODAY, seed=17).skipped
    assert _statuses(engine) == after
    engine.dispose()


def test_demo_seed_command_and_a_tracker_with_something_in_every_section(runner, tmp_path, monkeypatch):
    from tracker.db import make_engine

    _load(runner, tmp_path / "instance", monkeypatch)
    result = runner.invoke(cli, ["demo", "seed", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("demo history: ") and " done (" in result.output
    again = runner.invoke(cli, ["demo", "seed"])
    assert "already present: nothing changed" in again.output
    engine = make_engine(f"sqlite:///{tmp_path / 'instance' / 'tracker.sqlite3'}")
    with Session(engine) as session:
        shown = []
        for committee in session.exec(select(Committee)).all():
            pack = agenda_pack(session=session, committee=committee, include_drafts=False, today=TODAY)
            shown.append({key for key, _heading, lines in pack.sections if lines})
            notes = [line.progress.note for _k, _h, lines in pack.sections for line in lines if line.progress.note]
            assert all(note.strip() for note in notes)
    # (these folders hold one meeting per committee, so nothing is outstanding from an earlier one)
    assert set().union(*shown) == {"new", "completed", "dropped"}
    engine.dispose()


def test_ingest_report_finds_its_meeting_by_committee_and_date(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    minutes = CORPUS / "vault/calderbrook-2023-children-young-people-scrutiny.txt"
    assert runner.invoke(cli, ["ingest", str(minutes), "--publish"]).exit_code == 0
    report = str(CORPUS / "reports/stockport-2023-cfe-mid-year-pprr.txt")
    result = runner.invoke(cli, ["ingest-report", report, "--committee", "Children and Young People Scrutiny Committee",
                                 "--date", "2023-11-15"])
    assert result.exit_code == 0, result.output
    assert "report 1 stored" in result.output
    again = runner.invoke(cli, ["ingest-report", report, "--committee", "children-and-young-people-scrutiny-committee",
                                "--date", "2023-11-15"])
    assert again.exit_code == 0 and "report 1 unchanged (already attached)" in again.output
    missing = runner.invoke(cli, ["ingest-report", report, "--committee", "Cabinet", "--date", "2023-11-15"])
    assert missing.exit_code == 1 and "there is no meeting of 'Cabinet' on 2023-11-15" in missing.output
    neither = runner.invoke(cli, ["ingest-report", report])
    assert neither.exit_code == 2 and "--committee NAME with --date" in neither.output
