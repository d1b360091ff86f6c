"""Agenda items: where each item of business starts, its number and title.

Councils lay minutes out in a few recognisable ways (see GENRE.md), tried in
this order, the first that finds items winning:

1. numbered items: "4 Title", "5. TITLE", a number alone on its line with the
   title below it, "PLA" / "32/16" split over lines, "Minute 27"; a number
   seen again later (decision tables repeated in a narrative section) carries
   on the item it first named;
2. "Minutes:" markers: each marks an item whose title is the heading above
   its description, or the text before "Minutes:" in a flattened table cell;
3. headings: short title-like lines standing alone, and "To receive ..."
   descriptions with no heading above them;
4. otherwise one item, titled from "To consider the ..." or "presented the
   ...", with a warning.
"""

from __future__ import annotations

import re
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from .layout import PAGE_FOOTER, is_page_footer, write_spans
from .meeting import BODY, find_meeting, is_meeting_heading
from .records import AgendaItem
from .state import Line, MinutesState

_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "&", "-", "–", "—", "vs", "v", "per", "under", "within", "its", "their",
}
_FURNITURE = re.compile(
    r"""^(?:agenda\s+and\s+minutes|agenda\s+item|agenda|issue\s*-\s*(?:meetings|decisions)|decision\s+details|items?|no\.?\s*items?
      |item\s+description(?:\s+decision)?|itempreamble|preamble|public|private|view\s+directions|media
      |additional\s+documents:?|supporting\s+documents:?|background\s+papers:?|printed\s+minutes.*
      |attendance(?:\s+details)?|pdf\s+icon.*|(?:pdf\s+)?\d+\s*[km]b|decision:?|webcast.*|watch\s+the\s+meeting.*
      |\|(?:\s*no\.?\s*\|\s*item\s*\|?)?|\|[\s\-|:]*\|?
      |\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?(?:\s*[/-]\s*\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?)?
      |browse\s+meetings.*|meeting\s+details|committee\s+details|agenda,?\s+decisions\s+and\s+minutes|decisions
      |</?AI\d+>
      |skip\s+to\s+(?:main\s+)?content|you\s+are\s+here\b.*|home|print(?:\s+this\s+page)?|back\s+to\s+top
      |(?:council|committee)\s+meetings|meetings|meeting\s+information|democracy|agenda\s+and\s+decisions
      |agendas?,?\s+reports\s+and\s+minutes|calendar|menu|search|share\s+this\s+(?:item|page)|•\s*share\s+this\s+item
      |(?:[^>›»\n]{1,60}\s[>›»]\s){2,}[^>›»\n]{1,80})$""",
    re.I | re.X,
)
# A table row flattened onto one line ("Councillor A B      work commitments"): cells parted by a gap.
_TABLE_ROW = re.compile(r"\S(?:\t|\s{3,})\S")
# A line that reports the meeting ("The Chair welcomed ...", "Apologies were received from ..."), not a title.
_PROSE_VERB = re.compile(
    r"\b(?:was|were|had|did|welcomed|introduced|explained|asked|advised|informed|thanked|said|reported\s+that|noted\s+that)\b",
    re.I,
)
_ZONE_END = re.compile(r"^(?:items|no\.?\s*item|\|\s*no\.?\s*\|\s*item\s*\|?|item\s+description(?:\s+decision)?)$", re.I)
_MEETING_LINE = re.compile(r"^Meeting:\s*\S.*\(Item\b[^)]*\)$", re.I)
_IF_ANY = re.compile(r"\((?:if\s+any|if\s+required|if\s+necessary)\)$", re.I)
_DOCUMENT_LINK = re.compile(r"\bpdf\s+icon\b|\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b", re.I)
_QUESTION_PART = re.compile(r"^(?:questions?\s+(?:\d+|[a-z]\b|to|from|by|of)|supplementary\s+questions?\b)", re.I)
# The items questions are put in: "Members' Questions", "Public Forum", "Public Participation", "Open Forum".
_QUESTIONS_ITEM = re.compile(r"question|\bforum\b|participation", re.I)
_SINGLE_ITEM_PAGE = re.compile(r"^(?:agenda\s+item|issue\s*-\s*(?:meetings|decisions)|decision\s+details)$", re.I)
_TITLE_FURNITURE = re.compile(
    r"(?:\s*pdf\s+icon)?(?:\s*PDF\s+\d+(?:\.\d+)?\s*[KM]B)|\s*pdf\s+icon|\s*\(Pages?\s+\d+\s*[-–]\s*\d+\)|\s*Additional\s+documents:?|\s*View\s+the\s+background.*$",
    re.I,
)
_SYMBOL_RUN = re.compile(r"[>=<*#~_]{2,}")  # "Action >>>>>> Officer": a marker in the minutes, not a title
_LABEL_LINE = re.compile(r"^[A-Z][\w ’'&/().-]{0,40}:\s*\S")
_PHONE = re.compile(r"\(?0\d{2,4}\)?[\s-]?\d{3}[\s-]?\d{3,4}|\btel\b", re.I)
_PERSON_START = re.compile(r"^(?:councillors?|cllrs?\.?|mr|mrs|ms|miss|dr|the\s+(?:chair|mayor|leader|clerk))\b", re.I)
_LABEL_ITEM = re.compile(r"^(?!(?:questions?|answers?|responses?|supplementary|q\d|a\d)\b)(?P<label>[A-Z][^:.;?!]{2,60}?)\s*:\s+(?P<rest>\S.*)$", re.I)
_METADATA_LABELS = {
    "present", "in attendance", "also present", "also in attendance", "date", "time", "venue", "place", "location", "contact",
    "clerk", "chair", "chairman", "chairperson", "officers", "officer", "members", "member", "attendance", "minutes", "note",
    "notes", "meeting", "email", "tel", "telephone", "phone", "item", "agenda item", "decision", "resolved", "agreed", "action",
    "actions", "owner", "due", "by", "source", "council", "committee", "title", "q", "a", "question", "answer", "response",
    "reply", "proposed", "seconded", "councillors", "absent", "observers", "public", "press", "start", "finish", "ward",
}
# "10 October 2018", "3 May 2024 6.30pm", "27 April 2021 – Minutes": a date opening the line (the page's
# own title or a dated heading), not item 10 "October 2018": a month and a year never open an item's title.
_DATE_LINE = re.compile(
    r"^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b", re.I)
# "Present", "In attendance" numbered as an item of their own (parish minutes).
_ATTENDANCE_TITLE = re.compile(r"^(?:(?:members|councillors|those)\s+)?(?:present|in\s+attendance)$", re.I)
_JOINING_END = {"and", "or", "of", "the", "to", "by", "for", "with", "a", "an", "that", "which", "was", "were", "is", "are", "be"}
_ATTENDANCE = re.compile(r"\b(?:present|presiding|absent|in\s+attendance|apologies\s+(?:were|was)\s+received)\b", re.I)
_RUN_IN = re.compile(
    r"^(?P<title>(?:\S+\s+){0,9}?\S+?)[\s–—:-]+(?P<rest>(?:The|It|Members?|Councillors?|Cllr|There|This|In|On|Following|Mr|Mrs|Ms|Dr|Officers?|Apologies|No)\s.{12,})$"
)
# A part of an item's minutes under its own small heading ("Discussion", "Key points", "Next steps").
_SECTION_LABEL = re.compile(
    r"^(?:discussion|background|summary|key\s+(?:points|issues|messages|findings)|next\s+steps|introduction|outcomes?|purpose"
    r"|comments|debate|(?:points|issues|questions)\s+raised|main\s+points|in\s+discussion|members'?\s+comments)$", re.I)
