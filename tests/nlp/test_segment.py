"""What an officer logging minutes expects the segmenter to find, one layout or phrasing at a time."""

import pytest

from nlp import EmptyDocument, segment


def run(nlp, text):
    return segment(text, nlp=nlp)


def texts(records):
    return [r.text for r in records]


def test_segment_threads_each_answer_under_its_question(nlp):
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


def test_segment_finds_the_commitment_inside_an_answer_with_its_due_date(nlp):
    minutes = run(nlp, """date: 2022-11-23
---
4 Performance Report

Members enquired about the Monitoring Committee. In response, it was stated that a report regarding the Monitoring Committee would be submitted to a future meeting in 2023, but that schools continue to be monitored.
""")
    (action,) = minutes.actions
    assert action.text.startswith("a report regarding the Monitoring Committee would be submitted")
    assert action.kind == "report_back"
    assert action.due == "a future meeting in 2023"
    assert action.due_date == "2023-12-31"
    assert action.source == "response"


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("RESOLVED – That the report be noted.", "noted"),
        ("RESOLVED – That the minutes of the meeting held on 13 August be approved as a correct record.", "approved"),
        ("RESOLVED – That the Cabinet be recommended to adopt the policy.", "recommended"),
        ("RESOLVED – That the Corporate Director be requested to investigate the erection of signs.", "requested"),
        ("Resolved: There were no declarations made.", "other"),
        ("AGREED that the report be approved and forwarded to Cabinet for consideration.", "recommended"),
        ("The Committee agreed to form a Task and Finish group.", "approved"),
    ],
)
def test_segment_resolution_kinds(nlp, sentence, kind):
    minutes = run(nlp, f"5 Work Programme\n\n{sentence}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(sentence, kind)]


def test_segment_keeps_lettered_parts_in_one_resolution(nlp):
    minutes = run(nlp, "5 Work Programme\n\nRESOLVED – (a) That the work programme be noted.\n\n(b) That a Quad of Aims be produced.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.endswith("(b) That a Quad of Aims be produced.")
    assert resolution.kind == "requested"
    assert [a.text for a in minutes.actions] == ["That a Quad of Aims be produced"]


def test_segment_does_not_take_the_committee_noting_a_fact_as_a_decision(nlp):
    minutes = run(nlp, "5 Update\n\nThe Committee noted that attendance data is already published.\n")
    assert minutes.resolutions == []
    assert texts(minutes.comments) == ["The Committee noted that attendance data is already published."]


@pytest.mark.parametrize(
    "sentence, action_start",
    [
        ("Members asked that the revised figures be circulated to the Committee.", "Members asked that the revised figures be circulated"),
        ("The Governance Officer confirmed that he would chase the action after the meeting.", "The Governance Officer confirmed that he would chase the action"),
        ("It was noted that the full report would be shared with the Committee.", "the full report would be shared"),
        ("Clerk to write to the landowner about the hedge.", "Clerk to write to the landowner"),
        ("The Chair reiterated previous requests for the data to include actual numbers.", "The Chair reiterated previous requests"),
        ("The Director advised that the Committee would be consulted before Cabinet decided.", "the Committee would be consulted"),
        ("AGREED that the Head of Highways be invited to attend the March meeting.", "AGREED that the Head of Highways be invited"),
        ("The Manager said he would obtain the figures from the food bank.", "The Manager said he would obtain the figures"),
        ("The Trust agreed to work with Healthwatch on a new leaflet.", "The Trust agreed to work with Healthwatch"),
        ("Letter from the bowls club about the pavilion. To be put on the next agenda.", "To be put on the next agenda"),
        ("Officers would meet the residents on site within the next month.", "Officers would meet the residents"),
        ("It was noted that the Cabinet Member would attend the March meeting.", "the Cabinet Member would attend"),
        ("It was agreed that Cllr Dale would contact the contractor.", "It was agreed that Cllr Dale would contact"),
        ("It was explained that the evaluation would be placed in the Members' Library.", "the evaluation would be placed in the Members' Library"),
        ("The Chair confirmed that the slides would be posted on the Council's website.", "the slides would be posted on the Council's website"),
        ("The Leader said she would provide Councillor Ames with a copy of the review.", "The Leader said she would provide Councillor Ames"),
        ("AGREED that the work programme be approved, subject to the addition of the action plan on valuations.", "the work programme be approved, subject to the addition of the action plan"),
    ],
)
def test_segment_finds_follow_up_commitments(nlp, sentence, action_start):
    minutes = run(nlp, f"7 Matters arising\n\n{sentence}\n")
    assert [a.text[: len(action_start)] for a in minutes.actions] == [action_start]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Committee NOTED the progress report.",
        "RESOLVED: That the Treasury Management Mid-Year Review be noted.",
        "RESOLVED – That the internal audit progress report be noted.",
    ],
)
def test_segment_a_decision_to_note_a_report_is_no_commitment(nlp, sentence):
    minutes = run(nlp, f"7 Audit\n\n{sentence}\n")
    assert minutes.actions == []


