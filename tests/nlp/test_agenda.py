"""Agenda items in the layouts councils publish, and what is agenda text rather than minutes."""

import pytest

from nlp import segment


def run(nlp, text):
    return segment(text, nlp=nlp)


def texts(records):
    return [r.text for r in records]


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