# "Councillor Ann Jones" alone on a line: the asker of a written question, not an item.
_PERSON_LINE = re.compile(
    r"^(?i:councillors?|cllrs?\.?|mr|mrs|ms|miss|dr|alderman|deputy|the\s+(?:mayor|leader))\s+(?:[A-Z][\w'’.-]*\.?\s*){1,4}(?:\([^)]*\))?$")
# "Reply", "Response", "Supplementary question", "Q1": labels in a written question and answer.
_QA_LABEL = re.compile(
    r"^(?:(?:written\s+)?(?:reply|response|answer|question)s?(?:\s+\d+)?|supplementary(?:\s+(?:question|reply|response))?|q\.?\s*\d+|a\.?\s*\d+)[.:]?$",
    re.I)
# The record-keeping fields of a decision page ("Report author: Head of Audit", "Date of decision: ..."):
# page furniture, not business.
_METADATA_LINE = re.compile(
    r"^(?:report\s+author|publication\s+date|date\s+of\s+(?:decision|publication)|decision\s+(?:maker|status|type)"
    r"|is\s+(?:key\s+decision|subject\s+to\s+call[\s-]*in|callable\s+in)\??|call[\s-]*in\s+deadline|date\s+comes\s+into\s+force"
    r"|wards?\s+affected|lead\s+(?:member|officer)|contact\s+officer|portfolio\s+holder|key\s+decision\??)\s*:", re.I)
_ITEM_REFERENCE = re.compile(r"(?:\t|\s{3,})\(?(?:(?:agenda\s+)?item\s+\d+[a-z]?|minute\s+(?:no\.?\s*)?\d+)\)?$", re.I)
_REPLY = re.compile(r"^(?:none|nil|noted|n/?a|approved|agreed|carried|received|not applicable)(?:\s+(?:received|declared|made|noted|reported))?$", re.I)
_NOT_HEADING_START = re.compile(
    r"^(?:resolved|agreed|decision|it was|there (?:was|were)|the following|members? |present|in attendance|minutes:|q:|a:|question|answer|response)\b",
    re.I,
)
_PREFIX = r"(?:(?i:minute|min\.?|agenda\s+item|item)\s+(?:(?i:no)\.?\s*)?)?"
# "4", "8.1", "135", "23/145", "PLA 32/16", "E.O. 101/23", "C12", "AG.31", "HSP/19", "304-1." (a minute's parts)
_NUMBER = r"(?P<num>(?:(?:[A-Z]{1,6}|(?:[A-Z]\.){1,4})[\s/]?)?\d{1,4}/\d{2,4}|\d{1,4}-\d{1,3}(?=[.:)])|[A-Z]{1,6}[\s./]?\d{1,3}\.?|\d{1,3}(?:\.\d{1,2})?[a-z]?|(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})(?=[.)](?:\s|$)))"
_NUMBER_ONLY = re.compile(rf"^{_PREFIX}{_NUMBER}\s*[.:)]?$")
# "1.APOLOGIES", "304-1.To receive ...": the number's mark may touch the title (a word processor's tab lost).
# "(1) Apologies": a bracketed number opens an item as "1)" does.
_NUMBER_TITLE = re.compile(rf"^(?:\((?=\d{{1,3}}\)))?{_PREFIX}{_NUMBER}(?:(?:[.:)]|\s+[-–—])?\s+|(?<=\d)[.)](?=[A-Z“‘\"']))(?P<title>\S.*)$")
_PREFIX_ONLY = re.compile(r"^[A-Z]{2,6}$")
_INLINE_MINUTES = re.compile(r"\bMinutes\s*:\s*")
_DERIVE_FROM_DESCRIPTION = re.compile(
    r"^to\s+(?:consider|receive|approve|note|agree|review|scrutinise|scrutinize|discuss|confirm|determine)"
    r"(?:\s+and\s+(?:amend|comment\s+on|note|approve|agree|discuss|consider))?\s+(?:the\s+|a\s+|an\s+|any\s+)?(?P<title>[^.,;:]+)",
    re.I,
)
_DERIVE_FROM_PRESENTED = re.compile(
    r"\b(?:presented|introduced|submitted)\s+(?:the|a|an)\s+(?P<title>[^.,;:(]+)", re.I
)
# "To confirmthat the minutes ...": a copy that lost the space after the verb still opens a description.
_DESCRIPTION_TITLE = re.compile(
    r"^To\s+(?:receive|consider|approve|note|agree|confirm|discuss|review|elect|appoint|resolve|adopt)(?:\b|(?=(?:that|the)\s))[^.]*\.?$")
# "To confirm as a correct record the minutes of ...": a whole description sentence, an item of its own.
_DESCRIPTION_SENTENCE = re.compile(r"^To\s+(?:receive|consider|approve|note|agree|confirm|elect|appoint)\b[^.]{10,}\.?$")
_CELL_NOTE = re.compile(r"\s*\((?:copy|copies|report|paper)[^)]*\)", re.I)
_TITLE_CUT = re.compile(r"\s+(?:in accordance with|which|that|copies of which|for the period)\b.*$", re.I)


# "Minutes", "Minute 27", "Minute No. 4": a label or an item number, not the "Minute of Previous Meeting" item.
# "Draft Minutes", "Unconfirmed minutes" alone: the document's own status, not the item confirming earlier minutes.
_MINUTE_LABEL = re.compile(r"^(?:the\s+)?(?:(?:draft|unconfirmed|approved|confirmed|signed)\s+)?minutes?\b\s*(?:$|\d|no\b|number\b|:)")

def clean_title(text: str) -> str:
    """A title without page furniture ("pdf icon PDF 82 KB", "(Pages 5 - 10)") or end punctuation."""
    title = _TITLE_FURNITURE.sub("", text)
    return title.strip(" :–—-|\t")


def heading_title(text: str, *, procedural: bool = False, numbered: bool = False) -> str | None:
    """The title if ``text`` reads as a heading, else None.

    A numbered title may hold a colon ("Climate Action Plan: Annual Report");
    an unnumbered "Label: value" line is a label, not a heading.
    """
    title = clean_title(text)
    if _LABEL_LINE.match(title) and not numbered:
        return None
    if not title or len(title) > 160 or _REPLY.match(title):
        return None
    if _NOT_HEADING_START.match(title) and not procedural and not (numbered and re.match(r"(?i)members?\b", title)):
        if not (numbered and _ATTENDANCE_TITLE.match(title)):
            return None  # "Members asked ...", but "4 Member Attendance and Apologies" and "2) Present:" are titles
    if numbered and title.endswith((".", ";")) and not title.endswith("..") and len(title.split()) <= 8 and ":" not in title:
        # "1. / Convener's Remarks.", "1. Election of the Chairman of the Council;": a short title with a stray mark
        bare = title.rstrip(".;").strip()
        if bare and not _REPLY.match(bare) and not _PERSON_START.match(bare) and not _PROSE_VERB.search(bare) and not _REPORTS_MEETING.search(bare) and not _MINUTES_VERB.search(bare):
            words = [w for w in bare.split() if w.lower() not in _SMALL_WORDS and any(c.isalpha() for c in w)]
            if words and all(w[0].isupper() or not w[0].isalpha() for w in words):
                title = bare
    if title.rsplit(None, 1)[-1].lower() in _JOINING_END and len(title.split()) > 1:
        return None  # a line broken before its sentence goes on
    words = title.split()
    if len(words) > 22 or not (title[0].isupper() or title[0].isdigit() or title[0] in "“‘'\""):
        return None
    if title.endswith((".", ";", ",")) and not title.isupper():
        return None
    if "@" in title or _SYMBOL_RUN.search(title) or _PHONE.search(title) or title.count("(") != title.count(")"):
        return None
    if procedural or title.isupper():
        return title
    content = [w for w in words if w.lower() not in _SMALL_WORDS and any(c.isalpha() for c in w)]
    if not content:
        return None
    capitalised = sum(1 for w in content if not w[0].isalpha() or w[0].isupper())
    if capitalised / len(content) >= 0.6 or len(words) <= 3:
        return title
    # After a number, sentence case is common ("23/145 Planning applications").
    if numbered and len(words) <= 10 and capitalised / len(content) >= 0.25:
        return title
    return None


