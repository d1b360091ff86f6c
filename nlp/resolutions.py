"""Resolutions: the formal decisions ("RESOLVED – That ...", "AGREED that ...",
"The Committee agreed to ...", "Decision: ...", minutes "approved as a correct
record", "The report was noted."), and the decisions real minutes set down without
a RESOLVED: elections and appointments, "That ... be agreed." paragraphs, "it was
agreed that ..." after an opening clause, "Members were content to note ...",
passive decisions ("Payments for May were approved."), parish votes ("Proposed
..., seconded ... and unanimously approved").

One record per block: a "RESOLVED:" line, or a lead-in ending in a colon ("The
Committee noted the report and further:"), takes the lettered, numbered or plain
parts under it. A lead-in to discussion ("The following points were noted:-") and
an agenda's instruction ("To confirm as a correct record ...") decide nothing.
Its kind is the strongest thing any part does: recommended, then requested,
approved, noted, else other. Which rule does what lives in
``patterns/resolutions.jsonl`` (each rule with examples); this module holds the
mechanisms its ``position`` values name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .clauses import motion_as_moved, sentence_tokens, word_before
from .layout import write_spans
from .records import Resolution, ResolutionKind
from .state import MinutesState, Sentence

KIND_ORDER = (ResolutionKind.RECOMMENDED, ResolutionKind.REQUESTED, ResolutionKind.APPROVED, ResolutionKind.NOTED)
_BODY_WORDS = {"committee", "board", "panel", "sub-committee", "sub-panel", "group", "council", "cabinet", "meeting", "forum", "members", "executive", "councillors", "it",
               "commission", "partnership", "authority", "assembly"}
_OPENERS = {"resolved", "agreed", "decision", "decisions", "decided", "resolution", "resolutions"}
_SUBORDINATORS = {"once", "when", "until", "after", "before", "if", "whether", "unless", "until"}
_REPORTING = {"advised", "explained", "said", "stated", "confirmed", "reported", "replied", "responded", "informed", "indicated", "added"}
_INTRO_ENDINGS = (":", ":-", "that", "–", "-", "—", "to")
_LEAD_IN_ENDINGS = (":", ":-", ":–")
_PART_NUMBER = re.compile(r"^\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]$")  # (1) 2) a. (iv): a part's number, not "8.1" or a bullet
_NOT_A_SUBJECT = {"was", "were", "would", "is", "are", "will", "had", "has", "being", "could", "should", "may", "might", "be", "did"}
_NOTING = _REPORTING | {"noted", "heard", "told", "aware", "reminded", "understood"}
# What may follow a passive decision and still close it: "The recommendations were agreed as set out in the report."
_DECISION_TAIL = re.compile(r"^\W*(?:unanimously|without (?:amendment|dissent)|with(?:out)? (?:a )?vote|nem\.? con\.?|"
                            r"as (?:set out|presented|circulated|amended|printed|recommended|submitted|detailed|listed)\b[^;:]*|"
                            r"subject to\b[^;]*|by (?:a |the )?(?:majority|show of hands|general assent|consensus|all)\b[^;:]*|"
                            r"with (?:\w+ )?(?:members |councillors )?(?:voting|votes|in favour)\b[^;:]*)?"
                            r"\W*(?:\([^()]*\))?\W*$", re.I)  # "... was approved (7 for, 2 against)."
_PAST_EVENT = re.compile(r"\b(?:in|since|from|until) (?:19|20)\d\d\b|\blast (?:year|month)\b|\bpreviously\b|\bformerly\b", re.I)
_BARE_OPENER = {"it", "was", "is", "resolved", "agreed", "unanimously", "resolution", "that", "further", "also"}
_OPENING_PHRASE = {"following", "after", "upon", "on", "having", "with"}  # "Following discussion it was resolved ..."
_ASKING = {"asked", "enquired", "queried", "whether", "when", "why", "how", "if"}


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
    colons = [i for i, t in enumerate(opening) if t.text in {":", ":-"}]
    if colons and cue.rule.get("position") != "that_clause":
        opening = opening[colons[-1] + 1 :]  # "Schedule of payments: It was resolved to approve ...": a topic, then the decision
    commas = [i for i, t in enumerate(opening) if t.text == ","]
    # "In the absence of the Director, it was agreed that ...": an opening clause, then the decision
    after_clause = bool(commas) and commas[-1] == len(opening) - 1
    if commas and len(opening) - commas[-1] <= 5:
        opening = opening[commas[-1] + 1 :]  # "Following discussion, Members resolved ..."
        if opening and opening[0].lower_ == "and":
            opening = opening[1:]  # "..., and Members noted the information contained therein"
    before = [t for t in opening if not t.is_punct]
    position = cue.rule.get("position")
    if position == "any":
        return True
    if cue.rule.get("capitals") and not doc[cue.token_end - 1].is_upper:
        return False  # "RECOMMENDED that ...", not "recommended reading"
    if position == "alone":
        # "Noted." as a sentence of its own after a report: the decision and nothing else
        line_start = state.text.rfind("\n", 0, sentence.start) + 1
        line_end = state.text.find("\n", sentence.end)
        line_end = len(state.text) if line_end < 0 else line_end
        if state.text[line_start : sentence.start].strip() not in {"", sentence.marker or ""} or state.text[sentence.end : line_end].strip():
            return False  # "... Email about parking. Noted. Clerk to forward it.": a remark inside a line of business
        tokens = doc[first : sentence_tokens(state, sentence)[1]]
        colons = [t.i for t in tokens if t.text in {":", ":-"}]
        if colons and _headed_line(state, sentence):
            tokens = doc[colons[-1] + 1 : tokens.end]  # "3. Action points from the last meeting: Noted.": the item's title, then its decision
        words = [t for t in tokens if not t.is_space and not t.is_punct]
        return bool(words) and cue.token_start == words[0].i and cue.token_end == words[-1].i + 1 and not doc[cue.token_start].is_lower
    if position == "that_clause":
        return _that_clause(doc, state, sentence, first, cue)
    if position == "seconded":
        # "Proposed by Cllr A, seconded by Cllr B and unanimously approved": the vote closes the proposal
        words = {t.lower_ for t in doc[first : cue.token_start]}
        asked = state.text[sentence.start : sentence.end].rstrip().endswith("?")
        return not asked and bool(words & {"seconded", "proposed"}) and not words & (_REPORTING | _ASKING)
    if position == "body_lead_in":
        # "The Committee:-" alone, then "(a) noted the update; and": the body, then what it decided
        words = [t for t in doc[first : cue.token_end] if not t.is_space and not t.is_punct]
        if len(words) > 2 or (len(words) == 2 and words[0].lower_ != "the") or cue.end < sentence.end - 1:
            return False
        index = bisect.bisect_right(state.sentence_starts, sentence.start)
        following = state.sentences[index] if index < len(state.sentences) else None
        if following is None or state.item_at(following.start) != state.item_at(sentence.start):
            return False
        first_word = state.tokens.token_at_or_after(following.start)
        return any(c.token_start == first_word for c in following.cues_labelled("PART_VERB", "RESOLUTION_KIND")) and doc[first_word].is_lower
    if position == "closes_motion":
        # "Carried unanimously." after "It was proposed by Cllr A and seconded by Cllr B that ...": the vote
        # alone in its sentence decides the proposal before it
        words = [t for t in doc[first : sentence_tokens(state, sentence)[1]] if not t.is_space and not t.is_punct]
        return (bool(words) and cue.token_start == words[0].i and not doc[cue.token_start].is_lower
                and bool(_DECISION_TAIL.match(state.text[cue.end : sentence.end]))
                and _proposal_before(state, sentence) is not None)
    if position == "elected":
        words = {t.lower_ for t in doc[first : cue.token_start]}
        asked = state.text[sentence.start : sentence.end].rstrip().endswith("?")
        if _PAST_EVENT.search(state.text[sentence.start : sentence.end]):
            return False  # "Councillor Hale was elected to the Council in 2015": a life, not a decision of this meeting
        return not asked and not words & (_REPORTING | _ASKING | _SUBORDINATORS)
    if position == "end" and cue.rule.id == "res.motion_carried" and not _moved_before(state, sentence, cue.start):
        return False  # "Following debate, the motion was CARRIED." with no proposal in its paragraph: the quoted motion was only moved
    if position == "end":
        tail = doc[cue.token_end : sentence_tokens(state, sentence)[1]]
        clause = doc[max(first, cue.token_start - 6) : cue.token_start]
        commas = [t.i for t in clause if t.text == ","]
        if commas:
            clause = doc[commas[-1] + 1 : cue.token_start]  # "After a vote, the recommendation was approved": the opening is done
        if any(t.lower_ in _SUBORDINATORS for t in clause):
            return False  # "... would be circulated once the results were received": a condition, not a decision
        if any(t.lower_ == "that" and t.i > first and doc[t.i - 1].lower_ in _REPORTING for t in doc[first : cue.token_start]):
            return False  # "The Director advised that ... had been received": what was said
        if cue.rule.id == "res.passive_decision" and any(
                t.lower_ == "that" and t.i > first and doc[t.i - 1].lower_ in _NOTING for t in doc[first : cue.token_start]):
            return False  # "It was noted that the bid was approved": a fact reported, not a decision taken
        if cue.rule.id == "res.noted_passive" and cue.token_start > first and word_before(doc, cue.token_start).lower_ == "it":
            return False  # "The scheme must show a public benefit, it was noted.": a reported fact, tagged at its end
        if cue.rule.id == "res.passive_decision" and _PAST_EVENT.search(state.text[sentence.start : sentence.end]):
            return False  # "In 2019 the application was refused.": history, not this meeting's decision
        if any(t.lower_ == "following" for t in before) and state.text[sentence.start : sentence.end].rstrip().endswith((":", ":-")):
            return False  # "The following points were noted:-": a lead-in to the discussion's bullets, not a decision
        closes = all(t.is_punct or t.is_space for t in tail) or bool(
            _DECISION_TAIL.match(state.text[cue.end : sentence.end]))
        return closes and bool(before) and before[0].lower_ not in {"it", "this", "that", "no", "none", "nothing"}
    if position == "after_body":
        # "The Panel considered the report and agreed the recommendations": the body, what it did, then its decision
        words = [t.lower_ for t in doc[first : cue.token_start] if not t.is_space and not t.is_punct]
        body = words[1:2] if words[:1] == ["the"] else words[:1]
        if not body or body[0] not in _BODY_WORDS or len(words) > 14 or set(words) & (_ASKING | _REPORTING | {"that", "not"}):
            return False
        following = doc[cue.token_end].lower_ if cue.token_end < len(doc) else ""
        return following != "that" or doc[cue.token_end - 1].lower_ not in {"noted", "notes"}
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
        if cue.rule.id == "res.agreed" and word.text.islower() and not (after_clause and word.lower_ == "it"):
            return False
        if word.lower_ == "it" and after_clause and {t.lower_ for t in doc[first : cue.token_start]} & {"response", "reply", "answer", "responding", "replying"}:
            return False  # "In response, it was agreed that officers would ...": an answer given, not a decision
        return True
    if doc[cue.token_start].lower_ == "it" and cue.token_start > first and word_before(doc, cue.token_start).lower_ == "and" \
            and not {t.lower_ for t in doc[first : cue.token_start]} & (_ASKING | _REPORTING | _SUBORDINATORS | {"response", "reply", "answer"}):
        return True  # "Councillors considered the request and it was resolved that it be declined"
    if doc[cue.token_start].lower_ == "it" and before and before[0].lower_ in _OPENING_PHRASE and len(before) <= 6 \
            and not {t.lower_ for t in before} & (_ASKING | _REPORTING | _SUBORDINATORS | {"response", "reply", "answer"}) \
            and not _PAST_EVENT.search(state.text[sentence.start : sentence.end]):
        return True  # "Following discussion it was resolved that:", "On a show of hands it was agreed": an opening phrase, no comma
    if position == "start_or_body":
        words = [t.lower_ for t in before]
        return len(words) <= 4 and words[-1] in _BODY_WORDS and words[-2:] != ["chief", "executive"]
    return False


def _headed_line(state: MinutesState, sentence: Sentence) -> bool:
    """Whether a sentence opens its item's own line ("3. Correspondence: Noted."): what stands before its
    colon is the item's title."""
    return any(item.start <= sentence.start <= item.start + 12 for item in state.agenda_items if item.number)


