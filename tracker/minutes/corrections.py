"""Corrections an editor makes to stored minutes: records re-kinded, reworded, split, merged, added or removed,
meeting details changed, meetings published, unpublished or deleted.

Every function works in the caller's transaction (``db.write_session``), so a correction is written whole
or not at all; each one marks the records it touches as edited by the user and adds an entry to the audit log
with the old and new values. A correction that cannot be made as asked raises ``CorrectionError``, whose
``field`` names the form field the message belongs next to.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlmodel import Session, select

from nlp.records import ActionKind, ResolutionKind

from ..audit import record_audit
from ..errors import Invalid, NotFound
from ..models import (
    RECORD_MODELS,
    Action,
    ActionEvent,
    AgendaItem,
    Comment,
    Committee,
    Council,
    Meeting,
    MeetingStatus,
    MinuteRecord,
    Question,
    RecordKind,
    Resolution,
    Response,
    User,
    utcnow,
)
from .councils import CouncilError, council_named
from .ingest import committee_named
from .people import clean_name, person_for

__all__ = [
    "CorrectionError", "NotFound", "KEEP", "PERSON_FIELDS", "record_kind", "with_article", "add_agenda_item", "load_record", "split_points",
    "change_kind", "edit_record", "link_response", "split_record", "merge_with_next", "next_sibling",
    "delete_record", "add_record", "update_meeting", "publish_meeting", "unpublish_meeting", "delete_meeting",
]


class CorrectionError(Invalid):
    """A correction that cannot be made as asked; ``message`` says what to fix, ``field`` where."""


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()  # "leave this value as it is" (None means "clear it")

# The column naming the person each kind of record is about.
PERSON_FIELDS = {RecordKind.QUESTION: "asker", RecordKind.RESPONSE: "responder", RecordKind.COMMENT: "speaker",
                 RecordKind.ACTION: "owner"}
_KIND_OF = {model: kind for kind, model in RECORD_MODELS.items()}
_SHARED = ("meeting_id", "item_id", "text", "start", "end", "rule")


def record_kind(record: MinuteRecord) -> RecordKind:
    return _KIND_OF[type(record)]


def with_article(noun: str, *, capital: bool = False) -> str:
    """'an action', 'a question': the noun with the article English gives it."""
    article = "an" if noun[:1].lower() in "aeiou" else "a"
    return f"{article.capitalize() if capital else article} {noun}"


def _kind(value: str, field: str = "kind") -> RecordKind:
    try:
        return RecordKind(value)
    except ValueError:
        raise CorrectionError(f"{value!r} is not a kind of record; choose one of "
                              f"{', '.join(k.value for k in RecordKind)}", field) from None


def _user_id(user: User | None) -> int | None:
    return user.id if user is not None else None


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"there is no meeting {meeting_id}")
    return meeting


def load_record(*, session: Session, meeting_id: int, kind: str, record_id: int) -> MinuteRecord:
    """The record of this kind and id, if it belongs to this meeting (else NotFound)."""
    try:
        model = RECORD_MODELS[RecordKind(kind)]
    except ValueError:
        raise NotFound(f"there is no kind of record called {kind!r}") from None
    record = session.get(model, record_id)
    if record is None or record.meeting_id != meeting_id:
        raise NotFound(f"meeting {meeting_id} has no {kind} {record_id}")
    return record


def _touch(session: Session, meeting: Meeting) -> None:
    meeting.updated_at = utcnow()
    session.add(meeting)


def _renumber(session: Session, model: type[MinuteRecord], meeting_id: int) -> None:
    """Keep `position` the order of a meeting's records of one kind in the minutes."""
    session.flush()
    rows = session.exec(select(model).where(model.meeting_id == meeting_id).order_by(model.start, model.id)).all()
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            session.add(row)


def _audit(session: Session, user: User | None, event: str, record: MinuteRecord | Meeting, detail: dict) -> None:
    entity = "meeting" if isinstance(record, Meeting) else record_kind(record).value
    record_audit(session=session, user=user, event=event, entity=entity, entity_id=record.id, detail=detail)


def _check_item(session: Session, meeting_id: int, item_id: int | None) -> int | None:
    if item_id is None:
        return None
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise CorrectionError("Choose one of this meeting's agenda items", "item")
    return item.id


def _preceding_question(session: Session, meeting_id: int, item_id: int | None, start: int,
                        exclude: int | None = None) -> int | None:
    """The question a response at `start` most likely answers: the last one before it under the same item."""
    query = select(Question).where(Question.meeting_id == meeting_id, Question.item_id == item_id,
                                   Question.start <= start).order_by(Question.start.desc(), Question.id.desc())
    if exclude is not None:
        query = query.where(Question.id != exclude)
    question = session.exec(query).first()
    return question.id if question else None


def _set_person(session: Session, record: MinuteRecord, kind: RecordKind, name: str | None) -> None:
    column = PERSON_FIELDS[kind]
    meeting = session.get(Meeting, record.meeting_id)
    council_id = session.get(Committee, meeting.committee_id).council_id
    person = person_for(session=session, name=name, council_id=council_id)
    if person is None and clean_name(name):
        raise CorrectionError(f"{clean_name(name)!r} is not a person's name, a post or a body; give who it was, "
                              "e.g. 'Councillor Yates' or 'the Head of Housing'", column)
    setattr(record, column, person.name if person else None)
    setattr(record, f"{column}_id", person.id if person else None)


def _forget(session: Session, record: MinuteRecord) -> None:
    """What must go before a record is removed: responses' links to a question, an action's history."""
    if isinstance(record, Question):
        for response in session.exec(select(Response).where(Response.question_id == record.id)).all():
            response.question_id = None
            session.add(response)
    if isinstance(record, Action):
        for event in session.exec(select(ActionEvent).where(ActionEvent.action_id == record.id)).all():
            session.delete(event)
    session.flush()


# --- changing a record's kind ------------------------------------------------------

def change_kind(*, session: Session, user: User | None, meeting_id: int, kind: str, record_id: int,
                new_kind: str) -> MinuteRecord:
    """Move a record to another kind's table, keeping meeting, item, text, offsets and rule; returns the new record.

    The person it names carries over where the new kind names one (an asker becomes a speaker, say); a
    response is threaded under the last question before it in its item; an action starts open.
    """
    record = load_record(session=session, meeting_id=meeting_id, kind=kind, record_id=record_id)
    old_kind, target = record_kind(record), _kind(new_kind)
    if target == old_kind:
        raise CorrectionError(f"It is already {with_article(target.value)}; choose another kind", "kind")
    meeting = _meeting(session, meeting_id)
    values = {name: getattr(record, name) for name in _SHARED}
    new = RECORD_MODELS[target](**values, edited_by_id=_user_id(user))
    who = getattr(record, PERSON_FIELDS[old_kind]) if old_kind in PERSON_FIELDS else None
    if target == RecordKind.ACTION:
        new.kind = ActionKind.OTHER.value
        new.source = old_kind.value if old_kind != RecordKind.ACTION else "statement"
        new.created_by_id = _user_id(user)
        if old_kind != RecordKind.QUESTION:  # whoever answered or spoke is likeliest to own it; an asker is not
            _set_person(session, new, target, who)
    elif target == RecordKind.RESOLUTION:
        new.kind = ResolutionKind.OTHER.value
    else:
        _set_person(session, new, target, who)
        if target == RecordKind.RESPONSE:
            exclude = record.id if old_kind == RecordKind.QUESTION else None  # not the question it used to be
            new.question_id = _preceding_question(session, meeting_id, record.item_id, record.start, exclude)
    old_id = record.id
    _forget(session, record)
    session.delete(record)
    session.add(new)
    session.flush()
    _renumber(session, type(record), meeting_id)
    _renumber(session, type(new), meeting_id)
    _touch(session, meeting)
    _audit(session, user, "record.kind", new, {"old": f"{old_kind.value} {old_id}", "new": f"{target.value} {new.id}",
                                                "meeting": meeting_id, "text": new.text[:200]})
    return new


# --- editing a record's text and details -------------------------------------------

