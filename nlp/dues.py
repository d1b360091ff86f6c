"""Due words ("next meeting", "a future meeting in 2023", "by 31 March 2024",
"quarter 3", "in the new year", "in six months") and the dates they mean.

A date is resolved only where the words and the meeting date fix one:
- a written date is that date; a month ("by the end of April") is its last day;
- "in 2023" is the last day of 2023;
- "quarter 3" / "Q3" is the end of that quarter of the UK financial year
  (April to March) the meeting falls in, or the next one if already past;
- "in the new year" is 31 January after the meeting;
- "in six months", "within two weeks" count from the meeting;
- "next meeting", "once received", "after the meeting" stay undated here: the
  tracker dates "next meeting" when that meeting is known.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .dates import MONTHS, find_date, month_end

_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "twelve": 12, "a few": 3}
_QUARTER = re.compile(r"\b(?:quarter\s+(?P<n>[1-4]|one|two|three|four)|q(?P<q>[1-4]))\b", re.I)
_PERIOD = re.compile(r"\b(?:in|within)\s+(?P<n>\d+|a few|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?P<unit>day|week|month|year)s?\b", re.I)
_YEAR = re.compile(r"\b(?:in|during|by)\s+(?P<year>20\d\d)\b")
_MONTH_ONLY = re.compile(r"\b(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+(?P<year>20\d\d))?\b", re.I)
_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}
_STOP = re.compile(r"(?:,\s+(?!\d{4}\b)|[.;:]\s|[.;:]$|\s+(?:and|but|to|where|which|with|so|as|if|when|while|whilst|because)\s)", re.I)
_QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}


def due_phrase(text: str, start: int, limit: int, cue_end: int | None = None) -> tuple[int, int]:
    """Extend a due cue at ``start`` (ending at ``cue_end``) to the end of its phrase, within ``limit``.
    The cue's own words never stop it ("as soon as possible" holds an "as")."""
    stop = _STOP.search(text, max(start + 1, (cue_end or 0) - 1), limit)
    end = stop.start() if stop else limit
    return start, end


def _add_months(value: date, months: int) -> date:
    year, month = divmod(value.month - 1 + months, 12)
    year += value.year
    month += 1
    return min(date(year, month, value.day if value.day <= 28 else 28), month_end(year, month))


def resolve_due(words: str, meeting: date | None) -> date | None:
    """The date due words mean, given the meeting date; None where they fix none."""
    found = find_date(words)
    if found:
        return found[0]
    lowered = words.lower()
    if match := _YEAR.search(lowered):
        return date(int(match["year"]), 12, 31)
    if match := _MONTH_ONLY.search(lowered):
        month = MONTHS[match["month"].lower()]
        if match["year"]:
            return month_end(int(match["year"]), month)
        if meeting:
            year = meeting.year + (1 if month < meeting.month else 0)
            return month_end(year, month)
        return None
    if meeting is None:
        return None
    if match := _QUARTER.search(lowered):
        number = int(match["q"] or _QUARTER_WORDS.get(match["n"], match["n"]))
        return quarter_end(number, meeting)
    if "new year" in lowered:
        return date(meeting.year + 1, 1, 31)
    if match := _PERIOD.search(lowered):
        count = int(match["n"]) if match["n"].isdigit() else _NUMBERS[match["n"].lower()]
        unit = match["unit"].lower()
        if unit == "day":
            return meeting + timedelta(days=count)
        if unit == "week":
            return meeting + timedelta(weeks=count)
        return _add_months(meeting, count * (12 if unit == "year" else 1))
    for season, (month, day) in _SEASON_END.items():
        if season in lowered:
            year = meeting.year + (1 if (month, day) < (meeting.month, meeting.day) else 0)
            return month_end(year, month) if month == 2 else date(year, month, day)
    if "end of the year" in lowered or "this year" in lowered:
        return date(meeting.year, 12, 31)
    if "next year" in lowered:
        return date(meeting.year + 1, 12, 31)
    if "end of the month" in lowered or "this month" in lowered:
        return month_end(meeting.year, meeting.month)
    if "next month" in lowered:
        return month_end(meeting.year + meeting.month // 12, meeting.month % 12 + 1)
    if "financial year" in lowered:
        return date(meeting.year + (1 if meeting.month >= 4 else 0), 3, 31)
    return None


def quarter_end(number: int, meeting: date) -> date:
    """The end of quarter ``number`` of the UK financial year holding ``meeting``, or the next one if past."""
    start_year = meeting.year if meeting.month >= 4 else meeting.year - 1
    for year in (start_year, start_year + 1):
        month = 3 + 3 * number
        end = month_end(year + (month - 1) // 12, (month - 1) % 12 + 1)
        if end >= meeting:
            return end
    return end