def _that_clause(doc: Doc, state: MinutesState, sentence: Sentence, first: int, cue) -> bool:
    """"That the minutes of the meeting held on 3 May be agreed.": a paragraph of its own that opens
    "That" and decides with "be <verb>" is a decision whose RESOLVED label the page lost."""
    if word_before(doc, cue.token_start).text in {"to", "would", "will", "could", "may", "might", "can", "had", "has", "have"}:
        return False  # "... had fallen to be noted by officers": not the subjunctive "be" of a decision
    if first < len(doc) and doc[first].is_lower and sentence.marker and sentence.marker.strip("().") in {"a", "1", "i"}:
        # "(a) subject to ..., the work programme be approved;" then "(b) ...": the first of the parts whose
        # "RESOLVED that:" the page lost
        words = {t.lower_ for t in doc[first : cue.token_start]}
        return not words & _ASKING and not _reports(doc, first, cue.token_start) \
            and not state.text[sentence.start : sentence.end].rstrip().endswith("?")
    if first >= len(doc) or doc[first].text != "That" or not sentence.first_in_paragraph:
        return False
    following = [t for t in doc[first + 1 : cue.token_start] if not t.is_space]
    if not following or following[0].lower_ in _NOT_A_SUBJECT or following[0].is_punct:
        return False  # "That would be agreed later": a pronoun, not a decision's "That"
    if state.text[sentence.start : sentence.end].rstrip().endswith("?"):
        return False
    return not any(t.lower_ in _ASKING for t in following) and not _reports(doc, first, cue.token_start)


