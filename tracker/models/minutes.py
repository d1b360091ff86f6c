"""The minuted record: committees, meetings, agenda items, the people named, and the records found in items.

Record tables share the columns of ``MinuteRecord``: the meeting and agenda item, the text as minuted, its
character offsets into the meeting's normalised text, the rule that found it, and who added or changed it
(``None`` when it came from the segmenter). ``Action`` is a record too; it lives in ``models.actions``.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import String, Text, UniqueConstraint, true
from sqlmodel import Field, Relationship, SQLModel

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL, which refuses to compare with anything larger


def utcnow() -> datetime:
    return datetime.now(UTC)


class MeetingStatus(StrEnum):
    """A draft is seen by editors only; publishing makes the meeting public."""

    DRAFT = "draft"
    PUBLISHED = "published"


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


class Council(SQLModel, table=True):
    """A public body whose committees meet and are minuted: a council (county, district, borough, town, parish),
    a police and crime panel, a fire authority, a combined authority. It owns its committees and the people its
    minutes name, so two councils' "Overview and Scrutiny Committee" or "Leader" are never one."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    slug: str = Field(max_length=200, unique=True, index=True)


class Committee(SQLModel, table=True):
    """A council body that meets and is minuted: a scrutiny committee, panel, board or council.

    Names are unique within a council; the slug is unique everywhere (the first committee of a name keeps the
    plain slug, a same-named committee of another council gets the council's slug in front)."""

    __table_args__ = (UniqueConstraint("council_id", "name", name="uq_committee_council_name"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True, ondelete="RESTRICT")
    name: str = Field(max_length=200)
    slug: str = Field(max_length=200, unique=True, index=True)
    # the committee this one replaced ("formerly the X Committee"), whose actions it carries on
    successor_of_id: int | None = Field(default=None, foreign_key="committee.id", ondelete="SET NULL")
    # loaded with the committee, so a committee read in one session still names its council after it closes
    council: Council = Relationship(sa_relationship_kwargs={"lazy": "selectin"})


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
    """Someone the minutes of one council name as asking, answering, speaking or owning an action.

    ``key`` is the name with case and title variants folded ("Cllr Yates" and "Councillor Yates", "officers" and
    "Officers"): one person per key within a council, never across councils."""

    __table_args__ = (UniqueConstraint("council_id", "key", name="uq_person_council_key"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True, ondelete="RESTRICT")
    name: str = Field(max_length=200)  # as the minutes first named them: "Councillor Foster"
    key: str = Field(max_length=200)
    role: PersonRole = Field(default=PersonRole.OTHER, sa_type=String(20))
    council: Council = Relationship(sa_relationship_kwargs={"lazy": "selectin"})


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


class DataGeneration(SQLModel, table=True):
    """How many write transactions the database has committed (one row).

    Every write bumps it in the same transaction (``db.write_session``), so a page cached under one
    generation is never served once anything has changed, by any process on any host.
    """

    __tablename__ = "data_generation"

    id: int | None = Field(default=None, primary_key=True)
    value: int = Field(default=0)


def meeting_visible(include_drafts: bool):
    """Which meetings a reader may see: all of them for editors, published ones for everyone else."""
    return true() if include_drafts else Meeting.status == MeetingStatus.PUBLISHED.value