def test_segment_names_the_owner_of_a_commitment(nlp):
    minutes = run(nlp, "7 Matters arising\n\nThe Governance Officer confirmed that he would chase the action after the meeting.\n")
    (action,) = minutes.actions
    assert action.owner == "Governance Officer"
    assert action.due == "after the meeting"


def test_segment_does_not_take_a_plan_or_a_question_about_the_future_as_a_commitment(nlp):
    minutes = run(nlp, "7 Update\n\nA Member enquired whether the Trust would in future publish handover times.\n\nA new strategy was to be presented to Cabinet in October.\n")
    assert minutes.actions == []
    assert len(minutes.questions) == 1


def test_segment_splits_two_commitments_by_two_people(nlp):
    minutes = run(nlp, "9 Work Programme\n\nCouncillor Johnson proposed a mid-year review of the plan and Councillor Hughes suggested that Members review the recent work.\n")
    assert [a.text.split()[:2] for a in minutes.actions] == [["Councillor", "Johnson"], ["Councillor", "Hughes"]]


def test_segment_reads_a_question_and_its_answer_in_one_sentence(nlp):
    minutes = run(nlp, "6 Task Group\n\nMembers queried the terms of reference and it was noted that they would be agreed in the first meeting.\n")
    assert texts(minutes.questions) == ["Members queried the terms of reference"]
    assert texts(minutes.responses) == ["it was noted that they would be agreed in the first meeting."]


def test_segment_infers_the_question_an_answer_responds_to(nlp):
    minutes = run(nlp, "5 Report\n\n· It was noted that parents had reported a stigma. In response, it was stated that families felt embarrassed.\n")
    assert texts(minutes.questions) == ["It was noted that parents had reported a stigma."]
    assert minutes.questions[0].rule == "q.answered"
    assert minutes.responses[0].answers == 0


def test_segment_reads_question_and_answer_labels(nlp):
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
    "text, numbers, titles",
    [
        ("1.\n\nMinutes pdf icon PDF 82 KB\n\nMinutes:\n\nApproved.\n\n2.\n\nDeclarations of Interest\n\nMinutes:\n\nNone.\n",
         ["1", "2"], ["Minutes", "Declarations of Interest"]),
        ("4 Children, Families and Education PPRR Mid Year Report PDF 460 KB\nTo consider a report.\nMinutes:\nRESOLVED – that the report be noted.\n",
         ["4"], ["Children, Families and Education PPRR Mid Year Report"]),
        ("PLA\n32/16\nEVACUATION PROCEDURE\nPLA\n33/16\nDECLARATIONS OF INTEREST\n\nPLA\n32/16\nThe evacuation procedure was noted.\n",
         ["PLA 32/16", "PLA 33/16"], ["EVACUATION PROCEDURE", "DECLARATIONS OF INTEREST"]),
        ("| No. | Item |\n|---|---|\n|\nWELCOME AND APOLOGIES Minutes: The Chair welcomed all. |\n|\nUrgent Business Urgent business, if any, introduced by the Chair Minutes: There was none. |\n",
         [None, None], ["WELCOME AND APOLOGIES", "Urgent Business"]),
        ("23/145 Planning applications\n\na) Members noted the decisions.\n\n23/146 Finance\n\na) It was resolved to approve payments.\n",
         ["23/145", "23/146"], ["Planning applications", "Finance"]),
        ("Agenda item\n\n\nTo consider questions from Members, in accordance with Council Procedure Rule 11.\n\n\nMembers asked whether the Council would bid.\n",
         [None], ["Questions from Members"]),
        ("EX.12\tAPOLOGIES\n\n\tNone received.\n\nEX.13\tBUDGET MONITORING\n\n\tThe Committee NOTED the report.\n",
         ["EX.12", "EX.13"], ["APOLOGIES", "BUDGET MONITORING"]),
        ("12.\n\nMinutes pdf icon PDF 90 KB\n\nMinutes:\n\nApproved.\n\n13.\n\nReport of the Executive pdf icon PDF 120 KB\n\nMinutes:\n\nThe report was received.\n",
         ["12", "13"], ["Minutes", "Report of the Executive"]),
        ("Minute of Meeting\nPolicy Board\n\nPresent\nCouncillor Hay\n\nApologies\nCouncillor Dee.\n\nDeclarations of Interest\nThere were none.\n\n"
         "1 Budget Monitoring\nThe report was noted.\n\n2 Council Tax Collection\nThe report was noted.\n",
         [None, None, "1", "2"], ["Apologies", "Declarations of Interest", "Budget Monitoring", "Council Tax Collection"]),
    ],
    ids=["moderngov-number-lines", "number-and-title", "decision-table-then-narrative", "flattened-table", "parish", "single-item-page",
         "letters-dot-number", "title-reading-like-a-description", "scottish-unnumbered-procedural"],
)
def test_segment_agenda_item_layouts(nlp, text, numbers, titles):
    minutes = run(nlp, text)
    assert [i.number for i in minutes.agenda_items] == numbers
    assert [i.title for i in minutes.agenda_items] == titles


