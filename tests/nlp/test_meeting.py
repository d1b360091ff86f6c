"""The meeting's committee and date, from a header block or the heading of the minutes."""

import pytest

from nlp import segment


def run(nlp, text):
    return segment(text, nlp=nlp)


# --- families seen in real minutes

from nlp.meeting import is_meeting_heading  # noqa: E402


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
