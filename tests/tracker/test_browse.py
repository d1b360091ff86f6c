"""Reading the record for the public pages: drafts stay hidden, lists page, counts match what a reader can see."""

import datetime as dt
import itertools

import pytest
from sqlmodel import Session

from tracker.minutes import queries
from tracker.minutes.councils import council_named
from tracker.db import write_session
from tracker.models import Action, Committee, Meeting, Person, Question

TODAY = dt.date(2024, 6, 1)
_checksums = itertools.count()


def add_meeting(session, committee, date, published=True):
    meeting = Meeting(committee_id=committee.id, date=date, text="", source_format="text",
                      checksum=f"{next(_checksums):064d}", status="published" if published else "draft")
    session.add(meeting)
    session.flush()
    return meeting


@pytest.fixture
def record(engine):
    """Two committees: one with four published meetings (one undated) and a draft; one with only a draft."""
    with write_session(engine) as session:
        council = council_named(session=session, name="Eastmoor District Council")
        open_body = Committee(name="Open Scrutiny Committee", slug="open-scrutiny-committee", council_id=council.id)
        hidden_body = Committee(name="Hidden Panel", slug="hidden-panel", council_id=council.id)
        session.add_all([open_body, hidden_body])
        session.flush()
        published = [add_meeting(session, open_body, dt.date(2024, month, 1)) for month in (1, 3, 2)]
        undated = add_meeting(session, open_body, None)
        draft = add_meeting(session, open_body, dt.date(2024, 5, 1), published=False)
        hidden = add_meeting(session, hidden_body, dt.date(2024, 4, 1), published=False)
        seen = Person(name="Councillor Seen", key="councillor seen", council_id=council.id)
        unseen = Person(name="Councillor Unseen", key="councillor unseen", council_id=council.id)
        session.add_all([seen, unseen])
        session.flush()
        for meeting, who in ((published[0], seen), (draft, seen), (hidden, unseen)):
            session.add(Question(meeting_id=meeting.id, text="Asked something.", start=0, end=16, asker=who.name,
                                 asker_id=who.id))
        for meeting, status, due in ((published[0], "open", dt.date(2024, 2, 1)),      # overdue
                                     (published[1], "in_progress", dt.date(2024, 5, 31)),  # overdue
                                     (published[1], "done", dt.date(2024, 2, 1)),      # closed: never overdue
                                     (published[2], "open", dt.date(2024, 6, 1)),      # due today: not yet overdue
                                     (published[2], "dropped", None),
                                     (draft, "open", dt.date(2024, 1, 1))):            # draft: public never counts it
            session.add(Action(meeting_id=meeting.id, text="Do something.", start=0, end=13, status=status,
                               due_date=due, owner=seen.name, owner_id=seen.id))
    return {"published": published, "undated": undated, "draft": draft, "hidden": hidden, "seen": seen,
            "unseen": unseen, "open_body": open_body}


def test_browse_recent_meetings_are_newest_first_undated_last_and_paged_without_drafts(engine, record):
    with Session(engine) as session:
        first = queries.recent_meetings(session=session, include_drafts=False, page=1, per_page=2)
        last = queries.recent_meetings(session=session, include_drafts=False, page=2, per_page=2)
        with_drafts = queries.recent_meetings(session=session, include_drafts=True, page=1, per_page=10)
        for page in (0, 3):
            with pytest.raises(queries.NoSuchPage):
                queries.recent_meetings(session=session, include_drafts=False, page=page, per_page=2)
    assert (first.total, first.pages, first.has_next, last.has_next) == (4, 2, True, False)
    dates = [s.meeting.date for s in first.items + last.items]
    assert dates == [dt.date(2024, 3, 1), dt.date(2024, 2, 1), dt.date(2024, 1, 1), None]
    assert with_drafts.total == 6 and {s.draft for s in with_drafts.items} == {True, False}


def test_browse_a_committee_with_only_drafts_does_not_exist_for_the_public(engine, record):
    with Session(engine) as session:
        public = queries.committees(session=session, include_drafts=False)
        editors = queries.committees(session=session, include_drafts=True)
        assert queries.committee_by_slug(session=session, slug="hidden-panel", include_drafts=False) is None
        assert queries.committee_by_slug(session=session, slug="hidden-panel", include_drafts=True) is not None
    assert [(c.committee.name, c.meetings) for c in public] == [("Open Scrutiny Committee", 4)]
    assert [(c.committee.name, c.meetings) for c in editors] == [("Hidden Panel", 1), ("Open Scrutiny Committee", 5)]


def test_browse_action_counts_are_overdue_only_past_the_due_date_and_not_done_or_dropped(engine, record):
    with Session(engine) as session:
        public = queries.action_counts(session=session, include_drafts=False, today=TODAY)
        editors = queries.action_counts(session=session, include_drafts=True, today=TODAY)
        log = queries.action_log(session=session, committee_id=record["open_body"].id, include_drafts=False,
                                today=TODAY)
    assert (public.open, public.overdue) == (3, 2)
    assert (editors.open, editors.overdue) == (4, 3)
    assert sorted((entry.action.status, entry.overdue) for entry in log) == [
        ("done", False), ("dropped", False), ("in_progress", True), ("open", False), ("open", True)]


def test_browse_people_count_only_what_the_reader_can_see(engine, record):
    with Session(engine) as session:
        public = queries.people(session=session, include_drafts=False)
        editors = queries.people(session=session, include_drafts=True)
        seen = queries.person_record(session=session, person_id=record["seen"].id, include_drafts=False, today=TODAY)
        unseen = queries.person_record(session=session, person_id=record["unseen"].id, include_drafts=False,
                                      today=TODAY)
    assert [(p.person.name, p.questions, p.actions) for p in public.items] == [("Councillor Seen", 1, 5)]
    assert [(p.person.name, p.questions, p.actions) for p in editors.items] == [
        ("Councillor Seen", 2, 6), ("Councillor Unseen", 1, 0)]
    assert [meeting.id for _, meeting in seen.questions] == [record["published"][0].id]
    assert unseen is None  # named only in a draft
