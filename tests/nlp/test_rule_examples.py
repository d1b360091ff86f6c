"""Every rule in ``nlp/patterns/*.jsonl`` shows what it is for: its ``examples`` and ``counter_examples``
(short texts of the project's own) are run through the segmenter, one test each.

- A rule that makes records (its id is the ``rule`` of questions, responses, comments, resolutions,
  actions or agenda items; a purely structural rule kept with ``"phrases": []``): each example, segmented
  alone, yields a record with ``rule == id``; each counter-example yields none.
- A rule that only labels (kinds, INFO, DUE, HONORIFIC/ROLE/GROUP, DESCRIPTION ...): each example holds a
  match of it (a span of ``doc.spans["cues"]`` whose ``id_`` is the rule id); each counter-example none.

Every rule has at least one of each, and every rule id a record carries on the written sets has an entry.
"""

import json
from importlib import resources

import pytest

from conftest import corpus_documents
from nlp import segment
from nlp.pipeline import prepare
from nlp.state import MinutesState

RECORD_LABELS = {"QUESTION", "RESPONSE", "COMMENT", "RESOLUTION", "ACTION"}
RECORD_KINDS = ("agenda_items", "questions", "responses", "comments", "resolutions", "actions")


def pattern_entries() -> list[dict]:
    """Every entry of every pattern file, read as written (with ``"file"`` added)."""
    entries = []
    for path in sorted((resources.files("nlp") / "patterns").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".jsonl"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("//"):
                entries.append({**json.loads(line), "file": path.name})
    return entries


ENTRIES = pattern_entries()


def makes_records(entry: dict) -> bool:
    return entry["label"] in RECORD_LABELS or not entry.get("phrases")


def cases():
    for entry in ENTRIES:
        for expected, key in ((True, "examples"), (False, "counter_examples")):
            for number, text in enumerate(entry.get(key) or [], 1):
                yield pytest.param(entry, text, expected, id=f"{entry['id']}-{key.removesuffix('s')}-{number}")


def record_rules(nlp, text: str) -> set[str]:
    minutes = segment(text, nlp=nlp)
    return {record.rule for kind in RECORD_KINDS for record in getattr(minutes, kind)}


def cue_rules(nlp, text: str) -> set[str]:
    """The rule ids of the cue spans the pipeline writes (``doc.spans["cues"]``, the rule id in ``id_``)."""
    header, body = prepare(text)
    doc = nlp.make_doc(body)
    doc._.minutes = MinutesState(text=body, header=header)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return {span.id_ for span in doc.spans.get("cues", [])}


@pytest.mark.parametrize("entry, text, expected", list(cases()))
def test_rule_example(nlp, entry, text, expected):
    rule = entry["id"]
    if makes_records(entry):
        found = record_rules(nlp, text)
        what = "a record with rule"
    else:
        found = cue_rules(nlp, text)
        what = "a cue span with id"
    if expected:
        assert rule in found, f"{entry['file']}: example should yield {what} {rule!r}: {text!r} (found {sorted(found)})"
    else:
        assert rule not in found, f"{entry['file']}: counter-example should yield no {what} {rule!r}: {text!r}"


def test_every_rule_has_an_example_and_a_counter_example():
    missing = [f"{e['file']}:{e['id']}" for e in ENTRIES if not e.get("examples") or not e.get("counter_examples")]
    assert not missing, f"{len(missing)} rules lack examples or counter_examples: {', '.join(missing)}"


def test_every_rule_a_record_carries_has_a_pattern_entry(nlp):
    """A rule that exists only in Python still gets an entry (``"phrases": []`` if purely structural)."""
    known = {e["id"] for e in ENTRIES}
    missing = {}
    for name, text, _ in corpus_documents():
        for rule in record_rules(nlp, text.read_text(encoding="utf-8")) - known:
            missing.setdefault(rule, name)
    assert not missing, "record rules with no pattern entry (first seen in): " + ", ".join(
        f"{rule} ({name})" for rule, name in sorted(missing.items()))
