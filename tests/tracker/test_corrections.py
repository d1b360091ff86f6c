"""The correction services behind the review page: each change is whole or absent, keeps offsets pointing into
the minutes text, keeps threads and action history, and is audited."""

import datetime as dt

import pytest
from sqlmodel import Session, select

from tracker.minutes import corrections
from tracker.minutes.corrections import CorrectionError
from tracker.db import write_session
from tracker.minutes.readers import read_document
from tracker.minutes.ingest import ingest_document
from tracker.models import (Action, ActionEvent, AgendaItem, AuditEntry, Comment, Meeting, Question, Response,
                            User)

MINUTES = """Audit Committee - 3 March 2024

1. Internal Audit Report

Councillor Reed asked whether the overdue audits would be finished. The Head of Audit said that two audits \
would be finished by April. Councillor Reed asked whether staffing was adequate. The Head of Audit replied that \
one post was vacant. The Head of Audit agreed to report back on staffing by the end of June 2024.

RESOLVED – That the report be noted.

2. Risk Register

Councillor Patel commented that the register was clearer than before.
"""


@pytest.fixture
def meeting_id(engine, nlp):
    outcome = ingest_document(engine=engine, document=read_document(MINUTES.encode()), nlp=nlp)
    return outcome.meeting_id


@pytest.fixture
def editor(engine, make_user):
    make_user("editor")
    with Session(engine) as session:
        return session.exec(select(User)).one()


def all_of(engine, model, meeting_id):
    with Session(engine) as session:
        return session.exec(select(model).where(model.meeting_id == meeting_id).order_by(model.start)).all()


def meeting_text(engine, meeting_id):
    with Session(engine) as session:
        return session.get(Meeting, meeting_id).text


def fix(engine, service, **kwargs):
    with write_session(engine) as session:
        return service(session=session, **kwargs)


def test_corrections_changing_kind_keeps_threads_sensible(engine, meeting_id, editor):
    first, second = all_of(engine, Question, meeting_id)
    fix(engine, corrections.change_kind, user=editor, meeting_id=meeting_id, kind="question", record_id=second.id,
        new_kind="response")
    responses = all_of(engine, Response, meeting_id)
    # the answer to the question that is gone is no longer threaded; the new response answers the question before it
    assert [r.question_id for r in responses] == [first.id, first.id, None]
    assert responses[1].responder == "Councillor Reed" and responses[1].rule == second.rule
    assert [q.position for q in all_of(engine, Question, meeting_id)] == [0]

    action = all_of(engine, Action, meeting_id)[0]
    fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="action", record_id=action.id,
        owner="Chief Auditor")
    fix(engine, corrections.change_kind, user=editor, meeting_id=meeting_id, kind="action", record_id=action.id,
        new_kind="comment")
    comment = next(c for c in all_of(engine, Comment, meeting_id) if c.start == action.start)
    assert comment.speaker == "Chief Auditor" and comment.edited_by_id == editor.id
    with Session(engine) as session:
        assert not session.exec(select(ActionEvent)).all()
        assert session.exec(select(AuditEntry).where(AuditEntry.event == "record.kind")).first().username == "editor"


def test_corrections_split_and_merge_keep_offsets_details_and_history(engine, meeting_id, editor):
    text = meeting_text(engine, meeting_id)
    action = all_of(engine, Action, meeting_id)[-1]  # "The Head of Audit agreed to report back ... by the end of June"
    fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="action", record_id=action.id,
        due_date=dt.date(2024, 7, 31), reason="Audit moved to July")
    cut = action.text.index("by the end")
    first, second = fix(engine, corrections.split_record, user=editor, meeting_id=meeting_id, kind="action",
                         record_id=action.id, at=cut)
    assert (first.text, second.text) == (action.text[:cut].rstrip(), action.text[cut:])
    for part in (first, second):
        assert text[part.start:part.end] == part.text
        assert (part.owner, part.due_date) == (action.owner, dt.date(2024, 7, 31))
    merged = fix(engine, corrections.merge_with_next, user=editor, meeting_id=meeting_id, kind="action",
                 record_id=first.id)
    assert (merged.text, merged.start, merged.end) == (action.text, action.start, action.end)
    with Session(engine) as session:
        assert [e.action_id for e in session.exec(select(ActionEvent)).all()] == [action.id]
    with pytest.raises(CorrectionError, match="no later action"):
        fix(engine, corrections.merge_with_next, user=editor, meeting_id=meeting_id, kind="action",
            record_id=merged.id)


