"""Discharge: proposing that a later meeting reported back on an earlier action, and an officer's decision.

A proposal needs the same committee, a later meeting, subject words in common
(from the action, its sentence and its agenda item's title against a later
item's title and everything minuted under it) and, for most kinds of action, a
sign in the later item that the kind of thing promised happened (a report on
the agenda, figures presented, a document shared). An officer confirms or
rejects each proposal; a confirmed discharge closes the action as done, with
"discharged at <meeting>, item <n>" in its history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from .actions import STILL_OPEN, ActionError, Conflict, NotAllowed, NotFound, set_action_status, source_sentence
from .audit import record_audit
from .models import (
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

# Words that say nothing about what an action is about.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over
own same she should so some such than that the their them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your
committee committees council councillor councillors member members meeting meetings chair chairman cabinet officer
officers item items agenda minutes noted note notes agreed resolved requested request requests asked ask asking
future next previous following further regard regarding relation relating respect report reports would could should
provide provided update updates information discussed discussion clarification sought whether also confirmed
stated explained advised said thank thanked welcome welcomed received consider considered year years time times
within per new one two three include included including undertook undertaken take taken circulate circulated share
shared members' made make given give may might must shall well use used work working response responses clear
term terms continue continued ensure ensured place around across part overall currently current level levels
""".split())
# Signs, in a later item, that the kind of thing an action promised has happened.
KIND_SIGNS = {
    "report_back": re.compile(r"\b(report|update|review|presented|progress|outcome)", re.I),
    "provide_information": re.compile(r"\b(provided|circulated|presented|figures?|data|information|briefing|update)",
                                      re.I),
    "include_data": re.compile(r"\b(figures?|data|numbers?|percentages?|performance|indicators?|actual)", re.I),
    "share": re.compile(r"\b(circulated|shared|published|sent|distributed|provided|available|copy|copies)", re.I),
    "arrange": re.compile(r"\b(visit(ed)?|session|workshop|met|attended|meeting was held|briefing)", re.I),
    "investigate": re.compile(r"\b(investigat\w*|review(ed)?|findings|outcome|looked into|explored)", re.I),
}
# A record asking again ("reiterated previous requests ...") repeats an action; it does not discharge it.
REPEAT_CUE = re.compile(
    r"\b(reiterat\w*|repeat(ed)?\s+(its|their|his|her|the|a)?\s*(previous\s+)?requests?|again\s+(asked|requested|"
    r"sought|raised)|(asked|requested|sought|raised)\s+(this\s+|it\s+)?again|once\s+more|previous(ly)?\s+"
    r"(request\w*|asked|raised|sought)|as\s+(previously|before)\s+(requested|asked)|still\s+(awaited|waiting|"
    r"not\s+(been\s+)?(received|provided|circulated|shared))|renewed\s+(its|their|the)?\s*request)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
MIN_SCORE = 0.3
MIN_SHARED = 2
MAX_ITEM_TEXT = 30_000  # enough for any item's minutes; bounds the work for a huge one
_WORD = re.compile(r"[a-z][a-z0-9'’-]*[a-z0-9]|[0-9]{2,}[a-z]*", re.I)


def _stem(word: str) -> str:
    """A crude stem, the same for "figure", "figures"; "include", "included"; "repair", "repairs", "repairing"."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + keep
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def subject_terms(text: str) -> set[str]:
    """The words that say what a passage is about: lower-cased, crudely stemmed, without minute boilerplate."""
    terms = set()
    for match in _WORD.finditer(text or ""):
        word = match.group().lower()
        if word in STOPWORDS or len(word) < 3:
            continue
        stem = _stem(word)
        if stem not in STOPWORDS:
            terms.add(stem)
    return terms


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
        sentences = _SENTENCE_END.split(" ".join(texts[item.id]))
        joined = " ".join(sentence for sentence in sentences if not REPEAT_CUE.search(sentence))
        out.append(LaterItem(item, joined, subject_terms(joined)))
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


def _kind_fits(kind: str, text: str) -> bool:
    sign = KIND_SIGNS.get(kind)
    return sign is None or bool(sign.search(text))


def _best_item(subject: Subject, kind: str, items: list[LaterItem]) -> tuple[float, LaterItem, set[str]] | None:
    best = None
    for later in items:
        if not _kind_fits(kind, later.text):
            continue
        score, shared = subject.score(later.terms)
        if shared & subject.own and len(shared) >= MIN_SHARED and score >= MIN_SCORE and (best is None or score > best[0]):
            best = (score, later, shared)
    return best


def _existing(session: Session, action_id: int, kind: LinkKind, meeting_id: int) -> ActionLink | None:
    return session.exec(select(ActionLink).where(ActionLink.action_id == action_id, ActionLink.kind == kind.value,
                                                 ActionLink.meeting_id == meeting_id)).first()


def _propose(session: Session, action: Action, meeting: Meeting, found) -> ActionLink | None:
    score, later, shared = found
    link = _existing(session, action.id, LinkKind.DISCHARGE, meeting.id)
    if link is not None:
        if link.state == LinkState.PROPOSED:  # refresh it from the minutes as they now stand
            link.item_id, link.item_number, link.score = later.item.id, _number(later.item), round(score, 3)
            link.text, link.terms = later.item.title[:2000], " ".join(sorted(shared))[:500]
            session.add(link)
        return None
    link = ActionLink(action_id=action.id, kind=LinkKind.DISCHARGE, meeting_id=meeting.id, item_id=later.item.id,
                      item_number=_number(later.item), record_kind="item", record_id=later.item.id,
                      text=later.item.title[:2000], score=round(score, 3), terms=" ".join(sorted(shared))[:500])
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
    common = common_terms(session=session, committee_id=meeting.committee_id)
    earlier = session.exec(select(Action, Meeting).join(Meeting, Meeting.id == Action.meeting_id).where(
        Meeting.committee_id == meeting.committee_id, Meeting.date < meeting.date,
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
        later_meetings = session.exec(select(Meeting).where(Meeting.committee_id == meeting.committee_id,
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


__all__ = ["subject_terms", "Subject", "action_subject", "later_items", "propose_discharges", "LinkView",
           "links_for", "discharged_at", "decide_link", "ActionError"]