def _place(source: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets for edited text: inside the old span if it is there, else its nearest occurrence, else the old span."""
    inside = source.find(text, start, max(end, start + len(text)))
    if inside >= 0:
        return inside, inside + len(text)
    occurrences = [m.start() for m in re.finditer(re.escape(text), source)]
    if occurrences:
        nearest = min(occurrences, key=lambda at: abs(at - start))
        return nearest, nearest + len(text)
    return start, end


def edit_record(*, session: Session, user: User | None, meeting_id: int, kind: str, record_id: int,
                text: str | None = KEEP, who: str | None = KEEP, resolution_kind: str = KEEP,
                owner: str | None = KEEP, due: str | None = KEEP, due_date: dt.date | None = KEEP,
                action_kind: str = KEEP, reason: str | None = None) -> dict[str, tuple]:
    """Change what a record says or names; returns {field: (old, new)} for what changed (empty when nothing did).

    Values left as KEEP are not touched. Edited text keeps its offsets when it still stands there in the
    source, else moves to where it does; text the source does not contain keeps the old offsets (and shows
    as edited wording). An action's owner and due date changes go into its history; a new due date needs a
    `reason`.
    """
    record = load_record(session=session, meeting_id=meeting_id, kind=kind, record_id=record_id)
    kind = record_kind(record)
    meeting = _meeting(session, meeting_id)
    reason = (reason or "").strip() or None
    changes: dict[str, tuple] = {}

    if text is not KEEP:
        text = (text or "").strip()
        if not text:
            raise CorrectionError("Enter the text of the record; to remove it, delete it instead", "text")
        if text != record.text:
            start, end = _place(meeting.text, text, record.start, record.end)
            changes["text"] = (record.text, text)
            if (start, end) != (record.start, record.end):
                changes["offsets"] = (f"{record.start}-{record.end}", f"{start}-{end}")
            record.text, record.start, record.end = text, start, end

    if who is not KEEP:
        if kind not in (RecordKind.QUESTION, RecordKind.RESPONSE, RecordKind.COMMENT):
            raise CorrectionError(f"{with_article(kind.value, capital=True)} does not name a speaker", "who")
        column = PERSON_FIELDS[kind]
        if clean_name(who) != getattr(record, column):
            old = getattr(record, column)
            _set_person(session, record, kind, who)
            changes[column] = (old, getattr(record, column))

    if resolution_kind is not KEEP:
        if kind != RecordKind.RESOLUTION:
            raise CorrectionError(f"{with_article(kind.value, capital=True)} has no resolution kind", "resolution_kind")
        if resolution_kind not in {k.value for k in ResolutionKind}:
            raise CorrectionError("Choose one of the listed kinds of resolution", "resolution_kind")
        if resolution_kind != record.kind:
            changes["kind"] = (record.kind, resolution_kind)
            record.kind = resolution_kind

    action_fields = {"owner": owner, "due": due, "due_date": due_date, "action_kind": action_kind}
    if any(value is not KEEP for value in action_fields.values()):
        if kind != RecordKind.ACTION:
            raise CorrectionError(f"{with_article(kind.value, capital=True)} has no owner, due date or kind of action",
                                  "owner")
        changes.update(_edit_action(session, record, user, owner=owner, due=due, due_date=due_date,
                                    action_kind=action_kind, reason=reason))

    if not changes:
        return changes
    record.edited_by_id = _user_id(user)
    session.add(record)
    _touch(session, meeting)
    session.flush()
    _audit(session, user, "record.edit", record, {"meeting": meeting_id, "reason": reason,
                                                  **{f: {"old": old, "new": new} for f, (old, new) in changes.items()}})
    return changes


def _edit_action(session: Session, action: Action, user: User | None, *, owner, due, due_date, action_kind,
                 reason: str | None) -> dict[str, tuple]:
    changes: dict[str, tuple] = {}
    if action_kind is not KEEP and action_kind != action.kind:
        if action_kind not in {k.value for k in ActionKind}:
            raise CorrectionError("Choose one of the listed kinds of action", "action_kind")
        changes["kind"] = (action.kind, action_kind)
    if due_date is not KEEP and due_date != action.due_date:
        if not reason:
            raise CorrectionError("Say why the due date is changing", "reason")
        changes["due_date"] = (action.due_date, due_date)
    if owner is not KEEP and clean_name(owner) != action.owner:
        changes["owner"] = (action.owner, clean_name(owner))
    if due is not KEEP:
        due = " ".join((due or "").split())[:200] or None
        if due != action.due:
            changes["due"] = (action.due, due)
    for field, (old, new) in changes.items():
        session.add(ActionEvent(action_id=action.id, user_id=_user_id(user), field=field,
                                old=None if old is None else str(old), new=None if new is None else str(new),
                                note=reason))
    if "owner" in changes:
        _set_person(session, action, RecordKind.ACTION, owner)
    if "due" in changes:
        action.due = changes["due"][1]
    if "due_date" in changes:
        action.due_date = due_date
    if "kind" in changes:
        action.kind = action_kind
    if changes:
        action.updated_at = utcnow()
    return changes


def link_response(*, session: Session, user: User | None, meeting_id: int, response_id: int,
                  question_id: int | None) -> Response:
    """Thread a response under another of the meeting's questions (or under none)."""
    response = load_record(session=session, meeting_id=meeting_id, kind=RecordKind.RESPONSE, record_id=response_id)
    if question_id is not None:
        question = session.get(Question, question_id)
        if question is None or question.meeting_id != meeting_id:
            raise CorrectionError("Choose one of this meeting's questions", "question")
    if question_id == response.question_id:
        return response
    old, response.question_id = response.question_id, question_id
    response.edited_by_id = _user_id(user)
    session.add(response)
    _touch(session, _meeting(session, meeting_id))
    session.flush()
    _audit(session, user, "record.link", response, {"meeting": meeting_id, "question": {"old": old, "new": question_id}})
    return response


# --- splitting and merging -----------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?;:][\"'’”)\]]*\s+|\n\s*")


def split_points(text: str) -> list[int]:
    """Where a record's text could be split between sentences: the position where each next sentence starts."""
    return [m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text)]


