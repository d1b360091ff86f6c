"""Cue matching: one PhraseMatcher pass over the document for every rule.

Matching every pattern file's phrases in a single pass over lower-cased
tokens keeps the whole segmenter within a small multiple of tokenising; the
stages after this one only look at the sentences that cues point to.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .layout import write_spans
from .patterns import CueRule, load_rules
from .state import Cue, MinutesState

PEOPLE_LABELS = ("HONORIFIC", "ROLE", "GROUP")


class CueMatcher:
    """Finds every rule's phrases and files each match under its sentence."""

    def __init__(self, nlp: Language, rules: list[CueRule]):
        self.rules = {rule.id: rule for rule in rules}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in rules:
            if rule.phrases:  # a rule made in code has none
                self.matcher.add(rule.id, list(nlp.tokenizer.pipe(rule.phrases)))
        self.vocab = nlp.vocab

    def __call__(self, doc: Doc) -> Doc:
        state: MinutesState = doc._.minutes
        cues = []
        strings = self.vocab.strings
        words, positions = self._unwrapped(doc)
        for match_id, start, end in self.matcher(words):
            start, end = positions[start], positions[end - 1] + 1
            last = doc[end - 1]
            cues.append(Cue(self.rules[strings[match_id]], doc[start].idx, last.idx + len(last), start, end))
        cues.sort(key=lambda c: (c.start, -c.end))
        state.cues = cues
        state.people = [c for c in cues if c.rule.label in PEOPLE_LABELS]
        starts = state.sentence_starts
        for cue in cues:
            position = bisect.bisect_right(starts, cue.start) - 1
            if position >= 0 and cue.start < state.sentences[position].end:
                state.sentences[position].cues.append(cue)
        write_spans(doc, "cues", cues, lambda c: c.rule.label, lambda c: c.rule.id)
        return doc

    def _unwrapped(self, doc: Doc) -> tuple[Doc, list[int]]:
        """The words with hard line wraps left out ("be\nforwarded" is "be forwarded"),
        and each word's token index in ``doc``. A blank line still parts them."""
        if not any(t.is_space and t.text.count("\n") == 1 for t in doc):
            return doc, range(len(doc))
        positions = [t.i for t in doc if not (t.is_space and t.text.count("\n") == 1)]
        words = Doc(self.vocab, words=[doc[i].text for i in positions])
        return words, positions


@Language.factory(
    "minutes_cues",
    assigns=["doc.spans"],
    requires=["doc._.minutes"],
)
def make_cues(nlp: Language, name: str):
    """Match the cue phrases of ``nlp/patterns/*.jsonl``."""
    return CueMatcher(nlp, load_rules())
