"""Follow-up actions: the commitment itself, its history of changes, and the links to later meetings."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from .minutes import MinuteRecord, utcnow


class ActionStatus(StrEnum):
    """Where a follow-up commitment stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


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


class LinkKind(StrEnum):
    """How a later meeting's minutes bear on an earlier action."""

    DISCHARGE = "discharge"  # the later meeting reports back on it: the promise came back
    REPEAT = "repeat"  # a later action or comment asks for the same thing again


class LinkState(StrEnum):
    """A link the tracker proposed, and what an officer decided about it."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    CLOSED = "closed"  # never decided: the action was done or dropped first


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
    terms: str = Field(default="", max_length=500)  # the words both share, as the later record writes them
    sentence: str = Field(default="", sa_type=Text)  # the later record's sentence that shares the most of them
    state: LinkState = Field(default=LinkState.PROPOSED, sa_type=String(20), index=True)
    created_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")



class TrackerLayout(SQLModel, table=True):
    """Which columns a committee's action tracker (the agenda-pack document) shows, as an editor chose them.

    ``columns`` is the chosen column keys in order, comma-separated (see ``actions.pack.PACK_COLUMNS``);
    a committee with no row shows every column.
    """

    __tablename__ = "tracker_layout"

    id: int | None = Field(default=None, primary_key=True)
    committee_id: int = Field(foreign_key="committee.id", unique=True, ondelete="CASCADE")
    columns: str = Field(max_length=200)
    updated_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    updated_at: datetime = Field(default_factory=utcnow)
