"""The minutes text with records marked in place (tracker/minutes/annotate.py)."""

from tracker.minutes.annotate import Mark, marked_text, sections


def test_annotate_a_mark_running_across_two_items_is_labelled_once_and_marked_in_both():
    text = "First item ends <here. Second item> goes on."
    mark = Mark(16, 35, "action", "Action", "action-7", label_id="m-a-7", href="#a-7", end_note="end of action")
    first, second = sections([0, 22], len(text))
    assert (first, second) == ((0, 22), (22, len(text)))
    before = str(marked_text(text, [mark], *first))
    after = str(marked_text(text, [mark], *second))
    assert before == ('First item ends <a class="mark-label kind-action" id="m-a-7" href="#a-7">Action</a>'
                      '<mark class="hl hl-action" data-records="action-7">&lt;here.</mark>')
    assert after == ('<mark class="hl hl-action" data-records="action-7"> Second item&gt;</mark>'
                     '<span class="mark-end visually-hidden"> (end of action)</span> goes on.')


def test_annotate_blank_line_runs_are_squeezed_for_reading_only_when_asked():
    text = "One.\n\n\n\nTwo."
    assert str(marked_text(text, [], squeeze=True)) == "One.\n\nTwo."
    assert str(marked_text(text, [])) == text


def test_annotate_sections_cover_every_character_even_when_items_leave_gaps():
    assert sections([5, 0, 12], 20) == [(5, 12), (0, 5), (12, 20)]
