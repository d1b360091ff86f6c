"""Agenda items in the layouts councils publish, and what is agenda text rather than minutes."""

import pytest

from nlp import segment
from tests_support import run, texts




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
def test_agenda_items_in_each_page_layout(nlp, text, numbers, titles):
    minutes = run(nlp, text)
    assert [i.number for i in minutes.agenda_items] == numbers
    assert [i.title for i in minutes.agenda_items] == titles


def test_a_repeated_item_number_carries_on_its_item(nlp):
    minutes = run(nlp, "PLA\n32/16\nEVACUATION PROCEDURE\nPLA\n33/16\nDECLARATIONS OF INTEREST\n\nPLA\n32/16\nThe evacuation procedure was noted.\n")
    (resolution,) = minutes.resolutions
    assert resolution.item == 0


def test_a_numbered_list_inside_an_item_does_not_reopen_earlier_items(nlp):
    minutes = run(nlp, """1. Order of Business

Decision

To note the order of business.

2. Budget Update

Decision

1) To note the report.
2) To approve the revised savings plan.
""")
    assert [(r.item, r.text.split()[-1]) for r in minutes.resolutions] == [(0, "business."), (1, "plan.")]


def test_an_items_agenda_description_is_not_minutes(nlp):
    minutes = run(nlp, """4 Portfolio Report
The Scrutiny Committee is asked to:
a) Highlight any significant issues to be fed back to the Cabinet;
Minutes:
RESOLVED – that the report be noted.
""")
    assert texts(minutes.resolutions) == ["RESOLVED – that the report be noted."]
    assert minutes.actions == [] and minutes.comments == []


def test_text_without_structure_is_one_untitled_item_with_a_warning(nlp):
    minutes = run(nlp, "some notes about the weather and nothing else")
    assert [i.title for i in minutes.agenda_items] == ["Untitled item"]
    assert any("one untitled item" in w for w in minutes.warnings)


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
def test_items_numbered_with_a_committee_prefix_or_after_a_page_footer(nlp, text, numbers):
    minutes = run(nlp, text)
    assert [item.number for item in minutes.agenda_items] == numbers


def test_items_numbered_with_committee_prefix_and_slash_past_a_running_header(nlp):
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


# --- families seen in real minutes


def titles(nlp, text):
    return [item.title for item in segment(text, nlp=nlp).agenda_items]


def test_the_pages_own_meeting_heading_is_no_item(nlp):
    text = ("Planning Review Panel - Tuesday 4th March 2025 6.00 pm\n\n"
            "Minutes of the Previous Meeting pdf icon PDF 90 KB\n\nThe minutes were agreed.\n\n"
            "Leisure Centre Refurbishment pdf icon PDF 120 KB\n\nThe Panel noted the report.\n")
    assert titles(nlp, text) == ["Minutes of the Previous Meeting", "Leisure Centre Refurbishment"]


def test_a_running_header_in_capitals_is_no_item(nlp):
    text = ("Apologies for Absence\n\nApologies were received from Councillor Reed.\n\n"
            "NORTHVALE DISTRICT COUNCIL - 14 MAY 2024\n\n"
            "Car Parking Charges\n\nThe Panel discussed the proposed charges.\n")
    assert titles(nlp, text) == ["Apologies for Absence", "Car Parking Charges"]


def test_a_label_ending_in_a_colon_is_part_of_its_item(nlp):
    text = ("Minutes of the Last Meeting\n\nThe minutes were approved.\n\n"
            "Matters arising:\n\nThe petition had been answered in writing.\n\n"
            "Budget Outturn\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Minutes of the Last Meeting", "Budget Outturn"]


def test_an_action_marker_line_is_no_item(nlp):
    text = ("Cycle Lane Scheme\n\nThe officer introduced the report.\n\n"
            "Action >>>>>> Head of Highways\n\nMembers asked about the cost.\n")
    assert titles(nlp, text) == ["Cycle Lane Scheme"]


def test_procedural_business_whose_heading_was_lost_opens_its_own_item(nlp):
    text = ("Minutes of the Previous Meeting pdf icon PDF 90 KB\n\nTo approve the minutes of the meeting held on 2 May.\n\n"
            "That the minutes be agreed.\n\n\nNo interests were declared.\n\n\nNo interests were declared.\n\n\n"
            "No deputations or petitions were received.\n\n\nParks Strategy pdf icon PDF 120 KB\n\nThe Panel noted the strategy.\n")
    assert titles(nlp, text) == ["Minutes of the Previous Meeting", "Declarations of interests",
                                 "Deputations and petitions", "Parks Strategy"]


def test_apologies_and_an_election_open_items_on_a_page_without_headings(nlp):
    text = ("Harbour Board - Monday, 3 June 2024 6.30pm\n\nCouncillor Pike was elected as Chair for the municipal year.\n\n"
            "Apologies for absence were received from Councillors Lane and Ford.\n\n"
            "Record of Meeting pdf icon PDF 80 KB\n\nThe record was agreed.\n")
    assert titles(nlp, text) == ["Election of Chair", "Apologies for absence", "Record of Meeting"]


def test_a_report_under_its_own_heading_opens_no_second_item(nlp):
    text = ("Apologies and Declarations of Interest\n\nApologies for absence were received from Councillor Lane.\n\n"
            "No interests were declared.\n\nBudget Outturn\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Apologies and Declarations of Interest", "Budget Outturn"]


