"""Storing segmented minutes: one meeting and everything found in it, all or nothing.

The same document twice (same checksum) changes nothing. A different document
for a meeting already held (same committee and date) is a corrected version:
its records replace the old ones, but each action that is still there keeps
its status, history and any owner or due date a person set.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine
from sqlmodel import Session, delete, select

from nlp import Minutes

from ..audit import record_audit
from ..db import StorageUnavailable, get_or_add, write_session
from ..models import (
    Action,
    ActionEvent,
    AgendaItem,
    Comment,
    Committee,
    Council,
    Meeting,
    MeetingStatus,
    Question,
    Resolution,
    Response,
    User,
    utcnow,
)
from ..reports.service import remember_report_items, restore_report_items
from .councils import CouncilError, council_named
from .people import person_for
from .successors import read_predecessor
from .readers import SourceDocument


class IngestError(Exception):
    """Minutes that cannot be stored as given; the message says what to supply."""

    status = 422


@dataclass
class IngestOutcome:
    """What happened to one document: created, unchanged (seen before) or replaced (a corrected version)."""

    meeting_id: int
    outcome: str
    committee: str
    date: dt.date | None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    replaced_file: str | None = None  # the previous version's kept original, to remove once committed

    def summary(self) -> str:
        found = ", ".join(f"{n} {kind}" for kind, n in self.counts.items())
        when = self.date.isoformat() if self.date else "undated"
        return f"{self.outcome}: {self.committee}, {when} (meeting {self.meeting_id}): {found}"


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
COMMITTEE_NOT_NAMED = "Committee not named"  # where minutes naming no committee are filed until an editor names it


def slugify(name: str) -> str:
    return _SLUG_JUNK.sub("-", name.lower().replace("&", " and ")).strip("-")[:200] or "committee"


def committee_named(*, session: Session, name: str, council: Council | None = None) -> Committee:
    """The council's committee with this name (case and spacing ignored), created if new.

    A new committee gets the plain slug of its name when no other council's committee has it, else the
    council's slug in front, so that existing addresses never change."""
    name = " ".join(name.split())[:200]
    if not name:
        raise IngestError("the committee name is empty")
    council = council or council_named(session=session, name=None)
    for existing in session.exec(select(Committee).where(Committee.council_id == council.id)).all():
        if slugify(existing.name) == slugify(name):
            return existing
    slug = slugify(name)
    if session.exec(select(Committee.id).where(Committee.slug == slug)).first() is not None:
        slug = slugify(f"{council.slug} {name}")
    return get_or_add(session, Committee, {"slug": slug}, name=name, council_id=council.id)


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise IngestError(f"{value!r} is not a date; give it as YYYY-MM-DD") from None


