"""Responses: answers given at the meeting, who gave them and which question each answers."""

import pytest

from nlp import segment


def _responses(text):
    minutes = segment(text)
    return minutes, [(r.text, r.answers, r.rule) for r in minutes.responses]


# --- families seen in real minutes
def test_responses_an_officer_promising_to_act_answers_the_open_question():
    minutes, responses = _responses(
        "4. Street Cleansing\n\nMembers queried which streets were inspected each month. "
        "Officers offered to provide a briefing note listing the streets.\n"
    )
    assert [rule for _, _, rule in responses] == ["r.undertook"]
    assert responses[0][1] == 0


def test_responses_a_promise_in_place_of_an_answer_is_not_one():
    _, responses = _responses(
        "4. Repairs\n\nThe Chair asked how many jobs had been reopened. "
        "Officers did not have the figure to hand and agreed to provide it after the meeting.\n"
    )
    assert responses == []


def test_responses_a_written_answer_to_an_absent_questioner_answers_nothing_at_the_meeting():
    _, responses = _responses(
        "6. Public Questions\n\nQuestion 2 – from Mr Alan Frost\n\n\"Will the library reopen on Saturdays?\"\n\n"
        "Mr Frost was not present. The Chair advised that a written answer would be sent to him.\n"
    )
    assert responses == []


def test_responses_an_answer_that_points_elsewhere_is_an_answer():
    minutes, responses = _responses(
        "6. Public Questions\n\nMrs Dale asked a supplementary question about the closing date. "
        "The Chair confirmed that a written response would be sent in due course.\n"
    )
    assert len(responses) == 1 and responses[0][1] == 0
