"""Resolutions: the formal decisions, their parts and their kinds, and what is not a decision."""

import pytest

from tests_support import run, texts




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
def test_a_resolution_is_classed_by_what_it_decides(nlp, sentence, kind):
    minutes = run(nlp, f"5 Work Programme\n\n{sentence}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(sentence, kind)]


def test_lettered_parts_stay_in_one_resolution(nlp):
    minutes = run(nlp, "5 Work Programme\n\nRESOLVED – (a) That the work programme be noted.\n\n(b) That a Quad of Aims be produced.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.endswith("(b) That a Quad of Aims be produced.")
    assert resolution.kind == "requested"
    assert [a.text for a in minutes.actions] == ["That a Quad of Aims be produced"]


def test_the_committee_noting_a_fact_is_a_comment_not_a_decision(nlp):
    minutes = run(nlp, "5 Update\n\nThe Committee noted that attendance data is already published.\n")
    assert minutes.resolutions == []
    assert texts(minutes.comments) == ["The Committee noted that attendance data is already published."]


def test_received_in_a_condition_is_not_a_decision(nlp):
    minutes = run(nlp, "5 Capital Programme\n\nThe Director advised that a revised timetable would be circulated once the survey results were received.\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The Minutes of the meeting held on 9 January 2023 were taken as read and signed as correct.", "approved"),
        ("The Chair referred Members to the filming notice on the agenda, and Members noted the information contained therein.", "noted"),
    ],
)
def test_minutes_signed_as_correct_and_members_noting_information_are_decisions(nlp, sentence, kind):
    minutes = run(nlp, f"3 Minutes\n\n{sentence}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(sentence, kind)]
    assert minutes.actions == []


def test_a_decision_printed_above_the_minutes_keeps_its_numbered_parts(nlp):
    minutes = run(nlp, "23.\n\nHousing Allocations Policy pdf icon PDF 412 KB\n\nTo consider a report of the Director of Housing.\n\n"
                       "Decision:\n\nRESOLVED – That Cabinet:\n\n(1) approves the revised Policy; and\n\n"
                       "(2) asks the Director of Housing to report to Cabinet on the operation of the Policy after twelve months.\n\n"
                       "Minutes:\n\nThe Cabinet Member introduced the report.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.endswith("after twelve months.")
    assert resolution.kind == "requested"
    assert [a.text for a in minutes.actions] == ["asks the Director of Housing to report to Cabinet on the operation of the Policy after twelve months"]


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
def test_discussion_votes_quoted_motions_and_the_sign_off_are_not_decisions(nlp, paragraphs, decision):
    minutes = run(nlp, "6 Performance\n\n" + "\n\n".join(paragraphs) + "\n")
    assert texts(minutes.resolutions) == ([decision] if decision else [])


def test_a_decision_of_its_own_before_the_resolved_block_is_kept(nlp):
    minutes = run(nlp, "6 Estates\n\nThe Sub-Committee agreed to hold a site visit to the estate before its March meeting.\n\n"
                       "RESOLVED: That the report be noted.\n")
    assert len(minutes.resolutions) == 2


@pytest.mark.parametrize("opener", ["RESOLVED – That", "RESOLVED: That", "Resolved - That"])
def test_resolved_that_above_lettered_parts_keeps_them(nlp, opener):
    minutes = run(nlp, f"""7. Library Service Review

Members discussed the consultation.

{opener}

(a) the review be noted; and

(b) a report on the outcome of the consultation be brought to a future meeting.
""")
    (resolution,) = minutes.resolutions
    assert "(b) a report on the outcome" in resolution.text


@pytest.mark.parametrize(
    "sentence",
    [
        "No requests for dispensations were received.",
        "The Chief Executive agreed to look again at the risk score.",
    ],
)
def test_a_fact_or_an_officer_agreeing_is_not_a_decision(nlp, sentence):
    minutes = run(nlp, f"5 Risk Register\n\n{sentence}\n")
    assert minutes.resolutions == []


# --- families seen in real minutes


@pytest.mark.parametrize(
    "text, start, kind",
    [
        ("Councillor Amy Hart was elected Chair for the ensuing year, proposed by Councillor Dee and seconded by Councillor Roe.",
         "Councillor Amy Hart was elected Chair", "approved"),
        ("Councillor Lee was duly elected as Vice-Chair of the Panel for 2025/26.", "Councillor Lee was duly elected", "approved"),
        ("It was proposed by Councillor Dee and seconded by Councillor Roe that Councillor Hart be appointed Vice-Chair.",
         "It was proposed by Councillor Dee", "approved"),
    ],
)
def test_an_election_or_appointment_is_a_decision_without_resolved(nlp, text, start, kind):
    minutes = run(nlp, f"1 Election of Chair\n\n{text}\n")
    assert [(r.text[: len(start)], r.kind) for r in minutes.resolutions] == [(start, kind)]


def test_an_officer_reporting_an_appointment_or_a_member_asking_about_one_is_no_decision(nlp):
    minutes = run(nlp, "4 Partnership Update\n\nThe Director explained that a new Chair had been elected by the partnership board in May.\n\n"
                       "Members asked when the Vice-Chair would be elected.\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "text, kind",
    [
        ("In the absence of the Director, it was agreed that the item would be deferred to the next meeting.", "approved"),
        ("Members were content to note the update.", "noted"),
        ("IT WAS resolved:\n\nThat the report be noted.", "noted"),
        ("Agreed – that the work programme be approved.", "approved"),
        ("That the minutes of the meeting held on 3 May be agreed.", "approved"),
    ],
)
def test_decisions_written_without_a_resolved_label(nlp, text, kind):
    minutes = run(nlp, f"5 Business\n\n{text}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(text, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "To confirm as a correct record the minutes of the meeting held on 3 May.",
        "To approve as a correct record the minutes of the meeting held on 8 March.",
        "That would be agreed at the next meeting, the Chair said.",
    ],
)
def test_an_agenda_instruction_or_a_pronoun_that_is_no_decision(nlp, text):
    minutes = run(nlp, f"3 Minutes of the last meeting\n\n{text}\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "text, last_part",
    [
        ("The Committee noted the report and further:\n\nRequested that officers circulate the figures to Members.\n\n"
         "Asked that the Trust attend the next meeting.", "Asked that the Trust attend the next meeting."),
        ("The minutes of the meeting held on 4 June were approved as a correct record, subject to:-\n\n"
         "(a) the addition of Councillor Ray to those present; and\n\n(b) the correction of the date in minute 12.",
         "(b) the correction of the date in minute 12."),
    ],
)
def test_a_lead_in_ending_in_a_colon_keeps_the_parts_that_follow(nlp, text, last_part):
    minutes = run(nlp, f"6 Performance\n\n{text}\n\nCouncillor Ray asked whether the figures were final.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.endswith(last_part)


def test_a_resolution_broken_by_a_blank_line_mid_sentence_is_one(nlp):
    minutes = run(nlp, "2 Minutes\n\nResolved – That the minutes of the meeting held on 14 May be\n\nagreed as a correct record.\n")
    assert texts(minutes.resolutions) == ["Resolved – That the minutes of the meeting held on 14 May be\n\nagreed as a correct record."]


@pytest.mark.parametrize(
    "lead_in",
    ["The following points were noted:-", "The following comments were made/issues raised:-", "During the discussion, the following issues were raised:"],
)
def test_discussion_bullets_after_a_lead_in_are_not_a_resolution(nlp, lead_in):
    minutes = run(nlp, f"7 Winter Plan\n\n{lead_in}\n\n· Confirmation was sought about the cost of the scheme.\n\n"
                       "· In response, it was noted that the grant covered it.\n\nRESOLVED – That the report be noted.\n")
    assert texts(minutes.resolutions) == ["RESOLVED – That the report be noted."]


def test_numbered_parts_without_a_label_stay_with_the_decision_they_follow(nlp):
    minutes = run(nlp, "6 Performance Report\n\n(1) The Panel noted the quarterly performance report.\n\n"
                       "(2) That benchmarking with neighbouring councils be explored for future reports.\n\n"
                       "(3) Councillor Shah asked whether the sickness figures included agency staff.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.endswith("be explored for future reports.")
    assert resolution.kind == "requested"


def test_a_numbered_decision_of_its_own_or_a_question_after_a_decision_is_not_its_part(nlp):
    minutes = run(nlp, "7 Finance\n\nb) The bank reconciliation was noted.\n\nc) It was resolved to renew the insurance for a year.\n\n"
                       "d) Cllr Fry asked whether the precept had been received.\n")
    assert texts(minutes.resolutions) == ["The bank reconciliation was noted.", "It was resolved to renew the insurance for a year."]


@pytest.mark.parametrize(
    "text, decision",
    [
        ("a) Payments for May totalling £2,100 were approved. Proposed Cllr Dace, seconded Cllr Bright, all in favour.",
         "Payments for May totalling £2,100 were approved."),
        ("a) Schedule of payments: It was resolved to approve payments totalling £1,400 as listed.",
         "Schedule of payments: It was resolved to approve payments totalling £1,400 as listed."),
        ("The Council formally approved the formation of a project group.", "The Council formally approved the formation of a project group."),
    ],
)
def test_parish_decisions_in_the_passive_after_a_topic_or_with_an_adverb(nlp, text, decision):
    minutes = run(nlp, f"25/047 Finance\n\n{text}\n")
    assert texts(minutes.resolutions) == [decision]


def test_a_reported_approval_is_no_decision(nlp):
    minutes = run(nlp, "5 Capital Programme\n\nThe Director advised that the bid was approved.\n\n"
                       "It was noted that the funding for the scheme had been approved and was agreed.\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "text",
    [
        "The Panel considered the report and agreed the recommendations contained therein.",
        "The Committee received the presentation and noted the progress made.",
        "The recommendations were agreed as set out in the report.",
        "The Chair proposed that the meeting be adjourned for ten minutes, which was agreed.",
    ],
)
def test_a_decision_after_what_the_body_did_or_before_how_it_was_taken(nlp, text):
    minutes = run(nlp, f"8 Budget Monitoring\n\n{text}\n")
    assert texts(minutes.resolutions) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "The Committee asked whether officers had considered the options and agreed a timetable.",
        "Members thanked the officer and noted that the figures were improving.",
        "Members were asked to note the report.",
    ],
)
def test_a_question_a_noted_fact_or_what_members_were_asked_to_do_is_no_decision(nlp, text):
    minutes = run(nlp, f"8 Budget Monitoring\n\n{text}\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "text, kind",
    [
        ("RESOLVED – That (1) the report be noted; and (2) the Director of Finance write to the Trust about the overdue payments.", "requested"),
        ("AGREED – that the motion be adopted and that officers bring a report on the options to the December meeting.", "requested"),
        ("Members agreed that the Clerk should write to the County Council in support of a crossing.", "requested"),
        ("RESOLVED (unanimously) – That the Chief Executive write to the Minister.", "requested"),
        ("RESOLVED – That the Committee recommends to Cabinet that the scheme be adopted.", "recommended"),
        ("RESOLVED – That the Committee's comments be forwarded to the Health and Wellbeing Board.", "recommended"),
        ("It was resolved to renew the insurance with the current insurer for a further year.", "approved"),
        ("The bank reconciliation to 31st March was noted and signed by the Chair.", "noted"),
        ("RESOLVED – That the presentation be noted and the Community Support Manager be thanked for his work.", "noted"),
        ("The Scrutiny Commission agreed that Councillor Hale be appointed as Chair of the Flooding Panel.", "approved"),
    ],
)
def test_a_resolution_is_classed_by_who_is_told_to_act_and_what_is_decided(nlp, text, kind):
    minutes = run(nlp, f"6 Business\n\n{text}\n")
    assert [r.kind for r in minutes.resolutions] == [kind]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Resolved: Clerk to obtain three quotes for the new fence.", "requested"),
        ("AGREED that (a) the report be noted; and (b) the Head of Highways be invited to attend the next meeting.", "requested"),
        ("The Chair referred Members present to the filming notice, and Members noted the information contained therein.", "noted"),
        ("RESOLVED – that the presentation be noted and the Community Support\nManager be thanked for his work.", "noted"),
        ("Members agreed that there was a need for a new panel, to allow the Council to prepare for future floods.", "approved"),
    ],
)
def test_who_is_told_to_act_is_read_from_the_words_before_the_verb(nlp, text, kind):
    minutes = run(nlp, f"6 Business\n\n{text}\n")
    assert [r.kind for r in minutes.resolutions] == [kind]


