"""Actions: the commitments to do something, their owners and due dates, and what commits nobody."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from nlp import build_pipeline
from nlp.pipeline import to_minutes
from nlp.state import MinutesState
from nlp.text import prepare
from tests_support import run, texts




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


_NLP = None


def _run(text):
    global _NLP
    _NLP = _NLP or build_pipeline()
    header, body = prepare(text)
    doc = _NLP.make_doc(body)
    doc._.minutes = MinutesState(text=body, header=header)
    for _, component in _NLP.pipeline:
        doc = component(doc)
    return doc, to_minutes(doc._.minutes)


def actions(text):
    return _run(text)[1].actions


def _entries(*names):
    for name in names:
        for line in (resources.files("nlp") / "patterns" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


_ENTRIES = list(_entries("actions", "dues"))


@pytest.mark.parametrize("entry", _ENTRIES, ids=[e["id"] for e in _ENTRIES])
def test_actions_rule_examples_hold(entry):
    """The pattern-data contract for this stage's files (until tests/nlp/test_rule_examples.py runs them all)."""
    assert entry.get("examples") and entry.get("counter_examples"), f"{entry['id']} needs examples and counter_examples"
    makes_records = entry["label"] == "ACTION"
    for text in entry["examples"]:
        doc, minutes = _run(text)
        if makes_records:
            assert any(a.rule == entry["id"] for a in minutes.actions), (text, [(a.rule, a.text) for a in minutes.actions])
        else:
            assert any(span.id_ == entry["id"] for span in doc.spans["cues"]), text
    for text in entry["counter_examples"]:
        doc, minutes = _run(text)
        if makes_records:
            assert not any(a.rule == entry["id"] for a in minutes.actions), (text, [(a.rule, a.text) for a in minutes.actions])
        else:
            assert not any(span.id_ == entry["id"] for span in doc.spans["cues"]), text


def _found(text):
    return [(a.rule, a.owner) for a in actions(text)]


@pytest.mark.parametrize("text, owner", [
    ("The Service Director agreed to refer this to the Monitoring Officer [ACTION]\n\nMembers noted the report.", "Service Director"),
    ("The Head of Parks agreed to refer the matter to the tree officer.", "Head of Parks"),
])
def test_actions_agreed_to_refer_with_a_bracketed_label(text, owner):
    """An undertaking to pass something on, often closed by an "[ACTION]" label."""
    found = _found(text)
    assert len(found) == 1 and found[0][1] == owner, found


def test_actions_bracketed_label_alone_makes_the_sentence_an_action():
    assert [rule for rule, _ in _found("Members noted the position on the lighting of the car park [ACTION].")] == ["a.marker_after"]


@pytest.mark.parametrize("text", [
    "Councillor Iqbal, in reply, said that he would be happy to discuss options with the residents.",
    "The Director was happy to provide a breakdown of the figures after the meeting.",
])
def test_actions_willingness_offered_is_a_commitment(text):
    assert [rule for rule, _ in _found(text)] == ["a.willing"]


@pytest.mark.parametrize("text", [
    "Members were happy to note the report.",
    "The Committee was pleased to support the proposals.",
    "Councillor Raman said that he was happy to do so.",
])
def test_actions_willingness_to_decide_now_is_no_commitment(text):
    assert not _found(text)


@pytest.mark.parametrize("text", [
    "The report also included the work programme, which the Committee was asked to amend as appropriate and agree.",
    "The Panel is asked to consider the draft scope.",
])
def test_actions_what_the_meeting_is_asked_to_decide_there_is_no_action(text):
    """Agenda text is not minutes: a report asking the meeting to agree or amend something."""
    assert not _found(text)


def test_actions_numbered_decisions_without_resolved():
    """ "(2) That ... be explored": numbered decisions written under no RESOLVED heading."""
    text = ("(1) The Panel noted the quarterly performance report.\n\n"
            "(2) That information on staff turnover and benchmarking with neighbouring councils be explored for inclusion in future reports.\n\n"
            "(3) That the Panel be consulted on the early design of the new dashboards.\n")
    assert len(actions(text)) == 2