def _copy(record: MinuteRecord) -> MinuteRecord:
    columns = [c.name for c in type(record).__table__.columns
               if c.name not in ("id", "position", "created_at", "updated_at")]
    return type(record)(**{name: getattr(record, name) for name in columns})


def split_record(*, session: Session, user: User | None, meeting_id: int, kind: str, record_id: int,
                 at: int) -> tuple[MinuteRecord, MinuteRecord]:
    """Split a record in two at character `at` of its text; both keep its kind and details, offsets divided."""
    record = load_record(session=session, meeting_id=meeting_id, kind=kind, record_id=record_id)
    meeting = _meeting(session, meeting_id)
    text = record.text
    if not 0 < at < len(text):
        raise CorrectionError(f"Give a position between 1 and {len(text) - 1}", "at")
    first, second = text[:at].rstrip(), text[at:].lstrip()
    if not first or not second:
        raise CorrectionError("Both parts need some text; choose a position inside the wording", "at")
    if meeting.text[record.start:record.end] == text:
        cut = record.start + at
        spans = (record.start, record.start + len(first)), (cut + len(text[at:]) - len(second), record.end)
    else:  # edited wording: divide the span it came from at the same point, as far as it goes
        cut = min(record.start + at, record.end)
        spans = (record.start, cut), (cut, record.end)
    new = _copy(record)
    record.text, (record.start, record.end) = first, spans[0]
    new.text, (new.start, new.end) = second, spans[1]
    for part in (record, new):
        part.edited_by_id = _user_id(user)
        session.add(part)
    if isinstance(new, Action):
        new.created_by_id = _user_id(user)
    session.flush()
    _renumber(session, type(record), meeting_id)
    _touch(session, meeting)
    _audit(session, user, "record.split", record, {"meeting": meeting_id, "at": at, "old": text,
                                                   "new": [first, second], "new_id": new.id})
    return record, new


def _siblings(session: Session, record: MinuteRecord) -> list[MinuteRecord]:
    model = type(record)
    return list(session.exec(select(model).where(model.meeting_id == record.meeting_id,
                                                 model.item_id == record.item_id if record.item_id is not None
                                                 else model.item_id.is_(None))
                             .order_by(model.start, model.id)).all())


def next_sibling(*, session: Session, record: MinuteRecord) -> MinuteRecord | None:
    """The next record of the same kind under the same agenda item, if there is one."""
    siblings = _siblings(session, record)
    index = [s.id for s in siblings].index(record.id)
    return siblings[index + 1] if index + 1 < len(siblings) else None


