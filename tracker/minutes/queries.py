"""Reading the stored record for the public pages: meetings, committees, people and their action logs.

Every function takes ``include_drafts``: the public sees published meetings
only, and anything that lives only in a draft (a committee, a person, a
record) does not exist for them. Lists that grow are returned a page at a
time as a ``Page``; asking for a page past the end raises ``NoSuchPage``.
"""

from __future__ import annotations

from nlp.name_keys import name_key

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy import Select, and_, func
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from ..models import (
    Action,
    ActionStatus,
    AgendaItem,
    Comment,
    Committee,
    Meeting,
    MeetingStatus,
    Person,
    Question,
    Resolution,
    Response,
    meeting_visible,
)

T = TypeVar("T")

PER_PAGE = 20
CLOSED_STATUSES = (ActionStatus.DONE.value, ActionStatus.DROPPED.value)


class NoSuchPage(LookupError):
    """A page number before the first page or after the last."""

    status = 404


@dataclass
class Page(Generic[T]):
    """One page of a longer list: its rows, which page it is (from 1), how many pages and rows there are."""

    items: list[T]
    number: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


@dataclass
class MeetingSummary:
    """A meeting in a list: enough to link to it and say whose it is and whether it is a draft."""

    meeting: Meeting
    committee: Committee

    @property
    def draft(self) -> bool:
        return self.meeting.status != MeetingStatus.PUBLISHED


@dataclass
class ActionCounts:
    """Actions still to do (open or in progress), and how many of those are past their due date."""

    open: int
    overdue: int


@dataclass
class CommitteeSummary:
    committee: Committee
    meetings: int


@dataclass
class ActionEntry:
    """An action in a log, with the meeting it came from and whether it is overdue."""

    action: Action
    meeting: Meeting
    overdue: bool


@dataclass
class QuestionThread:
    """A question with the responses that answer it, in the order minuted."""

    question: Question
    responses: list[Response] = field(default_factory=list)


@dataclass
class ItemRecords:
    """An agenda item (None for records not under any item) and everything minuted under it."""

    item: AgendaItem | None
    questions: list[QuestionThread] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)  # answering no question shown here
    comments: list[Comment] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    actions: list[ActionEntry] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.questions or self.responses or self.comments or self.resolutions or self.actions)


@dataclass
class MeetingRecord:
    """A meeting as its page shows it: agenda items in order, then any records filed under no item."""

    meeting: Meeting
    committee: Committee
    items: list[ItemRecords]
    unfiled: ItemRecords

    @property
    def draft(self) -> bool:
        return self.meeting.status != MeetingStatus.PUBLISHED


@dataclass
class PersonSummary:
    person: Person
    questions: int
    responses: int
    comments: int
    actions: int


@dataclass
class PersonRecord:
    """Everything a person is minuted as doing, each with its meeting, newest meeting first."""

    person: Person
    questions: list[tuple[Question, Meeting]]
    responses: list[tuple[Response, Meeting]]
    comments: list[tuple[Comment, Meeting]]
    actions: list[ActionEntry]


# --- helpers ---------------------------------------------------------------------

def is_overdue(action: Action, today: dt.date) -> bool:
    """Past its due date and neither done nor dropped."""
    return action.due_date is not None and action.due_date < today and action.status not in CLOSED_STATUSES


def _visible(statement: Select, include_drafts: bool) -> Select:
    return statement.where(meeting_visible(include_drafts))


def _newest_first():
    return (Meeting.date.desc().nulls_last(), Meeting.id.desc())


def _light(statement: Select) -> Select:
    """Lists never show a meeting's text or warnings; leave those large columns behind."""
    return statement.options(defer(Meeting.text), defer(Meeting.warnings))


def paginate(*, session: Session, statement: Select, page: int, per_page: int = PER_PAGE) -> Page:
    """Page `page` (from 1) of `statement`'s rows; an empty list still has a page 1."""
    total = session.exec(select(func.count()).select_from(statement.order_by(None).subquery())).one()
    pages = max(1, math.ceil(total / per_page))
    if page < 1 or page > pages:
        raise NoSuchPage(f"there is no page {page}; pages run from 1 to {pages}")
    rows = session.exec(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=list(rows), number=page, pages=pages, total=total)


# --- meetings and committees --------------------------------------------------