def _reports(doc: Doc, start: int, end: int) -> bool:
    """"The Director advised that ...": what someone said, not what was decided ("the items added at ..." is no report)."""
    return any(t.lower_ in _REPORTING and t.i + 1 < end and doc[t.i + 1].lower_ == "that" for t in doc[start:end])


def _agenda_infinitive(doc: Doc, state: MinutesState, sentence: Sentence) -> bool:
    """"To confirm as a correct record the minutes of ...", "To receive the report": what the agenda
    asks the meeting to do, printed above the minutes, not what it decided."""
    first, end = sentence_tokens(state, sentence)
    words = [t for t in doc[first:end] if not t.is_space][:2]
    return len(words) == 2 and words[0].text == "To" and words[1].is_lower and words[1].is_alpha and words[1].lower_ != "be"


def _discussion_lead_in(state: MinutesState, sentence: Sentence) -> bool:
    """"The following points were noted:-": a lead-in to discussion bullets, not a decision."""
    return bool(sentence.cues_labelled("DISCUSSION_LEAD_IN")) and \
        state.text[sentence.start : sentence.end].rstrip().endswith(_LEAD_IN_ENDINGS)


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
    if _agenda_infinitive(doc, state, sentence) or _discussion_lead_in(state, sentence):
        return None
    for cue in sentence.cues_labelled("RESOLUTION"):
        if cue.end > sentence.end and cue.rule.get("position") == "body":
            continue  # "10) Village Map/Notice Board" then "Resolved – ...": a heading's last word and the next line's opener
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
    lead_in = opening.rstrip().endswith(_LEAD_IN_ENDINGS) and not opener_only  # "The Committee noted the report and further:"
    for sentence in sentences[position + 1 :]:
        if state.item_at(sentence.start) != item:
            break
        same_paragraph = sentence.paragraph == paragraph
        fragment = text[sentence.start : sentence.end]
        if fragment[:1].islower() and not text[block[-1].start : block[-1].end].rstrip().endswith((".", "!", "?", ";", ":")):
            block.append(sentence)  # "... held on 14 May be" / "agreed as a correct record.": one sentence broken by a blank line
            paragraph = sentence.paragraph
            continue
        numbered = bool(first.marker and sentence.marker and _PART_NUMBER.match(first.marker) and _PART_NUMBER.match(sentence.marker))
        if not same_paragraph and (lead_in or numbered) and _part_like(doc, state, sentence):
            block.append(sentence)  # each part under the lead-in, lettered or not; "(1) The Panel noted ..." then "(2) That ..."
            paragraph = sentence.paragraph
            continue
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


