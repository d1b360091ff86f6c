"""Repeated requests: a later action or comment asking again for what an earlier action promised.

A later record is proposed as a repeat of an earlier action of the same
committee when it says so ("reiterated previous requests", "asked again",
"still awaited") and shares its subject words, or when it is an action of the
same kind saying nearly the same thing. An officer confirms or rejects the
proposal (``discharge.decide_link`` does both kinds). The action page shows
the chain: how many times the thing has been asked for, and over how long.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from nlp.subjects import asks_again, subject_terms

from ..models import Action, ActionLink, AgendaItem, Comment, Committee, LinkKind, LinkState, Meeting, MeetingStatus
from ..minutes.successors import committee_line
from .discharge import Subject, action_subject, reason

MIN_SCORE_WITH_CUE = 0.25
MIN_SCORE_WITHOUT_CUE = 0.6


def _score(subject: Subject, text: str, cue: bool, same_kind: bool) -> tuple[float, set[str]] | None:
    score, shared = subject.score(subject_terms(text))
    if cue and len(shared) >= 2 and score >= MIN_SCORE_WITH_CUE:
        return score, shared
    if same_kind and len(shared) >= 3 and score >= MIN_SCORE_WITHOUT_CUE:
        return score, shared
    return None


def _candidates(session: Session, meeting_id: int) -> list[tuple[str, int, str, str | None, int | None]]:
    """A meeting's actions and comments as (record kind, id, text, action kind, item id)."""
    rows = [("action", a.id, a.text, a.kind, a.item_id)
            for a in session.exec(select(Action).where(Action.meeting_id == meeting_id)).all()]
    rows += [("comment", c.id, c.text, None, c.item_id)
             for c in session.exec(select(Comment).where(Comment.meeting_id == meeting_id)).all()]
    return rows


def _link(session: Session, earlier: Action, meeting: Meeting, found, record) -> ActionLink | None:
    score, shared = found
    record_kind, record_id, text, _kind, item_id = record
    existing = session.exec(select(ActionLink).where(ActionLink.action_id == earlier.id,
                                                     ActionLink.kind == LinkKind.REPEAT.value,
                                                     ActionLink.meeting_id == meeting.id)).first()
    if existing is not None:
        if existing.state == LinkState.PROPOSED and score > existing.score:
            existing.record_kind, existing.record_id, existing.text = record_kind, record_id, text[:2000]
            existing.item_id, existing.score = item_id, round(score, 3)
            existing.terms, existing.sentence = reason(shared, text)
            session.add(existing)
        return None
    item = session.get(AgendaItem, item_id) if item_id else None
    link = ActionLink(action_id=earlier.id, kind=LinkKind.REPEAT, meeting_id=meeting.id, item_id=item_id,
                      item_number=(item.number or str(item.position + 1)) if item else None,
                      record_kind=record_kind, record_id=record_id, text=text[:2000], score=round(score, 3),
                      terms=reason(shared, text)[0], sentence=reason(shared, text)[1])
    session.add(link)
    return link


def _best(subject: Subject, kind: str, records) -> tuple[tuple[float, set[str]], tuple] | None:
    best = None
    for record in records:
        _rk, _id, text, record_kind, _item = record
        found = _score(subject, text, asks_again(text), record_kind == kind)
        if found and (best is None or found[0] > best[0][0]):
            best = (found, record)
    return best


