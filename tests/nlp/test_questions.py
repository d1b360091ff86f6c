"""Questions members and the public ask, who asked them, and what is not a question."""

import pytest

from nlp import segment
from tests_support import run, texts




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
    assert texts(minutes.questions) == ["Question 3 from Councillor Vale to the Leader\n\n“Will the Leader publish the figures?”"]


@pytest.mark.parametrize(
    "text, questions",
    [
        ("A letter from Ashcombe Primary School asked whether the Council would contribute to a crossing patrol.", []),
        ("Question 1 – Mrs Angela Dunmore\n\n“Why has the front counter at Eastgate closed?”", ["Question 1 – Mrs Angela Dunmore\n\n“Why has the front counter at Eastgate closed?”"]),
    ],
)
def test_a_letter_asks_nothing_and_a_question_label_names_the_asker(nlp, text, questions):
    minutes = run(nlp, f"9 Public Questions\n\n{text}\n")
    assert texts(minutes.questions) == questions
    assert all(q.asker == "Mrs Angela Dunmore" for q in minutes.questions)


# --- families seen in real minutes


def _questions(text):
    return [(q.text, q.asker, q.rule) for q in segment(text).questions]


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


def test_questions_a_lettered_label_and_the_question_read_out_in_quotation_marks():
    minutes = segment(
        "4. Public questions\n\nQuestion C – Anne Kerr, of Westby, asked the Portfolio Holder for Leisure the following:\n\n"
        "“The pool has been shut since May.\n\nWhen will it reopen?”\n\n"
        "Councillor Platt thanked Mrs Kerr for the question. He said that repairs would finish in June.\n"
    )
    (question,) = minutes.questions
    assert question.text.startswith("Question C – Anne Kerr") and question.text.endswith("When will it reopen?”")
    assert question.asker == "Anne Kerr"
    (response,) = minutes.responses
    assert response.rule == "r.thanked" and response.answers == 0 and response.responder == "Councillor Platt"


def test_questions_the_asker_named_alone_on_the_line_above():
    minutes = segment(
        "5. Questions from Members\n\nCouncillor Jane Doyle\n\n"
        "Could the Cabinet Member say how many potholes were repaired last quarter?\n\n"
        "Councillor Peter Hart, Cabinet Member for Roads, Parking and Waste, said that 1,204 repairs had been completed.\n"
    )
    (question,) = minutes.questions
    assert question.asker == "Councillor Jane Doyle"
    (response,) = minutes.responses
    assert response.responder == "Councillor Peter Hart, Cabinet Member for Roads, Parking and Waste"
    assert response.text.startswith("Councillor Peter Hart, Cabinet Member")


def test_questions_a_supplementary_label_is_asked_by_the_member_who_asked_before():
    minutes = segment(
        "2. Member questions\n\n1. Question from Councillor G Hale to the Leader\n\n“Will the Council review parking charges?”\n\n"
        "“A review will start in the spring.”\n\nSupplementary question:\n\n“Will residents be consulted?”\n\n“Yes, they will.”\n"
    )
    assert [q.asker for q in minutes.questions] == ["Councillor G Hale", "Councillor G Hale"]
    assert [(r.answers, r.rule) for r in minutes.responses][-1] == (1, "r.yes_no")


def test_questions_a_supplementary_reported_in_prose_is_one_question_by_the_same_member():
    minutes = segment(
        "3. Public questions\n\nA question was received from Councillor Dunn who asked if the Leader backed the plan.\n\n"
        "The Leader said that he did.\n\n"
        "In his supplementary Councillor Dunn noted that the plan had changed twice. He asked why it had changed.\n\n"
        "The Leader responded to explain that the funding had moved.\n"
    )
    assert [(q.asker, q.rule) for q in minutes.questions] == [("Councillor Dunn", "q.received"), ("Councillor Dunn", "q.supplementary")]
    assert minutes.questions[1].text.endswith("He asked why it had changed.")
    assert [r.answers for r in minutes.responses] == [0, 1]


def test_questions_a_question_from_a_post_and_an_answer_whose_verb_a_page_break_moved():
    minutes = segment(
        "4. Matters arising\n\nFollowing a question from the Chair, The Director of Public Health\n\n"
        "Confirmed that there was enough vaccine for everyone eligible.\n"
    )
    (question,) = minutes.questions
    assert question.asker == "the Chair" and question.rule == "q.embedded"
    (response,) = minutes.responses
    assert response.responder == "Director of Public Health" and response.text.startswith("Confirmed that")


