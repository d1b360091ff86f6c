"""Questions: members (or the public) asking, querying, seeking assurance.

"Clarification was sought regarding ...", "Members enquired about ...",
"Councillor X asked whether ...", "A Member queried ...", a sentence ending
in "?", a bulleted "whether the Council ..." under "raised the following
points:", and "Question:" / "Q1:" labels. "asked that X be circulated" is a
request, not a question (the actions stage takes it); it becomes a question
too only when an answer follows (the responses stage decides that).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .clauses import clause_start, sentence_tokens, subject_before
from .layout import write_spans
from .names import person_kind, person_or_none
from .records import Question
from .state import MinutesState, Sentence

QUESTION_WORDS = {"whether", "if", "what", "how", "why", "when", "who", "whom", "which", "where", "about", "questions", "question"}
REQUEST_WORDS = {"that", "to"}
_WINDOW = 14
_QUESTION_LABEL = re.compile(
    r"^(?:(?:supplementary|public|written|oral|member|members['’]?)\s+)*(?:question\b|q(?=\.?\s*\d|\s*[:.–-])\.?|supplementary(?=\s*[:–-])|(?<=supplementary )(?=[:–-]))\s*(?:no\.?\s*)?(?:\d+[a-z]?\b|(?-i:[A-Z])\b(?=\s*[–:.-]))?\s*(?:\([^)]*\))?\s*"
    r"(?:[–-]\s*)?(?:to\s+[^:\n]+?\s+(?=from\s))?(?:from\s+(?P<asker>[^:–-]+?)|(?P<titled>(?:councillor|cllr|mr|mrs|ms|miss|dr)\.?\s[^:–\n-]+?)(?=\s+to\s|[ \t]*(?:\n|$)))?"
    r"[ \t]*(?:to\s+[^:\n]+?)?[ \t]*(?:[:.–-]|$)",
    re.I,
)
_OPENING_QUOTES = {"“", '"', "‘", "'"}
_CLOSING_QUOTES = ("”", '"', "’", "'", "”.", '".')
# "Ms X, of Chatham, asked the ...", "Mr Y submitted the following": the name ends at a comma or a verb
_LEAD_NAME = re.compile(r",|\s(?:asked|submitted|put|raised|to)\s", re.I)
# Capitalised first words that open a line naming no one ("Minutes", "Apologies").
_NOT_NAMES = {"minutes", "apologies", "present", "agenda", "item", "decision", "resolved", "none", "nil", "questions", "question", "answer", "response", "reply"}
# "asked X to confirm ...": verbs that want an answer there and then, not a task done later.
_ANSWER_NOW = {"confirm", "clarify", "explain", "outline", "indicate", "comment", "say", "tell"}
_PASSIVE = {"was", "were", "been", "being", "be", "is", "are"}
_MAY = {"may", "might", "can", "could", "would", "will", "shall", "should", "must"}
_FOLLOWING_PRONOUNS = {"he", "she", "they"}
# Verbs with which a member sets out the point a following question turns on.
_SETTING_UP = {"noted", "raised", "referred", "highlighted", "observed", "remarked", "commented", "said", "stated",
               "mentioned", "pointed", "expressed", "drew", "reported"}
# "In answer to Councillor Fairfax, ...": the member whose unrecorded question is answered.
_ASKER_AFTER_TO = re.compile(r"^\W*\w+\s+(?:to|answer\s+to|response\s+to|reply\s+to)\s+(?P<asker>(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s+(?:[A-Z][\w’'.-]*\s?){1,4})")
_NOTHING_ASKED = {"none", "nil", "n/a", "none asked", "not asked", "no supplementary question", "no question"}
# "Letter from the bowls club asking if ...": correspondence asks, not anyone at the meeting.
_CORRESPONDENCE = {"letter", "letters", "email", "e-mail", "emails", "correspondence", "petition", "message", "communication"}
# "following queries raised by the auditors": the noun, not the verb.
_QUERY_NOUN_BEFORE = {"following", "after", "the", "any", "some", "several", "these", "those", "further", "of", "to", "with", "two", "three", "many", "no", "such"}
_QUERY_NOUN_AFTER = {"raised", "from", "received", "made", "had", "were", "was", "about", "on", "regarding", "in"}
_JOINED_QUESTION_WORDS = {"whether", "how", "what", "why"}
_LISTED_QUESTION = {"whether", "what", "how", "why", "when", "who", "which", "if", "where"}
_ASKER_AFTER_FROM = re.compile(r"\bfrom\s+(?P<asker>(?:(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s+)?(?:[A-Z][\w’'.-]*\s?){1,4})")


_TITLED_OPENING = re.compile(r"^\W*(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?P<who>(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s+(?:[A-Z][\w’'.-]*\s){1,3})(?=[a-z])")
_TOPIC = re.compile(r"^[^.?!:\n–—]{2,90}?\s[–—-]\s+|^[^.?!:\n–—]{2,90}?:\s+")


def topic_end(text: str, start: int, end: int) -> int:
    """Where the words start after a short topic label opening a sentence ("S106 projects – In response to
    a query ...", "Waste: Members asked ..."), or ``start`` when there is none."""
    match = _TOPIC.match(text[start:end])
    if match is None or len(match.group(0).split()) > 12:
        return start
    return start + match.end()


_NAME_TO = re.compile(r"^(?P<who>.+?)\s+to\s+(?:the\s+)?[A-Z].*$")


def _line_name(line: str) -> str | None:
    """The person a line of its own names, if it names one by name ("Councillor Jane Doyle",
    "Councillor Ann Lowe to the Leader:"), not a post or a heading ("Member Questions")."""
    words = " ".join(line.strip(" :-–").split())
    words = re.sub(r"^(?:\(?[a-z0-9]{1,3}[.)]\s+)", "", words)  # "(e) Mr Colin Hart – Grit bins"
    words = re.split(r"\s[–—-]\s", words, maxsplit=1)[0]
    if not words or _QUESTION_LABEL.match(words):
        return None
    to = _NAME_TO.match(words)
    for candidate in ([to["who"]] if to else []) + [words]:
        if person_or_none(candidate) == candidate and person_kind(candidate) == "name" and candidate.split()[0].lower() not in _NOT_NAMES:
            return candidate
    return None


# "To Councillor Linda Neal, Leader:-" on a line of its own: whom a written question is put to.
_ADDRESSEE_LINE = re.compile(r"^\s*To\s+(?:the\s+)?[A-Z][^.?!\n]{1,100}?:-?\s*$")


def _named_after_label(rest: str) -> str | None:
    """The titled name that is all a question label carries, less an address after it ("Mrs A B, 12 Mill
    Road, Stamford"), or None."""
    rest = " ".join(rest.split())
    who = person_or_none(rest.split(",")[0]) if rest else None
    if who is None or not rest.startswith(who) or person_kind(who) != "name" or not _TITLED_NAME.match(who):
        return None
    return who if rest == who or rest[len(who) :].startswith(",") and not rest.rstrip().endswith("?") else None


_TITLED_NAME = re.compile(r"^(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s")


def quoted_after(state, sentence):
    """The sentences of the quoted paragraphs straight after a lead-in ending ":" (a question read out
    as written), or None when the next paragraph opens no quotation."""
    following = [s for s in state.sentences[sentence.index + 1 :] if s.paragraph > sentence.paragraph]
    if not following or following[0].paragraph - sentence.paragraph > 1:
        return None
    if state.text[following[0].start : following[0].end].lstrip()[:1] not in _OPENING_QUOTES:
        return None
    quoted = []
    for other in following:
        if other.role or (quoted and other.paragraph - quoted[-1].paragraph > 1):
            break
        quoted.append(other)
        if state.text[other.start : other.end].rstrip().endswith(_CLOSING_QUOTES):
            return quoted
    return None


_ASKER_AFTER_BY = re.compile(r"\bby\s+(?P<asker>(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s+(?:[A-Z][\w’'.-]*\s?){1,4})")


def _label_asker(label: re.Match) -> str | None:
    """Who a "Question 2 from Mr X" / "Question 1 – Ms Kerry Lund to the Leader" label names."""
    return (label["asker"] or label["titled"] or "").strip() or None


def _trim_joining(text: str, start: int, end: int) -> int:
    """Move ``end`` back over the ", and" that joined two clauses."""
    end = len(text[:end].rstrip())
    if text[start:end].endswith(" and"):
        end -= 4
    return len(text[:end].rstrip(" ,;"))


def asks_a_question(doc: Doc, cue) -> bool:
    """For "asked": a question word must come before any "that"/"to" of a request,
    and nobody was merely "entitled to ask" or "did not ask"."""
    if cue.rule.get("needs") == "question_joined":
        return _question_joined(doc, cue)
    if cue.rule.get("needs") != "question_word":
        return True
    before = {t.lower_ for t in doc[max(cue.token_start - 2, 0) : cue.token_start]}
    if before & ({"to", "not", "n't", "never"} | _MAY):
        return False  # "entitled to ask", "did not ask", "may ask one question", "would ask a question on his behalf"
    for token in doc[cue.token_end : min(cue.token_end + _WINDOW, len(doc))]:
        word = token.lower_
        if word == "to" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _ANSWER_NOW:
            return True  # "asked the Cabinet Member to confirm the date": an answer wanted at the meeting
        if word in REQUEST_WORDS:
            return False
        if word in QUESTION_WORDS:
            return True
        if token.text in {".", ";"}:
            return False
    return False


def _question_joined(doc: Doc, cue) -> bool:
    """For "raised": a point raised becomes a question when a "whether/how/what/why" is joined to it
    ("Mr Lamb raised the number of reviews that were overdue and whether this posed a risk")."""
    for token in doc[cue.token_end : min(cue.token_end + 2 * _WINDOW, len(doc))]:
        if token.text in {".", ";", "?"}:
            return token.text == "?"
        if token.lower_ in _JOINED_QUESTION_WORDS and (token.i == cue.token_end or doc[token.i - 1].lower_ == "and"):
            return True
    return False


def asker_for(doc: Doc, state: MinutesState, sentence: Sentence, cue) -> str | None:
    """Who asked: the subject before the cue, or the name after "from"."""
    text = state.text[sentence.start : sentence.end]
    if cue is not None and cue.rule.id == "q.received":
        match = _ASKER_AFTER_FROM.search(text) or _ASKER_AFTER_BY.search(text)
        if match:
            return match["asker"].strip()
        # "Mr X of Y ward asked the following question of ...": the subject
        first, _ = sentence_tokens(state, sentence)
        return person_or_none(subject_before(doc, first, cue.token_start))
    if cue is None:
        return None
    first, _ = sentence_tokens(state, sentence)
    if cue.token_start > first and doc[cue.token_start - 1].lower_ in _PASSIVE and doc[cue.token_start].lower_ in {"asked", "questioned", "queried"}:
        return None  # "officers were asked whether ...": those asked, not who asked
    asker = subject_before(doc, first, cue.token_start)
    if asker is None and cue.rule.get("needs") == "question_word":
        # "The CE stated that it would be useful to understand what ...": who said it
        asker = person_or_none(state.text[sentence.start : cue.start])
    asker = person_or_none(asker)
    if asker is None:
        # "The police had carried out speed checks and residents wondered what they found": the subject of the
        # joined clause, a short name or body straight before the cue
        joined = _JOINED_SUBJECT.search(state.text[sentence.start : cue.start])
        if joined and person_or_none(joined["who"]) == joined["who"] and person_kind(joined["who"]) in {"name", "body"}:
            asker = joined["who"]
    return asker


_JOINED_SUBJECT = re.compile(r"(?:,\s*|\s(?:and|but|while|whilst)\s+)(?P<who>(?:[\w’'.-]+\s){0,3}[\w’'.-]+)\s*$")


class QuestionFinder:
    def __call__(self, doc: Doc) -> Doc:
        state: MinutesState = doc._.minutes
        text = state.text
        intro_asker = None
        pending_label: str | None = None
        label_named = False  # whether the pending label names its asker itself ("Question 1 from Mr X")
        label_start: int | None = None
        table_rows = {line.index for line in state.lines if line.text.count("|") >= 2}  # once, not per sentence
        for sentence in state.sentences:
            if sentence.role or state.skipped(sentence.start):
                continue
            fragment = text[sentence.start : sentence.end]
            if sentence.line in table_rows:
                continue  # a cell of a flattened table (an action log's "seeking clarity on ...")
            label = _QUESTION_LABEL.match(fragment)
            if label and sentence.first_in_paragraph and (not fragment[label.end() :].strip() or _label_asker(label) and label.end() == len(fragment.rstrip())):
                label_start = sentence.start if _label_asker(label) else None  # a heading naming the asker opens the record
                label_named = bool(_label_asker(label))
                pending_label = (_label_asker(label) or self._asker_from_heading(state, sentence)
                                 or self._supplementary_asker(state, sentence, fragment) or self._name_line(state, sentence)
                                 or self._series_asker(state, sentence) or "")
                sentence.role = "label"
                continue
            named = _named_after_label(fragment[label.end() :]) if label and sentence.first_in_paragraph else None
            if named is not None:
                # "Question: Mrs A B, 12 Mill Road, Stamford": who asks, with their address; the question is below
                label_start, label_named, pending_label = None, True, named
                sentence.role = "label"
                continue
            if pending_label is not None and _ADDRESSEE_LINE.match(fragment):
                sentence.role = "label"  # "To Councillor X, Leader:-" between the asker's line and the question
                continue
            if label and sentence.first_in_paragraph and fragment.rstrip().endswith((":", ":-")):
                quoted = quoted_after(state, sentence)
                if quoted is not None:
                    # "Question A – Ms X, of Chatham, asked the Portfolio Holder the following:" and the quoted question
                    asker = _label_asker(label) or person_or_none(_LEAD_NAME.split(fragment[label.end() :].strip(), 1)[0])
                    end = quoted[-1].end
                    for other in [sentence, *quoted]:
                        other.role = "question"
                    state.questions.append(Question(item=state.item_at(sentence.start), text=text[sentence.start:end],
                                                    asker=asker, start=sentence.start, end=end, rule="q.label"))
                    continue
            if self._is_name_line(state, sentence, fragment):
                if pending_label is not None and not label_named:
                    # "Question 1", then "Mrs A B" alone, then the question: the name under the label asks it
                    # (not "Members" from a heading such as "Questions from Members of the Public")
                    pending_label = _line_name(fragment)
                continue  # "Councillor Jane Doyle" alone on a line: who asks the question below
            if pending_label is not None and fragment.strip(" .").lower() in _NOTHING_ASKED:
                pending_label = None  # "Supplementary question: None."
                continue
            if pending_label is not None and fragment.rstrip().endswith((":", ":-")) and quoted_after(state, sentence):
                # "Question from Mr X" / "Mr X asked the following question:" / the quoted question
                asker, pending_label = pending_label or None, None
                self._add_quoted(state, sentence, quoted_after(state, sentence), asker, "q.label")
                continue
            if pending_label is not None:
                asker, pending_label = pending_label or None, None
                sentence.role = "question"
                end = self._paragraph_end(state, sentence)
                for other in state.sentences[sentence.index + 1 :]:
                    if other.paragraph != sentence.paragraph:
                        break
                    other.role = "question"
                end = self._asked_on(state, sentence, end)
                # the label line and the question under it are one record ("Question to the Leader from Mr X")
                start = label_start if label_start is not None and state.item_at(label_start) == state.item_at(sentence.start) else sentence.start
                state.questions.append(Question(item=state.item_at(sentence.start), text=text[start:end],
                                                asker=asker, start=start, end=end, rule="q.label"))
                continue
            if not sentence.marker:
                intro_asker = self._intro_asker(doc, state, sentence, fragment) or (intro_asker if sentence.first_in_paragraph is False else None)
            embedded = self._embedded(doc, state, sentence)
            if embedded:
                sentence.role = "question"
                state.questions.append(embedded)
                continue
            if fragment.rstrip().endswith((":", ":-")) and not sentence.marker:
                # "Mr Smith asked the following question:" and the question read out in quotation marks
                cue = next((c for c in sentence.cues_labelled("QUESTION") if c.rule.id != "q.embedded"), None)
                quoted = quoted_after(state, sentence) if cue is not None else None
                if quoted:
                    asker = asker_for(doc, state, sentence, cue) or self._name_line(state, sentence)
                    self._add_quoted(state, sentence, quoted, asker, cue.rule.id)
                    continue
            put = self._put_below(state, sentence, fragment)
            if put is not None:
                # "Mr X of Y ward asked the following question of Councillor Z" and the question in the paragraph below
                cue, block = put
                asker = asker_for(doc, state, sentence, cue)
                self._add_quoted(state, sentence, block, asker, cue.rule.id)
                end = self._asked_on(state, block[-1], block[-1].end)
                state.questions[-1].end, state.questions[-1].text = end, text[sentence.start : end]
                continue
            rule, asker = self._classify(doc, state, sentence, fragment, intro_asker)
            if not rule:
                continue
            if asker is None and rule in {"q.direct", "q.label"}:
                asker = self._name_line(state, sentence)
            if rule == "q.supplementary":
                self._supplementary(doc, state, sentence)
                continue
            sentence.role = "question"
            start = sentence.start
            lead = self._lead_in(doc, state, sentence, rule)
            if lead is not None:
                previous, asker = lead
                previous.role = "question"
                start = previous.start
            # "X asked what ..., and Councillor Thomson asked how many ...": two askers, two questions
            for second in self._second_askers(doc, state, sentence):
                end = _trim_joining(text, start, second.idx)
                state.questions.append(Question(item=state.item_at(start), text=text[start:end],
                                                asker=asker, start=start, end=end, rule=rule))
                start = second.idx
                asker = subject_before(doc, second.i, self._verb_after(doc, second.i))
            state.questions.append(
                Question(item=state.item_at(start), text=text[start : sentence.end], asker=asker,
                         start=start, end=sentence.end, rule=rule)
            )
        for record in state.questions:
            record.asker = person_or_none(record.asker)  # a person, post or body, never a clause
        self._resolve_askers(state)
        write_spans(doc, "questions", state.questions, lambda q: "QUESTION")
        return doc

    def _classify(self, doc, state, sentence, fragment, intro_asker):
        if fragment.rstrip().endswith((":", ":-")):
            return None, None  # "Members asked the following questions:" introduces the questions below
        label = _QUESTION_LABEL.match(fragment)
        if label and sentence.first_in_paragraph:
            return "q.label", _label_asker(label)
        for cue in sentence.cues_labelled("QUESTION"):
            if cue.rule.id == "q.embedded" or self._not_asked_here(doc, state, sentence, cue):
                continue
            if asks_a_question(doc, cue):
                return cue.rule.id, asker_for(doc, state, sentence, cue)
        if sentence.marker and fragment.split(None, 1)[0].lower() in _LISTED_QUESTION:
            return "q.listed", intro_asker
        if fragment.rstrip(" ”’\"')").endswith("?"):
            return "q.direct", None
        return None, None

    @staticmethod
    def _lead_in(doc, state, sentence, rule):
        """"Cllr X noted that the plan relied on ... What would happen if ...?" or "... She asked why ...":
        a member's statement that sets up the question they then put is part of it, and names the asker."""
        first, _ = sentence_tokens(state, sentence)
        if not (rule == "q.direct" or doc[first].lower_ in _FOLLOWING_PRONOUNS) or sentence.index == 0:
            return None
        previous = state.sentences[sentence.index - 1]
        if previous.role or previous.paragraph != sentence.paragraph or state.skipped(previous.start):
            return None
        if state.text[previous.start : previous.end].rstrip().endswith((":", "?")):
            return None
        p_first, p_last = sentence_tokens(state, previous)
        if not any(c.rule.label == "HONORIFIC" and c.token_start == p_first for c in previous.cues):
            return None  # a member by name opens it ("Councillor", "Cllr", "Mrs"), not an officer's account
        for token in doc[p_first : min(p_first + 8, p_last)]:
            if token.lower_ in _SETTING_UP:
                asker = subject_before(doc, p_first, token.i)
                return (previous, asker) if asker else None
        return None

    @staticmethod
    def _not_asked_here(doc, state, sentence, cue) -> bool:
        """"queries raised by the audit team" (a noun), "a letter ... asking if" (correspondence)."""
        word = doc[cue.token_start].lower_
        first, _ = sentence_tokens(state, sentence)
        before = doc[cue.token_start - 1].lower_ if cue.token_start > first else ""
        after = doc[cue.token_end].lower_ if cue.token_end < len(doc) else ""
        if word == "queries" and (before in _QUERY_NOUN_BEFORE or after in _QUERY_NOUN_AFTER):
            return True
        if word == "asking":
            return any(t.lower_ in _CORRESPONDENCE for t in doc[max(first, cue.token_start - 12) : cue.token_start])
        if word in {"questioned", "queried"} and before in {"was", "were", "been", "being"} and after == "by":
            return True  # "Officers were questioned by the police": asked, not asking
        if word in {"asked", "asks"}:
            # "A letter from the school asked whether ...": the correspondence is the subject
            return any(t.lower_ in _CORRESPONDENCE for t in doc[first : min(first + 3, cue.token_start)])
        return False

    @staticmethod
    def _second_askers(doc, state, sentence):
        """Tokens opening a further "and <Person> asked ..." in the same sentence."""
        cues = [c for c in sentence.cues_labelled("QUESTION") if asks_a_question(doc, c)]
        first, _ = sentence_tokens(state, sentence)
        starts = []
        for cue in cues[1:]:
            start = clause_start(doc, first, cue.token_start)
            if start > cues[0].token_end and doc[start - 1].lower_ == "and" and doc[start].text[:1].isupper():
                starts.append(doc[start])
        return starts

    @staticmethod
    def _verb_after(doc, position):
        for token in doc[position : position + 8]:
            if token.lower_ in {"asked", "queried", "enquired", "sought", "questioned", "wondered", "wished", "wanted"}:
                return token.i
        return position

    @staticmethod
    def _embedded(doc, state, sentence) -> Question | None:
        """"In response to a query from X regarding Y, the Director confirmed ...": the query part."""
        opening = {sentence.start, topic_end(state.text, sentence.start, sentence.end)}
        cue = next((c for c in sentence.cues_labelled("QUESTION") if c.rule.id == "q.embedded" and c.start in opening), None)
        if cue is None:
            return None
        text = state.text
        comma = text.find(",", cue.end, sentence.end)
        if comma < 0:
            return None
        match = _ASKER_AFTER_FROM.search(text[sentence.start : comma]) or _ASKER_AFTER_TO.search(text[sentence.start : comma])
        asker = match["asker"].strip() if match else None
        if asker is None:  # "Following a question from the Chair,": a post
            by = re.search(r"\b(?:from|by)\s+(?P<who>[^,]+)$", text[cue.start : comma])
            asker = person_or_none(by["who"]) if by else None
        earlier = [q for q in state.questions if q.item == state.item_at(sentence.start)]
        if asker and earlier and earlier[-1].asker and asker.split()[-1] in earlier[-1].asker.split():
            return None  # "In reply to Councillor X," after X's own question answers it, and asks nothing new
        return Question(item=state.item_at(sentence.start), text=text[cue.start:comma],
                        asker=asker, start=cue.start, end=comma, rule="q.embedded")

    @staticmethod
    def _resolve_askers(state) -> None:
        """Who asked, where no cue said: "Councillor X: “...?”", "Supplementary question: Mr Y asked ...",
        "Asked by Councillor Z when ...", and "He also asked ..." after the same member's question."""
        text = state.text
        for position, question in enumerate(state.questions):
            if question.asker:
                continue
            words = text[question.start : question.end]
            label = _QUESTION_LABEL.match(words)
            if label:
                if words.lower().startswith("supplementary") and position and state.questions[position - 1].item == question.item:
                    question.asker = state.questions[position - 1].asker  # "Supplementary: Will the Leader ...?"
                    continue
                words = words[label.end() :]
            words = words.lstrip(" \n:–-")
            by = re.match(r"(?i:asked|raised|put)\s+by\s+(?P<who>[^,;:]+?)\s+(?:whether|if|what|how|why|when|who|which|where|about|for)\b", words)
            colon = re.match(r"(?P<who>[^:\n“\"]{3,80}?)(?:\s+asked)?\s*:", words)
            if by:
                question.asker = person_or_none(by["who"])
            elif colon and person_kind(colon["who"]) in {"name", "post"} and person_or_none(colon["who"]) == colon["who"].strip():
                question.asker = colon["who"].strip()
            else:
                first = re.split(r"\s(?:asked|enquired|queried|sought|questioned|wanted|wished|raised|noted|expressed)\b", words, maxsplit=1)
                if len(first) == 2:
                    who = re.sub(r"\s+(?:also|then|further|subsequently|again)$", "", first[0].strip(), flags=re.I)
                    if who.lower() in {"he", "she", "they"} and position:
                        earlier = state.questions[position - 1]
                        holder, this = state.sentence_at(earlier.start), state.sentence_at(question.start)
                        if holder and this and earlier.item == question.item and this.paragraph - holder.paragraph <= 1:
                            question.asker = earlier.asker
                    if who.lower() in {"he", "she"} and not question.asker:
                        question.asker = QuestionFinder._paragraph_speaker(state, question)
                    elif person_kind(who) == "name":
                        question.asker = person_or_none(who)

    @staticmethod
    def _paragraph_speaker(state, question) -> str | None:
        """"(1) Mr Ashraf said the minutes were inaccurate. ... He asked how ...?": the member named at the
        start of the paragraph, when the question is further on in it."""
        this = state.sentence_at(question.start)
        if this is None or this.first_in_paragraph:
            return None
        opener = next((s for s in reversed(state.sentences[: this.index]) if s.first_in_paragraph), None)
        if opener is None or opener.paragraph != this.paragraph:
            return None
        named = _TITLED_OPENING.match(state.text[opener.start : opener.end])
        return person_or_none(named["who"].strip()) if named else None

    @staticmethod
    def _add_quoted(state, sentence, quoted, asker, rule) -> None:
        """One question from a lead-in through the quoted paragraphs under it."""
        end = quoted[-1].end
        for other in state.sentences[sentence.index : quoted[-1].index + 1]:
            other.role = "question"
        state.questions.append(Question(item=state.item_at(sentence.start), text=state.text[sentence.start:end],
                                        asker=asker, start=sentence.start, end=end, rule=rule))

    @staticmethod
    def _is_name_line(state, sentence, fragment) -> bool:
        """A paragraph that is only a person's name ("Councillor Jane Doyle", "Barry Warren", "Councillor
        Ann Lowe to the Leader of the Council:"): who asks the question below."""
        if not sentence.first_in_paragraph or len(fragment.split()) > 14 or fragment.rstrip()[-1:] in {".", "?", ",", ";"}:
            return False
        if any(other.paragraph == sentence.paragraph for other in state.sentences[sentence.index + 1 : sentence.index + 2]):
            return False
        if _line_name(fragment) is None:
            return False
        sentence.role = "label"
        return True

    @staticmethod
    def _name_line(state, sentence) -> str | None:
        """The name on a line of its own at most two paragraphs above, in the same item, with no question between."""
        item = state.item_at(sentence.start)
        for other in reversed(state.sentences[max(sentence.index - 4, 0) : sentence.index]):
            if sentence.paragraph - other.paragraph > 3 or state.item_at(other.start) != item:
                return None
            if other.role == "question":
                return None
            if other.role == "label" and other.first_in_paragraph:
                name = _line_name(state.text[other.start : other.end])
                if name is not None:
                    return name
        return None

    @staticmethod
    def _supplementary(doc, state, sentence) -> None:
        """"In his supplementary Councillor X noted ... He asked why ...": one question, the paragraph, asked by
        the member named after the cue or else by whoever asked the question before it."""
        cue = next(c for c in sentence.cues_labelled("QUESTION") if c.rule.id == "q.supplementary")
        named = re.match(r"\s*,?\s*(?P<who>(?:[A-Z][\w’'.-]*\s?){1,5})", state.text[cue.end : sentence.end])
        asker = person_or_none(named["who"]) if named else None
        if asker is None:
            item = state.item_at(sentence.start)
            earlier = [q for q in state.questions if q.item == item and q.start < sentence.start]
            asker = earlier[-1].asker if earlier else None
        end = QuestionFinder._paragraph_end(state, sentence)
        for other in state.sentences[sentence.index : ]:
            if other.paragraph != sentence.paragraph:
                break
            other.role = "question"
        state.questions.append(Question(item=state.item_at(sentence.start), text=state.text[sentence.start:end],
                                        asker=asker, start=sentence.start, end=end, rule="q.supplementary"))

    @staticmethod
    def _series_asker(state, sentence) -> str | None:
        """"Question 2:" after "Question 1:" in the same item with no name of its own: the same questioner."""
        item = state.item_at(sentence.start)
        earlier = [q for q in state.questions if q.item == item and q.start < sentence.start]
        return earlier[-1].asker if earlier and earlier[-1].rule == "q.label" else None

    @staticmethod
    def _supplementary_asker(state, sentence, fragment) -> str | None:
        """"Supplementary question:": asked by whoever asked the question before it in the item."""
        if not fragment.lstrip().lower().startswith("supplementary"):
            return None
        item = state.item_at(sentence.start)
        earlier = [q for q in state.questions if q.item == item and q.start < sentence.start]
        return earlier[-1].asker if earlier else None

    @staticmethod
    def _put_below(state, sentence, fragment):
        """A lead-in that says a question was put ("asked the following question of the Leader"), ending its
        paragraph with no colon, and the paragraph straight below that ends in "?": (cue, its sentences)."""
        if fragment.rstrip().endswith(("?", ":", ":-")):
            return None
        cue = next((c for c in sentence.cues_labelled("QUESTION") if c.rule.id == "q.received"), None)
        if cue is None:
            return None
        following = [s for s in state.sentences[sentence.index + 1 :] if s.paragraph > sentence.paragraph]
        if len(following) < len(state.sentences[sentence.index + 1 :]) or not following:
            return None  # the lead-in is not the end of its paragraph
        block = [s for s in following if s.paragraph == following[0].paragraph]
        if following[0].paragraph - sentence.paragraph > 1 or state.item_at(block[0].start) != state.item_at(sentence.start):
            return None
        if any(s.role or s.marker for s in block) or not state.text[block[-1].start : block[-1].end].rstrip(" ”’\"')").endswith("?"):
            return None
        return cue, block

    @staticmethod
    def _asked_on(state, sentence, end) -> int:
        """A written question under a label may run over paragraphs: background first ("In May the
        contractor had a data breach."), then one or more paragraphs that end in "?". The following
        paragraphs that end in a question mark, up to the first that does not, belong to it."""
        item = state.item_at(sentence.start)
        paragraph = state.sentence_at(max(end - 1, sentence.start)).paragraph
        following = [s for s in state.sentences[sentence.index + 1 :] if s.paragraph > paragraph]
        while following:
            block = [s for s in following if s.paragraph == following[0].paragraph]
            if following[0].paragraph - paragraph > 1 or state.item_at(block[0].start) != item:
                break
            if any(s.role or s.marker or s.cues_labelled("RESPONSE", "RESOLUTION") for s in block):
                break
            if not state.text[block[-1].start : block[-1].end].rstrip(" ”’\"')").endswith("?"):
                break
            for other in block:
                other.role = "question"
            end, paragraph = block[-1].end, block[-1].paragraph
            following = following[len(block) :]
        return end

    @staticmethod
    def _paragraph_end(state, sentence) -> int:
        end = sentence.end
        for other in state.sentences[sentence.index + 1 :]:
            if other.paragraph != sentence.paragraph:
                break
            end = other.end
        return end

    @staticmethod
    def _asker_from_heading(state, sentence) -> str:
        """"Question 1 from Councillor Imogen Hale to the Cabinet Member ...", a line or two above."""
        for other in reversed(state.sentences[max(sentence.index - 2, 0) : sentence.index]):
            match = _ASKER_AFTER_FROM.search(state.text[other.start : other.end])
            if match:
                return match["asker"].strip()
        return ""

    def _intro_asker(self, doc, state, sentence, fragment) -> str | None:
        """The subject of "The Committee raised the following points:" for the bullets under it."""
        if not fragment.rstrip().endswith((":", ":-")):
            return None
        first, last = sentence_tokens(state, sentence)
        for token in doc[first:last]:
            if token.lower_ in {"raised", "asked", "queried", "sought", "made", "discussed", "considered"}:
                return subject_before(doc, first, token.i)
        return None


@Language.factory(
    "minutes_questions",
    assigns=["doc._.minutes", "doc.spans"],
    requires=["doc._.minutes"],
)
def make_questions(nlp: Language, name: str):
    """Questions and who asked them."""
    return QuestionFinder()
