"""The stored record as JSON-ready dicts, and the read queries the JSON API needs.

Plain functions, no Flask: queries take a keyword-only ``session`` and
``include_drafts`` (only editors and above see draft meetings, or anything
found in them); the ``*_dict`` functions turn rows into dicts of strings,
numbers, lists and ``None``. Every record carries ``url``, the public page
and anchor where it is shown: ``/meetings/<id>#q-<id>`` and so on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, union
from sqlmodel import Session, select

from ..minutes.councils import council_of
from ..models import (
    Action,
    ActionEvent,
    ActionStatus,
    AgendaItem,
    Comment,
    Committee,
    Meeting,
    MinuteRecord,
    Person,
    Question,
    RecordKind,
    Resolution,
    Response,
    User,
    meeting_visible,
)

# The anchor prefix of each kind of record on the meeting page.
ANCHORS = {RecordKind.QUESTION: "q", RecordKind.RESPONSE: "r", RecordKind.COMMENT: "c",
           RecordKind.RESOLUTION: "res", RecordKind.ACTION: "a"}
KIND_OF = {Question: RecordKind.QUESTION, Response: RecordKind.RESPONSE, Comment: RecordKind.COMMENT,
           Resolution: RecordKind.RESOLUTION, Action: RecordKind.ACTION}
# Who a record is about: the column naming them as minuted, and the column linking to the Person.
WHO = {Question: ("asker", "asker_id"), Response: ("responder", "responder_id"), Comment: ("speaker", "speaker_id"),
       Action: ("owner", "owner_id")}
# What a person's page lists, in this order.
PERSON_RECORDS = {"questions": Question, "responses": Response, "comments": Comment, "actions": Action}
CLOSED = (ActionStatus.DONE.value, ActionStatus.DROPPED.value)

Rows = tuple[list, int]


# --- shapes ----------------------------------------------------------------------

def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # stored as UTC; some databases hand it back without the zone
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def meeting_url(meeting_id: int) -> str:
    return f"/meetings/{meeting_id}"


def record_url(record: MinuteRecord) -> str:
    """The meeting page and the anchor of this record on it."""
    return f"{meeting_url(record.meeting_id)}#{ANCHORS[KIND_OF[type(record)]]}-{record.id}"


def item_url(item: AgendaItem) -> str:
    return f"{meeting_url(item.meeting_id)}#item-{item.position + 1}"


def council_dict(row) -> dict[str, Any]:
    council = council_of(row)  # from the session's identity map after the first
    return {"slug": council.slug, "name": council.name}


def committee_dict(committee: Committee, *, meeting_count: int | None = None) -> dict[str, Any]:
    out = {"slug": committee.slug, "name": committee.name, "url": f"/committees/{committee.slug}",
           "api_url": f"/api/committees/{committee.slug}",
           "council": council_dict(committee)}
    if meeting_count is not None:
        out["meeting_count"] = meeting_count
    return out


def meeting_dict(meeting: Meeting, committee: Committee) -> dict[str, Any]:
    """A meeting without its records: enough to list it or to say where a record comes from."""
    return {"id": meeting.id, "committee": committee_dict(committee), "date": _date(meeting.date),
            "title": meeting.title, "status": str(meeting.status), "source_name": meeting.source_name,
            "published_at": _time(meeting.published_at), "url": meeting_url(meeting.id),
            "api_url": f"/api/meetings/{meeting.id}"}


def record_dict(record: MinuteRecord) -> dict[str, Any]:
    """Any record found in minutes: what it says, where (offsets into the meeting text), how found, and who."""
    kind = KIND_OF[type(record)]
    who, person = WHO.get(type(record), (None, None))
    out = {"id": record.id, "kind": kind.value, "meeting_id": record.meeting_id, "item_id": record.item_id,
           "position": record.position, "text": record.text, "start": record.start, "end": record.end,
           "rule": record.rule, "who": getattr(record, who) if who else None,
           "person_id": getattr(record, person) if person else None, "url": record_url(record)}
    if isinstance(record, Response):
        out["question_id"] = record.question_id
    elif isinstance(record, Resolution):
        out["resolution_kind"] = record.kind
    elif isinstance(record, Action):
        out.update(action_kind=record.kind, owner=record.owner, due=record.due, due_date=_date(record.due_date),
                   status=str(record.status), status_note=record.status_note, source=record.source,
                   overdue=is_overdue(record), updated_at=_time(record.updated_at),
                   api_url=f"/api/actions/{record.id}")
    return out


def is_overdue(action: Action, *, today: dt.date | None = None) -> bool:
    """Past its due date and neither done nor dropped."""
    today = today or dt.date.today()
    return action.due_date is not None and action.due_date < today and str(action.status) not in CLOSED


def person_dict(person: Person, *, counts: dict[str, int] | None = None) -> dict[str, Any]:
    out = {"id": person.id, "name": person.name, "role": str(person.role), "url": f"/people/{person.id}",
           "api_url": f"/api/people/{person.id}", "council": council_dict(person)}
    if counts is not None:
        out["counts"] = counts
    return out


def event_dict(event: ActionEvent, username: str | None) -> dict[str, Any]:
    return {"id": event.id, "at": _time(event.at), "field": event.field, "old": event.old, "new": event.new,
            "note": event.note, "by": username}


def item_dict(item: AgendaItem) -> dict[str, Any]:
    return {"id": item.id, "kind": "item", "position": item.position, "number": item.number, "title": item.title,
            "procedural": item.procedural, "start": item.start, "end": item.end, "rule": item.rule,
            "url": item_url(item)}


def _empty_lists() -> dict[str, list]:
    return {"questions": [], "responses": [], "comments": [], "resolutions": [], "actions": []}


def meeting_detail(*, session: Session, meeting: Meeting, committee: Committee) -> dict[str, Any]:
    """The meeting, its text and its agenda items, each holding its questions (answers threaded under
    them), unthreaded responses, comments, resolutions and actions; records outside any item come last."""
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                         .order_by(AgendaItem.position, AgendaItem.id)).all()
    holders = {item.id: {**item_dict(item), **_empty_lists()} for item in items}
    outside = _empty_lists()

    def holder(record):
        return holders.get(record.item_id, outside)

    def of(model):
        return session.exec(select(model).where(model.meeting_id == meeting.id)
                            .order_by(model.position, model.id)).all()

    questions = {}
    for question in of(Question):
        questions[question.id] = {**record_dict(question), "responses": []}
        holder(question)["questions"].append(questions[question.id])
    for response in of(Response):
        thread = questions.get(response.question_id)
        (thread["responses"] if thread else holder(response)["responses"]).append(record_dict(response))
    for model, key in ((Comment, "comments"), (Resolution, "resolutions"), (Action, "actions")):
        for record in of(model):
            holder(record)[key].append(record_dict(record))
    return {**meeting_dict(meeting, committee), "text": meeting.text, "items": list(holders.values()),
            "outside_items": outside}


# --- queries ---------------------------------------------------------------------

def _visible(include_drafts: bool) -> ColumnElement[bool]:
    return meeting_visible(include_drafts)


def _page(session: Session, statement, offset: int, limit: int) -> Rows:
    """One page of an ordered statement's rows, and how many rows there are in all."""
    total = session.exec(select(func.count()).select_from(statement.order_by(None).subquery())).one()
    return list(session.exec(statement.offset(offset).limit(limit)).all()), total