def _part_like(doc: Doc, state: MinutesState, sentence: Sentence) -> bool:
    """A paragraph (listed, lettered or not) that reads as one part of a decision under a lead-in: a
    "that"/"to" clause, a lower-case continuation, or a verb whose subject is in the lead-in ("Requested that ...")."""
    fragment = state.text[sentence.start : sentence.end]
    if fragment.rstrip().endswith("?"):
        return False
    if fragment[:1].islower() or fragment.startswith(("That ", "To ", "(")):
        return True
    first, _ = sentence_tokens(state, sentence)
    return any(c.token_start == first for c in sentence.cues_labelled("PART_VERB", "RESOLUTION_KIND"))


def _ends_part(text: str, sentence: Sentence) -> bool:
    return text[sentence.start : sentence.end].rstrip().endswith((";", "; and", "and", ":"))


def classify(cues) -> str:
    """The resolution kind from the kind cues found inside its block."""
    kinds = {cue.rule.get("kind") for cue in cues}
    for kind in KIND_ORDER:
        if kind.value in kinds:
            return kind.value
    return ResolutionKind.OTHER.value


_OPENING_VERBS = {"agreed", "agrees", "agree", "resolved", "resolves", "decided", "decides"}
_BEFORE_PERSON_VERB = {"should", "also", "now", "then", "shall", "further"}
_NOT_A_SUBJECT_WORD = {"That", "The", "To", "A", "An", "This", "It", "RESOLVED", "AGREED", "Resolved", "Agreed"}
_SUBJECT_WORDS = {"officers", "officer", "clerk", "chair", "council", "committee", "panel", "board", "members", "executive"}


