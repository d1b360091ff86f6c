"""Responses: the answers given at the meeting, each linked to its question.

How sure a cue is decides what it needs around it:
- strong ("In response, ...", "The Leader replied ...") is an answer on its
  own; if no question is open, the sentence just before it becomes one (an
  officer "responded" to something: "It was noted that parents had reported
  a stigma. In response, ...");
- medium ("Assurance was given that ...", "Members were informed that ...")
  needs a question shortly before it;
- weak ("It was confirmed that ...", "it was noted that ...") and speaker
  verbs ("The Chair noted that ...", "The Cabinet Member informed members
  ...") need a question open just before, and a speaker who is not the asker.
A response answers the latest unanswered question of its item (else the
latest question); it runs on over the sentences of its paragraph that add to it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .clauses import clause_start, word_before as _word_before, question_complement, sentence_tokens, subject_before
from .layout import write_spans
from .names import person_kind, person_or_none
from .patterns import load_rules
from .questions import quoted_after
from .records import Question, Response
from .state import MinutesState, Sentence

_ANSWER_LABEL = re.compile(
    r"^(?:(?:supplementary|written|oral)\s+)?(?:(?:answer|response|reply)\b\s*\d*|a(?=\d*\s*:))\s*\d*\s*(?:\([^)]*\))?\s*"
    r"(?:(?:[–-]\s*(?:from\s+)?|\s(?:from|by)\s+)(?P<responder>(?:the\s+)?[A-Za-z][^:.]{0,120}?))?\s*(?:[:.–-]|$)",
    re.I,
)
# "A – ..." / "A: ..." under a "Q – ...?" line.
_SHORT_ANSWER = re.compile(r"^A\s*[–:.-]\s+\S")
# "Reply from Councillor Patricia Lennon, Leader of the Council" on a line of its own.
_REPLY_FROM = re.compile(
    r"^(?:(?:supplementary|written)\s+)?(?:answer|response|reply)\s+(?:from|by)\s+(?P<responder>[A-Z][^:.\n]{0,100}?)\s*:?\s*$",
    re.I,
)
# Who asks rather than answers, when they open a sentence.
_ASKING_BODIES = {"members", "member", "councillors", "councillor", "cllr", "a", "one", "another", "committee", "the", "it", "there", "board", "panel"}
_RECENT_PARAGRAPHS = 2
# "Mrs Evans: No agenda on the notice board this time.": a speaker's words set down after their name
_SPEAKER_COLON = re.compile(r"^\s*(?P<who>[^:\n]{2,60}?)\s*:\s+\S")
# Residents are named with a title; members as "Councillor" / "Cllr".
_PUBLIC_TITLES = {"mr", "mrs", "ms", "miss", "dr"}
# A councillor named with one of these in the item answers for it.
_OFFICE_WORDS = ("introduced", "presented", "cabinet member", "portfolio holder", "lead member", "executive member", "leader of")
_STRENGTH_ORDER = {"strong": 0, "answer_word": 1, "medium": 2, "weak": 3, "speaker": 4, "commitment": 5}


# "asked for", "requested": a request that an answer in the same sentence turns into a question.
_REQUEST_VERBS = {"asked", "requested", "sought", "wanted", "wished"}
_OPENING_QUOTES = {"“", '"', "‘", "'"}
_CASES = {"call", "call-in", "motion", "deputation", "petition", "debate", "amendment"}
_PLAIN_STOPWORDS = {
    "about", "after", "also", "asked", "been", "being", "could", "does", "from", "have", "into", "more", "much", "many",
    "should", "than", "that", "their", "there", "these", "they", "this", "those", "were", "what", "when", "where",
    "whether", "which", "while", "will", "with", "would", "within", "council", "councillor", "current", "currently",
}


@lru_cache(maxsize=1)
def _absent_questioner() -> re.Pattern:
    """"Mr X was not present": the ``absent_questioner`` words of ``r.pointer`` in responses.jsonl."""
    words = next(r.get("absent_questioner", []) for r in load_rules(("responses",)) if r.id == "r.pointer")
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _long_titled_speaker(doc, first: int, verb: int, responder: str | None) -> str | None:
    """The titled name and long title opening a sentence before its verb, when the subject read from the
    clause is missing or only the title's tail ("Deputy Leader" of "Councillor A B, Cabinet Member for X
    and Deputy Leader, said ..."); else None."""
    words = doc[first:verb].text.strip(" ,")
    if not words[:1].isupper() or (responder and (responder == words or not words.endswith(responder))):
        return None
    whole = person_or_none(words)
    return whole if whole == words and person_kind(whole) == "name" and "," in words else None


