"""Questions members and the public ask, who asked them, and what is not a question."""

import pytest

from nlp import segment


def run(nlp, text):
    return segment(text, nlp=nlp)


def texts(records):
    return [r.text for r in records]


def test_a_question_and_its_answer_in_one_sentence_are_two_records(nlp):
    minutes = run(nlp, "6 Task Group\n\nMembers queried the terms of reference and it was noted that they would be agreed in the first meeting.\n")
    assert texts(minutes.questions) == ["Members queried the terms of reference"]
    assert texts(minutes.responses) == ["it was noted that they would be agreed in the first meeting."]


def test_a_remark_followed_by_an_answer_is_read_as_the_question(nlp):
    minutes = run(nlp, "5 Report\n\n· It was noted that parents had reported a stigma. In response, it was stated that families felt embarrassed.\n")
    assert texts(minutes.questions) == ["It was noted that parents had reported a stigma."]
    assert minutes.questions[0].rule == "q.answered"
    assert minutes.responses[0].answers == 0


def test_question_and_answer_labels_name_the_asker_and_thread_the_answer(nlp):
    minutes = run(nlp, """54. QUESTIONS FROM MEMBERS

Question 1 from Councillor Imogen Hale to the Cabinet Member for Transport

Question:
"When will the shelters be repaired?"

Answer:
"The contractor has committed to replace all damaged panels by 31 October 2024."
""")
    assert texts(minutes.questions) == ['"When will the shelters be repaired?"']
    assert minutes.questions[0].asker == "Councillor Imogen Hale"
    assert minutes.responses[0].answers == 0
    assert minutes.actions[0].due_date == "2024-10-31"


@pytest.mark.parametrize(
    "paragraph, question_start, asker",
    [
        ("Councillor Ashby noted that the scheme depended on two new posts. What would happen if they were not filled?",
         "Councillor Ashby noted that the scheme", "Councillor Ashby"),
        ("Cllr Moreno raised the closure of the day centre on Fridays. She asked why this had happened.",
         "Cllr Moreno raised the closure", "Cllr Moreno"),
    ],
)
def test_a_members_lead_in_belongs_to_the_question_that_follows(nlp, paragraph, question_start, asker):
    minutes = run(nlp, f"6 Adult Services\n\n{paragraph}\n")
    (question,) = minutes.questions
    assert question.text.startswith(question_start)
    assert question.asker == asker


def test_an_officers_account_before_a_direct_question_is_not_part_of_it(nlp):
    minutes = run(nlp, "6 Adult Services\n\nThe Director explained that two posts were vacant. Would agency staff be used?\n")
    assert texts(minutes.questions) == ["Would agency staff be used?"]


def test_an_answer_to_a_named_member_implies_their_question(nlp):
    minutes = run(nlp, "5 Council Tax Support\n\nIn answer to Councillor Reeve, the Portfolio Holder stated that no decision had been taken.\n")
    (question,) = minutes.questions
    assert (question.text, question.asker) == ("In answer to Councillor Reeve", "Councillor Reeve")
    assert minutes.responses[0].text.startswith("the Portfolio Holder stated")
    assert minutes.responses[0].answers == 0


def test_a_reply_to_a_member_who_just_asked_is_not_a_second_question(nlp):
    minutes = run(nlp, "5 Parking\n\nCouncillor Reeve asked whether charges would rise. In reply to Councillor Reeve, the Director said that they would not.\n")
    assert [q.asker for q in minutes.questions] == ["Councillor Reeve"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Letter from the allotment society asking if the Council would repair the fence. Noted.",
        "The auditor explained that the valuations had been revised following queries raised by the audit team.",
    ],
)
def test_correspondence_and_queries_raised_elsewhere_ask_nothing_at_the_meeting(nlp, paragraph):
    minutes = run(nlp, f"9 Correspondence\n\n{paragraph}\n")
    assert minutes.questions == []


def test_a_supplementary_question_of_none_is_no_question(nlp):
    minutes = run(nlp, "12 Questions from Members\n\nQuestion 3 from Councillor Vale to the Leader\n\n"
                       "“Will the Leader publish the figures?”\n\nResponse:\n\nYes, in March.\n\nSupplementary question:\n\nNone.\n")
    assert texts(minutes.questions) == ["“Will the Leader publish the figures?”"]


@pytest.mark.parametrize(
    "text, questions",
    [
        ("A letter from Ashcombe Primary School asked whether the Council would contribute to a crossing patrol.", []),
        ("Question 1 – Mrs Angela Dunmore\n\n“Why has the front counter at Eastgate closed?”", ["“Why has the front counter at Eastgate closed?”"]),
    ],
)
def test_a_letter_asks_nothing_and_a_question_label_names_the_asker(nlp, text, questions):
    minutes = run(nlp, f"9 Public Questions\n\n{text}\n")
    assert texts(minutes.questions) == questions
    assert all(q.asker == "Mrs Angela Dunmore" for q in minutes.questions)


# --- families seen in real minutes
