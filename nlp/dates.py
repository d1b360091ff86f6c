"""Reading the dates UK minutes write: "Wednesday, 16th October, 2024",
"16/06/2021", "31 March 2024", "2024-10-16", "March 2024".

UK order (day before month) throughout; a date that does not exist is no
date at all.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"

DAY_MONTH_YEAR = re.compile(rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+(\d{{4}})\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I)
DAY_MONTH = re.compile(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> tuple[date, re.Match] | None:
    """The first full date written in ``text``, with the match that found it."""
    found = []
    for pattern, build in (
        (ISO, lambda m: _make(int(m[1]), int(m[2]), int(m[3]))),
        (DAY_MONTH_YEAR, lambda m: _make(int(m[3]), MONTHS[m[2].lower()], int(m[1]))),
        (MONTH_DAY_YEAR, lambda m: _make(int(m[3]), MONTHS[m[1].lower()], int(m[2]))),
        (NUMERIC, lambda m: _make(_year(m[3]), int(m[2]), int(m[1]))),
    ):
        for match in pattern.finditer(text):
            value = build(match)
            if value:
                found.append((match.start(), value, match))
                break
    if not found:
        return None
    _, value, match = min(found, key=lambda f: f[0])
    return value, match


def parse_date(text: str) -> date | None:
    """A date from text such as a header value, or None."""
    found = find_date(text)
    return found[0] if found else None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
