"""The action tracker democratic services circulate with a committee's next agenda: what it holds and which
columns it shows.

Laid out as councils' action logs are: reference, meeting, action, owner, due date, the latest progress update
with its evidence, and a status with a RAG rating (never colour alone). Sections follow the committee's
cycle: actions raised at the last meeting (new), older ones still to do (outstanding), and those completed,
then dropped, since the last meeting; after that they leave the tracker. The same ``AgendaPack`` feeds the
page and the Word document (``exports.agenda_pack_docx``). Which columns a committee shows is chosen by an
editor and kept in ``TrackerLayout``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from ..audit import record_audit
from ..config import DEFAULT_STALE_DAYS
from ..errors import Invalid, NotAllowed
from ..models import ActionEvent, Committee, Meeting, Role, TrackerLayout, User, meeting_visible, utcnow
from ..minutes.councils import DEFAULT_COUNCIL, council_of
from .discharge import discharged_at
from .log import LogEntry, LogFilters, action_log
from .repeats import repeat_chain
from .service import CLOSED, STILL_OPEN

# Column keys in the order they print, and their headings; "action" is always shown.
PACK_COLUMNS = {"ref": "Ref", "meeting": "Meeting", "action": "Action", "owner": "Owner", "due": "Due",
                "progress": "Progress / update", "status": "Status (RAG)"}
REQUIRED_COLUMNS = ("action",)
AMBER_DAYS = 28  # due within four weeks of today: at risk if nothing has moved
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "complete": "Complete", "dropped": "Dropped"}
RAG_KEY = ("Status key: Red, past its due date; Amber, due within {amber} days or with no due date over {stale} "
           "days after its meeting; Green, on track; Complete, done since the last meeting; Dropped, no longer "
           "pursued (the reason is the update).")
STATUS_WORDS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}


def rag(entry: LogEntry, today: dt.date) -> str:
    """The RAG rating: red when past due, amber when due within four weeks or undated and stale, else green;
    done actions are complete and dropped ones dropped."""
    status = str(entry.action.status)
    if status == "done":
        return "complete"
    if status == "dropped":
        return "dropped"
    if entry.overdue:
        return "red"
    due = entry.action.due_date
    if entry.stale or (due is not None and (due - today).days <= AMBER_DAYS):
        return "amber"
    return "green"


@dataclass
class Progress:
    """The latest word on an action: the newest note (with its date) and the newest evidence link."""

    note: str | None = None
    noted_on: dt.date | None = None
    link: str | None = None
    closed_on: dt.date | None = None  # when it was last marked done or dropped


@dataclass
class PackLine:
    """An action as the tracker prints it."""

    entry: LogEntry
    rag: str
    progress: Progress
    first_raised: dt.date | None
    times_asked: int
    discharged_at: str | None
    overdue: str | None  # "Overdue since March 2024"

    @property
    def ref(self) -> str:
        return f"A{self.entry.action.id}"


@dataclass
class AgendaPack:
    """The tracker for a committee's next meeting: new, outstanding, completed and dropped actions."""

    committee: Committee
    today: dt.date
    for_meeting: dt.date | None  # the meeting the tracker goes to, when the officer gave its date
    last_meeting: Meeting | None  # the latest meeting held: what counts as new, and what closed since
    columns: list[str]
    new: list[PackLine] = field(default_factory=list)
    outstanding: list[PackLine] = field(default_factory=list)
    completed: list[PackLine] = field(default_factory=list)
    dropped: list[PackLine] = field(default_factory=list)
    recent_days: int = 90  # with no meeting held yet: how far back "completed" looks
    stale_days: int = DEFAULT_STALE_DAYS

    @property
    def rag_key(self) -> str:
        """What each RAG rating means, with this tracker's thresholds."""
        return RAG_KEY.format(amber=AMBER_DAYS, stale=self.stale_days)

    @property
    def sections(self) -> list[tuple[str, str, list[PackLine]]]:
        """(key, heading, lines) in print order."""
        since = (f"since the last meeting ({self.last_meeting.date.day} {self.last_meeting.date:%B %Y})"
                 if self.last_meeting and self.last_meeting.date else f"in the last {self.recent_days} days")
        raised = (f"raised at the last meeting ({self.last_meeting.date.day} {self.last_meeting.date:%B %Y})"
                  if self.last_meeting and self.last_meeting.date else "raised at the last meeting")
        return [("new", f"New actions {raised}", self.new),
                ("outstanding", "Outstanding actions from earlier meetings", self.outstanding),
                ("completed", f"Completed {since}", self.completed),
                ("dropped", f"Dropped {since}", self.dropped)]

    @property
    def headings(self) -> list[str]:
        return [PACK_COLUMNS[key] for key in self.columns]


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def body_name(committee: Committee) -> str:
    """The committee's name for documents and calendars, led by its council's ("Eastmoor District Council:
    Scrutiny Committee"); the default council, which minutes naming none go to, is not named."""
    council = council_of(committee)
    named = council is not None and council.name != DEFAULT_COUNCIL
    return f"{council.name}: {committee.name}" if named else committee.name