def test_an_items_heading_that_names_resolutions_decides_nothing(nlp):
    minutes = run(nlp, "27 RESOLUTIONS OF THE OVERVIEW AND SCRUTINY COMMITTEE\n\nTo consider the outcome of earlier resolutions.\n\n"
                       "Minutes:\n\nRESOLVED: That the actions resulting from the resolutions be noted.\n")
    assert texts(minutes.resolutions) == ["RESOLVED: That the actions resulting from the resolutions be noted."]


@pytest.mark.parametrize(
    "text, decision",
    [
        ("Proposed by Cllr Smith, seconded by Cllr Hale and unanimously approved.", "Proposed by Cllr Smith, seconded by Cllr Hale and unanimously approved."),
        ("Ann Lee – proposed by Cllr Edge, seconded by Cllr Smith and unanimously co-opted.",
         "Ann Lee – proposed by Cllr Edge, seconded by Cllr Smith and unanimously co-opted."),
        ("Councillors considered a late request for a grant and it was resolved that it be declined.",
         "Councillors considered a late request for a grant and it was resolved that it be declined."),
        ("It was resolved to approve the payments listed. Proposed Cllr Aske, seconded Cllr Penn, all in favour.",
         "It was resolved to approve the payments listed."),
    ],
)
def test_parish_votes_proposed_seconded_and_carried(nlp, text, decision):
    minutes = run(nlp, f"24/106 Finance\n\n{text}\n")
    assert texts(minutes.resolutions) == [decision]


