"""What a passage of minutes is about, in words: subject terms for matching an action to a later item.

Discharge and repeat proposals (in the tracker) compare an action's words with a later meeting's. The
language side lives here: which words say nothing (`STOPWORDS`), a crude stemmer, the signs that the kind
of thing an action promised has happened (`KIND_SIGNS`, keyed by ``nlp.records.ActionKind`` values), and the
cue of a record that asks again for something already asked (`asks_again`).

    from nlp.subjects import subject_terms
    subject_terms("Figures on pothole repairs to be circulated")   # {"figur", "pothol", "repair"}
"""

from __future__ import annotations

import re

__all__ = ["STOPWORDS", "KIND_SIGNS", "stem", "subject_terms", "shows_kind", "asks_again", "without_asking_again",
           "words_for", "sentence_with"]

# Words that say nothing about what an action is about.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over
own same she should so some such than that the their them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your
committee committees council councillor councillors member members meeting meetings chair chairman cabinet officer
officers item items agenda minutes noted note notes agreed resolved requested request requests asked ask asking
future next previous following further regard regarding relation relating respect report reports would could should
provide provided update updates information discussed discussion clarification sought whether also confirmed
stated explained advised said thank thanked welcome welcomed received consider considered year years time times
within per new one two three include included including undertook undertaken take taken circulate circulated share
shared members' made make given give may might must shall well use used work working response responses clear
term terms continue continued ensure ensured place around across part overall currently current level levels
""".split())
# Signs, in a later item, that the kind of thing an action promised has happened.
KIND_SIGNS = {
    "report_back": re.compile(r"\b(report|update|review|presented|progress|outcome)", re.I),
    "provide_information": re.compile(r"\b(provided|circulated|presented|figures?|data|information|briefing|update)",
                                      re.I),
    "include_data": re.compile(r"\b(figures?|data|numbers?|percentages?|performance|indicators?|actual)", re.I),
    "share": re.compile(r"\b(circulated|shared|published|sent|distributed|provided|available|copy|copies)", re.I),
    "arrange": re.compile(r"\b(visit(ed)?|session|workshop|met|attended|meeting was held|briefing)", re.I),
    "investigate": re.compile(r"\b(investigat\w*|review(ed)?|findings|outcome|looked into|explored)", re.I),
}
# A record asking again ("reiterated previous requests ...") repeats an action; it does not discharge it.
_ASKS_AGAIN = re.compile(
    r"\b(reiterat\w*|repeat(ed)?\s+(its|their|his|her|the|a)?\s*(previous\s+)?requests?|again\s+(asked|requested|"
    r"sought|raised)|(asked|requested|sought|raised)\s+(this\s+|it\s+)?again|once\s+more|previous(ly)?\s+"
    r"(request\w*|asked|raised|sought)|as\s+(previously|before)\s+(requested|asked)|still\s+(awaited|waiting|"
    r"not\s+(been\s+)?(received|provided|circulated|shared))|renewed\s+(its|their|the)?\s*request)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z][a-z0-9'’-]*[a-z0-9]|[0-9]{2,}[a-z]*", re.I)
# suffix removed, what replaces it; the first that fits wins
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("s", ""))


def stem(word: str) -> str:
    """A crude stem, the same for "figure", "figures"; "include", "included"; "repair", "repairs", "repairing".

    Lower-cased, without a possessive "'s"; a suffix comes off only when four letters are left, and a final
    "e" only from a word longer than four letters.
    """
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + keep
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def subject_terms(text: str | None) -> set[str]:
    """The words that say what a passage is about: lower-cased, stemmed, without minute boilerplate.

    Words of fewer than three letters and `STOPWORDS` (before or after stemming) are left out.
    """
    terms = set()
    for match in _WORD.finditer(text or ""):
        word = match.group().lower()
        if word in STOPWORDS or len(word) < 3:
            continue
        stemmed = stem(word)
        if stemmed not in STOPWORDS:
            terms.add(stemmed)
    return terms


def shows_kind(kind: str, text: str) -> bool:
    """Whether `text` shows that the kind of thing an action of `kind` promised has happened.

    A kind with no signs (``"other"``, or one this module does not know) is always shown.
    """
    sign = KIND_SIGNS.get(kind)
    return sign is None or bool(sign.search(text))


def asks_again(text: str) -> bool:
    """Whether `text` asks again for something already asked ("reiterated its previous request", "still awaited")."""
    return bool(_ASKS_AGAIN.search(text or ""))


def without_asking_again(text: str) -> str:
    """`text` without the sentences that ask again: those repeat an action rather than discharge it."""
    return " ".join(sentence for sentence in _SENTENCE_END.split(text or "") if not asks_again(sentence))


def words_for(terms: set[str], text: str | None) -> list[str]:
    """The words of `text` behind subject `terms`, as written (the first spelling of each, in text order):
    what a person reads to judge a match, where the stems ("hous", "servic") say little."""
    seen, words = set(), []
    for match in _WORD.finditer(text or ""):
        word = match.group()
        lowered = word.lower()
        if lowered in STOPWORDS or len(lowered) < 3:
            continue
        term = stem(lowered)
        if term in terms and term not in seen:
            seen.add(term)
            words.append(word)
    return words


def sentence_with(terms: set[str], text: str | None, most: int = 400, prefer: set[str] = frozenset()) -> str:
    """The sentence of `text` holding the most of `prefer`, then most of `terms` (a term found in fewer of the
    sentences counting for more: "SEND" says more than a "priority" every sentence mentions), cut to `most`
    characters; the first of equals."""
    sentences = [(sentence, subject_terms(sentence) & terms) for sentence in _SENTENCE_END.split(text or "")]
    spread = {term: sum(term in found for _s, found in sentences) for term in terms}
    best, best_count = "", (0, 0.0)
    for sentence, found in sentences:
        count = (len(found & prefer), sum(1 / spread[term] for term in found))
        if count > best_count:
            best, best_count = sentence.strip(), count
    return best if len(best) <= most else best[: most - 1].rsplit(" ", 1)[0] + "…"
