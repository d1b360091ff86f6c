"""What people type into the search box, parsed into a small engine-neutral tree.

The grammar is the one people already know from web search: words, "quoted
phrases", AND / OR / NOT (or a leading minus), brackets, and field filters
(``kind:question``, ``committee:"Children & Families"``, ``asker:Foster``,
``status:open``, ``year:2024``). A trailing wildcard (``inspect*``) is allowed
on three letters or more; leading and infix wildcards are refused because they
make the engine scan its whole vocabulary. Every problem becomes a
``QueryError`` whose message says what to change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 500
MAX_TERMS = 40
MIN_PREFIX = 3

KINDS = ("item", "question", "response", "comment", "resolution", "action")
KIND_LABELS = {"item": "Agenda item", "question": "Question", "response": "Response", "comment": "Comment",
               "resolution": "Resolution", "action": "Action"}
_KIND_ALIASES = {**{k: k for k in KINDS}, **{k + "s": k for k in KINDS}, "answer": "response", "answers": "response",
                 "decision": "resolution", "decisions": "resolution", "agenda": "item", "items": "item"}
STATUSES = ("open", "in_progress", "done", "dropped")
# person fields: which kind of record the name belongs to (None: any)
PERSON_FIELDS = {"asker": "question", "responder": "response", "speaker": None, "owner": "action"}
FIELDS = ("kind", "committee", "status", "year", *PERSON_FIELDS)


UNMATCHED_QUOTE = ("Your search had a quotation mark without a partner, so it was left out. To search for "
                   'words side by side, put quotes around both ends, like "home to school transport".')


class QueryError(ValueError):
    """A query the search cannot run as typed; the message says how to fix it."""

    status = 400


# --- the tree --------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    """One typed word; ``prefix`` when it ended in ``*``."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together, in order."""

    text: str


@dataclass(frozen=True)
class Field:
    """A filter on a field: ``kind:question``; ``values`` are the accepted values (committee: resolved slugs)."""

    name: str
    value: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class And:
    parts: tuple


@dataclass(frozen=True)
class Or:
    parts: tuple


@dataclass(frozen=True)
class Not:
    part: object


Node = Word | Phrase | Field | And | Or | Not


def text_leaves(node) -> list[Word | Phrase]:
    """The words and phrases that are looked for (not those under NOT): what highlights and ranking use."""
    if isinstance(node, (Word, Phrase)):
        return [node]
    if isinstance(node, (And, Or)):
        return [leaf for part in node.parts for leaf in text_leaves(part)]
    return []


def fields_in(node) -> list[Field]:
    if isinstance(node, Field):
        return [node]
    if isinstance(node, (And, Or)):
        return [f for part in node.parts for f in fields_in(part)]
    if isinstance(node, Not):
        return fields_in(node.part)
    return []


def map_fields(node, function):
    """The tree with each Field replaced by ``function(field)``."""
    if isinstance(node, Field):
        return function(node)
    if isinstance(node, And):
        return And(tuple(map_fields(p, function) for p in node.parts))
    if isinstance(node, Or):
        return Or(tuple(map_fields(p, function) for p in node.parts))
    if isinstance(node, Not):
        return Not(map_fields(node.part, function))
    return node


def has_positive(node) -> bool:
    """Whether the tree asks for something, rather than only excluding (``NOT x`` alone matches nearly all)."""
    if isinstance(node, (Word, Phrase, Field)):
        return True
    if isinstance(node, And):
        return any(has_positive(p) for p in node.parts)
    if isinstance(node, Or):
        return all(has_positive(p) for p in node.parts)
    return False


# --- cleaning and tokens ------------------------------------------------------------

_TOKEN = re.compile(r'''\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<quote>"[^"]*"?)|(?P<field>[A-Za-z_]+):(?P<fvalue>"[^"]*"?|[^\s()"]*)|(?P<word>[^\s()"]+))''')
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                               "\u2018": "'", "\u2019": "'"})
_WORDISH = re.compile(r"\w", re.UNICODE)


def clean(raw: str) -> str:
    """The query with control characters (NUL included), symbols and emoji turned to spaces, smart quotes made plain."""
    text = raw.translate(_SMART_QUOTES)
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] == "C" or category in ("So", "Sk", "Cs") or char == "\ufffd":
            out.append(" ")
        else:
            out.append(char)
    return " ".join("".join(out).split())


def parse(raw: str | None, notes: list[str] | None = None) -> Node | None:
    """The tree for a typed query, or None for an empty one; raises QueryError with a fix for bad input.

    What was forgiven rather than refused (a quotation mark without its partner) is added to `notes`.
    """
    if raw is None:
        return None
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"Your search is {len(raw):,} characters long. Keep it under {MAX_QUERY_CHARS} "
                         "characters: a few distinctive words work best.")
    text = clean(raw)
    if not text:
        return None
    if text.count('"') % 2:
        # a stray quote is a slip, not a mistake to refuse: search the words as typed and say so
        cut = text.rindex('"')
        text = " ".join((text[:cut] + " " + text[cut + 1:]).split())
        if notes is not None:
            notes.append(UNMATCHED_QUOTE)
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise QueryError("Your search has brackets that do not pair up. Each ( needs a matching ), as in "
                         "(SEND OR transport) AND budget; or remove the brackets.")
    tokens = _tokens(text)
    if sum(1 for t in tokens if t[0] in ("word", "phrase", "field")) > MAX_TERMS:
        raise QueryError(f"Your search has too many words. Use at most {MAX_TERMS}.")
    parser = _Parser(tokens)
    tree = parser.expression()
    return tree


