"""Searching as people type, engine-neutral: spellings that mean the same, council acronyms, and the wider
search run when no record has all the words.

The words live in data (``words/``: ``ignored.txt``, ``variants.txt``, ``acronyms.tsv``; see its README).
This module rewrites the parsed tree that every engine already understands (``query.Word``, ``Phrase``,
``And``, ``Or``) and judges which of a page of hits really hold which of the words typed, so no engine module
needs to know any of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp.subjects import stem

from . import query as q

WORDS = Path(__file__).with_name("words")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


# --- the data ------------------------------------------------------------------------

def _lines(name: str) -> list[str]:
    text = (WORDS / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


@cache
def ignored() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """Single words that say nothing, and framing phrases (as word tuples, longest first)."""
    entries = [tuple(_key(line).split()) for line in _lines("ignored.txt")]
    words = frozenset(e[0] for e in entries if len(e) == 1)
    phrases = tuple(sorted((e for e in entries if len(e) > 1), key=len, reverse=True))
    return words, phrases


@cache
def variants() -> dict[str, tuple[str, ...]]:
    """Each spelling (its words joined by one space) -> every spelling of the same thing, the usual one first."""
    found: dict[str, tuple[str, ...]] = {}
    for line in _lines("variants.txt"):
        group = tuple(dict.fromkeys(part.strip() for part in line.split("|") if part.strip()))
        for spelling in group:
            found[_key(spelling)] = group
            found[spelling.lower()] = group
    return found


@cache
def acronyms() -> dict[str, tuple[str, ...]]:
    """Acronym as written in capitals -> the ways of writing it out."""
    found = {}
    for line in _lines("acronyms.tsv"):
        acronym, _tab, expansions = line.partition("\t")
        found[acronym.strip()] = tuple(e.strip() for e in expansions.split("|") if e.strip())
    return found


def is_acronym(word: str) -> bool:
    """A known council acronym typed in capitals ("SEND"; "send" is the verb)."""
    return word.isupper() and word in acronyms()


# --- rewriting the tree ----------------------------------------------------------------

def _leaf(spelling: str):
    return q.Phrase(spelling) if " " in spelling.strip() else q.Word(spelling)


def _alternatives(text: str) -> list:
    """Other spellings of a typed word or phrase: its variants, or an acronym's expansions."""
    if is_acronym(text):
        return [q.Phrase(e) for e in acronyms()[text]]
    group = variants().get(text.lower()) or variants().get(_key(text))
    if not group:
        return []
    typed = _key(text)
    return [_leaf(spelling) for spelling in group if _key(spelling) != typed]


def expand(node):
    """The tree with each word or phrase widened to its other spellings, and word pairs that are a split
    compound ("pot holes") widened to the compound."""
    if isinstance(node, q.Word) and not node.prefix or isinstance(node, q.Phrase):
        others = _alternatives(node.text)
        return q.Or((node, *others)) if others else node
    if isinstance(node, q.And):
        parts, at = [], 0
        while at < len(node.parts):
            part = node.parts[at]
            following = node.parts[at + 1] if at + 1 < len(node.parts) else None
            if _plain(part) and _plain(following):
                pair = f"{part.text} {following.text}"
                others = _alternatives(pair)
                if others:
                    parts.append(q.Or((q.Phrase(pair), *others)))
                    at += 2
                    continue
            parts.append(expand(part))
            at += 1
        return parts[0] if len(parts) == 1 else q.And(tuple(parts))
    if isinstance(node, q.Or):
        return q.Or(tuple(expand(p) for p in node.parts))
    if isinstance(node, q.Not):
        return q.Not(expand(node.part))
    return node


def _plain(node) -> bool:
    return isinstance(node, q.Word) and not node.prefix


@dataclass(frozen=True)
class Term:
    """One thing looked for: what was typed and the spellings that count as it."""

    typed: str
    spellings: tuple[str, ...]
    acronym: str | None = None


