"""Questions: members or the public asking, querying, seeking assurance; and who asked."""

import pytest

from nlp import segment


def _questions(text):
    return [(q.text, q.asker, q.rule) for q in segment(text).questions]


# --- families seen in real minutes
@pytest.mark.parametrize(
    "sentence",
    [
        "Members of the public may ask one question and one supplementary question.",
        "Councillors may also ask questions under this item.",
        "Councillor Lowe left the meeting, hoping that a Member would ask a question on his behalf.",
    ],
)
def test_questions_standing_rules_about_asking_ask_nothing(sentence):
    assert _questions(f"3. Public Questions\n\n{sentence}\n") == []