def test_actions_decision_form_needs_a_bare_be():
    assert not _found("That is why the figures were circulated to the Panel.")


def test_actions_circulated_to_members_is_not_an_infinitive():
    assert not _found("The earlier review had been circulated to members outside of the meeting.")


def test_actions_a_second_member_after_and_opens_a_second_record():
    text = ("Councillor Amis proposed a mid-year review of the leisure budget and Councillor B Okoro suggested "
            "that Members review the recent work on play areas.")
    found = actions(text)
    assert len(found) == 2, [(a.rule, a.text) for a in found]
    assert found[1].text.startswith("Councillor B Okoro suggested")


@pytest.mark.parametrize("text, owner", [
    ("Councillor Anne Bell, Cabinet Member for Roads, Parking and Waste, said that she would circulate the figures.",
     "Councillor Anne Bell, Cabinet Member for Roads, Parking and Waste"),
    ("The Mayor did not have the figure to hand and would send it to Members.", "Mayor"),
    ("A breakdown by ward would be circulated to Members after the meeting.", None),
    ("After a short discussion, the Assistant Town Clerk undertook to report back to the Committee.", "Assistant Town Clerk"),
])
def test_actions_owners_are_people_not_clause_fragments(text, owner):
    """A speaker named with a title of any length owns the task whole; a clause fragment owns nothing."""
    found = actions(text)
    assert len(found) == 1 and found[0].owner == owner, [(a.owner, a.text) for a in found]
    assert found[0].text.startswith(text.split()[0]) or found[0].text.startswith("the Assistant")


@pytest.mark.parametrize("text", [
    "Enquiries would be made with the parks service about the broken fencing.",
    "The highways team would be contacted about the flooding on Mill Lane.",
    "It was agreed to ask the area manager to seek clarification from the developer.",
    "The clerk was advised to write to the landowner about the hedge.",
    "Work was in hand to provide an update on the bus shelters.",
    "Street lighting – To include information on the LED replacement programme.",
    "Any shortfall would be bid for from the community infrastructure fund.",
    "Councillor Reed asked if someone from the enforcement team could attend a future meeting.",
    "It was agreed that an update on the play park be provided to the next meeting.",
    "In response, it was noted that a review of the complaints process was planned.",
    "It was agreed that the Chair and Vice Chair would hold a meeting to discuss future agenda items.",
])
def test_actions_impersonal_and_indirect(text):
    """Impersonal and indirect actions: nobody named, or the task asked of someone else."""
    assert len(actions(text)) == 1, text


@pytest.mark.parametrize("text", [
    "Enquiries had been made with the parks service.",
    "The highways team had been contacted about the flooding.",
    "Councillor Reed asked whether the figures would be published.",
    "Resurfacing of the car park was planned for May.",
    "A follow-up review was scheduled for February.",
    "That the Director of Law be authorised to complete and seal the contract.",
])
def test_actions_impersonal_near_misses(text):
    assert not actions(text), text


@pytest.mark.parametrize("text", [
    "Questions must be submitted to the Clerk by 5pm on the Monday before the meeting.",
    "Notice of any deputation should be given to the Clerk by noon on the Friday before the meeting.",
    "Members to declare any interests in items on the agenda.",
    "Members were asked to declare any interests in the items on the agenda.",
    "The Chair welcomed Ms Jane Hollis, Head of Libraries, to the meeting and invited her to present the report.",
    "Any Member making a declaration of interest should provide some information on the nature of the interest.",
    "The Council was requested to determine that the following item be taken in private.",
    "The Convener suggested that the deputation be heard as the first item of business.",
])
def test_actions_agenda_text_is_not_minutes(text):
    """Standing instructions in an item's description and the Chair's welcome set nobody a task."""
    assert not actions(text), text


