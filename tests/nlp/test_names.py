"""People are people: an asker, responder, speaker or owner is a name, a post or a body, never a clause."""

import pytest

from nlp import segment
from nlp.names import person_or_none


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Councillor Schneiderman", "Councillor Schneiderman"),
        ("Cllr N Dixon", "Cllr N Dixon"),
        ("Mr M Jones", "Mr M Jones"),
        ("the Head of Housing Services", "the Head of Housing Services"),
        ("the Clerk", "the Clerk"),
        ("The CE", "The CE"),
        ("Audit & Governance Lead Manager", "Audit & Governance Lead Manager"),
        ("Members", "Members"),
        ("Officers", "Officers"),
        ("A Member of the Committee", "A Member of the Committee"),
        ("a member of the public", "a member of the public"),
        ("Sandra Fowler", "Sandra Fowler"),
        ("Councillor A B, Cabinet Member for Roads, Parking and Waste", "Councillor A B, Cabinet Member for Roads, Parking and Waste"),
    ],
)
def test_names_people_posts_and_bodies_are_kept(text, expected):
    assert person_or_none(text) == expected


# --- families seen in real minutes
@pytest.mark.parametrize(
    "text",
    ["A breakdown by ward", "A gap analysis", "The Report",
     "Subject to the Chair’s discretion, members of the public may", "", None],
)
def test_names_clause_fragments_are_no_one(text):
    assert person_or_none(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Reference was made to decisions taken by a narrow margin and a Member", "a Member"),
        ("During its discussions the Committee", "the Committee"),
        ("Members expressed concern about the waiting list and", "Members"),
        ("Mayor did not have the figure to hand and", "Mayor"),
        ("Councillor Ball who", "Councillor Ball"),
        ("Prior to the Committee", "the Committee"),
        ("A member of the public in the", "A member of the public"),
        ("A member of the public in the gallery", "A member of the public"),
        ("A resident of Mill Lane", "A resident of Mill Lane"),
        ("Mr Singh's", "Mr Singh"),
        ("Street cleansing – Members", "Members"),
    ],
)
def test_names_the_person_inside_a_clause_is_found(text, expected):
    assert person_or_none(text) == expected


def test_names_askers_and_responders_in_records_are_people():
    minutes = segment(
        "1. Parks\n\nReference was made to the tree survey and a Member asked whether it would be published. "
        "In response, the Head of Parks and Open Spaces advised that it would be published in May.\n"
    )
    assert minutes.questions[0].asker == "a Member"
    assert minutes.responses[0].responder == "Head of Parks and Open Spaces"


def test_names_who_made_a_request_that_an_answer_followed():
    minutes = segment("4. Enquiries\n\n(At 5.5) The Panel requested that members were told of delays. "
                      "In response, it was noted that a review was planned.\n")
    assert minutes.questions[0].asker == "The Panel"


@pytest.mark.parametrize(
    "text, kind",
    [("Councillor Hale", "name"), ("Sandra Fowler", "name"), ("the Head of Finance", "post"), ("The CE", "post"),
     ("Members", "body"), ("the Committee", "body"), ("A gap analysis", None)],
)
def test_names_what_kind_of_someone(text, kind):
    from nlp.names import person_kind

    assert person_kind(text) == kind


@pytest.mark.parametrize("text, person", [
    ("Mr Alan Fairbrother to the Cabinet Member for Environment", "Mr Alan Fairbrother"),
    ("Mrs Rowe to the Leader of the Council", "Mrs Rowe"),
])
def test_who_asks_is_named_before_whom_the_question_is_put_to(text, person):
    assert person_or_none(text) == person