def minute_reference_title(text: str) -> str | None:
    """The title after a minute reference ("TC24/108 Christmas lights and late-night shopping event"):
    a reference numbers items, never a list, so a title in sentence case is still a title."""
    title = clean_title(text)
    words = title.split()
    if not words or len(words) > 12 or not title[0].isupper() or title.endswith((".", ";", ",", ":")):
        return None
    if _PROSE_VERB.search(title) or _REPORTS_MEETING.search(title) or _MINUTES_VERB.search(title):
        return None
    return heading_title(title, procedural=True, numbered=True)


_AGENDA_NUMBER = re.compile(r"^\d{1,3}[.)]?\s+(?=\S)")
# "Title – minutes", "Title … minutes", "Title... minutes": a numbered title run in with what was done.
_SEPARATED = re.compile(r"^(?P<title>[^–—…]{3,80}?)(?:\s+[–—-]+|\s*…|\.{3})\s+(?P<rest>\S.*)$")
# What a "Minutes:" label over earlier minutes says: it is the item confirming them, not the minutes' own label.
_EARLIER_MINUTES = re.compile(r"\bminutes\s+of\s+the\s+(?:\w+\s+){0,3}meeting\b|\b(?:correct|accurate|true)\s+record\b", re.I)
# "Present: Cllrs Reed, Holt": the attendance line above the first item of a PDF's minutes.
_ATTENDANCE_LABEL = re.compile(r"^(?:(?:members\s+|councillors\s+|also\s+)?present|in\s+attendance|attendees|officers?)\s*:", re.I)
_APOLOGIES = re.compile(r"\bapologies\b", re.I)
# "Licensing Committee", "Overview and Scrutiny Committee": a body's name and nothing else.
_BODY_NAME = re.compile(r"(?:[A-Z][\w'’&,-]*\s+|(?:and|of|for|the|&)\s+){0,6}"
                        r"(?:Sub-Committee|Committee|Board|Panel|Council|Cabinet|Executive|Commission|Partnership|Assembly)")
# "Wednesday 5 June 2024", "5th June 2024 at 7pm": the meeting's date standing alone.
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?"
    r"\s+\d{4}\b(?:,?\s*(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?)?$", re.I)
# "Key points included", "Issues raised were as follows": a sentence leading into a list, not a heading (a title
# capitalises its last word: "Matters Raised").
_LIST_LEAD_IN = re.compile(r"\b(?:included|includes|including|raised|covered|as\s+follows|the\s+following)$")
# "5 For, 0 Against, 1 Abstention": a vote's record, not item 5.
_VOTE_TALLY = re.compile(r"^\d{1,3}\s+(?:for|in\s+favour)\b.{0,40}\bagainst\b", re.I)
# "1.0 Apologies for Absence: to record attendance and to receive apologies": a title, then its description.
_COLON_DESCRIPTION = re.compile(r"^(?P<title>[A-Z][^:;.?!]{2,120}?)\s*[:–—-]\s+to\s+[a-z]{3,}\b")
# "Drugs inquiry - further consideration: It was agreed ...": a dash inside a label that a colon ends.
_DASH_INSIDE = re.compile(r"\s[–—-]\s")
# "The Committee heard evidence from-": the body as the subject of the minutes' first sentence.
_BODY_DOES = re.compile(r"^(?:The\s+)?(?:Committee|Sub-Committee|Panel|Board|Council|Group|Cabinet|Forum|Members|Councillors)\s+[a-z]{3,}\b")
_COLON_RUN_IN = re.compile(r"^(?P<title>[A-Z][^:.;?!]{2,60}?)\s*:\s+(?P<rest>[A-Z].*)$")
# "Apologies for absence were received from ...": a procedural item told as its one sentence.
_SUBJECT = re.compile(r"^(?P<subject>[A-Z][^.;:]{2,80}?)\s+(?:was|were|had\s+been|have\s+been)\s+\w")


def lower_case_title(text: str) -> str | None:
    """A title that lost its capitals (a page whose style sheet set them: "declarations of personal
    interestS", "appointment of independent members of the standards committee"): short, with no
    sentence mark and no verb reporting the meeting."""
    title = clean_title(text)
    words = title.split()
    if not words or len(words) > 12 or not title[0].islower() or title.endswith((".", ";", ",", "?", "!")):
        return None
    if _PROSE_VERB.search(title) or _REPORTS_MEETING.search(title) or _MINUTES_VERB.search(title):
        return None
    if words[-1].lower() in _JOINING_END or re.match(r"(?:to|that|and|or|the)\b", title):
        return None  # "to note the report" in a list, "that the ..." a resolution's part
    return title


def sentence_case_title(text: str) -> str | None:
    """A long title in sentence case ("Evidence to committees – issues relating to transparency",
    "Health and Sport Committee – request approval to undertake visits in France"), too long or too
    lower-case for ``heading_title``: read as a title only where it carries on a run of numbered items
    and stands alone over its minutes, and only with no sentence mark and no verb reporting the meeting."""
    title = clean_title(text)
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()  # "3. Breach of standing orders at the meeting held on 16 March 2023.": a stray full stop
    words = title.split()
    if not words or len(words) > 24 or not title[0].isupper() or title.endswith((".", ";", ",", "?", "!", ":")):
        return None
    if (_PROSE_VERB.search(title) or _REPORTS_MEETING.search(title) or _MINUTES_VERB.search(title)
            or _PERSON_START.match(title) or _NOT_HEADING_START.match(title) or words[-1].lower() in _JOINING_END):
        return None
    return heading_title(title, procedural=True, numbered=True)


def run_in_title(text: str) -> str | None:
    """The title of a run-in heading: "Working Practices The Panel noted ...", "Budget Monitoring –
    The Committee considered ...": a short title, then the minutes' first sentence on the same line."""
    match = _RUN_IN.match(text)
    if not match or not (_PROSE_VERB.search(match["rest"]) or _REPORTS_MEETING.search(match["rest"])
                         or re.search(r"\b[a-z]{3,}ed\b", match["rest"])):
        return None
    if _PERSON_START.match(match["title"]):
        return None  # "1. Cllr A Moran asked ...": a numbered paragraph of minutes
    return heading_title(match["title"].rstrip(" –—-:"), numbered=True)


def derived_title(text: str) -> str | None:
    """A title read from a description ("To consider the draft Work Programme ...")."""
    for pattern in (_DERIVE_FROM_DESCRIPTION, _DERIVE_FROM_PRESENTED):
        match = pattern.search(text)
        if match:
            title = _TITLE_CUT.sub("", match["title"]).strip()
            if title:
                return title[0].upper() + title[1:]
    return None


def _number_scheme(number: str) -> str:
    if number[:1].isalpha():
        return "prefixed"
    if "/" in number or "-" in number:
        return "slash"
    if "." in number.rstrip("."):
        return "dotted"
    return "plain"


def _list_style(text: str) -> str:
    """How a numbered line is numbered ("1.", "1)", "Minute 1", "PLA 1/23"), to tell one list from another."""
    match = _NUMBER_TITLE.match(text)
    if not match:
        return ""
    return re.sub(r"\d+", "9", text[: match.start("title")].strip())


def _closing_mark(text: str) -> str:
    """The mark closing a line's number: "1)" and "1." number different lists."""
    match = _NUMBER_ONLY.match(text) or _NUMBER_TITLE.match(text)
    if not match:
        return ""
    rest = text[match.end("num") :].lstrip()
    return rest[:1] if rest[:1] in ".:)" else ""


