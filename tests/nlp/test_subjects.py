"""nlp.subjects: the words that say what a passage is about, and the cues for asking again."""

import pytest

from nlp.subjects import (KIND_SIGNS, STOPWORDS, asks_again, sentence_with, shows_kind, stem, subject_terms,
                          without_asking_again, words_for)


@pytest.mark.parametrize("words, stemmed", [
    (("figure", "figures"), "figur"),
    (("include", "included", "including"), "includ"),
    (("repair", "repairs", "repairing", "repaired"), "repair"),
    (("authorities",), "authority"),
    (("council's", "council’s"), "council"),
    (("progress",), "progress"),  # "ss" keeps its s
])
def test_subjects_stem_makes_the_forms_of_a_word_alike(words, stemmed):
    assert {stem(word) for word in words} == {stemmed}


@pytest.mark.parametrize("text, terms", [
    ("The Committee requested that the figures be circulated to Members", {"figur"}),
    ("pothole repairs by ward", {"pothol", "repair", "ward"}),
    ("Members asked for an update on the 2024 budget", {"2024", "budget"}),
    ("", set()),
    (None, set()),
])
def test_subjects_subject_terms_drop_minute_boilerplate_and_stem(text, terms):
    assert subject_terms(text) == terms


def test_subjects_stopwords_are_lower_case_single_words():
    assert all(word == word.lower() and word.split() == [word] for word in STOPWORDS)


@pytest.mark.parametrize("said", ["reiterated previous requests", "Members again asked for",
                                  "the figures were still awaited", "as previously requested", "repeated its request"])
def test_subjects_asks_again_on_the_words_minutes_use_for_asking_again(said):
    assert asks_again(said)


@pytest.mark.parametrize("said", ["as requested at the previous meeting the report was presented",
                                  "Members requested a visit", ""])
def test_subjects_asks_again_not_on_a_first_request(said):
    assert not asks_again(said)


def test_subjects_without_asking_again_keeps_only_the_other_sentences():
    text = "The report was presented. Members reiterated their previous request for figures.\nA visit was arranged."
    assert without_asking_again(text) == "The report was presented. A visit was arranged."


@pytest.mark.parametrize("kind, text, shown", [
    ("report_back", "An update report was presented", True),
    ("share", "The briefing note was circulated to Members", True),
    ("arrange", "Members visited the depot", True),
    ("include_data", "The figures now include actual numbers", True),
    ("investigate", "The review's findings were reported", True),
    ("share", "Members discussed the budget", False),
    ("other", "Members discussed the budget", True),  # no signs to look for
])
def test_subjects_shows_kind_on_a_sign_that_the_promise_was_kept(kind, text, shown):
    assert shows_kind(kind, text) is shown


def test_subjects_every_kind_sign_is_an_action_kind():
    from nlp.records import ActionKind

    assert set(KIND_SIGNS) <= {kind.value for kind in ActionKind}


def test_subjects_words_for_quote_the_words_as_written_not_their_stems():
    text = "The Head of Housing presented the Business Case for the homelessness service."
    assert words_for({"business", "case", "servic", "hous"}, text) == ["Housing", "Business", "Case", "service"]


def test_subjects_sentence_with_picks_the_sentence_holding_the_rarer_shared_words():
    text = ("The priority report was presented.\nA priority for SEND pupils was noted.\n"
            "Priorities were discussed at length.")
    assert sentence_with({"priority", "send", "pupil"}, text) == "A priority for SEND pupils was noted."
