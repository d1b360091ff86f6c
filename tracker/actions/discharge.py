"""Discharge: proposing that a later meeting reported back on an earlier action, and an officer's decision.

A proposal needs the same committee (or its predecessor or successor), a later meeting, subject words in common
(from the action, its sentence and its agenda item's title against a later
item's title and everything minuted under it) and, for most kinds of action, a
sign in the later item that the kind of thing promised happened (a report on
the agenda, figures presented, a document shared). An officer confirms or
rejects each proposal; a confirmed discharge closes the action as done, with
"discharged at <meeting>, item <n>" in its history.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from nlp.subjects import sentence_with, shows_kind, subject_terms, without_asking_again, words_for

from ..audit import record_audit
from ..errors import Conflict, NotAllowed, NotFound
from ..models import (
    Action,
    ActionLink,
    AgendaItem,
    Comment,
    Committee,
    LinkKind,
    LinkState,
    Meeting,
    Question,
    Resolution,
    Response,
    Role,
    User,
    utcnow,
    meeting_visible,
)
from ..minutes.successors import committee_line
from .service import STILL_OPEN, set_action_status, source_sentence

MIN_SCORE = 0.3
MIN_SHARED = 2
MAX_ITEM_TEXT = 30_000  # enough for any item's minutes; bounds the work for a huge one


@dataclass
class Subject:
    """What an action is about: its own words (weighted double) and its context (sentence, item title)."""

    own: set[str]
    context: set[str]

    def score(self, other: set[str]) -> tuple[float, set[str]]:
        """How much of this subject `other` covers, from 0 to 1, and the words shared."""
        context = self.context - self.own
        weight = 2 * len(self.own) + len(context)
        if not weight:
            return 0.0, set()
        shared_own, shared_context = self.own & other, context & other
        return (2 * len(shared_own) + len(shared_context)) / weight, shared_own | shared_context


def action_subject(*, session: Session, action: Action, meeting: Meeting) -> Subject:
    """An action's subject words: its text, the sentence it sits in and its agenda item's title."""
    _before, sentence, _after = source_sentence(meeting.text, action.start, action.end, context=0)
    title = ""
    if action.item_id is not None:
        item = session.get(AgendaItem, action.item_id)
        title = item.title if item else ""
    return Subject(own=subject_terms(action.text), context=subject_terms(f"{sentence} {title}"))


@dataclass
class LaterItem:
    """An agenda item of a later meeting with everything minuted under it."""

    item: AgendaItem
    text: str
    terms: set[str]
    lines: str = ""  # the same with its line breaks, so a bullet without a full stop is a sentence of its own


def later_items(*, session: Session, meeting_id: int) -> list[LaterItem]:
    """A meeting's substantive items, each with its title and records as one text."""
    meeting = session.get(Meeting, meeting_id)
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, AgendaItem.procedural.is_(False))
                         .order_by(AgendaItem.position)).all()
    # the item's own stretch of the minutes (the report's summary too), then its records (edited wording too)
    texts = {item.id: [item.title, meeting.text[item.start:min(item.end, item.start + MAX_ITEM_TEXT)]]
             for item in items}
    for model in (Question, Response, Comment, Resolution, Action):
        for item_id, text in session.exec(select(model.item_id, model.text).where(model.meeting_id == meeting_id)):
            if item_id in texts:
                texts[item_id].append(text)
    out = []
    for item in items:
        joined = without_asking_again(" ".join(texts[item.id]))
        out.append(LaterItem(item, joined, subject_terms(joined), "\n".join(texts[item.id])))
    return out


def common_terms(*, session: Session, committee_id: int) -> set[str]:
    """Words in most of a committee's agenda items ("performance", "portfolio" for a performance committee):
    they say nothing about which item an action is about, so proposals ignore them."""
    meetings = session.exec(select(Meeting.id).where(Meeting.committee_id == committee_id)).all()
    counts: dict[str, int] = {}
    n = 0
    for meeting_id in meetings:
        for later in later_items(session=session, meeting_id=meeting_id):
            n += 1
            for term in later.terms:
                counts[term] = counts.get(term, 0) + 1
    if n < 3:
        return set()
    return {term for term, count in counts.items() if count >= max(3, 0.6 * n)}


def without(subject: Subject, common: set[str]) -> Subject:
    return Subject(own=subject.own - common, context=subject.context - common)


def _best_item(subject: Subject, kind: str, items: list[LaterItem]) -> tuple[float, LaterItem, set[str]] | None:
    best = None
    for later in items:
        if not shows_kind(kind, later.text):
            continue
        score, shared = subject.score(later.terms)
        if shared & subject.own and len(shared) >= MIN_SHARED and score >= MIN_SCORE and (best is None or score > best[0]):
            best = (score, later, shared)
    return best


def _existing(session: Session, action_id: int, kind: LinkKind, meeting_id: int) -> ActionLink | None:
    return session.exec(select(ActionLink).where(ActionLink.action_id == action_id, ActionLink.kind == kind.value,
                                                 ActionLink.meeting_id == meeting_id)).first()


def reason(shared: set[str], text: str, own: set[str] = frozenset()) -> tuple[str, str]:
    """Why a link was proposed, for a person to judge: the shared words as the later record writes them, and
    the later record's sentence holding most of them (most of the action's `own` words first)."""
    return ", ".join(words_for(shared, text))[:500], sentence_with(shared, text, prefer=own)


