"""Storing minutes: all or nothing, idempotent by content, corrected versions keep action status."""

import pytest
from sqlmodel import Session, func, select

from tracker.db import write_session
from tracker.minutes.readers import read_document
from tracker.minutes.ingest import IngestError, ingest_document
from tracker.models import (Action, ActionEvent, ActionStatus, AgendaItem, AuditEntry, Meeting, MeetingStatus,
                            Person, Question, Response)


def count(engine, model):
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_ingest_stores_a_meeting_with_everything_segmented_from_it(engine, ingest_corpus_file):
    outcome = ingest_corpus_file("unseen/eastmarsh-2023-adults-health-scrutiny.txt")
    assert outcome.outcome == "created"
    with Session(engine) as session:
        meeting = session.get(Meeting, outcome.meeting_id)
        assert meeting.status == MeetingStatus.DRAFT
        items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
        questions = session.exec(select(Question).where(Question.meeting_id == meeting.id)).all()
        responses = session.exec(select(Response).where(Response.meeting_id == meeting.id)).all()
        assert len(items) == outcome.counts["items"] > 1
        assert len(questions) == outcome.counts["questions"] > 0
        # offsets point into the stored text, so the app can highlight the source sentence
        for record in (*questions, *responses):
            assert meeting.text[record.start:record.end] == record.text
        # responses stay threaded under the question they answer
        assert any(r.question_id in {q.id for q in questions} for r in responses)
        assert meeting.source_file and meeting.source_format == "text"


def test_ingest_of_the_same_document_twice_changes_nothing(engine, ingest_corpus_file):
    first = ingest_corpus_file("unseen/eastmarsh-2023-adults-health-scrutiny.txt")
    before = (count(engine, Question), count(engine, Action), count(engine, Meeting))
    again = ingest_corpus_file("unseen/eastmarsh-2023-adults-health-scrutiny.txt")
    assert again.outcome == "unchanged" and again.meeting_id == first.meeting_id
    assert "already stored" in again.warnings[0]
    assert (count(engine, Question), count(engine, Action), count(engine, Meeting)) == before


def test_ingest_records_people_with_the_role_their_title_implies(engine, ingest_corpus_file):
    ingest_corpus_file("unseen/eastmarsh-2023-adults-health-scrutiny.txt")
    with Session(engine) as session:
        people = {p.name: p.role for p in session.exec(select(Person)).all()}
    assert any(role == "councillor" for role in people.values()), people


def _corrected(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new).encode("utf-8")


def test_a_corrected_version_replaces_records_but_keeps_action_status_and_history(engine, nlp, ingest_corpus_file):
    from conftest import CORPUS

    first = ingest_corpus_file("unseen/eastmarsh-2023-adults-health-scrutiny.txt", publish=True)
    with write_session(engine) as session:
        action = session.exec(select(Action).where(Action.meeting_id == first.meeting_id)).first()
        action.status = ActionStatus.IN_PROGRESS
        session.add(ActionEvent(action_id=action.id, field="status", old="open", new="in_progress", note="started"))
        kept_id, kept_text = action.id, action.text
    corrected = _corrected(CORPUS / "unseen/eastmarsh-2023-adults-health-scrutiny.txt", "Councillor", "Cllr")
    outcome = ingest_document(engine=engine, document=read_document(corrected, filename="v2.txt"), nlp=nlp)
    assert outcome.outcome == "replaced" and outcome.meeting_id == first.meeting_id
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Meeting)).one() == 1
        kept = session.get(Action, kept_id)
        assert kept is not None and kept.status == ActionStatus.IN_PROGRESS
        assert kept.meeting_id == first.meeting_id and kept.item_id is not None
        notes = session.exec(select(ActionEvent.note).where(ActionEvent.action_id == kept_id)).all()
        assert "started" in notes
        meeting = session.get(Meeting, first.meeting_id)
        assert meeting.status == MeetingStatus.PUBLISHED  # a correction does not unpublish
        assert meeting.text[kept.start:kept.end] == kept.text
        assert kept_text.replace("Councillor", "Cllr") == kept.text or kept.text == kept_text


def test_a_failure_half_way_leaves_nothing_behind(engine, nlp, tmp_path, monkeypatch):
    from tracker.minutes import ingest as ingest_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    document = read_document(b"Minutes of the Audit Committee held on 3 March 2024\n\n1. Apologies\n\nNone.\n",
                             filename="m.txt")
    monkeypatch.setattr(ingest_module, "_store_records", broken)
    uploads = tmp_path / "uploads"
    with pytest.raises(RuntimeError):
        ingest_document(engine=engine, document=document, nlp=nlp, committee="Audit Committee",
                        original=b"x", uploads=uploads)
    assert count(engine, Meeting) == 0 and count(engine, AuditEntry) == 0
    assert list(uploads.iterdir()) == []  # the kept original went with the transaction


def test_minutes_that_name_no_committee_or_date_are_kept_with_warnings_for_the_editor(engine, nlp):
    document = read_document(b"1. Apologies\n\nThere were none.\n", filename="m.txt")
    outcome = ingest_document(engine=engine, document=document, nlp=nlp)
    assert outcome.committee == "Committee not named" and outcome.date is None
    assert any("do not name the committee" in w for w in outcome.warnings)
    assert any("do not give the meeting date" in w for w in outcome.warnings)
    with Session(engine) as session:
        meeting = session.get(Meeting, outcome.meeting_id)
        assert meeting.status == MeetingStatus.DRAFT and "give its name" in meeting.warnings
