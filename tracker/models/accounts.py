"""Who signs in and what they did: users with their roles, failed sign-ins, and the audit log."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from .minutes import utcnow


class Role(StrEnum):
    """What a signed-in user may do; each role can do everything the ones before it can."""

    OFFICER = "officer"  # updates action status
    EDITOR = "editor"  # ingests, corrects and publishes minutes
    ADMIN = "admin"  # manages users

    @property
    def rank(self) -> int:
        return list(Role).index(self)


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