def _list_number(text: str) -> int | None:
    """The whole number a numbered line opens with ("42." -> 42), for telling a list's run from an item."""
    match = _NUMBER_TITLE.match(text)
    if not match or not match["num"].rstrip(".").isdigit():
        return None
    return int(match["num"].rstrip("."))


def _number_value(number: str) -> float | None:
    digits = re.findall(r"\d+", number)
    if not digits:
        return None
    if len(digits) == 1:
        letter = re.search(r"\d([a-z])\.?$", number)  # "1a", "1b": parts of item 1, in order
        return float(digits[0]) + ((ord(letter[1]) - ord("a") + 1) / 100 if letter else 0)
    return float(digits[0]) + float(digits[1]) / 1000


def _normal_number(number: str) -> str:
    return re.sub(r"\s+", " ", number).rstrip(".").strip()


class AgendaFinder:
    """Finds agenda items in one document's lines."""

    def __init__(self, state: MinutesState, procedural_phrases: tuple[str, ...]):
        self.state = state
        self.text = state.text
        self.lines = state.lines
        self.procedural_phrases = procedural_phrases
        self.description_starts = {c.start for c in state.cues if c.label == "DESCRIPTION"}
        self.description_cues = [c for c in state.cues if c.label == "DESCRIPTION"]
        self.unheaded_cues = [c for c in state.cues if c.label == "UNHEADED_ITEM"]
        self.zone_end = self._zone_end()
        self.single_page = any(_SINGLE_ITEM_PAGE.match(line.text) for line in self.lines[:3])
        counts: dict[str, int] = {}
        for line in self.lines:
            counts[line.text] = counts.get(line.text, 0) + 1
        names = (state.meeting.committee, state.meeting.council, state.header.get("committee"), state.header.get("council"))
        self.meeting_names = {name.strip().lower() for name in names if name and name.strip()}
        self.paragraph_starts = {s.line for s in state.sentences if s.first_in_paragraph}
        self.repeated = {text for text, count in counts.items() if count > 1}

    @cached_property
    def label_layout(self) -> bool:
        """Parish minutes often give each item as "Title: what was done" (two procedural ones show the layout)."""
        return sum(1 for line in self.lines if line.blank_before and (m := _LABEL_ITEM.match(line.text))
                   and self.is_procedural(m["label"])) >= 2

    # -- line readings -------------------------------------------------
    def is_procedural(self, title: str) -> bool:
        lowered = title.lower().replace("’", "'").replace("‘", "'").removeprefix("the ").strip()
        return any(lowered.startswith(p) for p in self.procedural_phrases)

    def is_description(self, line: Line) -> bool:
        return line.start in self.description_starts

    def is_furniture(self, line: Line) -> bool:
        return self.is_furniture_text(line.text)

    def is_meeting_heading(self, line: Line) -> bool:
        """The page's own heading or a running header (the meeting's name and date), not an item."""
        if _DATE_ONLY.match(line.text):
            return True  # "Wednesday 5 June 2024" under the body's name
        following = self.lines[line.index + 1] if line.index + 1 < len(self.lines) else None
        if following is not None and _DATE_ONLY.match(following.text) and re.search(rf"\b{BODY}$", line.text, re.I):
            return True  # "Cabinet" then "Wednesday 5 June 2024": the meeting's name over its date
        if 0 < line.index < 6 and not self.single_page and _BODY_NAME.fullmatch(line.text) and all(self.is_furniture(other) for other in self.lines[: line.index]):
            return True  # "Licensing Committee" under the page's breadcrumb: the page's title
        lowered = line.text.lower()
        if any(name in lowered for name in self.meeting_names) and clean_title(line.text).lower() in self.meeting_names:
            return True  # the committee's own name standing as the page's title
        return is_meeting_heading(line.text, repeated=line.text in self.repeated)

    def heading(self, line: Line, numbered: bool = False) -> str | None:
        if line.marker and not _NUMBER_TITLE.match(line.text):
            return None
        if self.is_furniture(line):
            return None
        cleaned = _ITEM_REFERENCE.sub("", clean_title(line.text))  # "HOUSING POLICY      (Agenda Item 5)"
        if not numbered and (self.is_meeting_heading(line) or _TABLE_ROW.search(cleaned) or _ATTENDANCE.search(line.text)
                             or _LIST_LEAD_IN.search(cleaned)
                             or _PERSON_LINE.match(clean_title(line.text)) or _QA_LABEL.match(clean_title(line.text))
                             or _PROSE_VERB.search(line.text) and not line.text.isupper()):
            return None
        if _IF_ANY.search(line.text):
            # "Report of the Monitoring Officer (if any)", "Members' Items (if any)": an agenda
            # title, however it opens.
            return heading_title(line.text, procedural=True, numbered=numbered)
        if self.is_description(line):
            return None
        return heading_title(cleaned if not numbered else line.text, procedural=self.is_procedural(clean_title(line.text)),
                             numbered=numbered)

    def _zone_end(self) -> int:
        """Index of the first line after a "No. Item" style table header, else 0."""
        for line in self.lines[:80]:
            if _ZONE_END.match(line.text):
                return line.index + 1
        return 0

    def _next_content(self, index: int) -> Line | None:
        for position in range(index + 1, len(self.lines)):  # not a slice: a copy per line is quadratic
            line = self.lines[position]
            if not self.is_furniture(line) or line.text.lower().startswith("minutes"):
                return line
        return None

    # -- layouts -------------------------------------------------------
    def numbered(self) -> list[tuple[Line, str, str | None, str]]:
        """(line, number, title or None for a continuation, rule) for numbered items."""
        candidates = []
        skip = set()
        for line in self.lines:
            if line.index in skip:
                continue
            # A flattened table cell: "| 8/22" or "8/22 |" (the number's cell, the title in the next)
            text = line.text.strip("| ") if line.text.startswith("|") or line.text.endswith("|") else line.text
            following = self._next_content(line.index)
            if _PREFIX_ONLY.match(text) and following and _NUMBER_ONLY.match(following.text) and "/" in following.text:
                number = f"{text} {following.text.rstrip('.')}"
                skip.add(following.index)
                candidates.append((line, number, self._next_content(following.index), "agenda.number_line"))
                continue
            match = _NUMBER_ONLY.match(text)
            if match and not line.marker or (match and line.marker and following and self.heading(following)):
                candidates.append((line, match["num"], following, "agenda.number_line"))
                continue
            match = _NUMBER_TITLE.match(text)
            if match and not self._after_list_intro(line) and not _DATE_LINE.match(text) and not _VOTE_TALLY.match(text):
                if _number_scheme(match["num"]) in ("slash", "prefixed") and _AGENDA_NUMBER.match(match["title"]):
                    # "C048/23      1.     APOLOGIES": a minute reference, then the agenda's own number
                    match = _NUMBER_TITLE.match(text[: match.start("title")] + _AGENDA_NUMBER.sub("", match["title"], count=1))
                if text.startswith("("):
                    # "(2) Declarations of interest" standing alone heads an item; "(6) That Officers explore ..."
                    # is a resolution's part
                    if self._stands_alone(line):
                        title = heading_title(match["title"], procedural=self.is_procedural(clean_title(match["title"])), numbered=True)
                        if title and not _NOT_HEADING_START.match(title) and not title.startswith(("That", "To ")):
                            candidates.append((line, match["num"], None, "agenda.number_title", title))
                    continue
                # "1.1 Apologies were received ...": a numbered paragraph of the minutes, not an item
                # ("1.0 Apologies: to receive ..." numbers an item: its ".0" is no paragraph's)
                paragraph = _number_scheme(match["num"]) == "dotted" and not match["num"].rstrip(".").endswith(".0")
                title = self.separated_title(match["title"]) if not paragraph else None
                if title is None:
                    title = heading_title(match["title"], procedural=self.is_procedural(clean_title(match["title"])), numbered=True)
                if title is None and _DESCRIPTION_TITLE.match(match["title"]) and len(match["title"].split()) <= 24:
                    title = clean_title(match["title"]).rstrip(". ")  # "24/101 To receive apologies for absence"
                if title is None:
                    title = run_in_title(match["title"].rstrip(" |"))
                if title is None and _number_scheme(match["num"]) in ("slash", "prefixed"):
                    title = minute_reference_title(match["title"])
                if title is None and candidates and self._continues_run(candidates[-1][0], line):
                    title = lower_case_title(match["title"]) or (
                        sentence_case_title(match["title"]) if self._stands_alone(line) else None)
                if title and not match["title"].startswith(("pdf", "PDF")):
                    candidates.append((line, match["num"], None, "agenda.number_title", title))
        items = []
        seen: dict[str, int] = {}
        for candidate in candidates:
            line, number, following, rule = candidate[:4]
            number = _normal_number(number)
            if len(candidate) == 5:
                title = candidate[4]
            elif following is None:
                continue
            else:
                title = self.heading(following, numbered=True)
                if title is None and self.is_description(following):
                    # "To confirm the minutes ...", or a title that opens like a
                    # description ("Report of the Cabinet pdf icon PDF 311 KB").
                    title = derived_title(following.text) or heading_title(following.text, numbered=True)
                    rule = "agenda.number_description"
            if number in seen:
                # "1) To note ..." under an item is a list, not item 1 again.
                if _closing_mark(line.text) == _closing_mark(items[seen[number]][0].text):
                    items.append((line, number, None, "agenda.repeat"))
                continue
            if title is None:
                continue
            seen[number] = len(items)
            items.append((line, number, title, rule))
        if not any(title for _, _, title, _ in items):
            return []
        schemes: dict[str, int] = {}
        for _, number, title, _ in items:
            if title:
                schemes[_number_scheme(number)] = schemes.get(_number_scheme(number), 0) + 1
        best = max(schemes, key=lambda s: (schemes[s], -list(schemes).index(s)))
        kept, highest = [], None
        # An "Issue - meetings" page lists one item from several meetings, each under its
        # "Meeting: date - body (Item N)" line: the numbering starts again under each.
        meetings = [line.start for line in self.lines if _MEETING_LINE.match(line.text)]
        for item in items:
            if _number_scheme(item[1]) != best:
                continue
            if kept and any(kept[-1][0].start < start < item[0].start for start in meetings):
                highest = None
            value = _number_value(item[1])
            if item[2] is not None and highest is not None and value is not None and value <= highest:
                continue  # numbering goes up: a lower new number is a list, not an item
            if value is not None and item[2] is not None:
                highest = value
            kept.append(item)
        return kept

    def separated_title(self, text: str) -> str | None:
        """The title of a numbered line that goes on with its minutes (parish minutes): after a
        separator ("Co-options – None.", "Declarations of interest … There were none.",
        "Apologies – Cllr A Pike"), or as the subject of its one sentence ("Apologies for absence
        were received from ...", "The minutes of the meeting held on 3 May were signed")."""
        described = _COLON_DESCRIPTION.match(text)
        if described:
            label = clean_title(described["title"])
            title = heading_title(label, procedural=self.is_procedural(label), numbered=True)
            if title:
                return title
        colon = _COLON_RUN_IN.match(text)
        if colon and _DASH_INSIDE.search(colon["title"]) and (title := self._colon_title(colon)):
            return title  # "Drugs inquiry - further consideration: It was agreed ...": the dash is the title's own
        match = _SEPARATED.match(text)
        if match:
            rest = match["rest"].rstrip(". ")
            if (_REPLY.match(rest) or _PERSON_START.match(rest) or _PROSE_VERB.search(rest) or _REPORTS_MEETING.search(rest)
                    or _MINUTES_VERB.search(rest) or _APOLOGIES.search(match["title"])):
                # "Apologies for absence and reasons given – P Thompson (holiday)": whatever follows apologies is who sent them
                head = clean_title(match["title"])
                title = heading_title(head, procedural=self.is_procedural(head), numbered=True)
                if title:
                    return title
        match = _COLON_RUN_IN.match(text)
        title = self._colon_title(match) if match else None
        if title:
            return title
        match = _SUBJECT.match(text)
        if match and self.is_procedural(match["subject"]) and not _PERSON_START.match(match["subject"]):
            return clean_title(match["subject"])
        return None

    def _colon_title(self, match: re.Match) -> str | None:
        """The label of "2. Choice of Convener: The Committee chose ...", if it is a title and what
        follows the colon is the minutes."""
        rest = match["rest"]
        if (match["title"].lower().strip() not in _METADATA_LABELS and not _PERSON_START.match(match["title"])
                and (len(rest.split()) >= 4 and (rest.endswith((".", "!", "?")) or _REPORTS_MEETING.search(rest)
                                                 or _MINUTES_VERB.search(rest) or re.search(r"\breceived\b", rest)
                                                 or _BODY_DOES.match(rest))
                     or _REPLY.match(rest.rstrip(". ")))):
            # "2. Choice of Convener: The Committee chose ...", "4. Written requests: None received": a label,
            # then the minutes; "To accept apologies: Apologies received from ...": a description as the label
            label = match["title"].strip()
            title = heading_title(label, procedural=self.is_procedural(label), numbered=True)
            if title is None and re.match(r"To\s+[a-z]+\s+\w", label) and len(label.split()) <= 12:
                title = label
            return title
        return None

    def _stands_alone(self, line: Line) -> bool:
        """Whether a line is a paragraph of its own: nothing wraps into it from the line below."""
        following = self.lines[line.index + 1] if line.index + 1 < len(self.lines) else None
        return following is None or following.blank_before > 0 or following.marker is not None

    def _continues_run(self, previous: Line, line: Line) -> bool:
        """Whether a numbered line stands alone with the next number after the item above it
        ("2. Apologies" then "3. declarations of interest"): the run numbers items, not a list."""
        above, number = _list_number(previous.text), _list_number(line.text)
        return (above is not None and number == above + 1 and line.blank_before > 0
                and _list_style(previous.text) == _list_style(line.text))

    def procedural_before(self, first_item: Line) -> list[tuple[Line, str | None, str, str]]:
        """"Apologies", "Declarations of Interest" as unnumbered headings above item 1 (Scottish minutes)."""
        items = []
        if self.single_page:
            return items  # an "Issue - meetings" page's own title stands above its items
        for line in self.lines[self.zone_end : first_item.index]:
            following = self.lines[line.index + 1] if line.index + 1 < len(self.lines) else None
            if line.blank_before == 0 or following is None or line.text.endswith(":") or line.marker:
                continue
            title = clean_title(line.text)
            separated = _SEPARATED.match(title)
            if separated and self.is_procedural(separated["title"]) and len(separated["title"].split()) <= 6 \
                    and heading_title(clean_title(separated["title"]), procedural=True):
                # "APOLOGIES – Councillors Faire and Roberts" above item 306: the heading and its minutes on one line
                items.append((line, None, clean_title(separated["title"]), "agenda.procedural_heading"))
                continue
            lowered = title.lower()
            # Straight under a "No. Item" table header, an unnumbered heading over prose is business
            # the meeting took before item 1 ("PRESENTATIONS"), whatever it is.
            first_in_table = self.zone_end > 0 and line.index == self._first_in_zone() and self.heading(line) is not None \
                and following.index < first_item.index and not self.is_description(following) \
                and (_PROSE_VERB.search(following.text) or _REPORTS_MEETING.search(following.text) or _MINUTES_VERB.search(following.text))
            if _MINUTE_LABEL.match(lowered) or not (self.is_procedural(title) or first_in_table) or len(title.split()) > 6:
                continue
            if heading_title(title, procedural=True) and not self.heading(following) and following.index < first_item.index \
                    and not _DATE_ONLY.match(following.text):  # "Minutes of the meeting held on" / "Monday 3rd October 2016": the page's title
                items.append((line, None, title, "agenda.procedural_heading" if self.is_procedural(title) else "agenda.heading_before_items"))
        return items

    def _first_in_zone(self) -> int | None:
        """Index of the first line of business under a "No. Item" table header."""
        for line in self.lines[self.zone_end :]:
            if not self.is_furniture(line) and not _ZONE_END.match(line.text):
                return line.index
        return None

    def _after_list_intro(self, line: Line) -> bool:
        """A numbered line in a list introduced by "...:" (an index of questions, a resolution's parts)."""
        position = line.index - 1
        style = _list_style(line.text)
        number = _list_number(line.text)
        while position >= 0 and (_NUMBER_TITLE.match(self.lines[position].text) and _list_style(self.lines[position].text) == style
                                 or PAGE_FOOTER.match(self.lines[position].text)):
            if not PAGE_FOOTER.match(self.lines[position].text):
                above = _list_number(self.lines[position].text)
                if number is not None and above is not None and number != above + 1:
                    return False  # "1. That ... 2. That ..." then "42. Performance ...": the numbering jumps, a new item
                number = above
            position -= 1  # a page footer ("- 1 -") between the list and what introduced it is no intro
        if position < 0:
            return False
        if number is not None and number > 1:
            return False  # a list under "...:" starts at 1; "88. DECLARATIONS" under "ABSENCE:" is an item
        previous = self.lines[position]
        return previous.text.endswith((":", ":-", "that", "–", "-")) and not self.is_furniture(previous)

    def marked(self) -> list[tuple[Line, str | None, str, str]]:
        """(line, number, title, rule) for items marked by "Minutes:"."""
        items = []
        window_start = self.zone_end
        for line in self.lines:
            text = line.text
            if text.lower().rstrip(" :") == "minutes" and text.endswith(":"):
                title_line, title = self._title_above(window_start, line.index)
                if title is None:
                    title = self._title_below(line.index) or self._unheaded_title_below(line.index) or "Untitled item"
                start_line = title_line or line
                items.append((start_line, None, title, "agenda.minutes_marker"))
                window_start = line.index + 1
                continue
            match = _INLINE_MINUTES.search(text)
            if match and match.start() > 0:
                after = text[match.end() :]
                before = clean_title(text[: match.start()])
                if not after or self.is_furniture_text(after):
                    continue
                title = self._title_from_cell(line, text[: match.start()])
                if title:
                    items.append((line, None, title, "agenda.table_cell"))
                    window_start = line.index + 1
            elif match and text[match.end():].strip() and line.index and window_start < line.index:
                # "TITLE Description ..." / "Minutes: what was done |": the cell's "Minutes:" wrapped to a line
                # of its own; the title opens the line above.
                above = self.lines[line.index - 1]
                if above.index >= window_start and not above.blank_before or above.index == window_start:
                    title = None if self.is_furniture(above) or "|" in above.text else self._title_from_cell(above, above.text)
                    if title:
                        items.append((above, None, title, "agenda.table_cell"))
                        window_start = line.index + 1
        return items

    def is_furniture_text(self, text: str) -> bool:
        return bool(_FURNITURE.match(text.strip()))

    def _title_above(self, first: int, marker: int) -> tuple[Line | None, str | None]:
        """The heading over a "Minutes:" marker: the last one before its description
        (on a single-item page, the first one: the page's own title)."""
        candidates = []
        first_description = None
        for line in self.lines[first:marker]:
            if self.is_description(line) and first_description is None and candidates:
                first_description = line.index
            if first_description is None:
                title = self.heading(line)
                if title:
                    candidates.append((line, title))
        if candidates:
            return candidates[0] if self.single_page else candidates[-1]
        for line in self.lines[first:marker]:
            if self.is_description(line):
                title = derived_title(line.text)
                if title:
                    return line, title
        return None, None

    def _unheaded_title_below(self, marker: int) -> str | None:
        """"Minutes: There were no declarations of interest.": the item whose heading was lost, named
        from the procedural business its minutes report."""
        following = self._next_content(marker)
        if following is None:
            return None
        for cue in self.unheaded_cues:
            if following.start <= cue.start <= min(following.end, following.start + 80):
                return cue.rule.get("title")
        return None

    def _title_below(self, marker: int) -> str | None:
        """"Martin Gray presented the overview report for ...": a title from the minutes' opening."""
        for line in self.lines[marker + 1 : marker + 4]:
            title = derived_title(line.text)
            if title:
                return title
        return None

    def _title_from_cell(self, line: Line, before: str) -> str | None:
        """The title part of "TITLE Description... Minutes: ..." in a flattened table cell."""
        cut = len(before)
        for cue in self.description_cues:
            offset = cue.start - line.start
            if 0 < offset < cut:
                cut = offset
                break
        title = clean_title(before[:cut])
        before = clean_title(before)
        if _DESCRIPTION_SENTENCE.match(before):
            title = before
            # "To confirm the minutes of the meeting held on 9 March 2023 (copy attached)." : the cell
            # holds only the description; it is the title.
            return heading_title(_CELL_NOTE.sub("", title).rstrip(". "), procedural=True, numbered=True)
        words = title.split()
        # "Urgent Business Urgent business, if any, ..." : the description starts
        # where the title's first word comes again.
        for position in range(1, len(words)):
            if words[position].lower() == words[0].lower():
                title = " ".join(words[:position])
                break
        while title and title.split()[-1].lower() in _SMALL_WORDS and len(title.split()) > 1:
            title = title.rsplit(None, 1)[0]
        opening = re.search(r"\s(?:The|This|These|Members|Councillors)\s", title)
        if opening and len(title[: opening.start()].split()) >= 2:
            title = title[: opening.start()]  # "Minutes of adjourned meeting The draft minutes ...": the description opens
        if title and heading_title(title, procedural=True) is None:
            # "Substitutes Any member who is substituting ..." : the description starts at the
            # capitalised word before the first lower-case content word.
            for position in range(1, len(words)):
                word = words[position]
                if word.lower() not in _SMALL_WORDS and word[:1].islower():
                    title = " ".join(words[: max(position - 1, 1)])
                    break
        while title and title.split()[-1].lower() in _SMALL_WORDS and len(title.split()) > 1:
            title = title.rsplit(None, 1)[0]
        return heading_title(title, procedural=True) if title else None

    def headed(self) -> list[tuple[Line, str | None, str, str]]:
        """(line, None, title, rule) for unnumbered headings and bare descriptions.

        On a whole-meeting page some items lose their headings in the copy: an
        item then opens where its minutes do, at a report of procedural
        business ("No interests were declared.") or at an agenda description
        ("To confirm ...") that follows the minutes of the item before.
        """
        items: list[tuple[Line, str | None, str, str]] = []
        open_item = False
        has_minutes = False  # the open item already has minutes of its own
        lines = self.lines
        previous_text = None
        for line in lines[self.zone_end :]:
            last = line.index == len(lines) - 1
            previous = lines[line.index - 1] if line.index else None
            if self.is_furniture(line):
                continue
            repeated, previous_text = line.text == previous_text, line.text
            title = self.heading(line)
            standalone = line.index == 0 or line.blank_before > 0 or (previous is not None and self.is_furniture(previous))
            if title and not standalone and previous is not None and line.index in self.paragraph_starts:
                # No blank line above, as in text taken from a PDF: a heading in capitals under
                # mixed-case text, or a procedural heading under a finished sentence.
                following = lines[line.index + 1] if line.index + 1 < len(lines) else None
                standalone = (title.isupper() and len(title) > 4 and not previous.text.isupper()
                              or self.is_procedural(title) and _ATTENDANCE_LABEL.match(previous.text)
                              or previous.text.endswith((".", "!", "?")) and (
                                  self.is_procedural(title)
                                  or len(title.split()) <= 8 and not _PERSON_START.match(title) and following is not None
                                  and len(following.text) > 40 and following.text.endswith(".") and not self.heading(following)))
            after_intro = previous is not None and previous.text.endswith((":", ":-")) and not self.is_furniture(previous)
            if title and line.text.endswith((":", ":-")):
                title = None  # "Matters arising:" labels a part of the item above
            if title and standalone and not after_intro and not last:
                following = lines[line.index + 1]
                if self.heading(following) and not self.is_description(following) and following.blank_before == 0:
                    continue
                if items and (self.sub_heading(line, title, items[-1], has_minutes) or _SECTION_LABEL.match(title)):
                    continue
                items.append((line, None, title, "agenda.heading"))
                open_item, has_minutes = True, False
                continue
            if title is None and standalone and self.label_layout and (label := self.label_heading(line)):
                items.append((line, None, label, "agenda.label_heading"))
                open_item, has_minutes = True, True
                continue
            if (title is None and standalone and not after_intro and _DOCUMENT_LINK.search(line.text) and (not items or has_minutes)
                    and (linked := clean_title(line.text)) and len(linked.split()) <= 20 and linked[:1].isupper()
                    and not _PROSE_VERB.search(linked)):
                # "To sign the minutes of the previous meeting pdf icon PDF 136 KB": the line carrying an
                # item's papers is its title, however it is worded
                items.append((line, None, linked, "agenda.heading"))
                open_item, has_minutes = True, False
                continue
            if self.is_description(line) and not open_item:
                title = derived_title(line.text)
                if title:
                    items.append((line, None, title, "agenda.description"))
                    open_item, has_minutes = True, False
                    continue
            in_preamble = not items and any(_ATTENDANCE.search(other.text) for other in lines[max(0, line.index - 4) : line.index])
            if standalone and not after_intro and not repeated and (not items or has_minutes) and not in_preamble:
                unheaded = self.unheaded(line, items[-1][2] if items else "")
                if unheaded:
                    items.append((line, None, *unheaded))
                    open_item, has_minutes = True, True
                    continue
            if line.text.endswith((".", "?", "!")) or len(line.text) > 80:
                # Prose closes the heading's description; a later bare
                # description then starts a new untitled item.
                open_item = open_item and not self.is_description(line)
            if not self.is_description(line):
                has_minutes = True
        return items

    def label_heading(self, line: Line) -> str | None:
        """The title of an item written as a label before its minutes ("Declarations of interest: none.")."""
        match = _LABEL_ITEM.match(line.text)
        if match and match["label"].lower().strip() == "minutes" and _EARLIER_MINUTES.search(match["rest"]):
            return clean_title(match["label"])  # "MINUTES: The minutes of the meeting held on 5 April were approved."
        if not match or match["label"].lower().strip() in _METADATA_LABELS or _PERSON_START.match(match["label"]):
            return None
        label = clean_title(match["label"])
        if self.is_procedural(label):
            return label
        return heading_title(label)

    def sub_heading(self, line: Line, title: str, above: tuple, has_minutes: bool) -> bool:
        """Whether a heading straight under an item's heading (no minutes between) heads a part of
        that item: "Questions to Councillor X, Cabinet Member for Y" under a questions item, or a
        plain heading over prose under an item that carries its report ("... pdf icon PDF 216 KB")."""
        above_line, above_title = above[0], above[2]
        if _QUESTIONS_ITEM.search(above_title) and _QUESTION_PART.match(title):
            return True
        if has_minutes or not _DOCUMENT_LINK.search(above_line.text) or _DOCUMENT_LINK.search(line.text):
            return False
        if self.is_procedural(above_title) or self.is_procedural(title):
            return False
        following = self._next_content(line.index)
        return following is not None and self.heading(following) is None and not self.is_description(following)

    def unheaded(self, line: Line, current: str) -> tuple[str, str] | None:
        """(title, rule) if ``line`` opens an item whose heading was lost: a report of procedural
        business the item above is not about, or an agenda description after the minutes above."""
        for cue in self.unheaded_cues:
            if cue.start < line.start or cue.start > min(line.end, line.start + 80):
                continue
            if any(word in current.lower() for word in cue.rule.get("keywords", ())):
                return None
            return cue.rule.get("title", "Untitled item"), cue.rule.id
        if self.is_description(line) and _DESCRIPTION_SENTENCE.match(line.text) and current:
            title = line.text.rstrip(".")
            if len(title) > 160:
                title = derived_title(line.text) or ""
            return (title, "agenda.description_after_minutes") if title else None
        return None

    def single(self) -> tuple[Line | None, str]:
        """The one item of a page with no structure: its title as best read."""
        for line in self.lines[:12]:
            if self.is_furniture(line):
                continue
            title = self.heading(line)
            if title is None and self.single_page and not self.is_description(line) and len(line.text.split()) <= 25:
                # An "Agenda item" page's first line is its item's title, however it is written
                # ("Notification of any items of business which the chair deems urgent").
                title = heading_title(line.text, procedural=True)
            if title and not _LABEL_LINE.match(line.text):
                return line, title
            break
        for line in self.lines[:40]:
            title = derived_title(line.text) if (self.is_description(line) or "presented" in line.text or "submitted" in line.text) else None
            if title:
                return line, title
        return None, "Untitled item"


