"""Lines, paragraphs and sentences, read the way a person reads minutes.

Minutes copied from web pages, PDFs and Word files break lines in three ways:
hard (a new paragraph, bullet or heading), soft (a PDF wrapping a sentence)
and in between (a heading above its text). Sentences then run over bullets
("·", "•", "o", "(a)", "i)", "1)"), numbered paragraphs ("8.1") and
"RESOLVED –" blocks. This stage finds them all as character offsets; the
spans it writes are aligned to tokens for spaCy's sake.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .meeting import is_meeting_heading
from .state import Line, MinutesState, Sentence

# A list marker at the start of a line, and the white space after it.
_MARKER = re.compile(
    r"""^(?:
        [·•▪◦●○■□➢➤►✓✔§*\-–—]           # bullet characters
      | o(?=\s)                          # "o" bullets from Word
      | \(?[a-zA-Z]\)                    # (a) a)
      | \(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)   # (iv) iv)
      | \(?\d{1,2}\)                     # (1) 1)
      | \d{1,3}\.\d{1,2}\.?              # 8.1 numbered paragraphs
      | \d{1,2}\.(?=\s)                  # 1. list items
      | [a-z]\.(?=\s)                    # a. list items
    )[ \t]+(?=\S)""",
    re.X,
)
# Where a sentence may end inside a paragraph: terminal punctuation, closing
# quotes or brackets, white space, then something that can start a sentence.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*\s+(?=[A-Z0-9“‘"'(·•▪◦●§\-–])""")
# A "Minutes:" label inside a line (a flattened table cell "TITLE Minutes: prose")
# starts the minutes proper: what follows is a new sentence.
_INLINE_LABEL = re.compile(r"\s+Minutes\s*:\s+(?=\S)")
# Cells of a table flattened with "|" are read one by one.
_CELL_BREAK = re.compile(r"\s*\|\s*")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "cllr", "cllrs", "st", "no", "nos", "ref", "approx", "etc", "vs", "inc",
    "ltd", "co", "dept", "govt", "para", "paras", "p", "pp", "fig", "sec", "vol", "ext", "tel", "cf",
    "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "prof",
    "rev", "insp", "supt", "sgt", "e.g", "i.e", "eg", "ie", "viz", "min", "mins", "hon", "capt",
}
# Words that start a sentence far more often than they follow an initial.
_SENTENCE_OPENERS = {"in", "the", "it", "this", "there", "a", "an", "members", "he", "she", "they", "officers", "councillor", "cllr", "however", "following", "resolved", "agreed", "clarification", "assurance", "concern",
                     "mr", "mrs", "ms", "dr"}
_TERMINAL = re.compile(r"""[.!?:;]["'”’)\]]*$""")
_CONTINUES = {"the", "a", "an", "of", "and", "or", "to", "for", "in", "on", "with", "by", "at", "that", "which", "from", "as", "be", "is", "was", "were", "would", "will",
              "councillor", "cllr", "mr", "mrs", "ms", "dr"}  # a name broken after its title
_SOFT_WRAP_MIN = 50  # a line shorter than this that ends without punctuation is a heading or a label, not a wrap
_TRUNCATED_MIN_WORDS = 8
_WRAPPED_LINES_MIN = 5  # soft wraps into a lower-case word that make a text a hard-wrapped one
_WIDTH_SLACK = 12  # how much shorter than the wrap width a wrapped line may be (the next word did not fit)
# A page footer, or a running header or footer that ends in its page number after a gap
# ("Eastmoor Borough Council – Health Scrutiny Panel – 17 October 2023        Page 2").
PAGE_FOOTER = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|chair(?:man|person)?['’]?s\s+initials\b.*"
                         r"|[^\n]{10,120}?(?:\s{3,}|\t|\s[|–—-]\s)page\s+\d+(?:\s+of\s+\d+)?)$", re.I)


def is_page_footer(text: str) -> bool:
    """Whether a line is a page footer or a running header/footer ending in its page number."""
    lowered = text[:12].lower()
    if "page" not in text.lower() and not text.startswith("-") and not lowered.startswith("chair"):
        return False  # the quick test before the regular expression, which backtracks on long lines
    return PAGE_FOOTER.match(text) is not None