def merge_with_next(*, session: Session, user: User | None, meeting_id: int, kind: str,
                    record_id: int) -> MinuteRecord:
    """Join a record with the next one of its kind under the same item; the first keeps its details."""
    record = load_record(session=session, meeting_id=meeting_id, kind=kind, record_id=record_id)
    meeting = _meeting(session, meeting_id)
    later = next_sibling(session=session, record=record)
    if later is None:
        raise CorrectionError(f"There is no later {record_kind(record).value} under this item to merge with")
    start, end = min(record.start, later.start), max(record.end, later.end)
    both_in_source = (meeting.text[record.start:record.end] == record.text
                      and meeting.text[later.start:later.end] == later.text)
    if both_in_source and not meeting.text[record.end:later.start].strip():
        text = meeting.text[start:end]
    else:
        text = f"{record.text} {later.text}"
    old = {"first": record.text, "second": later.text, "second_id": later.id}
    for column in ("asker", "responder", "speaker", "owner", "question_id", "due", "due_date"):
        if hasattr(record, column) and getattr(record, column) is None and getattr(later, column) is not None:
            setattr(record, column, getattr(later, column))
            if hasattr(record, f"{column}_id"):
                setattr(record, f"{column}_id", getattr(later, f"{column}_id"))
    if isinstance(later, Question):  # answers to the second part now answer the whole
        for response in session.exec(select(Response).where(Response.question_id == later.id)).all():
            response.question_id = record.id
            session.add(response)
    if isinstance(later, Action):  # its history stays, now under the merged action
        for event in session.exec(select(ActionEvent).where(ActionEvent.action_id == later.id)).all():
            event.action_id = record.id
            session.add(event)
    session.flush()
    session.delete(later)
    record.text, record.start, record.end, record.edited_by_id = text, start, end, _user_id(user)
    session.add(record)
    session.flush()
    _renumber(session, type(record), meeting_id)
    _touch(session, meeting)
    _audit(session, user, "record.merge", record, {"meeting": meeting_id, "old": old, "new": text})
    return record


# --- removing and adding records --------------------------------------------------------

def delete_record(*, session: Session, user: User | None, meeting_id: int, kind: str, record_id: int) -> None:
    """Remove a record (responses to a deleted question stay, unthreaded; a deleted action's history goes)."""
    record = load_record(session=session, meeting_id=meeting_id, kind=kind, record_id=record_id)
    detail = {"meeting": meeting_id, "old": record.text, "offsets": f"{record.start}-{record.end}", "rule": record.rule}
    if isinstance(record, Action):
        detail["status"] = str(record.status)
    _audit(session, user, "record.delete", record, detail)
    _forget(session, record)
    session.delete(record)
    _renumber(session, type(record), meeting_id)
    _touch(session, _meeting(session, meeting_id))


def _find_quote(source: str, quote: str) -> list[tuple[int, int]]:
    """Where `quote` stands in the source, with any run of spaces or line breaks matching any other."""
    words = quote.split()
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    return [(m.start(), m.end()) for m in pattern.finditer(source)]


def _passage(source: str, *, quote: str | None, occurrence: int | None, start: int | None,
             end: int | None) -> tuple[int, int]:
    """Where a passage stands in the source: quoted (which occurrence, or the one nearest `start`) or by offsets."""
    quote = (quote or "").strip()
    if quote:
        found = _find_quote(source, quote)
        if not found:
            raise CorrectionError("That text is not in the minutes; copy it exactly from the source text", "quote")
        if start is not None:
            chosen = [span for span in found if span[0] == start] or [min(found, key=lambda s: abs(s[0] - start))]
            return chosen[0]
        if occurrence is not None:
            if not 1 <= occurrence <= len(found):
                raise CorrectionError(f"The text occurs {len(found)} time{'s' * (len(found) != 1)}; give a number "
                                      f"from 1 to {len(found)}", "occurrence")
            return found[occurrence - 1]
        if len(found) > 1:
            raise CorrectionError(f"The text occurs {len(found)} times in the minutes; say which occurrence "
                                  f"(1 to {len(found)}) or quote more of it", "occurrence")
        return found[0]
    if start is not None and end is not None:
        if not 0 <= start < end <= len(source) or not source[start:end].strip():
            raise CorrectionError(f"Give a start and end between 0 and {len(source)} that cover some text", "start")
        piece = source[start:end]
        return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())
    raise CorrectionError("Quote the text of the record, or select it in the source text", "quote")


