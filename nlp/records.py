"""The civic vocabulary the segmenter speaks: typed records with offsets.

Every record carries ``start``/``end`` character offsets into the normalised
minutes text (``Minutes.text[start:end] == record.text``) and the id of the
rule that produced it, so a reader can always see where and why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum


class ResolutionKind(StrEnum):
    """What a formal decision does."""

    NOTED = "noted"  # only notes or receives
    APPROVED = "approved"  # approves, agrees, adopts
    RECOMMENDED = "recommended"  # recommends to another body
    REQUESTED = "requested"  # asks for something to be done
    OTHER = "other"


class ActionKind(StrEnum):
    """What a follow-up commitment asks someone to do."""

    REPORT_BACK = "report_back"
    PROVIDE_INFORMATION = "provide_information"
    INCLUDE_DATA = "include_data"
    SHARE = "share"
    ARRANGE = "arrange"
    INVESTIGATE = "investigate"
    OTHER = "other"


@dataclass
class MeetingInfo:
    """The meeting the minutes record.

    ``found`` says where each value came from: ``"header"`` (the ``key: value``
    block), ``"text"`` (a line of the minutes) or ``"title"``.
    """

    committee: str | None = None
    date: str | None = None  # YYYY-MM-DD
    title: str | None = None
    council: str | None = None
    source: str | None = None
    found: dict[str, str] = field(default_factory=dict)


@dataclass
class AgendaItem:
    """An item of business, numbered as printed ("4", "135", "PLA 32/16") or None."""

    number: str | None
    title: str
    start: int
    end: int
    procedural: bool = False
    rule: str = ""


@dataclass
class Question:
    """A member or member of the public asking, querying or seeking assurance."""

    item: int | None
    text: str
    asker: str | None
    start: int
    end: int
    rule: str


@dataclass
class Response:
    """The answer given at the meeting; ``answers`` indexes ``Minutes.questions``."""

    item: int | None
    text: str
    responder: str | None
    answers: int | None
    start: int
    end: int
    rule: str


@dataclass
class Comment:
    """An observation that asks nothing and decides nothing."""

    item: int | None
    text: str
    speaker: str | None
    start: int
    end: int
    rule: str


@dataclass
class Resolution:
    """A formal decision: one per RESOLVED / AGREED block, lettered parts included."""

    item: int | None
    text: str
    kind: str
    start: int
    end: int
    rule: str


@dataclass
class Action:
    """A follow-up commitment someone must discharge after the meeting.

    ``due`` is the deadline as written; ``due_date`` is resolved from it and the
    meeting date where that is possible (see ``nlp.dues``).
    """

    item: int | None
    text: str
    kind: str
    owner: str | None
    due: str | None
    due_date: str | None
    start: int
    end: int
    rule: str
    source: str = "statement"  # which kind of record it hides in


RECORD_TYPES = {
    "questions": Question,
    "responses": Response,
    "comments": Comment,
    "resolutions": Resolution,
    "actions": Action,
}


@dataclass
class Minutes:
    """Everything the segmenter found in one set of minutes."""

    text: str
    meeting: MeetingInfo
    agenda_items: list[AgendaItem] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, *, include_text: bool = True) -> dict:
        """The JSON contract of ``tracker extract`` (plus ``text`` and ``warnings``)."""
        data = {
            "meeting": asdict(self.meeting),
            "agenda_items": [asdict(i) for i in self.agenda_items],
            **{name: [asdict(r) for r in getattr(self, name)] for name in RECORD_TYPES},
            "warnings": list(self.warnings),
        }
        if include_text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Minutes:
        """Rebuild from ``to_dict`` output (unknown keys are ignored)."""

        def build(kind, values):
            names = {f.name for f in fields(kind)}
            return kind(**{k: v for k, v in values.items() if k in names})

        return cls(
            text=data.get("text", ""),
            meeting=build(MeetingInfo, data.get("meeting") or {}),
            agenda_items=[build(AgendaItem, i) for i in data.get("agenda_items", [])],
            warnings=list(data.get("warnings", [])),
            **{name: [build(kind, r) for r in data.get(name, [])] for name, kind in RECORD_TYPES.items()},
        )
