"""The action log: every action across committees (or one), filtered, sorted and counted, with its chart.

Filters are data (``LogFilters``): they come from a page's query string, the
API's or the command line's options, and the same SQL answers all three.
Draft meetings, and their actions, are left out unless ``include_drafts``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from sqlalchemy import and_, case, false, func, or_
from sqlalchemy.orm import defer
from sqlmodel import Session, select

from ..config import DEFAULT_STALE_DAYS
from ..models import (
    Action,
    AgendaItem,
    Committee,
    Council,
    Meeting,
    Person,
    Question,
    Response,
    User,
    meeting_visible,
)
from ..minutes.councils import council_of
from .service import CLOSED, KIND_WORDS, STILL_OPEN, is_stale

STATUS_FILTERS = {"": "Any status", "open": "Still to do (open or in progress)", "in_progress": "In progress",
                  "done": "Done", "dropped": "Dropped", "closed": "Done or dropped"}
SORTS = {"due": "Due date, soonest first", "age": "Age, oldest first", "newest": "Newest first"}
MAX_TEXT = 200
_SLUG = re.compile(r"[a-z0-9-]{1,200}")
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class BadFilter(ValueError):
    """A filter value that cannot be used; the message says what to give instead."""

    status = 400


@dataclass(frozen=True)
class LogFilters:
    """What the log shows: each field narrows it; the empty value means "any"."""

    status: str = ""  # a key of STATUS_FILTERS
    owner: str = ""  # part of the owner's name as minuted, or a person id
    kind: str = ""  # a key of KIND_WORDS
    committee: str = ""  # a committee slug
    council: str = ""  # a council slug
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    overdue: bool = False
    stale: bool = False
    sort: str = "due"

    def query(self) -> dict[str, str]:
        """The filters as query-string arguments, leaving out what is unset (for links and exports)."""
        out = {}
        for name, value in asdict(self).items():
            if value in ("", None, False) or (name == "sort" and value == "due"):
                continue
            out[name] = "1" if value is True else value.isoformat() if isinstance(value, dt.date) else str(value)
        return out

    @property
    def active(self) -> bool:
        return bool(set(self.query()) - {"sort"})


def _date(name: str, raw: str) -> dt.date | None:
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        raise BadFilter(f"{name} must be a date written YYYY-MM-DD, such as 2024-03-31")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadFilter(f"{name} must be a real date written YYYY-MM-DD") from None


def _flag(name: str, raw: str) -> bool:
    if raw in ("", "0", "false", "off"):
        return False
    if raw in ("1", "true", "on", "yes"):
        return True
    raise BadFilter(f"{name} must be 1 (yes) or 0 (no)")


def parse_filters(args: Mapping[str, str], *, committee: str | None = None) -> LogFilters:
    """Filters from query-string arguments (or CLI options); `committee` fixes the committee (its own log)."""
    def text(name: str) -> str:
        raw = (args.get(name) or "").strip()
        if len(raw) > MAX_TEXT or _UNSTORABLE.search(raw):
            raise BadFilter(f"{name} must be at most {MAX_TEXT} characters of text")
        return raw

    status, kind, sort = text("status"), text("kind"), text("sort") or "due"
    overdue, stale = _flag("overdue", text("overdue")), _flag("stale", text("stale"))
    if status == "overdue":  # the CLI's --status overdue and --status stale read naturally
        status, overdue = "", True
    elif status == "stale":
        status, stale = "", True
    if status not in STATUS_FILTERS:
        raise BadFilter(f"status must be one of {', '.join(k for k in STATUS_FILTERS if k)}")
    if kind and kind not in KIND_WORDS:
        raise BadFilter(f"kind must be one of {', '.join(KIND_WORDS)}")
    if sort not in SORTS:
        raise BadFilter(f"sort must be one of {', '.join(SORTS)}")
    slug = committee or text("committee")
    if slug and not _SLUG.fullmatch(slug):
        raise BadFilter("committee must be a committee's slug, such as adults-health-scrutiny")
    council = text("council")
    if council and not _SLUG.fullmatch(council):
        raise BadFilter("council must be a council's slug, such as eastmoor-district-council")
    due_from, due_to = _date("due_from", text("due_from")), _date("due_to", text("due_to"))
    if due_from and due_to and due_from > due_to:
        raise BadFilter("due_from must not be after due_to")
    return LogFilters(status=status, owner=text("owner"), kind=kind, committee=slug, council=council, due_from=due_from,
                      due_to=due_to, overdue=overdue, stale=stale, sort=sort)


def overdue_words(due_date: dt.date | None, today: dt.date) -> str | None:
    """How late an action is, in words a reader takes in at once: days for a month, then the month it fell due."""
    if due_date is None or due_date >= today:
        return None
    days = (today - due_date).days
    if days <= 31:
        return f"Overdue {days} {'day' if days == 1 else 'days'}"
    return f"Overdue since {due_date:%B %Y}"


# --- entries -------------------------------------------------------------------------

@dataclass
class LogEntry:
    """An action in the log with where it came from and how it stands today."""

    action: Action
    meeting: Meeting
    committee: Committee
    item: AgendaItem | None
    overdue: bool
    stale: bool
    days_overdue: int
    age_days: int | None  # days since the meeting that raised it

    @property
    def overdue_words(self) -> str | None:
        """"Overdue since March 2023" (or "Overdue 3 days"), or None when not overdue."""
        if not self.overdue or self.action.due_date is None:
            return None
        return overdue_words(self.action.due_date, self.action.due_date + dt.timedelta(days=self.days_overdue))

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.action.kind, self.action.kind)

    def to_dict(self) -> dict:
        """The JSON contract of the CLI and exports: id, text, kind, owner, due, due_date, status, overdue,
        stale, meeting {id, date, committee}, item {number, title}, url."""
        a = self.action
        return {"id": a.id, "text": a.text, "kind": a.kind, "owner": a.owner, "due": a.due,
                "due_date": a.due_date.isoformat() if a.due_date else None, "status": str(a.status),
                "overdue": self.overdue, "days_overdue": self.days_overdue, "stale": self.stale,
                "meeting": {"id": self.meeting.id, "date": self.meeting.date.isoformat() if self.meeting.date else None,
                            "committee": self.committee.name, "committee_slug": self.committee.slug,
                            "council": council_of(self.committee).name},
                "item": {"number": (self.item.number or str(self.item.position + 1)) if self.item else None,
                         "title": self.item.title if self.item else None},
                "url": f"/actions/{a.id}"}


def stale_cutoff(today: dt.date, stale_days: int) -> dt.date:
    return today - dt.timedelta(days=stale_days)


def overdue_clause(today: dt.date):
    return and_(Action.due_date.is_not(None), Action.due_date < today, Action.status.in_(STILL_OPEN))


def _stale_clause(today: dt.date, stale_days: int):
    cutoff = stale_cutoff(today, stale_days)
    start = dt.datetime.combine(cutoff, dt.time(), tzinfo=dt.UTC)
    return and_(Action.due_date.is_(None), Action.status.in_(STILL_OPEN),
                or_(Meeting.date < cutoff, and_(Meeting.date.is_(None), Action.created_at < start)))


def filtered_statement(filters: LogFilters, *, include_drafts: bool, today: dt.date, stale_days: int,
                       columns=None):
    """The log's SELECT for `filters` (its rows, or `columns`), visible meetings only, unordered."""
    statement = (select(*(columns or (Action, Meeting, Committee, AgendaItem)))
                 .join(Meeting, Meeting.id == Action.meeting_id)
                 .join(Committee, Committee.id == Meeting.committee_id))
    if columns is None:
        statement = statement.outerjoin(AgendaItem, AgendaItem.id == Action.item_id)
        statement = statement.options(defer(Meeting.text), defer(Meeting.warnings))
    statement = statement.where(meeting_visible(include_drafts))
    if filters.status == "open":
        statement = statement.where(Action.status.in_(STILL_OPEN))
    elif filters.status == "closed":
        statement = statement.where(Action.status.in_(CLOSED))
    elif filters.status:
        statement = statement.where(Action.status == filters.status)
    if filters.owner:
        if filters.owner.isdigit() and len(filters.owner) <= 9:
            statement = statement.where(Action.owner_id == int(filters.owner))
        else:
            pattern = "%" + filters.owner.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            statement = statement.where(func.lower(Action.owner).like(pattern, escape="\\"))
    if filters.kind:
        statement = statement.where(Action.kind == filters.kind)
    if filters.committee:
        statement = statement.where(Committee.slug == filters.committee)
    if filters.council:
        statement = statement.where(Committee.council_id.in_(select(Council.id).where(Council.slug == filters.council)))
    if filters.due_from:
        statement = statement.where(Action.due_date >= filters.due_from)
    if filters.due_to:
        statement = statement.where(Action.due_date <= filters.due_to)
    if filters.overdue:
        statement = statement.where(overdue_clause(today))
    if filters.stale:
        statement = statement.where(_stale_clause(today, stale_days))
    return statement