def ingest_minutes(*, session: Session, document: SourceDocument, minutes: Minutes, committee: str | None = None,
                   meeting_date: str | dt.date | None = None, publish: bool = False, user: User | None = None,
                   source_file: str | None = None, council: str | None = None) -> IngestOutcome:
    """Store `minutes` (segmented from `document`) in `session`'s transaction; the caller commits.

    `council`, `committee` and `meeting_date` override what the segmenter found (no council at all: the
    default council); `source_file` is the kept original's server-made name (see ``save_original``).
    A missing committee or date is a warning for the editor to fix, not a refusal.
    """
    found = minutes.meeting
    committee_name = (committee or found.committee or "").strip()
    notes = []
    try:
        body_of = council_named(session=session, name=council or found.council)
    except CouncilError as error:
        raise IngestError(str(error)) from None
    if not committee_name:
        # Single-item pages often name only the council; file them where an editor can see and rename them.
        committee_name = COMMITTEE_NOT_NAMED
        notes.append(f"the minutes do not name the committee; filed under {committee_name!r}: give its name")
    when = parse_date(meeting_date) if meeting_date else parse_date(found.date)
    if when is None:
        notes.append("the minutes do not give the meeting date: give it before publishing")

    existing = session.exec(select(Meeting).where(Meeting.checksum == document.checksum)).first()
    if existing is not None:
        held = session.get(Committee, existing.committee_id)
        return IngestOutcome(existing.id, "unchanged", held.name, existing.date, _counts(session, existing.id),
                             ["this document is already stored; nothing changed"])

    body = committee_named(session=session, name=committee_name, council=body_of)
    session.flush()  # the new committee's id, to compare it with the one its minutes say it replaced
    read_predecessor(session=session, committee=body, text=minutes.text)
    meeting = None
    if when is not None:
        meeting = session.exec(select(Meeting).where(Meeting.committee_id == body.id, Meeting.date == when)).first()
    outcome = "replaced" if meeting else "created"
    if meeting is None:
        meeting = Meeting(committee_id=body.id, date=when, text="", source_format=document.format, checksum="")
    old_file = meeting.source_file
    meeting.title = (found.title or body.name)[:500]
    meeting.text = minutes.text
    meeting.source_name = document.filename
    meeting.source_format = document.format
    meeting.checksum = document.checksum
    meeting.warnings = "\n".join([*notes, *document.warnings, *minutes.warnings])
    meeting.updated_at = utcnow()
    if publish and meeting.status != MeetingStatus.PUBLISHED:
        meeting.status = MeetingStatus.PUBLISHED
        meeting.published_at = utcnow()
    meeting.source_file = source_file
    session.add(meeting)
    session.flush()

    report_items = remember_report_items(session=session, meeting_id=meeting.id) if outcome == "replaced" else {}
    kept_actions = _clear_records(session, meeting.id) if outcome == "replaced" else []
    _store_records(session, meeting, minutes, kept_actions, user)
    if outcome == "replaced":
        restore_report_items(session=session, meeting_id=meeting.id, remembered=report_items)
    record_audit(session=session, user=user, event="ingest", entity="meeting", entity_id=meeting.id,
                 detail={"outcome": outcome, "checksum": document.checksum, "source": document.filename})
    session.flush()
    return IngestOutcome(meeting.id, outcome, body.name, when, _counts(session, meeting.id),
                         [*notes, *document.warnings, *minutes.warnings],
                         replaced_file=old_file if outcome == "replaced" and old_file != source_file else None)


# --- records -------------------------------------------------------------------

_EXTENSIONS = {"text": "txt", "html": "html", "pdf": "pdf", "docx": "docx"}


def save_original(data: bytes, document_format: str, uploads: Path) -> str:
    """Write the uploaded bytes under a server-made name; the client's name is never used as a path."""
    name = f"{uuid.uuid4().hex}.{_EXTENSIONS.get(document_format, 'bin')}"
    partial = uploads / f".{name}.part"
    try:
        uploads.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(uploads / name)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageUnavailable(f"the uploaded file could not be kept ({error.strerror or error}): the server's "
                                 "disk is full or read-only; nothing was stored") from None
    return name


_TOKEN = re.compile(r"[0-9a-f]{32}")


def keep_pending(data: bytes, filename: str | None, uploads: Path) -> str:
    """Keep a chosen file across a failed submit (a browser cannot refill a file box); returns its token."""
    token = uuid.uuid4().hex
    folder = uploads / "pending"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{token}.name").write_text(filename or "", encoding="utf-8")
        (folder / f"{token}.bin").write_bytes(data)
    except OSError as error:
        raise StorageUnavailable(f"the chosen file could not be kept ({error.strerror or error}); choose it "
                                 "again") from None
    return token


def pending_file(token: str | None, uploads: Path) -> tuple[bytes, str | None] | None:
    """The bytes and name of a kept file, or None when the token names none."""
    if not token or not _TOKEN.fullmatch(token):
        return None
    folder = uploads / "pending"
    try:
        return (folder / f"{token}.bin").read_bytes(), (folder / f"{token}.name").read_text(encoding="utf-8") or None
    except OSError:
        return None