def test_a_description_after_the_minutes_of_the_item_above_opens_an_item(nlp):
    text = ("Questions from the Public\n\nA question had been submitted by a resident and was answered.\n\n"
            "To confirm as a correct record the minutes of the meeting held on 3 March 2024.\n\n"
            "That the minutes be approved as a correct record.\n\n"
            "To receive, for information, the minutes of the Audit Committee held on 10 March 2024.\n\n"
            "That the minutes be noted.\n")
    assert titles(nlp, text) == [
        "Questions from the Public",
        "To confirm as a correct record the minutes of the meeting held on 3 March 2024",
        "To receive, for information, the minutes of the Audit Committee held on 10 March 2024",
    ]


def test_an_issue_page_numbers_each_meetings_item_afresh(nlp):
    text = ("Issue - meetings\n\nMinutes of the last meeting\n\nMeeting: 21/10/2021 - Wellbeing Board (Item 63)\n\n"
            "63 Minutes of the last meeting held on 14 July 2021 pdf icon PDF 92 KB\n\nMinutes:\n\nThe minutes were agreed.\n\n"
            "Meeting: 29/09/2021 - Wellbeing Board (Item 2.)\n\n2. Minutes of the last meeting held on 14 July 2021 pdf icon PDF 92 KB\n")
    minutes = segment(text, nlp=nlp)
    assert [i.number for i in minutes.agenda_items] == ["63", "2"]


def test_a_title_ending_if_any_is_an_item_however_it_opens(nlp):
    text = ("No. Item\n\n\nMinutes pdf icon PDF 66 KB\n\n\nReport of the Monitoring Officer (if any)\n\n\n"
            "Members' Items (if any)\n\n\nHighways Review pdf icon PDF 172 KB\n\n\nThe Director presented the review.\n")
    assert titles(nlp, text) == ["Minutes", "Report of the Monitoring Officer (if any)", "Members' Items (if any)", "Highways Review"]


def test_an_items_description_without_a_minutes_marker_is_no_business(nlp):
    text = ("Agenda item\n\nQuestions from the Public\n\n\n"
            "To receive questions from residents on matters the Council is responsible for.\n\n\n"
            "Each resident may ask one question and one supplementary question, which must be sent in by noon on the Friday before.\n\n\n"
            "Councillors may also ask questions under this item.\n\n\n"
            "A question was received from Mr Dale who asked whether the library would reopen.\n\n\n"
            "The Leader replied that it would reopen in May.\n")
    minutes = segment(text, nlp=nlp)
    assert [q.text[:10] for q in minutes.questions] == ["A question"]
    assert minutes.actions == []


def test_a_description_to_approve_the_minutes_is_not_the_decision(nlp):
    text = ("Minutes pdf icon PDF 135 KB\n\nTo approve as a correct record the minutes of the meeting held on 8 March 2022.\n\n\n"
            "The minutes of the meeting held on 8 March 2022 were approved as a correct record.\n\n\n"
            "Declarations of Interest\n\nMembers to declare any interests in items on the agenda.\n\n\nNone were declared.\n")
    minutes = segment(text, nlp=nlp)
    assert all(not r.text.startswith("To approve") for r in minutes.resolutions)
    assert minutes.actions == []


def test_a_sub_heading_inside_one_item_is_no_item(nlp):
    text = ("Decisions made by the Cabinet on 5 June 2019 pdf icon PDF 216 KB\n\n\nRiverside Bus Lane Works\n\n\n"
            "The Manager introduced the report.\n\n\nBudget Monitoring pdf icon PDF 90 KB\n\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Decisions made by the Cabinet on 5 June 2019", "Budget Monitoring"]


def test_questions_to_a_cabinet_member_head_parts_of_the_questions_item(nlp):
    text = ("Members' Questions\n\n\nQuestions to Councillor Ray Ash, Cabinet Member for Roads, Parking and Waste\n\n\n"
            "Councillor Bell asked when the car park would reopen.\n\n\n"
            "Questions to Councillor Jo Finch, Cabinet Member for Housing\n\n\nCouncillor Hill asked about empty homes.\n\n\n"
            "Budget Monitoring\n\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Members' Questions", "Budget Monitoring"]


def test_breadcrumbs_and_the_pages_own_title_lines_are_no_items(nlp):
    text = ("Home > Your council > Meetings > Harbour Board\n\nBrowse meetings\n\nMinutes of Harbour Board\n\n"
            "Apologies for Absence\n\nApologies were received from Councillor Reed.\n\n"
            "Mooring Fees\n\nThe Board considered the fees.\n")
    assert titles(nlp, text) == ["Apologies for Absence", "Mooring Fees"]


def test_a_sites_section_names_are_no_items(nlp):
    text = "Council meetings\n\nMeeting information\n\nApologies\n\nNone were received.\n\nLeisure Strategy\n\nThe strategy was noted.\n"
    assert titles(nlp, text) == ["Apologies", "Leisure Strategy"]


def test_the_committees_own_name_as_a_title_line_is_no_item(nlp):
    text = ("committee: Harbour Board\n---\nHarbour Board\n\nApologies for Absence\n\nNone were received.\n\n"
            "Mooring Fees\n\nThe Board considered the fees.\n")
    assert titles(nlp, text) == ["Apologies for Absence", "Mooring Fees"]


def test_an_apologies_table_row_is_no_item(nlp):
    text = ("MINUTES OF THE HARBOUR BOARD HELD ON 3 MAY 2022\n\nApologies\n\nCouncillor Ann Pike      work commitments\n\n"
            "Councillor Bob Dale      annual leave\n\nMooring Fees\n\nThe Board agreed the fees.\n")
    assert titles(nlp, text) == ["Apologies", "Mooring Fees"]


