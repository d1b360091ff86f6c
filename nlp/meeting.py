"""Which meeting the minutes record: committee, date and title.

The header block wins where it gives a value; otherwise the first lines of
the text are read the ways councils write them:
"Children & Families Scrutiny Committee - Wednesday, 16th October, 2024 6.00 pm",
"Meeting: 16/06/2021 - Children & Families Scrutiny Committee (Item 5)",
"Minutes of the meeting of the Planning Committee held on 4 March 2025",
"Place Select Committee Minutes" then "Date:" and the date.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import find_date, parse_date
from .records import MeetingInfo
from .state import Line

BODY = r"(?:Scrutiny\s+)?(?:Sub-Committee|Committee|Board|Panel|Council|Cabinet|Executive|Forum|Commission|Partnership|Assembly|Meeting)"
_COMMITTEE_DASH_DATE = re.compile(rf"^(?P<committee>[A-Z][^\n]{{2,120}}?\b{BODY})\s*[-–—,]\s+(?P<rest>.+)$")
_MEETING_LINE = re.compile(r"^Meeting:\s*(?P<date>[^-–]+?)\s*[-–]\s*(?P<committee>.+?)(?:\s*\(Item[^)]*\))?$", re.I)
_MINUTES_OF = re.compile(rf"^Minutes of (?:the |a )?(?:\w+ )?meeting of (?:the )?(?P<committee>.+?\b{BODY})\b(?P<rest>.*)$", re.I)
_X_MINUTES = re.compile(rf"^(?P<committee>[A-Z][^\n]{{2,120}}?\b{BODY})\s+Minutes$")
_MINUTES_OF_BODY = re.compile(rf"^Minutes\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:meeting\s+of\s+(?:the\s+)?)?[A-Z][^\n]{{0,100}}?\b{BODY}$", re.I)
_COMMITTEE_ALONE = re.compile(rf"^(?P<committee>(?=[A-Z])[^\n:]{{0,120}}?\b{BODY})$")
# "Agenda for Scrutiny Committee on Tuesday, 12th March, 2024, 7.30 pm": a page title naming the meeting
_TITLE_ON = re.compile(rf"^(?:(?:Agenda|Minutes|Decisions)(?:\s+and\s+(?:minutes|decisions))?\s+(?:for|of)\s+)?(?:the\s+)?"
                       rf"(?P<committee>(?=[A-Z])[^\n]{{0,120}}?\b{BODY})\s*(?:,|on|-|–)?\s+(?P<rest>.+)$", re.I)
# A public body that is not called a council: "Northshire Police and Crime Panel", "Westvale Fire Authority"
_BODY_NAME = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w'’&.-]*\s+){1,5}(?:(?:and\s+)?(?:[A-Z][\w'’&.-]*\s+){0,3})?"
    r"(?:police\s+and\s+crime\s+panel|(?:fire\s+and\s+rescue|fire|combined|national\s+park|waste)\s+authority)$", re.I)
_DATE_LABEL = re.compile(r"^(?:Date(?: of meeting)?|Meeting date)\s*:\s*(?P<rest>.*)$", re.I)
_SCAN_LINES = 60
_DIGIT = re.compile(r"\d")
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_TIME = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\b", re.I)
_EARLIER_MINUTES = re.compile(r"\b(?:PREVIOUS|LAST|CONFIRM|APPROVE|RECEIVE)\b")
_ITEM_OPENING = re.compile(r"^(?:the\s+)?(?:reports?|minutes?|recommendations?|referrals?|decisions?|notes?|updates?|matters?|feedback|outcomes?)\b", re.I)
_COUNCIL_NAME = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w'’&.-]*\s+){1,7}(?:(?:district|borough|county|city|parish|town|community|metropolitan\s+borough|county\s+borough)\s+)?council$",
    re.I)
_BODY_WORD = re.compile(r"\b(?:COUNCIL|COMMITTEE|BOARD|PANEL|CABINET|AUTHORITY|ASSEMBLY|COMMISSION|FORUM)\b")


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _wrapped(rest: str, following: list[Line], most: int = 2) -> str:
    """A heading with the lines it runs on to: PDFs break "... held on Wednesday, 11 / October 2023" anywhere."""
    for line in following[:most]:
        if line.blank_before:
            break
        rest += " " + line.text
    return rest


def find_meeting(header: dict[str, str], lines: list[Line]) -> MeetingInfo:
    """Meeting metadata from the header block, else from the opening lines."""
    info = MeetingInfo()
    for key in ("committee", "title", "council", "source"):
        if header.get(key):
            setattr(info, key, header[key])
            info.found[key] = "header"
    if header.get("date"):
        info.date = _iso(parse_date(header["date"]))
        if info.date:
            info.found["date"] = "header"
    if not info.date and header.get("title") and (found := find_date(header["title"])):
        info.date, info.found["date"] = _iso(found[0]), "title"  # "Agenda for ... on Tuesday, 12th March, 2024"

    def offer(field: str, value, where: str = "text") -> None:
        if value and not getattr(info, field):
            setattr(info, field, value)
            info.found[field] = where

    head = lines[:_SCAN_LINES]
    for position, line in enumerate(head):
        text = line.text
        if match := _MEETING_LINE.match(text):
            offer("date", _iso(parse_date(match["date"])))
            offer("committee", match["committee"].strip())
            continue
        if match := _MINUTES_OF.match(text):
            offer("committee", match["committee"].strip())
            offer("date", _iso(parse_date(_wrapped(match["rest"], head[position + 1:]))))
            offer("title", text)
            continue
        if match := _COMMITTEE_DASH_DATE.match(text):
            found = find_date(match["rest"])
            if found:
                offer("committee", match["committee"].strip())
                offer("date", _iso(found[0]))
                offer("title", text)
                continue
        if match := _X_MINUTES.match(text):
            offer("committee", match["committee"].strip())
            offer("title", text)
            continue
        if _COUNCIL_NAME.match(text) or _BODY_NAME.match(text):
            # the body's own heading; a panel or authority may also be the body that met, so read on
            offer("council", " ".join(text.split()).title() if text.isupper() else " ".join(text.split()))
        if (match := _COMMITTEE_ALONE.match(text)) and not _COUNCIL_NAME.match(text) and position + 1 < len(head) \
                and (dated := _date_line(head[position + 1].text)):
            # ModernGov's two-line header: "Scrutiny Committee", then "Tuesday, 12th March, 2024 7.30 pm"
            offer("committee", match["committee"].strip())
            offer("date", _iso(dated))
            offer("title", text)
            continue
        if (match := _TITLE_ON.match(text)) and text.split()[0].lower() in {"agenda", "minutes", "decisions"} \
                and (dated := _date_line(match["rest"])):
            offer("committee", match["committee"].strip())
            offer("date", _iso(dated))
            continue
        if match := _DATE_LABEL.match(text):
            rest = match["rest"] or (head[position + 1].text if position + 1 < len(head) else "")
            offer("date", _iso(parse_date(rest)))
    return info


def _date_line(text: str):
    """The date of a line that is only a meeting's date and time ("Tuesday, 12th March, 2024 7.30 pm"), else None."""
    found = find_date(text) if _DIGIT.search(text) else None
    if not found:
        return None
    rest = (text[: found[1].start()] + " " + text[found[1].end():]).strip(" ,.-–")
    rest = _TIME.sub("", _WEEKDAY.sub("", rest)).strip(" ,.-–")
    return found[0] if len(rest.split()) <= 2 else None


