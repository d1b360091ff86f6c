"""Demo history for the action tracker: what a year of officers' updates looks like, made deterministically.

Minutes only say what was promised; a fresh demo therefore has every action open and no history, and the
tracker, the chart and the agenda pack show nothing worth seeing. ``seed_demo_history`` walks the published
actions in id order with a seeded random generator and, through the same services officers and editors use,
marks some done (on time or late; where the minutes gave no date, the clerk first records an agreed one with
``change_owner_or_due``, giving a reason), drops a few with a reason, puts some in progress with a progress
note and an evidence link, and leaves the rest open (many of them overdue). Each update is then dated back to
a day between the meeting and today, so history, "completed since the last meeting" and "done on time or
late" read as they would in a council that has used the tracker for a while. The minutes' text is never
touched.

The updates are made by a disabled user, ``demo.clerk`` (an editor: democratic services), who cannot sign in;
running the seed again changes nothing once that user has any history.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass

from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from ..models import Action, ActionEvent, Meeting, MeetingStatus, Role, User
from .service import change_owner_or_due, update_action

DEMO_USER = "demo.clerk"
# Our own example sentences, in the register of officers' tracker updates.
PROGRESS_NOTES = [
    "Figures requested from the service; a first draft is with the chair for comment.",
    "Officers met the provider and a written update will follow before the next meeting.",
    "Data collated for most wards; the remainder is awaited from the contractor.",
    "Briefing note drafted and with the portfolio holder for sign-off.",
    "Business case circulated to the programme board; a decision is expected next month.",
    "Site visit being arranged with the chair and vice-chair; dates offered to members.",
]
DONE_NOTES = [
    "Briefing note circulated to all members of the committee by email.",
    "The information was added to the quarterly performance report.",
    "Site visit held; notes of the visit circulated to members.",
    "Report presented to the committee and noted.",
    "Response sent to the member who asked; copied to the committee clerk.",
]
DROP_REASONS = [
    "Superseded by the council-wide review of the service agreed by Cabinet.",
    "The committee agreed no further action was needed after the verbal update.",
    "Duplicate of an earlier action covering the same request.",
]
DATE_REASONS = [
    "Date agreed with the lead officer at the chair's briefing.",
    "The minutes gave no date; the service proposed this one and the chair agreed.",
]
EVIDENCE = "https://democracy.example.gov.uk/documents/s{number}/briefing-note.pdf"


@dataclass
class DemoOutcome:
    """What the seed did: how many actions it marked done (on time, late), dropped and put in progress."""

    done_on_time: int = 0
    done_late: int = 0
    dropped: int = 0
    in_progress: int = 0
    left_open: int = 0
    skipped: bool = False  # the demo history was already there

    def summary(self) -> str:
        if self.skipped:
            return "demo history already present: nothing changed"
        return (f"{self.done_on_time + self.done_late} done ({self.done_on_time} on time, {self.done_late} late), "
                f"{self.dropped} dropped, {self.in_progress} in progress, {self.left_open} left open")


def _demo_user(session: Session) -> User:
    user = session.exec(select(User).where(User.username == DEMO_USER)).first()
    if user is None:
        user = User(username=DEMO_USER, password_hash=generate_password_hash(secrets.token_urlsafe(32)),
                    role=Role.EDITOR, active=False)
        session.add(user)
        session.flush()
    return user


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start if end <= start else start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _date_back(session: Session, action: Action, before: set[int], day: dt.date, rng: random.Random) -> None:
    """Give the events the update just added, and the action's last change, a time on `day`."""
    at = dt.datetime.combine(day, dt.time(9 + rng.randint(0, 7), rng.choice((0, 15, 30, 45))), tzinfo=dt.UTC)
    session.flush()
    for event in session.exec(select(ActionEvent).where(ActionEvent.action_id == action.id)).all():
        if event.id not in before:
            event.at = at
            session.add(event)
    action.updated_at = at
    session.add(action)