def test_a_line_reporting_the_meeting_is_no_heading(nlp):
    text = ("Apologies\n\nNone.\n\nParks Strategy\n\nThe Head of Parks introduced the report\n\n"
            "Members noted the new approach to grass cutting.\n\nBudget Monitoring\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Apologies", "Parks Strategy", "Budget Monitoring"]


def test_headings_without_blank_lines_in_text_taken_from_a_pdf(nlp):
    text = ("ELECTION OF CHAIR\nCouncillor Pike was elected Chair for the year\nDECLARATIONS OF INTEREST\nNone\n"
            "PUBLIC FORUM\nThere were no speakers\nTOWN CENTRE PLAN\nThe plan was approved.\n")
    assert titles(nlp, text) == ["ELECTION OF CHAIR", "DECLARATIONS OF INTEREST", "PUBLIC FORUM", "TOWN CENTRE PLAN"]
    text = ("Election of Chairman\nRESOLVED that Councillor Pike be elected Chairman.\nDeclarations of Interest\n"
            "There were no declarations.\nPublic Forum\nNo members of the public spoke.\n")
    assert titles(nlp, text) == ["Election of Chairman", "Declarations of Interest", "Public Forum"]


def test_a_bare_reply_is_no_heading(nlp):
    text = "Declarations of Interest\n\nNone\n\nPublic Forum\n\nThere were no speakers\n\nTown Centre Plan\n\nThe plan was approved.\n"
    assert titles(nlp, text) == ["Declarations of Interest", "Public Forum", "Town Centre Plan"]


def test_items_written_as_labels_before_their_minutes(nlp):
    text = ("Present: Cllrs Pike, Lane\n\nElection of Chairman: Cllr Pike was elected.\n\nDeclarations of interest: none.\n\n"
            "Public forum: no members of the public were present.\n\nPlanning: the applications were noted.\n")
    assert titles(nlp, text) == ["Election of Chairman", "Declarations of interest", "Public forum", "Planning"]


def test_a_purpose_line_under_an_item_is_its_description(nlp):
    text = ("Declarations of interest\n\nNone were declared.\n\nUrgent report to Cabinet\n\n"
            "Purpose - For the Chair to give a verbal update to the committee on an urgent item.\n\n"
            "The Chair reported that the item had been approved.\n")
    minutes = segment(text, nlp=nlp)
    assert minutes.actions == []


def test_a_date_standing_alone_is_not_a_numbered_item(nlp):
    text = ("10 October 2018\n\nItem no. Agenda Item Details Status\n01 Apologies for Absence\n02 Public Questions\n\n"
            "Members are asked to receive any questions of which notice has been received from members of the public.\n\n"
            "03 Minutes\n\nThe minutes were agreed.\n")
    minutes = segment(text, nlp=nlp)
    assert [i.number for i in minutes.agenda_items] == ["01", "02", "03"]
    assert minutes.actions == []


def test_a_procedural_heading_with_a_curly_apostrophe_after_a_finished_sentence(nlp):
    text = ("Apologies for Absence\nNone were received.\nChairman’s Announcements\nThe Chairman updated Members on recent events.\n"
            "Public Participation\nTo allow a member of the public to ask a question about the work of the Authority.\n"
            "There were no questions.\n")
    minutes = segment(text, nlp=nlp)
    assert [i.title for i in minutes.agenda_items] == ["Apologies for Absence", "Chairman’s Announcements", "Public Participation"]
    assert minutes.questions == []


def test_flattened_table_cells_keep_their_whole_titles(nlp):
    text = ("No. | Item |\n---|---|\n"
            "Substitutes Any member who is substituting for another member should say so. Minutes: None were declared. |\n"
            "To confirm the minutes of the meeting held on 9 March 2023 (copy attached). Minutes: The minutes were confirmed. |\n"
            "Announcements from the Chair regarding responses from the Cabinet Minutes: No announcements were made. |\n")
    assert titles(nlp, text) == ["Substitutes", "To confirm the minutes of the meeting held on 9 March 2023",
                                 "Announcements from the Chair regarding responses from the Cabinet"]


def test_a_single_item_pages_description_is_not_its_decision(nlp):
    text = ("Agenda item\n\n\nTo approve as a correct record the minutes of the meeting held on 3 September 2020.\n\n\n"
            "Councillor Hale referred to the funding update and said that the position was unacceptable.\n")
    minutes = segment(text, nlp=nlp)
    assert minutes.resolutions == []


def test_lettered_parts_of_an_item_number_go_up(nlp):
    text = ("No. Item\n\n1a\n\nApologies\n\nMinutes:\n\nApologies were reported from Councillor Crozier.\n\n"
            "1b\n\nMinutes\n\nMinutes:\n\nThe minutes were taken as read.\n\n2.\n\nCore Cities\n\nMinutes:\n\nThe item was deferred.\n")
    minutes = segment(text, nlp=nlp)
    assert [i.number for i in minutes.agenda_items] == ["1a", "1b", "2"]


def test_a_numbered_title_may_open_with_member(nlp):
    text = ("AM119\n\nNotice and Summons of Meeting\n\nMinutes:\n\nThe notice was read.\n\n"
            "AM219\n\nMember Attendance and Apologies\n\nMinutes:\n\nNo apologies were recorded.\n")
    assert titles(nlp, text) == ["Notice and Summons of Meeting", "Member Attendance and Apologies"]


def test_attendance_lines_and_lines_broken_mid_sentence_are_no_headings(nlp):
    text = ("Presiding P Lane\n\nOther Members Present J Bell, K Ford\n\nApologies for Absence\n\nNone.\n\n"
            "PROPOSED by Councillor Kerr Seconded by Councillor Ford, and\n\nRESOLVED that the minutes be signed.\n\n"
            "Harbour Dues\n\nThe dues were agreed.\n")
    assert titles(nlp, text) == ["Apologies for Absence", "Harbour Dues"]


