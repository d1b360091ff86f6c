"""Whatever text arrives, the segmenter does not crash and every offset lies inside the text."""

from functools import lru_cache

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
