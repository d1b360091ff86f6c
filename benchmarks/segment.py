"""Benchmarks: figures measured against a baseline in the same run, never timed tests."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEGMENT_TARGET = 0.25  # the whole segmenter at >= 25% of the bare tokenizer's words per second


def corpus_texts() -> list[str]:
    """The text of every corpus document, header blocks included (as a user would paste them)."""
    return [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt"))]


def _best_time(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def segment_benchmark(*, repeat: int = 5, copies: int = 20) -> Iterator[str]:
    """Words per second of ``nlp.segment`` and of ``spacy.blank("en")``'s tokenizer on the same documents."""
    import spacy

    from nlp import build_pipeline, segment

    documents = corpus_texts() * copies
    words = sum(len(text.split()) for text in documents)
    tokenizer = spacy.blank("en")
    pipeline = build_pipeline()
    # Warm both up: vocabularies and caches fill on first sight of each word.
    for text in documents[: len(documents) // copies]:
        tokenizer.make_doc(text)
        segment(text, nlp=pipeline)
    bare = _best_time(lambda: [tokenizer.make_doc(text) for text in documents], repeat)
    whole = _best_time(lambda: [segment(text, nlp=pipeline) for text in documents], repeat)
    ratio = bare / whole
    yield f"documents: {len(documents)} ({len(documents) // copies} corpus files x {copies}), words: {words:,}, best of {repeat} runs"
    yield f"bare tokenizer (spacy.blank('en')): {words / bare:>12,.0f} words/s"
    yield f"whole segmenter (nlp.segment):      {words / whole:>12,.0f} words/s"
    yield f"ratio: {ratio:.1%} of the tokenizer's rate (target >= {SEGMENT_TARGET:.0%}): {'met' if ratio >= SEGMENT_TARGET else 'NOT met'}"