def test_segment_a_repeated_item_number_carries_on_its_item(nlp):
    minutes = run(nlp, "PLA\n32/16\nEVACUATION PROCEDURE\nPLA\n33/16\nDECLARATIONS OF INTEREST\n\nPLA\n32/16\nThe evacuation procedure was noted.\n")
    (resolution,) = minutes.resolutions
    assert resolution.item == 0


def test_segment_a_differently_numbered_list_does_not_reopen_earlier_items(nlp):
    minutes = run(nlp, """1. Order of Business

Decision

To note the order of business.

2. Budget Update

Decision

1) To note the report.
2) To approve the revised savings plan.
""")
    assert [(r.item, r.text.split()[-1]) for r in minutes.resolutions] == [(0, "business."), (1, "plan.")]


def test_segment_ignores_an_items_agenda_description(nlp):
    minutes = run(nlp, """4 Portfolio Report
The Scrutiny Committee is asked to:
a) Highlight any significant issues to be fed back to the Cabinet;
Minutes:
RESOLVED – that the report be noted.
""")
    assert texts(minutes.resolutions) == ["RESOLVED – that the report be noted."]
    assert minutes.actions == [] and minutes.comments == []


def test_segment_leaves_out_a_sentence_cut_off_at_the_end(nlp):
    minutes = run(nlp, "5 Update\n\nClarification was sought on costs. In response, it was stated that costs had risen.\n\nThe Committee queried the business case for not purchasing a vehicle either individually or in")
    assert len(minutes.questions) == 1
    assert any("ends mid-sentence" in w for w in minutes.warnings)


def test_segment_reads_meeting_details_from_the_header_block(nlp):
    minutes = run(nlp, "source: https://example.org/mgAi\ncouncil: Stockport\ncommittee: Scrutiny Committee\ndate: 2021-06-16\n---\n5 Report\n\nRESOLVED – That the report be noted.\n")
    assert (minutes.meeting.committee, minutes.meeting.date, minutes.meeting.council) == ("Scrutiny Committee", "2021-06-16", "Stockport")
    assert minutes.meeting.found["date"] == "header"
    assert minutes.text.startswith("5 Report")


@pytest.mark.parametrize(
    "line, committee, date",
    [
        ("Children & Families Scrutiny Committee - Wednesday, 16th October, 2024 6.00 pm", "Children & Families Scrutiny Committee", "2024-10-16"),
        ("Meeting: 16/06/2021 - Children & Families Scrutiny Committee (Item 5)", "Children & Families Scrutiny Committee", "2021-06-16"),
        ("Minutes of the meeting of the Planning Committee held on Tuesday 4 March 2025", "Planning Committee", "2025-03-04"),
        ("MINUTES of a meeting of the OVERVIEW AND SCRUTINY COMMITTEE held in the\nCouncil Chamber, Riverside House on "
         "Wednesday, 11\nOctober 2023 at 6.30 pm", "OVERVIEW AND SCRUTINY COMMITTEE", "2023-10-11"),
    ],
)
def test_segment_reads_meeting_details_from_the_text(nlp, line, committee, date):
    minutes = run(nlp, f"{line}\n\n1. Apologies\n\nNone.\n")
    assert (minutes.meeting.committee, minutes.meeting.date) == (committee, date)
    assert minutes.meeting.found["date"] == "text"


