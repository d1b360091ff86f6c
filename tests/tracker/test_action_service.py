"""The action services, without a request: status and evidence with history, stale checks, owner and due-date
changes for editors only, "next meeting" dated once that meeting is in the tracker, and provenance."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select
from test_action_support import JANUARY, MARCH, action_like, ingest_text, set_meeting_status, user_named

from tracker.actions.service import change_owner_or_due, is_stale, provenance, update_action
from tracker.minutes.corrections import add_record
from tracker.db import write_session
from tracker.errors import Conflict, Invalid, NotAllowed
from tracker.models import Action, ActionEvent, Meeting


def history(engine, action_id):
    with Session(engine) as session:
        return [(e.field, e.old, e.new, e.note, e.user_id) for e in session.exec(
            select(ActionEvent).where(ActionEvent.action_id == action_id).order_by(ActionEvent.id)).all()]


@pytest.fixture
def january(engine, nlp):
    return ingest_text(engine, nlp, JANUARY)


def test_actions_an_officer_moves_an_action_through_its_life_and_every_step_is_in_the_history(
        engine, january, make_user):
    officer = user_named(engine, make_user("officer"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer, status="in_progress",
                      note="figures requested from the contractor", seen="open")
    with write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer, status="done", seen="in_progress")
    assert history(engine, breakdown.id) == [
        ("status", "open", "in_progress", "figures requested from the contractor", officer.id),
        ("status", "in_progress", "done", None, officer.id)]
    with pytest.raises(Invalid, match="say why"), write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer, status="dropped")


def test_actions_evidence_is_a_note_or_a_web_link_kept_in_the_history(engine, january, make_user):
    officer = user_named(engine, make_user("officer"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer, note="Emailed to members 2 Feb",
                      evidence_link="https://example.gov.uk/breakdown.pdf")
    assert history(engine, breakdown.id) == [
        ("evidence", None, "https://example.gov.uk/breakdown.pdf", "Emailed to members 2 Feb", officer.id)]
    for bad in ("javascript:alert(1)", "example.gov.uk/x", "https://a b"):
        with pytest.raises(Invalid, match="full web address"), write_session(engine) as session:
            update_action(session=session, action_id=breakdown.id, user=officer, evidence_link=bad)
    with pytest.raises(Invalid, match="choose a new status or add evidence"), write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer)


def test_actions_the_second_of_two_officers_is_told_not_silently_overwritten(engine, january, make_user):
    first, second = (user_named(engine, make_user("officer", name)) for name in ("olive", "oscar"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with write_session(engine) as session:  # both saw "open"; Olive saves first
        update_action(session=session, action_id=breakdown.id, user=first, status="done", seen="open")
    with pytest.raises(Conflict, match="someone else changed this action to done"), \
            write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=second, status="dropped", note="no longer needed",
                      seen="open")
    with Session(engine) as session:
        assert session.get(Action, breakdown.id).status == "done"
    assert [event[2] for event in history(engine, breakdown.id)] == ["done"]


def test_actions_status_changes_need_a_signed_in_officer(engine, january):
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with pytest.raises(NotAllowed), write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=None, status="done")


def test_actions_only_editors_move_the_owner_or_due_date_and_a_new_date_needs_a_reason(engine, january, make_user):
    officer = user_named(engine, make_user("officer"))
    editor = user_named(engine, make_user("editor"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with pytest.raises(NotAllowed, match="only editors"), write_session(engine) as session:
        change_owner_or_due(session=session, action_id=breakdown.id, user=officer, owner="Jane Roe", due=None,
                            due_date=dt.date(2024, 6, 1), reason="later")
    with pytest.raises(Invalid, match="say why the due date is changing"), write_session(engine) as session:
        change_owner_or_due(session=session, action_id=breakdown.id, user=editor, owner="Head of Highways",
                            due="the next meeting", due_date=dt.date(2024, 6, 1), reason="")
    with write_session(engine) as session:
        change_owner_or_due(session=session, action_id=breakdown.id, user=editor, owner="Highways Manager",
                            due="the next meeting", due_date=dt.date(2024, 6, 1),
                            reason="contractor data late; agreed with the chair")
    events = history(engine, breakdown.id)
    assert ("due_date", None, "2024-06-01", "contractor data late; agreed with the chair", editor.id) in events
    assert ("owner", "Head of Highways", "Highways Manager", "contractor data late; agreed with the chair",
            editor.id) in events


def test_actions_next_meeting_is_dated_once_the_committees_next_meeting_is_published(engine, nlp, january):
    breakdown = action_like(engine, "breakdown of pothole repair times")
    assert breakdown.due == "the next meeting" and breakdown.due_date is None
    march = ingest_text(engine, nlp, MARCH, publish=False)
    assert action_like(engine, "breakdown of pothole repair times").due_date is None  # a draft is not held yet
    set_meeting_status(engine, march.meeting_id, "published")
    dated = action_like(engine, "breakdown of pothole repair times")
    assert dated.due_date == dt.date(2024, 3, 13)
    assert history(engine, dated.id) == [("due_date", None, "2024-03-13",
                                          "the committee's next meeting, held 13 March 2024", None)]


def test_actions_next_meeting_is_dated_when_the_earlier_minutes_arrive_second(engine, nlp):
    ingest_text(engine, nlp, MARCH)
    ingest_text(engine, nlp, JANUARY)
    assert action_like(engine, "breakdown of pothole repair times").due_date == dt.date(2024, 3, 13)


def test_actions_undated_actions_older_than_the_configured_age_are_stale(engine, january):
    numbers = action_like(engine, "actual numbers of repairs")
    with Session(engine) as session:
        meeting = session.get(Meeting, numbers.meeting_id)
    assert numbers.due_date is None
    assert not is_stale(numbers, meeting, today=dt.date(2024, 5, 1))  # under 183 days
    assert is_stale(numbers, meeting, today=dt.date(2024, 7, 15))  # 187 days
    assert not is_stale(numbers, meeting, today=dt.date(2024, 7, 15), stale_days=365)
    numbers.status = "done"
    assert not is_stale(numbers, meeting, today=dt.date(2025, 1, 1))  # done is never stale


def test_actions_provenance_says_stated_in_the_minutes_with_the_sentence_or_added_by_whom(
        engine, january, make_user):
    editor = user_named(engine, make_user("editor", "dora"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with Session(engine) as session:
        meeting = session.get(Meeting, breakdown.meeting_id)
        found = provenance(session=session, action=breakdown, meeting=meeting)
    assert found.extracted and found.added_by is None and found.changed_by == []
    assert found.sentence.startswith("The Head of Highways agreed to provide a breakdown")
    assert "gully cleaning" in found.before
    with write_session(engine) as session:
        added = add_record(session=session, user=editor, meeting_id=january.meeting_id, kind="action", item_id=None,
                           quote="gully cleaning programme")
        added_id = added.id
    with Session(engine) as session:
        added = session.get(Action, added_id)
        found = provenance(session=session, action=added, meeting=session.get(Meeting, added.meeting_id))
    assert not found.extracted and found.added_by == "dora" and found.changed_by == ["dora"]
