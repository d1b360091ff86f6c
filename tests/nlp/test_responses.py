"""Answers, who gave them and which question each answers."""

import pytest

from nlp import segment
from tests_support import run, texts




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


def _responses(text):
    minutes = segment(text)
    return minutes, [(r.text, r.answers, r.rule) for r in minutes.responses]


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


def test_responses_a_speakers_statement_after_name_and_colon_is_no_question_to_answer():
    # family: public-forum minutes giving each speaker's words as "Name: words"; a question there is asked as one
    minutes = segment(
        "3. Public participation\n\nMrs Lane: The verge on Mill Road has not been cut this year.\n\n"
        "Cllr Tom Hurst responded: The contractor had been asked to cut it.\n\n"
        "Mr Price: Asked why the bench had not been replaced.\n\nCllr Tom Hurst responded: The bench was on order.\n"
    )
    assert [(q.asker, q.rule) for q in minutes.questions] == [("Mr Price", "q.asked")]
    assert [(r.responder, r.answers) for r in minutes.responses] == [("Cllr Tom Hurst", 0)]


@pytest.mark.parametrize(
    "answer",
    ["There is nothing to report yet.", "There had been no further news from the supplier.",
     "No update was available."],
)
def test_responses_nothing_new_to_tell_answers_the_question_before_it(answer):
    # family: parish minutes answering a request for news with "nothing to report"
    minutes = segment(f"5. Public Session\n\nResidents asked if there was any update on the bypass. {answer}\n")
    assert [(r.rule, r.answers) for r in minutes.responses] == [("r.no_news", 0)]
    assert segment(f"5. Public Session\n\n{answer}\n").responses == []


def test_responses_a_long_titled_member_thanking_for_raising_concerns_then_answering():
    # family: "Councillor X, <long title>, thanked Mr Y for highlighting his concerns and confirmed that ..."
    minutes = segment(
        "5. Public Questions\n\n(1) Mr Ivo Dale said the toilets were shut. He asked when they would reopen?\n\n"
        "Councillor Ann Platt, Deputy Leader and Cabinet Member for Parks, Leisure and Open Spaces, thanked Mr Dale "
        "for highlighting his concerns and confirmed that they would reopen in June.\n"
    )
    assert [(r.rule, r.answers) for r in minutes.responses] == [("r.thanked", 0)]
    assert minutes.responses[0].responder.startswith("Councillor Ann Platt")


def test_a_promise_answers_the_question_before_it_only_when_it_takes_that_question_up(nlp):
    minutes = run(nlp, "5 Highways\n\nCouncillor Jones asked whether the gully cleaning programme had been completed.\n\n"
                       "The Head of Highways agreed to provide a breakdown of pothole repair times by ward.\n\n"
                       "Councillor Ames asked whether the parking review had started. "
                       "The Director agreed to refer this to the Cabinet Member.\n")
    answered = {minutes.questions[r.answers].text[:29] for r in minutes.responses if r.answers is not None}
    assert answered == {"Councillor Ames asked whether"}


# --- round 3: councillors answering at question time
def test_responses_a_cabinet_member_answers_at_question_time(nlp):
    # family: at "Members' Question Time" a councillor speaking after another's question is the portfolio
    # holder answering it, whatever verb the minutes use ("stated", "reiterated")
    minutes = run(nlp, "6. Members' Question Time\n\n6.1 Councillor Amberley asked when the cycle lane survey would be "
                       "finished. Councillor Tovey stated that the survey team had started in March.\n\n"
                       "6.2 Councillor Amberley asked whether the results would be published. Councillor Tovey "
                       "reiterated that the results would go to the Cabinet first.\n")
    assert [(r.responder, r.answers) for r in minutes.responses] == [("Councillor Tovey", 0), ("Councillor Tovey", 1)]