def test_actions_a_written_answer_owed_is_still_an_action():
    assert len(actions("A written answer to the question would be sent to Mr Patel.")) == 1


def test_actions_a_page_cut_mid_sentence_keeps_its_whole_clauses():
    """Pages cut off mid-sentence: the clauses complete before the cut still hold their tasks."""
    text = ("1. Flooding\n\nMembers discussed the recent floods.\n\n"
            "The Clerk and the Chair of the Panel would meet as soon as possible to draft a scoping document, "
            "which would then be circulated to the Committee for comments via email to ensure")
    found = actions(text)
    assert len(found) == 2, [(a.rule, a.text) for a in found]
    assert found[0].due == "as soon as possible"
    assert found[1].text.startswith("which would then be circulated")


def test_actions_a_passive_task_is_owned_by_its_agent_not_its_subject():
    found = actions("The risk score would be reviewed by the Corporate Risk Group in February.")
    assert [a.owner for a in found] == ["Corporate Risk Group"]
    found = actions("A breakdown of the figures would be circulated to the Committee.")
    assert [a.owner for a in found] == [None]


@pytest.mark.parametrize("text", [
    "RESOLVED that (a) the terms of reference be amended to include the new sub-group; and (b) Article 4, Membership, add the following;",
])
def test_actions_an_amendments_drafting_is_the_decision_not_a_task(text):
    assert not [a for a in actions(text) if a.rule != "a.resolution"], [(a.rule, a.text) for a in actions(text)]


def test_actions_tasks_listed_under_a_lead_in():
    """ "The following actions were agreed:" and "To <verb>" lines under it (parish and town councils)."""
    text = ("3. Footpaths\n\nThe following actions were agreed:\n- To replace the broken stile on the footpath by the mill\n"
            "- To cut back the hedge on Church Lane\n\n4. Any other business\n\nThe clerk will re-circulate the leaflets to the committee.\n"
            "Councillors will consider and return to the next meeting with suggestions.\n")
    found = actions(text)
    assert [a.rule for a in found] == ["a.listed", "a.listed", "a.will_do", "a.will_do"], [(a.rule, a.text) for a in found]
    assert [a.owner for a in found[2:]] == ["clerk", "Councillors"]


def test_actions_an_agendas_to_lines_are_not_tasks():
    text = "Agenda:\n- To approve the minutes of the last meeting\n- To receive the Clerk's report\n"
    assert not actions(text)


def test_actions_a_noun_after_its_article_is_no_subjunctive_verb():
    """ "The suggestion of a quarterly summary report was welcomed": "report" is a noun, not a task."""
    text = ("RESOLVED:\n\nThe suggestion of a quarterly summary report from the office was welcomed, and the Panel agreed "
            "that the working group would develop a reporting mechanism with the office.\n")
    found = actions(text)
    assert len(found) == 1 and found[0].text.startswith("the Panel agreed that the working group would develop"), [
        (a.rule, a.text) for a in found]


@pytest.mark.parametrize("text", [
    "The Chair advised that he would be reporting back to the next meeting on the topic reviews.",
    "The Director said that officers would be looking into the complaint.",
    "The two items in the appendix would be updated following this meeting.",
])
def test_actions_future_in_progress_and_this_meeting(text):
    assert len(actions(text)) == 1, text


@pytest.mark.parametrize("text", [
    "Officers were reviewing the policy.",
    "In addition, it was suggested that Renewable Energy and the Grant System would make excellent topics.",
])
def test_actions_progress_and_opinions_are_not_tasks(text):
    assert not actions(text), text


def test_actions_an_action_point_mentioned_is_no_label():
    found = actions("Following on from an action point within the previous minutes, the Chair gave an update on the reviews.")
    assert not found, [(a.rule, a.text) for a in found]


