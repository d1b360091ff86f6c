"""Who someone is, as minutes name them: a person, a post or a body, never a clause.

An asker, responder, speaker or owner is read off the words before a verb
("Councillor Hale asked ...", "In response, the Head of Housing Services
advised ..."). Those words are sometimes a piece of a clause instead ("A
breakdown by ward", "Mayor did not have the figure to hand and", "Reference
was made to decisions and a Member"). ``person_or_none`` is the one judgement
every stage calls before it keeps a name: it returns the person, post or body
the words name (trimmed of what surrounds it), or None.

- a name with a title: "Councillor A B", "Cllr Hayes", "Mr M Jones", "Dr Patel";
- a post: "the Head of Housing Services", "the Clerk", "Audit & Governance Lead
  Manager", "Cabinet Member for Roads, Parking and Waste";
- a body: "Members", "Officers", "the Committee", "A Member of the Committee",
  "a member of the public";
- a bare name in capitals: "Sandra Fowler", "Paul James";
- initials or an acronym, alone or joined: "CP", "TD & AV", "TfL", "ICB" (parish minutes name people by
  initials; a partner body by its acronym).

The words for posts and bodies are data: the ``ROLE`` and ``GROUP`` entries of
``nlp/patterns/people.jsonl``, with their ``post_words`` (single words that name
a post) and ``thing_words`` (capitalised words that name a thing, not a person).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import load_rules

__all__ = ["person_or_none", "person_kind", "fragment_signs"]

# Small words a post or body may hold in lower case: "Head of Housing and Waste", "Member for Roads".
_JOINERS = {"of", "and", "for", "the", "&", "to", "on", "in", "at", "-", "–", "with", "'s", "’s"}
_ARTICLES = {"the", "a", "an", "one", "another", "two", "several", "some", "all", "many", "other"}
# Capitalised words that open a clause, not a name: "Prior to the Committee", "Following discussion".
_LEAD_WORDS = {"prior", "following", "after", "before", "during", "in", "on", "at", "with", "for", "however", "also",
               "further", "as", "if", "when", "while", "whilst", "although", "given", "subject", "despite", "regarding",
               "since", "until", "upon", "under", "through", "without", "where", "then", "once", "there", "it", "this"}
_TITLED = re.compile(
    r"(?P<title>\b(?:Councillors?|Cllrs?\.?|County Councillor|County Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Professor|Prof\.?|"
    r"Reverend|Rev\.?|Sir|Dame|Alderman|Inspector|Sergeant|Superintendent)\s+)"
    r"(?P<name>(?:(?:[A-Z][\w’'.-]*|[A-Z]\.?|de|van|von|der|la|le)\s*){1,5})"
)
_PREPOSITIONS = {"of", "to", "with", "by", "for", "from", "at", "in", "on", "about", "into", "onto", "towards", "between"}
_POSSESSIVE = re.compile(r"[’']s?$")
_INITIALS = re.compile(r"^[A-Z][A-Za-z]?[A-Z]{1,3}$")
# Short words in capitals that are no one's initials: headings, labels and decisions.
_NOT_INITIALS = {"ALL", "AND", "THE", "FOR", "NOTE", "NOTED", "ITEM", "AOB", "TO", "OF", "IN", "ON", "AT", "BY", "NO",
                 "NB", "PS", "RE", "ANY", "OTHER", "DATE", "TIME", "NEXT", "AGREE", "AGREED", "ACTION", "ACT", "DUE",
                 "YES", "NONE", "NIL", "TBC", "TBA", "N/A", "NA", "PART", "PAGE", "MINS", "HELD", "VOTE", "RESOLV"}


@lru_cache(maxsize=1)
def _post_heads() -> frozenset[str]:
    """Words that name a post on their own ("Officer", "Director", "Clerk"), as against words that only
    describe one ("Deputy", "Planning", "Programme"): a post needs one of them."""
    heads: set[str] = set()
    for rule in load_rules(("people",)):
        if rule.label == "ROLE":
            heads.update(rule.get("post_words", []))
            heads.difference_update(rule.get("modifier_words", []))
    return frozenset(heads)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    """(post words, body words, body phrases, thing words) from the people pattern file."""
    posts: set[str] = set()
    bodies: set[str] = set()
    body_phrases: list[str] = []
    things: set[str] = set()
    for rule in load_rules(("people",)):
        if rule.label == "ROLE":
            for phrase in list(rule.phrases) + list(rule.get("post_words", [])):
                posts.update(w for w in phrase.split() if w not in _JOINERS and w not in _ARTICLES)
        elif rule.label == "GROUP":
            phrases = list(rule.phrases) + list(rule.get("body_phrases", []))
            body_phrases.extend(phrases)
            bodies.update(w for w in _phrase_words(phrases) if w not in _ARTICLES and w not in _JOINERS)
            things.update(rule.get("thing_words", []))
    bodies -= {"public"}
    return frozenset(posts), frozenset(bodies), tuple(sorted(body_phrases, key=len, reverse=True)), frozenset(things)


def _phrase_words(phrases) -> set[str]:
    return {word for phrase in phrases for word in phrase.split()}


_ADDRESSED_TO = re.compile(r"^(.+?)\s+to\s+(?:the\s+)?(?:Leader|Mayor|Cabinet|Portfolio|Executive|Chair|Chairman|"
                          r"Councillor|Cllr|Lead Member|Deputy Leader)\b")


def _unbalanced_brackets_trimmed(words: str) -> str:
    """``words`` without stray brackets at either end ("Mr A Smith (Chair))" -> "Mr A Smith (Chair)").

    Counted once and trimmed by index: recounting and re-slicing per bracket is quadratic in a long run of them.
    """
    start, end = 0, len(words)
    opens, closes = words.count("("), words.count(")")
    while start < end and (words[end - 1] == ")" and opens < closes or words[end - 1] == "(" or words[start] == ")"):
        if words[start] != ")":
            opens -= words[end - 1] == "("
            closes -= words[end - 1] == ")"
            end -= 1
            while end > start and words[end - 1] in " ,.;:":
                end -= 1
        else:
            closes -= 1
            start += 1
            while start < end and words[start].isspace():
                start += 1
    while start < end and words[start] == "(" and opens > closes:
        opens -= 1
        start += 1
        while start < end and words[start].isspace():
            start += 1
    return words[start:end]


def person_or_none(text: str | None) -> str | None:
    """The person, post or body ``text`` names, or None when it is a clause fragment.

    >>> person_or_none("Councillor Schneiderman")
    'Councillor Schneiderman'
    >>> person_or_none("the Head of Housing Services")
    'the Head of Housing Services'
    >>> person_or_none("Reference was made to decisions agreed by narrow margins and a Member")
    'a Member'
    >>> person_or_none("A breakdown by ward") is None
    True
    """
    if not text:
        return None
    words = " ".join(str(text).split()).strip(" ,.;:[]\"“”‘’'-–")
    words = _unbalanced_brackets_trimmed(words)
    if not words:
        return None
    words = _POSSESSIVE.sub("", words) if words.endswith(("’s", "'s")) else words
    trimmed = words.split()
    while len(trimmed) > 1 and trimmed[-1].lower() in _JOINERS | _ARTICLES | {"and", "but", "who", "which"}:
        trimmed.pop()  # "A member of the public in the" [cut off]: who it names is whole before it
    words = " ".join(trimmed)
    # "Mr A Fairbrother to the Cabinet Member for Environment": who asks, then whom the question is put to
    addressed = _ADDRESSED_TO.match(words)
    if addressed and _judge(addressed.group(1)) is not None:
        return _judge(addressed.group(1))
    whole = _judge(words)
    if whole is not None:
        return whole
    if "," in words:
        # "Prior to the Committee reaching its decision, Councillor Fraser-Kemp": an opening phrase, then who
        last = words.rsplit(",", 1)[1].strip()
        after = _judge(last)
        if after is not None and (_TITLED.match(after) or last.split()[0].lower() in _ARTICLES):
            return after
    tokens = words.split()
    # A clause whose subject is a person: "Members expressed concern about X and [asked ...]",
    # "(At 5.5) The Panel requested that ..."
    for end in range(min(len(tokens) - 1, 8), 0, -1):
        verb = tokens[end]
        if verb[:1].islower() and verb.lower() not in _JOINERS and verb.lower() not in _ARTICLES:
            head = _tokens_person(tokens[:end])
            if head is not None:
                return head
    # A clause that ends in a person: "... and a Member", "During its discussions the Committee"
    return _tail(tokens)


def _tokens_person(tokens: list[str]) -> str | None:
    """The person the words before a verb name, wholly or at their end, less a cut-off tail."""
    tokens = list(tokens)
    while len(tokens) > 1 and tokens[-1].lower() in _JOINERS | _ARTICLES:
        tokens.pop()
    return _judge(" ".join(tokens)) or _tail(tokens)


def person_kind(text: str | None) -> str | None:
    """What ``text`` names: "name" (a person, titled or not), "post" (an office such as "the Director of
    Finance"), "body" ("Members", "the Committee"), or None for a clause fragment."""
    who = person_or_none(text)
    if who is None:
        return None
    if _TITLED.match(who):
        return "name"
    tokens = who.split()
    if _is_body(tokens):
        return "body"
    if _is_post(tokens):
        return "post"
    return "name"


def _tail(tokens: list[str]) -> str | None:
    """The longest run of words ending the clause that names someone; a post or body governed by a
    preposition ("to attend the next meeting of the Committee") is whom the clause is about, not who acts,
    while a titled name is a person wherever it stands ("The Panel heard from Ms A B")."""
    for position in range(1, len(tokens)):
        opener = tokens[position]
        if not (opener[:1].isupper() or opener.lower() in _ARTICLES):
            continue
        tail = _judge(" ".join(tokens[position:]))
        if tail is None:
            continue
        before = position - 1
        while before > 0 and tokens[before].lower() in _ARTICLES:
            before -= 1
        governed = tokens[before].lower() in _PREPOSITIONS and not (before and tokens[before - 1].lower() in _LEAD_WORDS)
        if governed and not _TITLED.match(tail):
            return None  # ("Prior to the Committee [reaching its decision]" opens with who acts)
        return tail
    return None


def _judge(words: str) -> str | None:
    tokens = words.split()
    if not tokens or len(tokens) > 20:
        return None
    if tokens[-1].lower() in _JOINERS or tokens[-1].lower() in _ARTICLES:
        return None  # "A member of the public in the": cut off mid-phrase
    titled = _TITLED.match(words)
    if titled:
        # "Councillor A B, Cabinet Member for Roads, Parking and Waste": the titled name and its post
        rest = words[titled.end() :].strip()
        if not rest or rest.startswith(",") and _is_post(rest.strip(" ,").split()) or _is_post(rest.split()):
            return words
        return " ".join(words[: titled.end()].split())
    if any(piece.split()[:1] and piece.split()[0].lower() in _ARTICLES for piece in words.split(",")[1:]):
        # "the DWP, the Chair [said ...]": two phrases, and who it is is the last of them (after a titled
        # name, "Ms X, a resident of Y", the phrase after the comma says who X is)
        return None
    if _is_post(tokens) or _is_body(tokens):
        return words
    if _is_bare_name(tokens) or _is_initials(tokens):
        return words
    return None


def _content(tokens: list[str]) -> list[str]:
    out = list(tokens)
    while out and out[0].lower() in _ARTICLES:
        out.pop(0)
    return out


def _is_post(tokens: list[str]) -> bool:
    """"Head of Housing Services", "the Clerk", "Audit & Governance Lead Manager", "The CE"."""
    posts, _, _, _ = _lexicon()
    heads = _post_heads()
    content = _content(tokens)
    if not content:
        return False
    has_head = False
    for token in content:
        word = token.strip(",()").lower()
        if not word:
            continue
        if word in _JOINERS:
            continue
        if (token[:1].isupper() or token.isupper()) and word not in _LEAD_WORDS:
            has_head = has_head or _head(word, heads)
            continue
        if word in posts or word.endswith("s") and word[:-1] in posts:
            has_head = has_head or _head(word, heads)
            continue
        return False  # a lower-case word that is no part of a post: a clause
    if has_head:
        return True  # "Panel Support Officer"; not "Integration programme", which only a post's words describe
    # an initialism for a post: "The CE", "the RFO", "the DCR"
    return len(content) == 1 and content[0].isupper() and 2 <= len(content[0]) <= 5 and len(tokens) == 2


def _head(word: str, heads: frozenset[str]) -> bool:
    """A post's head word, singular or plural ("Officer", "ICB representatives")."""
    return word in heads or word.endswith("s") and word[:-1] in heads


def _is_body(tokens: list[str]) -> bool:
    """"Members", "Panel Members", "a Member of the Committee", "the Committee", "officers"."""
    _, bodies, phrases, _ = _lexicon()
    lowered = " ".join(tokens).lower()
    if lowered in phrases:
        return True
    content = _content(tokens)
    if not content:
        return False
    for token in content:
        word = token.strip(",()").lower()
        if word in _JOINERS or word in bodies or word == "public":
            continue
        if token[:1].isupper() and word not in _LEAD_WORDS:
            continue  # "Panel Members", "Ward Members", "Committee Members"; not "Prior to the Committee"
        return False
    return any(token.strip(",()").lower() in bodies for token in content)


def _is_initials(tokens: list[str]) -> bool:
    """"CP", "TD & AV", "CSW", "TfL": initials or an acronym, alone or joined by "&", "and" or "/"."""
    if not tokens or len(tokens) > 5 or not _INITIALS.match(tokens[0]) or not _INITIALS.match(tokens[-1]):
        return False
    return all(_INITIALS.match(t) and t.upper() not in _NOT_INITIALS or t in {"&", "and", "/"} for t in tokens)


def _is_bare_name(tokens: list[str]) -> bool:
    """"Sandra Fowler", "Paul James": two to four capitalised words naming no thing."""
    _, _, _, things = _lexicon()
    if not 2 <= len(tokens) <= 4:
        return False
    if tokens[0].lower() in _ARTICLES:
        return False
    for token in tokens:
        if not (token[:1].isupper() and token[1:2].islower() or re.fullmatch(r"[A-Z]\.?", token)):
            return False
        if token.lower().strip(".,") in things:
            return False
    return True


# Words no name, post or body holds: a verb, a modal, a clause word ("Mayor did not have the figure to
# hand and", "Housing Select Committee should").
_CLAUSE_WORDS = {"did", "does", "do", "not", "had", "has", "have", "was", "were", "is", "are", "be", "been", "being",
                 "would", "will", "could", "should", "can", "may", "might", "must", "shall", "that", "which", "who",
                 "whether", "if", "asked", "said", "stated", "noted", "agreed", "advised", "explained", "confirmed",
                 "replied", "responded", "reported", "queried", "requested", "sought", "raised", "welcomed"}


def fragment_signs(name: str) -> list[str]:
    """Why ``name``, as a stage recorded it for an asker, responder, speaker or owner, reads as a piece of
    a clause rather than a person, post or body; empty when it reads as one. An audit of the stages'
    output (``scripts/people_audit.py``, ``tests/nlp/test_names.py``), worded apart from
    ``person_or_none`` so that it also catches a stage that does not ask it."""
    _, bodies, _, things = _lexicon()
    words = name.split()
    signs = []
    if person_or_none(name) != name:
        signs.append(f"person_or_none reads it as {person_or_none(name)!r}")
    if any(w.lower().strip(",.;:") in _CLAUSE_WORDS for w in words):
        signs.append("holds a verb or clause word")
    if words and words[-1].lower() in _JOINERS | _ARTICLES:
        signs.append("ends mid-phrase")
    # the phrase's head: "resident" of "A resident of Mill Lane", "breakdown" of "A breakdown by ward"
    head = next((w for w, after in zip(words, words[1:] + [""]) if after.lower() in {"of", "for", "by", "from", ""}
                 or w.endswith(",")), "")
    head = head.lower().strip(",.;:")
    if head in things and head not in bodies and not _TITLED.match(name):
        signs.append("names a thing")
    if len(words) > 14:
        signs.append("too long for a name")
    return signs