_PROSE = re.compile(r"\b(?:the|of|and|to|that|was|were|be|had|for|on|in|with)\b")


def split_lines(text: str) -> list[Line]:
    """Every non-blank line with its offsets and any leading list marker."""
    lines: list[Line] = []
    blank = 0
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank += 1
        else:
            start = position + (len(raw) - len(raw.lstrip()))
            end = start + len(stripped)
            marker_match = _MARKER.match(stripped)
            marker = marker_match.group(0).strip() if marker_match else None
            body = start + (marker_match.end() if marker_match else 0)
            lines.append(Line(len(lines), start, end, stripped, blank, marker, body))
            blank = 0
        position += len(raw) + 1
    return lines


def _wraps_into(line: Line, following: Line, width: int | None = None) -> bool:
    """Whether the break between two lines is a soft wrap inside one sentence.

    ``width`` is the measure a hard-wrapped (PDF) text breaks its lines at, if
    it is one: a prose line that long runs on even into a capital ("... the
    Portfolio / Holder for Finance advised").
    """
    if following.blank_before or following.marker:
        return False
    if _TERMINAL.search(line.text):
        return False
    last_word = line.text.rsplit(None, 1)[-1].lower()
    if line.text.endswith(",") or last_word in _CONTINUES:
        return True
    if len(line.text) >= _SOFT_WRAP_MIN and following.text[:1].islower():
        return True
    return (width is not None and len(line.text) >= width - _WIDTH_SLACK and "\t" not in line.text
            and "|" not in line.text and _PROSE.search(line.text) is not None)


def wrap_width(lines: list[Line]) -> int | None:
    """The line width of a text hard-wrapped mid-sentence (a PDF's), or None for text that is not."""
    wrapped = sorted(
        len(line.text) for line, following in zip(lines, lines[1:])
        if not following.blank_before and not following.marker and not _TERMINAL.search(line.text)
        and len(line.text) >= _SOFT_WRAP_MIN and following.text[:1].islower()
    )
    if len(wrapped) < _WRAPPED_LINES_MIN:
        return None
    return wrapped[len(wrapped) // 2]


def page_furniture(lines: list[Line]) -> set[int]:
    """Indexes of a PDF's page footers ("Page 2 of 4", "Chairman's initials ....") and the running
    header after them (repeated, or naming the meeting: "PLANNING COMMITTEE - 12 MARCH 2024"): they
    stand between the two halves of a sentence broken by a page, and are no sentence themselves."""
    furniture = {line.index for line in lines if is_page_footer(line.text)}
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    for index in sorted(furniture):
        following = index + 1
        while following < len(lines) and (following in furniture or counts[lines[following].text] > 1
                                           and not lines[following].blank_before and len(lines[following].text) < 100
                                           or is_meeting_heading(lines[following].text)):
            furniture.add(following)
            following += 1
    return furniture


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group lines into paragraphs, joining soft-wrapped ones, also across a page break."""
    width = wrap_width(lines)
    furniture = page_furniture(lines)
    groups: list[list[Line]] = []
    after_page_break = False
    for line in lines:
        if line.index in furniture:
            after_page_break = True
            continue
        if groups and _wraps_into(groups[-1][-1], line if not after_page_break else _without_gap(line), width):
            groups[-1].append(line)
        else:
            groups.append([line])
        after_page_break = False
    return groups


def _without_gap(line: Line) -> Line:
    """The line as if it followed on directly (the blank lines were the page's)."""
    return Line(line.index, line.start, line.end, line.text, 0, line.marker, line.body_start)


def _is_boundary(text: str, match: re.Match) -> bool:
    """Reject sentence ends after abbreviations and initials ("Mr. R. Lord")."""
    word = _word_ending_at(text, match.start()).lstrip("(“‘\"'").lower()
    if len(word) == 1 and word.isalpha():
        following = _WORD.match(text, match.end())
        return following is not None and following.group().lower().strip(",") in _SENTENCE_OPENERS
    return word.rstrip(".") not in _ABBREVIATIONS


_WORD = re.compile(r"\S+")


def _word_ending_at(text: str, position: int) -> str:
    """The last word before ``position``, read backwards: slicing off the text before it at every full stop is
    quadratic in a long paragraph."""
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def split_sentences(text: str, lines: list[Line]) -> list[Sentence]:
    """Sentences inside each paragraph, with list markers left outside them."""
    sentences: list[Sentence] = []
    for number, group in enumerate(paragraphs(lines)):
        first = group[0]
        start, end = first.body_start, group[-1].end
        chunk = text[start:end]
        cut = 0
        pieces = []
        ends = [
            (m.start() + len(m.group(0).rstrip()), m.end())
            for m in _SENTENCE_END.finditer(chunk)
            if _is_boundary(chunk, m)
        ]
        ends += [(m.start(), m.end()) for m in _INLINE_LABEL.finditer(chunk)]
        if "|" in chunk:
            ends += [(m.start(), m.end()) for m in _CELL_BREAK.finditer(chunk)]
        for end_of_sentence, next_start in sorted(ends):
            if end_of_sentence > cut:
                pieces.append((cut, end_of_sentence))
            cut = max(cut, next_start)
        pieces.append((cut, len(chunk)))
        for position, (a, b) in enumerate(pieces):
            if b > a:
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        start=start + a,
                        end=start + b,
                        paragraph=number,
                        line=first.index,
                        marker=first.marker if position == 0 else None,
                        first_in_paragraph=position == 0,
                    )
                )
    return sentences


