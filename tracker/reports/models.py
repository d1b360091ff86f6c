"""What is stored about scrutinised reports: the report, its priorities and indicators, and the links to records.

Registered on ``SQLModel.metadata`` (``tracker/migrations/env.py`` imports this module).
A report belongs to the meeting that considered it, and is deleted with it.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ..models import utcnow


class Report(SQLModel, table=True):
    """A report a committee considered at a meeting, such as a portfolio performance and resources report.

    ``text`` is the report as read; ``tables`` holds its non-indicator tables (budgets,
    reserves, savings) as JSON; ``checksum`` is the SHA-256 of the file, so the same file is
    attached to a meeting once.
    """

    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("meeting_id", "checksum", name="uq_report_meeting_checksum"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(default=None, foreign_key="agenda_item.id", index=True, ondelete="SET NULL")
    title: str = Field(max_length=500)
    period: str | None = Field(default=None, max_length=100)
    source_name: str | None = Field(default=None, max_length=255)  # the uploaded file's name, for display only
    source_format: str = Field(max_length=10)
    checksum: str = Field(max_length=64)
    text: str = Field(sa_type=Text)
    tables: str = Field(default="[]", sa_type=Text)  # JSON: [{"title", "columns", "rows"}]
    warnings: str = Field(default="", sa_type=Text)  # one a line
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class ReportPriority(SQLModel, table=True):
    """One of the numbered outcomes a report measures progress against ("Priority 2: ... well prepared for adulthood")."""

    __tablename__ = "report_priority"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    number: int
    title: str = Field(sa_type=Text)


class Indicator(SQLModel, table=True):
    """A performance indicator as one report gives it: code, name, values, target, RAG rating and trend.

    ``key`` is the code in one spelling ("cfe-9-i" for "CFE 9(i)"), so the same indicator in
    reports of other periods can be followed over time. ``raw`` is the row's cells as
    written (JSON).
    """

    __tablename__ = "report_indicator"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    position: int = 0
    code: str | None = Field(default=None, max_length=40)
    key: str | None = Field(default=None, max_length=40, index=True)
    name: str = Field(sa_type=Text)
    priority: int | None = None
    good: str | None = Field(default=None, max_length=10)
    category: str | None = Field(default=None, max_length=40)
    two_years_ago: float | None = None
    previous: float | None = None
    value: float | None = None
    unit: str | None = Field(default=None, max_length=10)
    value_date: dt.date | None = None
    numerator: float | None = None
    denominator: float | None = None
    forecast: float | None = None
    target: float | None = None
    target_text: str | None = Field(default=None, max_length=100)
    rag: str | None = Field(default=None, max_length=10)
    trend: str | None = Field(default=None, max_length=12)
    section: str | None = Field(default=None, max_length=200)  # the heading the table sits under
    raw: str = Field(default="{}", sa_type=Text)


class ReportLink(SQLModel, table=True):
    """A question, comment or action that was about a report: a priority of it, or one of its indicators.

    Exactly one of ``question_id``, ``comment_id`` and ``action_id`` is set. ``how`` says what
    made the link: a "code" or "range" of codes, a "priority" named, the record sitting under a
    priority's "heading" in the minutes, or a "name" of an indicator written out.
    """

    __tablename__ = "report_link"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    indicator_id: int | None = Field(default=None, foreign_key="report_indicator.id", index=True, ondelete="CASCADE")
    priority: int | None = None
    question_id: int | None = Field(default=None, foreign_key="question.id", index=True, ondelete="CASCADE")
    comment_id: int | None = Field(default=None, foreign_key="comment.id", index=True, ondelete="CASCADE")
    action_id: int | None = Field(default=None, foreign_key="action.id", index=True, ondelete="CASCADE")
    how: str = Field(max_length=20)
    mention: str = Field(default="", max_length=200)  # the words that made the link, as minuted