def find_items(state: MinutesState, procedural_phrases: tuple[str, ...]) -> None:
    """Fill ``state.agenda_items`` and ``state.item_regions``."""
    finder = AgendaFinder(state, procedural_phrases)
    text_length = len(state.text)
    single_page = finder.single_page
    found = finder.numbered()
    if found:
        found = finder.procedural_before(found[0][0]) + found
    if not found:
        found = finder.marked()
    if not found:
        found = finder.headed()
        if single_page and found:
            found = found[:1]
    items: list[AgendaItem] = []
    regions: list[tuple[int, int]] = []
    by_number: dict[str, int] = {}
    for line, number, title, rule in found:
        if title is None:
            if number in by_number:  # a repeat of an item the layout checks dropped is no region of its own
                regions.append((line.start, by_number[number]))
            continue
        if number:
            by_number[number] = len(items)
        regions.append((line.start, len(items)))
        items.append(
            AgendaItem(number=number, title=title, start=line.start, end=text_length,
                       procedural=finder.is_procedural(title), rule=rule)
        )
    if not items:
        line, title = finder.single()
        items.append(AgendaItem(number=None, title=title, start=0, end=text_length,
                                procedural=finder.is_procedural(title), rule="agenda.whole_document"))
        regions.append((0, 0))
        state.warnings.append("no agenda structure recognised: the whole text is read as one untitled item"
                              if title == "Untitled item" else
                              f"no agenda headings found: the whole text is read as one item ({title!r})")
    firsts = sorted(item.start for item in items)
    for item in items:
        later = [s for s in firsts if s > item.start]
        item.end = later[0] if later else text_length
    if regions and regions[0][0] > 0 and len(items) == 1:
        regions[0] = (0, regions[0][1])
    state.agenda_items = items
    state.item_regions = sorted(regions)
    state.skip_ranges = (description_ranges(state.lines, items, finder) + decision_note_ranges(state.lines)
                         + furniture_ranges(state.lines, finder))
    first_start = min(item.start for item in items)
    if first_start > 0 and items[0].rule != "agenda.whole_document":
        state.skip_ranges.insert(0, (0, first_start))