@pytest.mark.parametrize("text, expected", [
    ("Councillor Reid asked for a demographic profile of bus users on the route.", 1),
    ("Members asked for figures on the number of fixed penalty notices issued.", 1),
    ("Councillor Reid asked for clarification on the figures.", 0),
    ("Councillor Kerr asked for an update on the replacement of the entrance gates.", 0),
])
def test_actions_asked_for_something_to_be_provided(text, expected):
    """A member asking for something to be provided; asking for clarification or an update is answered there."""
    assert len(actions(text)) == expected, text


def test_actions_a_request_and_the_answer_it_was_told_are_two_records():
    text = ("Councillor Sorley asked for a demographic profile of bus users and was told this information would be "
            "forwarded to him later. He asked whether cycle counts would be shared and was told the operator would be doing this.")
    found = actions(text)
    assert [a.text for a in found] == [
        "Councillor Sorley asked for a demographic profile of bus users",
        "this information would be forwarded to him later",
        "the operator would be doing this",
    ], [(a.rule, a.text) for a in found]


def test_actions_an_answer_owed_later():
    """ "Officers would confirm if there had been any further spend": an answer to come, in a bullet of replies."""
    found = actions("In response to questions the Director provided the following information:\n"
                    "· Officers would confirm if there had been any further spend on the chapel.\n")
    assert [a.owner for a in found] == ["Officers"]


def test_actions_work_being_carried_forward_is_progress_not_a_decision():
    assert not actions("It was noted that four projects were being carried forward into next year.")


def test_actions_an_answer_after_a_comma_ends_what_was_queried():
    """ "In response to a query as to why ..., officers informed the Committee that they could provide a list":
    the query ends at the comma before the answer, and the answer's offer is a task."""
    text = ("In response to a query as to why this did not include projects in the rural wards, officers informed "
            "the Committee that they could provide a list of all contributions due.")
    assert len(actions(text)) == 1


@pytest.mark.parametrize("text, owner", [
    ("The statement requested that Officers meet with Councillor Fluker to discuss the scheme.", "Officers"),
    ("Councillor Whitlow asked that the Section 106 agreement include a contribution towards the play area.", None),
    ("The Committee noted that it would be discussing the work programme at the next meeting.", "Committee"),
    ("The topic may be considered by the Board at a future meeting.", "Board"),
])
def test_actions_owner_named_inside_the_task(text, owner):
    """The owner a request's task names, the body that said "it would", the agent a passive names."""
    assert [a.owner for a in actions(text)] == [owner]


def test_actions_a_standing_invite_is_a_noun_and_an_action_heading_labels_nothing_before_it():
    text = ("Members welcomed the update.\n\nThere is a standing invite for a representative agreed by the forum to attend "
            "Board meetings as an observer.\n\nAction:\n\nOfficers noted members' comments.\n\n"
            "Democratic Services would ascertain if there was a reserve list.\n")
    found = actions(text)
    assert [a.text for a in found] == ["Democratic Services would ascertain if there was a reserve list"], [(a.rule, a.text) for a in found]


@pytest.mark.parametrize("text", [
    "Resolved – (a) That the speaker be thanked for her presentation, and (b) that the panel be kept informed of further progress.",
    "The Chief Executive of the Trust would be attending the meeting of the Committee on 26 November to provide an update.",
])
def test_actions_kept_informed_and_attending(text):
    assert len(actions(text)) == 1, [(a.rule, a.text) for a in actions(text)]


@pytest.mark.parametrize("text, due", [
    ("Following the Committee's meeting with practitioners on 28 September, the Committee agreed to ask the Council "
     "to clarify a number of issues.", None),
    ("It was agreed that since the Roads Service had planned to attend the December meeting the Water Service should "
     "be invited to attend the January meeting of the Council.", "the January meeting of the Council"),
])
def test_actions_due_words_are_not_what_led_up_to_the_task(text, due):
    assert [a.due for a in actions(text)] == [due]


