"""Email alerts through a real SMTP server on loopback (aiosmtpd): subscribing (signed in, or a member of the
public with double opt-in), the alert that arrives, and unsubscribing from its link."""

import datetime as dt
import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller

from tests_support import csrf_token

MINUTES = """committee: Place Scrutiny Panel
date: 2024-05-08
---
1. Highway Defects

Councillor Dale asked how many potholes on the B1234 had been filled since January. The Head of Highways responded that 312 potholes had been filled.

The Head of Highways agreed to circulate the repair programme to Members by 1 June 2024.
"""


class Inbox:
    """What the SMTP server received, parsed as a mail program would."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def inbox():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    yield handler
    controller.stop()


@pytest.fixture
def app(database_url, tmp_path, nlp, inbox):
    from tracker import create_app
    from tests_support import shut_down

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url,
                      "SECRET_KEY": "test", "SECURE_COOKIES": "0", "SMTP_HOST": "127.0.0.1",
                      "SMTP_PORT": str(inbox.port), "MAIL_FROM": "alerts@council.example",
                      "BASE_URL": "http://localhost"})
    app.extensions["tracker.nlp"] = nlp
    yield app
    shut_down(app)


def _ingest(app, nlp, text=MINUTES):
    from tracker.minutes.ingest import ingest_document
    from tracker.minutes.readers import read_document

    return ingest_document(engine=app.extensions["tracker.engine"], document=read_document(text.encode(),
                           filename="m.txt"), nlp=nlp, publish=True)


def _send(app, now):
    from sqlmodel import Session

    from tracker.alerts.mail import mailer_from
    from tracker.alerts.service import AlertLinks, send_due_alerts

    with app.app_context(), Session(app.extensions["tracker.engine"]) as session:
        return send_due_alerts(session=session, now=now, mailer=mailer_from(app.config),
                               links=AlertLinks("http://localhost", "test"), search=app.extensions["tracker.search"])


def _parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def _local(url):
    return url.replace("http://localhost", "")


def test_alerts_public_subscriber_confirms_gets_one_email_and_unsubscribes_by_its_link(app, client, nlp, inbox):
    _ingest(app, nlp, MINUTES.replace("2024-05-08", "2024-03-01"))  # published before anyone subscribed
    form = client.get("/alerts/new?kind=committee&target=place-scrutiny-panel")
    assert form.status_code == 200 and "Place Scrutiny Panel" in form.get_data(as_text=True)
    done = client.post("/alerts/new", data={"kind": "committee", "target": "place-scrutiny-panel",
                                            "email": "resident@example.org", "frequency": "weekly",
                                            "csrf_token": csrf_token(form)})
    assert done.status_code == 200 and "Check your email" in done.get_data(as_text=True)
    (confirmation,) = inbox.messages
    assert confirmation["To"] == "resident@example.org"
    assert _send(app, dt.datetime.now(dt.UTC) + dt.timedelta(days=8)) == 0  # nothing before the confirmation
    confirm_url = re.search(r"http://localhost/alerts/confirm/\S+", _parts(confirmation)[0]).group()
    assert "is confirmed" in client.get(_local(confirm_url)).get_data(as_text=True)

    outcome = _ingest(app, nlp)
    assert _send(app, dt.datetime.now(dt.UTC) + dt.timedelta(days=1)) == 0  # weekly: not yet due
    assert _send(app, dt.datetime.now(dt.UTC) + dt.timedelta(days=8)) == 1
    alert = inbox.messages[-1]
    assert alert["To"] == "resident@example.org" and alert["From"] == "alerts@council.example"
    assert "Place Scrutiny Panel" in alert["Subject"]
    text, html = _parts(alert)
    assert "312 potholes" in text and "312 potholes" in html
    assert re.search(rf"http://localhost/meetings/{outcome.meeting_id}#q-\d+", text)
    assert re.search(rf'href="http://localhost/meetings/{outcome.meeting_id}#r-\d+"', html)
    assert "2024-03-01" not in text and text.count("http://localhost/meetings/") == 4  # item, question, response, action
    unsubscribe = alert["List-Unsubscribe"].strip().strip("<>")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and unsubscribe in text

    page = client.get(_local(unsubscribe))
    assert page.status_code == 200 and "Stop these emails" in page.get_data(as_text=True)
    stopped = client.post(_local(unsubscribe), data={"csrf_token": csrf_token(page)})
    assert "You are unsubscribed" in stopped.get_data(as_text=True)
    _ingest(app, nlp, MINUTES.replace("2024-05-08", "2024-06-12"))
    assert _send(app, dt.datetime.now(dt.UTC) + dt.timedelta(days=30)) == 0


def _officer_follows_the_panel_daily(app, client, nlp, login):
    """An officer (signed in: no confirmation needed) subscribes daily to a committee with one earlier meeting."""
    login("officer")
    _ingest(app, nlp, MINUTES.replace("2024-05-08", "2024-03-01"))
    form = client.get("/alerts/new?kind=committee&target=place-scrutiny-panel")
    client.post("/alerts/new", data={"kind": "committee", "target": "place-scrutiny-panel",
                                     "email": "officer@council.example", "frequency": "daily",
                                     "csrf_token": csrf_token(form)})


def test_alerts_one_click_unsubscribe_needs_no_session(app, client, nlp, inbox, login):
    _officer_follows_the_panel_daily(app, client, nlp, login)
    assert inbox.messages == []  # signed in: no confirmation needed
    _ingest(app, nlp)
    assert _send(app, dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1)) == 1
    unsubscribe = inbox.messages[-1]["List-Unsubscribe"].strip().strip("<>")
    mail_program = app.test_client()  # no cookie, no CSRF token: as RFC 8058 mail programs post
    response = mail_program.post(_local(unsubscribe), data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "no email alerts yet" in client.get("/alerts").get_data(as_text=True)


def test_alerts_the_worker_sends_what_is_due_hourly_once_for_all_workers(app, client, nlp, inbox, login):
    from tracker.jobs.service import run_due_periodic

    _officer_follows_the_panel_daily(app, client, nlp, login)
    _ingest(app, nlp)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1)
    assert run_due_periodic(app, worker="host-a:1", now=tomorrow) == ["alerts.send: 1 alert(s) sent"]
    assert "Place Scrutiny Panel" in inbox.messages[-1]["Subject"]
    # within the hour no worker starts it again; after it, the next run finds nothing new to send
    assert run_due_periodic(app, worker="host-b:2", now=tomorrow + dt.timedelta(minutes=30)) == []
    assert run_due_periodic(app, worker="host-b:2", now=tomorrow + dt.timedelta(minutes=61)) == [
        "alerts.send: 0 alert(s) sent"]
    assert len(inbox.messages) == 1


def test_alerts_tampered_unsubscribe_link_is_refused_and_addresses_stay_private(app, client, nlp, inbox, login):
    _ingest(app, nlp)
    form = client.get("/alerts/new?kind=committee&target=place-scrutiny-panel")
    client.post("/alerts/new", data={"kind": "committee", "target": "place-scrutiny-panel",
                                     "email": "resident@example.org", "csrf_token": csrf_token(form),
                                     "frequency": "weekly"})
    forged = client.get("/alerts/unsubscribe/1.forged")
    assert forged.status_code == 404 and "This link is not valid" in forged.get_data(as_text=True)
    login("officer")
    assert "resident@example.org" not in client.get("/alerts").get_data(as_text=True)
    assert "resident@example.org" not in client.get("/committees/place-scrutiny-panel").get_data(as_text=True)


@pytest.mark.parametrize("address", ["", "not an address", "a@b", "x" * 250 + "@example.org"])
def test_alerts_bad_email_address_gets_a_message_next_to_the_field(app, client, nlp, address):
    _ingest(app, nlp)
    form = client.get("/alerts/new?kind=committee&target=place-scrutiny-panel")
    response = client.post("/alerts/new", data={"kind": "committee", "target": "place-scrutiny-panel",
                                                "email": address, "frequency": "weekly",
                                                "csrf_token": csrf_token(form)})
    assert response.status_code == 400
    assert "email address" in response.get_data(as_text=True)


def test_alerts_officer_gets_weekly_actions_due_and_overdue(app, client, nlp, inbox, login):
    from sqlmodel import Session, select

    from tracker.db import write_session
    from tracker.models import Action, Person, User

    _ingest(app, nlp)
    login("officer", "hoh")
    with write_session(app.extensions["tracker.engine"]) as session:
        person = session.exec(select(Person).where(Person.name == "Head of Highways")).one()
        session.exec(select(User).where(User.username == "hoh")).one().person_id = person.id
    form = client.get("/alerts/new?kind=actions")
    response = client.post("/alerts/new", data={"kind": "actions", "target": "", "email": "hoh@council.example",
                                                "frequency": "weekly", "csrf_token": csrf_token(form)})
    assert response.status_code == 302
    with Session(app.extensions["tracker.engine"]) as session:
        assert session.exec(select(Action).where(Action.owner_id == person.id)).first() is not None
    assert _send(app, dt.datetime.now(dt.UTC) + dt.timedelta(days=7, minutes=1)) == 1
    alert = inbox.messages[-1]
    text, _html = _parts(alert)
    assert "circulate the repair programme" in text and "OVERDUE" in text and "1 overdue" in alert["Subject"]


def test_alerts_send_command_needs_a_mail_server(runner, monkeypatch, tmp_path):
    from tracker.cli import cli

    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path))
    monkeypatch.delenv("TRACKER_SMTP_HOST", raising=False)
    result = runner.invoke(cli, ["alerts", "send"])
    assert result.exit_code != 0 and "TRACKER_SMTP_HOST" in result.output
