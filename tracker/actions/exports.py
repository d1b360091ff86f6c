"""The action log as files: CSV of any filtered log, an iCalendar feed of due dates, an Atom feed of new
actions per committee, and the agenda-pack tracker as a Word document (python-docx).

Plain functions over ``actions.log`` entries; no Flask. ``base_url`` makes the
absolute links feeds and calendars need.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from xml.etree import ElementTree as ET

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .log import LogEntry
from .pack import AgendaPack, body_name, cell_text

CSV_COLUMNS = ["id", "text", "kind", "owner", "due", "due_date", "status", "overdue", "days_overdue", "stale",
               "council", "committee", "meeting_date", "item_number", "item_title", "url"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
STATUS_WORDS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}


def one_line(text: str | None) -> str:
    """Hard line breaks from the source folded into single spaces: one cell or title, one line."""
    return " ".join((text or "").split())


def safe_cell(value) -> str:
    """A spreadsheet cell that cannot run as a formula: text starting = + - @ (or a tab) gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def log_csv(entries: list[LogEntry], *, base_url: str) -> str:
    """The entries as CSV (UTF-8 text with a header row): every cell on one line (the minutes' hard line breaks
    folded into spaces) and neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = entry.to_dict()
        writer.writerow([safe_cell(one_line(str(value)) if isinstance(value, str) else value) for value in (
            row["id"], row["text"], row["kind"], row["owner"], row["due"], row["due_date"], row["status"],
            "yes" if row["overdue"] else "no", row["days_overdue"], "yes" if row["stale"] else "no",
            row["meeting"]["council"], row["meeting"]["committee"], row["meeting"]["date"], row["item"]["number"], row["item"]["title"],
            base_url.rstrip("/") + row["url"])])
    return out.getvalue()


# --- iCalendar (RFC 5545) ------------------------------------------------------------------

def _ical_text(value: str) -> str:
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 3.1), never splitting a character."""
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0], *(" " + part for part in parts[1:])]


CLOSED_PREFIX = {"done": "Done: ", "dropped": "Dropped: "}


def due_calendar(entries: list[LogEntry], *, base_url: str, name: str, host: str, now: dt.datetime | None = None) -> str:
    """An iCalendar feed with an all-day event on each dated action's due date, named `name`.

    Text from the minutes is folded onto one line in titles. Done and dropped actions stay in the feed as
    STATUS:CANCELLED events titled "Done: ..." or "Dropped: ...": a calendar that imported the file (rather
    than subscribing) then learns the event is off when the file is imported again, which it would not if
    the event were simply left out.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Scrutiny Tracker//Action due dates//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"NAME:{_ical_text(name)}", f"X-WR-CALNAME:{_ical_text(name)}"]
    for entry in entries:
        action = entry.action
        if action.due_date is None:
            continue
        url = f"{base_url.rstrip('/')}/actions/{action.id}"
        status = str(action.status)
        summary = f"{CLOSED_PREFIX.get(status, '')}Action due: {one_line(action.text)}"
        if len(summary) > 200:
            summary = summary[:199] + "…"
        owner = f"Owner: {one_line(action.owner)}\n" if action.owner else ""
        description = (f"{owner}Status: {STATUS_WORDS.get(str(action.status), action.status)}\n"
                       f"From: {body_name(entry.committee)}, "
                       f"{entry.meeting.date.isoformat() if entry.meeting.date else 'undated'}"
                       f"\n{url}")
        lines += ["BEGIN:VEVENT", f"UID:action-{action.id}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{action.due_date:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{action.due_date + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ical_text(summary)}", f"DESCRIPTION:{_ical_text(description)}", f"URL:{url}",
                  "TRANSP:TRANSPARENT",
                  f"STATUS:{'CANCELLED' if status in CLOSED_PREFIX else 'CONFIRMED'}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


# --- Atom (RFC 4287) --------------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"


def _time(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        value = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{value.isoformat()}T00:00:00Z"


def actions_feed(entries: list[LogEntry], *, base_url: str, title: str, feed_path: str, page_path: str) -> bytes:
    """An Atom feed of actions, newest first, each linking to its action page."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + feed_path
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + feed_path, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base + page_path, type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Scrutiny Tracker"
    newest = max((entry.action.created_at for entry in entries if entry.action.created_at), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _time(newest)
    for entry in entries:
        action = entry.action
        url = f"{base}/actions/{action.id}"
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        heading = one_line(action.text)
        heading = heading if len(heading) <= 150 else heading[:149] + "…"
        ET.SubElement(item, f"{{{ATOM}}}title").text = heading
        ET.SubElement(item, f"{{{ATOM}}}id").text = url
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=url, type="text/html")
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _time(action.updated_at or action.created_at)
        ET.SubElement(item, f"{{{ATOM}}}published").text = _time(action.created_at)
        due = action.due_date.isoformat() if action.due_date else (action.due or "no date")
        summary = (f"{body_name(entry.committee)}, meeting of "
                   f"{entry.meeting.date.isoformat() if entry.meeting.date else 'unknown date'}. "
                   f"Owner: {action.owner or 'not named'}. Due: {due}. "
                   f"Status: {STATUS_WORDS.get(str(action.status), action.status)}.")
        ET.SubElement(item, f"{{{ATOM}}}summary", type="text").text = summary
        ET.SubElement(item, f"{{{ATOM}}}category", term=action.kind)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


