"""spaCy's tokenizer, kept linear on runs of punctuation no document needs.

spaCy peels prefixes and suffixes one character at a time, and every peel
runs the suffix regex over what is left of the word, so a word of n
punctuation marks ("((((...", "====...") costs n² steps: 20k characters of
"(" took over 25 seconds. Runs longer than any real document has (dot leaders
and rules stay far below ``LONG_RUN``) are tokenized in short pieces instead;
text without one goes through spaCy's tokenizer unchanged.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

LONG_RUN = 100  # the corpus's longest run is a 44-dot leader
PIECE = 32
_LONG_PUNCTUATION = re.compile(r"[^\w\s]{%d,}" % LONG_RUN)


class BoundedTokenizer:
    """Wraps a spaCy ``Tokenizer``; everything but the call is the wrapped tokenizer's."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Doc:
        runs = list(_LONG_PUNCTUATION.finditer(text))
        if not runs:
            return self.tokenizer(text)
        pieces: list[str] = []
        position = 0
        for run in runs:
            pieces.append(text[position : run.start()])
            pieces.extend(text[cut : min(cut + PIECE, run.end())] for cut in range(run.start(), run.end(), PIECE))
            position = run.end()
        pieces.append(text[position:])
        docs = [self.tokenizer(piece) for piece in pieces if piece]
        return Doc.from_docs(docs, ensure_whitespace=False)
