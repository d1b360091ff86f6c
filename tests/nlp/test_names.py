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


# --- round 3: one judgement for every stage, and an audit of what the stages record
@pytest.mark.parametrize("text, expected", [
    ("County Cllr Morrow", "County Cllr Morrow"),
    ("ICB representatives", "ICB representatives"),
    ("The Vice-Chairman", "The Vice-Chairman"),
    ("CSW", "CSW"),
    ("TD & AV", "TD & AV"),
    ("Karen Lodge, Director of Adult Social Care", "Karen Lodge, Director of Adult Social Care"),
    ("Ms Crowther, a resident of Oldfield Lane", "Ms Crowther"),
])
def test_names_initials_county_titles_and_plural_posts_are_people(text, expected):
    assert person_or_none(text) == expected


@pytest.mark.parametrize("text", [
    "Public Open Forum",  # a heading above a question, not who asked it
    "Werneth Integration programme",  # words that describe a post, with no post in them
    "NOTED",  # a decision word in capitals, not initials
    "to attend the next meeting of the Committee",  # whom a task is about, not who does it
])
def test_names_things_and_headings_are_no_one(text):
    assert person_or_none(text) is None


def test_names_two_phrases_give_the_last_one():
    # "... a meeting with the DWP, the Chair said ...": who spoke is the second phrase
    assert person_or_none("the DWP, the Chair") == "the Chair"


@pytest.mark.parametrize("name", [
    "Mayor did not have the figure to hand and", "Housing Select Committee should", "A breakdown by ward",
    "Seat by vicarage invaded by vegetation T Bishton", "A member of the public in the",
])
def test_names_fragment_signs_flag_clause_pieces(name):
    from nlp.names import fragment_signs

    assert fragment_signs(name)


@pytest.mark.parametrize("name", ["Councillor Okonjo, Cabinet Member for Housing", "A resident of Mill Lane",
                                  "Parish Council", "Leader of the Council", "Members", "the Clerk", "TD & AV"])
def test_names_fragment_signs_pass_people(name):
    from nlp.names import fragment_signs

    assert fragment_signs(name) == []


def test_names_no_stage_records_a_clause_as_a_person_on_the_written_sets():
    """Every asker, responder, speaker and owner in the reviewed outputs of the written sets
    (``golden/``, which ``test_corpus.py`` holds equal to what the segmenter finds) is a person, a post or
    a body: the issue's bar is none (``scripts/people_audit.py`` runs the same check on any folder)."""
    import json
    from pathlib import Path

    from nlp.names import fragment_signs

    fields = {"questions": "asker", "responses": "responder", "comments": "speaker", "actions": "owner"}
    golden = sorted((Path(__file__).parent / "golden").glob("*.json"))
    assert golden, "no golden outputs to audit"
    fragments, names = [], 0
    for path in golden:
        extracted = json.loads(path.read_text(encoding="utf-8"))
        for kind, field in fields.items():
            for record in extracted.get(kind, []):
                if record.get(field):
                    names += 1
                    if fragment_signs(record[field]):
                        fragments.append((path.stem, kind, record[field], fragment_signs(record[field])))
    assert names > 500  # the audit read the people the stages recorded
    assert fragments == []