def _without_opener(doc: Doc, block: list[Sentence], kind_cues, fall_back: bool = True):
    """"AGREED that the report be noted", "The Committee agreed to note the report": the word that
    opens the decision says a decision was made, not what kind; what it decides does. ("The Committee
    recommends to Cabinet ..." keeps its kind: recommending is what it decides.)"""
    opening_sentences = block[:2] if _label_only(doc, block[0]) else block[:1]  # "Decision" then "The Committee agreed to note ..."
    openers = [c for s in opening_sentences for c in s.cues_labelled("RESOLUTION")
               if c.rule.id in {"res.agreed", "res.body_verb", "res.after_body"}]

    def opening(c) -> bool:
        inside = any(o.token_start <= c.token_start and c.token_end <= o.token_end for o in openers)
        return inside and all(t.lower_ in _OPENING_VERBS for t in doc[c.token_start : c.token_end])

    rest = [c for c in kind_cues if not opening(c)]
    return rest or (kind_cues if fall_back else [])


def _label_only(doc: Doc, sentence: Sentence) -> bool:
    """"Decision", "RESOLVED:" standing alone above the decision it labels."""
    words = [t.lower_ for t in doc.char_span(sentence.start, sentence.end, alignment_mode="expand") or () if t.is_alpha]
    return 0 < len(words) <= 2 and words[0] in _OPENERS


_DECLINING = (("not",), ("to", "take", "no"), ("to", "make", "no"), ("to", "do", "nothing"), ("no", "action"), ("no", "further", "action"))


def _declines(doc: Doc, sentence: Sentence) -> bool:
    """"Agreed – to take no further action", "RESOLVED not to proceed": a decision that decides against
    doing anything approves nothing (its kind is other)."""
    for cue in sentence.cues_labelled("RESOLUTION"):
        if cue.rule.id not in {"res.agreed", "res.resolved", "res.decision"}:
            continue
        following = [t.lower_ for t in doc[cue.token_end : cue.token_end + 8] if not t.is_space and not t.is_punct]
        if following[:1] == ["unanimously"]:
            following = following[1:]
        if any(tuple(following[: len(words)]) == words for words in _DECLINING):
            return True
    return False


