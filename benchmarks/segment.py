"""Benchmarks: figures measured against a baseline in the same run, never timed tests."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Iterator

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEGMENT_TARGET = 0.25  # the whole segmenter at >= 25% of the bare tokenizer's words per second


def corpus_texts() -> list[str]:
    """The text of every corpus document, header blocks included (as a user would paste them)."""
    return [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt"))]


def _best_time(run, repeat: int, clock=time.perf_counter) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = clock()
        run()
        best = min(best, clock() - started)
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


PATHOLOGICAL_SIZES = (10_000, 20_000, 40_000, 80_000)
LINEAR_DOUBLING = 2.6  # time per doubling of the input: 2.0 is linear, 4.0 quadratic; the rest is noise and GC


def pathological_texts(size: int) -> dict[str, str]:
    """Texts of ``size`` characters in each shape that once made the segmenter quadratic, and real minutes."""
    minutes = "\n\n".join(text.split("\n---\n", 1)[-1] for text in corpus_texts())
    shapes = {"'(' x n": "(", "'.\\n' x n": ".\n", "'1. ' x n": "1. ", "'=' x n": "="}
    texts = {name: (unit * size)[:size] for name, unit in shapes.items()}
    texts["real minutes"] = (minutes * (size // len(minutes) + 1))[:size]
    return texts


def pathological_benchmark(*, repeat: int = 1, sizes: tuple[int, ...] = PATHOLOGICAL_SIZES) -> Iterator[str]:
    """CPU seconds of ``nlp.segment`` per size for each pathological shape, with the growth per doubling."""
    from nlp import build_pipeline, segment
    from nlp.errors import EmptyDocument

    pipeline = build_pipeline()
    segment(corpus_texts()[0], nlp=pipeline)
    by_shape: dict[str, list[float]] = {}
    for size in sizes:
        for name, text in pathological_texts(size).items():
            def run(text=text):
                try:
                    segment(text, nlp=pipeline)
                except EmptyDocument:
                    pass
            by_shape.setdefault(name, []).append(_best_time(run, repeat, clock=time.process_time))
    yield f"CPU seconds of nlp.segment per input size (best of {repeat}); growth = time per doubling of the input (2.0 linear, 4.0 quadratic)"
    yield f"{'shape':<16}" + "".join(f"{size // 1000:>8}k" for size in sizes) + f"{'growth':>9}"
    worst = 0.0
    for name, seconds in by_shape.items():
        doublings = math.log2(sizes[-1] / sizes[0])
        growth = (seconds[-1] / max(seconds[0], 1e-6)) ** (1 / doublings)
        worst = max(worst, growth)
        yield f"{name:<16}" + "".join(f"{s:>9.3f}" for s in seconds) + f"{growth:>9.2f}"
    yield f"worst growth per doubling: {worst:.2f} (linear within noise: <= {LINEAR_DOUBLING}): {'met' if worst <= LINEAR_DOUBLING else 'NOT met'}"
