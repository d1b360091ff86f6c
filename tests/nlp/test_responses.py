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


@pytest.mark.parametrize(
    "sentence, question, response",
    [
        ("Councillor Reid asked for a breakdown of the grants by parish and was told it would be sent to her.",
         "Councillor Reid asked for a breakdown of the grants by parish", "was told it would be sent to her."),
        ("A Member enquired as to whether the new rota had been welcomed by staff, this was confirmed to be the case.",
         "A Member enquired as to whether the new rota had been welcomed by staff", "this was confirmed to be the case."),
        ("It was also enquired whether the survey had closed, it was confirmed that it closed on Friday.",
         "It was also enquired whether the survey had closed", "it was confirmed that it closed on Friday."),
    ],
)
def test_responses_an_answer_joined_to_a_request_or_question_in_one_sentence(sentence, question, response):
    minutes = segment(f"4. Grants\n\n{sentence}\n")
    assert [q.text for q in minutes.questions] == [question]
    assert [r.text for r in minutes.responses] == [response]
    assert minutes.responses[0].answers == 0


@pytest.mark.parametrize(
    "paragraphs",
    [
        "The Committee received the quarterly report.\n\nIn response to questions, the Director confirmed that the grant ran to 2026.",
        "The Committee received the quarterly report.\n\nOfficers responded to Members’ questions and comments as follows:",
    ],
)
def test_responses_answers_to_questions_not_set_down_infer_no_question(paragraphs):
    minutes = segment(f"4. Grants\n\n{paragraphs}\n")
    assert minutes.questions == [] and minutes.responses == []


def test_responses_an_embedded_query_after_a_topic_label():
    minutes = segment("4. Performance\n\nPlay areas – In response to a query as to why two sites were missing, "
                      "officers informed the Committee that they would be added.\n")
    assert [q.text for q in minutes.questions] == ["In response to a query as to why two sites were missing"]
    assert [r.text for r in minutes.responses] == ["officers informed the Committee that they would be added."]


def test_responses_bullets_after_a_lead_in_go_on_answering_the_question():
    minutes = segment(
        "4. Minutes\n\nA Member sought clarification on the length of committee minutes.\n\n"
        "The following comments were made:-\n\n"
        "·   Members were reminded that the style of the minutes had been agreed by Council.\n\n"
        "·   The minutes of a committee were usually kept short and the webcast held the full debate.\n\n"
        "After further discussion, the Clerk undertook to report back on the points raised.\n"
    )
    assert [(r.answers, r.rule) for r in minutes.responses] == [(0, "r.informed"), (0, "r.plain")]


def test_responses_speakers_with_long_titles_are_not_cut_at_a_comma_or_an_and():
    minutes = segment(
        "5. Budget\n\nCouncillor Fry asked how the gap would be closed. Councillor Peter Hart, Cabinet Member for Roads, "
        "Parking and Waste, and the Head of Finance responded that reserves would be used.\n\n"
        "Councillor Ward asked about the timing of the review. In response, Councillor Bell (Cabinet Member for "
        "Finance and Resources) advised that it would start in June.\n"
    )
    first, second = minutes.responses
    assert first.text.startswith("Councillor Peter Hart, Cabinet Member for Roads")
    assert first.responder == "Councillor Peter Hart, Cabinet Member for Roads, Parking and Waste, and the Head of Finance"
    assert second.responder == "Councillor Bell (Cabinet Member for Finance and Resources)"


def test_responses_written_questions_with_inline_answers_from_a_post():
    minutes = segment(
        "4. Public Questions\n\nAlan Pickering\n\nQuestion 1:\n\nWhy were the minutes late?\n\n"
        "Response from the Director of Legal Services: Staff shortages delayed them.\n\n"
        "Question 2:\n\nWhen will the error be corrected?\n\n"
        "Response from the Director of Legal Services: It has been corrected.\n"
    )
    assert [q.asker for q in minutes.questions] == ["Alan Pickering", "Alan Pickering"]
    assert [(r.answers, r.responder) for r in minutes.responses] == [
        (0, "the Director of Legal Services"), (1, "the Director of Legal Services")]


def test_responses_a_lead_in_to_discussion_bullets_is_not_what_was_asked():
    minutes = segment(
        "5. Work programme\n\nDuring the ensuing discussion –\n\n"
        "·   in response to suggestions for future items the Coordinator explained the current process\n"
    )
    assert minutes.questions == [] and minutes.responses == []


def test_responses_a_note_that_the_question_and_answer_are_attached_is_no_answer():
    minutes = segment("4. Questions from Members\n\nA question had been received from Councillor Lee about parking. "
                      "The question and the response are attached as an appendix.\n")
    assert [q.asker for q in minutes.questions] == ["Councillor Lee"]
    assert minutes.responses == []


def test_responses_q_and_a_lines():
    minutes = segment("4. Performance report\n\nQ – How many complaints were upheld this year?\nA – 42, down from 57.\n\n"
                      "Q – Why has sickness absence risen?\nA – Mainly long-term musculoskeletal cases.\n")
    assert [(r.answers, r.rule) for r in minutes.responses] == [(0, "r.label"), (1, "r.label")]


def test_responses_an_undertaking_made_back_to_the_member_who_raised_a_point():
    minutes = segment("4. Audit\n\nA Member of the Committee said that he was still waiting for a reply to a query on the "
                      "parking audit. Officers agreed to contact the Member outside the meeting.\n")
    assert [q.asker for q in minutes.questions] == ["A Member of the Committee"]
    assert [(r.answers, r.rule) for r in minutes.responses] == [(0, "r.undertook")]


def test_responses_a_concern_reported_as_background_is_not_an_inferred_question():
    minutes = segment("4. Cycle lanes\n\nCouncillor Sorrel stated that residents had raised concerns about bus journey "
                      "times. The Transport Manager explained the flow of traffic at peak times.\n")
    assert minutes.questions == [] and minutes.responses == []