def test_questions_an_officer_wanting_to_understand_and_a_member_answering():
    minutes = segment(
        "4. Matters arising\n\nThe Chief Executive stated that it would be useful to understand what information was missing. "
        "Cllr R Penn stated that the information required was set out in the previous minutes.\n"
    )
    (question,) = minutes.questions
    assert (question.rule, question.asker) == ("q.understand", "The Chief Executive")
    (response,) = minutes.responses
    assert response.responder == "Cllr R Penn" and response.answers == 0


def test_questions_a_request_an_officer_takes_up_is_answered():
    minutes = segment(
        "4. Internal Audit\n\nMembers requested that areas of higher financial risk be shown more clearly. "
        "The Audit Manager noted that the level of financial risk was shown in each report.\n"
    )
    assert [q.asker for q in minutes.questions] == ["Members"]
    assert [r.answers for r in minutes.responses] == [0]


def test_questions_a_numbered_q_label_naming_the_asker_and_a_reply_sent_in_writing():
    minutes = segment(
        "5. Questions from Members\n\nQ.1 Councillor Amir Shah\n\nWill the council publish the tree survey?\n\n"
        "A written reply has been sent to Councillor Shah.\n"
    )
    assert [(q.asker, q.rule) for q in minutes.questions] == [("Councillor Amir Shah", "q.label")]
    assert [(r.answers, r.rule) for r in minutes.responses] == [(0, "r.pointer")]


def test_questions_discussion_bullets_after_a_noted_lead_in_are_found():
    minutes = segment(
        "6. Budget\n\nThe following points were noted:-\n\n"
        "·   Confirmation was sought about the timing of the consultation.\n"
        "·   In response, it was noted that the consultation would begin in May.\n\n"
        "RESOLVED – That the report be noted.\n"
    )
    assert [q.rule for q in minutes.questions] == ["q.sought"]
    assert [r.answers for r in minutes.responses] == [0]
    assert [r.text for r in minutes.resolutions] == ["RESOLVED – That the report be noted."]


def test_questions_read_out_after_a_lead_in_and_answered_as_follows():
    minutes = segment(
        "7. Public Question Time\n\nQuestion from Mr John Smith\n\nMr Smith asked the following question:\n\n"
        "\"Why has the bus shelter on Mill Road not been replaced?\"\n\n"
        "The Cabinet Member for Transport replied as follows:\n\n\"The shelter is on order and will be fitted in March.\"\n\n"
        "8. Member Questions\n\nCouncillor Ann Lowe to the Leader of the Council:\n\n"
        "\"What is the Council doing about empty shops?\"\n"
    )
    first, second = minutes.questions
    assert first.asker == "Mr John Smith" and first.text.endswith("not been replaced?\"")
    assert second.asker == "Councillor Ann Lowe"
    (response,) = minutes.responses
    assert response.text.endswith("fitted in March.\"") and response.answers == 0


@pytest.mark.parametrize(
    "paragraphs, askers",
    [
        ("Councillor Harcourt: “When will the new bus services begin?”", ["Councillor Harcourt"]),
        ("Supplementary question: Mrs Pellow asked whether the road would close.", ["Mrs Pellow"]),
        ("Asked by Councillor Haworth when the new station would be finished, the Chief Fire Officer said May.", ["Councillor Haworth"]),
        ("Mr Saxby sought assurance that the plan would be kept. He also asked whether the manager had been invited.",
         ["Mr Saxby", "Mr Saxby"]),
        ("Prior to the Committee reaching its decision, Councillor Fraser-Kemp asked how the site was chosen.", ["Councillor Fraser-Kemp"]),
        ("A question had been submitted by Mr M Jones and he read the question out at the meeting.", ["Mr M Jones"]),
        ("(e) Mr Colin Hart – Grit bins, Hill Top Road\n\nQ: Will the grit bin be refilled before the winter?", ["Mr Colin Hart"]),
    ],
)
def test_questions_who_asked_where_no_cue_says(paragraphs, askers):
    assert [q.asker for q in segment(f"3. Questions\n\n{paragraphs}\n").questions] == askers


@pytest.mark.parametrize(
    "sentence",
    [
        "Questions were raised about the timetable for the works.",
        "Members were keen to understand how the funding would be allocated.",
        "Clarity was requested on the number of staff affected.",
        "Councillor Hill pressed for a date for the works.",
        "Councillor Hill asked the Cabinet Member to confirm the opening date.",
        "There were questions around the monitoring of the grant.",
    ],
)
def test_questions_reported_questions_in_many_words(sentence):
    assert len(segment(f"4. Floods\n\n{sentence}\n").questions) == 1


def test_questions_asking_someone_to_do_something_later_is_a_request_not_a_question():
    assert segment("4. Floods\n\nCouncillor Hill asked officers to circulate the figures.\n").questions == []


