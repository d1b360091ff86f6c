"""Discharge proposals: the same committee, a later meeting, shared subject words and kind; an officer confirms
(the action is done, "discharged at <meeting>, item <n>") or rejects (never proposed again for that meeting)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from test_action_support import JANUARY, MARCH, OTHER_COMMITTEE, action_like, ingest_text, user_named

from tracker.db import write_session
from tracker.actions.discharge import decide_link, discharged_at, links_for, propose_discharges
from tracker.errors import Conflict, NotAllowed
from tracker.models import Action, ActionEvent, ActionLink, LinkKind


def discharges(engine, action_id):
    with Session(engine) as session:
        return session.exec(select(ActionLink).where(ActionLink.action_id == action_id,
                                                     ActionLink.kind == LinkKind.DISCHARGE.value)).all()


def test_discharge_a_real_pair_of_consecutive_meetings_proposes_the_later_performance_report(
        engine, ingest_corpus_file):
    """Stockport Children & Families Scrutiny, 16 June 2021 then 23 November 2022."""
    june = ingest_corpus_file("dev/stockport-seed-001.txt", publish=True)
    november = ingest_corpus_file("dev/stockport-seed-000.txt", publish=True)
    send = action_like(engine, "subset of information was requested relating to SEND pupils")
    [link] = discharges(engine, send.id)
    assert link.meeting_id == november.meeting_id and link.item_number == "4" and link.state == "proposed"
    assert "Mid Year Report" in link.text and {"send", "monitoring"} <= set(link.terms.lower().split(", "))
    assert "SEND" in link.sentence  # the later minutes' own sentence, for the officer to judge
    # a promise with nothing about it in the later minutes is not proposed
    assert discharges(engine, action_like(engine, "actual figure would also be included").id) == []
    # and nothing from the later meeting is proposed as discharged by the earlier one
    with Session(engine) as session:
        later_ids = session.exec(select(Action.id).where(Action.meeting_id == november.meeting_id)).all()
        assert session.exec(select(ActionLink).where(ActionLink.action_id.in_(later_ids))).all() == []
    assert june.meeting_id != november.meeting_id


def test_discharge_the_promised_breakdown_on_the_next_agenda_is_proposed_but_a_repeated_request_is_not(
        engine, nlp):
    january = ingest_text(engine, nlp, JANUARY)
    march = ingest_text(engine, nlp, MARCH)
    breakdown = action_like(engine, "breakdown of pothole repair times", january.meeting_id)
    [link] = discharges(engine, breakdown.id)
    assert (link.meeting_id, link.item_number, link.text) == (march.meeting_id, "4", "Pothole Repair Times by Ward")
    assert discharges(engine, action_like(engine, "actual numbers of repairs", january.meeting_id).id) == []


def test_discharge_is_only_proposed_within_the_same_committee(engine, nlp):
    ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, OTHER_COMMITTEE)
    assert discharges(engine, action_like(engine, "breakdown of pothole repair times").id) == []


def test_discharge_an_officer_confirms_and_the_action_is_done_and_says_where(engine, nlp, make_user):
    officer = user_named(engine, make_user("officer"))
    ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, MARCH)
    breakdown = action_like(engine, "breakdown of pothole repair times")
    [link] = discharges(engine, breakdown.id)
    with write_session(engine) as session:
        decide_link(session=session, link_id=link.id, action_id=breakdown.id, user=officer, confirm=True,
                    seen="proposed")
    with Session(engine) as session:
        assert session.get(Action, breakdown.id).status == "done"
        where = discharged_at(session=session, action_id=breakdown.id, include_drafts=False)
        assert where.where == "Place Scrutiny Committee, 13 March 2024, item 4"
        event = session.exec(select(ActionEvent).where(ActionEvent.action_id == breakdown.id,
                                                       ActionEvent.field == "status")).one()
        assert (event.new, event.note, event.user_id) == (
            "done", "discharged at Place Scrutiny Committee, 13 March 2024, item 4", officer.id)
    with pytest.raises(Conflict), write_session(engine) as session:  # a second officer who saw it proposed
        decide_link(session=session, link_id=link.id, action_id=breakdown.id, user=officer, confirm=False,
                    seen="proposed")


def test_discharge_a_rejected_proposal_leaves_the_action_open_and_is_not_proposed_again(engine, nlp, make_user):
    officer = user_named(engine, make_user("officer"))
    ingest_text(engine, nlp, JANUARY)
    march = ingest_text(engine, nlp, MARCH)
    breakdown = action_like(engine, "breakdown of pothole repair times")
    [link] = discharges(engine, breakdown.id)
    with write_session(engine) as session:
        decide_link(session=session, link_id=link.id, action_id=breakdown.id, user=officer, confirm=False)
    with write_session(engine) as session:
        assert propose_discharges(session=session, meeting_id=march.meeting_id) == []
    [again] = discharges(engine, breakdown.id)
    assert again.state == "rejected"
    with Session(engine) as session:
        assert session.get(Action, breakdown.id).status == "open"


def test_discharge_decisions_need_an_officer_and_drafts_stay_hidden(engine, nlp):
    ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, MARCH, publish=False)
    breakdown = action_like(engine, "breakdown of pothole repair times")
    [link] = discharges(engine, breakdown.id)
    with pytest.raises(NotAllowed), write_session(engine) as session:
        decide_link(session=session, link_id=link.id, action_id=breakdown.id, user=None, confirm=True)
    with Session(engine) as session:
        assert links_for(session=session, action_id=breakdown.id, include_drafts=False) == []
        assert len(links_for(session=session, action_id=breakdown.id, include_drafts=True)) == 1
