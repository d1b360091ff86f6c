"""Read a council performance report: its title, period, priorities, indicator tables and other tables.

UK council portfolio and performance reports share a layout: numbered priorities as
headings ("Priority 1: All babies and children ..."), each followed by a table of
performance indicators (a code and name, which direction is good, earlier values, the
latest value with its date, perhaps a numerator and denominator, a forecast, a target,
a RAG rating and a direction-of-travel arrow), then financial tables. Tables arrive as
tab-separated lines (text copied from Word or PDF, and what ``reading`` makes of HTML
and Word tables) or as Markdown pipe tables.

``parse_report(text)`` never raises on any text: what cannot be read is left out with a
warning, and every indicator keeps the raw text of its cells.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import asdict, dataclass, field

from .codes import _PREFIX, _SUB, _SUFFIX, CODE_PATTERN, make_key, priority_number

MAX_WARNINGS = 50


@dataclass
class Priority:
    """One of the outcomes a portfolio agreement commits to, as the report numbers it."""

    number: int
    title: str


@dataclass
class Indicator:
    """A performance indicator row: the measure, its values over time, target, RAG rating and trend.

    Numeric fields are numbers or None; ``raw`` keeps each cell as written. ``rag`` is
    red, amber, green or blue (None when not rated); ``trend`` is improving, stable or
    worsening (None when the report gives none).
    """

    code: str | None
    key: str | None
    name: str
    priority: int | None
    good: str | None  # "high" or "low": which direction is good performance
    category: str | None  # Council, Partnership, Contextual: the council's influence
    two_years_ago: float | None
    previous: float | None
    value: float | None
    unit: str | None
    value_date: dt.date | None
    numerator: float | None
    denominator: float | None
    forecast: float | None
    target: float | None
    target_text: str | None  # "Maximise", "Minimise": a target that is a direction, not a number
    rag: str | None
    trend: str | None
    section: str | None  # the heading the table sits under ("Early help")
    line: int  # 1-based line of the row in the text
    raw: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["value_date"] = self.value_date.isoformat() if self.value_date else None
        return data


@dataclass
class Table:
    """A table that is not an indicator table (budgets, savings, reserves): its cells as written."""

    title: str | None
    columns: list[str]
    rows: list[list[str]]
    line: int

    def to_dict(self) -> dict:
        return {"title": self.title, "columns": self.columns, "rows": self.rows,
                "values": [[parse_number(cell)[0] if parse_number(cell)[0] is not None else cell for cell in row]
                           for row in self.rows], "line": self.line}


@dataclass
class ParsedReport:
    """Everything read from one report."""

    title: str | None
    period: str | None
    priorities: list[Priority]
    indicators: list[Indicator]
    tables: list[Table]
    warnings: list[str]

    def to_dict(self) -> dict:
        return {"title": self.title, "period": self.period,
                "priorities": [asdict(p) for p in self.priorities],
                "indicators": [i.to_dict() for i in self.indicators],
                "tables": [t.to_dict() for t in self.tables], "warnings": list(self.warnings)}


# --- cells ---------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]{0,500}>")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_MISSING = {"", "-", "–", "—", "n/a", "na", "null", "none", "tbc", "tbd", "n.a.", "..", "not available", "nil"}


def clean_cell(text: str) -> str:
    """A cell's text without markup: HTML tags and entities, Markdown emphasis, runs of spaces."""
    text = html.unescape(_TAG.sub(" ", text))
    text = _EMPHASIS.sub("", text)
    return " ".join(text.replace("\xa0", " ").split())


_NUMBER = re.compile(r"(?P<neg>[-−–]\s*)?(?P<open>\()?\s*(?P<pound>£)?\s*(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
                     r"\s*(?P<close>\))?\s*(?P<unit>%|pp|bn|m|k|p)?(?![A-Za-z0-9])")


def parse_number(text: str | None) -> tuple[float | int | None, str | None]:
    """A cell that is one number: (value, unit). "90.5 %" -> (90.5, "%"); "(0.155)" -> (-0.155, None); else (None, None)."""
    if text is None:
        return None, None
    text = clean_cell(text)
    match = _NUMBER.fullmatch(text)
    if not match or bool(match["open"]) != bool(match["close"]):
        return None, None
    value = float(match["digits"].replace(",", ""))
    if match["neg"] or match["open"]:
        value = -value
    if value.is_integer() and "." not in match["digits"]:
        value = int(value)
    unit = match["unit"]
    if match["pound"]:
        unit = "£" + (unit or "")
    return value, unit


