"""Councils own their committees, people and proposals: two councils' same-named committees, "Leader" or "Chair"
are never one; discharges are proposed only within a council; one council shows no council chrome."""

from __future__ import annotations

from sqlmodel import Session, select
from test_action_support import JANUARY, MARCH, action_like, ingest_text, user_named

from tracker.actions.service import set_action_status
from tracker.db import write_session
from tracker.minutes.corrections import CorrectionError, publish_meeting
from tracker.models import ActionLink, Committee, Council, Person

import pytest

PANEL = "council: Northshire Police and Crime Panel"
OTHER_JANUARY = JANUARY.replace("council: Testborough", PANEL)  # the same words, another body's meeting
OTHER_MARCH = MARCH.replace("council: Testborough", PANEL)


def test_councils_same_named_committees_and_people_of_two_councils_are_kept_apart(engine, nlp):
    first = ingest_text(engine, nlp, JANUARY)
    second = ingest_text(engine, nlp, OTHER_JANUARY)
    with Session(engine) as session:
        committees = session.exec(select(Committee).order_by(Committee.id)).all()
        assert [(c.name, c.council.name) for c in committees] == [
            ("Place Scrutiny Committee", "Testborough"),
            ("Place Scrutiny Committee", "Northshire Police and Crime Panel")]
        # the first keeps the plain address; the second's names its council
        assert [c.slug for c in committees] == ["place-scrutiny-committee",
                                                "northshire-police-and-crime-panel-place-scrutiny-committee"]
        heads = session.exec(select(Person).where(Person.name == "Head of Highways")).all()
        assert sorted(p.council.name for p in heads) == ["Northshire Police and Crime Panel", "Testborough"]
    assert first.meeting_id != second.meeting_id


def test_councils_discharge_is_never_proposed_from_another_councils_meeting(engine, nlp):
    january = ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, OTHER_MARCH)
    breakdown = action_like(engine, "breakdown of pothole repair times", january.meeting_id)
    with Session(engine) as session:
        assert session.exec(select(ActionLink).where(ActionLink.action_id == breakdown.id)).all() == []
    march = ingest_text(engine, nlp, MARCH)  # the same council's next meeting does discharge it
    with Session(engine) as session:
        [link] = session.exec(select(ActionLink).where(ActionLink.action_id == breakdown.id,
                                                       ActionLink.kind == "discharge")).all()
    assert link.meeting_id == march.meeting_id
    assert {"pothole", "repair", "ward"} <= set(link.terms.lower().split(", "))  # words, not stems
    assert link.sentence.startswith("The Head of Highways presented the breakdown")


def test_councils_a_proposal_closes_when_the_action_is_done(engine, nlp, make_user):
    officer = user_named(engine, make_user("officer"))
    ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, MARCH)
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with write_session(engine) as session:
        set_action_status(session=session, action_id=breakdown.id, status="done", user=officer, note="sent round")
    with Session(engine) as session:
        states = session.exec(select(ActionLink.state).where(ActionLink.action_id == breakdown.id,
                                                             ActionLink.kind == "discharge")).all()
    assert states == ["closed"]


def test_councils_case_and_title_variants_are_one_person_and_fragments_none(engine, nlp):
    text = JANUARY.replace("Councillor Jones asked", "Cllr Smith asked").replace(
        "Members requested that", "A breakdown by ward was requested and members requested that")
    ingest_text(engine, nlp, text)
    with Session(engine) as session:
        names = session.exec(select(Person.name)).all()
    assert sum(name.endswith("Smith") for name in names) == 1
    assert not any(name.lower().startswith("a breakdown") for name in names)


def test_councils_minutes_naming_no_council_go_to_the_default_one(engine, nlp):
    ingest_text(engine, nlp, JANUARY.replace("council: Testborough\n", ""))
    with Session(engine) as session:
        assert session.exec(select(Council.name)).all() == ["This council"]


def test_councils_publishing_an_undated_meeting_asks_for_the_date(engine, nlp):
    outcome = ingest_text(engine, nlp, JANUARY.replace("date: 2024-01-10\n", ""), publish=False)
    with pytest.raises(CorrectionError, match="date"):
        with write_session(engine) as session:
            publish_meeting(session=session, user=None, meeting_id=outcome.meeting_id)