def test_responses_a_question_put_to_the_leader_is_answered_by_the_next_councillor(nlp):
    minutes = run(nlp, "4. Budget\n\nCouncillor Amberley asked the Leader whether reserves would be used. "
                       "Councillor Tovey said that no reserves would be drawn this year.\n")
    assert [(r.responder, r.answers) for r in minutes.responses] == [("Councillor Tovey", 0)]


def test_responses_a_councillor_remarking_after_another_is_no_answer(nlp):
    # outside question time, and with the question put to nobody in office, a member's remark is a comment
    minutes = run(nlp, "4. Parks\n\nCouncillor Amberley asked when the survey would be finished. "
                       "Councillor Tovey said that the park was much valued by residents.\n")
    assert minutes.responses == []


# --- round 3: the bullets under "The following responses were given:"
_ANSWER_LIST = """5. Housing Repairs Update

Members raised points and asked questions about the repairs backlog. The following responses were given:

•	Each tower block would have a named surveyor from April.
•	It was clarified that the damp survey would cover every block.
•	The Repairs Manager agreed to find out whether the lift contract could be brought forward.

RESOLVED – That the report be noted.
"""


def test_responses_each_bullet_under_an_answer_lead_in_answers_the_question_before_it(nlp):
    minutes = run(nlp, _ANSWER_LIST)
    assert [(r.rule, r.answers) for r in minutes.responses] == [("r.listed", 0)] * 3
    assert [r.text[:22] for r in minutes.responses] == ["Each tower block would", "It was clarified that ", "The Repairs Manager ag"]
    assert minutes.responses[2].responder == "Repairs Manager"


def test_responses_the_answer_lead_in_names_who_answered(nlp):
    minutes = run(nlp, _ANSWER_LIST.replace("The following responses were given:", "Officers responded as follows:-"))
    assert [r.responder for r in minutes.responses] == ["Officers", "Officers", "Repairs Manager"]


def test_responses_bullets_under_a_comments_lead_in_are_no_answers(nlp):
    minutes = run(nlp, _ANSWER_LIST.replace("The following responses were given:", "The following comments were made:"))
    assert [r.rule for r in minutes.responses if r.rule == "r.listed"] == []


def test_responses_a_named_answer_read_out_after_as_follows_is_one_answer(nlp):
    # "Councillor X responded as follows:" with the answer as a paragraph below, no bullets: one answer
    minutes = run(nlp, "4. Public Questions\n\nMr Dale asked when the toilets in the park would reopen.\n\n"
                       "Councillor Platt responded as follows:\n\nThe toilets would reopen in June after repairs.\n")
    assert [r.rule for r in minutes.responses] != [] and all(r.rule != "r.listed" for r in minutes.responses)


def test_responses_a_written_answer_under_the_name_of_who_gave_it(nlp):
    # "Response: Councillor X" alone, or "Councillor X:" alone under the question: the paragraph below is X's answer
    from test_questions import _WRITTEN

    minutes = run(nlp, _WRITTEN)
    assert [(r.responder, r.answers, r.text[:12]) for r in minutes.responses] == [
        ("Councillor Peter Lomax", 0, "The footbrid"), ("Councillor Fiona Grant", 1, "\"Yes. The re")]


def test_responses_a_title_with_commas_and_ands_is_the_whole_speaker(nlp):
    # family: "Councillor A B, Cabinet Member for X, Y and Z and Deputy Leader, confirmed that ... and she
    # would report back": who answers and who owes the task is the whole titled name, not "Deputy Leader"
    minutes = run(nlp, "5. Waste\n\nCouncillor Tate asked about missed collections. Councillor Ann Cole, Cabinet "
                       "Member for Roads, Parking and Waste and Deputy Leader, confirmed that the crews had been "
                       "increased and she would report back in June.\n")
    speaker = "Councillor Ann Cole, Cabinet Member for Roads, Parking and Waste and Deputy Leader"
    assert [(r.responder, r.answers, r.text[:19]) for r in minutes.responses] == [(speaker, 0, "Councillor Ann Cole")]
    assert [a.owner for a in minutes.actions] == [speaker]
