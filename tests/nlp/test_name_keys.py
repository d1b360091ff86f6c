"""One key for the ways minutes write one person's name: case, titles and a leading "the" folded."""

import pytest

from nlp.name_keys import name_key


@pytest.mark.parametrize("one, other", [
    ("officers", "Officers"),
    ("Cllr Yates", "Councillor Yates"),
    ("Cllr. Yates", "COUNCILLOR YATES"),
    ("County Councillor A Smith", "Councillor A Smith"),
    ("the Chair", "Chair"),
    ("Mr. M Jones", "Mr M Jones"),
    ("Councillor Yates,", "Councillor Yates"),
])
def test_name_keys_variants_of_one_name_share_a_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize("one, other", [
    ("Councillor Yates", "Councillor Yeats"),
    ("Mr Jones", "Mrs Jones"),
    ("the Head of Housing", "the Head of Highways"),
])
def test_name_keys_different_people_keep_different_keys(one, other):
    assert name_key(one) != name_key(other)