def test_councils_pages_name_councils_only_when_there_are_two(client, engine, nlp):
    ingest_text(engine, nlp, JANUARY)
    assert "Testborough" not in client.get("/committees").get_data(as_text=True)  # one council: no chrome
    ingest_text(engine, nlp, OTHER_JANUARY)
    page = client.get("/committees").get_data(as_text=True)
    assert "Testborough" in page and "Northshire Police and Crime Panel" in page
    old = client.get("/committees/northshire-police-and-crime-panel-place-scrutiny-committee?page=1")
    new = "/councils/northshire-police-and-crime-panel/committees/northshire-police-and-crime-panel-place-scrutiny-committee"
    assert old.status_code == 308 and old.headers["Location"] == new + "?page=1"  # today's addresses keep working
    assert client.get(new).status_code == 200 and f'href="{new}"' in page
    assert client.get("/councils/testborough/committees/" + new.rsplit("/", 1)[1]).headers["Location"] == new
    api = client.get("/api/committees").get_json()
    assert {row["council"]["name"] for row in api["items"]} == {"Testborough", "Northshire Police and Crime Panel"}


def test_councils_people_search_filters_and_sorts_by_activity(client, engine, nlp):
    ingest_text(engine, nlp, JANUARY)
    ingest_text(engine, nlp, OTHER_JANUARY)
    page = client.get("/people?q=highways").get_data(as_text=True)
    assert page.count(">Head of Highways</a>") == 2 and "Councillor Smith" not in page
    page = client.get("/people?q=highways&council=testborough").get_data(as_text=True)
    assert page.count(">Head of Highways</a>") == 1
    page = client.get("/people?role=councillor").get_data(as_text=True)
    assert "Councillor Smith" in page and "Head of Highways" not in page
    assert client.get("/people?q=nobody-at-all").status_code == 200


def test_councils_search_filters_and_counts_by_council_only_when_there_are_two(client, engine, nlp):
    ingest_text(engine, nlp, JANUARY)
    page = client.get("/search?q=pothole").get_data(as_text=True)
    assert 'id="council"' not in page  # one council: no council filter or facet
    assert "council" not in client.get("/api/search?q=pothole").get_json()["facets"]
    ingest_text(engine, nlp, OTHER_JANUARY)
    page = client.get("/search?q=pothole").get_data(as_text=True)
    assert 'id="council"' in page and '<option value="northshire-police-and-crime-panel"' in page
    found = client.get("/api/search?q=pothole&per_page=100").get_json()
    both = found["facets"]["council"]
    assert set(both) == {"Testborough", "Northshire Police and Crime Panel"} and sum(both.values()) == found["total"]
    narrowed = client.get("/api/search?q=pothole&per_page=100&council=northshire-police-and-crime-panel").get_json()
    assert narrowed["total"] == both["Northshire Police and Crime Panel"]
    assert {hit["meeting"]["council"] for hit in narrowed["hits"]} == {"Northshire Police and Crime Panel"}
    named = client.get("/api/search?q=pothole&council=Testborough").get_json()  # a name works as well as a slug
    assert {hit["meeting"]["council"] for hit in named["hits"]} == {"Testborough"}
    wrong = client.get("/api/search?q=pothole&council=Nowhere")
    assert wrong.status_code == 400 and "No council is called" in wrong.get_json()["message"]
    mixed = client.get("/api/search?q=pothole&council=testborough"
                       "&committee=northshire-police-and-crime-panel-place-scrutiny-committee")
    assert mixed.status_code == 400 and "belongs to the council" in mixed.get_json()["message"]
    feed = client.get("/search/feed?q=pothole&council=northshire-police-and-crime-panel").get_data(as_text=True)
    assert "Northshire Police and Crime Panel: Place Scrutiny Committee" in feed