_DATE_NUMERIC = re.compile(r"\(?\s*(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})\s*\)?")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATE_WORDS = re.compile(r"\(?\s*(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>jan|feb|mar|apr|may|jun|jul|aug|"
                         r"sep|sept|oct|nov|dec)[a-z]*\.?[\s\-]+(?P<y>\d{4}|\d{2})\s*\)?", re.IGNORECASE)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def find_date(text: str) -> tuple[dt.date | None, str]:
    """The first date in `text` ("30/09/2023", "(Sep-23)", "30 September 2023") and the text without it."""
    for pattern in (_DATE_NUMERIC, _DATE_WORDS):
        for match in pattern.finditer(text):
            try:
                if pattern is _DATE_NUMERIC:
                    date = dt.date(_year(match["y"]), int(match["m"]), int(match["d"]))
                else:
                    month = _MONTHS[match["month"][:3].lower()]
                    year = _year(match["y"])
                    if match["d"]:
                        date = dt.date(year, month, int(match["d"]))
                    else:  # a month alone means its last day, as "as at" dates do
                        date = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            except ValueError:
                continue
            return date, (text[:match.start()] + " " + text[match.end():]).strip()
    return None, text


_FRACTION = re.compile(r"(?<![\d/])(?P<num>\d[\d,]*(?:\.\d+)?)\s*/\s*(?P<den>\d[\d,]*(?:\.\d+)?)(?![\d/])")
_FINANCIAL_YEAR = re.compile(r"\b(?:19|20)\d\d\s*/\s*\d\d\b")


@dataclass
class Value:
    number: float | None = None
    unit: str | None = None
    date: dt.date | None = None
    numerator: float | None = None
    denominator: float | None = None


def parse_value(text: str) -> Value:
    """The latest-value cell: "64.5 % (30/09/2023) 420 / 651" -> 64.5 %, 30 Sep 2023, 420 of 651."""
    text = clean_cell(text)
    result = Value()
    result.date, rest = find_date(text)
    rest = _FINANCIAL_YEAR.sub(" ", rest)
    fraction = _FRACTION.search(rest)
    if fraction:
        result.numerator = parse_number(fraction["num"])[0]
        result.denominator = parse_number(fraction["den"])[0]
        rest = rest[:fraction.start()] + " " + rest[fraction.end():]
    for match in _NUMBER.finditer(rest):
        number, unit = parse_number(match.group())
        if number is not None:
            result.number, result.unit = number, unit
            break
    if result.number is None and result.numerator is not None and result.denominator:
        result.number = round(100 * result.numerator / result.denominator, 1)
        result.unit = "%"
    return result


_RAG = {"r": "red", "red": "red", "a": "amber", "amber": "amber", "g": "green", "green": "green", "b": "blue",
        "blue": "blue", "a/g": "amber", "amber/green": "amber", "r/a": "red", "red/amber": "red",
        "ag": "amber", "ra": "red"}
_NOT_RATED = {"", "n/a", "na", "-", "–", "null", "none", "not rated", "grey", "gray", "tbc", "no target", "n.a."}


def parse_rag(text: str) -> tuple[str | None, bool]:
    """A RAG cell: ("red", True) for "R" or "Red"; (None, True) for "N/A" or blank; (None, False) if not a rating."""
    word = clean_cell(text).lower().rstrip(".")
    if word in _RAG:
        return _RAG[word], True
    return None, word in _NOT_RATED


_IMPROVING = {"↑", "⬆", "▲", "↗", "⇧", "improving", "improved", "getting better", "better", "improvement", "up"}
_WORSENING = {"↓", "⬇", "▼", "↘", "⇩", "worsening", "worsened", "getting worse", "worse", "declining",
              "deteriorating", "deteriorated", "decline", "down"}
_STABLE = {"→", "↔", "⇔", "⬌", "►", "▶", "⇨", "➔", "stable", "no change", "same", "static", "unchanged",
           "maintained", "level"}
_NO_TREND = {"○", "●", "◯", "o", "", "-", "–", "n/a", "na", "null", "new", "new measure", "no comparison"}


def parse_trend(text: str) -> tuple[str | None, bool]:
    """A direction-of-travel cell: ("improving", True) for "↑" or "Getting better"; (None, True) for "○" or blank."""
    word = clean_cell(text).lower().rstrip(".")
    for words, trend in ((_IMPROVING, "improving"), (_WORSENING, "worsening"), (_STABLE, "stable")):
        if word in words:
            return trend, True
    return None, word in _NO_TREND