def propose_repeats(*, session: Session, meeting_id: int) -> list[ActionLink]:
    """Propose repeat links for a meeting: its actions and comments repeating earlier actions of the committee,
    and later meetings' records repeating this meeting's actions (when minutes arrive out of order)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.date is None:
        return []
    made = []
    line = committee_line(session=session, committee_id=meeting.committee_id)  # with its predecessors, successors
    records = _candidates(session, meeting.id)
    if records:
        earlier = session.exec(select(Action, Meeting).join(Meeting, Meeting.id == Action.meeting_id).where(
            Meeting.committee_id.in_(line), Meeting.date < meeting.date)).all()
        for action, held in earlier:
            best = _best(action_subject(session=session, action=action, meeting=held), action.kind, records)
            if best and (link := _link(session, action, meeting, *best)):
                made.append(link)
    own = session.exec(select(Action).where(Action.meeting_id == meeting.id)).all()
    if own:
        later_meetings = session.exec(select(Meeting).where(Meeting.committee_id.in_(line),
                                                            Meeting.date > meeting.date)).all()
        for later in later_meetings:
            later_records = _candidates(session, later.id)
            for action in own:
                best = _best(action_subject(session=session, action=action, meeting=meeting), action.kind,
                             later_records)
                if best and (link := _link(session, action, later, *best)):
                    made.append(link)
    session.flush()
    return made


@dataclass
class Ask:
    """One time something was asked for: the meeting, what was said, and the link that found it (None: the action)."""

    meeting: Meeting
    committee: Committee
    text: str
    action_id: int | None
    link: ActionLink | None


@dataclass
class Chain:
    """Every time a request was made, earliest first."""

    asks: list[Ask]

    @property
    def times(self) -> int:
        return len(self.asks)

    @property
    def first(self) -> dt.date | None:
        return next((ask.meeting.date for ask in self.asks if ask.meeting.date), None)

    @property
    def last(self) -> dt.date | None:
        return next((ask.meeting.date for ask in reversed(self.asks) if ask.meeting.date), None)

    @property
    def days(self) -> int:
        return (self.last - self.first).days if self.first and self.last else 0

    @property
    def span(self) -> str:
        """How long it has been asked for, in words: "2 years 3 months", "5 months", "under a month"."""
        months = round(self.days / 30.44)
        years, months = divmod(months, 12)
        parts = [f"{years} year{'s' * (years != 1)}"] if years else []
        if months:
            parts.append(f"{months} month{'s' * (months != 1)}")
        return " ".join(parts) or "under a month"


def repeat_chain(*, session: Session, action_id: int, include_drafts: bool) -> Chain:
    """The chain of asks an action belongs to: earlier actions it repeats, and later records repeating it.

    Rejected links are left out; proposed ones are included (the page marks them as proposed).
    """
    def visible(meeting: Meeting) -> bool:
        return include_drafts or meeting.status == MeetingStatus.PUBLISHED

    def row(action_id_: int):
        return session.exec(select(Action, Meeting, Committee).join(Meeting, Meeting.id == Action.meeting_id)
                            .join(Committee, Committee.id == Meeting.committee_id)
                            .where(Action.id == action_id_)).first()

    live = (LinkState.PROPOSED.value, LinkState.CONFIRMED.value)
    seen_actions: set[int] = set()
    asks: list[Ask] = []
    frontier: list[tuple[int, ActionLink | None]] = [(action_id, None)]
    while frontier and len(seen_actions) < 50:  # a chain is short; the bound guards against a cycle
        current, via = frontier.pop()
        if current in seen_actions:
            continue
        seen_actions.add(current)
        found = row(current)
        if found is None:
            continue
        action, meeting, committee = found
        if visible(meeting):
            asks.append(Ask(meeting, committee, action.text, action.id, via))
        # earlier actions this one repeats
        for link in session.exec(select(ActionLink).where(ActionLink.kind == LinkKind.REPEAT.value,
                                                          ActionLink.record_kind == "action",
                                                          ActionLink.record_id == current,
                                                          ActionLink.state.in_(live))).all():
            frontier.append((link.action_id, link))
        # later records repeating this one
        for link, later, body in session.exec(
                select(ActionLink, Meeting, Committee).join(Meeting, Meeting.id == ActionLink.meeting_id)
                .join(Committee, Committee.id == Meeting.committee_id)
                .where(ActionLink.action_id == current, ActionLink.kind == LinkKind.REPEAT.value,
                       ActionLink.state.in_(live))).all():
            if link.record_kind == "action" and link.record_id is not None:
                if session.get(Action, link.record_id) is not None:
                    frontier.append((link.record_id, link))
                    continue
            if visible(later):
                asks.append(Ask(later, body, link.text, None, link))
    asks.sort(key=lambda ask: (ask.meeting.date or dt.date.max, ask.action_id or 0))
    return Chain(asks)


__all__ = ["propose_repeats", "Ask", "Chain", "repeat_chain"]