def add_record(*, session: Session, user: User | None, meeting_id: int, kind: str, item_id: int | None,
               quote: str | None = None, occurrence: int | None = None, start: int | None = None,
               end: int | None = None, who: str | None = None) -> MinuteRecord:
    """Add a record for a passage of the source, given as quoted text or as start and end offsets.

    A quote found more than once needs `occurrence` (1 for the first) or `start`; given both a quote and
    offsets, the offsets say which occurrence. Offsets alone take that slice of the source. `who` names the
    asker, responder, speaker or (for an action) owner.
    """
    meeting = _meeting(session, meeting_id)
    target = _kind(kind)
    item_id = _check_item(session, meeting_id, item_id)
    source = meeting.text
    start, end = _passage(source, quote=quote, occurrence=occurrence, start=start, end=end)
    record = RECORD_MODELS[target](meeting_id=meeting_id, item_id=item_id, text=source[start:end], start=start,
                                   end=end, rule="manual", edited_by_id=_user_id(user))
    if target == RecordKind.RESPONSE:
        record.question_id = _preceding_question(session, meeting_id, item_id, start)
    if target == RecordKind.ACTION:
        record.created_by_id = _user_id(user)
    if target in PERSON_FIELDS and clean_name(who):
        _set_person(session, record, target, who)
    session.add(record)
    session.flush()
    _renumber(session, type(record), meeting_id)
    _touch(session, meeting)
    _audit(session, user, "record.add", record, {"meeting": meeting_id, "new": record.text,
                                                 "offsets": f"{start}-{end}", "item": item_id,
                                                 "who": getattr(record, PERSON_FIELDS.get(target, ""), None)})
    return record


# "4. Housing Strategy", "12 Housing Strategy", "PLA 32/16 Housing Strategy": the number as printed, then the title
_ITEM_HEADING = re.compile(r"(?P<number>(?:[A-Z]{2,4} )?\d+[A-Za-z]?(?:/\d+)?)[.):]?\s+(?P<title>\S.*)", re.DOTALL)


def add_agenda_item(*, session: Session, user: User | None, meeting_id: int, quote: str | None = None,
                    occurrence: int | None = None, start: int | None = None, end: int | None = None) -> AgendaItem:
    """Add an agenda item the segmenter missed, headed by a passage of the source (its number and title).

    The item starts where the passage does and runs to the next item; the records found in that stretch move
    under it from the item they were filed under.
    """
    meeting = _meeting(session, meeting_id)
    start, end = _passage(meeting.text, quote=quote, occurrence=occurrence, start=start, end=end)
    heading = " ".join(meeting.text[start:end].split())
    items = list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                              .order_by(AgendaItem.start, AgendaItem.id)).all())
    if any(item.start == start for item in items):
        raise CorrectionError("An agenda item already starts there; select the heading of the item that is missing",
                              "quote")
    before = [item for item in items if item.start < start]
    after = [item for item in items if item.start > start]
    stop = after[0].start if after else len(meeting.text)
    parsed = _ITEM_HEADING.fullmatch(heading)
    item = AgendaItem(meeting_id=meeting_id, position=0, number=parsed["number"] if parsed else None,
                      title=(parsed["title"] if parsed else heading)[:2000], start=start, end=stop, rule="manual")
    session.add(item)
    session.flush()
    enclosing = before[-1] if before else None
    if enclosing is not None and enclosing.end > start:
        enclosing.end = start
        session.add(enclosing)
    moved = 0
    old_item = enclosing.id if enclosing is not None else None
    for model in RECORD_MODELS.values():
        rows = session.exec(select(model).where(model.meeting_id == meeting_id, model.start >= start,
                                                model.start < stop)).all()
        for row in rows:
            if row.item_id == old_item or row.item_id is None:
                row.item_id = item.id
                session.add(row)
                moved += 1
    for position, row in enumerate(sorted([*items, item], key=lambda i: (i.start, i.id))):
        if row.position != position:
            row.position = position
            session.add(row)
    session.flush()
    _touch(session, meeting)
    record_audit(session=session, user=user, event="item.add", entity="agenda_item", entity_id=item.id,
                 detail={"meeting": meeting_id, "number": item.number, "title": item.title,
                         "offsets": f"{start}-{stop}", "records_moved": moved})
    return item


