"""Lines, paragraphs and sentences as an officer reads them: PDF wraps, page footers, a cut-off end."""

from nlp import segment


def run(nlp, text):
    return segment(text, nlp=nlp)


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
