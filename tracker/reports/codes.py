"""Indicator codes and priorities as UK council reports and minutes write them.

A performance indicator is known by a short code: letters, then a number, perhaps a
letter and a bracketed sub-part ("CFE 9(i)", "CFE.71", "CFSE50", "CFE.82a", "NI 117").
Minutes write the same code in other ways ("CFSE 50", "CFSE50", "cfe 9 (i)"), and
ranges ("CFSE 25 – CFSE 29", "CFE.65 to 67"). ``code_key`` gives every variant one
key; ``find_code_mentions`` and ``find_priority_mentions`` find them in prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}
NUMBER_WORDS = CARDINALS | {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11,
         "xii": 12}
MAX_RANGE = 100  # "CFE 1 – CFE 9999" is a typing slip, not a hundred indicators

# The parts of a code. Letters in capitals (minutes and reports both write them so); a separator of
# nothing, a space, a dot, a hyphen or an underscore; a number; perhaps one letter; perhaps "(i)".
_PREFIX = r"[A-Z]{2,8}"
_NUMBER = r"\d{1,4}"
_SUFFIX = r"[a-zA-Z](?![A-Za-z0-9])"
_SUB = r"\(\s*(?:[ivxIVX]{1,5}|[a-z]|\d{1,2})\s*\)"
CODE_PATTERN = rf"(?P<prefix>{_PREFIX})[ .\-_]?(?P<number>{_NUMBER})(?P<suffix>{_SUFFIX})?(?:\s?(?P<sub>{_SUB}))?"
_CODE = re.compile(rf"(?<![A-Za-z0-9]){CODE_PATTERN}(?![0-9])")
_RANGE = re.compile(
    rf"(?<![A-Za-z0-9])(?P<prefix>{_PREFIX})[ .\-_]?(?P<low>{_NUMBER})\s*(?:[-–—]|\bto\b)\s*"
    rf"(?:(?P<prefix2>{_PREFIX})[ .\-_]?)?(?P<high>{_NUMBER})(?![0-9A-Za-z(])")
# Words that look like codes in prose and never are indicator codes: key stages, quarters, years, covid.
_NOT_CODES = {"KS", "Q", "COVID", "FY", "YR", "Y", "GCSE", "SEND", "PM", "AM", "NHS", "UK", "MP", "CQC", "VAT"}

_PRIORITY = re.compile(
    r"\bpriorit(?:y|ies)\s*(?:no\.?\s*|number\s*)?(?P<list>(?:(?:\d{1,2}|"
    + "|".join(CARDINALS)
    + r")\b(?:\s*(?:,|&|and|or)\s*)?)+)", re.IGNORECASE)
_PRIORITY_PART = re.compile(r"\d{1,2}|[a-z]+", re.IGNORECASE)


def _sub_key(sub: str | None) -> str:
    return re.sub(r"[()\s]", "", sub).lower() if sub else ""


def make_key(prefix: str, number: str | int, suffix: str | None = None, sub: str | None = None) -> str:
    """The one key every way of writing a code shares: "CFE 9(i)" and "cfe9 (i)" -> "cfe-9-i"."""
    key = f"{prefix.lower()}-{int(number)}{(suffix or '').lower()}"
    sub = _sub_key(sub)
    return f"{key}-{sub}" if sub else key


def code_key(code: str | None) -> str | None:
    """The key of a code as written, or None if `code` is not one."""
    if not code:
        return None
    match = re.fullmatch(CODE_PATTERN, code.strip())
    if not match:
        return None
    return make_key(match["prefix"], match["number"], match["suffix"], match["sub"])


def family_key(key: str) -> str:
    """The code without its bracketed sub-part: "cfe-9-i" -> "cfe-9"."""
    prefix, number, *_ = key.split("-") + [""]
    return f"{prefix}-{number}"


def key_parts(key: str) -> tuple[str, int | None]:
    """The prefix and number of a key: "cfe-82a" -> ("cfe", 82)."""
    prefix, _, rest = key.partition("-")
    digits = re.match(r"\d+", rest)
    return prefix, int(digits.group()) if digits else None


@dataclass(frozen=True)
class CodeMention:
    """Where prose names an indicator code (``keys`` has one key) or a range of them (``low``..``high``)."""

    start: int
    end: int
    text: str
    prefix: str  # lower case
    keys: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None

    def matches(self, key: str) -> bool:
        """Whether this mention names the indicator with `key` (a code, its family, or a number in the range)."""
        prefix, number = key_parts(key)
        if prefix != self.prefix:
            return False
        if self.low is not None:
            return number is not None and self.low <= number <= self.high
        return any(key == k or (k.count("-") == 1 and family_key(key) == k and k[-1].isdigit()) for k in self.keys)


def find_code_mentions(text: str) -> list[CodeMention]:
    """Every indicator code and range of codes written in `text`, in order."""
    found: list[CodeMention] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        prefix, prefix2 = match["prefix"], match["prefix2"]
        if prefix in _NOT_CODES or (prefix2 and prefix2 != prefix):
            continue
        low, high = int(match["low"]), int(match["high"])
        if not low < high <= low + MAX_RANGE:
            continue
        found.append(CodeMention(match.start(), match.end(), match.group(), prefix.lower(), low=low, high=high))
        taken.append(match.span())
    for match in _CODE.finditer(text):
        if match["prefix"] in _NOT_CODES or any(s <= match.start() < e for s, e in taken):
            continue
        key = make_key(match["prefix"], match["number"], match["suffix"], match["sub"])
        found.append(CodeMention(match.start(), match.end(), match.group(), match["prefix"].lower(), keys=(key,)))
    return sorted(found, key=lambda m: m.start)


def priority_number(word: str) -> int | None:
    """1 for "1", "one", "first" or "I"."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word) or ROMAN.get(word)


@dataclass(frozen=True)
class PriorityMention:
    """Where prose names a priority by number ("Priority Two", "Priority 2", "priorities 3 and 4")."""

    start: int
    end: int
    text: str
    numbers: tuple[int, ...]


def find_priority_mentions(text: str) -> list[PriorityMention]:
    """Every "Priority N" (or "Priorities N and M") in `text`, in order."""
    mentions = []
    for match in _PRIORITY.finditer(text):
        numbers = []
        for part in _PRIORITY_PART.findall(match["list"]):
            if part.lower() in {"and", "or"}:
                continue
            number = priority_number(part)
            if number is not None and number not in numbers:
                numbers.append(number)
        if numbers:
            mentions.append(PriorityMention(match.start(), match.end(), match.group().rstrip(" ,&"), tuple(numbers)))
    return mentions