_GOOD = re.compile(r"^\s*(?P<dir>high(?:er)?|low(?:er)?|up|down|-|–)?\s*(?:is good|is better)?\s*"
                   r"(?:\(\s*(?P<cat>[A-Za-z ]+?)\s*\))?\s*$", re.IGNORECASE)


def parse_good(text: str) -> tuple[str | None, str | None]:
    """The good-performance cell: "High (Council)" -> ("high", "Council"); "-(contextual)" -> (None, "Contextual")."""
    match = _GOOD.match(clean_cell(text))
    if not match:
        return None, None
    direction = (match["dir"] or "").lower()
    good = "high" if direction.startswith(("high", "up")) else "low" if direction.startswith(("low", "down")) else None
    category = match["cat"].strip().capitalize() if match["cat"] else None
    return good, category


# --- lines and tables ------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^[\s|:\-–—=+\t]*$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__|<b>|<strong>)(?P<text>.+?)(\*\*|__|</b>|</strong>)\s*:?\s*$", re.IGNORECASE)
_PRIORITY_HEADING = re.compile(
    r"^[\s'‘’\"“”]*priority\s+(?P<number>\d{1,2}|[ivx]{1,5}|[a-z]+)\s*(?:[:.\-–—)]\s*|\s+)(?P<title>\S.*?)\s*$",
    re.IGNORECASE)
_INDICATOR_CELL = re.compile(
    rf"^(?P<code>(?P<prefix>{_PREFIX})[ .\-_]?(?P<number>\d{{1,4}})(?P<suffix>{_SUFFIX})?(?:\s?(?P<sub>{_SUB}))?)"
    r"\s*(?P<sep>:|\s[-–—]\s|\.\s|\s)\s*(?P<name>\S.*)$")
_CODE_ONLY = re.compile(rf"^{CODE_PATTERN}$")
_PERIOD = re.compile(
    r"(?P<when>mid[- ]?year|half[- ]?year|year[- ]?end|annual|outturn|(?:quarter|q)\s*(?:[1-4]|one|two|three|four)|"
    r"(?:first|second|third|fourth) quarter)\b[^\n]{0,40}?(?P<year>(?:19|20)\d\d\s*/\s*(?:19|20)?\d\d)"
    r"|(?P<year2>(?:19|20)\d\d\s*/\s*(?:19|20)?\d\d)\s+(?P<when2>mid[- ]?year|half[- ]?year|year[- ]?end|annual|"
    r"(?:quarter|q)\s*[1-4])", re.IGNORECASE)


_GENERIC_HEADING = re.compile(r"measuring performance|reporting progress|commentary|performance summary",
                              re.IGNORECASE)


def _cells(line: str) -> list[str] | None:
    """The cells of a table line (tab-separated, or a Markdown pipe row), or None for a line of prose."""
    if _PIPE_ROW.match(line):
        inner = line.strip()[1:-1]
        return [cell.strip() for cell in inner.split("|")]
    if "\t" in line:
        return [cell.strip() for cell in line.rstrip("\r\n").split("\t")]
    return None


def _heading_text(line: str) -> str | None:
    """The text of a heading line (Markdown #, a wholly bold line, or a short title-like line), else None."""
    match = _HEADING.match(line) or _BOLD_LINE.match(line)
    if match:
        return clean_cell(match["text"]).strip(" :‘’'\"“”") or None
    text = clean_cell(line)
    if 2 < len(text) <= 60 and not text.endswith((".", ",", ";")) and not re.match(r"^[-•·*o]\s", text) \
            and text[:1].isupper():
        return text.rstrip(":")
    return None


@dataclass
class _Block:
    start: int  # 0-based line index
    rows: list[tuple[int, list[str]]]  # (line index, cells)
    title: str | None
    priority: int | None