def test_opening_business_above_item_one_in_northern_irish_minutes(nlp):
    text = ("Minutes of the Monthly Meeting of Council held on Tuesday, 28 July, 2015 at 7:00 pm\n\n"
            "Commencement of the Meeting\n\nThe Mayor welcomed those present.\n\nPrayers\n\nThe Pastor said a prayer.\n\n"
            "1. Business of the Mayor\n\nThe Mayor expressed condolences.\n\n2. Planning Applications\n\nThe applications were noted.\n")
    assert titles(nlp, text) == ["Commencement of the Meeting", "Prayers", "Business of the Mayor", "Planning Applications"]


def test_a_run_in_heading_before_the_minutes_on_the_same_line(nlp):
    text = ("Record of Meeting\n\n1. Welcome The Chair welcomed all Members to the first meeting.\n\n"
            "2. Vice-Chair On the Chair's proposal, the Panel appointed Deputy Lane as its Vice-Chair.\n\n"
            "3. Working Practices The Panel noted the recommendations of the review.\n")
    minutes = segment(text, nlp=nlp)
    assert [(i.number, i.title) for i in minutes.agenda_items] == [("1", "Welcome"), ("2", "Vice-Chair"), ("3", "Working Practices")]


def test_standing_rules_opening_an_items_text_are_its_description(nlp):
    text = ("Issue - meetings\n\nQuestions\n\nMeeting: 18/07/2019 - Council (Item 33)\n\nQuestions\n\n"
            "Under the Council Procedure Rules, opportunity is provided for Members to ask a Cabinet Member any question.\n\n"
            "There will be a maximum question time of 30 minutes. Questions which cannot be dealt with will be answered in writing.\n\n"
            "1.     Cllr A Moran asked whether the car parking charges would be reviewed. Cllr B Roberts agreed to respond in writing.\n")
    minutes = segment(text, nlp=nlp)
    assert [i.title for i in minutes.agenda_items] == ["Questions"]
    assert [q.text[:9] for q in minutes.questions] == ["Cllr A Mo"]


def test_an_agenda_item_pages_first_line_is_its_title_however_written(nlp):
    text = ("Agenda item\n\nNotification of any items of business which the chair deems urgent\n\n"
            "In special circumstances, an item of business may be added to an agenda within five clear days of the meeting.\n\n\n"
            "The chair drew members' attention to the addendum report.\n")
    minutes = segment(text, nlp=nlp)
    assert [i.title for i in minutes.agenda_items] == ["Notification of any items of business which the chair deems urgent"]
    assert minutes.actions == []


def test_an_issue_decisions_page_heading_is_no_title(nlp):
    minutes = segment("Issue - decisions\n\n\n(1)     The Chairman welcomed those present.\n\n\n(2)     The meeting was recorded.\n", nlp=nlp)
    assert [i.title for i in minutes.agenda_items] == ["Untitled item"]


def test_this_report_sets_out_opens_an_items_description(nlp):
    text = ("Agenda item\n\nPublic questions\n\nThis report sets out the public questions received for this meeting and asks whether they will be answered.\n\n"
            "Mr Dale asked whether the library would reopen.\n")
    minutes = segment(text, nlp=nlp)
    assert [q.text[:7] for q in minutes.questions] == ["Mr Dale"]


def test_small_section_headings_inside_an_item_are_no_items(nlp):
    text = ("Housing Allocations Policy\n\nThe Head of Housing introduced the report.\n\nDiscussion\n\n"
            "Members asked about waiting times.\n\nNext Steps\n\nA further report would come to the next meeting.\n\n"
            "Budget Monitoring\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Housing Allocations Policy", "Budget Monitoring"]


def test_an_askers_name_and_a_reply_label_inside_written_questions_are_no_items(nlp):
    text = ("Questions from Members\n\nCouncillor Ann Jones\n\nWhat is the Council doing about potholes on the High Street?\n\n"
            "Reply\n\nThe Cabinet Member said repairs were scheduled.\n\nCouncillor Ben Lee\n\nWhen will the library reopen?\n\n"
            "Budget Monitoring\n\nThe report was noted.\n")
    minutes = segment(text, nlp=nlp)
    assert [i.title for i in minutes.agenda_items] == ["Questions from Members", "Budget Monitoring"]
    assert {q.item for q in minutes.questions} == {0}


def test_a_councillor_call_for_action_is_still_an_item(nlp):
    text = "Apologies\n\nNone.\n\nCouncillor Call for Action\n\nNo calls were received.\n\nBudget Monitoring\n\nThe report was noted.\n"
    assert titles(nlp, text) == ["Apologies", "Councillor Call for Action", "Budget Monitoring"]


def test_minutes_reporting_a_report_after_its_description_are_not_skipped(nlp):
    text = ("Agenda item\n\nWork Programme\n\nReport of the Director of Operations\n\n\n"
            "The Director of Operations submitted a report asking which areas Members would suggest should be included in the work programme.\n\n\n"
            "Members asked whether a review of school transport could be added.\n")
    state = nlp(text)._.minutes
    assert state.skipped(text.index("Report of the Director"))
    assert not state.skipped(text.index("The Director of Operations submitted"))


