"""Answers, who gave them and which question each answers."""

import pytest

from nlp import segment


def run(nlp, text):
    return segment(text, nlp=nlp)


def texts(records):
    return [r.text for r in records]


def test_each_answer_is_threaded_under_the_question_it_follows(nlp):
    minutes = run(nlp, """4 Performance Report

Minutes:

· Clarification was sought regarding the number of young people not in education. In response, it was stated that only 13 were unknown.
· Members enquired about the Monitoring Committee. In response, it was stated that a report would be submitted to a future meeting in 2023.

RESOLVED – that the report be noted.
""")
    assert [q.text.split()[0] for q in minutes.questions] == ["Clarification", "Members"]
    assert minutes.questions[1].asker == "Members"
    assert [r.answers for r in minutes.responses] == [0, 1]
    assert minutes.responses[1].text.startswith("In response, it was stated that a report")


def test_q_and_a_initials_label_a_question_and_its_answer(nlp):
    minutes = run(nlp, "5 Urgent Care\n\no Q. What was the average handover time in January?\nA. The Chief Operating Officer advised that it had been 47 minutes.\n")
    assert minutes.responses[0].text.startswith("The Chief Operating Officer advised")
    assert minutes.responses[0].answers == 0


def test_a_councillor_answering_a_resident_is_a_response(nlp):
    minutes = run(nlp, "7 Public Participation\n\nMr B. Lowe asked when the bus shelter would be repaired. Cllr Dunn said it had been reported to the County Council.\n")
    assert [(r.responder, r.answers) for r in minutes.responses] == [("Cllr Dunn", 0)]


def test_a_councillor_commenting_after_another_members_question_is_no_answer(nlp):
    minutes = run(nlp, "7 Budget\n\nCllr Lowe asked when the report would be ready. Cllr Dunn said that it was overdue.\n")
    assert minutes.responses == []


@pytest.mark.parametrize(
    "sentence, question, response",
    [
        ("Mr Hale asked when the charges would be published and was told by the Director that they would be issued in February.",
         "Mr Hale asked when the charges would be published", "was told by the Director that they would be issued in February."),
        ("Councillor Orme asked how the scheme would be funded, to which the Head of Transport replied that the grant ran to 2026.",
         "Councillor Orme asked how the scheme would be funded", "the Head of Transport replied that the grant ran to 2026."),
    ],
)
def test_an_answer_joined_to_its_question_by_was_told_or_to_which(nlp, sentence, question, response):
    minutes = run(nlp, f"4 Transport\n\n{sentence}\n")
    assert texts(minutes.questions) == [question]
    assert texts(minutes.responses) == [response]


@pytest.mark.parametrize(
    "text, answer_start",
    [
        ("Councillor Achterberg asked how many households were waiting for ventilation works. There were 418 properties "
         "on the programme for positive input ventilation.", "There were 418 properties"),
        ("(7) Mr Lamb raised the number of annual reviews that were overdue and whether this posed a risk.\n\n"
         "(8) The overdue figure was 2,406, around 31% of people with a long-term service.", "The overdue figure was 2,406"),
    ],
)
def test_an_answer_set_down_as_plain_fact_after_the_question(nlp, text, answer_start):
    minutes = run(nlp, f"4 Performance Report\n\n{text}\n")
    assert len(minutes.questions) == 1
    assert [r.text[: len(answer_start)] for r in minutes.responses] == [answer_start]


def test_a_statement_that_takes_up_nothing_asked_is_no_answer(nlp):
    minutes = run(nlp, "4 Performance Report\n\nCouncillor Achterberg asked how many households were waiting for ventilation works. "
                       "The Panel's next meeting was moved to a Thursday.\n")
    assert minutes.responses == []


def test_listed_points_are_answered_in_turn_and_a_second_speaker_adds(nlp):
    minutes = run(nlp, """5 Winter Plan

Members raised the following points:

•    whether the modular ward could be staffed without agency nurses;
•    what was being done to reduce ambulance handover delays; and
•    how the public would be told which service to use.

In response, Mr Achebe said that 24 of the 31 nursing posts had been recruited.

On ambulance handovers, a new rapid assessment area had been opened in August.

Dr Lister advised that the winter communications campaign would launch in November.

Councillor Oakes asked whether the saving was deliverable. Councillor Forsyth replied that it had been re-profiled over two years. The Executive Director of Resources added that a contingency of £1m had been held.
""")
    assert [r.answers for r in minutes.responses] == [0, 1, 2, 3, 3]
    assert minutes.responses[-1].text.startswith("The Executive Director of Resources added")


def test_a_cabinet_member_responding_to_a_call_in_is_no_answer_by_itself(nlp):
    minutes = run(nlp, "4 Call-in: Library Opening Hours\n\nCouncillor Marsh set out the reasons for the call-in. "
                       "The assessment had not considered older residents.\n\n"
                       "Councillor Holloway, Cabinet Member for Culture, responded to the call-in, supported by the Director of Communities.\n")
    assert minutes.questions == [] and minutes.responses == []


# --- families seen in real minutes