def list_committees(*, session: Session, include_drafts: bool, offset: int, limit: int) -> Rows:
    """(committee, number of meetings) by name; without drafts, only committees with a published meeting."""
    counts = (select(Meeting.committee_id, func.count(Meeting.id).label("n")).where(_visible(include_drafts))
              .group_by(Meeting.committee_id).subquery())
    statement = (select(Committee, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.committee_id == Committee.id)
                 .order_by(Committee.name, Committee.id))
    if not include_drafts:
        statement = statement.where(counts.c.n > 0)
    return _page(session, statement, offset, limit)


def get_committee(*, session: Session, slug: str, include_drafts: bool) -> Committee | None:
    """The committee, if it exists and (without drafts) has a published meeting."""
    committee = session.exec(select(Committee).where(Committee.slug == slug)).first()
    if committee is None or include_drafts:
        return committee
    published = session.exec(select(Meeting.id).where(Meeting.committee_id == committee.id,
                                                      _visible(False)).limit(1)).first()
    return committee if published is not None else None


def list_meetings(*, session: Session, include_drafts: bool, offset: int, limit: int, committee: str | None = None,
                  date_from: dt.date | None = None, date_to: dt.date | None = None) -> Rows:
    """(meeting, committee) newest first, filtered by committee slug and date range (inclusive)."""
    statement = (select(Meeting, Committee).join(Committee, Committee.id == Meeting.committee_id)
                 .where(_visible(include_drafts)).order_by(Meeting.date.desc().nulls_last(), Meeting.id.desc()))
    if committee is not None:
        statement = statement.where(Committee.slug == committee)
    if date_from is not None:
        statement = statement.where(Meeting.date >= date_from)
    if date_to is not None:
        statement = statement.where(Meeting.date <= date_to)
    return _page(session, statement, offset, limit)


def get_meeting(*, session: Session, meeting_id: int, include_drafts: bool) -> tuple[Meeting, Committee] | None:
    return session.exec(select(Meeting, Committee).join(Committee, Committee.id == Meeting.committee_id)
                        .where(Meeting.id == meeting_id, _visible(include_drafts))).first()


def _mentioned(include_drafts: bool):
    """The ids of people named by at least one record of a meeting the reader may see."""
    parts = [select(getattr(model, column).label("person_id"))
             .join(Meeting, Meeting.id == model.meeting_id)
             .where(getattr(model, column).is_not(None), _visible(include_drafts))
             for model, (_name, column) in WHO.items()]
    return union(*parts).subquery()