def _reports_meeting(text: str) -> bool:
    """Whether a paragraph reports the meeting (was, had, submitted, presented ...) rather than
    describing the agenda ("has been received", "will be presented" are the agenda's)."""
    return bool(_REPORTS_MEETING.search(text) or _MINUTES_VERB.search(text))


def furniture_ranges(lines: list[Line], finder: AgendaFinder) -> list[tuple[int, int]]:
    """Page footers and running headers ("Page 1 of 3", "PLANNING COMMITTEE - 12 MARCH 2024") standing
    among the minutes: page furniture, not anything the meeting said or decided."""
    return [(line.start, line.end) for line in lines
            if is_page_footer(line.text) or _METADATA_LINE.match(line.text)
            or line.index > 0 and not _NUMBER_TITLE.match(line.text) and finder.is_meeting_heading(line)]


def description_ranges(lines: list[Line], items: list[AgendaItem], finder: AgendaFinder) -> list[tuple[int, int]]:
    """For each item with a "Minutes:" marker, the agenda text before it.

    What stands between an item's title and its "Minutes:" is the agenda's
    description ("The Committee is asked to: a) ..."): the report's
    recommendations, not anything the meeting said or decided.
    """
    ranges = []
    for item in items:
        for line in lines:
            if line.start < item.start or line.start >= item.end:
                continue
            if line.text.lower() in {"minutes:", "minutes :"}:
                ranges.append((item.start, line.end))
                break
            match = _INLINE_MINUTES.search(line.text)
            if match and match.start() > 0 and not finder.is_furniture_text(line.text[match.end():] or "x:"):
                ranges.append((item.start, line.start + match.end()))
                break
        else:
            ranges.extend(_unmarked_description(lines, item, finder))
    return ranges