def _kind_cues(doc: Doc, state: MinutesState, block: list[Sentence]):
    """The kind cues of a block that say what it decides: not a word inside a name ("the Community
    Support Manager"), and a bare verb only after whoever is told to act ("the Chair write to ...")."""
    cues = []
    opener_ends = {c.token_end for c in block[0].cues_labelled("RESOLUTION") if c.rule.id == "res.resolved"}
    preamble_end = _preamble_end(doc, state, block[0])
    for c in (c for s in block for c in s.cues_labelled("RESOLUTION_KIND", "RESOLUTION", "REQUEST_VERB") if c.rule.get("kind")):
        if c.token_end - c.token_start == 1 and _inside_a_name(doc, c.token_start):
            continue
        if c.rule.get("needs") == "person_before" and not _told_to_act(doc, c):
            continue
        needs = c.rule.get("kind_needs_words")
        if needs and not set(needs) & {t.lower_ for s in block for t in doc[sentence_tokens(state, s)[0] : sentence_tokens(state, s)[1]]}:
            continue  # "The bank reconciliation was noted and signed by the Chair": signed, but no record of a meeting
        if c.token_start < preamble_end and c.token_start >= sentence_tokens(state, block[0])[0]:
            continue  # "An application was received ... and it was resolved that ...": what led up to it, not what it decides
        if c.rule.id == "res.kind_requested" and doc[c.token_start].lower_ in {"request", "requests"} \
                and word_before(doc, c.token_start).lower_ in _NOUN_BEFORE:
            continue  # "considered a late request for a contribution": the request put to the meeting, not one it makes
        if c.rule.label == "RESOLUTION_KIND" and c.rule.get("kind") == "requested" and c.token_start in opener_ends \
                and doc[c.token_start].lower_ == "to":
            continue  # "It was resolved to submit the comments": the council decides to act itself
        cues.append(c)
    return cues


_NOUN_BEFORE = {"'s", "’s", "a", "an", "the", "this", "that", "his", "her", "their", "its", "late", "further", "any", "no", "such", "previous", "earlier"}


def _preamble_end(doc: Doc, state: MinutesState, sentence: Sentence) -> int:
    """The token where "... and it was resolved that" ends the account of what came before a decision
    inside its sentence ("Councillors considered the request and it was resolved that it be declined"),
    or -1 where the decision opens its sentence."""
    first, end = sentence_tokens(state, sentence)
    for cue in sentence.cues_labelled("RESOLUTION"):
        if cue.rule.id not in {"res.resolved", "res.agreed"} or cue.token_start <= first:
            continue
        if doc[cue.token_start].lower_ == "it" and word_before(doc, cue.token_start).lower_ == "and" \
                and len([t for t in doc[cue.token_end : end] if t.is_alpha]) >= 3:
            return cue.token_start
    return -1


def _inside_a_name(doc: Doc, i: int) -> bool:
    word = doc[i]
    before, after = i - 1, i + 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    while after < len(doc) and doc[after].is_space:
        after += 1  # "the Community Support\nManager": a name wrapped over two lines
    if not word.is_title or before < 0 or after >= len(doc):
        return False
    return doc[before].is_title and doc[before].is_alpha and doc[after].is_title and doc[after].is_alpha


def _told_to_act(doc: Doc, cue) -> bool:
    if not doc[cue.token_start].is_lower:
        return False  # "the Scrutiny Commission": a name, not the verb
    after = doc[cue.token_end].lower_ if cue.token_end < len(doc) else ""
    if after in {"be", "was", "were", "is", "are", "had", "has"}:
        return False  # "the Improvement Plan report be noted": a noun
    i = cue.token_start - 1
    infinitive = False
    while i >= 0 and (doc[i].is_space or doc[i].lower_ in _BEFORE_PERSON_VERB or doc[i].lower_ == "to"):
        infinitive = infinitive or doc[i].lower_ == "to"
        i -= 1
    if i < 0:
        return False
    word = doc[i]
    # "AV to action", "That CSW should write ...": parish minutes name councillors and the clerk by their initials
    initials = word.is_upper and 2 <= len(word) <= 4 and word.text not in _NOT_A_SUBJECT_WORD
    if not (word.is_alpha and (word.lower_ in _SUBJECT_WORDS or initials or (word.is_title and word.text not in _NOT_A_SUBJECT_WORD))):
        return False
    if infinitive:
        # "Resolved: Clerk to obtain three quotes": the one told to act opens the part; not "allow the Council to prepare"
        j = i - 1
        while j >= 0 and (doc[j].is_space or doc[j].lower_ == "the"):
            j -= 1
        return j < 0 or doc[j].is_punct
    return True