def _blocks(lines: list[str], warnings: list[str]) -> tuple[list[_Block], list[Priority], list[tuple[int, str]]]:
    """Table blocks (runs of table lines, across single blank lines), priorities and headings, in order."""
    blocks: list[_Block] = []
    priorities: dict[int, Priority] = {}
    headings: list[tuple[int, str]] = []
    current: _Block | None = None
    priority: int | None = None
    last_heading: str | None = None
    blank_run = 0
    for index, line in enumerate(lines):
        cells = _cells(line)
        if cells is not None and _SEPARATOR.match(line) and not any(cells):
            continue  # Markdown separator rows and empty tab rows keep the table going
        if cells is not None and len(cells) >= 2 and _SEPARATOR.match(line) and "-" in line:
            continue
        if cells is not None and len(cells) >= 2:
            width = len(current.rows[-1][1]) if current else 0
            if current is None or (blank_run and width and len(cells) != width and not _INDICATOR_CELL.match(
                    clean_cell(cells[0]))):
                current = _Block(index, [], last_heading, priority)
                blocks.append(current)
            current.rows.append((index, cells))
            blank_run = 0
            continue
        if not line.strip():
            blank_run += 1
            if blank_run > 1:
                current = None
            continue
        current, blank_run = None, 0
        heading_match = _HEADING.match(line)
        text = clean_cell(heading_match["text"] if heading_match else line)
        heading = _PRIORITY_HEADING.match(text)
        if heading and len(text) < 400:
            number = priority_number(heading["number"])
            title = heading["title"].strip(" *'‘’\"“”:–-")
            if number is not None and title and (heading["title"][:1].isupper() or heading["title"][:1].isdigit()):
                priority = number
                if number in priorities:
                    if priorities[number].title != title:
                        warnings.append(f"line {index + 1}: Priority {number} is named again, differently; "
                                        "the first title is kept")
                else:
                    priorities[number] = Priority(number, title)
                last_heading = f"Priority {number}"
                headings.append((index, last_heading))
                continue
        heading_text = _heading_text(line)
        if heading_text and not _GENERIC_HEADING.search(heading_text):
            last_heading = heading_text
            headings.append((index, heading_text))
    return blocks, sorted(priorities.values(), key=lambda p: p.number), headings


# --- indicator tables --------------------------------------------------------------------

_ROLES = (
    ("code", re.compile(r"^(ref(erence)?\.?|code|pi( ref| code| no\.?)?|id|no\.?|measure (ref|code|no\.?))$")),
    ("trend", re.compile(r"trend|direction|travel|\bdot\b|d\.o\.t")),
    ("rag", re.compile(r"\brag\b|rating|status")),
    ("good", re.compile(r"good|polarity|better|aim")),
    ("two_years_ago", re.compile(r"\b(2|z|two)\s*y(ea)?rs?\b.*prev|two years|2 years ago")),
    ("previous", re.compile(r"prev|last year|year end|baseline|last quarter")),
    ("forecast", re.compile(r"forecast|projected|projection|outturn")),
    ("target", re.compile(r"target")),
    ("value", re.compile(r"value|actual|current|latest|result|ytd|year to date|position|data|figure|\bq[1-4]\b")),
    ("name", re.compile(r"indicator|measure|name|description|kpi|metric|performance")),
)
_YEAR_HEADER = re.compile(r"^(?:(?:19|20)\d\d\s*/\s*(?:19|20)?\d\d|(?:19|20)\d\d)(?:\s*\(.*\))?$")
_INDICATOR_HEADER = re.compile(r"^(indicator|measure|performance indicator|kpi|pi|ref|code)\b", re.IGNORECASE)
_NUMERIC_FIELDS = ("two_years_ago", "previous", "forecast", "target")


def _header_roles(cells: list[str]) -> list[str | None]:
    """What each column of an indicator table holds, from its header; blank headers are judged by content later."""
    roles: list[str | None] = []
    years: list[int] = []
    for position, cell in enumerate(cells):
        text = clean_cell(cell).lower()
        role = None
        if text and _YEAR_HEADER.match(text):
            role, _ = "year", years.append(position)
        elif text:
            role = next((name for name, pattern in _ROLES if pattern.search(text)), None)
            if role in roles and role not in ("year",):
                role = None if role != "name" else None
        roles.append(role)
    if years:  # columns headed by years: the newest is the latest value (or the previous year's, if there is one)
        for position in reversed(years):
            for wanted in ("value", "previous", "two_years_ago"):
                if wanted not in roles:
                    roles[position] = wanted
                    break
            else:
                roles[position] = None
    if "name" not in roles and roles:
        roles[0] = roles[0] or "name"
    return roles


_DEFAULT_ROLES = ["name", "good", "two_years_ago", "previous", "value", "forecast", "target", "rag", "trend"]


def _is_indicator_block(block: _Block) -> bool:
    firsts = [clean_cell(cells[0]) for _, cells in block.rows]
    if any(_INDICATOR_HEADER.match(f) for f in firsts) and any(_INDICATOR_CELL.match(f) for f in firsts):
        return True
    coded = [f for f in firsts if (m := _INDICATOR_CELL.match(f)) and m["sep"].strip()]
    return len(coded) >= 2 or (bool(coded) and len(coded) == len(firsts))