def test_corrections_edited_text_takes_the_offsets_of_where_it_stands(engine, meeting_id, editor):
    text = meeting_text(engine, meeting_id)
    question = all_of(engine, Question, meeting_id)[0]

    def edit(new):
        fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="question",
            record_id=question.id, text=new)
        return next(q for q in all_of(engine, Question, meeting_id) if q.id == question.id)

    inside = edit("whether the overdue audits would be finished.")
    assert text[inside.start:inside.end] == inside.text and inside.start > question.start
    elsewhere = edit("Councillor Patel commented")
    assert text[elsewhere.start:elsewhere.end] == elsewhere.text
    reworded = edit("Councillor Reed asked when the audits would end.")
    assert (reworded.start, reworded.end) == (elsewhere.start, elsewhere.end)


def test_corrections_a_failed_correction_writes_nothing(engine, meeting_id, editor):
    action = all_of(engine, Action, meeting_id)[0]
    with pytest.raises(CorrectionError) as error:
        fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="action", record_id=action.id,
            text="Report back on staffing.", owner="Chief Auditor", due_date=dt.date(2025, 1, 1))
    assert error.value.field == "reason"
    unchanged = all_of(engine, Action, meeting_id)[0]
    assert (unchanged.text, unchanged.owner, unchanged.due_date) == (action.text, action.owner, action.due_date)
    with Session(engine) as session:
        assert not session.exec(select(ActionEvent)).all() and not session.exec(select(AuditEntry).where(
            AuditEntry.event == "record.edit")).all()


def test_corrections_records_added_by_offsets_are_trimmed_and_checked(engine, meeting_id, editor, nlp):
    text = meeting_text(engine, meeting_id)
    items = all_of(engine, AgendaItem, meeting_id)
    start = text.index("RESOLVED") - 2
    added = fix(engine, corrections.add_record, user=editor, meeting_id=meeting_id, kind="resolution",
                item_id=items[0].id, start=start, end=text.index("noted.") + 6)
    assert added.text == "RESOLVED – That the report be noted." and added.start == start + 2
    for bad in ({"start": 5, "end": 5}, {"start": 0, "end": 10 ** 9}):
        with pytest.raises(CorrectionError):
            fix(engine, corrections.add_record, user=editor, meeting_id=meeting_id, kind="comment",
                item_id=None, **bad)
    other = ingest_document(engine=engine, document=read_document(MINUTES.replace("3 March", "4 March").encode()),
                            nlp=nlp)
    foreign_item = all_of(engine, AgendaItem, other.meeting_id)[0]
    with pytest.raises(CorrectionError, match="agenda items") as error:
        fix(engine, corrections.add_record, user=editor, meeting_id=meeting_id, kind="comment",
            item_id=foreign_item.id, quote="Councillor Patel commented")
    assert error.value.field == "item"
    with pytest.raises(corrections.NotFound):
        fix(engine, corrections.delete_record, user=editor, meeting_id=meeting_id, kind="question",
            record_id=all_of(engine, Question, other.meeting_id)[0].id)


def test_corrections_meeting_details_refuse_a_second_meeting_of_a_committee_on_one_day(engine, meeting_id, editor,
                                                                                     nlp):
    other = ingest_document(engine=engine, document=read_document(MINUTES.replace("3 March", "4 March").encode()),
                            nlp=nlp)
    with pytest.raises(CorrectionError, match="already has a meeting") as error:
        fix(engine, corrections.update_meeting, user=editor, meeting_id=other.meeting_id, committee="audit  committee",
            date=dt.date(2024, 3, 3), title=None)
    assert error.value.field == "date"
    changes = fix(engine, corrections.update_meeting, user=editor, meeting_id=other.meeting_id,
                  committee="Audit and Governance Committee", date=dt.date(2024, 3, 3), title="")
    assert set(changes) == {"committee", "date", "title"}