def test_segment_text_without_structure_is_one_item_with_a_warning(nlp):
    minutes = run(nlp, "some notes about the weather and nothing else")
    assert [i.title for i in minutes.agenda_items] == ["Untitled item"]
    assert any("one untitled item" in w for w in minutes.warnings)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\ufeff\r\n"])
def test_segment_refuses_empty_text(nlp, text):
    with pytest.raises(EmptyDocument):
        run(nlp, text)


def test_segment_every_record_points_at_its_own_text(nlp):
    path = next((__import__("conftest").CORPUS / "real").glob("stockport-seed-002.txt"))
    minutes = run(nlp, path.read_text(encoding="utf-8"))
    for kind in ("questions", "responses", "comments", "resolutions", "actions"):
        for record in getattr(minutes, kind):
            assert minutes.text[record.start : record.end] == record.text
    for item in minutes.agenda_items:
        assert 0 <= item.start < item.end <= len(minutes.text)


@pytest.mark.parametrize(
    "paragraph, question_start, asker",
    [
        ("Councillor Ashby noted that the scheme depended on two new posts. What would happen if they were not filled?",
         "Councillor Ashby noted that the scheme", "Councillor Ashby"),
        ("Cllr Moreno raised the closure of the day centre on Fridays. She asked why this had happened.",
         "Cllr Moreno raised the closure", "Cllr Moreno"),
    ],
)
def test_segment_a_members_lead_in_belongs_to_the_question_that_follows(nlp, paragraph, question_start, asker):
    minutes = run(nlp, f"6 Adult Services\n\n{paragraph}\n")
    (question,) = minutes.questions
    assert question.text.startswith(question_start)
    assert question.asker == asker


def test_segment_an_officers_account_before_a_direct_question_stays_outside_it(nlp):
    minutes = run(nlp, "6 Adult Services\n\nThe Director explained that two posts were vacant. Would agency staff be used?\n")
    assert texts(minutes.questions) == ["Would agency staff be used?"]


def test_segment_joins_pdf_lines_wrapped_before_a_capital(nlp):
    body = (
        "The Head of Finance presented the report on the forecast outturn and\n"
        "explained that the overspend was due to the pay award and to higher\n"
        "costs of temporary accommodation across the district in the summer\n"
        "months. Members asked whether the budget would be rebased and were\n"
        "told that it would. Councillor Lund queried slippage. The Portfolio\n"
        "Holder for Finance advised that the tender had been delayed\n"
        "by a survey and that the revised timetable was expected in the new\n"
        "year. Members queried the savings and it was confirmed that most had\n"
        "been delivered, with the remainder rated amber by the Head of Service\n"
        "in her latest report to the Cabinet.\n"
    )
    minutes = run(nlp, f"OSC22 FINANCIAL MONITORING\n\n{body}")
    assert any(r.text.startswith("The Portfolio\nHolder for Finance advised") for r in minutes.responses)
    assert minutes.resolutions == []


def test_segment_a_passive_received_in_a_condition_is_not_a_decision(nlp):
    minutes = run(nlp, "5 Capital Programme\n\nThe Director advised that a revised timetable would be circulated once the survey results were received.\n")
    assert minutes.resolutions == []


def test_segment_an_answer_to_a_named_member_implies_their_question(nlp):
    minutes = run(nlp, "5 Council Tax Support\n\nIn answer to Councillor Reeve, the Portfolio Holder stated that no decision had been taken.\n")
    (question,) = minutes.questions
    assert (question.text, question.asker) == ("In answer to Councillor Reeve", "Councillor Reeve")
    assert minutes.responses[0].text.startswith("the Portfolio Holder stated")
    assert minutes.responses[0].answers == 0


def test_segment_an_answer_to_a_member_who_just_asked_is_not_a_second_question(nlp):
    minutes = run(nlp, "5 Parking\n\nCouncillor Reeve asked whether charges would rise. In reply to Councillor Reeve, the Director said that they would not.\n")
    assert [q.asker for q in minutes.questions] == ["Councillor Reeve"]


