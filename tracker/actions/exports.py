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

from .log import AgendaPack, LogEntry

CSV_COLUMNS = ["id", "text", "kind", "owner", "due", "due_date", "status", "overdue", "days_overdue", "stale",
               "council", "committee", "meeting_date", "item_number", "item_title", "url"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
STATUS_WORDS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}


def safe_cell(value) -> str:
    """A spreadsheet cell that cannot run as a formula: text starting = + - @ (or a tab) gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def log_csv(entries: list[LogEntry], *, base_url: str) -> str:
    """The entries as CSV (UTF-8 text with a header row), every cell neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = entry.to_dict()
        writer.writerow([safe_cell(value) for value in (
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


def due_calendar(entries: list[LogEntry], *, base_url: str, name: str, host: str, now: dt.datetime | None = None) -> str:
    """An iCalendar feed with an all-day event on each dated action's due date."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Scrutiny Tracker//Action due dates//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_ical_text(name)}"]
    for entry in entries:
        action = entry.action
        if action.due_date is None:
            continue
        url = f"{base_url.rstrip('/')}/actions/{action.id}"
        summary = f"Action due: {action.text}"
        if len(summary) > 200:
            summary = summary[:199] + "…"
        owner = f"Owner: {action.owner}\n" if action.owner else ""
        description = (f"{owner}Status: {STATUS_WORDS.get(str(action.status), action.status)}\n"
                       f"From: {entry.committee.name}, {entry.meeting.date.isoformat() if entry.meeting.date else 'undated'}"
                       f"\n{url}")
        lines += ["BEGIN:VEVENT", f"UID:action-{action.id}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{action.due_date:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{action.due_date + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ical_text(summary)}", f"DESCRIPTION:{_ical_text(description)}", f"URL:{url}",
                  "TRANSP:TRANSPARENT",
                  f"STATUS:{'CANCELLED' if str(action.status) == 'dropped' else 'CONFIRMED'}", "END:VEVENT"]
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
        heading = action.text if len(action.text) <= 150 else action.text[:149] + "…"
        ET.SubElement(item, f"{{{ATOM}}}title").text = heading
        ET.SubElement(item, f"{{{ATOM}}}id").text = url
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=url, type="text/html")
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _time(action.updated_at or action.created_at)
        ET.SubElement(item, f"{{{ATOM}}}published").text = _time(action.created_at)
        due = action.due_date.isoformat() if action.due_date else (action.due or "no date")
        summary = (f"{entry.committee.name}, meeting of "
                   f"{entry.meeting.date.isoformat() if entry.meeting.date else 'unknown date'}. "
                   f"Owner: {action.owner or 'not named'}. Due: {due}. "
                   f"Status: {STATUS_WORDS.get(str(action.status), action.status)}.")
        ET.SubElement(item, f"{{{ATOM}}}summary", type="text").text = summary
        ET.SubElement(item, f"{{{ATOM}}}category", term=action.kind)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


# --- the agenda-pack tracker as Word --------------------------------------------------------------

PACK_COLUMNS = ["Action", "Owner", "Due", "Status", "Days overdue", "First raised"]


def _pack_row(line) -> list[str]:
    entry = line.entry
    action = entry.action
    due = action.due_date.strftime("%d/%m/%Y") if action.due_date else (action.due or "No date")
    status = STATUS_WORDS.get(str(action.status), str(action.status))
    if line.discharged_at:
        status += f" (discharged at {line.discharged_at})"
    if line.times_asked > 1:
        status += f"; asked {line.times_asked} times"
    raised = line.first_raised.strftime("%d/%m/%Y") if line.first_raised else "Undated"
    where = f" (item {entry.item.number or entry.item.position + 1})" if entry.item else ""
    return [f"{action.text}{where}", action.owner or "Not named", due, status,
            str(entry.days_overdue) if entry.overdue else "", raised]


def agenda_pack_docx(pack: AgendaPack) -> bytes:
    """The agenda-pack tracker as a .docx: a heading, then a table of open and one of recently closed actions.

    Tables have a repeating header row, so a screen reader and a printed page both keep the column names.
    """
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = f"Action tracker: {pack.committee.name}"
    document.core_properties.author = "Scrutiny Tracker"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(f"{pack.committee.name}: action tracker", level=1)
    document.add_paragraph(f"Prepared {pack.today.day} {pack.today:%B %Y}. Every action still to do, and those "
                           f"closed in the last {pack.recent_days} days.")

    def table(lines, heading: str) -> None:
        document.add_heading(heading, level=2)
        if not lines:
            document.add_paragraph("None.")
            return
        grid = document.add_table(rows=1, cols=len(PACK_COLUMNS))
        grid.style = "Table Grid"
        header = grid.rows[0]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for cell, name in zip(header.cells, PACK_COLUMNS, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(name).bold = True
        for line in lines:
            cells = grid.add_row().cells
            for cell, value in zip(cells, _pack_row(line), strict=True):
                cell.text = value

    table(pack.open, f"Still to do ({len(pack.open)})")
    table(pack.closed, f"Closed in the last {pack.recent_days} days ({len(pack.closed)})")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


__all__ = ["CSV_COLUMNS", "safe_cell", "log_csv", "due_calendar", "actions_feed", "agenda_pack_docx",
           "PACK_COLUMNS"]
