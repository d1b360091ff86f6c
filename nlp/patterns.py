"""Loading the cue patterns kept as data in ``nlp/patterns/*.jsonl``.

One JSON object a line::

    {"id": "q.sought", "label": "QUESTION",
     "phrases": ["(clarification|assurance) (was|were) (also)? sought"], ...}

``phrases`` use a small expansion syntax so a pattern reads like the minutes
it matches: ``(a|b c)`` is a choice between ``a`` and ``b c``; ``(x)?`` is
optional. Any other keys are attributes the stage that owns the label reads
(``strength``, ``kind``, ``needs``...). Every expanded phrase becomes a
PhraseMatcher pattern on lower-cased tokens; the match remembers its id.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable

PATTERN_FILES = (
    "agenda",
    "people",
    "questions",
    "responses",
    "comments",
    "resolutions",
    "actions",
    "dues",
)
_GROUP = re.compile(r"\(([^()]*)\)(\?)?")


class PatternError(ValueError):
    """A pattern file entry that cannot be used."""


@dataclass(frozen=True)
class CueRule:
    """One named rule: the label it signals, its phrases and its attributes."""

    id: str
    label: str
    phrases: tuple[str, ...]
    attrs: dict = field(default_factory=dict, hash=False, compare=False)

    def get(self, key, default=None):
        return self.attrs.get(key, default)


def expand(phrase: str) -> list[str]:
    """Expand ``(a|b)`` choices and ``(x)?`` options into plain phrases."""
    parts: list[list[str]] = []
    position = 0
    if phrase.count("(") != phrase.count(")") or re.search(r"\([^)]*\(", phrase):
        raise PatternError(f"unbalanced or nested brackets in {phrase!r}")
    for match in _GROUP.finditer(phrase):
        parts.append([phrase[position : match.start()]])
        choices = match.group(1).split("|")
        if match.group(2):
            choices.append("")
        parts.append(choices)
        position = match.end()
    parts.append([phrase[position:]])
    out = []
    for combo in itertools.product(*parts):
        text = " ".join("".join(combo).split())
        if text and text not in out:
            out.append(text)
    return out


def parse_rules(lines: Iterable[str], *, source: str) -> list[CueRule]:
    """Parse JSONL lines into rules, with errors that name the line."""
    rules = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternError(f"{source}:{number}: not JSON ({error.msg})") from None
        missing = {"id", "label", "phrases"} - entry.keys()
        if missing:
            raise PatternError(f"{source}:{number}: missing {', '.join(sorted(missing))}")
        phrases = entry.pop("phrases")
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise PatternError(f"{source}:{number}: phrases must be a non-empty list of strings")
        if not phrases and not entry.get("description"):
            # A rule made in code ("a.resolution") has its entry with "phrases": [] and says what makes it.
            raise PatternError(f"{source}:{number}: phrases must be a non-empty list of strings (or [] with a description, for a rule made in code)")
        expanded = tuple(dict.fromkeys(p for phrase in phrases for p in expand(phrase.lower())))
        rules.append(CueRule(id=entry.pop("id"), label=entry.pop("label"), phrases=expanded, attrs=entry))
    return rules


def load_rules(names: Iterable[str] = PATTERN_FILES) -> list[CueRule]:
    """Load every rule from the packaged pattern files; ids must be unique."""
    rules: list[CueRule] = []
    folder = resources.files("nlp") / "patterns"
    for name in names:
        text = (folder / f"{name}.jsonl").read_text(encoding="utf-8")
        rules.extend(parse_rules(text.splitlines(), source=f"{name}.jsonl"))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise PatternError(f"rule id {rule.id!r} is used twice")
        seen.add(rule.id)
    return rules