def _indicator_from_row(cells: list[str], roles: list[str | None], line: int, block: _Block,
                        warnings: list[str]) -> Indicator | None:
    first = clean_cell(cells[0])
    code_cell = None
    if roles and roles[0] == "code" and len(cells) > 1:
        code_cell, first = first, clean_cell(cells[1])
        cells, roles = cells[1:], ["name"] + roles[2:]
    match = _INDICATOR_CELL.match(first) if code_cell is None else None
    code = key = None
    name = first
    if code_cell is not None and _CODE_ONLY.match(code_cell):
        found = _CODE_ONLY.match(code_cell)
        code, key = code_cell, make_key(found["prefix"], found["number"], found["suffix"], found["sub"])
    elif match:
        code = match["code"]
        key = make_key(match["prefix"], match["number"], match["suffix"], match["sub"])
        name = match["name"].strip()
    if not name:
        return None
    raw: dict[str, str] = {"name": clean_cell(cells[0]) if code_cell is None else f"{code_cell}: {first}"}
    picked: dict[str, str] = {}
    unplaced: list[str] = []
    for position, cell in enumerate(cells[1:], 1):
        role = roles[position] if position < len(roles) else None
        text = clean_cell(cell)
        if role and role not in picked and role != "name":
            picked[role] = text
        elif text:
            unplaced.append(text)
    for text in unplaced:  # cells under blank or missing headers: a rating or an arrow, judged by what they say
        if "rag" not in picked and parse_rag(text)[0]:
            picked["rag"] = text
        elif "trend" not in picked and parse_trend(text)[0]:
            picked["trend"] = text
        elif "rag" not in picked and parse_rag(text)[1] and text:
            picked["rag"] = text
        elif "trend" not in picked and parse_trend(text)[1] and text:
            picked["trend"] = text
        else:
            warnings.append(f"line {line}: {code or name[:40]}: a cell ({text[:40]!r}) has no column; it is kept in raw")
            picked.setdefault(f"extra{len(picked)}", text)
    raw.update(picked)
    if len(cells) != len(roles) and len(roles) > 1:
        warnings.append(f"line {line}: {code or name[:40]}: the row has {len(cells)} cells and the header "
                        f"{len(roles)}; cells were matched to columns as far as they go")
    value = parse_value(picked.get("value", ""))
    numbers: dict[str, float | None] = {}
    target_text = None
    for name_ in _NUMERIC_FIELDS:
        text = picked.get(name_, "")
        number, _ = parse_number(text)
        if number is None and text and text.lower() not in _MISSING:
            if name_ == "target":
                target_text = text
            else:  # "65 % (31/03/2022)": a number with words around it
                number = parse_value(text).number
                if number is None:
                    warnings.append(f"line {line}: {code or name[:40]}: {name_.replace('_', ' ')} {text[:40]!r} "
                                    "is not a number")
        numbers[name_] = number
    rag, rag_ok = parse_rag(picked.get("rag", ""))
    if not rag_ok:
        warnings.append(f"line {line}: {code or name[:40]}: RAG rating {picked['rag'][:20]!r} is not one we know")
    trend, trend_ok = parse_trend(picked.get("trend", ""))
    if not trend_ok:
        warnings.append(f"line {line}: {code or name[:40]}: trend {picked['trend'][:20]!r} is not one we know")
    good, category = parse_good(picked.get("good", ""))
    return Indicator(code=code, key=key, name=name, priority=block.priority, good=good, category=category,
                     two_years_ago=numbers["two_years_ago"], previous=numbers["previous"], value=value.number,
                     unit=value.unit or _unit_of(picked), value_date=value.date, numerator=value.numerator,
                     denominator=value.denominator, forecast=numbers["forecast"], target=numbers["target"],
                     target_text=target_text, rag=rag, trend=trend,
                     section=block.title if block.title and not block.title.startswith("Priority ") else None,
                     line=line, raw=raw)


def _unit_of(picked: dict[str, str]) -> str | None:
    for name in ("previous", "two_years_ago", "target"):
        unit = parse_number(picked.get(name, ""))[1]
        if unit:
            return unit
    return None