def test_segment_joins_a_sentence_broken_by_a_page_footer(nlp):
    body = "".join(
        f"Paragraph {n} of the report was discussed at some length and it was noted that the\ncommittee had asked for more detail on the figures in the\nappendix to the report.\n"
        for n in range(3)
    )
    text = (f"7 HOUSING\n\n{body}Councillor Rees asked why the average time taken to re-let a void\n"
            "property, although reduced to 86 days, remained so far above the\n"
            "                                        Page 2 of 4\nHousing Committee - 8 November 2023\ntarget of 50 days.\n"
            "                                        Page 3 of 4\nHousing Committee - 8 November 2023\nRESOLVED – that the report be noted.\n")
    minutes = run(nlp, text)
    (question,) = minutes.questions
    assert question.text.endswith("target of 50 days.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Letter from the allotment society asking if the Council would repair the fence. Noted.",
        "The auditor explained that the valuations had been revised following queries raised by the audit team.",
    ],
)
def test_segment_correspondence_and_a_noun_query_ask_nothing_at_the_meeting(nlp, paragraph):
    minutes = run(nlp, f"9 Correspondence\n\n{paragraph}\n")
    assert minutes.questions == []


def test_segment_a_supplementary_question_of_none_is_no_question(nlp):
    minutes = run(nlp, "12 Questions from Members\n\nQuestion 3 from Councillor Vale to the Leader\n\n"
                       "“Will the Leader publish the figures?”\n\nResponse:\n\nYes, in March.\n\nSupplementary question:\n\nNone.\n")
    assert texts(minutes.questions) == ["“Will the Leader publish the figures?”"]


def test_segment_reads_q_and_a_initials_as_labels(nlp):
    minutes = run(nlp, "5 Urgent Care\n\no Q. What was the average handover time in January?\nA. The Chief Operating Officer advised that it had been 47 minutes.\n")
    assert minutes.responses[0].text.startswith("The Chief Operating Officer advised")
    assert minutes.responses[0].answers == 0


def test_segment_a_councillor_answering_a_resident_is_a_response(nlp):
    minutes = run(nlp, "7 Public Participation\n\nMr B. Lowe asked when the bus shelter would be repaired. Cllr Dunn said it had been reported to the County Council.\n")
    assert [(r.responder, r.answers) for r in minutes.responses] == [("Cllr Dunn", 0)]


