"""The stored civic record: committees, meetings and everything their minutes say.

The database is the source of truth; the search index is derived from it. Each
model's docstring defines the civic term it stores. Record tables share the
columns of ``MinuteRecord``: the meeting and agenda item, the text as minuted,
its character offsets into the meeting's normalised text, the rule that found
it, and who added or changed it (``None`` when it came from the segmenter).
Vocabularies (roles, statuses) are stored as their plain string values, so a
new value needs no database enum change.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import String, Text, true
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)



MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL, which refuses to compare with anything larger


class Role(StrEnum):
    """What a signed-in user may do; each role can do everything the ones before it can."""

    OFFICER = "officer"  # updates action status
    EDITOR = "editor"  # ingests, corrects and publishes minutes
    ADMIN = "admin"  # manages users

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class MeetingStatus(StrEnum):
    """A draft is seen by editors only; publishing makes the meeting public."""

    DRAFT = "draft"
    PUBLISHED = "published"


class ActionStatus(StrEnum):
    """Where a follow-up commitment stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class PersonRole(StrEnum):
    """How the minutes name someone."""

    COUNCILLOR = "councillor"
    CABINET_MEMBER = "cabinet_member"
    OFFICER = "officer"
    PUBLIC = "public"
    BODY = "body"  # "Members", "the Committee", a service
    OTHER = "other"


class RecordKind(StrEnum):
    """The kinds of record found inside an agenda item; the value is the table and anchor prefix."""

    QUESTION = "question"
    RESPONSE = "response"
    COMMENT = "comment"
    RESOLUTION = "resolution"
    ACTION = "action"


class Committee(SQLModel, table=True):
    """A council body that meets and is minuted: a scrutiny committee, panel, board or council."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    slug: str = Field(max_length=200, unique=True, index=True)


class Meeting(SQLModel, table=True):
    """One sitting of a committee, as its minutes record it.

    ``text`` is the normalised minutes text every record's offsets point into;
    ``checksum`` is the SHA-256 of the source document's bytes, so the same
    document is never stored twice.
    """

    id: int | None = Field(default=None, primary_key=True)
    committee_id: int = Field(foreign_key="committee.id", index=True, ondelete="RESTRICT")
    date: dt.date | None = Field(default=None, index=True)
    title: str | None = Field(default=None, max_length=500)
    status: MeetingStatus = Field(default=MeetingStatus.DRAFT, sa_type=String(20))
    text: str = Field(sa_type=Text)
    source_name: str | None = Field(default=None, max_length=255)  # the uploaded file's name, for display only
    source_format: str = Field(max_length=10)  # text, html, pdf, docx
    source_file: str | None = Field(default=None, max_length=100)  # server-made name under instance/uploads
    checksum: str = Field(max_length=64, unique=True)
    warnings: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    published_at: datetime | None = None


class AgendaItem(SQLModel, table=True):
    """An item of business at a meeting, numbered as printed ("4", "PLA 32/16") or not at all."""

    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    position: int  # 0-based order in the minutes; the anchor is #item-<position + 1>
    number: str | None = Field(default=None, max_length=50)
    title: str = Field(sa_type=Text)
    start: int
    end: int
    procedural: bool = False
    rule: str = Field(default="", max_length=100)


class Person(SQLModel, table=True):
    """Someone the minutes name as asking, answering, speaking or owning an action."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)  # as the minutes name them: "Councillor Foster"
    role: PersonRole = Field(default=PersonRole.OTHER, sa_type=String(20))


