"""The segmenter as a whole: what it refuses, and records that point at their own text."""

import pytest

from conftest import CORPUS, shared_page
from nlp import EmptyDocument
from tests_support import run



@pytest.mark.parametrize("text", ["", "   \n\n  ", "\ufeff\r\n"])
def test_empty_text_is_refused(nlp, text):
    with pytest.raises(EmptyDocument):
        run(nlp, text)


@pytest.mark.parametrize("page", ["written", "real"])
def test_every_record_points_at_its_own_text(nlp, page):
    if page == "written":
        path = CORPUS / "quarry" / "harrowfield-2024-adult-care-scrutiny.txt"
    else:
        path = shared_page("dev/stockport-seed-002.txt")
    minutes = run(nlp, path.read_text(encoding="utf-8"))
    for kind in ("questions", "responses", "comments", "resolutions", "actions"):
        for record in getattr(minutes, kind):
            assert minutes.text[record.start : record.end] == record.text
    for item in minutes.agenda_items:
        assert 0 <= item.start < item.end <= len(minutes.text)


# --- families seen in real minutes
