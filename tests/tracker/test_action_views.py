"""The action tracker's pages: the log with filters, counts and chart; the action page with its sentence,
history, repeats and discharge; status, evidence, owner and due-date changes; My actions; the agenda-pack
tracker; unanswered questions; drafts hidden below editor."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select
from test_action_support import JANUARY, MARCH, action_like, ingest_text, set_meeting_status
from tests_support import csrf_token

from tracker.db import write_session
from tracker.models import Action, ActionEvent, ActionLink, Person, User


@pytest.fixture
def two_meetings(engine, nlp):
    return ingest_text(engine, nlp, JANUARY), ingest_text(engine, nlp, MARCH)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def counts(html):
    return dict((label.strip(), int(n)) for n, label in
                re.findall(r"<li><strong>(\d+)</strong>\s*([a-z ]+?)(?: \(|</li>)", html))


def test_action_views_the_log_shows_counts_a_chart_with_its_table_and_every_action(client, two_meetings):
    html = page(client, "/actions")
    assert counts(html)["actions"] == 3 and counts(html)["still to do"] == 3
    assert '<desc id="chart-committees-desc">Stacked bars. Place Scrutiny Committee: 1 overdue, 0 in progress, 2 open.' in html
    assert "<caption>Still to do, by committee</caption>" in html and "<caption>Done each month</caption>" in html
    assert '<svg viewBox="0 0 640 220" role="img" aria-labelledby="chart-months-title chart-months-desc"' in html
    assert html.count('<tr id="log-a-') == 3
    assert "breakdown of pothole repair times" in html and "Place Scrutiny Committee" in html
    assert "Update<span" not in html  # no status forms for the public


def test_action_views_the_log_filters_by_status_kind_owner_committee_due_window_overdue_and_stale(
        client, engine, two_meetings):
    january, _march = two_meetings
    breakdown = action_like(engine, "breakdown of pothole repair times")  # due 13 March 2024 (next meeting)
    assert breakdown.due_date is not None

    def shown(query):
        return len(re.findall(r'<tr id="log-a-', page(client, f"/actions?{query}")))

    assert shown("kind=report_back") == 1 and shown("kind=include_data") == 2
    assert shown("owner=highways") == 1 and shown("owner=nobody") == 0
    assert shown("committee=place-scrutiny-committee") == 3 and shown("status=done") == 0
    assert shown("due_from=2024-03-01&due_to=2024-03-31") == 1 and shown("due_to=2024-02-01") == 0
    assert shown("overdue=1") == 1  # 13 March 2024 has passed
    assert shown("stale=1") == 2  # the undated requests are months old
    assert page(client, "/committees/place-scrutiny-committee/actions").count('<tr id="log-a-') == 3
    for bad in ("status=nonsense", "due_from=2024-13-01", "kind=%3Cscript%3E", "sort=random",
                "due_from=2024-05-01&due_to=2024-01-01", "owner=" + "x" * 201):
        assert "<script>" not in page(client, f"/actions?{bad}", status=400)
    page(client, "/actions?page=99", status=404)


def test_action_views_the_action_page_shows_the_sentence_in_context_history_repeats_and_discharge(
        client, engine, two_meetings):
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    html = page(client, f"/actions/{numbers.id}")
    assert "<mark>Members requested that future performance reports include the actual numbers" in html
    assert "Stated in the minutes" in html
    assert "Asked 2 times over 2 months" in html
    breakdown = action_like(engine, "breakdown of pothole repair times")
    html = page(client, f"/actions/{breakdown.id}")
    assert "Proposed by the tracker" in html and "Pothole Repair Times by Ward" in html
    assert "Due date: none → 2024-03-13" in html  # dated by the next meeting, in the history
    assert "Confirm<span" not in html  # the public cannot decide
    page(client, "/actions/999999", status=404)
    page(client, "/actions/99999999999", status=404)


def test_action_views_drafts_and_their_actions_are_hidden_below_editor(client, engine, nlp, login):
    draft = ingest_text(engine, nlp, JANUARY, publish=False)
    breakdown = action_like(engine, "breakdown of pothole repair times")
    page(client, f"/actions/{breakdown.id}", status=404)
    assert "pothole" not in page(client, "/actions")
    page(client, "/committees/place-scrutiny-committee/tracker", status=404)
    page(client, f"/meetings/{draft.meeting_id}/unanswered", status=404)
    login("officer")
    page(client, f"/actions/{breakdown.id}", status=404)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login("editor")
    assert "Draft" in page(client, f"/actions/{breakdown.id}")
    assert "pothole" in page(client, "/actions")


def _update(client, action_id, **fields):
    html = client.get(f"/actions/{action_id}")
    token = csrf_token(html)
    seen = re.search(r'name="seen" type="hidden" value="([a-z_]*)"', html.get_data(as_text=True)).group(1)
    data = {"csrf_token": token, "seen": seen, "status": "", "note": "", "evidence_link": "", "back": ""}
    data.update(fields)
    return client.post(f"/actions/{action_id}/update", data=data)


def test_action_views_an_officer_changes_status_and_adds_evidence_from_the_action_page(
        client, engine, two_meetings, login):
    login("officer")
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    response = _update(client, numbers.id, status="in_progress", note="Template being changed",
                       evidence_link="https://example.gov.uk/template")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/actions/{numbers.id}")
    html = page(client, f"/actions/{numbers.id}")
    assert "Action updated: it is in progress." in html
    assert '<a href="https://example.gov.uk/template" rel="nofollow noopener noreferrer">' in html
    with Session(engine) as session:
        fields = [e.field for e in session.exec(select(ActionEvent).where(ActionEvent.action_id == numbers.id))]
    assert fields == ["status", "evidence"]
    dropped = _update(client, numbers.id, status="dropped")
    assert dropped.status_code == 400 and "Say why the action is dropped." in dropped.get_data(as_text=True)
    assert "There is a problem" in dropped.get_data(as_text=True)


def test_action_views_from_the_log_an_officer_returns_to_the_log_but_never_to_another_site(
        client, engine, two_meetings, login):
    login("officer")
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    assert _update(client, numbers.id, status="in_progress",
                   back="/actions?kind=include_data").headers["Location"].endswith("/actions?kind=include_data")
    for evil in ("//evil.example/", "https://evil.example/actions", "/\\evil.example", "/login"):
        location = _update(client, numbers.id, note="checked", back=evil).headers["Location"]
        assert location.endswith(f"/actions/{numbers.id}"), evil


def test_action_views_two_officers_at_once_the_second_is_told_and_nothing_is_overwritten(
        client, engine, two_meetings, login):
    login("officer")
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    form = client.get(f"/actions/{numbers.id}")  # the first officer looks at the page (status: open)
    with write_session(engine) as session:  # meanwhile, a second officer closes it
        other = User(username="second", password_hash="x", role="officer")
        session.add(other)
        session.flush()
        from tracker.actions.service import update_action

        update_action(session=session, action_id=numbers.id, user=other, status="done", seen="open")
    response = client.post(f"/actions/{numbers.id}/update", data={
        "csrf_token": csrf_token(form), "seen": "open", "status": "dropped", "note": "not needed", "back": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "someone else changed this action to done while you were looking" in html.lower()
    with Session(engine) as session:
        assert session.get(Action, numbers.id).status == "done"
    # the form now carries the status seen, so sending it again is a deliberate decision and applies
    assert 'name="seen" type="hidden" value="done"' in html


def test_action_views_status_changes_need_csrf_and_the_officer_role(client, engine, two_meetings, login):
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    anonymous = client.post(f"/actions/{numbers.id}/update", data={"status": "done"})
    assert anonymous.status_code == 400  # no CSRF token
    token = csrf_token(client.get("/login"))
    anonymous = client.post(f"/actions/{numbers.id}/update", data={"status": "done", "csrf_token": token})
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    login("officer")
    refused = client.post(f"/actions/{numbers.id}/owner-due", data={
        "csrf_token": csrf_token(client.get(f"/actions/{numbers.id}")), "owner": "Me", "due_date": "2030-01-01",
        "reason": "x"})
    assert refused.status_code == 403
    with Session(engine) as session:
        assert session.get(Action, numbers.id).status == "open" and session.get(Action, numbers.id).owner is None


def test_action_views_an_editor_moves_the_due_date_only_with_a_reason(client, engine, two_meetings, login):
    login("editor")
    breakdown = action_like(engine, "breakdown of pothole repair times")
    html = page(client, f"/actions/{breakdown.id}")
    assert 'list="people-names"' in html and '<option value="Head of Highways">' in html
    data = {"csrf_token": csrf_token(client.get(f"/actions/{breakdown.id}")), "owner": "Head of Highways",
            "due": "the next meeting", "due_date": "2024-06-30", "reason": ""}
    refused = client.post(f"/actions/{breakdown.id}/owner-due", data=data)
    assert refused.status_code == 400 and "Say why the due date is changing." in refused.get_data(as_text=True)
    saved = client.post(f"/actions/{breakdown.id}/owner-due", data={**data, "reason": "contractor delay"})
    assert saved.status_code == 302
    html = page(client, f"/actions/{breakdown.id}")
    assert "Due date: 2024-03-13 → 2024-06-30" in html and "contractor delay" in html


def test_action_views_an_officer_confirms_a_discharge_and_the_page_says_where(client, engine, two_meetings, login):
    login("officer")
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with Session(engine) as session:
        link = session.exec(select(ActionLink).where(ActionLink.action_id == breakdown.id,
                                                     ActionLink.kind == "discharge")).one()
    html = client.get(f"/actions/{breakdown.id}")
    token = csrf_token(html)
    response = client.post(f"/actions/{breakdown.id}/links/{link.id}",
                           data={"csrf_token": token, "decision": "confirm", "seen": "proposed"})
    assert response.status_code == 302
    html = page(client, f"/actions/{breakdown.id}")
    assert "Discharged at" in html and "Place Scrutiny Committee, 13 March 2024, item 4" in html
    assert 'class="badge status-done">Done' in html
    bad = client.post(f"/actions/{breakdown.id}/links/{link.id}", data={"csrf_token": token, "decision": "maybe"})
    assert bad.status_code == 400


def test_action_views_my_actions_are_those_of_the_person_linked_to_me(client, engine, two_meetings, login):
    username = login("officer")
    assert "You have no actions still to do" in page(client, "/actions/mine")
    with write_session(engine) as session:
        person = session.exec(select(Person).where(Person.name == "Head of Highways")).one()
        user = session.exec(select(User).where(User.username == username)).one()
        user.person_id = person.id
        session.add(user)
    html = page(client, "/actions/mine")
    assert "breakdown of pothole repair times" in html and "actual numbers" not in html
    assert "Update<span" in html  # and can update them from here


def test_action_views_my_actions_needs_signing_in(client):
    response = client.get("/actions/mine")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_action_views_agenda_pack_tracker_shows_sections_rag_and_the_meeting_it_goes_to(client, two_meetings):
    html = page(client, "/committees/place-scrutiny-committee/tracker?meeting=2030-01-15")
    assert "<dt>For</dt><dd>the meeting of 15 January 2030</dd>" in html and "<dt>Generated</dt>" in html
    assert "New actions raised at the last meeting (13 March 2024) (1)" in html
    assert "Outstanding actions from earlier meetings (2)" in html and "Completed since" in html
    assert 'data-label="Progress / update"' in html and "No update recorded" in html
    assert '<span class="rag rag-red">Red</span>' in html and "Overdue since March 2024" in html
    assert "asked 2 times" in html
    assert "Amber, due within 28 days or with no due date over 183 days after its meeting" in html
    assert 'href="/committees/place-scrutiny-committee/tracker?format=docx&amp;meeting=2030-01-15"' in html
    assert "Choose the columns" not in html  # editors only


def test_action_views_an_editor_chooses_the_tracker_columns(client, two_meetings, login):
    url = "/committees/place-scrutiny-committee/tracker/columns"
    assert client.get(url).status_code == 302  # signed out: to the sign-in page
    login("officer")
    assert client.get(url).status_code == 403
    login("editor")
    form = client.get(url)
    assert form.status_code == 200 and 'value="progress" checked' in form.get_data(as_text=True)
    token = csrf_token(form)
    bad = client.post(url, data={"csrf_token": token, "columns": ["owner", "cost"]})
    assert bad.status_code == 400 and "is not a valid choice for this field" in bad.get_data(as_text=True)
    saved = client.post(url, data={"csrf_token": token, "columns": ["owner", "progress"]})
    assert saved.status_code == 302
    html = page(client, "/committees/place-scrutiny-committee/tracker")
    assert "Choose the columns" in html
    headings = re.findall(r'<th scope="col" class="col-(\w+)">', html)
    assert headings[:3] == ["action", "owner", "progress"]
    assert client.post(url, data={"columns": ["owner"]}).status_code == 400  # no CSRF token


def test_action_views_unanswered_questions_per_meeting_and_per_committee(client, two_meetings):
    january, march = two_meetings
    html = page(client, "/committees/place-scrutiny-committee/unanswered")
    assert "gully cleaning programme" in html and "pothole repairs were taking" not in html
    assert "gully cleaning" in page(client, f"/meetings/{january.meeting_id}/unanswered")
    assert "Every question has a recorded response" in page(client, f"/meetings/{march.meeting_id}/unanswered")


def test_action_views_minutes_text_is_escaped_everywhere(client, engine, nlp):
    ingest_text(engine, nlp, JANUARY.replace("by ward to the next meeting", "by ward <script>alert(1)</script> "
                                             "to the next meeting"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    for url in ("/actions", f"/actions/{breakdown.id}", "/committees/place-scrutiny-committee/tracker",
                "/committees/place-scrutiny-committee/actions"):
        html = page(client, url)
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html, url


def test_action_views_a_meeting_published_later_dates_next_meeting_actions(client, engine, nlp):
    ingest_text(engine, nlp, JANUARY)
    march = ingest_text(engine, nlp, MARCH, publish=False)
    assert "13 Mar 2024" not in page(client, "/actions?kind=report_back")
    set_meeting_status(engine, march.meeting_id, "published")
    assert "13 Mar 2024" in page(client, "/actions?kind=report_back")
