"""tracker.people: names as stored, with the role nlp.roles reads from them."""

import pytest

from nlp.roles import ROLES
from tracker.models import PersonRole
from tracker.minutes.people import clean_name, role_for


def test_people_every_role_the_rules_give_is_a_person_role():
    assert set(ROLES) == {role.value for role in PersonRole}


def test_people_role_for_is_a_person_role():
    assert role_for("Cllr Patel") is PersonRole.COUNCILLOR
    assert role_for("Jane Smith") is PersonRole.OTHER


@pytest.mark.parametrize("raw, cleaned", [("  Councillor   Foster, ", "Councillor Foster"), ("(–)", None),
                                          (None, None)])
def test_people_clean_name_single_spaces_without_surrounding_punctuation(raw, cleaned):
    assert clean_name(raw) == cleaned