def test_segment_a_councillor_commenting_after_a_members_question_is_not_a_response(nlp):
    minutes = run(nlp, "7 Budget\n\nCllr Lowe asked when the report would be ready. Cllr Dunn said that it was overdue.\n")
    assert minutes.responses == []


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The Minutes of the meeting held on 9 January 2023 were taken as read and signed as correct.", "approved"),
        ("The Chair referred Members to the filming notice on the agenda, and Members noted the information contained therein.", "noted"),
    ],
)
def test_segment_more_ways_of_recording_a_decision(nlp, sentence, kind):
    minutes = run(nlp, f"3 Minutes\n\n{sentence}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(sentence, kind)]
    assert minutes.actions == []


def test_segment_a_motion_as_moved_commits_nobody_until_resolved(nlp):
    minutes = run(nlp, "8 Notice of Motion\n\nCouncillor Hay moved and Councillor Dee seconded the following motion:\n\n"
                       "“This Council asks the Leader to write to the Secretary of State.”\n\n"
                       "RESOLVED: That this Council asks the Leader to write to the Secretary of State.\n")
    assert [a.text for a in minutes.actions] == ["That this Council asks the Leader to write to the Secretary of State"]


def test_segment_a_target_date_is_no_commitment(nlp):
    minutes = run(nlp, "5 Urgent Care\n\nThe Director advised that performance was 61% against the national standard of 76% to be achieved by March 2024.\n")
    assert minutes.actions == []


@pytest.mark.parametrize(
    "sentence, question, response",
    [
        ("Mr Hale asked when the charges would be published and was told by the Director that they would be issued in February.",
         "Mr Hale asked when the charges would be published", "was told by the Director that they would be issued in February."),
        ("Councillor Orme asked how the scheme would be funded, to which the Head of Transport replied that the grant ran to 2026.",
         "Councillor Orme asked how the scheme would be funded", "the Head of Transport replied that the grant ran to 2026."),
    ],
)
def test_segment_an_answer_joined_to_its_question_in_one_sentence(nlp, sentence, question, response):
    minutes = run(nlp, f"4 Transport\n\n{sentence}\n")
    assert texts(minutes.questions) == [question]
    assert texts(minutes.responses) == [response]


def test_segment_a_decision_printed_above_the_minutes_keeps_its_parts(nlp):
    minutes = run(nlp, "23.\n\nHousing Allocations Policy pdf icon PDF 412 KB\n\nTo consider a report of the Director of Housing.\n\n"
                       "Decision:\n\nRESOLVED – That Cabinet:\n\n(1) approves the revised Policy; and\n\n"
                       "(2) asks the Director of Housing to report to Cabinet on the operation of the Policy after twelve months.\n\n"
                       "Minutes:\n\nThe Cabinet Member introduced the report.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.endswith("after twelve months.")
    assert resolution.kind == "requested"
    assert [a.text for a in minutes.actions] == ["asks the Director of Housing to report to Cabinet on the operation of the Policy after twelve months"]


def test_segment_a_wrapped_cell_of_an_action_log_is_no_row_of_its_own(nlp):
    minutes = run(nlp, "3. Action log\n\nThe Panel reviewed the action log:\n\n"
                       "Action                      | Owner   | Status\n"
                       "Briefing on victims’ services | OPCC    | Outstanding – to be\n"
                       "commissioning               |         | provided in March\n")
    assert [a.text.split("|")[0].strip() for a in minutes.actions] == ["Briefing on victims’ services"]


@pytest.mark.parametrize(
    "paragraph, starts",
    [
        ("The Chair invited Members to vote on the proposed precept.", []),
        ("The Chair asked that the Commissioner be invited to present the annual report to the meeting in June, "
         "and that the Support Officer arrange a training session for Members.",
         ["The Chair asked that the Commissioner be invited", "the Support Officer arrange a training session"]),
        ("The Chair asked that the Commissioner be invited to present the annual report to the meeting in June, and\n"
         "   that the Support Officer arrange a training session for Members.",
         ["The Chair asked that the Commissioner be invited", "the Support Officer arrange a training session"]),
        ("RESOLVED that the Panel’s comments on the draft review be\nforwarded to the Local Plan Working Group.",
         ["RESOLVED that the Panel’s comments on the draft review be\nforwarded"]),
        ("RESOLVED that the work programme, as amended, be published on the Council’s website.",
         ["the work programme, as amended, be published"]),
    ],
)
def test_segment_commitments_in_coordinated_wrapped_and_voting_sentences(nlp, paragraph, starts):
    minutes = run(nlp, f"7 Work programme\n\n{paragraph}\n")
    assert [a.text[: len(s)] for a, s in zip(minutes.actions, starts)] == starts
    assert len(minutes.actions) == len(starts)


@pytest.mark.parametrize(
    "paragraphs, decision",
    [
        (["Members noted the continued improvement in sickness absence.", "Councillor Cole asked about invoices.",
          "RESOLVED: That the report be noted."], "RESOLVED: That the report be noted."),
        (["It was moved and seconded that the minutes be approved as a correct record and by a show of hands this was agreed.",
          "RESOLVED that the minutes of the meeting held on 21 November be approved as a correct record."],
         "RESOLVED that the minutes of the meeting held on 21 November be approved as a correct record."),
        (["It was moved by Councillor Chen and seconded by Councillor Ellison:",
          "“This Council notes the increase in collisions and resolves to ask the Cabinet to act.”",
          "Following debate, the motion was CARRIED."], None),
        (["The Committee considered the reports.", "Approved and signed as a correct record subject to any corrections made at the meeting held on 5 March.",
          "CHAIR", "_______________"], None),
    ],
)
def test_segment_discussion_votes_quoted_motions_and_sign_off_are_not_decisions(nlp, paragraphs, decision):
    minutes = run(nlp, "6 Performance\n\n" + "\n\n".join(paragraphs) + "\n")
    assert texts(minutes.resolutions) == ([decision] if decision else [])


def test_segment_a_decision_of_its_own_before_the_resolved_block_stays(nlp):
    minutes = run(nlp, "6 Estates\n\nThe Sub-Committee agreed to hold a site visit to the estate before its March meeting.\n\n"
                       "RESOLVED: That the report be noted.\n")
    assert len(minutes.resolutions) == 2


@pytest.mark.parametrize(
    "resolution, action_start",
    [
        ("RESOLVED: That the Committee:-\n\n(a) notes the draft budget; and\n\n(b) recommends to the Cabinet that the outcome of the "
         "equality impact assessment be published before the Cabinet meeting on 11 February.",
         "recommends to the Cabinet that the outcome of the equality impact assessment be published"),
        ("The Panel AGREED:\n\n(1) to note the annual report; and\n\n(2) to recommend to Cabinet that future annual reports include a section on community groups.",
         "to recommend to Cabinet that future annual reports include a section"),
    ],
)
def test_segment_a_recommended_follow_up_keeps_the_recommendation(nlp, resolution, action_start):
    minutes = run(nlp, f"40 Budget\n\n{resolution}\n")
    assert [a.text[: len(action_start)] for a in minutes.actions] == [action_start]


def test_segment_written_answers_to_be_sent_are_a_commitment(nlp):
    minutes = run(nlp, "58 Public questions\n\nAs the questioners were not present, the Mayor advised that written answers would be sent to them.\n")
    assert texts(minutes.actions) == ["written answers would be sent to them"]


@pytest.mark.parametrize("opener", ["RESOLVED – That", "RESOLVED: That", "Resolved - That"])
def test_segment_a_capitalised_that_above_the_parts_keeps_them(nlp, opener):
    minutes = run(nlp, f"""7. Library Service Review

Members discussed the consultation.

{opener}

(a) the review be noted; and

(b) a report on the outcome of the consultation be brought to a future meeting.
""")
    (resolution,) = minutes.resolutions
    assert "(b) a report on the outcome" in resolution.text


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("ASCOS 3   APOLOGIES\n\nNone.\n\nASCOS 4   MINUTES\n\nRESOLVED – That the minutes be approved.\n\nASCOS 5   DENTAL SERVICES\n\nThe report was noted.\n",
         ["ASCOS 3", "ASCOS 4", "ASCOS 5"]),
        ("1.  APOLOGIES\n\nNone.\n\n2.  BUS SERVICES\n\nThe Committee agreed:-\n\n(a) to note the report; and\n(b) to seek a further report.\n\n- 3 -\n\n3.  ROAD SAFETY\n\nThe Committee noted the report.\n",
         ["1", "2", "3"]),
    ],
    ids=["five-letter-prefix", "after-a-page-footer"],
)
def test_segment_more_item_numberings(nlp, text, numbers):
    minutes = run(nlp, text)
    assert [item.number for item in minutes.agenda_items] == numbers