def _indicators(block: _Block, warnings: list[str]) -> list[Indicator]:
    found = []
    roles: list[str | None] | None = None
    for index, cells in block.rows:
        first = clean_cell(cells[0])
        if _INDICATOR_HEADER.match(first) and not (_INDICATOR_CELL.match(first) and
                                                   _INDICATOR_CELL.match(first)["sep"].strip()):
            roles = _header_roles(cells)
            continue
        if not any(clean_cell(c) for c in cells):
            continue
        use = roles
        if use is None:
            use = _DEFAULT_ROLES[:len(cells)] if len(cells) in (8, 9) else ["name"] + [None] * (len(cells) - 1)
            if len(cells) not in (8, 9):
                warnings.append(f"line {index + 1}: an indicator table without a header row; only the name, "
                                "rating and trend could be placed")
            roles = use
        try:
            indicator = _indicator_from_row(cells, use, index + 1, block, warnings)
        except Exception as error:  # a row nobody foresaw must not lose the rest of the report
            warnings.append(f"line {index + 1}: the row could not be read ({type(error).__name__}); it was skipped")
            continue
        if indicator is None:
            continue
        if indicator.code is None:
            warnings.append(f"line {index + 1}: an indicator row without a code ({indicator.name[:40]!r})")
        found.append(indicator)
    return found


def _table(block: _Block, lines: list[str]) -> Table:
    rows = [[clean_cell(c) for c in cells] for _, cells in block.rows]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    columns, body = rows[0], rows[1:]
    # a second header row of units ("£000") joins the column names
    while body and not body[0][0] and all(re.fullmatch(r"(£|\$|€)?\s*(000|m|k|%|bn)?|\(?£000\)?", c) for c in body[0]):
        units = body.pop(0)
        columns = [f"{c} ({u})" if u and c else (c or u) for c, u in zip(columns, units)]
    return Table(title=block.title, columns=columns, rows=body, line=block.start + 1)


# --- the report ---------------------------------------------------------------------------

def _title(lines: list[str]) -> str | None:
    """The opening headings joined ("Children, Families and Education: Portfolio Performance ...")."""
    parts: list[str] = []
    for line in lines[:40]:
        if not line.strip():
            continue
        heading = _HEADING.match(line) or _BOLD_LINE.match(line)
        if heading:
            text = clean_cell(heading["text"])
            if text and text not in parts:
                parts.append(text)
            if len(parts) == 3:
                break
            continue
        if parts:
            break
        text = clean_cell(line)
        if _cells(line) is None and 3 <= len(text) <= 150:
            parts.append(text)
            if len(text) > 60:
                break
    if not parts:
        return None
    return ": ".join([parts[0], " – ".join(parts[1:])]) if len(parts) > 1 else parts[0]


def _period(lines: list[str], title: str | None) -> str | None:
    for text in [title or "", *(clean_cell(line) for line in lines[:80])]:
        match = _PERIOD.search(text)
        if match:
            when = (match["when"] or match["when2"]).strip()
            year = re.sub(r"\s+", "", match["year"] or match["year2"])
            when = re.sub(r"(?i)^q\s*(?=[1-4]$)", "Quarter ", when)
            return f"{when[:1].upper()}{when[1:]} {year}"
    return None


def parse_report(text: str) -> ParsedReport:
    """Read a report's title, period, priorities, indicators and tables from its text; never raises."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = text.split("\n")
    warnings: list[str] = []
    try:
        blocks, priorities, _ = _blocks(lines, warnings)
    except Exception as error:  # pragma: no cover - a defect in the line reader must not cost the whole report
        warnings.append(f"the report's layout could not be read ({type(error).__name__})")
        blocks, priorities = [], []
    indicators: list[Indicator] = []
    tables: list[Table] = []
    for block in blocks:
        try:
            if _is_indicator_block(block):
                indicators.extend(_indicators(block, warnings))
            elif len(block.rows) >= 1:
                tables.append(_table(block, lines))
        except Exception as error:
            warnings.append(f"line {block.start + 1}: a table could not be read ({type(error).__name__}); "
                            "it was left out")
    seen: dict[str, int] = {}
    for indicator in indicators:
        if indicator.key:
            seen[indicator.key] = seen.get(indicator.key, 0) + 1
    for key, count in seen.items():
        if count > 1:
            warnings.append(f"indicator {key.upper()} appears {count} times")
    if not indicators:
        warnings.append("no indicator tables were found")
    title = _title(lines)
    if len(warnings) > MAX_WARNINGS:
        warnings = warnings[:MAX_WARNINGS] + [f"and {len(warnings) - MAX_WARNINGS} more warnings"]
    return ParsedReport(title=title, period=_period(lines, title), priorities=priorities, indicators=indicators,
                        tables=tables, warnings=warnings)
