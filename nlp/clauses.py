"""Small token-level readings shared by the stages: clause starts and speakers.

A blank English pipeline has no parser, so these are explicit lexical rules
over the tokens of one sentence, cheap because they run only where a cue
fired.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from .names import person_or_none
from .state import MinutesState, Sentence

_PREPOSITIONS = {
    "from", "of", "in", "on", "at", "by", "with", "for", "to", "about", "into", "under", "over",
    "through", "upon", "like", "than", "all",
}
_VERB_AFTER_AND = {
    "would", "will", "should", "could", "was", "were", "is", "are", "had", "has", "have", "be", "been",
    "may", "might", "can", "must", "also", "then", "that", "to", "not", "further", "subsequently",
}
_LEADING_NOISE = {"in", "response", ",", "also", "however", "further", "furthermore", "additionally", "then", "and", "but", "whilst", "while", "both", "–", "-", ":", "(", ")"}
_TRAILING_NOISE = {"also", "then", "further", "had", "has", "have", "was", "were", "subsequently", "both", "again", "therefore", "duly", ",", "–", "-"}
_PRONOUNS = {"he", "she", "they", "we", "i", "it", "this", "there"}
_SUBJECT_STOP = {"that", "which", "who", "whether", "if", ";", ":"}
MAX_SUBJECT_TOKENS = 14


def motion_as_moved(state: MinutesState, sentence: Sentence) -> bool:
    """Whether the sentence is in the paragraph under "... moved (and seconded) the following motion:":
    the words proposed, not yet decided."""
    # the paragraph's first sentence by bisection: walking back from each sentence is quadratic in a long paragraph
    position = bisect.bisect_left(state.sentence_paragraphs, sentence.paragraph, 0, sentence.index)
    if position == 0:
        return False
    intro = state.sentences[position - 1]
    words = state.text[intro.start : intro.end].lower()
    return words.rstrip().endswith((":", ":-")) and any(w in words for w in ("moved", "motion", "amendment"))


def sentence_tokens(state: MinutesState, sentence: Sentence) -> tuple[int, int]:
    """The token range of a sentence."""
    index = state.tokens
    return index.token_at_or_after(sentence.start), index.token_before(sentence.end)


def word_before(doc: Doc, position: int):
    """The token before ``position`` that is not white space (a hard wrap's indent is)."""
    position -= 1
    while position > 0 and doc[position].is_space:
        position -= 1
    return doc[max(position, 0)]


def word_after(doc: Doc, position: int):
    """The token at or after ``position`` that is not white space."""
    while position < len(doc) - 1 and doc[position].is_space:
        position += 1
    return doc[position]


def clause_start(doc: Doc, first: int, token: int) -> int:
    """The token where the clause holding ``token`` begins, within a sentence from ``first``.

    Boundaries: "but", ";", ":", a "that" introducing reported speech, and an
    "and" that starts a new subject ("...and details would be shared").
    """
    position = token - 1
    while position >= first:
        word = doc[position].lower_
        if word in {"but", ";", ":", "whilst", "although"} or _dash_opens_clause(doc, position):
            return position + 1
        if word == "which" and position > first and doc[position - 1].lower_ == "to":
            return position + 1  # "..., to which the Director replied that ..."
        if (word in _TOLD and position > first and doc[position - 1].lower_ in {"was", "were"} and position + 1 < token
                and doc[position + 1].lower_ not in {"that", "to", "of", "about", "by", ",", "how", "whether"}):
            return position + 1  # "... and was told this information would be forwarded": what was told opens a clause
        if word == "which" and relative_task(doc, position):
            return position  # "... a scoping document, which would then be circulated to ...": a second task
        if word == "that":
            before = doc[position - 1].lower_ if position > first else ""
            if before not in _PREPOSITIONS:
                return position + 1
        if word == "and" and _starts_clause(doc, position + 1, max(token, position + 2)) and not _joins_speakers(doc, first, position, token):
            return position + 1
        position -= 1
    return first


def _joins_speakers(doc: Doc, first: int, joiner: int, token: int) -> bool:
    """"Councillor A B, Cabinet Member for Roads, and the Head of Finance responded": the "and" joins two
    speakers of one verb (all before it names someone, and no "that" comes between), not two clauses."""
    if any(t.lower_ in {"that", "which", "who"} for t in doc[joiner:token]):
        return False
    words = doc[first:joiner].text.strip(" ,")
    return bool(words) and person_or_none(words) == " ".join(words.split())


# After a dash these open a new speaker's clause ("... behind schedule – Ms Tranter explained");
# "Assistant Director – Commissioning" is one title.
_DASH_OPENERS = {"the", "ms", "mr", "mrs", "miss", "dr", "councillor", "cllr", "officers", "members", "it", "he", "she", "they", "in"}


def _dash_opens_clause(doc: Doc, position: int) -> bool:
    if doc[position].text not in {"–", "—"} or position + 1 >= len(doc):
        return False
    following = word_after(doc, position + 1)
    return following.lower_ in _DASH_OPENERS


_MODALS = {"would", "will", "should", "could", "shall", "was", "were", "is", "are", "had", "has", "have", "may", "might", "can", "must"}
# Verbs of answering: "... and the Head of Finance advised that ..." opens a clause.
_SPEECH = {"advised", "confirmed", "stated", "explained", "replied", "responded", "said", "noted", "reported", "agreed", "undertook", "informed", "assured", "acknowledged"}


_HONORIFICS = {"councillor", "cllr", "mr", "mrs", "ms", "miss", "dr"}
_PROPOSING = {"suggested", "proposed", "asked", "requested", "queried", "enquired", "moved", "seconded", "added", "commented"}
_SUBJECT_OPENERS = {"the", "it", "he", "she", "they", "this", "these", "officers", "members", "councillor", "cllr", "mr", "mrs", "ms", "dr"}


def _starts_clause(doc: Doc, first: int, limit: int) -> bool:
    """Whether the words after an "and" open a new clause with its own subject.

    "... and details would be shared": yes (a modal follows its subject);
    "... and Councillor Hughes suggested": yes (a person opens it);
    "reports and minutes", "Place Management and Regeneration": no.
    """
    while first < len(doc) - 1 and doc[first].is_space:
        first += 1  # "Head of Climate Change and\nSustainability": a hard wrap after the "and"
    following = doc[first]
    if following.lower_ in _VERB_AFTER_AND or following.lower_.endswith("ed"):
        return False
    joiner = word_before(doc, first)
    before_joiner = word_before(doc, joiner.i) if joiner.i > 0 else None
    if following.lower_ in _HONORIFICS and following.text[:1].isupper():
        # "... Children's Services and Councillor C Hughes suggested that ...": another member speaks
        window = doc[first + 1 : min(first + 7, limit + 1, len(doc))]
        return any(t.lower_ in _MODALS or t.lower_ in _SPEECH or t.lower_ in _PROPOSING for t in window)
    if before_joiner is not None and before_joiner.is_title and (following.is_title or following.is_upper and following.is_alpha):
        return False  # "Waste and Recycling Manager", "Head of Digital and ICT": one name
    if following.text[:1].isupper() and following.lower_ in _SUBJECT_OPENERS:
        return True
    if following.lower_ in {"it", "he", "she", "they", "there", "we"}:
        return True
    window = doc[first + 1 : min(first + 8, limit + 1, len(doc))]
    return any(t.lower_ in _MODALS or t.lower_ in _SPEECH for t in window)


def relative_task(doc: Doc, position: int) -> bool:
    """", which would then be circulated": a relative clause with its own modal after a comma."""
    if doc[position].lower_ != "which" or position == 0 or doc[position - 1].text != ",":
        return False
    following = [t.lower_ for t in doc[position + 1 : position + 3]]
    return bool(following) and following[0] in {"would", "will", "should"}


def clause_end(doc: Doc, token: int, last: int) -> int:
    """The token after the end of the clause holding ``token`` (";" or a "but" ends it)."""
    position = token
    while position < last:
        word = doc[position].lower_
        if word in {";", "but"} or (word == "and" and position + 1 < last and _starts_clause(doc, position + 1, last)):
            return position
        if word == "which" and position > token and relative_task(doc, position):
            return position
        position += 1
    return last


def subject_before(doc: Doc, first: int, verb: int) -> str | None:
    """The noun phrase before a verb cue, read as who spoke or acted.

    "In response, the Director of Children's Services advised" -> "Director of
    Children's Services"; "Cllr Hayes queried" -> "Cllr Hayes". Passive and
    pronoun subjects give None.
    """
    start = clause_start(doc, first, verb)
    tokens = [t for t in doc[start:verb] if not t.is_space]
    while tokens and (tokens[0].lower_ in _LEADING_NOISE or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].lower_ in _TRAILING_NOISE:
        tokens.pop()
    # After an opening phrase ("to a question from X, the Director advised") the
    # speaker is the last chunk; "The Leader, Councillor Platt," is one speaker.
    if tokens and not tokens[0].text[:1].isupper():
        for position in range(len(tokens) - 1, -1, -1):
            if tokens[position].text == "," and not _inside_brackets(tokens, position):
                tokens = tokens[position + 1 :]
                break
    if not tokens or len(tokens) > MAX_SUBJECT_TOKENS:
        return None
    if any(t.lower_ in _SUBJECT_STOP for t in tokens):
        return None
    if tokens[0].lower_ in _PRONOUNS or tokens[0].lower_ in {"it", "there"}:
        return None
    if tokens[0].lower_ in {"the", "a", "an"} and len(tokens) > 1:
        if tokens[0].lower_ == "the":
            tokens = tokens[1:]
    if not (tokens[0].text[:1].isupper() or tokens[0].lower_ in {"members", "officers", "officer", "councillors", "a", "an", "one", "clerk", "chair", "chairman", "staff"}):
        return None
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    return text.strip(" ,") or None


def _inside_brackets(tokens, position: int) -> bool:
    depth = 0
    for token in tokens[:position]:
        depth += token.text == "("
        depth -= token.text == ")"
    return depth > 0


def is_pronoun(word: str) -> bool:
    return word.lower() in _PRONOUNS


_QUESTION_WORDS = {"whether", "if", "when", "what", "how", "why", "which", "who"}


def question_complement(doc: Doc, state: MinutesState, sentence: Sentence, first: int, last: int) -> tuple[int, int]:
    """The token range of what a question asks about ("whether the Trust would publish ...").

    Cues inside it are asked about, not said: "asked how the Board could be
    assured" holds no assurance, "enquired whether figures would be shared" no
    commitment. It ends where a new clause starts ("..., and it was agreed that").
    A sentence ending "?" is all complement.
    """
    if state.text[sentence.start : sentence.end].rstrip(" ”’\"')").endswith("?"):
        return first, last
    questions = sentence.cues_labelled("QUESTION")
    if not questions:
        return last, last
    stop = last
    if questions[0].rule.id == "q.embedded":
        # "In response to a query as to why X, officers said they could provide ...": the query ends at its comma
        stop = next((t.i for t in doc[questions[0].token_end : last] if t.text == ","), last)
    for position in range(questions[0].token_end, stop):
        if doc[position].lower_ in _QUESTION_WORDS:
            return position, min(clause_end(doc, position, stop), _answer_joined(doc, position, stop))
    return last, last


def _answer_joined(doc: Doc, position: int, last: int) -> int:
    """Where an answer joined to the question starts: "... and was told by the Director that",
    "..., to which the Head of Service replied"."""
    for index in range(position + 1, last - 2):
        word = doc[index].lower_
        if word == "to" and doc[index + 1].lower_ == "which":
            return index
        if word == "and" and doc[index + 1].lower_ in {"was", "were"} and doc[index + 2].lower_ in _TOLD:
            return index
        if _dash_opens_clause(doc, index):
            return index  # "asked why the transition was late – Ms Tranter explained that ..."
        if (word == "," and doc[index + 1].lower_ in {"it", "this", "that"} and doc[index + 2].lower_ == "was"
                and index + 3 < len(doc) and doc[index + 3].lower_ in _SPEECH | {"clarified", "explained", "reported"}):
            return index + 1  # "enquired whether the gap had narrowed, this was confirmed to be the case"
        if word == "," and any(t.lower_ in _ANSWERING for t in doc[index + 2 : min(index + 6, last)]) \
                and doc[index + 1].lower_ not in {"and", "or", "but", "which", "who"}:
            return index + 1  # "In response to a query as to why ..., officers informed the Committee that ..."
    return last


_ANSWERING = {"informed", "advised", "explained", "confirmed", "replied", "responded", "stated", "said", "assured", "clarified"}


_TOLD = {"told", "informed", "advised", "assured", "reassured"}