def test_asking_whether_it_was_agreed_is_no_decision(nlp):
    minutes = run(nlp, "24/107 Grants\n\nThe Chair asked whether it was agreed that the item be deferred.\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "text",
    [
        "The Sub-Panel noted and approved the records of its last two meetings.",
        "The Committee DELEGATED to the Scrutiny Manager responsibility for the design of the final publication.",
        "RECOMMENDED that the Cabinet adopts the revised parking strategy.",
        "The minutes of the meeting held on 9 March were confirmed as correct record.",
    ],
)
def test_more_bodies_verbs_and_a_panels_recommendation_record_decisions(nlp, text):
    minutes = run(nlp, f"5 Annual Report\n\n{text}\n")
    assert texts(minutes.resolutions) == [text]


def test_what_the_committee_is_recommended_to_do_on_the_agenda_is_no_decision(nlp):
    minutes = run(nlp, "5 Annual Report\n\nThe Committee is RECOMMENDED to:\n\na) Note the requirement to produce an annual report.\n")
    assert minutes.resolutions == []


def test_a_decision_column_heading_in_a_table_decides_nothing(nlp):
    minutes = run(nlp, "5 Budget\n\n| Item | Discussion | Decision |\n|---|---|---|\n| Budget | Members discussed the forecast. | RESOLVED that the report be noted. |\n")
    assert texts(minutes.resolutions) == ["RESOLVED that the report be noted."]