@pytest.mark.parametrize(
    "sentence",
    [
        "No requests for dispensations were received.",
        "The Chief Executive agreed to look again at the risk score.",
    ],
)
def test_segment_a_fact_or_an_officer_agreeing_is_not_a_decision(nlp, sentence):
    minutes = run(nlp, f"5 Risk Register\n\n{sentence}\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Referrals to the service had risen by 18% compared with the previous year.",
        "Work would begin in May, with completion expected by the end of June.",
        "Two bids had been deferred pending further financial information.",
        "The Head of Transport presented the review, which proposed the closure of two depots.",
        "The Director presented the plans, with day care continuing to be provided at both sites.",
        "Each questioner could ask one question and one supplementary question.",
        "Thirty-eight officers were in post and the remaining twelve would be deployed by the end of June 2024.",
        "A decision would be made by the end of October.",
        "She expected the number of families in bed and breakfast to fall to zero by the end of January.",
        "The plan, which is required to be submitted to Welsh Government, was presented.",
        "Eleven trainees were due to qualify, all of whom had committed to stay with the Council for two years.",
        "The meeting was adjourned for public participation.",
    ],
)
def test_segment_changes_forecasts_past_deferrals_and_a_reports_proposals_are_no_commitments(nlp, sentence):
    minutes = run(nlp, f"6 Service Update\n\n{sentence}\n")
    assert minutes.actions == []


@pytest.mark.parametrize(
    "text, action_start",
    [
        ("ACTION: Clerk to place order and confirm dates with the contractor.", "ACTION: Clerk to place order"),
        ("The Director did not have the figures but would ask the Trust for them and share them with the Committee.",
         "would ask the Trust for them and share them"),
        ("RESOLVED – That\n(a) the update be noted; and\n(b) the Committee's view be confirmed in writing to the Trust.",
         "the Committee's view be confirmed in writing"),
        ("RESOLVED: That the work programme be noted and that the suggested topic be included in the draft work programme.",
         "the suggested topic be included"),
    ],
)
def test_segment_more_follow_ups_a_marker_an_errand_a_letter_and_the_work_programme(nlp, text, action_start):
    minutes = run(nlp, f"7 Hospital Services\n\n{text}\n")
    assert any(action_start in a.text for a in minutes.actions), texts(minutes.actions)


def test_segment_reads_slash_numbered_items_past_a_pdf_running_header_and_a_numbered_resolution(nlp):
    minutes = run(nlp, """HSP/21     MINUTES OF THE LAST MEETING

RESOLVED – That the minutes be approved as a correct record.

HSP/22     WINTER PLAN

RESOLVED: That

1. the plan be noted;
2. the Trust report back in March.

Eastmoor Borough Council – Health Scrutiny Panel – 17 October 2023                   Page 2

HSP/23     ACCESS TO NHS DENTISTRY

RESOLVED – That the presentation be noted.
""")
    assert [(i.number, i.title) for i in minutes.agenda_items] == [
        ("HSP/21", "MINUTES OF THE LAST MEETING"), ("HSP/22", "WINTER PLAN"), ("HSP/23", "ACCESS TO NHS DENTISTRY")]


