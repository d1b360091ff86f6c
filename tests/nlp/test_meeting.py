"""The meeting's committee and date, from a header block or the heading of the minutes."""

import pytest

from nlp.meeting import is_meeting_heading, predecessor_names
from tests_support import run



def test_meeting_details_come_from_the_header_block(nlp):
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
        # ModernGov's two-line header: the committee, then the date and time on a line of their own
        ("Scrutiny Committee\nTuesday, 12th March, 2024 7.30 pm", "Scrutiny Committee", "2024-03-12"),
        ("Audit and Governance Committee\nMonday 3 June 2024", "Audit and Governance Committee", "2024-06-03"),
        ("Agenda for Cabinet on Wednesday, 6th March, 2024, 10.00 am", "Cabinet", "2024-03-06"),
    ],
)
def test_meeting_committee_and_date_come_from_the_heading_text(nlp, line, committee, date):
    minutes = run(nlp, f"{line}\n\n1. Apologies\n\nNone.\n")
    assert (minutes.meeting.committee, minutes.meeting.date) == (committee, date)
    assert minutes.meeting.found["date"] == "text"


# --- families seen in real minutes


@pytest.mark.parametrize("line", [
    "Corporate Review Panel - Friday 18th October 2019 9.30 am",
    "Harbour Board – 3 May 2022",
    "NORTHVALE DISTRICT COUNCIL - 14 MAY 2024",
    "Overview and Scrutiny Committee 14 June 2023",
    "14 June 2023 Planning Committee",
    "Meeting: 16/06/2021 - Wellbeing Board (Item 5)",
    "Minutes of Harbour Board",
    "Harbour Board Minutes",
])
def test_a_line_naming_the_meeting_is_a_meeting_heading(line):
    assert is_meeting_heading(line)


@pytest.mark.parametrize("line", [
    "Decisions made by the Cabinet on 5 June 2019",
    "Minutes of the last meeting held on 14 July 2021",
    "Minutes of the Audit Committee 14 June 2023",
    "MINUTES OF THE PREVIOUS MEETING",
    "Budget Monitoring 2023/24",
])
def test_an_items_title_with_a_date_or_a_body_is_no_meeting_heading(line):
    assert not is_meeting_heading(line)


@pytest.mark.parametrize("opening, council", [
    ("EASTMOOR DISTRICT COUNCIL\nScrutiny Committee\nTuesday, 12th March, 2024 7.30 pm", "Eastmoor District Council"),
    ("Northshire Police and Crime Panel\nPanel Meeting - Friday 7 June 2024", "Northshire Police and Crime Panel"),
    ("Westvale Fire and Rescue Authority\nAudit Committee\n15 May 2024", "Westvale Fire and Rescue Authority"),
])
def test_meeting_the_council_or_other_body_comes_from_its_own_heading_line(nlp, opening, council):
    assert run(nlp, f"{opening}\n\n1. Apologies\n\nNone.\n").meeting.council == council


@pytest.mark.parametrize("opening", [
    "Planning Committee\n\n1. Apologies",  # a committee with no date under it
    "Declarations of Interest\nMonday 4 March 2024",  # an item's heading is no committee
])
def test_meeting_a_line_is_no_two_line_header_without_a_committee_and_a_date_line(nlp, opening):
    minutes = run(nlp, f"{opening}\n\nNone.\n")
    assert minutes.meeting.date is None


def test_meeting_the_date_in_the_page_title_is_read(nlp):
    minutes = run(nlp, "title: Agenda for Cabinet on Wednesday, 6th March, 2024, 10.00 am\n---\n1. Apologies\n\nNone.\n")
    assert (minutes.meeting.date, minutes.meeting.found["date"]) == ("2024-03-06", "title")


@pytest.mark.parametrize("text, names", [
    ("Place Committee (formerly the Place Scrutiny Committee)\n\n1. Apologies", ["Place Scrutiny Committee"]),
    ("The Board, successor to the Environment Panel, met on 3 May.", ["Environment Panel"]),
    ("The Committee replaced the Housing Forum and noted the report.", ["Housing Forum"]),
    ("The Committee noted the report formerly circulated to members.", []),
])
def test_meeting_names_the_committee_a_renamed_committee_replaced(text, names):
    assert predecessor_names(text) == names
