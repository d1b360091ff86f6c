"""What search keeps in the database: searches people saved, and searches that found nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from ..models import utcnow


class SavedSearch(SQLModel, table=True):
    """A search a signed-in user named, to run again or follow as a feed; ``query`` is the URL's query string."""

    __tablename__ = "saved_search"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    query: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow)


class SearchMiss(SQLModel, table=True):
    """A search that found nothing, kept so administrators learn what people look for."""

    __tablename__ = "search_miss"

    id: int | None = Field(default=None, primary_key=True)
    query: str = Field(max_length=500)
    at: datetime = Field(default_factory=utcnow, index=True)
