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
    assert str(event["SUMMARY"]) == "Action due: Report; costs, by ward and £ figures — " + "é" * 80


def test_exports_fold_line_breaks_name_the_calendar_and_mark_closed_actions(client, engine, two_meetings, make_user):
    """Minutes wrapped mid-sentence must not break a spreadsheet row or a calendar title; a done action's event
    is cancelled, not left looking due."""
    from tracker.actions.service import update_action

    officer = user_named(engine, make_user("officer"))
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with write_session(engine) as session:
        action = session.get(type(breakdown), breakdown.id)
        action.text = "The Head of Highways agreed to provide a breakdown\r\nof pothole repair times\nby ward."
        session.add(action)
    rows = list(csv.reader(io.StringIO(client.get("/actions/export.csv").get_data().decode("utf-8-sig"))))
    assert all("\n" not in cell and "\r" not in cell for row in rows for cell in row)
    assert "The Head of Highways agreed to provide a breakdown of pothole repair times by ward." in [
        row[1] for row in rows]
    calendar = icalendar.Calendar.from_ical(
        client.get("/actions/calendar.ics?committee=place-scrutiny-committee").get_data())
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == \
        "Testborough: Place Scrutiny Committee: action due dates"
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["SUMMARY"]) == ("Action due: The Head of Highways agreed to provide a breakdown of pothole "
                                     "repair times by ward.")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(icalendar.Calendar.from_ical(client.get("/actions/calendar.ics").get_data())["X-WR-CALNAME"]) == (
        "Action due dates: every committee")
    with write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer, status="done")
    event = next(iter(icalendar.Calendar.from_ical(client.get("/actions/calendar.ics").get_data()).walk("VEVENT")))
    assert str(event["STATUS"]) == "CANCELLED" and str(event["SUMMARY"]).startswith("Done: Action due: ")
    feed = feedparser.parse(client.get("/committees/place-scrutiny-committee/actions.atom").get_data())
    assert "The Head of Highways agreed to provide a breakdown of pothole repair times by ward." in [
        entry.title for entry in feed.entries]


def test_exports_the_atom_feed_of_new_actions_parses_with_feedparser(client, engine, two_meetings):
    response = client.get("/committees/place-scrutiny-committee/actions.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "New actions: Testborough: Place Scrutiny Committee"  # the council named, as in documents
    assert len(feed.entries) == 3
    breakdown = action_like(engine, "breakdown of pothole repair times")
    entry = next(e for e in feed.entries if e.link.endswith(f"/actions/{breakdown.id}"))
    assert entry.title.startswith("The Head of Highways agreed")
    assert "Owner: Head of Highways. Due: 2024-03-13." in entry.summary
    assert client.get("/committees/no-such-committee/actions.atom").status_code == 404


def test_exports_the_agenda_pack_docx_is_a4_landscape_with_the_chosen_columns_and_the_latest_note(
        client, engine, two_meetings, make_user):
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    from tracker.actions.pack import set_tracker_columns
    from tracker.actions.service import update_action

    officer, editor = user_named(engine, make_user("officer")), user_named(engine, make_user("editor"))
    numbers = action_like(engine, "actual numbers of repairs", two_meetings[0].meeting_id)
    breakdown = action_like(engine, "breakdown of pothole repair times")
    with write_session(engine) as session:
        update_action(session=session, action_id=numbers.id, user=officer, status="done")
        update_action(session=session, action_id=breakdown.id, user=officer, status="in_progress",
                      note="Business case circulated to members\non 3 May.",
                      evidence_link="https://example.org/business-case")
    response = client.get("/committees/place-scrutiny-committee/tracker?format=docx&meeting=2030-01-15")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.get_data()))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (297, 210)  # A4
    assert document.paragraphs[0].text == "Testborough: Place Scrutiny Committee: action tracker"
    assert document.paragraphs[1].text.startswith("For the meeting of 15 January 2030. Generated ")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["New actions raised at the last meeting (13 March 2024) (1)",
                        "Outstanding actions from earlier meetings (1)",
                        "Completed since the last meeting (13 March 2024) (1)",
                        "Dropped since the last meeting (13 March 2024) (0)"]
    new, outstanding, completed = document.tables
    assert [cell.text for cell in outstanding.rows[0].cells] == [
        "Ref", "Meeting", "Action", "Owner", "Due", "Progress / update", "Status (RAG)"]
    cells = [cell.text for cell in outstanding.rows[1].cells]
    assert cells[:2] == [f"A{breakdown.id}", "10 Jan 2024, item 5"]
    assert cells[3:5] == ["Head of Highways", "13 Mar 2024\nOverdue since March 2024"]
    assert "Business case circulated to members\non 3 May." in cells[5]
    assert cells[5].endswith("Evidence: https://example.org/business-case")
    assert cells[6] == "Red: In progress"
    assert completed.rows[1].cells[6].text.startswith("Complete: Done ")
    assert not completed.rows[1].cells[6].text.endswith(("late", "on time"))  # undated: neither
    with write_session(engine) as session:
        update_action(session=session, action_id=breakdown.id, user=officer, status="done")
    today = dt.date.today()
    late = Document(io.BytesIO(client.get("/committees/place-scrutiny-committee/tracker?format=docx").get_data()))
    assert f"Complete: Done {today.day} {today:%b %Y}, late" in [row.cells[6].text for row in late.tables[1].rows]
    with write_session(engine) as session:  # an editor prints fewer columns
        set_tracker_columns(session=session, committee_id=1, columns=["owner", "progress"], user=editor)
    narrow = Document(io.BytesIO(client.get("/committees/place-scrutiny-committee/tracker?format=docx").get_data()))
    assert [cell.text for cell in narrow.tables[1].rows[0].cells] == ["Action", "Owner", "Progress / update"]
    assert client.get("/committees/place-scrutiny-committee/tracker?format=pdf").status_code == 400
    assert client.get("/committees/place-scrutiny-committee/tracker?meeting=15/01/2030").status_code == 400


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