# -- round 2: shorthand minutes (parish and town councils) -----------------------------------------

@pytest.mark.parametrize("text, owner", [
    ("Clerk to speak to the police about the parking on School Lane.", "Clerk"),
    ("The bench by the pond is broken – JB & KL to inspect.", "JB & KL"),
    ("The Council thanked the speaker for the talk and MP to send the slides to the Clerk.", "MP"),
    ("The bus shelter was damaged, but the Clerk to circulated the insurer's letter to all members.", "the Clerk"),
])
def test_actions_shorthand_who_then_to_and_any_verb(text, owner):
    """Shorthand minutes: a person, post, body or initials opening a clause, then "to" and a verb."""
    found = actions(text)
    assert [a.owner for a in found] == [owner], [(a.rule, a.text, a.owner) for a in found]


@pytest.mark.parametrize("text", [
    "Members to declare any interests in items on the agenda.",
    "Response to consultation on the draft plan.",
    "The Chief Executive in consultation with the Cabinet Member for Economy and Council Transformation to enter into a contract.",
])
def test_actions_shorthand_needs_a_person_and_a_task(text):
    assert [a.rule for a in actions(text)].count("a.named_to") == 0


def test_actions_shorthand_owner_trailer_and_a_second_infinitive():
    """"Clerk to action" after a task names its owner; "... and to put it on the website" is a second task."""
    text = ("The County Councillor had sent a report for the Clerk to read out at the meeting and to be put on the website.\n"
            "Clerk to action.\n\nClerk to ring the contractor about the hedge and to put the report on the website.\n")
    found = actions(text)
    assert [a.owner for a in found] == ["Clerk", "Clerk", "Clerk"], [(a.rule, a.text, a.owner) for a in found]
    assert found[-1].text.startswith("to put the report")


@pytest.mark.parametrize("text, count", [
    ("AGREED that the Committee's thanks be passed on to the volunteers who cleared the brook.", 1),
    ("RESOLVED that the residents' concerns be conveyed to the highways authority.", 1),
    ("The motion was passed to loud applause.", 0),
])
def test_actions_a_decision_that_words_be_passed_on(text, count):
    """Decided words carried to someone outside the meeting ("thanks be passed on to ...") are a task."""
    assert len(actions(text)) == count, [(a.rule, a.text) for a in actions(text)]


@pytest.mark.parametrize("text, owner", [
    ("Parking is a problem. Resolved – to write to the school about a joint approach – GH to action.", "GH"),
    ("Agreed – that the Tree Warden should write to the landowner.", "Tree Warden"),
])
def test_actions_owner_is_never_the_decision_word(text, owner):
    """"Resolved –" opens a decision; its owner is who the trailer or the clause names, never "Resolved"."""
    assert [a.owner for a in actions(text)] == [owner], [(a.rule, a.text, a.owner) for a in actions(text)]


@pytest.mark.parametrize("text, owners", [
    ("The hedge at the bus stop is blocking the path, Clerk to ring the owner.", ["Clerk"]),
    ("The budget moved to the Finance, Property & Assets portfolio to save money.", []),
])
def test_actions_shorthand_after_a_comma_but_not_inside_a_list(text, owners):
    """A comma ends the matter before a shorthand task; a comma inside a list of capitalised words opens nothing."""
    assert [a.owner for a in actions(text) if a.rule == "a.named_to"] == owners


@pytest.mark.parametrize("text, count", [
    ("Reports from Working Groups\n\nWorking Group Chairs to report\n\nThe Chairs updated the Committee on their work.\n", 0),
    ("Matters to Report from the Area Forums\n\nThe Forum chairs updated the Committee.\n", 0),
    ("The fence by the play area is leaning. Clerk to report it to the landowner.\n", 1),
])
def test_actions_agenda_text_who_presents_is_no_task(text, count):
    """An agenda's "X to report" with nothing after it names who presents the item; a heading's
    capitalised "to Report" is a title. Neither is a task; "Clerk to report it to ..." is."""
    assert len(actions(text)) == count, [(a.rule, a.text) for a in actions(text)]