# --- the meeting as a whole ---------------------------------------------------------------

def update_meeting(*, session: Session, user: User | None, meeting_id: int, committee: str,
                   date: dt.date | None, title: str | None, council: str | None = None) -> dict[str, tuple]:
    """Change which council and committee met, when, and the meeting's title; returns what changed.

    No `council`: the committee stays with the meeting's council."""
    meeting = _meeting(session, meeting_id)
    name = " ".join((committee or "").split())
    if not name:
        raise CorrectionError("Enter the committee's name", "committee")
    if council and council.strip():
        try:
            body_of = council_named(session=session, name=council)
        except CouncilError as error:
            raise CorrectionError(str(error), "council") from None
    else:
        body_of = session.get(Council, session.get(Committee, meeting.committee_id).council_id)
    body = committee_named(session=session, name=name, council=body_of)
    title = " ".join((title or "").split())[:500] or body.name
    if date is not None:
        clash = session.exec(select(Meeting).where(Meeting.committee_id == body.id, Meeting.date == date,
                                                   Meeting.id != meeting.id)).first()
        if clash is not None:
            raise CorrectionError(f"{body.name} already has a meeting on {date:%d %B %Y} (meeting {clash.id}); "
                                  "check the date", "date")
    old_committee = session.get(Committee, meeting.committee_id)
    changes = {}
    if body.id != meeting.committee_id:
        changes["committee"] = (old_committee.name if old_committee else None, body.name)
    if date != meeting.date:
        changes["date"] = (meeting.date, date)
    if title != meeting.title:
        changes["title"] = (meeting.title, title)
    if not changes:
        return changes
    meeting.committee_id, meeting.date, meeting.title = body.id, date, title
    _touch(session, meeting)
    session.flush()
    _audit(session, user, "meeting.edit", meeting, {f: {"old": old, "new": new} for f, (old, new) in changes.items()})
    return changes


def publish_meeting(*, session: Session, user: User | None, meeting_id: int) -> Meeting:
    """Make a draft meeting public; an undated one is refused until the editor gives its date."""
    meeting = _meeting(session, meeting_id)
    if meeting.status == MeetingStatus.PUBLISHED:
        raise CorrectionError("This meeting is already published")
    if meeting.date is None:
        raise CorrectionError("The minutes do not give the meeting's date: enter it under Meeting details, then "
                              "publish", "date")
    meeting.status, meeting.published_at = MeetingStatus.PUBLISHED, utcnow()
    _touch(session, meeting)
    _audit(session, user, "publish", meeting, {})
    return meeting


def unpublish_meeting(*, session: Session, user: User | None, meeting_id: int) -> Meeting:
    """Take a published meeting back to draft, seen by editors only."""
    meeting = _meeting(session, meeting_id)
    if meeting.status != MeetingStatus.PUBLISHED:
        raise CorrectionError("This meeting is not published")
    meeting.status, meeting.published_at = MeetingStatus.DRAFT, None
    _touch(session, meeting)
    _audit(session, user, "unpublish", meeting, {})
    return meeting


def delete_meeting(*, session: Session, user: User | None, meeting_id: int) -> str | None:
    """Delete a draft meeting and everything found in it; returns its kept original's file name, to remove
    once the transaction is committed."""
    meeting = _meeting(session, meeting_id)
    if meeting.status == MeetingStatus.PUBLISHED:
        raise CorrectionError("Unpublish the meeting before deleting it")
    actions = session.exec(select(Action.id).where(Action.meeting_id == meeting.id)).all()
    if actions:
        for event in session.exec(select(ActionEvent).where(ActionEvent.action_id.in_(actions))).all():
            session.delete(event)
    session.flush()
    for model in (Response, Action, Comment, Resolution, Question, AgendaItem):
        for row in session.exec(select(model).where(model.meeting_id == meeting.id)).all():
            session.delete(row)
        session.flush()
    committee = session.get(Committee, meeting.committee_id)
    _audit(session, user, "meeting.delete", meeting, {"committee": committee.name if committee else None,
                                                      "date": meeting.date, "title": meeting.title,
                                                      "checksum": meeting.checksum, "source": meeting.source_name})
    source_file = meeting.source_file
    session.delete(meeting)
    session.flush()
    return source_file