def test_councils_action_log_filters_by_council_and_calendars_name_it(client, engine, nlp):
    for minutes in (JANUARY, MARCH, OTHER_JANUARY, OTHER_MARCH):  # the next meeting dates "to the next meeting"
        ingest_text(engine, nlp, minutes)
    every = client.get("/api/actions?per_page=100").get_json()["items"]
    panel = client.get("/api/actions?per_page=100&council=northshire-police-and-crime-panel").get_json()["items"]
    assert 0 < len(panel) < len(every)
    assert {row["meeting"]["committee"]["council"]["name"] for row in panel} == {"Northshire Police and Crime Panel"}
    calendar = client.get("/actions/calendar.ics?council=northshire-police-and-crime-panel").get_data(as_text=True)
    assert "From: Northshire Police and Crime Panel: Place Scrutiny Committee" in calendar.replace("\r\n ", "")
    assert "From: Testborough" not in calendar.replace("\r\n ", "")
    assert "NAME:Northshire Police and Crime Panel: action due dates" in calendar


RENAMED_MARCH = MARCH.replace("Place Scrutiny Committee", "Place and Environment Scrutiny Committee")


def test_councils_minutes_naming_the_committee_replaced_carry_its_discharges(engine, nlp):
    january = ingest_text(engine, nlp, JANUARY)
    breakdown = action_like(engine, "breakdown of pothole repair times", january.meeting_id)
    ingest_text(engine, nlp, RENAMED_MARCH)  # a new committee with no word of the old one: nothing is proposed
    with Session(engine) as session:
        assert session.exec(select(ActionLink).where(ActionLink.action_id == breakdown.id)).all() == []
    said = RENAMED_MARCH.replace("date: 2024-03-13", "date: 2024-04-17").replace(
        "---\n", "---\nThe Place and Environment Scrutiny Committee (formerly the Place Scrutiny Committee) met.\n\n")
    april = ingest_text(engine, nlp, said)
    with Session(engine) as session:
        renamed = session.exec(select(Committee).where(Committee.name.startswith("Place and"))).one()
        old = session.exec(select(Committee).where(Committee.name == "Place Scrutiny Committee")).one()
        assert renamed.successor_of_id == old.id
        links = session.exec(select(ActionLink).where(ActionLink.action_id == breakdown.id,
                                                      ActionLink.kind == "discharge")).all()
    assert [link.meeting_id for link in links] == [april.meeting_id]


def test_councils_an_editor_names_the_committee_replaced_on_its_page(client, engine, nlp, login):
    from tests_support import csrf_token

    january = ingest_text(engine, nlp, JANUARY)
    march = ingest_text(engine, nlp, RENAMED_MARCH)
    ingest_text(engine, nlp, OTHER_JANUARY)
    breakdown = action_like(engine, "breakdown of pothole repair times", january.meeting_id)
    login("editor")
    address = "/committees/place-and-environment-scrutiny-committee"
    page = client.get(address, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert 'id="predecessor"' in html and '<option value="place-scrutiny-committee"' in html
    assert "northshire-police-and-crime-panel-place-scrutiny-committee\"" not in html  # only its own council's
    post = page.request.path + "/predecessor"
    refused = client.post(post, data={"csrf_token": csrf_token(page),
                                      "predecessor": "northshire-police-and-crime-panel-place-scrutiny-committee"})
    assert refused.status_code == 400 and "only replace one of its own council" in refused.get_data(as_text=True)
    saved = client.post(post, data={"csrf_token": csrf_token(page), "predecessor": "place-scrutiny-committee"})
    assert saved.status_code == 302
    with Session(engine) as session:
        [link] = session.exec(select(ActionLink).where(ActionLink.action_id == breakdown.id,
                                                       ActionLink.kind == "discharge")).all()
    assert link.meeting_id == march.meeting_id
    shown = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Replaced the <a" in shown and "Place Scrutiny Committee</a>" in shown
    old = client.get("/committees/place-scrutiny-committee", follow_redirects=True)
    looped = client.post(old.request.path + "/predecessor", data={
        "csrf_token": csrf_token(old), "predecessor": "place-and-environment-scrutiny-committee"})
    assert looped.status_code == 400 and "cannot replace its own successor" in looped.get_data(as_text=True)