# --- the agenda-pack tracker as Word --------------------------------------------------------------

RAG_FILL = {"red": "F6D7D9", "amber": "FCE8C8", "green": "D8EFDF", "complete": "DCE6F2", "dropped": "EEEEEE"}
# Relative widths of the columns on an A4 landscape page: the action and its progress get the room.
COLUMN_WEIGHTS = {"ref": 5, "meeting": 10, "action": 30, "owner": 11, "due": 10, "progress": 24, "status": 12}


def _repeat_header(row) -> None:
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)


def _keep_row_together(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _write(cell, text: str, *, bold_first: bool = False) -> None:
    """A cell's text with its line breaks kept as breaks (python-docx would keep them as one run's newlines)."""
    cell.text = ""
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold_first and number == 0
        if number < len(lines) - 1:
            run.add_break()


def agenda_pack_docx(pack: AgendaPack) -> bytes:
    """The tracker as a Word document on A4 landscape: the committee, the meeting it goes to and the date it
    was made, then a table per section (new, outstanding, completed, dropped) with the committee's columns.

    Tables repeat their header row on every page and rows do not split across pages, so a printed page and a
    screen reader both keep the column names; the RAG rating is a word, and shading only repeats it.
    """
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    title = body_name(pack.committee)
    document.core_properties.title = f"Action tracker: {title}"
    document.core_properties.author = "Scrutiny Tracker"
    document.styles["Normal"].font.size = Pt(9.5)
    document.add_heading(f"{title}: action tracker", level=1)
    goes_to = (f"For the meeting of {pack.for_meeting.day} {pack.for_meeting:%B %Y}" if pack.for_meeting
               else "For the committee's next meeting")
    document.add_paragraph(f"{goes_to}. Generated {pack.today.day} {pack.today:%B %Y} by Scrutiny Tracker.")
    document.add_paragraph(pack.rag_key)
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(COLUMN_WEIGHTS[key] for key in pack.columns)
    widths = [int(usable * COLUMN_WEIGHTS[key] / total) for key in pack.columns]

    for _key, heading, lines in pack.sections:
        document.add_heading(f"{heading} ({len(lines)})", level=2)
        if not lines:
            document.add_paragraph("None.")
            continue
        grid = document.add_table(rows=1, cols=len(pack.columns))
        grid.style = "Table Grid"
        grid.autofit = False
        _repeat_header(grid.rows[0])
        for cell, name in zip(grid.rows[0].cells, pack.headings, strict=True):
            _write(cell, name, bold_first=True)
        for line in lines:
            row = grid.add_row()
            _keep_row_together(row)
            for cell, key in zip(row.cells, pack.columns, strict=True):
                _write(cell, cell_text(line, key), bold_first=key == "status")
                if key == "status":
                    _shade(cell, RAG_FILL[line.rag])
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width  # the table's grid: LibreOffice lays columns out by it, not by the cells'
        for row in grid.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


__all__ = ["CSV_COLUMNS", "one_line", "safe_cell", "log_csv", "due_calendar", "actions_feed", "agenda_pack_docx"]