# How minutes say their committee replaced another ("formerly the Place Scrutiny Committee", "successor to the
# Environment Panel"); the name runs to the body word that ends a committee's name. Read from the opening only,
# where a renamed committee says so.
_SUCCESSION = re.compile(r"\b(?:formerly(?:\s+known\s+as)?|successor\s+(?:body\s+)?to|replac(?:ed|es|ing))\s+"
                         r"(?:the\s+)?(?P<name>[A-Z][\w&,'’ -]{0,150}?\b"
                         r"(?:Sub-Committee|Committee|Panel|Board|Commission|Forum))\b")
_SUCCESSION_READ = 3000


def predecessor_names(text: str) -> list[str]:
    """The committees the minutes' opening says this committee replaced, in the order named."""
    return [match.group("name") for match in _SUCCESSION.finditer(text[:_SUCCESSION_READ])]


@lru_cache(maxsize=4096)
def is_meeting_heading(text: str, repeated: bool = False) -> bool:
    """Whether a line names the meeting itself rather than an item of business.

    "Corporate Scrutiny Panel - Friday 18th October 2019 9.30 am" (the page's
    own heading), "Meeting: 16/06/2021 - ... (Item 5)", "Minutes of the meeting
    of ... held on ...", and a PDF's running header: the council's or
    committee's name and the meeting date in capitals, or any dated line the
    page repeats.
    """
    if len(text) > 200:
        return False  # a heading is a line, not a paragraph
    if _MEETING_LINE.match(text) or _MINUTES_OF.match(text) and find_date(text) or _X_MINUTES.match(text):
        return True
    if _COUNCIL_NAME.match(text):
        return True  # "EASTMOOR DISTRICT COUNCIL" standing alone: the page's own heading
    if (match := _MINUTES_OF_BODY.match(text)) and not _EARLIER_MINUTES.search(text.upper()):
        return True  # "Minutes of Planning Committee": the page's own title
    found = find_date(text) if _DIGIT.search(text) else None
    if not found:
        return False
    if (match := _COMMITTEE_DASH_DATE.match(text)) and find_date(match["rest"]):
        rest = match["rest"]
        if len(rest.split()) <= 9 or _WEEKDAY.search(rest) or _TIME.search(rest):
            return True
    before, after = text[: found[1].start()].strip(" -–—,|:"), text[found[1].end() :].strip(" -–—,|:.")
    if _ITEM_OPENING.match(before):
        pass  # "Minutes of the Audit Committee 14 June 2023" is an item
    elif (re.search(rf"\b{BODY}$", before, re.I) and (not after or _TIME.fullmatch(after) or _WEEKDAY.fullmatch(after))
            or not before.strip(" ,") or _WEEKDAY.fullmatch(before.strip(" ,"))) and re.search(rf"\b{BODY}\b", text, re.I):
        return True  # "Overview and Scrutiny Committee 14 June 2023", "14 June 2023 Planning Committee"
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and _BODY_WORD.search(text) and not _EARLIER_MINUTES.search(text):
        return True
    return repeated