def cell_text(line: PackLine, key: str) -> str:
    """A column's value as plain text (the Word document; the page adds links and badges around it)."""
    entry, action = line.entry, line.entry.action
    if key == "ref":
        return line.ref
    if key == "meeting":
        held = _day(entry.meeting.date) if entry.meeting.date else "Undated meeting"
        return held + (f", item {entry.item.number or entry.item.position + 1}" if entry.item else "")
    if key == "action":
        return action.text
    if key == "owner":
        return action.owner or "Not named"
    if key == "due":
        due = _day(action.due_date) if action.due_date else (action.due or "No date")
        return due + (f"\n{line.overdue}" if line.overdue else "")
    if key == "progress":
        note = line.progress.note
        text = (f"{_day(line.progress.noted_on)}: {note}" if note and line.progress.noted_on else note) or \
            "No update recorded"
        return text + (f"\nEvidence: {line.progress.link}" if line.progress.link else "")
    if key == "status":
        return f"{RAG_WORDS[line.rag]}: {status_words(line)}"
    raise KeyError(key)


def status_words(line: PackLine) -> str:
    """The status as the tracker states it: "In progress; asked 2 times", "Done 3 Apr 2025"."""
    words = STATUS_WORDS.get(str(line.entry.action.status), str(line.entry.action.status))
    closed_on, due = line.progress.closed_on, line.entry.action.due_date
    if closed_on and str(line.entry.action.status) in CLOSED:
        words += f" {_day(closed_on)}"
        if str(line.entry.action.status) == "done" and due is not None:
            words += ", late" if closed_on > due else ", on time"
    if line.discharged_at:
        words += f" (discharged at {line.discharged_at})"
    if line.times_asked > 1:
        words += f"; asked {line.times_asked} times"
    if line.entry.stale:
        words += "; stale: no due date"
    return words


# --- which columns --------------------------------------------------------------------------

def tracker_columns(*, session: Session, committee_id: int) -> list[str]:
    """The columns the committee's tracker shows, in print order (every column until an editor chooses)."""
    layout = session.exec(select(TrackerLayout).where(TrackerLayout.committee_id == committee_id)).first()
    if layout is None:
        return list(PACK_COLUMNS)
    chosen = set(layout.columns.split(","))
    return [key for key in PACK_COLUMNS if key in chosen or key in REQUIRED_COLUMNS]


def set_tracker_columns(*, session: Session, committee_id: int, columns: list[str], user: User | None) -> list[str]:
    """An editor chooses the committee's tracker columns; the action itself is always shown."""
    if user is None or Role(user.role).rank < Role.EDITOR.rank:
        raise NotAllowed("only editors choose a committee's tracker columns")
    unknown = [key for key in columns if key not in PACK_COLUMNS]
    if unknown:
        raise Invalid(f"there is no column {unknown[0]!r}; choose from {', '.join(PACK_COLUMNS)}", field="columns")
    chosen = [key for key in PACK_COLUMNS if key in columns or key in REQUIRED_COLUMNS]
    layout = session.exec(select(TrackerLayout).where(TrackerLayout.committee_id == committee_id)).first()
    layout = layout or TrackerLayout(committee_id=committee_id, columns="")
    layout.columns, layout.updated_by_id, layout.updated_at = ",".join(chosen), user.id, utcnow()
    session.add(layout)
    record_audit(session=session, user=user, event="tracker.columns", entity="committee", entity_id=committee_id,
                 detail={"columns": chosen})
    return chosen