def meaningful_terms(tree) -> list[Term] | None:
    """The words worth looking for when no record has them all: framing and empty words dropped, split
    compounds kept together; None when the search uses OR, NOT or wildcards (then it is taken as written)."""
    if tree is None or _has_operators(tree):
        return None
    leaves = q.text_leaves(tree)
    words, phrases = ignored()
    typed = [leaf.text for leaf in leaves]
    lowered = [_key(text) for text in typed]
    keep = [True] * len(typed)
    at = 0
    while at < len(typed):  # framing phrases, over plain words only
        for phrase in phrases:
            end = at + len(phrase)
            if end <= len(typed) and all(isinstance(leaves[i], q.Word) for i in range(at, end)) \
                    and tuple(lowered[at:end]) == phrase:
                keep[at:end] = [False] * len(phrase)
                at = end - 1
                break
        at += 1
    terms, at = [], 0
    while at < len(typed):
        if not keep[at]:
            at += 1
            continue
        leaf = leaves[at]
        if isinstance(leaf, q.Word) and at + 1 < len(typed) and keep[at + 1] and isinstance(leaves[at + 1], q.Word):
            pair = f"{leaf.text} {leaves[at + 1].text}"
            group = variants().get(_key(pair))
            if group:
                terms.append(Term(pair, group))
                at += 2
                continue
        if isinstance(leaf, q.Word) and lowered[at] in words and not is_acronym(leaf.text):
            at += 1
            continue
        if is_acronym(leaf.text):
            terms.append(Term(leaf.text, acronyms()[leaf.text], acronym=leaf.text))
        else:
            group = variants().get(leaf.text.lower()) or variants().get(lowered[at]) or (leaf.text,)
            terms.append(Term(leaf.text, tuple(group)))
        at += 1
    return terms


def _has_operators(node) -> bool:
    if isinstance(node, (q.Or, q.Not)):
        return True
    if isinstance(node, q.Word):
        return node.prefix
    if isinstance(node, q.And):
        return any(_has_operators(p) for p in node.parts)
    return False


def widened(tree, terms: list[Term]):
    """The search for any of `terms` (each with its spellings), keeping the typed filters (kind:, committee:)."""
    alternatives = []
    for term in terms:
        leaves = [_leaf(term.typed)] + ([q.Phrase(s) for s in term.spellings] if term.acronym else
                                        [_leaf(s) for s in term.spellings if _key(s) != _key(term.typed)])
        alternatives.extend(leaves)
    fields = q.fields_in(tree)
    looked_for = alternatives[0] if len(alternatives) == 1 else q.Or(tuple(alternatives))
    return q.And((*fields, looked_for)) if fields else looked_for


# --- judging a hit ---------------------------------------------------------------------

def _stems(text: str) -> list[str]:
    return [stem(word) for word in _WORD.findall(text)]


def _holds(stems: list[str], spelling: str) -> bool:
    wanted = _stems(spelling)
    if not wanted:
        return False
    if len(wanted) == 1:
        return wanted[0] in stems
    width = len(wanted)
    return any(stems[i:i + width] == wanted for i in range(len(stems) - width + 1))


def holds_acronym(text: str, acronym: str, expansions) -> bool:
    """Whether `text` has the acronym in capitals or written out (not the same letters as an ordinary word)."""
    if re.search(rf"(?<![\w]){re.escape(acronym)}(?![\w])", text):
        return True
    stems = _stems(text)
    return any(_holds(stems, e) for e in expansions)


def terms_held(text: str, terms: list[Term]) -> list[bool]:
    """Which of `terms` the text holds, in any of their spellings (acronyms only as acronyms)."""
    stems = _stems(text)
    return [holds_acronym(text, term.acronym, term.spellings) if term.acronym
            else any(_holds(stems, s) for s in (term.typed, *term.spellings)) for term in terms]


def ranked(hits: list, terms: list[Term]) -> list:
    """Hits of a widened search that hold any of the terms: most terms first, then those under an agenda item
    whose title holds more of them (the item is about what was asked), then the engine's order."""
    keyed = []
    for order, hit in enumerate(hits):
        held = sum(terms_held(hit.text, terms))
        if not held:
            continue
        in_title = sum(terms_held(hit.item_title, terms)) if hit.item_title and hit.kind != "item" else 0
        keyed.append(((-held, -in_title, order), hit))
    keyed.sort(key=lambda pair: pair[0])
    return [hit for _key, hit in keyed]


def acronyms_in(tree) -> list[tuple[str, tuple[str, ...]]]:
    """The council acronyms typed in capitals and looked for (not under NOT)."""
    if tree is None:
        return []
    return [(leaf.text, acronyms()[leaf.text]) for leaf in q.text_leaves(tree)
            if isinstance(leaf, q.Word) and is_acronym(leaf.text)]