def test_corrections_only_a_draft_meeting_can_be_deleted(engine, meeting_id, editor):
    fix(engine, corrections.publish_meeting, user=editor, meeting_id=meeting_id)
    with pytest.raises(CorrectionError, match="Unpublish"):
        fix(engine, corrections.delete_meeting, user=editor, meeting_id=meeting_id)
    fix(engine, corrections.unpublish_meeting, user=editor, meeting_id=meeting_id)
    action = all_of(engine, Action, meeting_id)[0]
    fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="action", record_id=action.id,
        owner="Chief Auditor")
    fix(engine, corrections.delete_meeting, user=editor, meeting_id=meeting_id)
    with Session(engine) as session:
        assert session.get(Meeting, meeting_id) is None
        assert not session.exec(select(ActionEvent)).all() and not session.exec(select(Response)).all()


def test_corrections_an_agenda_item_added_from_its_heading_takes_the_records_beneath_it(engine, nlp, editor):
    text = MINUTES.replace("RESOLVED – That the report be noted.", "Staffing\n\nRESOLVED – That the report be noted.")
    meeting = ingest_document(engine=engine, document=read_document(text.encode()), nlp=nlp).meeting_id
    source = meeting_text(engine, meeting)
    items_before = all_of(engine, AgendaItem, meeting)
    assert [item.title for item in items_before] == ["Internal Audit Report", "Risk Register"]  # the segmenter missed it

    heading = source.index("Staffing\n")
    item = fix(engine, corrections.add_agenda_item, user=editor, meeting_id=meeting, start=heading,
               end=heading + len("Staffing"))
    items = sorted(all_of(engine, AgendaItem, meeting), key=lambda i: i.position)
    assert [(i.number, i.title) for i in items] == [("1", "Internal Audit Report"), (None, "Staffing"),
                                                    ("2", "Risk Register")]
    assert items[0].end == item.start == heading and item.end == items[2].start
    with Session(engine) as session:
        resolution = session.exec(select(corrections.Resolution).where(
            corrections.Resolution.meeting_id == meeting)).one()
        assert resolution.item_id == item.id  # found after the new heading, so now under it
        asked = session.exec(select(Question).where(Question.meeting_id == meeting)).all()
        assert {q.item_id for q in asked} == {items[0].id}  # found before it, so left where they were
        assert session.exec(select(AuditEntry).where(AuditEntry.event == "item.add")).one().entity_id == item.id
    with pytest.raises(CorrectionError, match="already starts there"):
        fix(engine, corrections.add_agenda_item, user=editor, meeting_id=meeting, start=heading, end=heading + 8)


def test_corrections_an_action_changes_kind_in_place_and_its_history_says_so(engine, meeting_id, editor):
    action = all_of(engine, Action, meeting_id)[0]
    changes = fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="action",
                  record_id=action.id, action_kind="provide_information", owner="Head of Internal Audit")
    assert changes["kind"] == (action.kind, "provide_information")
    with Session(engine) as session:
        again = session.get(Action, action.id)
        assert (again.kind, again.owner) == ("provide_information", "Head of Internal Audit")
        events = session.exec(select(ActionEvent).where(ActionEvent.action_id == action.id)).all()
        assert {event.field for event in events} >= {"kind", "owner"}
    with pytest.raises(CorrectionError, match="listed kinds of action"):
        fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="action", record_id=action.id,
            action_kind="panic")
    comment = all_of(engine, Comment, meeting_id)[0]
    with pytest.raises(CorrectionError, match="^A comment has no owner"):
        fix(engine, corrections.edit_record, user=editor, meeting_id=meeting_id, kind="comment",
            record_id=comment.id, action_kind="share")


def test_corrections_a_response_added_names_its_responder(engine, meeting_id, editor):
    response = fix(engine, corrections.add_record, user=editor, meeting_id=meeting_id, kind="response",
                   item_id=None, quote="one post was vacant", who="  Head of Audit ")
    assert (response.responder, response.responder_id is not None) == ("Head of Audit", True)


@pytest.mark.parametrize("noun, expected", [("action", "an action"), ("item", "an item"), ("question", "a question"),
                                            ("response", "a response")])
def test_corrections_messages_give_a_noun_its_article(noun, expected):
    assert corrections.with_article(noun) == expected
