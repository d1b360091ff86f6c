"""Whatever text arrives, the segmenter does not crash and every offset lies inside the text."""

import time
from functools import lru_cache

import pytest

from hypothesis import HealthCheck, given, settings, strategies as st

from nlp import EmptyDocument, build_pipeline, segment
from nlp.text import prepare

MINUTES_WORDS = [
    "RESOLVED", "–", "That", "the", "report", "be", "noted", ".", "Clarification", "was", "sought", "In",
    "response", ",", "it", "stated", "Members", "enquired", "about", "would", "shared", "with", "Committee",
    "next", "meeting", "4", "1.", "Minutes:", "·", "(a)", "|", "AGREED", "that", "?", "Councillor", "Smith",
    "asked", "whether", "Officers", "to", "circulate", "by", "31", "March", "2024", "\n", "\n\n", ":", "–", "ACTION",
]


@lru_cache(maxsize=1)
def pipeline():
    return build_pipeline()


def check(text):
    try:
        minutes = segment(text, nlp=pipeline())
    except EmptyDocument:
        assert not prepare(text)[1].strip(), "only text with nothing left after normalising is refused"
        return
    size = len(minutes.text)
    assert minutes.agenda_items, "there is always at least one item"
    for item in minutes.agenda_items:
        assert 0 <= item.start <= item.end <= size
    for kind in ("questions", "responses", "comments", "resolutions", "actions"):
        for record in getattr(minutes, kind):
            assert 0 <= record.start <= record.end <= size
            assert minutes.text[record.start : record.end] == record.text
            assert record.item is None or 0 <= record.item < len(minutes.agenda_items)
    for response in minutes.responses:
        assert response.answers is None or 0 <= response.answers < len(minutes.questions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_properties_any_text(text):
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MINUTES_WORDS), max_size=120).map(" ".join))
def test_properties_minutes_like_text(text):
    check(text)


# Input shapes that once made the segmenter quadratic (runs of one punctuation mark, thousands of one-line
# paragraphs, one line of thousands of sentences, a run of spaces inside a line), and minutes-like prose.
# Each text ends in a word, so that a run of spaces is not trailing.
HOSTILE_SHAPES = {
    "open brackets": "(",
    "full stops on lines": ".\n",
    "numbered one line": "1. ",
    "rule of equals signs": "=",
    "one run of spaces": " ",
    "minutes-like": "Councillor Smith asked whether the report would be shared. RESOLVED – That it be noted.\n\n",
}


def _text(unit: str, size: int) -> str:
    return (unit * size)[: size - 1] + "x"


def _cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        check(text)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("unit", HOSTILE_SHAPES.values(), ids=HOSTILE_SHAPES.keys())
def test_properties_segmenting_grows_linearly(unit):
    """Eight times the text costs about eight times the CPU, not sixty-four: a generous bound on the ratio of
    CPU times (not wall time) that a quadratic stage, 64 times slower, cannot meet."""
    small, large = 5_000, 40_000
    _cpu_seconds(_text(unit, small))  # warm the vocabulary
    ratio = _cpu_seconds(_text(unit, large)) / max(_cpu_seconds(_text(unit, small)), 0.005)
    assert ratio < 24, f"8x the input took {ratio:.0f}x the CPU time"