def _kind_from_form(doc: Doc, state: MinutesState, sentence: Sentence) -> str:
    """A decision whose words name no kind: "resolved that the Clerk submit the comments" tells an
    officer to do something (requested)."""
    for cue in sentence.cues_labelled("RESOLUTION"):
        if cue.rule.id not in {"res.resolved", "res.agreed", "res.decision", "res.body_verb"}:
            continue
        # "RESOLVED (unanimously) – That the Chief Executive write ...": skip a bracketed aside before the "that"
        following = [t for t in doc[cue.token_end : cue.token_end + 8] if not t.is_space and not t.is_punct]
        if following[:1] and following[0].lower_ in {"unanimously", "nem", "con"}:
            following = following[1:]
        if cue.rule.id == "res.resolved" and following[:1] and following[0].lower_ == "to" and len(following) > 1 and following[1].is_lower \
                and following[1].lower_ not in {"defer", "postpone", "adjourn"} and not {t.lower_ for t in following[1:5]} & {"no", "not"}:
            return ResolutionKind.APPROVED.value  # "It was resolved to renew the insurance": the council decides to act itself
        if following and following[0].lower_ == "that" and any(
                c.rule.label == "ROLE" and c.token_start > following[0].i and c.token_start - following[0].i <= 3
                for c in sentence.cues):
            return ResolutionKind.REQUESTED.value
    return ResolutionKind.OTHER.value


def _moved_before(state: MinutesState, sentence: Sentence, end: int) -> bool:
    """Whether a proposal ("moved", "proposed", "seconded") stands in the paragraph before ``end``."""
    index = bisect.bisect_right(state.sentence_starts, sentence.start) - 1
    start = sentence.start
    while index > 0 and state.sentences[index - 1].paragraph == sentence.paragraph:
        index -= 1
        start = state.sentences[index].start
    return bool(re.search(r"\b(?:proposed|moved|seconded)\b", state.text[start:end], re.I))


def _cut_part(state: MinutesState, block: list[Sentence]) -> list[Sentence]:
    """"a. the report be noted; and" then "b. the Charter be approved by the" where the page was cut: the
    cut part still says what kind of decision it is, though its words are not whole."""
    index = bisect.bisect_right(state.sentence_starts, block[-1].start)
    following = state.sentences[index] if index < len(state.sentences) else None
    if following is None or not state.truncated(following.start) or not _ends_part(state.text, block[-1]) \
            or state.item_at(following.start) != state.item_at(block[-1].start):
        return []
    return [following]


def _closes_a_motion(sentence: Sentence) -> bool:
    """"On being put to the vote the motion was carried.", "This was seconded by Cllr B and carried.", "All in
    favour.": the vote closes the proposal before it in its paragraph."""
    return any(c.rule.id in {"res.motion_carried", "res.vote_outcome", "res.vote_closes"} for c in sentence.cues_labelled("RESOLUTION"))


_MOTION = re.compile(r"\b(?:proposed|moved|seconded)\b", re.I)
# "Proposed: Cllr A", "Seconded by Cllr B", "Moved Cllr C": a motion set down a line at a time.
_MOTION_LINE = re.compile(r"^(?:it\s+was\s+)?(?:proposed|moved|seconded)\b", re.I)
_PROPOSAL_REACH = 3  # sentences a vote's outcome may stand after the proposal it closes


