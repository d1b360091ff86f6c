"""Due words as minutes write them, and the dates an officer would put in the tracker."""

from datetime import date

import pytest

from nlp.dues import resolve_due

MEETING = date(2022, 11, 23)


@pytest.mark.parametrize(
    "words, expected",
    [
        ("by 31 March 2024", date(2024, 3, 31)),
        ("the ordinary meeting scheduled for 19 December, 2022", date(2022, 12, 19)),
        ("a future meeting in 2023", date(2023, 12, 31)),
        ("by the end of April", date(2023, 4, 30)),
        ("in December", date(2022, 12, 31)),
        ("quarter 3", date(2022, 12, 31)),
        ("Q1", date(2023, 6, 30)),
        ("in the new year", date(2023, 1, 31)),
        ("in six months", date(2023, 5, 23)),
        ("within two weeks", date(2022, 12, 7)),
        ("in the spring", date(2023, 5, 31)),
        ("the next meeting", None),
        ("once received", None),
        ("after the meeting", None),
    ],
)
def test_dues_resolve_against_the_meeting_date(words, expected):
    assert resolve_due(words, MEETING) == expected


def test_dues_relative_words_need_a_meeting_date():
    assert resolve_due("in six months", None) is None
    assert resolve_due("by 31 March 2024", None) == date(2024, 3, 31)
