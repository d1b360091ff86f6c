"""The public pages: published minutes for everyone, drafts for editors, action status changes for officers."""

import pytest
from selectolax.lexbor import LexborHTMLParser
from sqlmodel import Session, select

from tests_support import csrf_token
from tracker.minutes.readers import read_document
from tracker.minutes.ingest import ingest_document
from tracker.models import Action, ActionEvent, AgendaItem, Meeting, Person, Question, Response

EASTMARSH = "unseen/eastmarsh-2023-adults-health-scrutiny.txt"
COMMITTEE_SLUG = "adults-and-health-scrutiny-committee"

# Minutes as someone might paste them: markup and script in the text itself.
CRAFTED = """committee: Road Safety Panel
date: 2024-03-05
---
1. Road Safety <script>alert(1)</script>

Councillor Smith asked whether <script>alert("q")</script> the report at javascript:alert(2) would be published. \
The Director responded that <a href="javascript:alert(3)">click</a> it would be published in April.

Councillor Jones commented that <b>bold</b> claims were made.

RESOLVED: That the <img src=x onerror=alert(4)> report be noted.

The Director would circulate a briefing note to members by 30 April 2024.
"""


@pytest.fixture
def ingest_text(engine, nlp, tmp_path):
    """ingest_text(text, publish=...) stores minutes given as text, keeping the original as an upload would."""

    def ingest(text, *, publish, committee=None, filename="x.txt"):
        data = text.encode("utf-8")
        return ingest_document(engine=engine, document=read_document(data, filename=filename), nlp=nlp,
                               committee=committee, publish=publish, original=data,
                               uploads=tmp_path / "instance" / "uploads")

    return ingest


def status_of(client, url, **options):
    with client.get(url, **options) as response:  # closed, so a file sent from disk is not left open
        return response.status_code


def html(response):
    return LexborHTMLParser(response.get_data(as_text=True))


def first_open_action(engine, meeting_id):
    with Session(engine) as session:
        return session.exec(select(Action).where(Action.meeting_id == meeting_id, Action.status == "open")
                            .order_by(Action.position)).first()


def post_status(client, action, csrf, **fields):
    data = {f"a{action.id}-{name}": value for name, value in fields.items()}
    if csrf is not None:
        data["csrf_token"] = csrf
    return client.post(f"/actions/{action.id}/status", data=data)


def test_pages_the_public_sees_published_meetings_and_never_drafts(client, engine, login, ingest_corpus_file,
                                                                   ingest_text):
    published = ingest_corpus_file(EASTMARSH, publish=True)
    draft = ingest_text(CRAFTED, publish=False)
    with Session(engine) as session:
        only_in_draft = session.exec(select(Person).where(Person.name == "Councillor Smith")).one()
    draft_urls = [f"/meetings/{draft.meeting_id}", f"/meetings/{draft.meeting_id}/source",
                  "/committees/road-safety-panel", f"/people/{only_in_draft.id}"]

    home = html(client.get("/"))
    assert home.css_first(f'a[href="/meetings/{published.meeting_id}"]') is not None
    assert home.css_first(f'a[href="/meetings/{draft.meeting_id}"]') is None
    assert "Road Safety Panel" not in client.get("/committees").get_data(as_text=True)
    assert "Councillor Smith" not in client.get("/people").get_data(as_text=True)
    assert client.get(f"/meetings/{published.meeting_id}").status_code == 200
    for url in draft_urls:
        assert status_of(client, url) == 404, url

    login("editor")
    link = html(client.get("/")).css_first(f'a[href="/meetings/{draft.meeting_id}"]')
    assert link is not None and "Draft" in link.parent.text()
    for url in draft_urls:  # the committee's page by way of its council's address (two councils here)
        assert status_of(client, url, follow_redirects=True) == 200, url


def test_pages_a_meeting_shows_its_items_in_order_with_answers_beneath_questions(client, engine, ingest_corpus_file):
    outcome = ingest_corpus_file(EASTMARSH, publish=True)
    with Session(engine) as session:
        items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == outcome.meeting_id)
                             .order_by(AgendaItem.position)).all()
        answered = session.exec(select(Response).where(Response.meeting_id == outcome.meeting_id,
                                                       Response.question_id.is_not(None))).first()
        question = session.get(Question, answered.question_id)
    page = html(client.get(f"/meetings/{outcome.meeting_id}"))

    sections = page.css("main section.item[id^=item-]")
    assert [s.attributes["id"] for s in sections] == [f"item-{n}" for n in range(1, len(items) + 1)]
    assert [s.css_first("h2").text(strip=True) for s in sections] == [
        f"{item.number}{item.title}" for item in items]
    thread = page.css_first(f"#q-{question.id}")
    number = thread.css_first(".badge").text().removeprefix("Question ")
    assert number.isdecimal()
    reply = thread.css_first(f"#r-{answered.id}")  # threaded inside the question it answers
    assert reply is not None and reply.css_first(".badge").text() == f"Answer to question {number}"
    if question.asker_id:
        assert thread.css_first(f'a[href="/people/{question.asker_id}"]').text() == question.asker


