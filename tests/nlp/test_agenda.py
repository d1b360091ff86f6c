"""Agenda items: which lines open an item of business, and which are page furniture."""

from nlp import segment


def titles(nlp, text):
    return [item.title for item in segment(text, nlp=nlp).agenda_items]


# --- families seen in real minutes

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