@pytest.mark.parametrize(
    "text, found",
    [
        ("After a vote, the recommendation was approved (7 for, 2 against).", True),
        ("A reply would be sent to the resident, once the survey results were received.", False),
    ],
)
def test_a_passive_decision_after_an_opening_clause_and_with_the_votes_counted(nlp, text, found):
    minutes = run(nlp, f"5 Budget\n\n{text}\n")
    assert texts(minutes.resolutions) == ([text] if found else [])


def test_lettered_parts_whose_resolved_label_was_lost_are_one_decision(nlp):
    minutes = run(nlp, "5 Work Programme\n\nThe Scrutiny Coordinator submitted a report on the work programme.\n\n"
                       "(a) subject to the items added at the meeting, the work programme be approved;\n\n"
                       "(b) the following members be appointed to the Challenge Groups; and\n\n"
                       "(c) the Scrutiny Coordinator email all members about the remaining vacancies.\n\n"
                       "The meeting concluded at 12.40 p.m.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.startswith("subject to the items added") and resolution.text.endswith("remaining vacancies.")
    assert resolution.kind == "requested"


def test_the_body_alone_above_the_parts_of_its_decision(nlp):
    minutes = run(nlp, "5 Schools\n\nThe Committee:-\n\n(a) noted the update on the school estate; and\n\n"
                       "(b) agreed that the Head of Education arrange a visit for Members.\n")
    (resolution,) = minutes.resolutions
    assert resolution.text.startswith("The Committee:-") and resolution.text.endswith("a visit for Members.")
    assert resolution.kind == "requested"


def test_the_body_above_a_question_is_no_decision(nlp):
    minutes = run(nlp, "5 Schools\n\nThe Panel:\n\nCouncillor Ray asked about the budget.\n")
    assert minutes.resolutions == []


def test_a_tribute_recalling_an_election_is_no_decision(nlp):
    minutes = run(nlp, "2 Announcements\n\nThe Chair paid tribute to Councillor Hale, who was elected to the Council in 2015 and was "
                       "appointed as Chair of the Planning Committee in 2019.\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize("text", ["In 2019 the first application was refused.", "Last year the grant was approved."])
def test_history_told_in_the_passive_is_no_decision(nlp, text):
    minutes = run(nlp, f"6 Planning\n\n{text}\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "text, decision, kind",
    [
        ("Cllr Hale proposed that the budget be approved; this was seconded by Cllr Lee. Agreed.",
         "Cllr Hale proposed that the budget be approved; this was seconded by Cllr Lee. Agreed.", "approved"),
        ("Members discussed the bins. Agreed.", "Agreed.", "approved"),
    ],
)
def test_a_bare_agreed_closes_the_proposal_before_it(nlp, text, decision, kind):
    minutes = run(nlp, f"7 Budget\n\n{text}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(decision, kind)]


def test_an_agreement_given_in_answer_is_no_decision(nlp):
    minutes = run(nlp, "7 Budget\n\nCouncillor Ray asked about the figures. In response, it was agreed that officers would circulate them.\n")
    assert minutes.resolutions == []


def test_the_following_was_noted_above_discussion_bullets_is_no_decision(nlp):
    minutes = run(nlp, "7 Winter Plan\n\nIn discussion, the following was noted:\n\n· Members asked whether the hub would open on Saturdays.\n\n"
                       "· the officer said that it would.\n")
    assert minutes.resolutions == []


@pytest.mark.parametrize(
    "text",
    ["The minutes of the meeting held on 4 May were signed and adopted.",
     "The notes of the last meeting were read and approved."],
)
def test_minutes_signed_and_adopted_in_the_passive_are_a_decision(nlp, text):
    minutes = run(nlp, f"4 Minutes\n\n{text}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(text, "approved")]


@pytest.mark.parametrize(
    "sentence",
    ["Resolved – to renew the hall booking for the winter – JD to action.",
     "Agreed – that RB should write to the bus company about the timetable."],
)
def test_someone_named_by_initials_and_told_to_act_makes_a_request(nlp, sentence):
    minutes = run(nlp, f"8 Village Matters\n\n{sentence}\n")
    assert [r.kind for r in minutes.resolutions] == ["requested"]


@pytest.mark.parametrize(
    "sentence",
    ["Agreed – to take no further action on the hedge at Mill Farm.",
     "RESOLVED not to proceed with the new noticeboard this year."],
)
def test_a_decision_to_do_nothing_approves_nothing(nlp, sentence):
    minutes = run(nlp, f"11 Planning\n\n{sentence}\n")
    assert [r.kind for r in minutes.resolutions] == ["other"]


def test_thanks_to_be_passed_on_are_a_request(nlp):
    minutes = run(nlp, "1 Chair's Remarks\n\nAGREED that the Council's thanks be passed to the volunteers.\n")
    assert [r.kind for r in minutes.resolutions] == ["requested"]


def test_a_resolved_whose_words_the_page_cut_off_is_no_decision(nlp):
    minutes = run(nlp, "5 Minutes\n\nIT WAS resolved:\n\nThat the minu")
    assert minutes.resolutions == []


def test_a_heading_ending_in_a_body_word_above_a_resolved_is_no_decision(nlp):
    minutes = run(nlp, "9) Parish Notice Board\n Resolved – to defer the decision on the new board.\n")
    assert [(r.text, r.rule) for r in minutes.resolutions] == [("Resolved – to defer the decision on the new board.", "res.resolved")]


def test_a_fact_tagged_it_was_noted_at_its_end_is_no_decision(nlp):
    minutes = run(nlp, "6 Grants\n\nThe scheme must show a public benefit to receive support it was noted.\n")
    assert minutes.resolutions == []


def test_a_request_granted_in_discussion_gives_way_to_the_items_decision(nlp):
    minutes = run(nlp, "2 Minute\n\nCouncillor Ray asked that the full answer be appended and this was agreed.\n\nDECISION\n\n"
                       "AGREED that the Minute be approved.\n")
    assert [r.text.split()[-1] for r in minutes.resolutions] == ["approved."]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("A quote for the fence was received on 3 May and it was resolved that the Clerk should obtain two more.", "requested"),
        ("Councillors considered a late request for a grant and it was resolved that the request be declined.", "other"),
    ],
)
def test_what_led_up_to_a_decision_in_its_sentence_does_not_set_its_kind(nlp, text, kind):
    minutes = run(nlp, f"6 Grounds\n\n{text}\n")
    assert [r.kind for r in minutes.resolutions] == [kind]


@pytest.mark.parametrize("closing", ["Noted.", "Received and noted."])
def test_a_report_closed_by_noted_alone_is_a_decision(nlp, closing):
    minutes = run(nlp, f"6 Family Relationships\n\nThe Chief Executive reported that an appointment had been offered.\n\n{closing}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(closing, "noted")]


def test_noted_opening_a_longer_sentence_is_not_noted_alone(nlp):
    minutes = run(nlp, "6 Halls\n\nThe Clerk said the comments were noted by the hall committee last year, and the hall was busy.\n")
    assert [r.rule for r in minutes.resolutions] != ["res.noted_alone"]


def test_a_motion_referred_in_the_first_instance_to_a_committee_is_recommended(nlp):
    minutes = run(nlp, "9 Notices of Motion\n\nThe Committee agreed that the motion be referred, in the first instance, to the Parks Committee.\n")
    assert [r.kind for r in minutes.resolutions] == ["recommended"]


def test_noted_inside_a_line_of_correspondence_is_no_decision(nlp):
    minutes = run(nlp, "12 Correspondence\n\n- Email from a resident about the verge. Noted. Clerk to reply.\n")
    assert "res.noted_alone" not in [r.rule for r in minutes.resolutions]


def test_a_motion_put_to_the_vote_and_carried_decides_what_was_moved(nlp):
    minutes = run(nlp, "5 Budget\n\nIt was moved by Councillor Ash and seconded by Councillor Birch that the budget be approved. "
                       "On being put to the vote the motion was carried.\n")
    assert [(r.rule, r.kind) for r in minutes.resolutions] == [("res.motion_carried", "approved")]
    assert minutes.resolutions[0].text.startswith("It was moved by Councillor Ash")


def test_a_seconded_and_carried_closes_the_proposal_before_it(nlp):
    minutes = run(nlp, "5 Budget\n\nCouncillor Ash proposed that the budget be approved. This was seconded by Councillor Birch "
                       "and carried unanimously.\n")
    assert [r.kind for r in minutes.resolutions] == ["approved"]
    assert minutes.resolutions[0].text.startswith("Councillor Ash proposed")


def test_a_motion_declared_carried_gives_way_to_the_items_formal_decision(nlp):
    minutes = run(nlp, "5 Motion\n\nThe motion was moved by Cllr Ash, put to the meeting and declared carried, with 9 Members voting for and "
                       "1 against.\n\nAGREED – that the Notice of Motion be adopted.\n")
    assert [r.text for r in minutes.resolutions] == ["AGREED – that the Notice of Motion be adopted."]


def test_a_part_cut_off_by_the_page_still_gives_the_decision_its_kind(nlp):
    minutes = run(nlp, "5 Audit\n\nRESOLVED - that:\na. the report be noted; and\nb. the Charter be approved by the Comm")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [("RESOLVED - that:\na. the report be noted; and", "approved")]


def test_a_question_about_a_decision_is_no_decision(nlp):
    minutes = run(nlp, "5 Hedges\n\nCouncillor Ames asked: Wasn't it agreed that the hedge would be cut by May? "
                       "The Clerk replied that the contractor had been booked.\n")
    assert minutes.resolutions == []
    assert [q.text for q in minutes.questions] == ["Councillor Ames asked: Wasn't it agreed that the hedge would be cut by May?"]


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The Board took note of the paper.", "noted"),
        ("Members voted unanimously to keep the precept at its present level.", "other"),
        ("The Sub-Committee determined to refuse the application.", "approved"),  # a determination, as "refused" is
        ("Mr Ray Holt was co-opted onto the Council and signed his declaration of acceptance of office.", "approved"),
        ("Councillor Shaw was appointed as the Council's representative on the Village Hall Committee.", "approved"),
    ],
)
def test_decisions_written_without_resolved(nlp, sentence, kind):
    minutes = run(nlp, f"5 Village Matters\n\n{sentence}\n")
    assert [(r.text, r.kind) for r in minutes.resolutions] == [(sentence, kind)]


@pytest.mark.parametrize(
    "proposal, vote",
    [
        ("It was proposed by Cllr Lowe and seconded by Cllr Hay that the precept stay the same.", "Carried unanimously."),
        ("Cllr Fox proposed that the hall hire charge rise by 5%. This was seconded by Cllr Lee.", "All in favour."),
        ("Proposed by Cllr Fox and seconded by Cllr Lee that the verge be cut twice a year.", "Carried (6 for, 1 against)."),
    ],
)
def test_a_vote_in_a_sentence_of_its_own_closes_the_proposal_before_it(nlp, proposal, vote):
    minutes = run(nlp, f"5 Village Matters\n\n{proposal} {vote}\n\n6 Footpaths\n\nThe report was noted.\n")
    assert texts(minutes.resolutions) == [f"{proposal} {vote}", "The report was noted."]


def test_a_motion_set_down_a_line_at_a_time_is_closed_by_its_vote(nlp):
    minutes = run(nlp, "5 Verges\n\nThat the verges be cut twice a year.\n\nProposed: Cllr Fox\n\nSeconded: Cllr Lee\n\nCarried.\n")
    assert texts(minutes.resolutions)[-1].replace("\n", " ").split() == "Proposed: Cllr Fox Seconded: Cllr Lee Carried.".split()


def test_carried_without_a_proposal_is_no_decision(nlp):
    minutes = run(nlp, "5 Footpaths\n\nMembers discussed the stile. Carried forward to the next meeting.\n\n"
                       "The Clerk reported on the shelter. All agreed it looked better.\n")
    assert minutes.resolutions == []


def test_a_decision_label_above_agreed_to_note_keeps_the_kind_noted(nlp):
    minutes = run(nlp, "5 Treasury Management\n\nDecision\n\nThe Committee agreed to note the report.\n")
    assert [r.kind for r in minutes.resolutions] == ["noted"]


def test_noted_after_the_items_own_title_on_its_line(nlp):
    minutes = run(nlp, "1. Private session: The Committee considered its business in private.\n\n"
                       "2. Action points from the last meeting: Noted.\n\n3. Parking\n\nThe Clerk reported: noted in the log.\n")
    assert [(r.item, r.text, r.kind) for r in minutes.resolutions] == [(1, "Action points from the last meeting: Noted.", "noted")]


def test_approving_another_bodys_request_is_an_approval(nlp):
    minutes = run(nlp, "3. Away day\n\nThe Group approved the Housing Committee's request to hold an away day.\n")
    assert [r.kind for r in minutes.resolutions] == ["approved"]


@pytest.mark.parametrize(
    "text, first_words",
    [
        ("RESOLVED: That the Committee:-\n\nnotes the report;\n\nrequests an update at the next meeting; and\n\nthanks the officers.\n",
         "RESOLVED: That the Committee:- notes the report; requests an update at the next meeting; and thanks the officers."),
        ("Following discussion it was resolved that:\n\ni. the scheme be approved;\n\nii. the Clerk write to the county council.\n",
         "Following discussion it was resolved that: i. the scheme be approved; ii. the Clerk write to the county council."),
        ("The Committee agreed the following:\n\na. to approve the fees for 2025/26;\n\nb. to review the parking charges.\n",
         "The Committee agreed the following: a. to approve the fees for 2025/26; b. to review the parking charges."),
    ],
    ids=["unmarked-parts", "opening-phrase-without-comma", "letter-dot-parts"],
)
def test_a_lead_in_keeps_the_parts_under_it(nlp, text, first_words):
    minutes = run(nlp, f"7 Roads\n\n{text}")
    assert [" ".join(r.text.split()) for r in minutes.resolutions] == [first_words]


def test_an_opening_phrase_before_a_past_decision_is_history(nlp):
    minutes = run(nlp, "7 Fees\n\nAfter 2019 it was agreed that the fees would be frozen. Members discussed the new charges.\n")
    assert minutes.resolutions == []
