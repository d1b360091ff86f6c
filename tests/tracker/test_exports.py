"""Exports read back by real parsers: CSV (csv module, formula cells neutralised), iCalendar (icalendar), Atom
(feedparser), the agenda-pack DOCX (python-docx), and the `tracker actions` command's JSON, CSV and text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import feedparser
import icalendar
import pytest
from docx import Document
from sqlmodel import Session
from test_action_support import JANUARY, MARCH, action_like, ingest_text, user_named

from tracker.actions.log import LogFilters, action_log
from tracker.actions.service import change_owner_or_due
from tracker.db import write_session
from tracker.actions.exports import CSV_COLUMNS, due_calendar, safe_cell


@pytest.fixture
def two_meetings(engine, nlp):
    return ingest_text(engine, nlp, JANUARY), ingest_text(engine, nlp, MARCH)


@pytest.mark.parametrize("value, cell", [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
                                         ("+44 1234", "'+44 1234"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
                                         ("\t=1", "'\t=1"), ("Head of Highways", "Head of Highways"),
                                         (None, ""), (12, "12")])
def test_exports_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value, cell):
    assert safe_cell(value) == cell


def test_exports_csv_of_the_filtered_log_reads_back_with_the_csv_module(client, engine, two_meetings, make_user):
    editor = user_named(engine, make_user("editor"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with write_session(engine) as session:  # a due date typed as a formula (an owner must name someone)
        change_owner_or_due(session=session, action_id=breakdown.id, user=editor, owner=breakdown.owner,
                            due="=cmd|'/c calc'!A1", due_date=breakdown.due_date, reason=None)
    response = client.get("/actions/export.csv?kind=report_back")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == 1
    row = rows[0]
    assert row["due"] == "'=cmd|'/c calc'!A1"
    assert row["text"].startswith("The Head of Highways agreed to provide a breakdown")
    assert (row["due_date"], row["overdue"], row["committee"], row["item_number"]) == (
        "2024-03-13", "yes", "Place Scrutiny Committee", "5")
    assert row["url"] == f"http://localhost/actions/{breakdown.id}"
    everything = list(csv.DictReader(io.StringIO(client.get("/actions/export.csv").get_data().decode("utf-8-sig"))))
    assert len(everything) == 3


def test_exports_the_icalendar_feed_parses_with_an_event_on_each_due_date(client, engine, two_meetings):
    response = client.get("/actions/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.get_data())
    events = [component for component in calendar.walk("VEVENT")]
    breakdown = action_like(engine, "breakdown of pothole repair times")
    assert len(events) == 1  # only one action has a date
    event = events[0]
    assert event.decoded("DTSTART") == dt.date(2024, 3, 13)
    assert str(event["UID"]) == f"action-{breakdown.id}@localhost"
    assert str(event["SUMMARY"]).startswith("Action due: The Head of Highways agreed to provide a breakdown")
    assert "Owner: Head of Highways" in str(event["DESCRIPTION"])
    assert all(len(line.encode()) <= 75 for line in response.get_data(as_text=True).split("\r\n"))


def test_exports_icalendar_escapes_and_folds_awkward_text(engine, two_meetings):
    with Session(engine) as session:
        entries = action_log(session=session, filters=LogFilters(), include_drafts=False,
                             today=dt.date(2024, 9, 1)).entries
    entries[0].action.text = "Report; costs, by ward\nand £ figures — " + "é" * 80
    text = due_calendar(entries, base_url="https://tracker.example", name="Due; dates", host="tracker.example")
    event = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Action due: Report; costs, by ward\nand £ figures — " + "é" * 80


def test_exports_the_atom_feed_of_new_actions_parses_with_feedparser(client, engine, two_meetings):
    response = client.get("/committees/place-scrutiny-committee/actions.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "New actions: Place Scrutiny Committee"
    assert len(feed.entries) == 3
    breakdown = action_like(engine, "breakdown of pothole repair times")
    entry = next(e for e in feed.entries if e.link.endswith(f"/actions/{breakdown.id}"))
    assert entry.title.startswith("The Head of Highways agreed")
    assert "Owner: Head of Highways. Due: 2024-03-13." in entry.summary
    assert client.get("/committees/no-such-committee/actions.atom").status_code == 404


def test_exports_the_agenda_pack_docx_opens_in_python_docx_with_both_tables(client, engine, two_meetings,
                                                                             make_user):
    officer = user_named(engine, make_user("officer"))
    from tracker.actions.service import update_action

    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    with write_session(engine) as session:
        update_action(session=session, action_id=numbers.id, user=officer, status="done")
    response = client.get("/committees/place-scrutiny-committee/tracker?format=docx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.get_data()))
    assert document.paragraphs[0].text == "Place Scrutiny Committee: action tracker"
    still, closed = document.tables
    assert [cell.text for cell in still.rows[0].cells] == ["Action", "Owner", "Due", "Status", "Days overdue",
                                                          "First raised"]
    assert len(still.rows) == 3 and len(closed.rows) == 2
    breakdown_row = next(row for row in still.rows if row.cells[0].text.startswith("The Head of Highways"))
    cells = [cell.text for cell in breakdown_row.cells]
    assert cells[1:3] == ["Head of Highways", "13/03/2024"] and int(cells[4]) > 100 and cells[5] == "10/01/2024"
    assert closed.rows[1].cells[3].text.startswith("Done")
    assert client.get("/committees/place-scrutiny-committee/tracker?format=pdf").status_code == 400


@pytest.fixture
def cli_env(app, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", app.config["INSTANCE_PATH"])
    monkeypatch.setenv("TRACKER_DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("TRACKER_SECRET_KEY", "test")


def test_exports_the_actions_command_prints_the_json_contract(cli_env, runner, two_meetings):
    from tracker.cli import cli

    result = runner.invoke(cli, ["actions", "--format", "json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert len(items) == 3
    first = items[0]  # soonest due first
    assert {"id", "text", "kind", "owner", "due", "due_date", "status", "overdue", "meeting", "item",
            "url"} <= set(first)
    assert first["kind"] == "report_back" and first["due_date"] == "2024-03-13" and first["overdue"] is True
    assert first["meeting"]["date"] == "2024-01-10" and first["meeting"]["committee"] == "Place Scrutiny Committee"
    assert first["item"] == {"number": "5", "title": "Highways Maintenance Update"}
    assert first["url"] == f"/actions/{first['id']}"


@pytest.mark.parametrize("arguments, count", [(["--status", "overdue"], 1), (["--status", "stale"], 2),
                                              (["--status", "done"], 0), (["--owner", "highways"], 1),
                                              (["--committee", "place-scrutiny-committee"], 3)])
def test_exports_the_actions_command_filters_as_the_log_does(cli_env, runner, two_meetings, arguments, count):
    from tracker.cli import cli

    result = runner.invoke(cli, ["actions", *arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == count


def test_exports_the_actions_command_prints_csv_and_text_and_refuses_bad_filters(cli_env, runner, two_meetings):
    from tracker.cli import cli

    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["actions", "--format", "csv"]).output)))
    assert len(rows) == 3 and rows[0]["url"].startswith("/actions/")
    text = runner.invoke(cli, ["actions", "--status", "overdue"]).output
    assert "[open OVERDUE] Place Scrutiny Committee 2024-01-10: The Head of Highways agreed" in text
    assert text.rstrip().endswith("1 action(s)")
    bad = runner.invoke(cli, ["actions", "--committee", "Not A Slug!"])
    assert bad.exit_code != 0 and "committee must be a committee's slug" in bad.output


def test_exports_actions_refresh_dates_next_meeting_actions_and_proposes_links_for_cli_ingests(
        cli_env, runner, engine, nlp):
    """Minutes stored with the tracker's listeners off (as `tracker ingest` does today) are caught up."""
    from sqlmodel import select

    from tracker.cli import cli
    from tracker.models import ActionLink

    ingest_text(engine, nlp, JANUARY)
    with write_session(engine) as session:  # stand in for a process without the listeners
        session.info["tracker.actions.busy"] = True
        from tracker.minutes.readers import read_document
        from tracker.minutes.ingest import ingest_minutes
        from nlp import segment

        ingest_minutes(session=session, document=read_document(MARCH.encode(), filename="m.txt"),
                       minutes=segment(MARCH, nlp=nlp), publish=True)
    assert action_like(engine, "breakdown of pothole").due_date is None
    result = runner.invoke(cli, ["actions", "refresh"])
    assert result.exit_code == 0, result.output
    assert "1 action(s) dated" in result.output
    assert action_like(engine, "breakdown of pothole").due_date == dt.date(2024, 3, 13)
    with Session(engine) as session:
        assert {link.kind for link in session.exec(select(ActionLink)).all()} == {"discharge", "repeat"}
