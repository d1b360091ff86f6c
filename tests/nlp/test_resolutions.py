"""Resolutions: the formal decisions, their parts and their kinds, and what is not a decision."""

import pytest

from nlp import segment


def run(nlp, text):
    return segment(text, nlp=nlp)


def texts(records):
    return [r.text for r in records]


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