def test_apologies_in_the_attendance_preamble_open_no_item(nlp):
    text = ("PRESENT: Councillors Bell, Ford and Hale\n\nApologies for absence were received from Councillor Dale.\n\n"
            "HOUSING ALLOCATIONS POLICY\n\nThe report was noted.\n\nBUDGET MONITORING\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["HOUSING ALLOCATIONS POLICY", "BUDGET MONITORING"]


def test_a_minutes_marker_whose_heading_was_lost_is_named_from_its_procedural_report(nlp):
    text = ("Apologies\n\nMinutes:\n\nApologies were received from Councillor Dale.\n\n"
            "Minutes:\n\nThere were no declarations of interest.\n\nBudget Monitoring\n\nMinutes:\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Apologies", "Declarations of interests", "Budget Monitoring"]


def test_a_title_in_sentence_case_after_a_minute_reference(nlp):
    text = ("TC24/107 Finance\nThe payments were approved.\n\nTC24/108 Christmas lights and late-night shopping event\n"
            "The Deputy Clerk updated Members on the arrangements.\n\nTC24/109 Planning applications\nNo objections were raised.\n")
    assert titles(nlp, text) == ["Finance", "Christmas lights and late-night shopping event", "Planning applications"]


def test_a_decision_pages_record_keeping_fields_are_no_business(nlp):
    text = ("Decision details\n\nInternal Audit Progress Report\n\nDecision Maker: Audit Committee\n\n"
            "Decisions:\n\nRESOLVED that the report be noted.\n\nReport author: Head of Audit\n\nPublication date: 12/03/2024\n")
    minutes = segment(text, nlp=nlp)
    assert [i.title for i in minutes.agenda_items] == ["Internal Audit Progress Report"]
    assert minutes.actions == []


def test_a_heading_with_its_item_reference_set_to_the_right(nlp):
    text = "HOUSING POLICY        (Agenda Item 5)\n\nThe report was noted.\n\nAPOLOGIES      Minute 23\n\nNone.\n\nBUDGET\n\nNoted.\n"
    assert titles(nlp, text) == ["HOUSING POLICY", "APOLOGIES", "BUDGET"]


def test_urgent_business_and_announcements_whose_headings_were_lost(nlp):
    text = ("Minutes of the Previous Meeting pdf icon PDF 90 KB\n\nThe minutes were agreed.\n\n\n"
            "The Chair had no announcements.\n\n\nThere were no items of urgent business.\n\n\n"
            "Parks Strategy pdf icon PDF 120 KB\n\nThe Panel noted the strategy.\n")
    assert titles(nlp, text) == ["Minutes of the Previous Meeting", "Chair's announcements", "Urgent business", "Parks Strategy"]


def test_an_item_number_in_its_own_table_cell_with_the_divider_after_it(nlp):
    # A table flattened with "|": the number's cell ("8/22 |"), then the title in the next cell.
    text = ("PRESENT: |\n|\nCouncillors\n|\nA Pike (Chair)\n|\nB Lane\n|\n"
            "8/22 |\nApologies for Absence\n|\nNone were received.\n|\n"
            "9/22 |\nBudget Monitoring\n|\nThe report was noted.\n|\n")
    minutes = segment(text, nlp=nlp)
    assert [(i.number, i.title) for i in minutes.agenda_items] == [("8/22", "Apologies for Absence"), ("9/22", "Budget Monitoring")]


def test_an_item_number_whose_mark_touches_its_title(nlp):
    # Parish minutes typed in a word processor lose the tab after "1.": "1.APOLOGIES", "215-2.To receive ...".
    text = ("1.APOLOGIES FOR ABSENCE:\n\nApologies were received from Cllr Pike.\n\n"
            "2.DECLARATIONS OF INTEREST:\n\nNone.\n")
    assert titles(nlp, text) == ["APOLOGIES FOR ABSENCE", "DECLARATIONS OF INTEREST"]
    text = ("215-1.To receive apologies from Members:\n\nNone were received.\n\n"
            "215-2.Public participation time:\n\nNo members of the public spoke.\n")
    minutes = segment(text, nlp=nlp)
    assert [(i.number, i.title) for i in minutes.agenda_items] == [
        ("215-1", "To receive apologies from Members"), ("215-2", "Public participation time")]


def test_a_documents_status_line_is_no_minutes_item(nlp):
    text = ("Draft Minutes\n\nMinutes of the Parish Council meeting held on 3 May 2024.\n\n"
            "1. Apologies\n\nNone.\n\n2. Planning\n\nNo objections were raised.\n")
    assert titles(nlp, text) == ["Apologies", "Planning"]


def test_numbered_titles_that_lost_their_capitals_continue_the_run(nlp):
    # A page whose style sheet capitalised the titles: copied, they are lower case.
    text = ("1. APOLOGIES\n\nNone.\n\n2. declarations of personal interest\n\nThere were none.\n\n"
            "3. appointment of members of the standards committee\n\nThe Council agreed the appointments.\n")
    assert titles(nlp, text) == ["APOLOGIES", "declarations of personal interest",
                                 "appointment of members of the standards committee"]
    # A list under an item is no item, lower case or not.
    text = ("1. Budget\n\nThe Committee noted:\n\n2. the forecast was balanced\n\n3. the reserves were low\n")
    assert titles(nlp, text) == ["Budget"]


def test_a_short_numbered_title_with_a_stray_full_stop(nlp):
    text = "1.\n\nChair's Remarks.\n\nMinutes:\n\nThe Chair welcomed everyone.\n\n2.\n\nMinute\n\nMinutes:\n\nApproved.\n"
    assert titles(nlp, text) == ["Chair's Remarks", "Minute"]
    # a reply under a number is no title
    text = "1) Budget\nThe figures were noted.\n2) Noted.\n3) Planning\nNo objections.\n"
    assert titles(nlp, text) == ["Budget", "Planning"]


def test_present_numbered_as_an_item_of_its_own(nlp):
    text = "1) Chairman\nThe Chairman welcomed all.\n2) Present:\nCllrs Pike and Lane.\n3) Apologies\nNone.\n"
    assert titles(nlp, text) == ["Chairman", "Present", "Apologies"]


def test_a_numbered_title_run_in_with_what_was_done(nlp):
    # Parish minutes: the title, a separator, then the minutes on the same line.
    text = ("1. Co-options – None.\n\n2. Apologies – Cllr A Pike and Cllr B Lane\n\n"
            "3. Declarations of interest … There were none.\n\n"
            "4. The minutes of the meeting held on 3 May 2024 were signed and adopted.\n\n"
            "5. Emergency Cover Review - Consultation Analysis\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Co-options", "Apologies", "Declarations of interest",
                                 "The minutes of the meeting held on 3 May 2024", "Emergency Cover Review - Consultation Analysis"]
    # numbered paragraphs of one item's minutes are no items
    text = "1. Apologies\n\n1.1 Apologies for absence were received from Cllr Pike.\n\n1.2 An apology for lateness was received.\n"
    assert titles(nlp, text) == ["Apologies"]


def test_a_minute_reference_then_the_agendas_own_number(nlp):
    text = "C048/23      1.         APOLOGIES FOR ABSENCE.\n\nNone.\n\nC049/23      2.         PUBLIC QUESTIONS.\n\nNone had been received.\n"
    minutes = segment(text, nlp=nlp)
    assert [(i.number, i.title) for i in minutes.agenda_items] == [("C048/23", "APOLOGIES FOR ABSENCE"), ("C049/23", "PUBLIC QUESTIONS")]


def test_a_numbered_description_whose_copy_lost_a_space(nlp):
    # Text copied from a PDF loses spaces ("confirmthat"); the description is still the item's title.
    text = ("12-3.To receive apologies from Members:\n\nNone.\n\n"
            "12-4.To confirmthat the minutes of the meeting held on 3rd May 2024 are a true and accurate record of that meeting.\n\n"
            "The minutes were signed.\n")
    assert titles(nlp, text) == ["To receive apologies from Members",
                                 "To confirmthat the minutes of the meeting held on 3rd May 2024 are a true and accurate record of that meeting"]


def test_a_table_cells_minutes_label_wrapped_to_a_line_of_its_own(nlp):
    # A flattened table: "TITLE Description ..." then, on the next line, "Minutes: what was done |".
    text = ("No. | Item |\n---|---|\nApologies Minutes: Apologies were received from Cllr Pike. |\n|\n"
            "Minutes of the last meeting The draft minutes of the meeting held on 2 May are attached.\n"
            "Minutes: The minutes were noted. |\n|\n")
    assert titles(nlp, text) == ["Apologies", "Minutes of the last meeting"]


def test_a_numbered_label_then_its_minutes_after_a_colon(nlp):
    text = ("1. Declaration of Interests: Cllr Pike declared that she is a member of the trust.\n\n"
            "2. Choice of Convener: The Committee chose Cllr Lane as its Convener.\n\n"
            "3. To accept apologies of absence: Apologies received from Cllr Dee\n\n"
            "4. Written requests for dispensation: None received\n\n"
            "5. Climate Action Plan: Annual Report\n\nThe report was noted.\n")
    assert titles(nlp, text) == ["Declaration of Interests", "Choice of Convener", "To accept apologies of absence",
                                 "Written requests for dispensation", "Climate Action Plan: Annual Report"]


def test_a_numbered_title_with_a_stray_semicolon_and_export_markers(nlp):
    # A committee system's export: "<AI1>" markers around each item, a title ending in ";", its minute number below.
    text = ("<AI1>\n\n1.      Election of the Chair of the Council;\n\n01/22\n\nRESOLVED\n\nThat Cllr Pike be elected Chair.\n\n</AI1>\n\n"
            "<AI2>\n\n2.      Apologies for Absence\n\n02/22\n\nApologies were received from Cllr Lane.\n\n</AI2>\n")
    assert titles(nlp, text) == ["Election of the Chair of the Council", "Apologies for Absence"]


def test_business_under_the_table_header_before_item_one(nlp):
    text = ("Items\nNo. Item\n\nPRESENTATIONS\n\nThe Chair presented an award to the Democratic Services team.\n\n"
            "21.\n\nDECLARATIONS OF INTEREST\n\nMinutes:\n\nThere were none.\n")
    assert titles(nlp, text) == ["PRESENTATIONS", "DECLARATIONS OF INTEREST"]


def test_the_line_carrying_an_items_papers_is_its_title_on_a_whole_meeting_page(nlp):
    text = ("Apologies for absence\n\n\nAn apology was received from Cllr Pike.\n\n\n"
            "To sign the minutes of the previous meeting pdf icon PDF 136 KB\n\n\n"
            "The minutes of the meeting held on 6 July were agreed and signed by the Chair.\n")
    assert titles(nlp, text) == ["Apologies for absence", "To sign the minutes of the previous meeting"]


def test_the_admission_of_the_public_item_whose_heading_was_lost(nlp):
    text = ("Minutes of the Last Meeting\n\nThe minutes were agreed.\n\n\nAll items were considered in public session.\n\n\n"
            "Parks Strategy\n\nThe Panel noted the strategy.\n")
    assert titles(nlp, text) == ["Minutes of the Last Meeting", "Admission of the public", "Parks Strategy"]


def test_a_dated_page_title_is_not_an_item_number(nlp):
    # "27 May 2024 – Minutes" reads like item 27; taken as one, it hid the items 1 to 3 numbered below it.
    minutes = run(nlp, "27 May 2024 – Minutes\n\nMinutes of the Meeting of Eastmoor Town Council held on 27 May 2024.\n\n"
                       "1 Apologies for Absence\n\nApologies were received from Cllr Reed.\n\n"
                       "2 Declarations of Interest\n\nNone were declared.\n\n3 Allotments\n\nThe waiting list was noted.\n")
    assert [(i.number, i.title) for i in minutes.agenda_items] == [
        ("1", "Apologies for Absence"), ("2", "Declarations of Interest"), ("3", "Allotments")]


def test_long_sentence_case_titles_carry_on_a_numbered_run(nlp):
    minutes = run(nlp, "1. Minutes of the last meeting\n\nThe minutes were agreed.\n\n"
                       "2. Evidence sessions – arrangements for hearing witnesses in the spring\n\nThis item was deferred.\n\n"
                       "3. Housing Panel – request to hold a visit to the new estates in the north of the county\n\n"
                       "The Group approved the request.\n")
    assert [i.title for i in minutes.agenda_items] == [
        "Minutes of the last meeting", "Evidence sessions – arrangements for hearing witnesses in the spring",
        "Housing Panel – request to hold a visit to the new estates in the north of the county"]


def test_a_numbered_paragraph_of_prose_does_not_carry_on_a_run(nlp):
    minutes = run(nlp, "1. Minutes of the last meeting\n\nThe minutes were agreed.\n\n"
                       "2. The Chair thanked the outgoing members of the group for their work\n\nAll agreed.\n")
    assert [i.title for i in minutes.agenda_items] == ["Minutes of the last meeting"]


def test_a_colon_ends_a_run_in_title_that_holds_a_dash(nlp):
    minutes = run(nlp, "1. Private session: The Committee considered its approach in private.\n\n"
                       "2. Bus services - further consideration: It was agreed that officers would attend the next meeting.\n\n"
                       "3. Witnesses: The Committee heard evidence from-\n\nA Lee, Director, Eastmoor Buses\n")
    assert [i.title for i in minutes.agenda_items] == ["Private session", "Bus services - further consideration", "Witnesses"]


def test_parish_items_with_the_apologies_run_in_and_a_stray_full_stop(nlp):
    minutes = run(nlp, "1.   Chairman's welcome and apologies for absence – R Lane (work) and S Hale (holiday).\n\n"
                       "2.   Declarations of interest – There were none.\n\n"
                       "3.   Complaint about the conduct of the meeting held on Tuesday 14th March 2023.\n\n"
                       "The Clerk read the complaint to the meeting.\n")
    assert [i.title for i in minutes.agenda_items] == [
        "Chairman's welcome and apologies for absence", "Declarations of interest",
        "Complaint about the conduct of the meeting held on Tuesday 14th March 2023"]


@pytest.mark.parametrize(
    "numbers",
    [["Item 1", "Item 2", "Item 3"], ["(1)", "(2)", "(3)"], ["C/24/01", "C/24/02", "C/24/03"], ["Minute 23/45", "Minute 23/46", "Minute 23/47"],
     ["I.", "II.", "III."], ["123a.", "123b.", "124."], ["23.45", "23.46", "23.47"]],
    ids=["item-n", "bracketed", "council-reference", "minute-reference", "roman", "lettered", "year-dot-minute"],
)
def test_item_numbering_styles(nlp, numbers):
    titles = ["Apologies for absence", "Declarations of interest", "Budget"]
    bodies = ["Apologies were received from Cllr Lane.", "None.", "The budget was approved."]
    text = "".join(f"{number} {title}\n\n{body}\n\n" for number, title, body in zip(numbers, titles, bodies))
    minutes = run(nlp, text)
    assert [i.title for i in minutes.agenda_items] == titles
    assert [i.number for i in minutes.agenda_items] == [n.removeprefix("Item ").removeprefix("Minute ").strip("().") for n in numbers]


def test_a_bracketed_part_of_a_resolution_is_no_item(nlp):
    minutes = run(nlp, "5. Performance Report\n\nRESOLVED –\n\n(1) That the report be noted.\n\n(2) That Officers explore the absence figures.\n")
    assert [i.title for i in minutes.agenda_items] == ["Performance Report"]


@pytest.mark.parametrize(
    "text, titles, decided_in",
    [
        # a PDF's lines: the procedural heading straight under "Present:" opens the first item, not the preamble
        ("Minutes of the Meeting of Eastmoor Parish Council held on 3 May 2024\n"
         "Present: Cllrs Reed (Chair), Holt, Dean and Pike\nElection of Chairman\n"
         "Cllr Reed was elected Chairman, proposed by Cllr Holt and seconded by Cllr Dean.\n"
         "Apologies for Absence\nApologies were received from Cllr Lane.\n",
         ["Election of Chairman", "Apologies for Absence"], [0]),
        # labels: the line holds the item's minutes, and "MINUTES:" over earlier minutes is the item confirming them
        ("Present: Cllrs Reed (Chair), Holt, Dean\n\n"
         "ELECTION OF CHAIRMAN: Cllr Reed was elected Chairman, proposed by Cllr Holt and seconded by Cllr Dean.\n\n"
         "APOLOGIES: Cllr Lane.\n\nDECLARATIONS OF INTEREST: None.\n\n"
         "MINUTES: The minutes of the meeting held on 5 April 2024 were approved and signed.\n",
         ["ELECTION OF CHAIRMAN", "APOLOGIES", "DECLARATIONS OF INTEREST", "MINUTES"], [0, 3]),
    ],
    ids=["pdf-lines", "labels"],
)
def test_unnumbered_procedural_items_and_their_decisions(nlp, text, titles, decided_in):
    minutes = run(nlp, text)
    assert [i.title for i in minutes.agenda_items] == titles
    assert [r.item for r in minutes.resolutions] == decided_in


def test_questions_under_a_public_forum_are_parts_of_it(nlp):
    minutes = run(nlp, "Public Forum\n\nTwo residents spoke about the car park.\n\n"
                       "Questions to Councillor Kay, Cabinet Member for Highways\n\n"
                       "A resident asked when the road would be resurfaced. Councillor Kay replied that work would start in May.\n\n"
                       "Land at Mill Lane\n\nRESOLVED – That the application be refused.\n")
    assert [i.title for i in minutes.agenda_items] == ["Public Forum", "Land at Mill Lane"]


def test_how_a_public_item_runs_is_agenda_text_not_an_action(nlp):
    minutes = run(nlp, "Public Participation\n\nA period of up to 15 minutes will be allowed for members of the public to speak. "
                       "The Clerk will circulate any written representations to members.\n\n"
                       "A resident raised the state of the footpath. The Clerk would report it to the county council.\n\n"
                       "Highways\n\nThe Clerk will write to the county council about the potholes before the next meeting.\n")
    assert texts(minutes.actions) == ["The Clerk would report it to the county council",
                                      "The Clerk will write to the county council about the potholes before the next meeting"]


def test_welsh_community_council_items_numbered_n_0_with_their_description_after_a_colon(nlp):
    minutes = run(nlp, "CYNGOR CYMUNED LLANFAES ISAF EASTMOOR COMMUNITY COUNCIL\n\n"
                       "1.0 Attendance and Apologies for Absence: to record attendance and to receive apologies.\n\n"
                       "Apologies were received from Cllr Lane.\n\n"
                       "2.0 Public Participation: to receive members of the public who wish to address the council. "
                       "Anyone wishing to speak must tell the Clerk 15 minutes before the meeting.\n\nNone.\n\n"
                       "3.0 Minutes: to approve the minutes of the meeting held on 4 May 2024.\n\n"
                       "Resolved: to approve and sign the minutes as a correct record.\n")
    assert [(i.number, i.title) for i in minutes.agenda_items] == [
        ("1.0", "Attendance and Apologies for Absence"), ("2.0", "Public Participation"), ("3.0", "Minutes")]
    assert minutes.actions == []
    assert texts(minutes.resolutions) == ["Resolved: to approve and sign the minutes as a correct record."]


def test_a_recorded_vote_is_no_item(nlp):
    minutes = run(nlp, "3.\n\nMinutes\n\nMinutes:\n\nRESOLVED: That the minutes be approved as a correct record.\n\n"
                       "Voting Record\n\n5 For, 0 Against, 1 Abstention\n\n4.\n\nLeader's Announcements\n\nMinutes:\n\nThere were none.\n")
    assert [i.title for i in minutes.agenda_items] == ["Minutes", "Leader's Announcements"]


def test_a_line_leading_into_a_list_is_no_heading(nlp):
    minutes = run(nlp, "Housing Strategy\n\nThe Director presented the report\n\nKey points included\n\n"
                       "Members welcomed the progress made on affordable homes.\n\nMatters Raised\n\nNone.\n")
    assert [i.title for i in minutes.agenda_items] == ["Housing Strategy", "Matters Raised"]


def test_the_bodys_name_over_the_meeting_date_is_the_page_heading(nlp):
    minutes = run(nlp, "Cabinet\n\nWednesday 5 June 2024\n\nApologies for Absence\n\nApologies were received from Cllr Pike.\n\n"
                       "Budget Outturn\n\nThe report was noted.\n")
    assert [i.title for i in minutes.agenda_items] == ["Apologies for Absence", "Budget Outturn"]


def test_the_page_title_under_a_breadcrumb_and_an_attendance_label_are_no_items(nlp):
    minutes = run(nlp, "Home › Council and democracy › Meetings › Licensing Committee\n\nLicensing Committee\n\nAttendance\n\n"
                       "Councillor Ann Pike\tWork commitments\nCouncillor Ben Lane\tIllness\n\n"
                       "Apologies for Absence\n\nApologies were received as set out above.\n\nTaxi Fares\n\nThe Committee noted the report.\n")
    assert [i.title for i in minutes.agenda_items] == ["Apologies for Absence", "Taxi Fares"]


def test_a_single_item_page_keeps_a_body_name_as_its_title(nlp):
    minutes = run(nlp, "Agenda item\n\nCabinet\n\nTo receive the minutes of the Cabinet.\n\nMinutes:\n\nThe minutes were received.\n")
    assert [i.title for i in minutes.agenda_items] == ["Cabinet"]


def test_apologies_run_in_on_one_line_above_the_first_numbered_item(nlp):
    minutes = run(nlp, "PRESENT – Councillors Reed (Chair), Holt and Dean, with the Clerk.\n\n"
                       "APOLOGIES – Councillors Pike and Lane\n\n"
                       "306  DECLARATIONS OF INTEREST – Councillor Reed as a trustee of the village hall.\n\n"
                       "307  FINANCE – The accounts were approved.\n")
    assert [(i.number, i.title) for i in minutes.agenda_items] == [
        (None, "APOLOGIES"), ("306", "DECLARATIONS OF INTEREST"), ("307", "FINANCE")]