def _propose(session: Session, action: Action, meeting: Meeting, found) -> ActionLink | None:
    score, later, shared = found
    words, sentence = reason(shared, later.lines or later.text, subject_terms(action.text))
    link = _existing(session, action.id, LinkKind.DISCHARGE, meeting.id)
    if link is not None:
        if link.state == LinkState.PROPOSED:  # refresh it from the minutes as they now stand
            link.item_id, link.item_number, link.score = later.item.id, _number(later.item), round(score, 3)
            link.text, link.terms, link.sentence = later.item.title[:2000], words, sentence
            session.add(link)
        return None
    link = ActionLink(action_id=action.id, kind=LinkKind.DISCHARGE, meeting_id=meeting.id, item_id=later.item.id,
                      item_number=_number(later.item), record_kind="item", record_id=later.item.id,
                      text=later.item.title[:2000], score=round(score, 3), terms=words, sentence=sentence)
    session.add(link)
    return link


def _number(item: AgendaItem) -> str:
    return item.number or str(item.position + 1)


def propose_discharges(*, session: Session, meeting_id: int) -> list[ActionLink]:
    """Propose links between a meeting and its committee's actions: earlier open actions it may discharge,
    and (when minutes arrive out of order) this meeting's open actions that later meetings may have discharged."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.date is None:
        return []
    made = []
    line = committee_line(session=session, committee_id=meeting.committee_id)  # with its predecessors, successors
    common = common_terms(session=session, committee_id=meeting.committee_id)
    earlier = session.exec(select(Action, Meeting).join(Meeting, Meeting.id == Action.meeting_id).where(
        Meeting.committee_id.in_(line), Meeting.date < meeting.date,
        Action.status.in_(STILL_OPEN))).all()
    if earlier:
        items = later_items(session=session, meeting_id=meeting.id)
        for action, held in earlier:
            found = _best_item(without(action_subject(session=session, action=action, meeting=held), common),
                               action.kind, items)
            if found and (link := _propose(session, action, meeting, found)):
                made.append(link)
    own = session.exec(select(Action).where(Action.meeting_id == meeting.id, Action.status.in_(STILL_OPEN))).all()
    if own:
        later_meetings = session.exec(select(Meeting).where(Meeting.committee_id.in_(line),
                                                            Meeting.date > meeting.date)).all()
        subjects = {action.id: without(action_subject(session=session, action=action, meeting=meeting), common)
                    for action in own}
        for later in later_meetings:
            items = later_items(session=session, meeting_id=later.id)
            for action in own:
                found = _best_item(subjects[action.id], action.kind, items)
                if found and (link := _propose(session, action, later, found)):
                    made.append(link)
    session.flush()
    return made


# --- reading and deciding --------------------------------------------------------------

@dataclass
class LinkView:
    """A link as the action page shows it: the link, the later meeting and its committee."""

    link: ActionLink
    meeting: Meeting
    committee: Committee

    @property
    def where(self) -> str:
        when = f"{self.meeting.date.day} {self.meeting.date:%B %Y}" if self.meeting.date else "an undated meeting"
        item = f", item {self.link.item_number}" if self.link.item_number else ""
        return f"{self.committee.name}, {when}{item}"


def links_for(*, session: Session, action_id: int, include_drafts: bool,
              kind: LinkKind | None = None) -> list[LinkView]:
    """An action's links to later meetings the reader may see, earliest meeting first."""
    statement = (select(ActionLink, Meeting, Committee).join(Meeting, Meeting.id == ActionLink.meeting_id)
                 .join(Committee, Committee.id == Meeting.committee_id).where(ActionLink.action_id == action_id)
                 .order_by(Meeting.date, ActionLink.id))
    if kind is not None:
        statement = statement.where(ActionLink.kind == kind.value)
    statement = statement.where(meeting_visible(include_drafts))
    return [LinkView(*row) for row in session.exec(statement).all()]


def discharged_at(*, session: Session, action_id: int, include_drafts: bool) -> LinkView | None:
    """The confirmed discharge of an action, if there is one the reader may see."""
    for view in links_for(session=session, action_id=action_id, include_drafts=include_drafts,
                          kind=LinkKind.DISCHARGE):
        if view.link.state == LinkState.CONFIRMED:
            return view
    return None


def decide_link(*, session: Session, link_id: int, action_id: int, user: User | None, confirm: bool,
                seen: str | None = None) -> ActionLink:
    """An officer confirms or rejects a proposed link; confirming a discharge marks the action done.

    `seen` is the link state the officer saw: a decision someone else made meanwhile is not overwritten.
    """
    if user is None or Role(user.role).rank < Role.OFFICER.rank:
        raise NotAllowed("confirming or rejecting a link needs the officer role")
    link = session.get(ActionLink, link_id)
    if link is None or link.action_id != action_id:
        raise NotFound(f"there is no link {link_id} on action {action_id}")
    if seen and seen != str(link.state):
        raise Conflict(f"someone else has already {link.state} this link; check it and try again")
    state = LinkState.CONFIRMED if confirm else LinkState.REJECTED
    if str(link.state) == state.value:
        return link
    meeting = session.get(Meeting, link.meeting_id)
    committee = session.get(Committee, meeting.committee_id)
    view = LinkView(link, meeting, committee)
    link.state, link.decided_at, link.decided_by_id = state, utcnow(), user.id
    session.add(link)
    if link.kind == LinkKind.DISCHARGE and confirm:
        action = session.get(Action, action_id)
        if str(action.status) != "done":
            set_action_status(session=session, action_id=action_id, status="done", user=user,
                              note=f"discharged at {view.where}")
    record_audit(session=session, user=user, event=f"action.link.{state.value}", entity="action",
                 entity_id=action_id, detail={"link": link.id, "kind": str(link.kind), "meeting": link.meeting_id})
    return link


__all__ = ["Subject", "action_subject", "later_items", "propose_discharges", "LinkView",
           "links_for", "discharged_at", "decide_link"]
