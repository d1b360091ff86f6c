"""Repeated requests: a later action or comment asking again is linked to the earlier action, and the action
page's chain says how many times and for how long it has been asked."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select
from test_action_support import JANUARY, MARCH, action_like, ingest_text, user_named

from tracker.db import write_session
from tracker.actions.discharge import decide_link
from tracker.models import ActionLink, LinkKind
from tracker.actions.repeats import repeat_chain

EARLIER_STOCKPORT = """council: Stockport
committee: Children & Families Scrutiny Committee
date: 2018-11-14
---
6 Portfolio Performance and Resources - Mid Year Report

The Committee considered the mid-year portfolio performance report.

Members requested that future performance reports include the actual numbers as well as percentages in the performance data.
"""


def repeats(engine, action_id):
    with Session(engine) as session:
        return session.exec(select(ActionLink).where(ActionLink.action_id == action_id,
                                                     ActionLink.kind == LinkKind.REPEAT.value)).all()


def test_repeats_the_real_reiterated_request_links_to_the_earlier_request(engine, nlp, ingest_corpus_file):
    """Stockport 2019: 'reiterated previous requests for the performance data to include the actual numbers'."""
    ingest_text(engine, nlp, EARLIER_STOCKPORT)
    later = ingest_corpus_file("dev/stockport-seed-002.txt", publish=True, meeting_date="2019-03-13")
    earlier = action_like(engine, "include the actual numbers as well as percentages in the performance data")
    [link] = repeats(engine, earlier.id)
    assert link.meeting_id == later.meeting_id and link.state == "proposed"
    assert "reiterated previous requests for the performance data" in link.text
    assert {"actual", "numbers", "percentages"} <= set(link.terms.split(", "))  # the words as minuted, not stems
    assert "reiterated previous requests" in link.sentence
    with Session(engine) as session:
        chain = repeat_chain(session=session, action_id=earlier.id, include_drafts=False)
    assert chain.times == 2 and chain.first == dt.date(2018, 11, 14) and chain.last == dt.date(2019, 3, 13)
    assert chain.span == "4 months"


def test_repeats_a_chain_counts_every_ask_and_leaves_out_rejected_links(engine, nlp, make_user):
    officer = user_named(engine, make_user("officer"))
    january = ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, MARCH)
    ingest_text(engine, nlp, MARCH.replace("2024-03-13", "2025-05-21"))
    first = action_like(engine, "actual numbers of repairs", january.meeting_id)
    with Session(engine) as session:
        chain = repeat_chain(session=session, action_id=first.id, include_drafts=False)
        assert [ask.meeting.date for ask in chain.asks] == [dt.date(2024, 1, 10), dt.date(2024, 3, 13),
                                                             dt.date(2025, 5, 21)]
        assert chain.times == 3 and chain.span == "1 year 4 months"
        # the same chain, seen from the latest repeat
        latest = chain.asks[-1]
        assert repeat_chain(session=session, action_id=latest.action_id, include_drafts=False).times == 3
    with Session(engine) as session:  # an officer says the 2025 request was about something else
        into_2025 = session.exec(select(ActionLink).where(ActionLink.meeting_id == latest.meeting.id)).all()
    assert len(into_2025) == 2  # from January and from March
    for link in into_2025:
        with write_session(engine) as session:
            decide_link(session=session, link_id=link.id, action_id=link.action_id, user=officer, confirm=False)
    with Session(engine) as session:
        assert repeat_chain(session=session, action_id=first.id, include_drafts=False).times == 2


def test_repeats_a_different_request_is_not_a_repeat(engine, nlp):
    ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, MARCH)
    assert repeats(engine, action_like(engine, "breakdown of pothole repair times").id) == []
