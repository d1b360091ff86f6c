"""Which priorities and indicators of a report a piece of minuted text is about (plain Python, no database).

A record is about an indicator when it names its code in any spelling ("CFSE 50",
"CFE.71", "CFE 9(i)"), a range holding it ("CFSE 25 – CFSE 29"), or writes out its name
closely enough (every distinctive word of the name within a few words of each other).
It is about a priority when it names it ("Priority Two", "priority 2"), or sits under a
priority's heading in the minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import find_code_mentions, find_priority_mentions, priority_number

_STOP = frozenset("""a an and are as at be been by for from has have in is it its of on or per the their this
that to was were who with within whose into than least level end period percentage number rate proportion
""".split())
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9,.'’]*[A-Za-z0-9]|[A-Za-z0-9]")
_MINUTES_PRIORITY_HEADING = re.compile(r"^[\s·•\-*]*priority\s+(?P<number>\d{1,2}|[a-z]+)\b[^\n]{0,300}$",
                                       re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Target:
    """An indicator as the linker sees it."""

    id: int
    key: str | None
    name: str


@dataclass(frozen=True)
class Found:
    """One link: to an indicator (``indicator_id``) or a priority (``priority``), how it was made, and the words."""

    how: str  # code, range, name, priority, heading
    mention: str
    indicator_id: int | None = None
    priority: int | None = None


def _norm(word: str) -> str:
    word = word.lower().replace("’", "'").strip(".,'")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    return [_norm(w) for w in _WORD.findall(text)]


def name_words(name: str) -> list[str]:
    """The distinctive words of an indicator's name, in order, without repeats."""
    seen: list[str] = []
    for word in words(name):
        if word not in _STOP and word not in seen and not re.fullmatch(r"[a-z]", word):
            seen.append(word)
    return seen


def mentions_name(name: str, text_words: list[str]) -> str | None:
    """The words of `text_words` that write out `name` closely (all its distinctive words near each other), or None."""
    wanted = name_words(name)
    if len(wanted) < 2:
        return None
    window = max(3, 2 * len(wanted))
    wanted_set = set(wanted)
    positions = [i for i, w in enumerate(text_words) if w in wanted_set]
    for first_index, start in enumerate(positions):
        seen: set[str] = set()
        for position in positions[first_index:]:
            if position - start >= window:
                break
            seen.add(text_words[position])
            if seen == wanted_set:
                return " ".join(text_words[start:position + 1])
    return None


def find_links(text: str, *, indicators: list[Target], priorities: set[int]) -> list[Found]:
    """Everything in `text` that names one of `indicators` or `priorities` (each linked once)."""
    found: list[Found] = []
    linked: set[int] = set()
    for mention in find_code_mentions(text):
        for target in indicators:
            if target.key and target.id not in linked and mention.matches(target.key):
                linked.add(target.id)
                found.append(Found("range" if mention.low is not None else "code", mention.text[:200],
                                   indicator_id=target.id))
    text_words = words(text)
    for target in indicators:
        if target.id in linked:
            continue
        written = mentions_name(target.name, text_words)
        if written:
            linked.add(target.id)
            found.append(Found("name", written[:200], indicator_id=target.id))
    named: set[int] = set()
    for mention in find_priority_mentions(text):
        for number in mention.numbers:
            if number in priorities and number not in named:
                named.add(number)
                found.append(Found("priority", mention.text[:200], priority=number))
    return found


def priority_sections(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int, str]]:
    """The stretches of minutes under a "Priority N" heading line: (start, end, number, heading), in order."""
    end = len(text) if end is None else end
    headings = []
    for match in _MINUTES_PRIORITY_HEADING.finditer(text, start, end):
        number = priority_number(match["number"])
        if number is not None:
            headings.append((match.start(), number, match.group().strip()[:200]))
    sections = []
    for index, (at, number, heading) in enumerate(headings):
        stop = headings[index + 1][0] if index + 1 < len(headings) else end
        sections.append((at, stop, number, heading))
    return sections
