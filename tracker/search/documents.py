"""What goes into a search index: one ``SearchDocument`` per agenda item and per record, read from the database.

Both backends index exactly these documents, so they find the same things.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlmodel import Session, select

from ..models import Action, AgendaItem, Comment, Committee, Meeting, MeetingStatus, Question, Resolution, Response

# kind -> anchor prefix on the meeting page
ANCHORS = {"item": "item-", "question": "q-", "response": "r-", "comment": "c-", "resolution": "res-", "action": "a-"}
_MODELS = {"question": Question, "response": Response, "comment": Comment, "resolution": Resolution,
           "action": Action}
_SPEAKER = {"question": "asker", "response": "responder", "comment": "speaker", "action": "owner"}


@dataclass
class SearchDocument:
    """One searchable thing: an agenda item or a record, with the facts people filter on."""

    kind: str
    record_id: int
    meeting_id: int
    meeting_date: dt.date | None
    committee: str
    committee_slug: str
    published: bool
    item_number: str | None
    item_title: str | None
    item_position: int | None
    text: str
    speaker: str | None = None
    status: str | None = None
    due_date: dt.date | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.record_id}"

    @property
    def year(self) -> str:
        return str(self.meeting_date.year) if self.meeting_date else "undated"


_LOOSE = re.compile(r"[\W_]+")
_ITEM_REFERENCE = re.compile(r"^\(?\s*(item|minute|agenda item)?\s*[\w./-]{0,8}\s*\)?$", re.I)


def repeats_heading(text: str, title: str | None) -> bool:
    """Whether a record's text is only its agenda item's heading again ("DAMP AND MOULD", or with "(Item 6)"
    after it): the heading is already indexed as the item, and a second copy says nothing new."""
    if not title:
        return False
    words, heading = _LOOSE.sub(" ", text).strip().lower(), _LOOSE.sub(" ", title).strip().lower()
    if not heading or not words.startswith(heading):
        return False
    rest = text.strip()[len(title.strip()):].strip() if text.strip().lower().startswith(title.strip().lower()) \
        else words[len(heading):].strip()
    return not rest or bool(_ITEM_REFERENCE.match(rest))


def record_url(kind: str, record_id: int, meeting_id: int, item_position: int | None = None) -> str:
    """Where a hit lives: its meeting page, at the record's own anchor."""
    if kind == "item":
        return f"/meetings/{meeting_id}#item-{(item_position or 0) + 1}"
    return f"/meetings/{meeting_id}#{ANCHORS[kind]}{record_id}"


def documents_for(session: Session, meeting_ids: Iterable[int]) -> dict[int, list[SearchDocument]]:
    """Every document of these meetings (meetings that no longer exist map to nothing)."""
    ids = sorted(set(meeting_ids))
    found: dict[int, list[SearchDocument]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for document in _documents(session, Meeting.id.in_(chunk)):
            found.setdefault(document.meeting_id, []).append(document)
        for meeting_id in chunk:
            found.setdefault(meeting_id, [])
    return found


def all_documents(session: Session, batch: int = 200) -> Iterator[SearchDocument]:
    """Every document in the database, a batch of meetings at a time."""
    ids = list(session.exec(select(Meeting.id).order_by(Meeting.id)).all())
    for start in range(0, len(ids), batch):
        yield from _documents(session, Meeting.id.in_(ids[start:start + batch]))


def _documents(session: Session, which) -> Iterator[SearchDocument]:
    meetings = {row[0]: row for row in session.exec(
        select(Meeting.id, Meeting.date, Meeting.status, Committee.name, Committee.slug)
        .join(Committee, Committee.id == Meeting.committee_id).where(which)).all()}
    if not meetings:
        return
    items = {item.id: item for item in session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id.in_(list(meetings)))).all()}

    def base(kind, record_id, meeting_id, item_id, text):
        _id, date, status, committee, slug = meetings[meeting_id]
        item = items.get(item_id)
        return SearchDocument(kind=kind, record_id=record_id, meeting_id=meeting_id, meeting_date=date,
                              committee=committee, committee_slug=slug,
                              published=status == MeetingStatus.PUBLISHED,
                              item_number=item.number if item else None, item_title=item.title if item else None,
                              item_position=item.position if item else None, text=text)

    for item in items.values():
        yield base("item", item.id, item.meeting_id, item.id, item.title)
    for kind, model in _MODELS.items():
        for record in session.exec(select(model).where(model.meeting_id.in_(list(meetings)))).all():
            item = items.get(record.item_id)
            if kind == "comment" and item is not None and repeats_heading(record.text, item.title):
                continue
            document = base(kind, record.id, record.meeting_id, record.item_id, record.text)
            if kind in _SPEAKER:
                document.speaker = getattr(record, _SPEAKER[kind])
            if kind == "action":
                document.status, document.due_date = str(record.status), record.due_date
            yield document
