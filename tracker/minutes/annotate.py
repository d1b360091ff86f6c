"""The minutes text with each record found in it marked in place, for the meeting page and the review page.

Records may overlap or nest, so the text is cut at every record boundary; each piece is marked as the
innermost record covering it, and each record's label (its kind in words, never colour alone) stands where
it starts. Every piece of minutes text is escaped here; only the tags are ours.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from .queries import MeetingRecord

__all__ = ["Mark", "AnnotatedMinutes", "marked_text", "sections", "annotate_meeting"]


@dataclass(frozen=True)
class Mark:
    """One record's passage: where it stands, its kind, the label shown where it starts and what that links to.

    ``key`` names the record in ``data-records`` ("question-12"); ``label_id`` is the label's own id, for links
    back to it; ``href`` makes the label a link (to the record in a list); ``end_note``, when given, is read
    out by screen readers where the passage ends.
    """

    start: int
    end: int
    kind: str
    label: str
    key: str
    label_id: str | None = None
    href: str | None = None
    end_note: str | None = None


def _label(mark: Mark) -> Markup:
    ident = Markup(' id="{}"').format(mark.label_id) if mark.label_id else Markup("")
    if mark.href:
        return Markup('<a class="mark-label kind-{}"{} href="{}">{}</a>').format(mark.kind, ident, mark.href,
                                                                                mark.label)
    return Markup('<span class="mark-label kind-{}"{}>{}</span>').format(mark.kind, ident, mark.label)


_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def marked_text(text: str, marks: list[Mark], lo: int = 0, hi: int | None = None, *, squeeze: bool = False) -> Markup:
    """``text[lo:hi]`` with every mark that falls in it highlighted (marks reaching outside are cut at the edges).

    ``squeeze`` shows runs of blank lines as one (for reading; the review page keeps every character, as its
    selections count them).
    """
    hi = len(text) if hi is None else hi
    spans = sorted((m for m in marks if 0 <= m.start < m.end <= len(text) and m.start < hi and m.end > lo),
                   key=lambda m: (m.start, -m.end))
    starting: dict[int, list[Mark]] = defaultdict(list)
    ending: dict[int, list[Mark]] = defaultdict(list)
    for mark in spans:
        starting[max(mark.start, lo)].append(mark)
        if mark.end_note and mark.end <= hi:
            ending[mark.end].append(mark)
    bounds = sorted({lo, hi, *(max(m.start, lo) for m in spans), *(min(m.end, hi) for m in spans)})
    active: list[Mark] = []
    out: list[Markup] = []
    for a, b in zip(bounds, bounds[1:]):
        for mark in ending.get(a, ()):
            out.append(Markup('<span class="mark-end visually-hidden"> ({})</span>').format(mark.end_note))
        active = [m for m in active if m.end > a]
        for mark in starting.get(a, ()):
            active.append(mark)
            if mark.start >= lo:  # a mark running on from the section before is labelled there
                out.append(_label(mark))
        piece = escape(_BLANK_LINES.sub("\n\n", text[a:b]) if squeeze else text[a:b])
        if not active:
            out.append(piece)
            continue
        inner = min(active, key=lambda m: (m.end - m.start, -m.start))
        classes = f"hl hl-{inner.kind}" + (" hl-overlap" if len(active) > 1 else "")
        out.append(Markup('<mark class="{}" data-records="{}">{}</mark>').format(
            classes, " ".join(m.key for m in active), piece))
    for mark in ending.get(hi, ()):
        out.append(Markup('<span class="mark-end visually-hidden"> ({})</span>').format(mark.end_note))
    return Markup("").join(out)


def sections(starts: list[int], length: int) -> list[tuple[int, int]]:
    """The stretch of text each agenda item owns, in the order given: from its start to the next start after it.

    Items are cut this way, not at their own ``end``, so no text between two items is left out; the last runs
    to the end of the text.
    """
    clamped = [min(max(start, 0), length) for start in starts]
    return [(start, min((s for s in clamped if s > start), default=length)) for start in clamped]


@dataclass
class AnnotatedMinutes:
    """A meeting's whole text cut by agenda item and marked: ``opening`` is the text before the first item
    (the title, who attended), ``by_item`` maps an item's id to its text; ``numbers`` numbers the questions
    through the meeting, as their labels and lists show them."""

    opening: Markup | None
    by_item: dict[int, Markup]
    numbers: dict[int, int]


def _meeting_marks(record: MeetingRecord, numbers: dict[int, int]) -> list[Mark]:
    marks = []

    def add(row, kind: str, prefix: str, label: str) -> None:
        marks.append(Mark(row.start, row.end, kind, label, f"{kind}-{row.id}", label_id=f"m-{prefix}-{row.id}",
                          href=f"#{prefix}-{row.id}", end_note=f"end of {label[0].lower()}{label[1:]}"))

    for group in [*record.items, record.unfiled]:
        for thread in group.questions:
            add(thread.question, "question", "q", f"Question {numbers[thread.question.id]}")
            for response in thread.responses:
                add(response, "response", "r", f"Answer to question {numbers[thread.question.id]}")
        for response in group.responses:
            add(response, "response", "r", "Response")
        for comment in group.comments:
            add(comment, "comment", "c", "Comment")
        for resolution in group.resolutions:
            add(resolution, "resolution", "res", "Resolution")
        for entry in group.actions:
            add(entry.action, "action", "a", "Action")
    return marks


def annotate_meeting(record: MeetingRecord) -> AnnotatedMinutes:
    """The meeting's text under each agenda item with every record marked, linking to it in the lists."""
    text = record.meeting.text or ""
    questions = sorted((thread.question for group in [*record.items, record.unfiled] for thread in group.questions),
                       key=lambda q: (q.start, q.id))
    numbers = {question.id: n for n, question in enumerate(questions, 1)}
    marks = _meeting_marks(record, numbers)
    items = [group.item for group in record.items]
    spans = sections([item.start for item in items], len(text))
    first = min((start for start, _ in spans), default=len(text))
    opening = marked_text(text, marks, 0, first, squeeze=True) if text[:first].strip() else None
    by_item = {item.id: marked_text(text, marks, start, end, squeeze=True) for item, (start, end) in zip(items, spans)}
    return AnnotatedMinutes(opening=opening, by_item=by_item, numbers=numbers)
