"""What the pipeline's components hand to each other, kept on ``doc._.minutes``.

Each stage reads what earlier stages wrote and adds its own records; nothing
here knows about spaCy beyond the token offsets a cue remembers.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .patterns import CueRule
from .records import Action, AgendaItem, Comment, MeetingInfo, Question, Resolution, Response


@dataclass
class Line:
    """One line of the text: its offsets without surrounding white space."""

    index: int
    start: int
    end: int
    text: str
    blank_before: int  # how many empty lines precede it
    marker: str | None = None  # a bullet or list marker it starts with ("·", "(a)", "1)")
    body_start: int = 0  # where the text after the marker starts


@dataclass
class Cue:
    """A pattern match: which rule fired, where (characters and tokens)."""

    rule: CueRule
    start: int
    end: int
    token_start: int
    token_end: int

    @property
    def label(self) -> str:
        return self.rule.label


@dataclass
class Sentence:
    """A sentence as a reader would take it, bullets and list markers aside."""

    index: int
    start: int
    end: int
    paragraph: int
    line: int
    marker: str | None
    first_in_paragraph: bool
    cues: list[Cue] = field(default_factory=list)
    role: str | None = None  # the record kind that claimed it, if any

    def cues_labelled(self, *labels: str) -> list[Cue]:
        return [cue for cue in self.cues if cue.rule.label in labels]


@dataclass
class MinutesState:
    """The working state of one document as it passes through the pipeline."""

    text: str
    header: dict[str, str] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    people: list[Cue] = field(default_factory=list)
    meeting: MeetingInfo = field(default_factory=MeetingInfo)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    item_regions: list[tuple[int, int]] = field(default_factory=list)  # (start offset, item index), sorted
    questions: list[Question] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    truncated_from: int | None = None  # offset of a final sentence cut off mid-way
    sentence_starts: list[int] = field(default_factory=list)
    sentence_paragraphs: list[int] = field(default_factory=list)  # each sentence's paragraph number, ascending
    tokens: object = None  # layout.TokenIndex: character offsets to token positions
    skip_ranges: list[tuple[int, int]] = field(default_factory=list)  # agenda descriptions, not minutes
    resolution_parts: list = field(default_factory=list)  # resolutions.Part, for the actions stage
    _skip_index: tuple = field(default=(None, 0, [], []), repr=False, compare=False)  # skip_ranges merged, for skipped()

    def item_at(self, offset: int) -> int | None:
        """The agenda item whose region holds ``offset``."""
        if not self.item_regions:
            return None
        position = bisect.bisect_right(self.item_regions, (offset, float("inf"))) - 1
        return self.item_regions[max(position, 0)][1]

    def truncated(self, offset: int) -> bool:
        return self.truncated_from is not None and offset >= self.truncated_from

    def skipped(self, offset: int) -> bool:
        """Whether ``offset`` lies in text that records no business: an item's
        agenda description (before its "Minutes:") or a sentence cut off mid-way."""
        if self.truncated_from is not None and offset >= self.truncated_from:
            return True
        ranges = self.skip_ranges
        if self._skip_index[0] is not ranges or self._skip_index[1] != len(ranges):
            self._skip_index = (ranges, len(ranges), *_merged(ranges))
        _, _, starts, ends = self._skip_index
        # bisection on the merged ranges: a scan of every range per sentence is quadratic in a long document
        position = bisect.bisect_right(starts, offset) - 1
        return position >= 0 and offset < ends[position]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds ``offset``."""
        position = bisect.bisect_right(self.sentence_starts, offset) - 1
        if position < 0:
            return None
        sentence = self.sentences[position]
        return sentence if offset < sentence.end else None

    def snippet(self, start: int, end: int) -> str:
        return self.text[start:end]


def _merged(ranges: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of the union of half-open ranges, in order."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends
