"""Resolutions: the formal decisions ("RESOLVED – That ...", "AGREED that ...",
"The Committee agreed to ...", "Decision: ...", minutes "approved as a correct
record", "The report was noted.").

One record per block: a "RESOLVED:" line takes the lettered or numbered parts
under it ("(a) ... (b) ..."). Its kind is the strongest thing any part does:
recommended, then requested, approved, noted, else other.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .clauses import motion_as_moved, sentence_tokens
from .layout import write_spans
from .records import Resolution, ResolutionKind
from .state import MinutesState, Sentence

KIND_ORDER = (ResolutionKind.RECOMMENDED, ResolutionKind.REQUESTED, ResolutionKind.APPROVED, ResolutionKind.NOTED)
_BODY_WORDS = {"committee", "board", "panel", "sub-committee", "council", "cabinet", "meeting", "forum", "members", "executive", "councillors", "it",
               "commission", "partnership", "authority", "assembly"}
_OPENERS = {"resolved", "agreed", "decision", "decisions", "decided", "resolution", "resolutions"}
_SUBORDINATORS = {"once", "when", "until", "after", "before", "if", "whether", "unless", "until"}
_REPORTING = {"advised", "explained", "said", "stated", "confirmed", "reported", "replied", "responded", "informed", "indicated", "added"}
_INTRO_ENDINGS = (":", ":-", "that", "–", "-", "—", "to")


@dataclass
class Part:
    """A lettered or numbered part of a resolution, or the whole of a one-part one."""

    start: int
    end: int
    resolution: int


def _opens_sentence(doc: Doc, state: MinutesState, sentence: Sentence, cue) -> bool:
    """Whether a resolution cue stands where decisions are written."""
    first, _ = sentence_tokens(state, sentence)
    opening = [t for t in doc[first : cue.token_start] if not t.is_space]
    commas = [i for i, t in enumerate(opening) if t.text == ","]
    if commas and len(opening) - commas[-1] <= 5:
        opening = opening[commas[-1] + 1 :]  # "Following discussion, Members resolved ..."
        if opening and opening[0].lower_ == "and":
            opening = opening[1:]  # "..., and Members noted the information contained therein"
    before = [t for t in opening if not t.is_punct]
    position = cue.rule.get("position")
    if position == "any":
        return True
    if position == "end":
        tail = doc[cue.token_end : sentence_tokens(state, sentence)[1]]
        if any(t.lower_ in _SUBORDINATORS for t in doc[max(first, cue.token_start - 6) : cue.token_start]):
            return False  # "... would be circulated once the results were received": a condition, not a decision
        if any(t.lower_ == "that" and t.i > first and doc[t.i - 1].lower_ in _REPORTING for t in doc[first : cue.token_start]):
            return False  # "The Director advised that ... had been received": what was said
        if any(t.lower_ == "following" for t in before) and state.text[sentence.start : sentence.end].rstrip().endswith((":", ":-")):
            return False  # "The following points were noted:-": a lead-in to the discussion's bullets, not a decision
        return all(t.is_punct or t.is_space for t in tail) and bool(before) and before[0].lower_ not in {"it", "this", "that", "no", "none", "nothing"}
    if position == "body":
        words = [t.lower_ for t in before]
        if len(words) > 3 or (words and words[0] not in {"the", "all", "township", "area", "scrutiny"} and not before[0].is_title):
            return False
        if doc[cue.token_start].lower_ == "executive" and cue.token_start > 0 and doc[cue.token_start - 1].lower_ == "chief":
            return False  # "The Chief Executive agreed to review ...": an officer, not the Executive deciding
        verb = doc[cue.token_end - 1].lower_
        following = doc[cue.token_end].lower_ if cue.token_end < len(doc) else ""
        if verb in {"noted", "notes"} and following == "that":
            return False  # "The Committee noted that [a fact]" is a comment
        return True
    if position == "label":
        following = doc[cue.token_end].text if cue.token_end < len(doc) else ""
        alone = cue.end == sentence.end or not state.text[cue.end : sentence.end].strip()
        return not before and (following in {":", ":-", "–", "-", "—"} or alone)
    # "start" and "start_or_body": the cue opens the sentence ("RESOLVED –",
    # "It was agreed"), or, for "agreed", follows the body that agreed.
    if not before:
        word = doc[cue.token_start]
        if cue.rule.id == "res.agreed" and word.text.islower():
            return False
        return True
    if position == "start_or_body":
        words = [t.lower_ for t in before]
        return len(words) <= 4 and words[-1] in _BODY_WORDS and words[-2:] != ["chief", "executive"]
    return False


def _formal_marker(doc: Doc, state: MinutesState, sentence: Sentence, cue) -> bool:
    """"RESOLVED" / "AGREED" in capitals, or "agreed" closing a seconded motion, anywhere in the sentence."""
    word = doc[cue.token_start]
    if cue.rule.id in {"res.resolved", "res.agreed"} and word.is_upper and len(word) > 3:
        return True
    if cue.rule.id in {"res.agreed", "res.resolved"}:
        # "Proposed by Cllr A, seconded by Cllr B and resolved that ...": the vote's outcome
        first, _ = sentence_tokens(state, sentence)
        return any(t.lower_ == "seconded" for t in doc[first : cue.token_start])
    return False


def resolution_start(doc: Doc, state: MinutesState, sentence: Sentence):
    """(rule id, offset the resolution starts at) when the sentence records a decision."""
    for cue in sentence.cues_labelled("RESOLUTION"):
        if _formal_marker(doc, state, sentence, cue):
            before = state.text[sentence.start : cue.start]
            # "Proposed Cllr A, seconded Cllr B, all in favour – RESOLVED to ...": the decision starts at RESOLVED.
            token = cue.token_start
            # ... and "UNANIMOUSLY RESOLVED" keeps its capitals together
            while token > 0 and doc[token - 1].is_upper and doc[token - 1].is_alpha and doc[token - 1].idx >= sentence.start:
                token -= 1
            # Only a motion's preamble ("Proposed ..., seconded ... – RESOLVED") stays outside;
            # "It was RESOLVED", "The recommendations were AGREED" are the decision's own words.
            preamble = before.rstrip()[-1:] in {"–", "-", "—", ",", ":", ";"}
            start = doc[token].idx if doc[cue.token_start].is_upper and preamble else sentence.start
            return cue.rule.id, start
    rule = _is_resolution_start(doc, state, sentence)
    if rule and motion_as_moved(state, sentence):
        return None  # "It was moved by X: “This Council notes ...”": proposed; the RESOLVED after the vote decides
    return (rule, sentence.start) if rule else None


def _is_resolution_start(doc: Doc, state: MinutesState, sentence: Sentence) -> str | None:
    for cue in sentence.cues_labelled("RESOLUTION"):
        if _opens_sentence(doc, state, sentence, cue):
            return cue.rule.id
    return None


def _block(doc: Doc, state: MinutesState, sentences: list[Sentence], position: int) -> list[Sentence]:
    """The sentences of one resolution: its own, plus the parts listed under it."""
    text = state.text
    first = sentences[position]
    block = [first]
    item = state.item_at(first.start)
    intro = text[first.start : first.end].rstrip().lower().endswith(_INTRO_ENDINGS)  # "RESOLVED – That" above its parts
    words = text[first.start : first.end].strip(" :-–—").split()
    opener_only = len(words) <= 2 and words and words[0].lower().strip(":-–") in _OPENERS
    opening = text[first.start : first.end]
    lettered = any(mark in opening for mark in ("(a)", "(1)", "(i)", " a)", " 1)", " i)"))
    paragraph = first.paragraph
    for sentence in sentences[position + 1 :]:
        if state.item_at(sentence.start) != item:
            break
        same_paragraph = sentence.paragraph == paragraph
        fragment = text[sentence.start : sentence.end]
        is_part = bool(sentence.marker) or fragment.startswith(("That ", "that ")) or fragment[:3] in {"(a)", "(b)", "(c)", "(d)", "(e)"}
        if same_paragraph and (is_part or intro or opener_only or block[-1] is first and fragment[:1] == "("):
            block.append(sentence)
            continue
        if not same_paragraph and opener_only and len(block) == 1:
            block.append(sentence)  # "Decision:" then "RESOLVED: That Cabinet ..."
            paragraph = sentence.paragraph
            intro = text[sentence.start : sentence.end].rstrip().lower().endswith(_INTRO_ENDINGS)
            continue
        if not same_paragraph and not (intro or opener_only or lettered) and resolution_start(doc, state, sentence):
            break  # the next part is a decision of its own ("d) Members noted ...")
        if not same_paragraph and is_part and (intro or opener_only or (lettered and len(block) >= 1 and sentence.marker) or _ends_part(text, block[-1])):
            block.append(sentence)
            paragraph = sentence.paragraph
            continue
        if not same_paragraph and (intro or opener_only) and len(block) == 1:
            block.append(sentence)
            paragraph = sentence.paragraph
            intro = text[sentence.start : sentence.end].rstrip().lower().endswith(_INTRO_ENDINGS)
            continue
        break
    return block


def _ends_part(text: str, sentence: Sentence) -> bool:
    return text[sentence.start : sentence.end].rstrip().endswith((";", "; and", "and", ":"))


def classify(cues) -> str:
    """The resolution kind from the kind cues found inside its block."""
    kinds = {cue.rule.get("kind") for cue in cues}
    for kind in KIND_ORDER:
        if kind.value in kinds:
            return kind.value
    return ResolutionKind.OTHER.value


def _without_opener(block: list[Sentence], kind_cues):
    """"AGREED that the report be noted", "The Committee agreed to note the report": the word that
    opens the decision says a decision was made, not what kind; what it decides does."""
    openers = [c for c in block[0].cues_labelled("RESOLUTION") if c.rule.id in {"res.agreed", "res.body_verb"}]
    rest = [c for c in kind_cues if not any(o.token_start <= c.token_start and c.token_end <= o.token_end for o in openers)]
    return rest or kind_cues


def _kind_from_form(doc: Doc, state: MinutesState, sentence: Sentence) -> str:
    """A decision whose words name no kind: "resolved that the Clerk submit the comments" tells an
    officer to do something (requested)."""
    for cue in sentence.cues_labelled("RESOLUTION"):
        if cue.rule.id not in {"res.resolved", "res.agreed", "res.decision", "res.body_verb"}:
            continue
        following = [t for t in doc[cue.token_end : cue.token_end + 4] if not t.is_space and not t.is_punct]
        if following and following[0].lower_ == "that" and any(
                c.rule.label == "ROLE" and c.token_start > cue.token_end and c.token_start - cue.token_end <= 4
                for c in sentence.cues):
            return ResolutionKind.REQUESTED.value
    return ResolutionKind.OTHER.value


def _signature(state: MinutesState, sentence: Sentence) -> bool:
    """"Approved and signed as a correct record ..." with only the Chair's signature
    line after it: the minutes' own sign-off, not a decision of the meeting."""
    opening = state.text[sentence.start : sentence.end].split(None, 1)[0].lower()
    if opening not in {"approved", "signed", "confirmed", "agreed"}:
        return False
    rest = state.text[sentence.end :]
    return len([w for w in rest.split() if any(c.isalpha() for c in w)]) <= 6


def _formal_block(doc: Doc, state: MinutesState, sentence: Sentence) -> bool:
    """Whether a block opens with the formal word in capitals ("RESOLVED", "AGREED", "DECISION")."""
    return any(c.rule.id in {"res.resolved", "res.agreed", "res.decision"} and doc[c.token_start].is_upper
               and len(doc[c.token_start]) > 3 for c in sentence.cues_labelled("RESOLUTION"))


class ResolutionFinder:
    @staticmethod
    def _drop_superseded(state: MinutesState, formal: list[bool]) -> None:
        """"Members noted ...", "It was moved and seconded ... this was agreed" before
        the item's RESOLVED block: discussion and the vote; the RESOLVED records the decision.
        A decision of its own ("The Panel agreed to hold a site visit") stays."""
        keep = []
        for index, resolution in enumerate(state.resolutions):
            later = any(formal[j] and state.resolutions[j].item == resolution.item for j in range(index + 1, len(formal)))
            words = set(resolution.text.lower().split())
            narrated = resolution.kind == "noted" or bool(words & {"moved", "seconded", "proposed"})
            keep.append(formal[index] or not later or not narrated)
        if all(keep):
            return
        renumber = {old: new for new, old in enumerate(i for i, k in enumerate(keep) if k)}
        for part in state.resolution_parts:
            if part.resolution not in renumber:
                sentence = state.sentence_at(part.start)
                if sentence is not None:
                    sentence.role = None
        state.resolution_parts = [Part(p.start, p.end, renumber[p.resolution]) for p in state.resolution_parts if p.resolution in renumber]
        state.resolutions = [r for r, k in zip(state.resolutions, keep) if k]

    @staticmethod
    def _decision_label(doc, state, sentence) -> bool:
        if state.truncated(sentence.start):
            return False
        return any(c.rule.id in {"res.resolved", "res.decision"} and (c.start == sentence.start or doc[c.token_start].is_upper)
                   for c in sentence.cues)

    def __call__(self, doc: Doc) -> Doc:
        state: MinutesState = doc._.minutes
        # Decision notices print "RESOLVED" / "Decision:" above "Minutes:", in
        # what is otherwise agenda text; those still count.
        # Its parts ("(1) approves ...") stand there too, so a block may take
        # skipped sentences, but only a label or unskipped text opens one.
        sentences = [s for s in state.sentences if not state.truncated(s.start)]
        parts: list[Part] = []
        formal: list[bool] = []
        position = 0
        while position < len(sentences):
            sentence = sentences[position]
            opens = not state.skipped(sentence.start) or self._decision_label(doc, state, sentence)
            found = None if sentence.role or not opens else resolution_start(doc, state, sentence)
            if not found:
                position += 1
                continue
            rule, start = found
            if rule == "res.correct_record" and _signature(state, sentence):
                position += 1
                continue
            block = _block(doc, state, sentences, position)
            end = block[-1].end
            cues = [c for s in block for c in s.cues_labelled("RESOLUTION_KIND", "RESOLUTION") if c.rule.get("kind")]
            kind = classify(_without_opener(block, cues))
            if kind == ResolutionKind.OTHER.value:
                kind = _kind_from_form(doc, state, block[0])
            index = len(state.resolutions)
            state.resolutions.append(
                Resolution(item=state.item_at(start), text=state.text[start:end], kind=kind, start=start, end=end, rule=rule)
            )
            formal.append(_formal_block(doc, state, block[0]))
            for member in block:
                member.role = "resolution"
                parts.append(Part(member.start, member.end, index))
            position += len(block)
        state.resolution_parts = parts
        self._drop_superseded(state, formal)
        write_spans(doc, "resolutions", state.resolutions, lambda r: "RESOLUTION")
        return doc


@Language.factory(
    "minutes_resolutions",
    assigns=["doc._.minutes", "doc.spans"],
    requires=["doc._.minutes"],
)
def make_resolutions(nlp: Language, name: str):
    """RESOLVED / AGREED / Decision blocks and their kinds."""
    return ResolutionFinder()