@pytest.mark.parametrize(
    "text, answer_start",
    [
        ("Councillor Achterberg asked how many households were waiting for ventilation works. There were 418 properties "
         "on the programme for positive input ventilation.", "There were 418 properties"),
        ("(7) Mr Lamb raised the number of annual reviews that were overdue and whether this posed a risk.\n\n"
         "(8) The overdue figure was 2,406, around 31% of people with a long-term service.", "The overdue figure was 2,406"),
    ],
)
def test_segment_an_answer_set_down_as_plain_fact_after_the_question(nlp, text, answer_start):
    minutes = run(nlp, f"4 Performance Report\n\n{text}\n")
    assert len(minutes.questions) == 1
    assert [r.text[: len(answer_start)] for r in minutes.responses] == [answer_start]


def test_segment_a_statement_that_takes_up_nothing_asked_is_no_answer(nlp):
    minutes = run(nlp, "4 Performance Report\n\nCouncillor Achterberg asked how many households were waiting for ventilation works. "
                       "The Panel's next meeting was moved to a Thursday.\n")
    assert minutes.responses == []


def test_segment_listed_points_are_answered_in_turn_and_a_second_speaker_adds(nlp):
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


@pytest.mark.parametrize(
    "text, questions",
    [
        ("A letter from Ashcombe Primary School asked whether the Council would contribute to a crossing patrol.", []),
        ("Question 1 – Mrs Angela Dunmore\n\n“Why has the front counter at Eastgate closed?”", ["“Why has the front counter at Eastgate closed?”"]),
    ],
)
def test_segment_correspondence_asks_nothing_and_a_question_label_names_the_asker(nlp, text, questions):
    minutes = run(nlp, f"9 Public Questions\n\n{text}\n")
    assert texts(minutes.questions) == questions
    assert all(q.asker == "Mrs Angela Dunmore" for q in minutes.questions)


def test_segment_the_cabinet_member_answering_a_call_in_is_no_answer_by_itself(nlp):
    minutes = run(nlp, "4 Call-in: Library Opening Hours\n\nCouncillor Marsh set out the reasons for the call-in. "
                       "The assessment had not considered older residents.\n\n"
                       "Councillor Holloway, Cabinet Member for Culture, responded to the call-in, supported by the Director of Communities.\n")
    assert minutes.questions == [] and minutes.responses == []


def test_segment_a_decision_records_reasons_and_rejected_options_are_no_business(nlp):
    minutes = run(nlp, """CAB 73     Capital Programme

RESOLVED – That the programme be approved.

Reasons for decision:

The Council is required to set a balanced budget by 11 March 2024.

Alternative options considered and rejected:

To defer the Westgate bridge replacement. This was rejected because the structure is deteriorating.
""")
    assert minutes.actions == []


@pytest.mark.parametrize(
    "text, action_starts",
    [
        ("ACTION: Director of Housing to share the gap analysis with Commission members.", ["ACTION: Director of Housing to share"]),
        ("The Cabinet Member agreed that the list would be sent to all councillors.", ["The Cabinet Member agreed that the list"]),
        ("Members felt that the Panel should write to the Minister of State for Health.", ["Members felt that the Panel should write"]),
        ("The Commissioner said that he would ask the Chief Constable to consider this and would write to Mrs Dunmore with the outcome.",
         ["The Commissioner said that he would ask the Chief Constable", "would write to Mrs Dunmore"]),
        ("The Manager said that targets would be developed with the partners and would be included in the six-monthly progress report.",
         ["targets would be developed with the partners and would be included"]),
        ("Councillor Oakes also asked for a list of the fees and charges that would rise above inflation.",
         ["Councillor Oakes also asked for a list"]),
    ],
)
def test_segment_follow_ups_start_with_their_label_or_whoever_agreed_and_split_at_a_second_task(nlp, text, action_starts):
    minutes = run(nlp, f"7 Housing Repairs\n\n{text}\n")
    assert [a.text[: len(s)] for a, s in zip(minutes.actions, action_starts)] == action_starts
    assert len(minutes.actions) == len(action_starts)