def _unmarked_description(lines: list[Line], item: AgendaItem, finder: AgendaFinder) -> list[tuple[int, int]]:
    """An item's agenda description where no "Minutes:" marks its end: the paragraphs under
    the title that open as a description ("To approve ...", "Report of ...") and go on in the
    agenda's present tense ("members of the public may ask ...", "This report provides ...",
    "Members to declare any interests"), up to the first that reports the meeting."""
    block: tuple[int, int] | None = None
    for line in lines:
        if line.start < item.start:
            continue
        if line.start >= item.end:
            break
        if line.start == item.start and item.rule not in ("agenda.description_after_minutes", "agenda.description"):
            numbered = _NUMBER_TITLE.match(line.text)
            if numbered and _COLON_DESCRIPTION.match(numbered["title"]):
                block = (line.start, line.end)  # "3.0 Public Participation: to receive members of the public ...": its description
            continue  # the title line (or the number line above it)
        if _DECISION_LABEL.match(line.text) or _THAT_BE_DECIDED.match(line.text):
            break
        if finder.is_furniture(line) or block is None and (clean_title(line.text) == item.title or _MEETING_LINE.match(line.text)):
            continue
        if block is None:
            standing = (not line.marker and _STANDING.search(line.text) and not _PROSE_VERB.search(line.text)
                        and not _REPORTED_SPEECH.search(line.text))
            if not (finder.is_description(line) or standing) or _reports_meeting(line.text):
                break
            block = (line.start, line.end)
            continue
        if line.blank_before == 0 and not line.marker and not _reports_meeting(line.text):
            block = (block[0], line.end)  # the description's own wrapped line
            continue
        if (finder.is_description(line) or _AGENDA_TENSE.search(line.text)) and not _reports_meeting(line.text):
            block = (block[0], line.end)
            continue
        break
    return [block] if block else []


