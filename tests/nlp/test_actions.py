"""Actions: follow-up commitments, by the families of minutes they come from."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from nlp import build_pipeline
from nlp.pipeline import to_minutes
from nlp.state import MinutesState
from nlp.text import prepare

_NLP = None


def _run(text):
    global _NLP
    _NLP = _NLP or build_pipeline()
    header, body = prepare(text)
    doc = _NLP.make_doc(body)
    doc._.minutes = MinutesState(text=body, header=header)
    for _, component in _NLP.pipeline:
        doc = component(doc)
    return doc, to_minutes(doc._.minutes)


def actions(text):
    return _run(text)[1].actions


def _entries(*names):
    for name in names:
        for line in (resources.files("nlp") / "patterns" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


_ENTRIES = list(_entries("actions", "dues"))


@pytest.mark.parametrize("entry", _ENTRIES, ids=[e["id"] for e in _ENTRIES])
def test_actions_rule_examples_hold(entry):
    """The pattern-data contract for this stage's files (until tests/nlp/test_rule_examples.py runs them all)."""
    assert entry.get("examples") and entry.get("counter_examples"), f"{entry['id']} needs examples and counter_examples"
    makes_records = entry["label"] == "ACTION"
    for text in entry["examples"]:
        doc, minutes = _run(text)
        if makes_records:
            assert any(a.rule == entry["id"] for a in minutes.actions), (text, [(a.rule, a.text) for a in minutes.actions])
        else:
            assert any(span.id_ == entry["id"] for span in doc.spans["cues"]), text
    for text in entry["counter_examples"]:
        doc, minutes = _run(text)
        if makes_records:
            assert not any(a.rule == entry["id"] for a in minutes.actions), (text, [(a.rule, a.text) for a in minutes.actions])
        else:
            assert not any(span.id_ == entry["id"] for span in doc.spans["cues"]), text


# --- families seen in real minutes