@pytest.mark.parametrize("text, count", [
    ("Resolved – to defer the decision on the new notice board.", 0),
    ("Resolved – to defer the decision on the new notice board to the March meeting.", 1),
    ("It was agreed to defer the item pending the tree survey.", 1),
])
def test_actions_a_deferral_is_a_task_when_it_goes_somewhere(text, count):
    """A deferral to a meeting, until or pending something, or to allow a visit leaves work to do; a bare
    "to defer the decision on X" puts nothing on anyone."""
    assert len(actions(text)) == count, [(a.rule, a.text) for a in actions(text)]


@pytest.mark.parametrize("text, owner", [
    ("RESOLVED:\n\na) That the Head of Democratic Services circulates a note to all members on the new rules.\n",
     "Head of Democratic Services"),
    ("RESOLVED:\n\na) That the Assistant Director of Place & Environment and Head of Legal and Democratic Services write to "
     "the operator about the hours.\n", "Assistant Director of Place & Environment and Head of Legal and Democratic Services"),
])
def test_actions_a_resolution_part_names_its_officer_with_a_long_title_or_a_present_tense_verb(text, owner):
    """"That the X circulates ..." (Welsh councils' resolutions) and "That <two long posts> write to ...":
    the part is a task and the posts are its owner."""
    found = actions(text)
    assert [a.owner for a in found] == [owner], [(a.rule, a.text, a.owner) for a in found]


@pytest.mark.parametrize("text, count", [
    ("Head of Finance to present the budget monitoring report.", 0),
    ("Clerk to present the draft budget to the next meeting.", 1),
])
def test_actions_agenda_who_presents_unless_owed_later(text, count):
    """An agenda's "X to present the report" names who presents it now; with a later meeting it is owed."""
    assert len(actions(text)) == count, [(a.rule, a.text) for a in actions(text)]


@pytest.mark.parametrize("text, due", [
    ("No nominations had come in. Matter to be listed at next meeting.", "next meeting"),
    ("The bench request is to be placed on the next agenda.", "the next agenda"),
])
def test_actions_shorthand_without_articles_and_the_next_agenda(text, due):
    """Parish shorthand drops articles ("at next meeting"); "the next agenda" is when it is due."""
    assert [a.due for a in actions(text)] == [due], [(a.rule, a.text, a.due) for a in actions(text)]


def test_an_action_label_with_no_task_after_it_records_nothing(nlp):
    assert run(nlp, "(a) . ACTION –").actions == []


# --- round 3: finding out is a task
@pytest.mark.parametrize("text, owner", [
    ("The Repairs Manager agreed to find out whether the lift contract could be brought forward.", "Repairs Manager"),
    ("In relation to the out-of-hours service, the Head of Repairs agreed to find out the call volumes and report back.",
     "Head of Repairs"),
    ("Cllr Roberts, Portfolio Holder for Highways, agreed to respond to this question once he had seen the figures.",
     "Cllr Roberts, Portfolio Holder for Highways"),
])
def test_actions_agreeing_to_find_out_or_respond_later_is_a_task(text, owner):
    assert [a.owner for a in actions(text)] == [owner]


@pytest.mark.parametrize("text, owner", [
    ("Clerk will notify the highways department about the damaged sign.", "Clerk"),
    ("The Chair requested this be circulated to committee members.", None),
])
def test_actions_notifying_and_asking_for_papers_to_go_round_are_tasks(text, owner):
    assert [a.owner for a in actions(text)] == [owner]


def test_actions_asking_where_something_is_up_to_is_a_question_not_a_request():
    # "asked where the Council was up to with ..." holds a "to", but nobody was asked to do anything
    assert actions("Councillor Gill asked where the Council was up to with the review of speed signs.") == []