def drop_pending(token: str | None, uploads: Path) -> None:
    if token and _TOKEN.fullmatch(token):
        for suffix in (".bin", ".name"):
            (uploads / "pending" / f"{token}{suffix}").unlink(missing_ok=True)


_RECORD_COLUMNS = {Question: "questions", Response: "responses", Comment: "comments", Resolution: "resolutions",
                   Action: "actions"}


def _counts(session: Session, meeting_id: int) -> dict[str, int]:
    counts = {"items": len(session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)).all())}
    for model, name in _RECORD_COLUMNS.items():
        counts[name] = len(session.exec(select(model.id).where(model.meeting_id == meeting_id)).all())
    return counts


def _clear_records(session: Session, meeting_id: int) -> list[Action]:
    """Delete a meeting's records before a corrected version is stored; return its actions to match against."""
    actions = list(session.exec(select(Action).where(Action.meeting_id == meeting_id)).all())
    for model in (Response, Question, Comment, Resolution):
        session.exec(delete(model).where(model.meeting_id == meeting_id))
    for action in actions:
        action.item_id = None
    session.flush()
    session.exec(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    return actions


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _same_action(old: Action, text: str) -> float:
    """How alike an old action and a newly found one are: 1.0 for the same words, 0 for none shared."""
    a, b = _words(old.text), _words(text)
    return len(a & b) / len(a | b) if a | b else 0.0


def _edited_fields(session: Session, action: Action) -> set[str]:
    return set(session.exec(select(ActionEvent.field).where(ActionEvent.action_id == action.id,
                                                            ActionEvent.user_id.is_not(None))).all())


def _store_records(session: Session, meeting: Meeting, minutes: Minutes, kept: list[Action], user: User | None):
    council_id = session.get(Committee, meeting.committee_id).council_id
    items = []
    for position, found in enumerate(minutes.agenda_items):
        item = AgendaItem(meeting_id=meeting.id, position=position, number=found.number, title=found.title,
                          start=found.start, end=found.end, procedural=found.procedural, rule=found.rule)
        session.add(item)
        items.append(item)
    session.flush()

    def item_id(index):
        return items[index].id if index is not None and 0 <= index < len(items) else None

    def common(position, record):
        return dict(meeting_id=meeting.id, item_id=item_id(record.item), position=position, text=record.text,
                    start=record.start, end=record.end, rule=record.rule)

    questions = []
    for position, found in enumerate(minutes.questions):
        asker = person_for(session=session, name=found.asker, council_id=council_id)
        question = Question(**common(position, found), asker=asker.name if asker else None,
                            asker_id=asker.id if asker else None)
        session.add(question)
        questions.append(question)
    session.flush()
    for position, found in enumerate(minutes.responses):
        who = person_for(session=session, name=found.responder, council_id=council_id)
        answered = questions[found.answers].id if found.answers is not None and found.answers < len(questions) else None
        session.add(Response(**common(position, found), responder=who.name if who else None,
                             responder_id=who.id if who else None, question_id=answered))
    for position, found in enumerate(minutes.comments):
        who = person_for(session=session, name=found.speaker, council_id=council_id)
        session.add(Comment(**common(position, found), speaker=who.name if who else None,
                            speaker_id=who.id if who else None))
    for position, found in enumerate(minutes.resolutions):
        session.add(Resolution(**common(position, found), kind=found.kind))

    unmatched = list(kept)
    for position, found in enumerate(minutes.actions):
        owner = person_for(session=session, name=found.owner, council_id=council_id)
        due_date = parse_date(found.due_date) if found.due_date else None
        best = max(unmatched, key=lambda old: _same_action(old, found.text), default=None)
        if best is not None and _same_action(best, found.text) >= 0.6:
            unmatched.remove(best)
            _carry_over(session, best, found, position, item_id(found.item), owner, due_date, user)
            continue
        session.add(Action(**common(position, found), kind=found.kind, owner=owner.name if owner else None,
                           owner_id=owner.id if owner else None, due=found.due, due_date=due_date,
                           source=found.source))
    for gone in unmatched:
        session.delete(gone)
    session.flush()


def _carry_over(session, action: Action, found, position, item, owner, due_date, user) -> None:
    """Refresh a kept action from the corrected minutes, keeping status, history and what people set."""
    edited = _edited_fields(session, action)
    if action.text != found.text:
        session.add(ActionEvent(action_id=action.id, user_id=user.id if user else None, field="text",
                                old=action.text, new=found.text, note="corrected minutes ingested"))
    action.text, action.start, action.end, action.rule = found.text, found.start, found.end, found.rule
    action.position, action.item_id, action.kind, action.source = position, item, found.kind, found.source
    if "owner" not in edited:
        action.owner, action.owner_id = (owner.name, owner.id) if owner else (None, None)
    if not {"due", "due_date"} & edited:
        action.due, action.due_date = found.due, due_date
    action.updated_at = utcnow()
    session.add(action)


def ingest_document(*, engine: Engine, document: SourceDocument, nlp, committee: str | None = None,
                    meeting_date: str | dt.date | None = None, publish: bool = False, user: User | None = None,
                    original: bytes | None = None, uploads: Path | None = None,
                    council: str | None = None) -> IngestOutcome:
    """Segment a document and store it in one transaction; on any failure nothing is left behind.

    The original (if given) is kept under a server-made name in `uploads`; it
    is removed again if the transaction fails, and a replaced version's file
    is removed only once the new one is committed.
    """
    # imported on first use: spaCy takes seconds to load, and search and the CLI import this module's helpers
    from nlp import segment

    minutes = segment(document.text, nlp=nlp)
    source_file = save_original(original, document.format, uploads) if original is not None and uploads else None
    return store_document(engine=engine, document=document, minutes=minutes, committee=committee,
                          meeting_date=meeting_date, publish=publish, user=user, source_file=source_file,
                          uploads=uploads, council=council)


def store_document(*, engine: Engine, document: SourceDocument, minutes: Minutes, committee: str | None = None,
                   meeting_date: str | dt.date | None = None, publish: bool = False, user: User | None = None,
                   source_file: str | None = None, uploads: Path | None = None, council: str | None = None,
                   also: Callable[[Session, IngestOutcome], None] | None = None) -> IngestOutcome:
    """Store segmented minutes in one transaction, `source_file` (already kept in `uploads`) as their original.

    `also` runs inside the same transaction once the meeting is stored (a job records its outcome there, so
    the two commit together). The kept original is removed if the transaction fails or the document was
    already stored; a replaced version's file is removed once the new one is committed.
    """
    try:
        with write_session(engine) as session:
            outcome = ingest_minutes(session=session, document=document, minutes=minutes, committee=committee,
                                     meeting_date=meeting_date, publish=publish, user=user, source_file=source_file,
                                     council=council)
            if also is not None:
                also(session, outcome)
    except BaseException:
        if source_file and uploads:
            (uploads / source_file).unlink(missing_ok=True)
        raise
    if outcome.outcome == "unchanged" and source_file and uploads:
        (uploads / source_file).unlink(missing_ok=True)
    if outcome.replaced_file and uploads:
        (uploads / outcome.replaced_file).unlink(missing_ok=True)
    return outcome


def meeting_warnings(meeting: Meeting) -> list[str]:
    return [line for line in meeting.warnings.split("\n") if line]


__all__ = ["IngestError", "IngestOutcome", "ingest_minutes", "ingest_document", "store_document", "committee_named", "save_original", "slugify",
           "parse_date", "meeting_warnings", "keep_pending", "pending_file", "drop_pending"]