# --- what it holds ----------------------------------------------------------------------------

def _progress(session: Session, action_ids: list[int]) -> dict[int, Progress]:
    """The newest note, link and closing date of each action, from its history, in one query."""
    found = {action_id: Progress() for action_id in action_ids}
    if not action_ids:
        return found
    events = session.exec(select(ActionEvent).where(ActionEvent.action_id.in_(action_ids))
                          .order_by(ActionEvent.at, ActionEvent.id)).all()
    for event in events:  # oldest first: each later event overwrites
        progress = found[event.action_id]
        if event.note and event.field in ("status", "evidence"):
            progress.note, progress.noted_on = event.note, event.at.date()
        if event.field == "evidence" and event.new:
            progress.link = event.new
        if event.field == "status" and event.new in CLOSED:
            progress.closed_on = event.at.date()
    return found


def last_meeting(*, session: Session, committee: Committee, include_drafts: bool, before: dt.date) -> Meeting | None:
    """The committee's latest dated meeting on or before `before`."""
    newest = session.exec(select(func.max(Meeting.date)).where(
        Meeting.committee_id == committee.id, Meeting.date.is_not(None), Meeting.date <= before,
        meeting_visible(include_drafts))).one()
    if newest is None:
        return None
    return session.exec(select(Meeting).where(Meeting.committee_id == committee.id, Meeting.date == newest,
                                              meeting_visible(include_drafts)).order_by(Meeting.id)).first()


def agenda_pack(*, session: Session, committee: Committee, include_drafts: bool, today: dt.date,
                for_meeting: dt.date | None = None, recent_days: int = 90,
                stale_days: int = DEFAULT_STALE_DAYS) -> AgendaPack:
    """The tracker for the committee's next meeting (on `for_meeting`, if given), as of `today`."""
    latest = last_meeting(session=session, committee=committee, include_drafts=include_drafts,
                          before=min(today, for_meeting) if for_meeting else today)
    columns = tracker_columns(session=session, committee_id=committee.id)
    pack = AgendaPack(committee, today, for_meeting, latest, columns,
                      recent_days=recent_days, stale_days=stale_days)
    since = latest.date if latest and latest.date else today - dt.timedelta(days=recent_days)
    entries = action_log(session=session, filters=LogFilters(committee=committee.slug), include_drafts=include_drafts,
                         today=today, stale_days=stale_days).entries
    progress = _progress(session, [e.action.id for e in entries])
    for item in entries:
        status, found = str(item.action.status), progress[item.action.id]
        if status in STILL_OPEN:
            section = pack.new if latest is not None and item.meeting.id == latest.id else pack.outstanding
        else:
            closed_on = found.closed_on or (item.action.updated_at.date() if item.action.updated_at else None)
            if closed_on is None or closed_on < since:
                continue  # reported at an earlier meeting: off the tracker
            found.closed_on = closed_on
            section = pack.completed if status == "done" else pack.dropped
        chain = repeat_chain(session=session, action_id=item.action.id, include_drafts=include_drafts)
        where = discharged_at(session=session, action_id=item.action.id, include_drafts=include_drafts)
        section.append(PackLine(item, rag(item, today), found, chain.first or item.meeting.date, max(1, chain.times),
                                where.where if where else None,
                                item.overdue_words))
    return pack


__all__ = ["PACK_COLUMNS", "REQUIRED_COLUMNS", "RAG_WORDS", "RAG_KEY", "rag", "Progress", "PackLine",
           "body_name", "cell_text", "status_words",
           "AgendaPack", "tracker_columns", "set_tracker_columns", "last_meeting", "agenda_pack"]