@lru_cache(maxsize=1)
def _answer_list_lead_in() -> re.Pattern:
    """"The following responses were given:": the ``lead_ins`` of ``r.listed`` in responses.jsonl."""
    patterns = next(r.get("lead_ins", []) for r in load_rules(("responses",)) if r.id == "r.listed")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _content_words(text: str) -> set[str]:
    """Words of four letters or more that carry meaning, singular ("rates" is "rate")."""
    words = set()
    for word in re.findall(r"[a-z][a-z'’-]{3,}", text.lower()):
        if word not in _PLAIN_STOPWORDS:
            words.add(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return words


_TAKES_UP = re.compile(r"\b(?:this|it|these|them|that|the (?:matter|point|issue|request|query|question|concern)s?)\b", re.I)


def _shares_subject(question: str, answer: str) -> bool:
    """Whether an answer takes up the question: it points back to it ("agreed to refer this to ...") or shares a
    content word with it (compared by its first five letters: "repairs", "repaired")."""
    if _TAKES_UP.search(answer):
        return True
    def stems(text):  # "ward-by-ward" is "ward"
        return {part[:5] for word in _content_words(text) for part in re.split(r"[-’']", word) if len(part) >= 4}

    return bool(stems(question) & stems(answer))


def _record_inferred_question(state: MinutesState, question: Question) -> int:
    """Put a question inferred from its answer in document order, keep the answers' links, return its index."""
    position = sum(1 for q in state.questions if q.start < question.start)
    state.questions.insert(position, question)
    for response in state.responses:
        if response.answers is not None and response.answers >= position:
            response.answers += 1
    return position


class ResponseFinder:
    def __call__(self, doc: Doc) -> Doc:
        state: MinutesState = doc._.minutes
        text = state.text
        answered: set[int] = set()
        current: Response | None = None
        pending_label = False
        answer_list: tuple[int, str | None] | None = None  # (question, who answered) under "The following responses were given:"
        pending_responder: str | None = None  # who the label above the answer names ("Response: Councillor X")
        for sentence in state.sentences:
            if sentence.role == "label" and not state.skipped(sentence.start):
                named = self._answerer_line(state, sentence)
                if named is not None:
                    # "Councillor X:" alone on a line under a question: the paragraph below is X's answer
                    pending_label, pending_responder, current = True, named, None
                    continue
            if state.skipped(sentence.start) or sentence.role in {"resolution", "label"}:
                current = None
                continue
            item = state.item_at(sentence.start)
            fragment = text[sentence.start : sentence.end]
            if answer_list is not None:
                listed = self._listed_answer(doc, state, sentence, fragment, item, answer_list, current)
                if listed is not None:
                    if listed is not current:
                        answered.add(listed.answers)
                        state.responses.append(listed)
                    current = listed
                    continue
                answer_list = None
            if sentence.role is None and fragment.rstrip().endswith((":", ":-", ":–")) and _answer_list_lead_in().search(fragment.rstrip(" :-–")):
                answer_list = self._answer_list(state, sentence, item, fragment)
                if answer_list is not None:
                    sentence.role, current = "label", None
                    continue
            label = (_ANSWER_LABEL.match(fragment) or _REPLY_FROM.match(fragment.strip())) if sentence.first_in_paragraph else None
            if sentence.first_in_paragraph and fragment.strip() in {"A.", "A:"} and self._after_question_label(state, sentence):
                pending_label, current = True, None  # "Q. ...?" then "A. The Director advised ..."
                sentence.role = "label"
                continue
            rest = fragment[label.end() :].strip(" :") if label else ""
            if label and (not rest or (label["responder"] and label.end() >= len(fragment.rstrip()))
                          or person_or_none(rest) == rest and person_kind(rest) in {"name", "post"}):
                # "Answer:", "Answer – the Commissioner" or "Response: Councillor X" alone: the paragraph below answers
                pending_label, current = True, None
                named = person_or_none(label["responder"]) if label["responder"] else (rest or None)
                pending_responder = re.sub(r"^(?:the|The)\s+", "", named) if named else None
                sentence.role = "label"
                continue
            if pending_label:
                pending_label = False
                found = ("strong", "r.label", sentence.start, pending_responder)
                pending_responder = None
            else:
                found = self._response_in(doc, state, sentence, fragment)
            if found is not None and self._questioner_absent(state, sentence):
                found = None  # "Mr X was not present. A written answer would be sent to him.": nothing answered here
            if current is not None and self._bare_answer_word(state, sentence, current):
                found = None  # "Yes. The Manager confirmed that ...": one answer, the word and its explanation
            if found is None:
                if current is not None and self._continues(state, sentence, current):
                    current.end = sentence.end
                    current.text = text[current.start : current.end]
                    sentence.role = "response"
                    continue
                question = self._plainly_answered(doc, state, sentence, item, answered)
                if question is None:
                    current = None
                    continue
                answered.add(question)
                sentence.role = "response"
                current = Response(item=item, text=fragment, responder=None, answers=question,
                                   start=sentence.start, end=sentence.end, rule="r.plain")
                state.responses.append(current)
                continue
            strength, rule, start, responder = found
            question = self._request_answered(doc, state, sentence, item, strength, start)
            if question is None:
                question = self._question_for(state, sentence, item, strength, answered, responder)
            if question is None and self._adds_to(doc, state, sentence, current, strength, responder):
                question = current.answers  # "The Executive Director of Resources added that ...": a second answer
            if question is None:
                current = None
                continue
            embedded = next((q for q in state.questions if sentence.start <= q.start < sentence.end and q.rule == "q.embedded"), None)
            if embedded is not None:
                start = max(start, embedded.end)
                while start < sentence.end and text[start] in " ,":
                    start += 1
            elif start > sentence.start and sentence.role == "question":
                self._trim_question(state, sentence, start)
            elif sentence.role == "question":
                continue
            if start > sentence.start and text[start : start + 4].lower() == "and ":
                start += 4  # "... and was told that ...": the answer starts after the joining word
            answered.add(question)
            # "In response to a query from X about Y, the Director confirmed ...": the sentence is the answer
            sentence.role = "response" if embedded is not None else sentence.role or "response"
            end = sentence.end
            if fragment.rstrip().endswith((":", ":-")):
                # "The Cabinet Member replied as follows:" and the answer in quotation marks below
                quoted = quoted_after(state, sentence)
                for other in quoted or []:
                    other.role = "response"
                    end = other.end
            current = Response(item=item, text=text[start:end], responder=responder,
                               answers=question, start=start, end=end, rule=rule)
            state.responses.append(current)
        state.responses.sort(key=lambda r: r.start)
        for record in state.responses:
            record.responder = person_or_none(record.responder)  # a person, post or body, never a clause
        write_spans(doc, "responses", state.responses, lambda r: "RESPONSE")
        return doc

    @staticmethod
    def _answerer_line(state, sentence) -> str | None:
        """The person a line of its own names ("Councillor Judith Hale:", "Councillor Judith Hale") straight
        under a question and over a paragraph: who answers it, in minutes that set out written questions
        and answers by name."""
        if not sentence.first_in_paragraph or sentence.index == 0:
            return None
        previous = state.sentences[sentence.index - 1]
        following = state.sentences[sentence.index + 1] if sentence.index + 1 < len(state.sentences) else None
        if previous.role != "question" or following is None or following.paragraph == sentence.paragraph:
            return None
        if state.item_at(previous.start) != state.item_at(sentence.start):
            return None
        asked = next((q for q in reversed(state.questions) if q.start <= previous.start), None)
        words = " ".join(state.text[sentence.start : sentence.end].strip(" :-–").split())
        who = person_or_none(words)
        if who != words or person_kind(who) not in {"name", "post"} or asked is None or asked.asker == who:
            return None
        return who

    def _answer_list(self, state, sentence, item, fragment) -> tuple[int, str | None] | None:
        """The question the bullets under an answer lead-in answer ("Members asked about X. The following
        responses were given:"): the latest question of the item, asked in the lead-in or just before it;
        and who answered, when the lead-in says ("Officers responded as follows:")."""
        below = state.sentences[sentence.index + 1] if sentence.index + 1 < len(state.sentences) else None
        if below is None or not below.marker:
            return None  # "Councillor X responded as follows:" and the answer read out below: one answer
        asked = [i for i, q in enumerate(state.questions) if q.item == item and q.start < sentence.end]
        if not asked:
            return None
        holder = state.sentence_at(max(state.questions[asked[-1]].start, state.questions[asked[-1]].end - 1))
        if holder is None or sentence.paragraph - holder.paragraph > 1:
            return None
        opener = fragment.split(",")[-1] if fragment.lower().startswith(("in response", "in reply", "in answer")) else fragment
        who = person_or_none(re.split(r"\s+(?:responded|replied|answered|advised|explained|informed|clarified|confirmed|gave)\b", opener.strip(), maxsplit=1)[0])
        return asked[-1], who if who and person_kind(who) in {"post", "body", "name"} else None

    def _listed_answer(self, doc, state, sentence, fragment, item, answer_list, current) -> Response | None:
        """A bullet under an answer lead-in, or the rest of one: an answer to the list's question. A bullet
        that asks a question, or a paragraph that is no bullet, ends the list."""
        question, who = answer_list
        if state.item_at(sentence.start) != item or sentence.role in {"question", "resolution"}:
            return None
        if not sentence.first_in_paragraph:
            if current is None or current.rule != "r.listed":
                return None
            current.end = sentence.end  # the bullet's next sentence goes on with its answer
            current.text = state.text[current.start : current.end]
            sentence.role = "response"
            return current
        if not sentence.marker:
            return None
        found = self._response_in(doc, state, sentence, fragment)
        responder = found[3] if found is not None and found[3] else who
        sentence.role = "response"
        return Response(item=item, text=fragment, responder=responder, answers=question,
                        start=sentence.start, end=sentence.end, rule="r.listed")

    def _response_in(self, doc, state, sentence, fragment):
        """(strength, rule, start offset, responder) of the best response cue, or None."""
        label = _ANSWER_LABEL.match(fragment) if sentence.first_in_paragraph else None
        if label:  # "Response from the Director of Legal Services: The error had been corrected ..."
            return "strong", "r.label", sentence.start, person_or_none(label["responder"])
        at_line_start = sentence.start == 0 or state.text[sentence.start - 1] == "\n"
        if at_line_start and _SHORT_ANSWER.match(fragment) and self._after_question_label(state, sentence):
            return "strong", "r.label", sentence.start, None  # "Q – Why has absence risen?" / "A – Mainly long-term cases."
        cues = sorted(sentence.cues_labelled("RESPONSE"), key=lambda c: (_STRENGTH_ORDER[c.rule.get("strength")], c.start))
        first, last = sentence_tokens(state, sentence)
        asked_from, asked_to = question_complement(doc, state, sentence, first, last)
        best = self._best_cue(doc, state, sentence, cues, first, last, asked_from, asked_to)
        if best is None or best[0] in {"speaker", "commitment"} or sentence.role == "question":
            return best
        # "Mr Fraser explained that ... until the auditor had provided assurance": the
        # answer starts with its speaker, not at a stronger cue later in what was said.
        speaker = self._best_cue(doc, state, sentence, [c for c in cues if c.rule.get("strength") == "speaker"],
                                 first, last, asked_from, asked_to)
        if speaker is not None and speaker[2] < best[2]:
            return best[0], speaker[1], speaker[2], speaker[3]
        return best

    def _best_cue(self, doc, state, sentence, cues, first, last, asked_from, asked_to):
        for cue in cues:
            strength = cue.rule.get("strength")
            if asked_from <= cue.token_start < asked_to:
                continue  # "asked how the Board could be assured": part of the question
            wanted = cue.rule.get("needs_before")
            if wanted and not {t.lower_ for t in doc[max(first, cue.token_start - 6) : cue.token_start]} & set(wanted):
                continue  # "for the question" answers only after "thanked Mrs X"
            if cue.rule.id == "r.responded" and cue.token_start > first and _word_before(doc, cue.token_start).lower_ in {"had", "have", "has", "not"}:
                continue  # "fewer than 4% of permit holders had responded": narrative, not an answer
            if cue.rule.id == "r.responded" and self._answers_a_case(doc, cue, last):
                continue  # "The Cabinet Member responded to the call-in, supported by ...": who put the other side
            if strength == "answer_word":
                if cue.token_start != first and not (cue.token_start == first + 1 and doc[first].text in _OPENING_QUOTES):
                    continue  # "Yes, ..." opens the answer, also inside the quotation marks of a written one
                return strength, cue.rule.id, sentence.start, None
            if strength == "commitment" and self._declined_first(doc, first, cue):
                continue  # "Officers did not have the figure to hand and agreed to provide it": a task, not an answer
            if strength in {"speaker", "commitment"}:
                responder = subject_before(doc, first, cue.token_start) or self._speaker_cut_off(state, sentence, cue, first)
                titled = _long_titled_speaker(doc, first, cue.token_start, responder)
                if titled is not None:
                    # "Councillor A B, Cabinet Member for Roads, Parking and Waste and Deputy Leader, confirmed ...":
                    # a title longer than a subject is read, cut by its commas and "and"s: the whole of it speaks
                    return strength, cue.rule.id, sentence.start, titled
                if not responder or (responder.lower().split()[0] in _ASKING_BODIES and not self._public_asked(state, sentence, responder)
                                     and not self._office_holder(state, sentence, responder)
                                     and not self._officer_asked(state, sentence)
                                     and not self._put_to_an_office(state, sentence, cue, responder)):
                    continue  # members and plain councillors remark; officers and office-holders answer
                start = doc[clause_start(doc, first, cue.token_start)].idx
                start = sentence.start if start <= sentence.start + 1 else start
                return strength, cue.rule.id, max(start, sentence.start), responder
            start = doc[clause_start(doc, first, cue.token_start)].idx
            if cue.rule.id == "r.in_response":
                start = min(start, cue.start)
            elif doc[cue.token_start].lower_ == "and":
                start = cue.start  # "... asked for X and was told ...": the answer is the joined clause
            elif sentence.role == "question" and start < cue.start and (start <= sentence.start or any(
                    start <= q.start < cue.start for q in sentence.cues_labelled("QUESTION"))):
                start = cue.start  # "... asked about X and was told by the Director that ...": the answer starts at the cue
            elif (sentence.role == "question" and asked_to < last and asked_to <= cue.token_start and start < doc[asked_to].idx
                  and doc[asked_to].lower_ in {"it", "this", "that"}):
                start = doc[asked_to].idx  # "... enquired whether X, this was confirmed": the answer starts where the question ends
            responder = self._responder_after(doc, sentence, cue, first, last)
            return strength, cue.rule.id, max(start, sentence.start), responder
        return None


    @staticmethod
    def _plainly_answered(doc, state, sentence, item, answered) -> int | None:
        """The question a statement with no answering verb answers, if it does.

        Minutes often set the answer down as plain fact straight after the
        question ("Councillor X asked how many households were waiting. There
        were 418 properties on the programme ..."; "(7) Mr Lamb raised the number
        of reviews overdue ... (8) The overdue figure was 2,406 ..."). It counts
        only right after an unanswered question, when nobody is named as
        speaking, and when it takes up a word of the question.
        """
        if sentence.index == 0 or sentence.role or sentence.cues_labelled("QUESTION", "RESOLUTION", "COMMENT", "RESPONSE"):
            return None
        previous = state.sentences[sentence.index - 1]
        fragment = state.text[sentence.start : sentence.end].rstrip()
        if fragment.endswith(("?", ":", ":-")) or len(fragment.split()) < 5:
            return None
        lowered = fragment.lower()
        if "question" in lowered and any(w in lowered for w in ("response", "answer", "reply")):
            return None  # "The question and the response are attached as an appendix": about them, not the answer
        first, _ = sentence_tokens(state, sentence)
        if any(c.token_start <= first + 1 and c.label in {"HONORIFIC", "ROLE", "GROUP"} for c in sentence.cues):
            return None  # "Councillor X said ...", "Members noted ...": someone else speaking, not the answer
        if previous.role == "response" and sentence.first_in_paragraph:
            # "On ambulance handovers, a new rapid assessment area had been opened ...": the next listed point
            words = _content_words(fragment)
            for index in ResponseFinder._listed_open(state, sentence, item, answered):
                if _content_words(state.questions[index].text) & words:
                    return index
            opener = next(o for o in state.sentences[: previous.index + 1] if o.paragraph == previous.paragraph)
            if sentence.marker and opener.marker:
                # "• Members were reminded that ... • The information used at appeal was taken from ...":
                # the next bullet of a list of comments goes on answering the same question
                last = next((r for r in reversed(state.responses) if r.start <= previous.start < r.end + 1), None)
                if last is not None and last.answers is not None and _content_words(state.questions[last.answers].text) & words:
                    return last.answers
            return None
        if previous.role != "question" or sentence.paragraph - previous.paragraph > 1:
            return None
        if sentence.paragraph != previous.paragraph and not sentence.first_in_paragraph:
            return None
        asked = [i for i, q in enumerate(state.questions)
                 if q.item == item and q.start <= previous.start < q.end + 1 and i not in answered]
        if not asked:
            return None
        question = state.questions[asked[-1]]
        if not _content_words(question.text) & _content_words(fragment):
            return None
        return asked[-1]

    @staticmethod
    def _request_answered(doc, state, sentence, item, strength, start) -> int | None:
        """"Councillor X asked for a profile of bus users and was told it would be forwarded": a request
        answered in the same sentence is a question, the words before the answer."""
        if sentence.role or strength not in {"strong", "medium"} or start <= sentence.start:
            return None
        if state.text[start : start + 4].lower() != "and ":
            return None  # only an answer joined by "and": "requested that members were informed" is the request
        first, _ = sentence_tokens(state, sentence)
        end = state.tokens.token_at_or_after(start)
        verb = next((t for t in doc[first:end] if t.lower_ in _REQUEST_VERBS), None)
        if verb is None:
            return None
        asker = person_or_none(subject_before(doc, first, verb.i))
        if asker is None:
            return None
        stop = len(state.text[:start].rstrip(" ,;"))
        if state.text[sentence.start:stop].endswith(" and"):
            stop -= 4
        sentence.role = "question"
        return _record_inferred_question(state, Question(item=item, text=state.text[sentence.start:stop], asker=asker,
                                                         start=sentence.start, end=stop, rule="q.answered"))

    @staticmethod
    def _speaker_cut_off(state, sentence, cue, first) -> str | None:
        """"Following a question from the Chair, the Director" / "Confirmed that ...": a speaker whose verb a
        page break carried into the next paragraph, named at the end of the unfinished sentence before."""
        if cue.token_start != first or sentence.index == 0:
            return None
        previous = state.sentences[sentence.index - 1]
        words = state.text[previous.start : previous.end].rstrip()
        if not words or words[-1] in ".?!:;\"”" or sentence.paragraph - previous.paragraph > 1:
            return None
        who = person_or_none(words.rsplit(",", 1)[-1])
        return re.sub(r"^(?:the|The)\s+", "", who) if who else None

    @staticmethod
    def _back_to_the_member(state, sentence) -> bool:
        """"A Member said he was still waiting for a reply on X. Officers agreed to contact the Member outside
        the meeting.": an undertaking made to the member who raised the point answers it."""
        if sentence.index == 0:
            return False
        words = state.text[sentence.start : sentence.end].lower()
        if not re.search(r"\b(?:the member|the councillor|him|her|them)\b", words):
            return False
        previous = state.sentences[sentence.index - 1]
        raised_by = person_or_none(state.text[previous.start : previous.end])
        return person_kind(raised_by) in {"name", "body"} and raised_by.split()[0].lower() not in {"officers", "the"}

    @staticmethod
    def _answers_unrecorded(state, sentence) -> bool:
        """"In response to questions, the Director confirmed ...", "Officers responded to Members' questions as
        follows:": answers to questions the minutes do not set down, so none is inferred from the sentence before."""
        fragment = state.text[sentence.start : sentence.end]
        if fragment.rstrip().endswith((":", ":-")):
            return True
        for cue in sentence.cues_labelled("RESPONSE"):
            generic = cue.rule.get("unrecorded_objects")
            if not generic:
                continue
            following = state.text[cue.end : min(cue.end + 60, sentence.end)].lower().split()
            while following and following[0] in {"to", "the", "all", "various", "several", "a", "number", "of", "members’", "members'", "further"}:
                following.pop(0)
            if following and following[0].strip(",.") in generic:
                return True
        return False

    @staticmethod
    def _questioner_absent(state, sentence) -> bool:
        """Whether this sentence, or the one before it in its paragraph, says the questioner was not there."""
        pattern = _absent_questioner()
        fragment = state.text[sentence.start : sentence.end]
        absent = pattern.search(fragment)
        if absent and "written" in fragment[absent.end() :].lower():
            return True  # "Mr X was not present and a written response would be sent to him"
        if sentence.index and state.sentences[sentence.index - 1].paragraph == sentence.paragraph:
            previous = state.sentences[sentence.index - 1]
            return bool(pattern.search(state.text[previous.start : previous.end]))
        return False

    @staticmethod
    def _declined_first(doc, first, cue) -> bool:
        """"did not have the figure to hand and agreed to ...", "(The Director agreed to ...)": a promise
        in place of an answer, or an aside, is the actions stage's, not an answer given at the meeting."""
        if doc[first].text == "(":
            return True
        if doc[first].lower_ in {"after", "following"} and "discussion" in {t.lower_ for t in doc[first : first + 4]}:
            return True  # "After further discussion, the Clerk undertook to report back": the close of a debate
        following = " ".join(t.lower_ for t in doc[cue.token_end : cue.token_end + 6])
        if "written" in following and any(w in following for w in ("reply", "response", "answer")):
            return True  # "undertook to send a written reply": the answer is to come, not given here
        return any(t.lower_ in {"not", "n't", "unable"} for t in doc[first : cue.token_start])

    @staticmethod
    def _answers_a_case(doc, cue, last) -> bool:
        """"responded to the call-in" / "to the motion" with nothing said: a role in the debate, not an answer."""
        following = [t.lower_ for t in doc[cue.token_end : min(cue.token_end + 4, last)] if not t.is_space]
        if following[:2] != ["to", "the"] or len(following) < 3 or following[2] not in _CASES:
            return False
        return not any(t.lower_ in {"that", "explained", "said", "stated", "advised", "confirmed"} or t.text == ":"
                       for t in doc[cue.token_end : last])

    @staticmethod
    def _after_question_label(state, sentence) -> bool:
        """Whether the paragraph before is a "Q." / "Question:" one."""
        previous = [q for q in state.questions if q.end <= sentence.start]
        return bool(previous) and previous[-1].rule == "q.label" and not state.text[previous[-1].end : sentence.start].strip(" \n\t.?\"”’')")

    @staticmethod
    def _officer_asked(state, sentence) -> bool:
        """An officer's question just before ("The Chief Executive said it would help to understand what
        was missing. Cllr X stated that ..."): a member answers it."""
        if sentence.index == 0:
            return False
        previous = state.sentences[sentence.index - 1]
        if previous.role != "question" or sentence.paragraph != previous.paragraph:
            return False
        asked = [q for q in state.questions if q.start <= previous.start < q.end + 1]
        return bool(asked) and person_kind(asked[-1].asker) == "post"

    @staticmethod
    def _public_asked(state, sentence, responder: str) -> bool:
        """A councillor answering a resident's question just before ("Mrs X asked ... Cllr Y said ...")."""
        if responder.lower().split()[0] not in {"councillor", "cllr"}:
            return False
        earlier = [q for q in state.questions if q.start < sentence.start and q.item == state.item_at(sentence.start)]
        if not earlier:
            return False
        # "Mr Greenhalgh, on behalf of Ashcombe in Bloom, thanked ... and asked if ...": the title opens the question
        asker = earlier[-1].asker or earlier[-1].text
        holder = state.sentence_at(earlier[-1].start)
        return (holder is not None and sentence.paragraph == holder.paragraph
                and asker.lower().split()[0].rstrip(".") in _PUBLIC_TITLES)

    @staticmethod
    def _office_holder(state, sentence, responder: str) -> bool:
        """A councillor who introduced the item or holds an office in it ("The Cabinet Member
        for Finance, Councillor Marsh, introduced the report"): answers, as an officer would."""
        words = responder.split()
        if words[0].lower() not in {"councillor", "cllr"} or len(words) < 2:
            return False
        if "," in responder and any(w in responder.lower() for w in _OFFICE_WORDS):
            return True  # "Councillor A B, Cabinet Member for Roads, Parking and Waste, said ...": the office named with them
        name = words[-1].strip(",.").lower()
        item = state.item_at(sentence.start)
        for other in state.sentences[: sentence.index]:
            if state.item_at(other.start) != item:
                continue
            words_before = state.text[other.start : other.end].lower()
            if name in words_before.replace(",", " ").split() and any(
                    w in words_before for w in _OFFICE_WORDS):
                return True
        return False

    @staticmethod
    def _put_to_an_office(state, sentence, cue, responder: str) -> bool:
        """A councillor speaking straight after a question put to an office holder ("asked the Cabinet
        Member whether ...") or asked at question time (an item titled "Members' Question Time"): the
        cabinet member answering, not a member remarking."""
        words = responder.split()
        if words[0].lower() not in {"councillor", "cllr", "councillors", "cllrs"} or len(words) < 2 or sentence.index == 0:
            return False
        previous = state.sentences[sentence.index - 1]
        if previous.role != "question" or sentence.paragraph - previous.paragraph > 1:
            return False
        asked = next((q for q in reversed(state.questions) if q.start < sentence.start), None)
        if asked is None or not asked.asker or asked.asker.split()[-1] == words[-1]:
            return False  # the asker going on is no answer
        if any(office in asked.text.lower() for office in cue.rule.get("put_to_offices", [])):
            return True
        item = state.item_at(sentence.start)
        title = state.agenda_items[item].title.lower() if item is not None and item < len(state.agenda_items) else ""
        return any(words_of_title in title for words_of_title in cue.rule.get("question_time_titles", []))

    def _responder_after(self, doc, sentence, cue, first, last):
        """"In response, the Director advised ...": the speaker after the cue."""
        if cue.rule.get("strength") == "strong" and cue.rule.id == "r.responded":
            # a speaker with a long title, or two joined by "and", is longer than a subject is read
            return subject_before(doc, first, cue.token_start) or person_or_none(doc[first : cue.token_start].text)
        wanted = cue.rule.get("needs_before")
        if wanted:  # "Councillor Mahil thanked Mrs Fowler for the question": who thanked
            verb = next((t.i for t in doc[first : cue.token_start] if t.lower_ in wanted), None)
            if verb is None:
                return None
            # a speaker with a long title ("Councillor X, Cabinet Member for Parks, Leisure and Open Spaces, thanked")
            return subject_before(doc, first, verb) or person_or_none(doc[first:verb].text)
        for other in sentence.cues_labelled("RESPONSE"):
            if other.rule.get("strength") == "speaker" and other.token_start > cue.token_start:
                return subject_before(doc, cue.token_end, other.token_start)
        return None

    def _question_for(self, state, sentence, item, strength, answered, responder):
        """The question a response answers, inferring one before a strong cue if none is open."""
        candidates = [i for i, q in enumerate(state.questions) if q.item == item and q.start < sentence.end]
        recent = [i for i in candidates if self._is_recent(state, state.questions[i], sentence)]
        open_recent = [i for i in recent if i not in answered]
        listed = self._listed_open(state, sentence, item, answered)
        if strength in {"weak", "speaker", "answer_word", "commitment"}:
            pool = [i for i in open_recent if self._just_before(state, state.questions[i], sentence)]
            if strength == "commitment":
                # "X asked whether the gullies were cleared. The Head agreed to provide pothole figures.": a promise
                # answers the question just before it only when it takes up what was asked
                pool = [i for i in pool if _shares_subject(state.questions[i].text, state.text[sentence.start : sentence.end])]
            if not pool and listed:
                return listed[0]  # the points raised in a list, answered in turn
            if strength == "speaker" and pool:
                asker = (state.questions[pool[-1]].asker or "").lower()
                if responder and asker and responder.lower() == asker:
                    return None
            if pool:
                return pool[-1]
            if strength == "speaker":
                return self._infer_question(state, sentence, item, requests_only=True, responder=responder)
            if strength == "commitment" and self._back_to_the_member(state, sentence):
                return self._infer_question(state, sentence, item)
            return None
        if listed:
            return listed[0]
        if open_recent:
            return open_recent[-1]
        if strength == "strong":
            if recent and self._just_before(state, state.questions[recent[-1]], sentence):
                return recent[-1]
            return self._infer_question(state, sentence, item)
        return recent[-1] if recent else None

    @staticmethod
    def _adds_to(doc, state, sentence, current, strength, responder) -> bool:
        """Whether another speaker adds to the answer just given ("X replied that ... Y added that ...")."""
        if current is None or strength != "speaker" or not responder or responder == current.responder:
            return False
        if sentence.index == 0 or state.sentences[sentence.index - 1].role != "response":
            return False
        return any(c.rule.id == "r.speaker" and doc[c.token_start].lower_ == "added" for c in sentence.cues)

    @staticmethod
    def _listed_open(state, sentence, item, answered) -> list[int]:
        """The unanswered points of a bulleted list of questions ("Members raised the following points:
        • whether ... • what ..."), while everything since the list has been their answers."""
        listed = [i for i, q in enumerate(state.questions)
                  if q.item == item and q.rule == "q.listed" and q.start < sentence.start]
        if not listed:
            return []
        holder = state.sentence_at(state.questions[listed[-1]].start)
        if holder is None or any(s.role not in {"question", "response"} for s in state.sentences[holder.index + 1 : sentence.index]):
            return []
        return [i for i in listed if i not in answered]

    def _is_recent(self, state, question: Question, sentence: Sentence) -> bool:
        holder = state.sentence_at(max(question.start, question.end - 1))  # a question read out over paragraphs: its last
        return holder is not None and sentence.paragraph - holder.paragraph <= _RECENT_PARAGRAPHS

    def _just_before(self, state, question: Question, sentence: Sentence) -> bool:
        holder = state.sentence_at(question.start)
        if holder is None:
            return False
        if holder.index == sentence.index:
            return True
        between = state.sentences[holder.index + 1 : sentence.index]
        last = state.sentence_at(max(question.start, question.end - 1)) or holder
        return all(s.role == "question" for s in between) and sentence.paragraph - last.paragraph <= 1

    def _infer_question(self, state, sentence, item, requests_only=False, responder=None):
        """The sentence before an answer with no question is what was answered."""
        if sentence.index == 0 or self._answers_unrecorded(state, sentence):
            return None
        previous = state.sentences[sentence.index - 1]
        if previous.role or state.item_at(previous.start) != item or state.skipped(previous.start):
            return None
        if sentence.paragraph - previous.paragraph > 1:
            return None
        # "asked the Cabinet Member to ensure ..." wants an answer; "asked that a report be
        # brought" wants a task done, and an acknowledgement of it is no answer.
        asked = any(c.rule.id == "a.request_person" and state.text[c.end : c.end + 6].strip().lower() != "that"
                    for c in previous.cues_labelled("ACTION")) or any(
            # "residents had raised concerns about X", reported by a member: background, not a concern put here
            c.rule.id == "c.concern" and not re.search(r"\b(?:had|have|has)\s*$", state.text[previous.start : c.start])
            for c in previous.cues_labelled("COMMENT")
        )
        if requests_only and not asked and responder and person_kind(responder) == "post" and any(
                c.rule.id.startswith("a.request") for c in previous.cues_labelled("ACTION")):
            # "Members requested that areas of risk be shown more clearly. The Audit Manager noted that the
            # level of risk was shown in the report": an officer taking up what was asked answers it
            said = state.text[sentence.start : sentence.end]
            asked = len(_content_words(state.text[previous.start : previous.end]) & _content_words(said)) >= 2
        if requests_only and not asked and not state.text[previous.start:previous.end].rstrip().endswith("?"):
            return None
        fragment = state.text[previous.start : previous.end]
        if len(fragment.split()) < 4 or fragment.rstrip().endswith((":", ":-", "–", "—", " -")):
            return None  # "During the ensuing discussion –": a lead-in, not what was asked
        if self._said_after_name(state, previous):
            return None  # "Mrs X: <a statement>": minutes that give each speaker's words show their questions as asked
        previous.role = "question"
        asker = person_or_none(fragment)  # "The Panel requested that ...": who put what was answered, if a person
        return _record_inferred_question(state, Question(item=item, text=fragment, asker=asker, start=previous.start,
                                                         end=previous.end, rule="q.answered"))

    @staticmethod
    def _said_after_name(state, sentence: Sentence) -> bool:
        """A paragraph that sets a speaker's own words after their name and a colon ("Mrs Evans: No agenda
        on the notice board this time."), asking nothing: what was said, not a question to answer."""
        opener = next((s for s in state.sentences[: sentence.index + 1][::-1] if s.first_in_paragraph), None)
        if opener is None or opener.paragraph != sentence.paragraph:
            return False
        match = _SPEAKER_COLON.match(state.text[opener.start : opener.end])
        if match is None or person_or_none(match["who"]) != match["who"].strip():
            return False
        return person_kind(match["who"].strip()) in {"name", "post"} and "?" not in state.text[opener.start : sentence.end]

    @staticmethod
    def _bare_answer_word(state, sentence: Sentence, current: Response) -> bool:
        holder = state.sentence_at(current.start)
        return (current.rule == "r.yes_no" and len(current.text.split()) <= 2 and holder is not None
                and holder.paragraph == sentence.paragraph and not sentence.role)

    def _continues(self, state, sentence: Sentence, current: Response) -> bool:
        """A following sentence of the same paragraph that carries on the answer
        (asks nothing, and opens no answer of its own)."""
        holder = state.sentence_at(current.start)
        if holder is None or sentence.paragraph != holder.paragraph or sentence.role:
            return False
        if sentence.cues_labelled("QUESTION"):
            return False
        return all(c.rule.get("strength") in {"speaker", "weak", "commitment"} for c in sentence.cues_labelled("RESPONSE"))

    def _trim_question(self, state, sentence, start):
        for question in state.questions:
            if question.start == sentence.start:
                end = start
                while end > question.start and state.text[end - 1] in " ,;":
                    end -= 1
                for tail in (" and", ", and", " but", ", to which", " to which"):
                    if state.text[question.start:end].endswith(tail):
                        end -= len(tail)
                question.end = end
                question.text = state.text[question.start : end]


@Language.factory(
    "minutes_responses",
    assigns=["doc._.minutes", "doc.spans"],
    requires=["doc._.minutes"],
)
def make_responses(nlp: Language, name: str):
    """Answers, who gave them and which question each answers."""
    return ResponseFinder()