def list_people(*, session: Session, include_drafts: bool, offset: int, limit: int) -> Rows:
    """People by name; without drafts, only those named in a published meeting."""
    statement = select(Person).order_by(Person.name, Person.id)
    if not include_drafts:
        mentioned = _mentioned(False)
        statement = statement.where(Person.id.in_(select(mentioned.c.person_id)))
    return _page(session, statement, offset, limit)


def get_person(*, session: Session, person_id: int, include_drafts: bool) -> Person | None:
    person = session.get(Person, person_id)
    if person is None or include_drafts:
        return person
    mentioned = _mentioned(False)
    seen = session.exec(select(mentioned.c.person_id).where(mentioned.c.person_id == person_id)).first()
    return person if seen is not None else None


def people_counts(*, session: Session, person_ids: Sequence[int], include_drafts: bool) -> dict[int, dict[str, int]]:
    """For each person, how many questions, responses, comments and actions name them."""
    counts = {person_id: dict.fromkeys(PERSON_RECORDS, 0) for person_id in person_ids}
    for key, model in PERSON_RECORDS.items():
        column = getattr(model, WHO[model][1])
        rows = session.exec(select(column, func.count()).join(Meeting, Meeting.id == model.meeting_id)
                            .where(column.in_(list(person_ids)), _visible(include_drafts)).group_by(column)).all()
        for person_id, n in rows:
            counts[person_id][key] = n
    return counts


def person_records(*, session: Session, person_id: int, key: str, include_drafts: bool, offset: int,
                   limit: int) -> Rows:
    """(record, meeting, committee) naming this person, newest meeting first; `key` is "questions" etc."""
    model = PERSON_RECORDS[key]
    statement = (select(model, Meeting, Committee).join(Meeting, Meeting.id == model.meeting_id)
                 .join(Committee, Committee.id == Meeting.committee_id)
                 .where(getattr(model, WHO[model][1]) == person_id, _visible(include_drafts))
                 .order_by(Meeting.date.desc().nulls_last(), Meeting.id.desc(), model.position, model.id))
    return _page(session, statement, offset, limit)


def list_actions(*, session: Session, include_drafts: bool, offset: int, limit: int, status: str | None = None,
                 committee: str | None = None, owner: int | str | None = None, overdue: bool = False,
                 today: dt.date | None = None) -> Rows:
    """(action, meeting, committee), soonest due first (undated last), filtered as asked.

    `owner` is a person id, or the owner's name as minuted (any case); `overdue`
    keeps actions past their due date that are neither done nor dropped.
    """
    statement = (select(Action, Meeting, Committee).join(Meeting, Meeting.id == Action.meeting_id)
                 .join(Committee, Committee.id == Meeting.committee_id).where(_visible(include_drafts))
                 .order_by(Action.due_date.asc().nulls_last(), Meeting.date.desc().nulls_last(), Action.id))
    if status is not None:
        statement = statement.where(Action.status == status)
    if committee is not None:
        statement = statement.where(Committee.slug == committee)
    if isinstance(owner, int):
        statement = statement.where(Action.owner_id == owner)
    elif owner is not None:
        statement = statement.where(func.lower(Action.owner) == owner.lower())
    if overdue:
        statement = statement.where(Action.due_date < (today or dt.date.today()), Action.status.not_in(CLOSED))
    return _page(session, statement, offset, limit)


def get_action(*, session: Session, action_id: int,
               include_drafts: bool) -> tuple[Action, Meeting, Committee] | None:
    return session.exec(select(Action, Meeting, Committee).join(Meeting, Meeting.id == Action.meeting_id)
                        .join(Committee, Committee.id == Meeting.committee_id)
                        .where(Action.id == action_id, _visible(include_drafts))).first()


def action_history(*, session: Session, action_id: int, show_users: bool) -> list[dict[str, Any]]:
    """The action's changes, oldest first; who made each is shown to signed-in users only."""
    rows = session.exec(select(ActionEvent, User.username).outerjoin(User, User.id == ActionEvent.user_id)
                        .where(ActionEvent.action_id == action_id).order_by(ActionEvent.at, ActionEvent.id)).all()
    return [event_dict(event, username if show_users else None) for event, username in rows]


def action_detail(*, session: Session, action: Action, meeting: Meeting, committee: Committee,
                  show_users: bool) -> dict[str, Any]:
    return {**record_dict(action), "meeting": meeting_dict(meeting, committee),
            "history": action_history(session=session, action_id=action.id, show_users=show_users)}


__all__ = [
    "ANCHORS", "PERSON_RECORDS", "committee_dict", "meeting_dict", "meeting_detail", "record_dict", "item_dict",
    "person_dict", "event_dict", "action_detail", "action_history", "is_overdue", "record_url", "list_committees",
    "get_committee", "list_meetings", "get_meeting", "list_people", "get_person", "people_counts", "person_records",
    "list_actions", "get_action",
]
