"""Actions: the commitments to do something, their owners and due dates, and what commits nobody."""

import pytest

from nlp import segment


def run(nlp, text):
    return segment(text, nlp=nlp)


def texts(records):
    return [r.text for r in records]


def test_a_commitment_inside_an_answer_is_an_action_with_its_due_date(nlp):
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
def test_follow_up_commitments_are_actions(nlp, sentence, action_start):
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
def test_a_decision_to_note_a_report_commits_nobody(nlp, sentence):
    minutes = run(nlp, f"7 Audit\n\n{sentence}\n")
    assert minutes.actions == []


def test_an_action_names_its_owner_and_when_it_is_due(nlp):
    minutes = run(nlp, "7 Matters arising\n\nThe Governance Officer confirmed that he would chase the action after the meeting.\n")
    (action,) = minutes.actions
    assert action.owner == "Governance Officer"
    assert action.due == "after the meeting"


def test_a_plan_or_a_question_about_the_future_is_no_action(nlp):
    minutes = run(nlp, "7 Update\n\nA Member enquired whether the Trust would in future publish handover times.\n\nA new strategy was to be presented to Cabinet in October.\n")
    assert minutes.actions == []
    assert len(minutes.questions) == 1


def test_two_commitments_by_two_people_are_two_actions(nlp):
    minutes = run(nlp, "9 Work Programme\n\nCouncillor Johnson proposed a mid-year review of the plan and Councillor Hughes suggested that Members review the recent work.\n")
    assert [a.text.split()[:2] for a in minutes.actions] == [["Councillor", "Johnson"], ["Councillor", "Hughes"]]


def test_a_motion_as_moved_commits_nobody_until_resolved(nlp):
    minutes = run(nlp, "8 Notice of Motion\n\nCouncillor Hay moved and Councillor Dee seconded the following motion:\n\n"
                       "“This Council asks the Leader to write to the Secretary of State.”\n\n"
                       "RESOLVED: That this Council asks the Leader to write to the Secretary of State.\n")
    assert [a.text for a in minutes.actions] == ["That this Council asks the Leader to write to the Secretary of State"]


def test_a_target_date_is_no_action(nlp):
    minutes = run(nlp, "5 Urgent Care\n\nThe Director advised that performance was 61% against the national standard of 76% to be achieved by March 2024.\n")
    assert minutes.actions == []


def test_a_wrapped_cell_of_an_action_log_is_not_a_row_of_its_own(nlp):
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
def test_actions_in_coordinated_wrapped_and_voting_sentences(nlp, paragraph, starts):
    minutes = run(nlp, f"7 Work programme\n\n{paragraph}\n")
    assert [a.text[: len(s)] for a, s in zip(minutes.actions, starts)] == starts
    assert len(minutes.actions) == len(starts)


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
def test_a_recommended_follow_up_keeps_the_recommendation(nlp, resolution, action_start):
    minutes = run(nlp, f"40 Budget\n\n{resolution}\n")
    assert [a.text[: len(action_start)] for a in minutes.actions] == [action_start]


def test_written_answers_to_be_sent_are_an_action(nlp):
    minutes = run(nlp, "58 Public questions\n\nAs the questioners were not present, the Mayor advised that written answers would be sent to them.\n")
    assert texts(minutes.actions) == ["written answers would be sent to them"]


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
def test_changes_forecasts_past_deferrals_and_a_reports_proposals_are_no_actions(nlp, sentence):
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
def test_an_action_marker_an_errand_a_letter_and_a_work_programme_addition_are_actions(nlp, text, action_start):
    minutes = run(nlp, f"7 Hospital Services\n\n{text}\n")
    assert any(action_start in a.text for a in minutes.actions), texts(minutes.actions)


def test_reasons_for_a_decision_and_rejected_options_are_no_actions(nlp):
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
def test_an_action_starts_at_its_label_or_whoever_agreed_and_splits_at_a_second_task(nlp, text, action_starts):
    minutes = run(nlp, f"7 Housing Repairs\n\n{text}\n")
    assert [a.text[: len(s)] for a, s in zip(minutes.actions, action_starts)] == action_starts
    assert len(minutes.actions) == len(action_starts)


# --- families seen in real minutes