_DECISION_LABEL = re.compile(r"^(?:decisions?|resolved|agreed|resolution)\b", re.I)
# "That the minutes of the meeting held on 3 May be agreed.": the decision itself, however like a description it reads.
_THAT_BE_DECIDED = re.compile(r"^that\b.*\bbe\s+(?:\w+ed|\w+en|made|kept|held|set)\b", re.I)
# Agenda text speaks of what will or may happen, or of what a report does; minutes report the meeting.
_AGENDA_TENSE = re.compile(
    r"\b(?:may|must|should|will\s+be|is\s+(?:asked|requested|invited|recommended)|are\s+(?:asked|requested|invited|reminded)"
    r"|this\s+report|the\s+report\s+(?:provides|sets|includes|summarises|outlines|seeks|asks)|please\s+note"
    r"|members\s+to|to\s+be\s+(?:received|submitted|made)|(?:is|are)\s+provided|will\s+(?:consider|receive|be\s+asked))\b",
    re.I,
)
# Standing rules that may open an item's agenda text with no "To ..." before them, among them how the item
# runs ("A period of up to 15 minutes will be allowed ...", "... in writing three clear days before the meeting").
_STANDING = re.compile(
    r"\b(?:may|must|should|(?:is|are)\s+(?:provided|asked|requested|invited|reminded)|please\s+note"
    r"|(?:clear\s+|working\s+)?days?\s+before\s+the\s+meeting|period\s+of\s+up\s+to|up\s+to\s+\d+\s+minutes"
    r"|(?:this|the)\s+(?:report|paper|item)\s+(?:sets|provides|gives|summarises|outlines|asks|seeks|presents|updates|includes))\b", re.I)
_REPORTED_SPEECH = re.compile(
    r"\b(?:\w+ed|felt|said|thought|told|knew|sought)\s+(?:that|whether|if)\b"
    r"|\b(?:agreed|asked|decided|undertook|offered|requested|wished|wanted)\s+to\b", re.I)
_MINUTES_VERB = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bto )\b(?:submitted|presented|introduced|considered|noted|reported|discussed|explained|advised"
    r"|confirmed|stated|welcomed|thanked|queried|commented|suggested|proposed|informed|outlined|highlighted)\b", re.I)
_REPORTS_MEETING = re.compile(r"\b(?:was|were|had|did|resolved|agreed\s+(?:that|to))\b", re.I)


# The notes a decision record carries under its decision ("Reasons for decision:", "Alternative
# options considered and rejected:"): why it was taken and what was not chosen, never a new task.
_DECISION_NOTE = re.compile(
    r"^(?:reasons?\s+for\s+(?:the\s+)?(?:decisions?|recommendations?)|alternative\s+options\s+(?:considered|rejected)(?:\s+and\s+rejected)?)\s*[:.–-]?\s*",
    re.I,
)


def decision_note_ranges(lines: list[Line]) -> list[tuple[int, int]]:
    """Each decision note: its label line and the paragraph it heads (or the rest of its line)."""
    ranges = []
    for position, line in enumerate(lines):
        match = _DECISION_NOTE.match(line.text)
        if not match:
            continue
        end = line.end
        following = lines[position + 1 :]
        if match.end() >= len(line.text) and following:
            end = following[0].end  # the label stands alone: its note is the paragraph below
            following = following[1:]
        for other in following:
            if other.blank_before or other.marker:
                break
            end = other.end
        ranges.append((line.start, end))
    return ranges


@Language.factory(
    "minutes_agenda",
    assigns=["doc._.minutes", "doc.spans"],
    requires=["doc._.minutes", "doc.spans"],
)
def make_agenda(nlp: Language, name: str):
    """Meeting metadata and agenda items (after layout and cues)."""
    from .patterns import load_rules

    phrases = tuple(p for rule in load_rules(["agenda"]) if rule.get("procedural") for p in rule.phrases)
    return AgendaComponent(phrases)


class AgendaComponent:
    def __init__(self, procedural_phrases: tuple[str, ...]):
        self.procedural_phrases = tuple(sorted(procedural_phrases, key=len, reverse=True))

    def __call__(self, doc: Doc) -> Doc:
        state: MinutesState = doc._.minutes
        state.meeting = find_meeting(state.header, state.lines)
        find_items(state, self.procedural_phrases)
        if not state.meeting.title and len(state.agenda_items) == 1:
            state.meeting.title = state.agenda_items[0].title
            state.meeting.found["title"] = "agenda item"
        write_spans(doc, "agenda_items", state.agenda_items, lambda i: "AGENDA_ITEM")
        return doc