def test_questions_an_inline_supplementary_label_is_asked_by_the_same_member():
    minutes = segment(
        "6. Questions from Members\n\nQuestion 1 from Councillor Amy Todd to the Leader\n\n"
        "Will the Leader support the bid for a new station?\n\nAnswer\n\nYes. The Council has written in support.\n\n"
        "Supplementary: Will the Leader publish the letter?\n\nReply: The letter will be published.\n"
    )
    assert [(q.asker, q.rule) for q in minutes.questions] == [("Councillor Amy Todd", "q.label")] * 2
    assert [r.answers for r in minutes.responses] == [0, 1]


def test_questions_a_label_naming_the_addressee_first_and_a_question_over_paragraphs():
    # family: public questions headed "Question to <post> from <name>", background first, then the asking
    minutes = segment(
        "7. Public Questions\n\n1. Question to the Leader from Ms Rosa Lind of Eastfield\n\n"
        "The ferry stopped running in June.\n\nWill the Leader say when it will run again?\n\n"
        "Is a subsidy being considered?\n\nCouncillor Bo Hale responded on behalf of the Leader as follows:\n\n"
        "The ferry will run again in May.\n"
    )
    assert [(q.asker, q.rule) for q in minutes.questions] == [("Ms Rosa Lind", "q.label")]
    question = minutes.questions[0]
    assert question.text.startswith("Question to the Leader") and question.text.endswith("considered?")
    assert [r.answers for r in minutes.responses] == [0]


def test_questions_the_subject_of_a_joined_clause_asks():
    # family: a remark, then "and residents wondered what ..." in one sentence
    minutes = segment("5. Open session\n\nSpeed checks had been carried out on the lane and residents wondered what they showed.\n")
    assert [q.asker for q in minutes.questions] == ["residents"]


def test_questions_a_lead_in_without_colon_and_the_question_in_the_paragraph_below():
    # family: "X of Y ward asked the following question of Councillor Z, Cabinet Member for ..." then the question
    minutes = segment(
        "8. Public Questions\n\nJane Pike of Northgate ward asked the following question of Councillor Ray Webb, "
        "Cabinet Member for Parks\n\nHow many trees were planted last year, and where?\n\n"
        "Written response: Some 300 trees were planted across the borough.\n"
    )
    assert [(q.asker, q.rule) for q in minutes.questions] == [("Jane Pike of Northgate ward", "q.received")]
    assert minutes.questions[0].text.endswith("and where?")
    assert [r.answers for r in minutes.responses] == [0]


def test_questions_he_asked_after_the_member_named_at_the_start_of_the_point():
    # family: a numbered public question: "(1) Mr X said ... He asked how ...?"
    minutes = segment(
        "5. Public Questions\n\n(1) Mr Jon Reade said the bus station toilets had been shut since May. "
        "He asked when they would reopen?\n"
    )
    assert [q.asker for q in minutes.questions] == ["Mr Jon Reade"]


def test_questions_those_asked_in_the_passive_are_not_the_askers():
    # family: "officers were asked whether ..." names who was asked, not who asked
    minutes = segment("5. Roads\n\nThe cost was high and officers were asked whether the work could be phased.\n")
    assert [(q.asker, q.rule) for q in minutes.questions] == [(None, "q.asked")]


# --- round 3: written questions set out by name
_WRITTEN = """7. Questions from Members of the Public

Question 1

Mrs Joan Arkwright

Could the Cabinet Member tell me when the footbridge at Mill Lane will reopen?

Response: Councillor Peter Lomax

The footbridge will reopen in September once the new deck has been fitted.

Question 2: Mr Tariq Aziz, 4 Orchard Row, Hexley

To Councillor Fiona Grant, Cabinet Member for Environment:-

Will the Council publish the air quality readings for the school streets?

Councillor Fiona Grant:

"Yes. The readings are published on the Council website every month."

8. Questions from Councillors

Councillor Ruth Ellis had given notice of the following question to the Cabinet Member for Environment:

"How many fly-tipping fines were issued last year?"
"""


def test_questions_the_name_under_a_question_label_asks_not_the_heading(nlp):
    # "Question 1", then the name alone, then the question: the name asks it, not "Members" of the item title
    minutes = run(nlp, _WRITTEN)
    assert [q.asker for q in minutes.questions] == ["Mrs Joan Arkwright", "Mr Tariq Aziz", "Councillor Ruth Ellis"]


def test_questions_a_label_with_name_and_address_then_the_addressee_line(nlp):
    minutes = run(nlp, _WRITTEN)
    second = minutes.questions[1]
    assert second.text.startswith("Will the Council publish") and second.rule == "q.label"


def test_questions_notice_of_a_question_names_who_put_it(nlp):
    minutes = run(nlp, _WRITTEN)
    third = minutes.questions[2]
    assert third.rule == "q.received" and third.text.endswith("issued last year?\"")
