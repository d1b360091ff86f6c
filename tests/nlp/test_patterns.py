"""The cue patterns are data; these checks keep that data usable and every rule reachable."""

import pytest

from nlp.patterns import PatternError, expand, load_rules, parse_rules

# Every label some stage reads; a rule with another label would never fire.
LABELS_READ = {
    "HONORIFIC", "ROLE", "GROUP", "QUESTION", "RESPONSE", "COMMENT", "RESOLUTION", "RESOLUTION_KIND",
    "ACTION", "ACTION_KIND", "INFO", "DUE", "ITEM_TITLE", "DESCRIPTION", "REPORT_INTRO", "EVENT",
    "DISCUSSION_LEAD_IN", "PART_VERB", "REQUEST_VERB",  # read by the resolutions stage
}
LABELS_READ |= {"UNHEADED_ITEM"}  # read by the agenda stage (an item whose heading was lost)


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("clarification (was|were) sought", ["clarification was sought", "clarification were sought"]),
        ("it was (also)? noted", ["it was also noted", "it was noted"]),
        ("in response", ["in response"]),
        ("(a|the) (next|future) meeting", ["a next meeting", "a future meeting", "the next meeting", "the future meeting"]),
    ],
)
def test_patterns_expand_choices_and_options(phrase, expected):
    assert expand(phrase) == expected


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"id": "x", "label": "QUESTION"}', "missing phrases"),
        ('{"id": "x", "label": "QUESTION", "phrases": []}', "non-empty list"),
        ('not json', "not JSON"),
        ('{"id": "x", "label": "Q", "phrases": ["(a (b|c))"]}', "nested"),
    ],
)
def test_patterns_bad_entries_are_refused_with_the_line(line, message):
    with pytest.raises(PatternError, match=message):
        parse_rules([line], source="test.jsonl")


def test_patterns_files_load_with_unique_ids():
    rules = load_rules()
    assert len({rule.id for rule in rules}) == len(rules)


def test_patterns_every_label_is_read_by_a_stage():
    assert {rule.label for rule in load_rules()} <= LABELS_READ


def test_patterns_every_action_rule_has_a_rank():
    action_rules = [rule for rule in load_rules() if rule.label == "ACTION"]
    assert all(isinstance(rule.get("priority", 0), int) for rule in action_rules)  # 0 when left out


def test_patterns_resolution_kind_cues_name_a_kind():
    kinds = {rule.get("kind") for rule in load_rules() if rule.label == "RESOLUTION_KIND"}
    assert kinds == {"noted", "approved", "recommended", "requested"}
