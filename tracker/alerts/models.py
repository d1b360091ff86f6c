"""What alerts keep in the database: who asked to hear about what, how often, and when they last heard."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from ..models import utcnow


class AlertKind(StrEnum):
    """What an alert follows."""

    SEARCH = "search"  # a search (its URL query string): new records it finds
    COMMITTEE = "committee"  # a committee (its slug): every record of its newly published meetings
    PERSON = "person"  # a person (their id): what they newly asked, answered, said or were given to do
    ACTIONS = "actions"  # the subscriber's own actions: due within a week or overdue, and new ones


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class AlertSubscription(SQLModel, table=True):
    """One person's request to be told by email about new records of one kind; the address is never shown
    to anyone but its owner. A member of the public's subscription starts unconfirmed (double opt-in)."""

    __tablename__ = "alert_subscription"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=254)
    kind: AlertKind = Field(sa_type=String(20))
    target: str = Field(sa_type=Text)  # the query string, committee slug, person id, or "" for one's actions
    label: str = Field(max_length=200)  # what the subscriber sees it called
    frequency: Frequency = Field(default=Frequency.WEEKLY, sa_type=String(10))
    confirmed: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    last_sent_at: datetime | None = None  # records published after this (or after created_at) are new