def _proposal_before(state: MinutesState, sentence: Sentence) -> int | None:
    """The index of the first sentence of the proposal a vote ("Agreed.", "Carried unanimously.") closes: up to
    three sentences back in its paragraph, or lines of their own that set the motion down ("Proposed: Cllr A" /
    "Seconded: Cllr B"), in the same item and not already taken; None if no proposal stands there."""
    sentences = state.sentences
    position = bisect.bisect_left(state.sentence_starts, sentence.start)
    item = state.item_at(sentence.start)
    first = position
    paragraph = sentence.paragraph
    while first > 0 and position - first < _PROPOSAL_REACH:
        previous = sentences[first - 1]
        text = state.text[previous.start : previous.end]
        if previous.role or state.item_at(previous.start) != item:
            break
        if previous.paragraph != paragraph and not _MOTION_LINE.match(text):
            break
        first -= 1
        paragraph = previous.paragraph
    proposal = state.text[sentences[first].start : sentence.start] if first < position else ""
    return first if _MOTION.search(proposal) else None


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
            words = set(re.findall(r"[a-z]+", resolution.text.lower()))
            # "Councillor A asked that the answer be included and this was agreed": a request granted in the
            # discussion, before the item's formal decision
            narrated = resolution.kind == "noted" or bool(words & {"moved", "seconded", "proposed", "carried"}) or (
                resolution.rule == "res.passive_decision" and bool(words & {"asked", "requested", "suggested"}))
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
    def _proposal_start(state: MinutesState, sentences: list[Sentence], position: int, start: int) -> int:
        """"Cllr A proposed that the budget be approved; seconded by Cllr B. Agreed.": a bare "Agreed." or
        "Resolved." closes the proposal before it in its paragraph, and the decision starts there."""
        sentence = sentences[position]
        words = re.findall(r"[^\W\d_]+", state.text[sentence.start : sentence.end])
        if (len(words) > 2 and not _closes_a_motion(sentence)) or start != sentence.start:
            return start
        first = _proposal_before(state, sentence)
        return state.sentences[first].start if first is not None else start

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
        # An item's own heading ("27 RESOLUTIONS OF THE SCRUTINY COMMITTEE") names business; it decides nothing.
        # An item opened at its business because its heading was lost starts at that business, not at a heading.
        # "ELECTION OF CHAIR: Cllr Reed was elected ...": a label's line holds its item's minutes too.
        headings = {item.start for item in state.agenda_items if (item.number or len(item.title.split()) > 2)
                    and not item.rule.startswith("agenda.unheaded") and item.rule != "agenda.label_heading"}
        while position < len(sentences):
            sentence = sentences[position]
            opens = not state.skipped(sentence.start) or self._decision_label(doc, state, sentence)
            opens = opens and sentence.start not in headings
            # "Wasn't it agreed that the hedge would be cut?": a question about a decision, not one
            opens = opens and not state.text[sentence.start : sentence.end].rstrip().endswith("?")
            found = None if sentence.role or not opens else resolution_start(doc, state, sentence)
            if not found:
                position += 1
                continue
            rule, start = found
            if rule == "res.vote_outcome" and position and sentences[position - 1].role == "resolution" \
                    and state.item_at(sentences[position - 1].start) == state.item_at(sentence.start):
                position += 1  # "It was resolved to approve payments. Proposed Cllr A, seconded Cllr B, all in favour.": its vote
                continue
            if rule == "res.correct_record" and _signature(state, sentence):
                position += 1
                continue
            block = _block(doc, state, sentences, position)
            end = block[-1].end
            start = self._proposal_start(state, sentences, position, start)
            if rule in {"res.resolved", "res.agreed"} and state.text[start:end].rstrip().endswith(_LEAD_IN_ENDINGS + ("–", "-")) and not [w for w in re.findall(r"[^\W\d_]{2,}", state.text[start:end].lower())
                                                              if w not in _BARE_OPENER]:
                position += len(block)  # "IT WAS resolved:" and the page cut off before what was resolved
                continue
            if rule == "res.decision" and len(re.findall(r"[^\W\d_]{2,}", state.text[start:end])) < 2:
                position += len(block)  # "Decision |" heading a table's column: a label with nothing decided
                continue
            taken = len(block)
            block = [s for s in sentences[max(0, position - 3) : position] if s.start >= start] + block  # the proposal it closes
            cues = _kind_cues(doc, state, block + _cut_part(state, block))
            kind = classify(_without_opener(doc, block, cues))
            if _declines(doc, block[0]) and kind == classify(cues) and not _without_opener(doc, block, cues, fall_back=False):
                kind = ResolutionKind.OTHER.value  # "Agreed – to take no further action on the application": nothing approved
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
            position += taken
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
