"""Minutes and helpers the action tracker's tests share (imported by test_action*.py, test_discharge.py,
test_repeats.py and test_exports.py). Two meetings of one committee: the first promises a breakdown "to the next
meeting" and asks for actual numbers; the second presents the breakdown and repeats the request."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from tracker.db import write_session
from tracker.minutes.readers import read_document
from tracker.minutes.ingest import ingest_document
from tracker.models import Action, Meeting, User

JANUARY = """council: Testborough
committee: Place Scrutiny Committee
date: 2024-01-10
---
5 Highways Maintenance Update

The Committee considered a report of the Head of Highways on highways maintenance and pothole repairs.

Councillor Smith asked how long pothole repairs were taking in rural wards. The Head of Highways replied that the average was 12 days.

Councillor Jones asked whether the gully cleaning programme had been completed.

The Head of Highways agreed to provide a breakdown of pothole repair times by ward to the next meeting.

Members requested that future performance reports include the actual numbers of repairs as well as percentages.
"""

MARCH = """council: Testborough
committee: Place Scrutiny Committee
date: 2024-03-13
---
4 Pothole Repair Times by Ward

The Head of Highways presented the breakdown of pothole repair times by ward, as requested at the previous meeting. The figures showed rural wards waited longest.

The Chair reiterated previous requests for the performance reports to include the actual numbers of repairs as well as percentages.

RESOLVED - That the report be noted.
"""

OTHER_COMMITTEE = MARCH.replace("Place Scrutiny Committee", "Licensing Committee")


def ingest_text(engine, nlp, text: str, *, publish: bool = True, meeting_date: str | None = None):
    """Store minutes given as text; returns the ingest outcome."""
    data = text.encode("utf-8")
    return ingest_document(engine=engine, document=read_document(data, filename="minutes.txt"), nlp=nlp,
                           publish=publish, meeting_date=meeting_date)


def action_like(engine, words: str, meeting_id: int | None = None) -> Action:
    """The stored action whose text contains `words`."""
    with Session(engine) as session:
        statement = select(Action).where(Action.text.contains(words))
        if meeting_id is not None:
            statement = statement.where(Action.meeting_id == meeting_id)
        found = session.exec(statement).all()
        assert len(found) == 1, f"{len(found)} actions say {words!r}"
        return found[0]


def user_named(engine, username: str) -> User:
    with Session(engine) as session:
        return session.exec(select(User).where(User.username == username)).one()


def set_meeting_status(engine, meeting_id: int, status: str) -> None:
    with write_session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        meeting.status = status
        session.add(meeting)


TODAY = dt.date(2024, 9, 1)
