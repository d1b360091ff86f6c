"""The action log as a service (no request): filters, sorts, counts, the monthly chart, My actions, unanswered
questions, the agenda pack; and /api/actions taking the same filters."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session
from sqlmodel import select
from test_action_support import JANUARY, MARCH, OTHER_COMMITTEE, action_like, ingest_text, user_named

from tracker.actions.log import (
    BadFilter,
    LogFilters,
    action_log,
    my_actions,
    parse_filters,
    unanswered_questions,
)
from tracker.actions.charts import CommitteeChart, MonthChart, done_by_month, open_by_committee
from tracker.actions.pack import agenda_pack, set_tracker_columns, tracker_columns
from tracker.actions.service import update_action
from tracker.db import write_session
from tracker.models import Committee

TODAY = dt.date(2024, 9, 1)


@pytest.fixture
def two_meetings(engine, nlp):
    return ingest_text(engine, nlp, JANUARY), ingest_text(engine, nlp, MARCH)


def texts(engine, filters, today=TODAY, **options):
    with Session(engine) as session:
        return [e.action.text[:30] for e in action_log(session=session, filters=filters, include_drafts=False,
                                                       today=today, **options).entries]


def test_action_log_parses_filters_from_a_query_string_and_refuses_what_it_cannot_use():
    filters = parse_filters({"status": "overdue", "owner": " Head ", "due_from": "2024-01-01", "sort": "age"})
    assert filters == LogFilters(owner="Head", due_from=dt.date(2024, 1, 1), overdue=True, sort="age")
    assert filters.query() == {"owner": "Head", "due_from": "2024-01-01", "overdue": "1", "sort": "age"}
    assert parse_filters({"status": "stale"}).stale
    for bad in ({"status": "late"}, {"kind": "meeting"}, {"committee": "Place Scrutiny"}, {"due_to": "31/03/2024"},
                {"due_from": "2024-02-30"}, {"stale": "maybe"}, {"owner": "a\x00b"}, {"sort": "owner"}):
        with pytest.raises(BadFilter):
            parse_filters(bad)


def test_action_log_sorts_by_due_date_or_age_and_counts_what_the_filters_match(engine, two_meetings):
    by_due = texts(engine, LogFilters())
    assert by_due[0].startswith("The Head of Highways agreed")  # the only dated one comes first
    assert texts(engine, LogFilters(sort="age"))[0] != texts(engine, LogFilters(sort="newest"))[0]
    with Session(engine) as session:
        counts = action_log(session=session, filters=LogFilters(), include_drafts=False, today=TODAY).counts
        assert counts == {"total": 3, "open": 3, "overdue": 1, "stale": 1, "done": 0, "dropped": 0}
        # the March request is under 183 days old on 1 September; with a 30-day age both are stale
        assert action_log(session=session, filters=LogFilters(stale=True), include_drafts=False, today=TODAY,
                          stale_days=30).counts["total"] == 2


def test_action_log_filters_by_status_owner_kind_committee_and_due_window(engine, two_meetings, make_user):
    officer = user_named(engine, make_user("officer"))
    with write_session(engine) as session:
        update_action(session=session, action_id=action_like(engine, "actual numbers of repairs",
                                                             two_meetings[0].meeting_id).id,
                      user=officer, status="done")
    assert len(texts(engine, LogFilters(status="open"))) == 2
    assert len(texts(engine, LogFilters(status="closed"))) == 1
    assert texts(engine, LogFilters(owner="HIGHWAYS")) == ["The Head of Highways agreed to"]
    assert len(texts(engine, LogFilters(kind="include_data"))) == 2
    assert texts(engine, LogFilters(committee="licensing-committee")) == []
    assert len(texts(engine, LogFilters(due_from=dt.date(2024, 3, 13), due_to=dt.date(2024, 3, 13)))) == 1
    assert texts(engine, LogFilters(overdue=True), today=dt.date(2024, 3, 13)) == []  # due today is not late


def test_action_log_charts_count_open_by_committee_and_status_and_done_on_time_or_late(engine, nlp, two_meetings,
                                                                                       make_user):
    from tracker.models import ActionEvent

    ingest_text(engine, nlp, OTHER_COMMITTEE)
    officer = user_named(engine, make_user("officer"))
    breakdown = action_like(engine, "breakdown of pothole")  # due 13 March 2024
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)  # no due date
    with write_session(engine) as session:
        update_action(session=session, action_id=numbers.id, user=officer, status="in_progress")
    with Session(engine) as session:
        bars = open_by_committee(session=session, filters=LogFilters(), include_drafts=False, today=TODAY)
    assert [(b.name, b.overdue, b.in_progress, b.open) for b in bars] == [
        ("Place Scrutiny Committee", 1, 1, 1), ("Licensing Committee", 0, 0, 1)]
    with Session(engine) as session:  # committees past the top ones are summed into one bar
        assert [(b.name, b.slug, b.total) for b in open_by_committee(
            session=session, filters=LogFilters(), include_drafts=False, today=TODAY, top=0)] == [
            ("2 other committees", None, 4)]
    with write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer, status="done")
        update_action(session=session, action_id=numbers.id, user=officer, status="done")
        for event in session.exec(select(ActionEvent).where(ActionEvent.new == "done")).all():
            # the breakdown came in April, a month late; the numbers in August
            event.at = dt.datetime(2024, 4 if event.action_id == breakdown.id else 8, 20, 10, tzinfo=dt.UTC)
            session.add(event)
    with Session(engine) as session:
        months = done_by_month(session=session, filters=LogFilters(), include_drafts=False, today=TODAY)
        on_time = done_by_month(session=session, filters=LogFilters(), include_drafts=False,
                                today=dt.date(2024, 3, 31), months=3)
    assert len(months) == 12 and months[0].month == dt.date(2023, 10, 1) and months[-1].month == dt.date(2024, 9, 1)
    by_month = {bar.month: (bar.on_time, bar.late, bar.undated) for bar in months if bar.total}
    assert by_month == {dt.date(2024, 4, 1): (0, 1, 0), dt.date(2024, 8, 1): (0, 0, 1)}
    assert sum(bar.total for bar in on_time) == 0  # not yet done as of March
    chart = MonthChart(months)
    assert chart.scale.top == 1 and chart.y(0) == chart.height - chart.bottom and chart.y(1) == chart.top
    committee_chart = CommitteeChart(bars)
    parts = committee_chart.segments(bars[0])
    assert [kind for kind, *_ in parts] == ["overdue", "in_progress", "open"]
    assert parts[1][1] == round(parts[0][1] + parts[0][2], 1)  # each part starts where the last ended


def test_action_log_my_actions_match_the_linked_person_or_my_name(engine, two_meetings, make_user):
    user = user_named(engine, make_user("officer", "Head of Highways"))
    with Session(engine) as session:
        mine = my_actions(session=session, user=user, include_drafts=False, today=TODAY)
        assert [e.action.text[:28] for e in mine] == ["The Head of Highways agreed "]
        other = user_named(engine, make_user("officer", "olive"))
        assert my_actions(session=session, user=other, include_drafts=False, today=TODAY) == []


def test_action_log_unanswered_questions_per_meeting_and_committee(engine, two_meetings):
    january, march = two_meetings
    with Session(engine) as session:
        committee_id = session.get(Committee, 1).id
        per_committee = unanswered_questions(session=session, include_drafts=False, committee_id=committee_id)
        assert [row.question.text for row in per_committee] == [
            "Councillor Jones asked whether the gully cleaning programme had been completed."]
        assert unanswered_questions(session=session, include_drafts=False, meeting_id=march.meeting_id) == []


def test_action_log_agenda_pack_sorts_new_outstanding_and_completed_since_the_last_meeting(engine, two_meetings,
                                                                                          make_user):
    officer = user_named(engine, make_user("officer"))
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    breakdown = action_like(engine, "breakdown of pothole")
    with write_session(engine) as session:
        update_action(session=session, action_id=numbers.id, user=officer, status="done")
        update_action(session=session, action_id=breakdown.id, user=officer, status="in_progress",
                      note="Ward figures drafted, awaiting the contractor's data.",
                      evidence_link="https://example.org/ward-figures")
    with Session(engine) as session:
        pack = agenda_pack(session=session, committee=session.get(Committee, 1), include_drafts=False,
                           today=dt.date.today(), for_meeting=dt.date(2030, 1, 15))
    assert pack.last_meeting.date == dt.date(2024, 3, 13)
    assert [line.entry.meeting.date for line in pack.new] == [dt.date(2024, 3, 13)]  # raised at the last meeting
    repeat = pack.new[0]
    assert repeat.times_asked == 2 and repeat.first_raised == dt.date(2024, 1, 10)
    [outstanding] = pack.outstanding
    assert outstanding.entry.action.id == breakdown.id and outstanding.rag == "red"
    assert outstanding.overdue == "Overdue since March 2024"
    assert outstanding.progress.note == "Ward figures drafted, awaiting the contractor's data."
    assert outstanding.progress.link == "https://example.org/ward-figures"
    [completed] = pack.completed
    assert completed.entry.action.id == numbers.id and completed.rag == "complete"
    assert completed.progress.closed_on == dt.date.today() and pack.dropped == []


def test_action_log_agenda_pack_drops_what_closed_before_the_last_meeting(engine, two_meetings, make_user):
    """An action dropped before the last meeting was reported there: it leaves the tracker."""
    from sqlmodel import select

    from tracker.models import ActionEvent

    officer = user_named(engine, make_user("officer"))
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    with write_session(engine) as session:
        update_action(session=session, action_id=numbers.id, user=officer, status="dropped",
                      note="Superseded by the new performance framework.")

    def dropped():
        with Session(engine) as session:
            pack = agenda_pack(session=session, committee=session.get(Committee, 1), include_drafts=False,
                               today=dt.date.today())
            return [(line.entry.action.id, line.progress.note) for line in pack.dropped]

    assert dropped() == [(numbers.id, "Superseded by the new performance framework.")]
    with write_session(engine) as session:  # as if dropped in February, before the March meeting
        event = session.exec(select(ActionEvent).where(ActionEvent.action_id == numbers.id)).one()
        event.at = dt.datetime(2024, 2, 1, 9, 0, tzinfo=dt.UTC)
        session.add(event)
    assert dropped() == []


def test_action_log_tracker_columns_are_chosen_by_an_editor_and_keep_the_action(engine, two_meetings, make_user):
    editor, officer = user_named(engine, make_user("editor")), user_named(engine, make_user("officer"))
    with write_session(engine) as session:
        assert tracker_columns(session=session, committee_id=1) == ["ref", "meeting", "action", "owner", "due",
                                                                     "progress", "status"]
        assert set_tracker_columns(session=session, committee_id=1, columns=["status", "owner"], user=editor) == [
            "action", "owner", "status"]
    with Session(engine) as session:
        assert tracker_columns(session=session, committee_id=1) == ["action", "owner", "status"]
    from tracker.errors import Invalid, NotAllowed

    with write_session(engine) as session, pytest.raises(Invalid):
        set_tracker_columns(session=session, committee_id=1, columns=["cost"], user=editor)
    with write_session(engine) as session, pytest.raises(NotAllowed):
        set_tracker_columns(session=session, committee_id=1, columns=["owner"], user=officer)