def recent_meetings(*, session: Session, include_drafts: bool, page: int = 1,
                    per_page: int = PER_PAGE) -> Page[MeetingSummary]:
    """Meetings across every committee, newest first (undated last)."""
    statement = _light(_visible(select(Meeting, Committee).join(Committee, Committee.id == Meeting.committee_id),
                                include_drafts)).order_by(*_newest_first())
    result = paginate(session=session, statement=statement, page=page, per_page=per_page)
    result.items = [MeetingSummary(meeting, committee) for meeting, committee in result.items]
    return result


def action_counts(*, session: Session, include_drafts: bool, today: dt.date) -> ActionCounts:
    """How many actions are still to do, and how many of those are overdue."""
    statement = _visible(select(func.count()).select_from(Action).join(Meeting, Meeting.id == Action.meeting_id)
                         .where(Action.status.not_in(CLOSED_STATUSES)), include_drafts)
    still_open = session.exec(statement).one()
    overdue = session.exec(statement.where(Action.due_date < today)).one()
    return ActionCounts(open=still_open, overdue=overdue)


def committees(*, session: Session, include_drafts: bool) -> list[CommitteeSummary]:
    """Committees by name with their meeting counts; for the public, only those with a published meeting."""
    meetings = func.count(Meeting.id)
    condition = Meeting.committee_id == Committee.id
    if not include_drafts:
        condition = and_(condition, Meeting.status == MeetingStatus.PUBLISHED.value)
    statement = (select(Committee, meetings).outerjoin(Meeting, condition).group_by(Committee.id)
                 .order_by(Committee.name, Committee.id))
    if not include_drafts:
        statement = statement.having(meetings > 0)
    return [CommitteeSummary(committee, count) for committee, count in session.exec(statement).all()]


def committee_by_slug(*, session: Session, slug: str, include_drafts: bool) -> Committee | None:
    """The committee with this slug, or None (also for the public when it has no published meeting)."""
    committee = session.exec(select(Committee).where(Committee.slug == slug[:200])).first()
    if committee is None or include_drafts:
        return committee
    published = session.exec(select(Meeting.id).where(Meeting.committee_id == committee.id,
                                                      Meeting.status == MeetingStatus.PUBLISHED.value)).first()
    return committee if published is not None else None


def committee_meetings(*, session: Session, committee_id: int, include_drafts: bool, page: int = 1,
                       per_page: int = PER_PAGE) -> Page[MeetingSummary]:
    """A committee's meetings, newest first, undated last."""
    committee = session.get(Committee, committee_id)
    statement = _light(_visible(select(Meeting).where(Meeting.committee_id == committee_id), include_drafts))
    result = paginate(session=session, statement=statement.order_by(*_newest_first()), page=page, per_page=per_page)
    result.items = [MeetingSummary(meeting, committee) for meeting in result.items]
    return result


def action_log(*, session: Session, committee_id: int, include_drafts: bool, today: dt.date) -> list[ActionEntry]:
    """Every action a committee's meetings recorded, newest meeting first, in minuted order within each."""
    statement = _light(_visible(select(Action, Meeting).join(Meeting, Meeting.id == Action.meeting_id)
                                .where(Meeting.committee_id == committee_id), include_drafts))
    rows = session.exec(statement.order_by(*_newest_first(), Action.position, Action.id)).all()
    return [ActionEntry(action, meeting, is_overdue(action, today)) for action, meeting in rows]


def visible_meeting(*, session: Session, meeting_id: int, include_drafts: bool) -> Meeting | None:
    """The meeting, or None when there is none or it is a draft the reader may not see."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or (not include_drafts and meeting.status != MeetingStatus.PUBLISHED):
        return None
    return meeting


def committee_of(*, session: Session, meeting: Meeting) -> Committee:
    """The committee that held `meeting`."""
    return session.get(Committee, meeting.committee_id)


def _records(session: Session, model, meeting_id: int) -> list:
    return list(session.exec(select(model).where(model.meeting_id == meeting_id)
                             .order_by(model.position, model.id)).all())


def meeting_record(*, session: Session, meeting_id: int, include_drafts: bool, today: dt.date) -> MeetingRecord | None:
    """A meeting with its agenda items in order and each item's records; None if the reader may not see it."""
    meeting = visible_meeting(session=session, meeting_id=meeting_id, include_drafts=include_drafts)
    if meeting is None:
        return None
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                         .order_by(AgendaItem.position, AgendaItem.id)).all()
    groups = {item.id: ItemRecords(item) for item in items}
    unfiled = ItemRecords(None)

    def group(record) -> ItemRecords:
        return groups.get(record.item_id, unfiled)

    threads = {}
    for question in _records(session, Question, meeting_id):
        threads[question.id] = QuestionThread(question)
        group(question).questions.append(threads[question.id])
    for response in _records(session, Response, meeting_id):
        if response.question_id in threads:
            threads[response.question_id].responses.append(response)
        else:
            group(response).responses.append(response)
    for comment in _records(session, Comment, meeting_id):
        group(comment).comments.append(comment)
    for resolution in _records(session, Resolution, meeting_id):
        group(resolution).resolutions.append(resolution)
    for action in _records(session, Action, meeting_id):
        group(action).actions.append(ActionEntry(action, meeting, is_overdue(action, today)))
    return MeetingRecord(meeting=meeting, committee=committee_of(session=session, meeting=meeting),
                         items=list(groups.values()), unfiled=unfiled)