def _ordered(statement, sort: str):
    if sort == "age":
        return statement.order_by(Meeting.date.asc().nulls_last(), Action.position, Action.id)
    if sort == "newest":
        return statement.order_by(Meeting.date.desc().nulls_last(), Action.position, Action.id)
    return statement.order_by(Action.due_date.asc().nulls_last(), Meeting.date.asc().nulls_last(), Action.id)


def entry(action: Action, meeting: Meeting, committee: Committee, item: AgendaItem | None, *, today: dt.date,
          stale_days: int = DEFAULT_STALE_DAYS) -> LogEntry:
    overdue = action.due_date is not None and action.due_date < today and str(action.status) in STILL_OPEN
    return LogEntry(action, meeting, committee, item, overdue,
                    is_stale(action, meeting, today=today, stale_days=stale_days),
                    (today - action.due_date).days if overdue else 0,
                    (today - meeting.date).days if meeting.date else None)


@dataclass
class LogPage:
    """One page of the log, with the counts for everything the filters match."""

    entries: list[LogEntry]
    counts: dict[str, int]
    number: int
    pages: int
    total: int


def action_log(*, session: Session, filters: LogFilters, include_drafts: bool, today: dt.date,
               stale_days: int = DEFAULT_STALE_DAYS, page: int | None = None, per_page: int = 50) -> LogPage:
    """The actions the filters match, sorted; a page of them when `page` is given, else all."""
    statement = filtered_statement(filters, include_drafts=include_drafts, today=today, stale_days=stale_days)
    counts = log_counts(session=session, filters=filters, include_drafts=include_drafts, today=today,
                        stale_days=stale_days)
    total = counts["total"]
    pages = max(1, -(-total // per_page)) if page is not None else 1
    statement = _ordered(statement, filters.sort)
    if page is not None:
        if page < 1 or page > pages:
            raise BadFilter(f"there is no page {page}; pages run from 1 to {pages}")
        statement = statement.limit(per_page).offset((page - 1) * per_page)
    rows = session.exec(statement).all()
    return LogPage([entry(*row, today=today, stale_days=stale_days) for row in rows], counts, page or 1, pages,
                   total)


def log_counts(*, session: Session, filters: LogFilters, include_drafts: bool, today: dt.date,
               stale_days: int = DEFAULT_STALE_DAYS) -> dict[str, int]:
    """How many actions the filters match: in all, still to do, overdue, stale, done and dropped."""
    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    statement = filtered_statement(filters, include_drafts=include_drafts, today=today, stale_days=stale_days, columns=(
        func.count(Action.id), count(Action.status.in_(STILL_OPEN)), count(overdue_clause(today)),
        count(_stale_clause(today, stale_days)), count(Action.status == "done"),
        count(Action.status == "dropped")))
    total, still_open, overdue, stale, done, dropped = session.exec(statement).one()
    return {"total": total, "open": still_open, "overdue": overdue, "stale": stale, "done": done,
            "dropped": dropped}


def api_actions(*, session: Session, include_drafts: bool, offset: int, limit: int, status: str | None = None,
                committee: str | None = None, council: str | None = None, owner: int | str | None = None,
                overdue: bool = False, kind: str | None = None, due_from: dt.date | None = None,
                due_to: dt.date | None = None,
                stale: bool = False, today: dt.date | None = None,
                stale_days: int = DEFAULT_STALE_DAYS) -> tuple[list, int]:
    """(action, meeting, committee) rows for /api/actions, soonest due first, and how many match.

    The API's own meanings: `status` is one exact status; `owner` a person id or the whole owner name in any
    case. `kind`, the due window and `stale` narrow it as the action log does.
    """
    today = today or dt.date.today()
    statement = filtered_statement(LogFilters(kind=kind or "", committee=committee or "", council=council or "",
                                              due_from=due_from,
                                              due_to=due_to, overdue=overdue, stale=stale),
                                   include_drafts=include_drafts, today=today, stale_days=stale_days,
                                   columns=(Action, Meeting, Committee))
    if status is not None:
        statement = statement.where(Action.status == status)
    if isinstance(owner, int):
        statement = statement.where(Action.owner_id == owner)
    elif owner is not None:
        statement = statement.where(func.lower(Action.owner) == owner.lower())
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    statement = statement.order_by(Action.due_date.asc().nulls_last(), Meeting.date.desc().nulls_last(), Action.id)
    return list(session.exec(statement.offset(offset).limit(limit)).all()), total


# --- people and questions ---------------------------------------------------------

def my_filters_owner(*, session: Session, user: User) -> tuple[int | None, str | None]:
    """Whose actions are "mine": the Person linked to the user, else the user name as an owner name."""
    person = session.get(Person, user.person_id) if user.person_id else None
    return (person.id, person.name) if person else (None, user.username)


def my_actions(*, session: Session, user: User, include_drafts: bool, today: dt.date,
               stale_days: int = DEFAULT_STALE_DAYS, show_closed: bool = False) -> list[LogEntry]:
    """Actions owned by the Person linked to the user (or named as the user's name is), soonest due first."""
    person_id, name = my_filters_owner(session=session, user=user)
    statement = filtered_statement(LogFilters(status="" if show_closed else "open"), include_drafts=include_drafts,
                           today=today, stale_days=stale_days)
    conditions = [func.lower(Action.owner) == name.lower()] if name else []
    if person_id is not None:
        conditions.append(Action.owner_id == person_id)
    statement = statement.where(or_(*conditions) if conditions else false())
    rows = session.exec(_ordered(statement, "due")).all()
    return [entry(*row, today=today, stale_days=stale_days) for row in rows]


@dataclass
class UnansweredQuestion:
    question: Question
    meeting: Meeting
    item: AgendaItem | None


def unanswered_questions(*, session: Session, include_drafts: bool, committee_id: int | None = None,
                         meeting_id: int | None = None) -> list[UnansweredQuestion]:
    """Questions with no recorded response, newest meeting first, for a committee or one meeting."""
    answered = select(Response.question_id).where(Response.question_id.is_not(None))
    statement = (select(Question, Meeting, AgendaItem).join(Meeting, Meeting.id == Question.meeting_id)
                 .outerjoin(AgendaItem, AgendaItem.id == Question.item_id)
                 .where(Question.id.not_in(answered)).options(defer(Meeting.text), defer(Meeting.warnings)))
    if committee_id is not None:
        statement = statement.where(Meeting.committee_id == committee_id)
    if meeting_id is not None:
        statement = statement.where(Meeting.id == meeting_id)
    statement = statement.where(meeting_visible(include_drafts))
    rows = session.exec(statement.order_by(Meeting.date.desc().nulls_last(), Meeting.id.desc(), Question.position,
                                           Question.id)).all()
    return [UnansweredQuestion(*row) for row in rows]


__all__ = ["STATUS_FILTERS", "SORTS", "BadFilter", "LogFilters", "parse_filters", "overdue_words", "LogEntry",
           "LogPage", "entry", "action_log", "log_counts", "api_actions", "filtered_statement", "overdue_clause",
           "my_actions",
           "UnansweredQuestion", "unanswered_questions"]
