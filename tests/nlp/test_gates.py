"""Gates: a rule's ``needs`` names a registered function; the pattern files hold the meaning."""

from __future__ import annotations

import json

import pytest

from nlp import build_pipeline
from nlp.actions import ActionFinder
from nlp.cues import CueMatcher
from nlp.gates import ACTION_GATES, GateRegistry
from nlp.patterns import PatternError, load_rules, parse_rules
from nlp.pipeline import to_minutes
from nlp.state import MinutesState
from nlp.text import prepare


def _segment_with(rules, text):
    """Segment ``text`` with the packaged pipeline, its cue and action stages built from ``rules``."""
    nlp = build_pipeline()
    header, body = prepare(text)
    doc = nlp.make_doc(body)
    doc._.minutes = MinutesState(text=body, header=header)
    replace = {"minutes_cues": CueMatcher(nlp, rules), "minutes_actions": ActionFinder(rules)}
    for name, component in nlp.pipeline:
        doc = replace.get(name, component)(doc)
    return to_minutes(doc._.minutes)


def test_gates_registry_registers_by_name_and_rejects_twice():
    registry = GateRegistry("example")

    @registry.gate("always")
    def always(at):
        return True

    assert registry["always"] is always
    assert registry.passes(None, object()) is True
    with pytest.raises(PatternError, match="registered twice"):
        registry.gate("always")(lambda at: True)
    with pytest.raises(PatternError, match="unknown example gate 'never'"):
        registry["never"]


def test_gates_every_action_rule_names_a_known_gate():
    rules = load_rules()
    ACTION_GATES.check(rules, {"ACTION"})
    named = {rule.get("needs") for rule in rules if rule.label == "ACTION"} - {None}
    assert named <= set(ACTION_GATES.names())


def test_gates_unknown_gate_fails_at_load_naming_the_rule():
    line = '{"id": "a.typo", "label": "ACTION", "needs": "modal+inf", "phrases": ["revert to"]}'
    rules = load_rules() + parse_rules([line], source="extra.jsonl")
    with pytest.raises(PatternError, match=r"'a\.typo' needs 'modal\+inf'.*not a actions gate|'a\.typo' needs 'modal\+inf'"):
        ActionFinder(rules)


def test_gates_unknown_owner_reading_fails_at_load():
    line = '{"id": "a.typo", "label": "ACTION", "needs": "modal", "owner": "subjekt", "phrases": ["revert to"]}'
    with pytest.raises(PatternError, match="unknown owner reading 'subjekt'"):
        ActionFinder(load_rules() + parse_rules([line], source="extra.jsonl"))


def test_gates_priority_is_data_and_names_the_most_specific_cue():
    rules = {rule.id: rule for rule in load_rules()}
    assert all(isinstance(rule.get("priority", 0), int) for rule in rules.values() if rule.label == "ACTION")  # 0 when left out
    # "undertook to write": the undertaking outranks the verb it governs
    assert rules["a.undertook"].get("priority") > rules["a.will_do"].get("priority")


def test_gates_a_newcomer_adds_a_commitment_with_one_line_of_json():
    """ "Officers would revert to Members" came in as one line at the end of actions.jsonl (a.revert): without
    that line nothing reads it; with the line, and no Python, it is an action owned by Officers."""
    text = "Officers would revert to Members with the costs of the scheme."
    without = [rule for rule in load_rules() if rule.id != "a.revert"]
    assert not _segment_with(without, text).actions
    line = json.dumps({"id": "a.revert", "label": "ACTION", "needs": "modal", "owner": "subject", "phrases": ["revert to"],
                       "examples": ["Officers would revert to Members."], "counter_examples": ["Officers had reverted to Members."]})
    rules = without + parse_rules([line], source="extra.jsonl")
    actions = _segment_with(rules, text).actions
    assert [(a.rule, a.owner, a.text) for a in actions] == [("a.revert", "Officers", text.rstrip("."))]
    assert not _segment_with(rules, "Officers had reverted to Members with the costs.").actions
    assert not _segment_with(rules, "Officers would not revert to Members on this.").actions