# --- people --------------------------------------------------------------------

_PERSON_COLUMNS = ((Question, Question.asker_id), (Response, Response.responder_id), (Comment, Comment.speaker_id),
                   (Action, Action.owner_id))


def _counts_by_person(model, column, include_drafts: bool):
    statement = (select(column.label("person_id"), func.count().label("n"))
                 .join(Meeting, Meeting.id == model.meeting_id).where(column.is_not(None)))
    return _visible(statement, include_drafts).group_by(column).subquery()


# what the role filter offers, and the stored roles each choice covers
PEOPLE_ROLES = {"councillor": ("councillor", "cabinet_member"), "officer": ("officer",), "public": ("public",)}


def people(*, session: Session, include_drafts: bool, page: int = 1, per_page: int = PER_PAGE,
           search: str | None = None, council_id: int | None = None, role: str | None = None) -> Page[PersonSummary]:
    """People, most active first, with how many questions, responses, comments and actions are minuted
    against them; `search` matches words of the name (any case), `council_id` and `role` (a key of
    ``PEOPLE_ROLES``) filter.

    Someone named only in meetings the reader cannot see is left out.
    """
    counts = [_counts_by_person(model, column, include_drafts) for model, column in _PERSON_COLUMNS]
    columns = [func.coalesce(sub.c.n, 0) for sub in counts]
    statement = select(Person, *columns)
    for sub in counts:
        statement = statement.outerjoin(sub, sub.c.person_id == Person.id)
    activity = sum(columns[1:], columns[0])
    statement = statement.where(activity > 0)
    for word in (search or "").split()[:10]:
        statement = statement.where(Person.key.contains(name_key(word)[:100], autoescape=True))
    if council_id is not None:
        statement = statement.where(Person.council_id == council_id)
    if role in PEOPLE_ROLES:
        statement = statement.where(Person.role.in_(PEOPLE_ROLES[role]))
    statement = statement.order_by(activity.desc(), Person.name, Person.id)
    result = paginate(session=session, statement=statement, page=page, per_page=per_page)
    result.items = [PersonSummary(person, *numbers) for person, *numbers in result.items]
    return result


def person_record(*, session: Session, person_id: int, include_drafts: bool, today: dt.date) -> PersonRecord | None:
    """What a person asked, answered, said and owns across the meetings the reader can see; None if nothing."""
    person = session.get(Person, person_id)
    if person is None:
        return None

    def rows(model, column):
        statement = _light(_visible(select(model, Meeting).join(Meeting, Meeting.id == model.meeting_id)
                                    .where(column == person_id), include_drafts))
        return list(session.exec(statement.order_by(*_newest_first(), model.position, model.id)).all())

    questions, responses, comments, actions = (rows(model, column) for model, column in _PERSON_COLUMNS)
    if not (questions or responses or comments or actions):
        return None
    return PersonRecord(person=person, questions=questions, responses=responses, comments=comments,
                        actions=[ActionEntry(a, m, is_overdue(a, today)) for a, m in actions])


__all__ = [
    "PER_PAGE", "NoSuchPage", "Page", "MeetingSummary", "ActionCounts", "CommitteeSummary", "ActionEntry",
    "QuestionThread", "ItemRecords", "MeetingRecord", "PersonSummary", "PersonRecord", "is_overdue", "paginate",
    "recent_meetings", "action_counts", "committees", "committee_by_slug", "committee_meetings", "action_log",
    "visible_meeting", "committee_of", "meeting_record", "people", "person_record",
]