class MinuteRecord(SQLModel):
    """Columns every record found in minutes shares."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(default=None, foreign_key="agenda_item.id", index=True, ondelete="SET NULL")
    position: int = 0  # order among records of its kind in the meeting
    text: str = Field(sa_type=Text)
    start: int
    end: int
    rule: str = Field(default="", max_length=100)
    edited_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")


class Question(MinuteRecord, table=True):
    """A member, or a member of the public, asking, querying or seeking assurance."""

    asker: str | None = Field(default=None, max_length=200)
    asker_id: int | None = Field(default=None, foreign_key="person.id", index=True, ondelete="SET NULL")


class Response(MinuteRecord, table=True):
    """The answer given at the meeting, threaded under the question it answers."""

    responder: str | None = Field(default=None, max_length=200)
    responder_id: int | None = Field(default=None, foreign_key="person.id", index=True, ondelete="SET NULL")
    question_id: int | None = Field(default=None, foreign_key="question.id", index=True, ondelete="SET NULL")


class Comment(MinuteRecord, table=True):
    """An observation that asks nothing and decides nothing."""

    speaker: str | None = Field(default=None, max_length=200)
    speaker_id: int | None = Field(default=None, foreign_key="person.id", index=True, ondelete="SET NULL")


class Resolution(MinuteRecord, table=True):
    """A formal decision of the committee (RESOLVED, AGREED, Decision)."""

    kind: str = Field(default="other", max_length=20)


class Action(MinuteRecord, table=True):
    """A follow-up commitment someone must discharge after the meeting.

    ``due`` is the deadline as minuted; ``due_date`` the date resolved from it.
    ``source`` names the kind of record the commitment was found in.
    """

    kind: str = Field(default="other", max_length=30)
    owner: str | None = Field(default=None, max_length=200)
    owner_id: int | None = Field(default=None, foreign_key="person.id", index=True, ondelete="SET NULL")
    due: str | None = Field(default=None, max_length=200)
    due_date: dt.date | None = Field(default=None, index=True)
    status: ActionStatus = Field(default=ActionStatus.OPEN, sa_type=String(20), index=True)
    status_note: str | None = Field(default=None, sa_type=Text)
    source: str = Field(default="statement", max_length=20)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ActionEvent(SQLModel, table=True):
    """One change to an action: who, when, which field, old and new value, and why."""

    __tablename__ = "action_event"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True, ondelete="CASCADE")
    at: datetime = Field(default_factory=utcnow)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    field: str = Field(max_length=30)
    old: str | None = Field(default=None, sa_type=Text)
    new: str | None = Field(default=None, sa_type=Text)
    note: str | None = Field(default=None, sa_type=Text)


class User(SQLModel, table=True):
    """Someone who signs in: an officer, a democratic services editor or an administrator.

    ``session_version`` is stored in the session cookie; raising it (logout,
    disabling, a new password) ends every session held elsewhere.
    """

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    password_hash: str = Field(max_length=300)
    role: Role = Field(sa_type=String(20))
    active: bool = True
    session_version: int = 1
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class LoginAttempt(SQLModel, table=True):
    """A failed sign-in, kept briefly so the limit holds across every worker process."""

    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, index=True)  # "user:<name>" or "ip:<address>"
    at: datetime = Field(default_factory=utcnow, index=True)


class AuditEntry(SQLModel, table=True):
    """Who changed what, and when: ingests, corrections, publications, user changes."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    username: str | None = Field(default=None, max_length=100)  # kept if the user is later deleted
    event: str = Field(max_length=50)  # "ingest", "publish", "edit", "delete", "user.add", ...
    entity: str = Field(max_length=30)
    entity_id: int | None = None
    detail: str = Field(default="", sa_type=Text)


class DataGeneration(SQLModel, table=True):
    """How many write transactions the database has committed (one row).

    Every write bumps it in the same transaction (``database.write_session``), so a page cached under one
    generation is never served once anything has changed, by any process on any host.
    """

    __tablename__ = "data_generation"

    id: int | None = Field(default=None, primary_key=True)
    value: int = Field(default=0)


def meeting_visible(include_drafts: bool):
    """Which meetings a reader may see: all of them for editors, published ones for everyone else."""
    return true() if include_drafts else Meeting.status == MeetingStatus.PUBLISHED.value


RECORD_MODELS: dict[RecordKind, type[MinuteRecord]] = {
    RecordKind.QUESTION: Question,
    RecordKind.RESPONSE: Response,
    RecordKind.COMMENT: Comment,
    RecordKind.RESOLUTION: Resolution,
    RecordKind.ACTION: Action,
}

__all__ = [
    "Role", "MeetingStatus", "ActionStatus", "PersonRole", "RecordKind", "Committee", "Meeting", "AgendaItem",
    "Person", "MinuteRecord", "Question", "Response", "Comment", "Resolution", "Action", "ActionEvent", "User",
    "LoginAttempt", "AuditEntry", "RECORD_MODELS", "meeting_visible", "utcnow",
]


# --- actions ---

from sqlalchemy import UniqueConstraint  # noqa: E402


class LinkKind(StrEnum):
    """How a later meeting's minutes bear on an earlier action."""

    DISCHARGE = "discharge"  # the later meeting reports back on it: the promise came back
    REPEAT = "repeat"  # a later action or comment asks for the same thing again


class LinkState(StrEnum):
    """A link the tracker proposed, and what an officer decided about it."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class ActionLink(SQLModel, table=True):
    """A later meeting discharging or repeating an earlier action, as proposed by the tracker and judged by an officer.

    ``action_id`` is the earlier action; ``meeting_id``, ``item_id`` and ``record_kind``/``record_id`` say
    where in the later meeting (the record may be an action, a comment, a question or the item itself).
    ``text`` and ``item_number`` are kept as they were, so the link still reads well if the later minutes are
    corrected. One link per action, kind and later meeting.
    """

    __tablename__ = "action_link"
    __table_args__ = (UniqueConstraint("action_id", "kind", "meeting_id", name="uq_action_link_action_kind_meeting"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True, ondelete="CASCADE")
    kind: LinkKind = Field(sa_type=String(20))
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(default=None, foreign_key="agenda_item.id", ondelete="SET NULL")
    item_number: str | None = Field(default=None, max_length=50)
    record_kind: str | None = Field(default=None, max_length=20)
    record_id: int | None = None
    text: str = Field(default="", sa_type=Text)
    score: float = 0.0
    terms: str = Field(default="", max_length=500)  # the subject words both share, to explain the proposal
    state: LinkState = Field(default=LinkState.PROPOSED, sa_type=String(20), index=True)
    created_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")


__all__ += ["LinkKind", "LinkState", "ActionLink"]
