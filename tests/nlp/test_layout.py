"""Lines, paragraphs and sentences as an officer reads them: PDF wraps, page footers, a cut-off end."""

from nlp import segment
from tests_support import run



def test_a_sentence_cut_off_at_the_end_is_left_out_with_a_warning(nlp):
    minutes = run(nlp, "5 Update\n\nClarification was sought on costs. In response, it was stated that costs had risen.\n\nThe Committee queried the business case for not purchasing a vehicle either individually or in")
    assert len(minutes.questions) == 1
    assert any("ends mid-sentence" in w for w in minutes.warnings)


def test_pdf_lines_wrapped_before_a_capital_are_joined(nlp):
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


def test_a_sentence_broken_by_a_page_footer_is_joined(nlp):
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


# --- families seen in real minutes


def test_a_page_footer_and_the_running_header_after_it_are_no_sentences(nlp):
    text = ("Housing Allocations Policy\n\nThe Head of Housing introduced the report. Members asked how many households were on the register.\n\n"
            "Communities Scrutiny Committee                12 March 2024                Page 1 of 3\n\n"
            "COMMUNITIES SCRUTINY COMMITTEE - 12 MARCH 2024\n\n"
            "In response, the Head of Housing advised that there were 2,400 households.\n")
    minutes = segment(text, nlp=nlp)
    assert [q.text for q in minutes.questions] == ["Members asked how many households were on the register."]
    assert [r.answers for r in minutes.responses] == [0]
    assert not any("MARCH" in s.text for s in minutes.questions + minutes.responses)


def test_the_councils_name_standing_alone_is_no_item(nlp):
    text = ("EASTMOOR DISTRICT COUNCIL\n\nAPOLOGIES FOR ABSENCE\n\nCouncillor R Dale    Work commitments\n\n"
            "HOUSING ALLOCATIONS POLICY\n\nThe report was noted.\n")
    assert [i.title for i in segment(text, nlp=nlp).agenda_items] == ["APOLOGIES FOR ABSENCE", "HOUSING ALLOCATIONS POLICY"]
