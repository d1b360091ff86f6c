"""The action log's charts: where the open actions are (by committee and status), and whether actions were done
on time (month by month over the last year). Counts come from SQL here; ``Scale`` works out the geometry so the
template only places shapes. Each chart is drawn as SVG with its numbers in a table beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import and_, case, func
from sqlmodel import Session, select

from ..config import DEFAULT_STALE_DAYS
from ..models import Action, ActionEvent, Committee
from .log import LogFilters, filtered_statement, overdue_clause
from .service import STILL_OPEN

TOP_COMMITTEES = 10  # bars; the rest are summed into one "other committees" bar


@dataclass
class CommitteeBar:
    """A committee's actions still to do today: overdue, in progress (not overdue) and open (not overdue)."""

    name: str
    slug: str | None  # None for the bar summing the other committees
    overdue: int
    in_progress: int
    open: int

    @property
    def total(self) -> int:
        return self.overdue + self.in_progress + self.open


@dataclass
class MonthDone:
    """Actions marked done in a month: by their due date, after it, or with no due date to judge by."""

    month: dt.date  # the first of the month
    on_time: int = 0
    late: int = 0
    undated: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.undated

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"


def _plain(filters: LogFilters) -> LogFilters:
    """The filters without status ones: each chart chooses its own statuses."""
    return replace(filters, status="", overdue=False, stale=False)


def open_by_committee(*, session: Session, filters: LogFilters, include_drafts: bool, today: dt.date,
                      top: int = TOP_COMMITTEES, stale_days: int = DEFAULT_STALE_DAYS) -> list[CommitteeBar]:
    """Actions still to do per committee, most first; committees past the first `top` summed into one bar."""
    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    late = overdue_clause(today)
    statement = filtered_statement(_plain(filters), include_drafts=include_drafts, today=today, stale_days=stale_days,
                                   columns=(Committee.name, Committee.slug, count(late),
                                            count(and_(~late, Action.status == "in_progress")),
                                            count(and_(~late, Action.status == "open"))))
    statement = statement.where(Action.status.in_(STILL_OPEN)).group_by(Committee.id, Committee.name, Committee.slug)
    bars = sorted((CommitteeBar(*row) for row in session.exec(statement).all()), key=lambda b: (-b.total, b.name))
    if len(bars) <= top + 1:
        return bars
    rest = bars[top:]
    other = CommitteeBar(f"{len(rest)} other committees", None, sum(b.overdue for b in rest),
                         sum(b.in_progress for b in rest), sum(b.open for b in rest))
    return [*bars[:top], other]


def _months(today: dt.date, months: int) -> list[dt.date]:
    first, starts = today.replace(day=1), []
    for _ in range(months):
        starts.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return starts[::-1]


def done_by_month(*, session: Session, filters: LogFilters, include_drafts: bool, today: dt.date, months: int = 12,
                  stale_days: int = DEFAULT_STALE_DAYS) -> list[MonthDone]:
    """Actions done in each of the last `months` months (this one to today), on time or late against their due
    date. An action is done when it was last marked done; one done, reopened and still open does not count."""
    done_at = (select(ActionEvent.action_id, func.max(ActionEvent.at).label("at"))
               .where(ActionEvent.field == "status", ActionEvent.new == "done")
               .group_by(ActionEvent.action_id).subquery())
    statement = filtered_statement(_plain(filters), include_drafts=include_drafts, today=today, stale_days=stale_days,
                                   columns=(Action.due_date, done_at.c.at))
    statement = statement.join(done_at, done_at.c.action_id == Action.id).where(Action.status == "done")
    bars = {month: MonthDone(month) for month in _months(today, months)}
    for due_date, at in session.exec(statement).all():
        day = at.date()
        bar = bars.get(day.replace(day=1))
        if bar is None or day > today:
            continue
        if due_date is None:
            bar.undated += 1
        elif day <= due_date:
            bar.on_time += 1
        else:
            bar.late += 1
    return list(bars.values())


@dataclass
class Scale:
    """A linear scale from 0 to a round number at or above `peak`, over `length` pixels, with three ticks."""

    peak: int
    length: float

    @property
    def top(self) -> int:
        peak = max(self.peak, 1)
        step = 1 if peak <= 5 else 5 if peak <= 25 else 10 if peak <= 50 else 10 ** (len(str(peak)) - 1)
        return -(-peak // step) * step

    def __call__(self, value: int) -> float:
        return round(self.length * value / self.top, 1)

    @property
    def ticks(self) -> list[int]:
        return sorted({0, self.top // 2, self.top})


@dataclass
class CommitteeChart:
    """Horizontal stacked bars, one per named committee, names above each bar so they are never cut. The sum
    of the other committees is in the table only: drawn, it would set the scale and flatten every other bar."""

    bars: list[CommitteeBar]
    width: int = 640
    left: int = 8
    row: int = 48  # a name line and a bar per committee

    def __post_init__(self):
        self.drawn = [bar for bar in self.bars if bar.slug is not None]
        self.scale = Scale(max([bar.total for bar in self.drawn] + [1]), self.width - self.left - 48)

    @property
    def height(self) -> int:
        return self.row * len(self.drawn) + 8

    def segments(self, bar: CommitteeBar) -> list[tuple[str, float, float, int]]:
        """(kind, x, width, count) for each part of the bar, overdue first."""
        x, parts = float(self.left), []
        for kind, value in (("overdue", bar.overdue), ("in_progress", bar.in_progress), ("open", bar.open)):
            width = self.scale(value)
            parts.append((kind, round(x, 1), width, value))
            x += width
        return parts


@dataclass
class MonthChart:
    """Vertical stacked bars, one per month: done on time at the bottom, then late, then with no due date."""

    bars: list[MonthDone]
    width: int = 640
    height: int = 220
    top: int = 16
    left: int = 36
    bottom: int = 40

    def __post_init__(self):
        self.scale = Scale(max([bar.total for bar in self.bars] + [1]), self.height - self.top - self.bottom)

    @property
    def slot(self) -> float:
        return (self.width - self.left) / max(1, len(self.bars))

    def x(self, index: int) -> float:
        return round(self.left + index * self.slot + self.slot * 0.15, 1)

    @property
    def bar_width(self) -> float:
        return round(self.slot * 0.7, 1)

    def y(self, value: int) -> float:
        return round(self.height - self.bottom - self.scale(value), 1)

    def segments(self, bar: MonthDone) -> list[tuple[str, float, float, int]]:
        """(kind, y, height, count) from the baseline up."""
        below, parts = 0, []
        for kind, value in (("on_time", bar.on_time), ("late", bar.late), ("undated", bar.undated)):
            parts.append((kind, self.y(below + value), self.scale(value), value))
            below += value
        return parts


__all__ = ["CommitteeBar", "MonthDone", "open_by_committee", "done_by_month", "Scale", "CommitteeChart",
           "MonthChart"]