def _agree_due_date(session: Session, action: Action, user: User, due: dt.date, agreed: dt.date,
                    rng: random.Random) -> None:
    """The clerk records, on `agreed`, a due date for an action the minutes left undated."""
    before = set(session.exec(select(ActionEvent.id).where(ActionEvent.action_id == action.id)).all())
    change_owner_or_due(session=session, action_id=action.id, user=user, owner=action.owner, due=action.due,
                        due_date=due, reason=rng.choice(DATE_REASONS))
    _date_back(session, action, before, agreed, rng)


def seed_demo_history(*, session: Session, today: dt.date, seed: int = 17) -> DemoOutcome:
    """Give the published actions a realistic, repeatable mix of done, dropped, in-progress and open."""
    user = _demo_user(session)
    if session.exec(select(ActionEvent.id).where(ActionEvent.user_id == user.id).limit(1)).first() is not None:
        return DemoOutcome(skipped=True)
    rng, outcome = random.Random(seed), DemoOutcome()
    rows = session.exec(select(Action, Meeting.date).join(Meeting, Meeting.id == Action.meeting_id).where(
        Meeting.status == MeetingStatus.PUBLISHED.value, Meeting.date.is_not(None),
        Action.status == "open").order_by(Action.id)).all()
    year_ago = today - dt.timedelta(days=365)
    for action, held in rows:
        if (today - held).days < 30:  # too recent for anything to have happened
            outcome.left_open += 1
            continue
        roll = rng.random()
        if roll < 0.40:  # done, mostly over the last year as the backlog is worked through
            day = _between(rng, max(held + dt.timedelta(days=14), year_ago), today - dt.timedelta(days=1))
            if action.due_date is None and rng.random() < 0.7:  # a date was agreed; kept to, or missed
                kept = rng.random() < 0.55
                due = day + dt.timedelta(days=rng.randint(0, 28)) if kept else day - dt.timedelta(
                    days=rng.randint(7, 60))
                due = max(due, held + dt.timedelta(days=7))
                agreed = max(held + dt.timedelta(days=1), min(day, due) - dt.timedelta(days=rng.randint(20, 45)))
                _agree_due_date(session, action, user, due, agreed, rng)
            before = set(session.exec(select(ActionEvent.id).where(ActionEvent.action_id == action.id)).all())
            link = EVIDENCE.format(number=40000 + action.id) if rng.random() < 0.5 else None
            update_action(session=session, action_id=action.id, user=user, status="done",
                          note=rng.choice(DONE_NOTES), evidence_link=link)
            _date_back(session, action, before, day, rng)
            if action.due_date is not None and day > action.due_date:
                outcome.done_late += 1
            else:
                outcome.done_on_time += 1
        elif roll < 0.50:
            before = set(session.exec(select(ActionEvent.id).where(ActionEvent.action_id == action.id)).all())
            update_action(session=session, action_id=action.id, user=user, status="dropped",
                          note=rng.choice(DROP_REASONS))
            _date_back(session, action, before, _between(rng, max(held + dt.timedelta(days=14), year_ago), today),
                       rng)
            outcome.dropped += 1
        elif roll < 0.75:
            before = set(session.exec(select(ActionEvent.id).where(ActionEvent.action_id == action.id)).all())
            link = EVIDENCE.format(number=40000 + action.id) if rng.random() < 0.4 else None
            update_action(session=session, action_id=action.id, user=user, status="in_progress",
                          note=rng.choice(PROGRESS_NOTES), evidence_link=link)
            _date_back(session, action, before, _between(rng, max(held + dt.timedelta(days=7), today - dt.timedelta(
                days=120)), today), rng)
            outcome.in_progress += 1
        else:
            outcome.left_open += 1
    return outcome


__all__ = ["DEMO_USER", "DemoOutcome", "seed_demo_history"]
