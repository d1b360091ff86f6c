"""nlp.roles: the role a name implies."""

import pytest

from nlp.roles import ROLE_CUES, ROLES, role_for


@pytest.mark.parametrize("name, role", [
    ("Councillor Foster", "councillor"),
    ("Cllr Patel", "councillor"),
    ("the Chair", "councillor"),
    ("Vice-Chair", "councillor"),
    ("Cabinet Member for Housing", "cabinet_member"),
    ("the Portfolio Holder", "cabinet_member"),
    ("the Leader of the Council", "cabinet_member"),
    ("the Director of Children's Services", "officer"),
    ("Head of Highways", "officer"),
    ("the Monitoring Officer", "officer"),
    ("a resident", "public"),
    ("Members of the public", "public"),
    ("the Committee", "body"),
    ("Members", "body"),
    ("the Highways Service", "body"),
    ("Jane Smith", "other"),
    ("", "other"),
])
def test_roles_role_for_reads_the_role_from_the_name(name, role):
    assert role_for(name) == role


def test_roles_every_cue_names_a_role():
    assert {role for role, _cue in ROLE_CUES} | {"other"} == set(ROLES)