def truncated_tail(text: str, sentences: list[Sentence]) -> int | None:
    """The start of a last sentence that the copy cut off mid-way, if any."""
    if not sentences:
        return None
    last = sentences[-1]
    tail = text[last.start : last.end]
    if _TERMINAL.search(tail):
        return None
    words = tail.split()
    # Prose (a lower-case word that is not a joining word) with no full stop
    # was cut off; a heading or a name standing last was not.
    prose = any(w[:1].islower() and w.lower() not in _CONTINUES for w in words)
    if len(words) >= _TRUNCATED_MIN_WORDS or words[-1][:1].islower() or (len(words) >= 4 and prose):
        return last.start
    return None


class TokenIndex:
    """Maps character offsets to token positions for one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        # a plain list: bisect on it is several times faster than numpy's searchsorted for one offset at a time
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []

    def token_at_or_after(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def token_before(self, offset: int) -> int:
        """Index one past the last token that starts before ``offset`` (the same search, read as an end)."""
        return self.token_at_or_after(offset)

    def span(self, start: int, end: int, label: str, span_id: str = "") -> Span | None:
        first = self.token_at_or_after(start)
        last = self.token_before(end)
        if last <= first:
            return None
        return Span(self.doc, first, last, label=label, span_id=span_id)


def write_spans(doc: Doc, group: str, records, label_of, rule_of=lambda r: getattr(r, "rule", "")) -> None:
    """Put records with character offsets into ``doc.spans[group]``."""
    index = doc._.minutes.tokens
    spans = [index.span(r.start, r.end, label_of(r), rule_of(r)) for r in records]
    doc.spans[group] = [s for s in spans if s is not None]


@Language.factory(
    "minutes_layout",
    assigns=["doc._.minutes", "doc.spans", "token.is_sent_start"],
)
def make_layout(nlp: Language, name: str):
    """Lines, paragraphs and sentences (the first stage)."""
    return layout_component


def layout_component(doc: Doc) -> Doc:
    state: MinutesState = doc._.minutes
    text = doc.text  # spaCy joins every token to make it: once, not per use
    if state is None:
        state = doc._.minutes = MinutesState(text=text)
    state.lines = split_lines(text)
    state.sentences = split_sentences(text, state.lines)
    state.sentence_starts = [s.start for s in state.sentences]
    state.sentence_paragraphs = [s.paragraph for s in state.sentences]
    state.truncated_from = truncated_tail(text, state.sentences)
    if state.truncated_from is not None:
        state.warnings.append("the text ends mid-sentence (cut off?): its last sentence was left out")
    index = state.tokens = TokenIndex(doc)
    # One array write: setting Token.is_sent_start checks Doc.has_annotation (a pass over the doc) each time.
    starts = doc.to_array("SENT_START")
    for sentence in state.sentences:
        first = index.token_at_or_after(sentence.start)
        if first < len(doc):
            starts[first] = 1
    doc.from_array(["SENT_START"], starts)
    write_spans(doc, "sentences", state.sentences, lambda s: "SENTENCE", lambda s: "")
    return doc