def test_pages_the_original_minutes_download_as_an_attachment_with_a_safe_name(client, ingest_text):
    outcome = ingest_text(CRAFTED, publish=True, filename="..\u202etxt.exe <script>.txt")
    with client.get(f"/meetings/{outcome.meeting_id}/source") as response:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == "attachment; filename=road-safety-panel-2024-03-05.txt"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.get_data(as_text=True) == CRAFTED


def test_pages_script_and_javascript_links_in_minutes_are_shown_as_text(client, engine, ingest_text):
    outcome = ingest_text(CRAFTED, publish=True)
    with Session(engine) as session:
        smith = session.exec(select(Person).where(Person.name == "Councillor Smith")).one()
    for url in (f"/meetings/{outcome.meeting_id}", f"/people/{smith.id}", "/committees/road-safety-panel"):
        body = client.get(url).get_data(as_text=True)
        page = LexborHTMLParser(body)
        assert "<script>alert" not in body, url
        assert not [a for a in page.css("a") if "javascript" in a.attributes.get("href", "").lower()], url
        assert page.css("[onerror]") == [] and page.css("main b") == [], url
    meeting = client.get(f"/meetings/{outcome.meeting_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in meeting  # shown, as written, in the item title


def test_pages_an_officer_changes_an_action_status_with_a_note_and_the_history_keeps_it(client, engine, login,
                                                                                       ingest_corpus_file):
    outcome = ingest_corpus_file(EASTMARSH, publish=True)
    action = first_open_action(engine, outcome.meeting_id)
    login("officer")
    page = client.get(f"/meetings/{outcome.meeting_id}")
    form = html(page).css_first(f"#a-{action.id} form")
    assert form.attributes["action"] == f"/actions/{action.id}/status"

    response = post_status(client, action, csrf_token(page), status="in_progress", note="Data requested from NHS",
                           seen="open")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{outcome.meeting_id}#a-{action.id}")
    shown = client.get(response.headers["Location"])
    assert "Action updated: it is now in progress." in shown.get_data(as_text=True)
    record = html(shown).css_first(f"#a-{action.id}")
    assert "In progress" in record.css_first(".status-in_progress").text()
    assert "Data requested from NHS" in record.text()
    with Session(engine) as session:
        event = session.exec(select(ActionEvent).where(ActionEvent.action_id == action.id)).one()
    assert (event.field, event.old, event.new, event.note) == ("status", "open", "in_progress",
                                                              "Data requested from NHS")
    assert event.user_id is not None


def test_pages_status_changes_need_a_signed_in_officer_and_a_csrf_token(client, engine, login, ingest_corpus_file,
                                                                        ingest_text):
    outcome = ingest_corpus_file(EASTMARSH, publish=True)
    action = first_open_action(engine, outcome.meeting_id)
    anonymous = post_status(client, action, csrf_token(client.get("/login")), status="done")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert html(client.get(f"/meetings/{outcome.meeting_id}")).css("form[action$='/status']") == []  # no forms shown

    login("officer")
    assert post_status(client, action, None, status="done").status_code == 400
    draft = ingest_text(CRAFTED, publish=False)
    hidden = first_open_action(engine, draft.meeting_id)
    token = csrf_token(client.get("/"))
    assert post_status(client, hidden, token, status="done").status_code == 404  # a draft is not there for officers
    assert client.get(f"/actions/{action.id}/status").status_code == 405  # no change on GET
    with Session(engine) as session:
        assert {session.get(Action, a.id).status for a in (action, hidden)} == {"open"}


def test_pages_dropping_an_action_needs_a_reason_and_a_change_made_meanwhile_is_not_overwritten(
        client, engine, login, ingest_corpus_file):
    outcome = ingest_corpus_file(EASTMARSH, publish=True)
    action = first_open_action(engine, outcome.meeting_id)
    login("officer")
    token = csrf_token(client.get(f"/meetings/{outcome.meeting_id}"))

    refused = post_status(client, action, token, status="dropped", note="  ", seen="open")
    assert refused.status_code == 400
    note = html(refused).css_first(f"#a-{action.id} .field-error")
    assert "Say why the action is dropped" in note.text()

    assert post_status(client, action, token, status="done", seen="open").status_code == 302
    stale = post_status(client, action, token, status="in_progress", seen="open")  # a second officer's old page
    assert stale.status_code == 400 and "Someone else changed this action to done" in stale.get_data(as_text=True)
    again = html(stale).css_first(f'#a-{action.id} input[name="a{action.id}-seen"]')
    assert again.attributes["value"] == "done"  # having now seen it, the officer can send the change again
    with Session(engine) as session:
        assert session.get(Action, action.id).status == "done"


def test_pages_a_committee_lists_its_meetings_and_an_action_log_with_overdue_in_words(client, ingest_corpus_file,
                                                                                     ingest_text):
    ingest_corpus_file(EASTMARSH, publish=True)
    outcome = ingest_text(CRAFTED, publish=True)
    page = html(client.get("/committees/road-safety-panel", follow_redirects=True))  # to its council's address
    assert page.css_first(f'main a[href="/meetings/{outcome.meeting_id}"]') is not None
    statuses = [row.css("td")[-1].text(separator=" ", strip=True) for row in page.css("table.action-log tbody tr")]
    assert statuses and all(status == "Open Overdue" for status in statuses)  # due by April 2024, still open
    committees = html(client.get("/committees"))
    assert committees.css_first(f'a[href$="/committees/{COMMITTEE_SLUG}"]') is not None


def test_pages_a_person_page_links_each_record_to_its_place_in_the_minutes(client, engine, ingest_corpus_file):
    outcome = ingest_corpus_file(EASTMARSH, publish=True)
    with Session(engine) as session:
        question = session.exec(select(Question).where(Question.asker_id.is_not(None))).first()
    people = html(client.get("/people"))
    assert people.css_first(f'a[href="/people/{question.asker_id}"]') is not None
    page = html(client.get(f"/people/{question.asker_id}"))
    assert page.css_first(f'a[href="/meetings/{outcome.meeting_id}#q-{question.id}"]') is not None


def test_pages_unknown_ids_and_bad_page_numbers_are_not_found(client, ingest_corpus_file):
    outcome = ingest_corpus_file(EASTMARSH, publish=True)
    for url in ("/meetings/999", "/meetings/abc", "/meetings/-1", "/meetings/99999999999999999999",
                "/meetings/999/source", "/people/999", "/people/1.5", "/people/999999999999999999",
                "/committees/no-such-committee", "/committees/nul%00", "/committees/%E2%80%AEx",
                "/?page=0", "/?page=-1", "/?page=abc", "/?page=2", "/?page=99999999999999",
                "/people?page=9", f"/committees/{COMMITTEE_SLUG}?page=2"):
        assert status_of(client, url) == 404, url
    assert client.get(f"/meetings/{outcome.meeting_id}?page=abc").status_code == 200  # pages only where lists are


# Minutes where an item yields no record but says something a reader needs (a declared interest).
DECLARED = """committee: Housing Scrutiny Panel
date: 2024-05-14
---
Present: Councillors Amberley (Chair), Birch and Cole.

1. Declarations of Interest

Councillor Birch declared a pecuniary interest in item 2 as a landlord in the borough and left the room.

2. Private Rented Sector Licensing

The Panel received a report on the licensing scheme.

Councillor Cole asked how many licences had been refused. The Head of Housing responded that twelve had been refused this year.

RESOLVED: That the report be noted.
"""


def _minutes_text(section):
    """What a reader of the page sees as the minutes in `section`, without the record labels set into it."""
    for node in section.css(".mark-label, .mark-end"):
        node.decompose()
    return " ".join(section.text().split())


def test_pages_a_meeting_shows_the_whole_minutes_with_each_record_marked_where_it_stands(client, engine, ingest_text):
    outcome = ingest_text(DECLARED, publish=True)
    with Session(engine) as session:
        meeting_text = session.get(Meeting, outcome.meeting_id).text
        question = session.exec(select(Question).where(Question.meeting_id == outcome.meeting_id)).one()
        answer = session.exec(select(Response).where(Response.question_id == question.id)).one()
    page = html(client.get(f"/meetings/{outcome.meeting_id}"))

    shown = " ".join(_minutes_text(section) for section in page.css("main .minute-text"))
    assert shown == " ".join(meeting_text.split())  # nothing in the minutes is left out
    declarations = page.css_first("#item-1")
    assert "declared a pecuniary interest in item 2" in _minutes_text(declarations.css_first(".minute-text"))
    assert "No questions, answers, comments, resolutions or actions were found" in declarations.text()

    page = html(client.get(f"/meetings/{outcome.meeting_id}"))  # again: reading the text above took the labels out
    asked = page.css_first(f'.minute-text a.mark-label[href="#q-{question.id}"]')
    assert asked.text() == "Question 1" and asked.attributes["id"] == f"m-q-{question.id}"
    answered = page.css_first(f'.minute-text a.mark-label[href="#r-{answer.id}"]')
    assert answered.text() == "Answer to question 1"
    marked = " ".join(m.text() for m in page.css(f'mark[data-records~="question-{question.id}"]'))
    assert " ".join(marked.split()) == " ".join(question.text.split())
    assert page.css_first(f'#q-{question.id} a.in-minutes').attributes["href"] == f"#m-q-{question.id}"