def _tokens(text: str) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        if match["lp"]:
            tokens.append(("(", None))
        elif match["rp"]:
            tokens.append((")", None))
        elif match["quote"] is not None:
            inner = " ".join(match["quote"].strip('"').split())
            if _WORDISH.search(inner):
                tokens.append(("phrase", Phrase(inner)))
        elif match["field"] is not None:
            tokens.append(_field_token(match["field"], match["fvalue"]))
        else:
            tokens.extend(_word_tokens(match["word"]))
    return tokens


def _field_token(name: str, value: str) -> tuple[str, object]:
    lowered = name.lower()
    value = " ".join(value.strip('"').split())
    if lowered not in FIELDS:
        # "10:30" or "Note:" is text, not a filter
        return ("phrase", Phrase(f"{name} {value}".strip())) if _WORDISH.search(value) else ("word", Word(name))
    if not value:
        raise QueryError(f"Say what {lowered}: should be, as in {_EXAMPLES[lowered]}.")
    if lowered == "kind":
        kind = _KIND_ALIASES.get(value.lower())
        if kind is None:
            raise QueryError(f"{value!r} is not a kind of record. Use kind: with one of {', '.join(KINDS)}.")
        return ("field", Field("kind", kind, (kind,)))
    if lowered == "status":
        status = value.lower().replace(" ", "_").replace("-", "_")
        if status not in STATUSES:
            raise QueryError(f"{value!r} is not an action status. Use status: with one of "
                             f"{', '.join(STATUSES)}.")
        return ("field", Field("status", status, (status,)))
    if lowered == "year":
        if not re.fullmatch(r"(19|20)\d\d", value):
            raise QueryError(f"{value!r} is not a year. Use year: with four digits, as in year:2024.")
        return ("field", Field("year", value, (value,)))
    return ("field", Field(lowered, value))


_EXAMPLES = {"kind": "kind:question", "committee": 'committee:"Children & Families"', "status": "status:open",
             "year": "year:2024", "asker": "asker:Foster", "responder": "responder:Smith", "speaker": "speaker:Khan",
             "owner": "owner:Director"}


def _word_tokens(word: str) -> list[tuple[str, object]]:
    if word in ("AND", "OR", "NOT"):
        return [(word, None)]
    if word in ("&&",):
        return [("AND", None)]
    if word in ("||", "|"):
        return [("OR", None)]
    negate = word.startswith("-") and len(word) > 1
    if negate:
        word = word[1:]
    if "*" in word or "?" in word:
        stem = word.rstrip("*")
        if "*" in stem or "?" in stem or not word.endswith("*"):
            raise QueryError(f"{word!r}: wildcards are allowed only at the end of a word, as in inspect*. "
                             "A * or ? at the start or in the middle would make the search scan every word.")
        if len(re.findall(r"\w", stem)) < MIN_PREFIX:
            raise QueryError(f"{word!r}: give at least {MIN_PREFIX} letters before the *, as in inspect*.")
        leaf = Word(stem, prefix=True)
    else:
        if not _WORDISH.search(word):
            return []  # punctuation on its own: nothing to look for
        leaf = Word(word)
    return [("NOT", None), ("word", leaf)] if negate else [("word", leaf)]


class _Parser:
    """expression := and (OR and)*; and := unary (AND? unary)*; unary := NOT unary | atom."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.at = 0

    def peek(self):
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def take(self):
        token = self.tokens[self.at]
        self.at += 1
        return token

    def expression(self):
        parts = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.conjunction())
        while self.peek() == ")":  # already checked to pair up, so only reached at the top level
            self.take()
            parts.append(self.conjunction())
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def conjunction(self):
        parts = []
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.take()
                continue
            part = self.unary()
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self):
        kind = self.peek()
        if kind == "NOT":
            self.take()
            if self.peek() in (None, "OR", ")", "AND"):
                return None
            part = self.unary()
            return Not(part) if part is not None else None
        if kind == "(":
            self.take()
            inner = self.expression_until_close()
            return inner
        _kind, value = self.take()
        return value

    def expression_until_close(self):
        parts = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.conjunction())
        if self.peek() == ")":
            self.take()
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))


def describe(node) -> str:
    """The tree written back as a query (for messages, suggestions and feed titles)."""
    if node is None:
        return ""
    if isinstance(node, Word):
        return node.text + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return f'"{node.text}"'
    if isinstance(node, Field):
        return f'{node.name}:"{node.value}"' if " " in node.value else f"{node.name}:{node.value}"
    if isinstance(node, Not):
        return f"NOT {describe(node.part)}"
    joiner = " OR " if isinstance(node, Or) else " "
    return "(" + joiner.join(describe(p) for p in node.parts) + ")" if isinstance(node, Or) else \
        joiner.join(describe(p) for p in node.parts)
