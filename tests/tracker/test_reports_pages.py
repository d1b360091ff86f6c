"""The public reads a report's indicators with the questions asked about them; editors attach reports."""

import io

import pytest
from selectolax.lexbor import LexborHTMLParser
from sqlmodel import Session, func, select

from conftest import CORPUS
from tests_support import csrf_token
from tracker.db import write_session
from tracker.reports.models import Indicator, Report
from tracker.reports.reading import read_report_path
from tracker.reports.service import attach_report

SEED = CORPUS / "reports" / "stockport-2023-cfe-mid-year-pprr.txt"


DRAFT_MINUTES = """committee: Children and Families Scrutiny Committee
date: 2023-11-29
---
1. Portfolio Performance and Resources Mid-Year Report

Councillor Secret asked why CFE.71 had fallen so far below its target this quarter.

RESOLVED: That the report be noted.
"""


@pytest.fixture
def seeded(engine, ingest_corpus_file, nlp):
    """Published minutes with the seed report attached, and a draft meeting (asking about CFE.71) with its own copy."""
    from tracker.minutes.readers import read_document
    from tracker.minutes.ingest import ingest_document

    published = ingest_corpus_file("dev/stockport-seed-001.txt", publish=True).meeting_id
    draft = ingest_document(engine=engine, document=read_document(DRAFT_MINUTES.encode(), filename="d.txt"),
                            nlp=nlp).meeting_id
    with write_session(engine) as session:
        public = attach_report(session=session, meeting_id=published, document=read_report_path(SEED)).report_id
        hidden = attach_report(session=session, meeting_id=draft, document=read_report_path(SEED)).report_id
    return {"published": published, "draft": draft, "report": public, "draft_report": hidden}


def text_of(response):
    return " ".join(LexborHTMLParser(response.get_data(as_text=True)).css_first("main").text(separator=" ").split())


def test_reports_pages_report_shows_priorities_indicators_badges_in_words_and_questions(client, seeded):
    response = client.get(f"/reports/{seeded['report']}")
    assert response.status_code == 200
    page = text_of(response)
    assert "Priority 4: All children, young people and families have access" in page
    assert "CFE.71 : Family Early Help Assessments completed within 45 working days" in page
    assert "RAG rating: Red" in page and "Trend: ↑ Improving" in page and "Not rated" in page
    assert "Regarding Priority Four – CFSE50" in page  # the question asked about priority 4
    badges = LexborHTMLParser(response.get_data(as_text=True)).css("span.badge.rag")
    assert len(badges) == 45 and all(b.text().strip() for b in badges)  # words, not colour alone


def test_reports_pages_chair_sees_red_or_worsening_indicators_nobody_asked_about(client, seeded):
    page = text_of(client.get(f"/reports/{seeded['report']}/unasked"))
    assert "CFE 9(i) : Early Years Attainment" in page  # red
    assert "CFE 5 : % of 2 year olds" in page  # green but getting worse
    assert "CFE 8 :" not in page and "CFE.72" not in page  # green and stable; not rated


def test_reports_pages_indicator_page_has_a_chart_and_a_table_of_the_same_values(client, seeded):
    response = client.get("/indicators/cfe-71")
    assert response.status_code == 200
    html = LexborHTMLParser(response.get_data(as_text=True))
    assert html.css_first("svg[role=img] title").text() == "CFE.71: values by date"
    cells = [td.text(separator=" ").strip() for td in html.css("table tbody td")]
    assert "64.5%" in cells and "80%" in cells
    assert client.get("/indicators/cfe-9999").status_code == 404
    assert client.get("/indicators/<script>").status_code == 404


def test_reports_pages_drafts_are_hidden_from_the_public_and_shown_to_editors(client, seeded, login):
    for url in (f"/reports/{seeded['draft_report']}", f"/reports/{seeded['draft_report']}/unasked",
                f"/meetings/{seeded['draft']}/reports"):
        assert client.get(url).status_code == 404, url
    # the draft meeting's questions are not shown beside the public report's indicators either
    for url in (f"/reports/{seeded['report']}", "/indicators/cfe-71", "/reports"):
        page = text_of(client.get(url))
        assert "Councillor Secret" not in page and "fallen so far below" not in page and "Draft" not in page, url
    login("editor")
    assert client.get(f"/reports/{seeded['draft_report']}").status_code == 200
    assert "fallen so far below" in text_of(client.get(f"/reports/{seeded['report']}"))
    assert "fallen so far below" in text_of(client.get("/indicators/cfe-71"))


def test_reports_pages_meeting_page_shows_each_record_with_what_it_was_about(client, seeded):
    page = text_of(client.get(f"/meetings/{seeded['published']}/reports"))
    assert "Regarding Priority Four – CFSE50" in page and "About: Priority 4" in page


def test_reports_pages_escape_what_the_report_says(client, engine, seeded):
    hostile = ("# <script>alert(1)</script> Report\n\nPriority 1: <img src=x onerror=alert(2)>\n"
               "Indicator Name\tGood Perf.\tValues\tTarget\tRAG\n"
               "CFE 1: <b onclick=alert(3)>Bad</b> &lt;script&gt;\tHigh\t1 (30/09/2023)\t2\tR\n")
    from tracker.minutes.readers import read_document

    with write_session(engine) as session:
        report_id = attach_report(session=session, meeting_id=seeded["published"],
                                  document=read_document(hostile.encode(), filename="x.txt")).report_id
    body = client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "<script>alert" not in body and "<img src=x" not in body and "onclick" not in body
    assert "&lt;script&gt;" in body


def test_reports_pages_editor_uploads_a_report_for_a_meeting_item(client, engine, ingest_corpus_file, login):
    meeting = ingest_corpus_file("dev/stockport-seed-001.txt", publish=True).meeting_id
    url = f"/meetings/{meeting}/reports/new"
    assert client.get(url).status_code == 302  # anonymous: sent to sign in
    login("officer")
    assert client.get(url).status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login("editor", "ed")
    form = client.get(url)
    assert form.status_code == 200
    token = csrf_token(form)
    refused = client.post(url, data={"csrf_token": token, "item": "",
                                     "file": (io.BytesIO(b"\x00\x01binary"), "report.exe")},
                          content_type="multipart/form-data")
    assert refused.status_code == 422 and "Upload a .txt" in text_of(refused)
    item = LexborHTMLParser(form.get_data(as_text=True)).css("select#item option")[-1].attributes["value"]
    sent = client.post(url, data={"csrf_token": token, "item": item,
                                  "file": (io.BytesIO(SEED.read_bytes()), "report.txt")},
                       content_type="multipart/form-data")
    assert sent.status_code == 302
    with Session(engine) as session:
        report = session.exec(select(Report)).one()
        assert report.item_id == int(item) and report.source_name == "report.txt"
        assert session.exec(select(func.count()).select_from(Indicator)).one() == 45
    assert "45 indicators" in text_of(client.get(sent.headers["Location"]))
