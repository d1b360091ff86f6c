"""What officers circulate and print, in a real browser: the agenda-pack tracker page, its print to PDF (rendered
to an image and looked at), its Word document (opened with python-docx: no office suite here renders it), the
action log's charts, and a fresh ``scripts/serve.sh`` whose Reports page lists the sample report.

Screenshots go to test-artifacts/journeys/<test>/ for people to look at.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from playwright.sync_api import expect

from e2e.conftest import ROOT, _free_port, wait_until_serving

# Four meetings of one education committee (so there are new, outstanding and closed actions), and the meeting
# the sample performance report went to.
MINUTES = ["corpus/fresh/strathdee-2022-education-committee-scotland.txt",
           "corpus/heldout/lochardie-2024-education-childrens-services-committee.txt",
           "corpus/quarry/glenbervie-2024-education-children-committee.txt",
           "corpus/vault/glenmorven-2024-education-childrens-services-committee.txt",
           "corpus/vault/calderbrook-2023-children-young-people-scrutiny.txt"]
COMMITTEE = "education-and-children-s-services-committee"
REPORT = "corpus/reports/stockport-2023-cfe-mid-year-pprr.txt"


def _tracker(live_server, *args):
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], text=True, cwd=ROOT, env=live_server["env"],
                          check=True, capture_output=True)


@pytest.fixture(scope="module")
def demo(live_server):
    """The live server with the minutes above, the sample report and the demo's history of updates."""
    _tracker(live_server, "ingest", *MINUTES, "--publish")
    _tracker(live_server, "ingest-report", REPORT, "--committee", "Children and Young People Scrutiny Committee",
             "--date", "2023-11-15")
    seeded = _tracker(live_server, "demo", "seed")
    assert " done (" in seeded.stdout
    return live_server


def test_the_agenda_pack_tracker_page_prints_to_a4_landscape_and_downloads_as_word(demo, page, snap, tmp_path):
    import pypdfium2

    url = demo["url"] + f"/committees/{COMMITTEE}/tracker"
    page.goto(url)
    page.get_by_label("Date of the meeting it goes to").fill("2027-01-20")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Action tracker: Strathdee Council: Education and Children's Services Committee")  # the demo holds many councils
    expect(page.locator(".pack-head")).to_contain_text("the meeting of 20 January 2027")
    for section in ("New actions raised at the last meeting", "Outstanding actions from earlier meetings",
                    "Completed since the last meeting", "Dropped since the last meeting"):
        expect(page.get_by_role("heading", level=2, name=section)).to_be_visible()
    expect(page.locator("td.col-progress .note").first).to_be_visible()  # the demo's progress notes
    expect(page.locator(".rag-red").first).to_have_text("Red")
    snap("01-tracker")

    # print preview: the browser's print media, at the width of A4 landscape
    page.set_viewport_size({"width": 1123, "height": 794})
    page.emulate_media(media="print")
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator("form.pack-meeting")).to_be_hidden()
    snap("02-print-preview")
    pdf_path = tmp_path / "tracker.pdf"
    page.pdf(path=str(pdf_path), prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    printed = pypdfium2.PdfDocument(str(pdf_path))
    width, height = printed[0].get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    first_page = printed[0].get_textpage().get_text_range()
    assert "Action tracker: Strathdee Council: Education and" in first_page and "Status key" in first_page
    assert "Sign in" not in first_page and "Download as a Word document" not in first_page
    printed[0].render(scale=1.5).to_pil().save(snap.folder / "03-printed-pdf-page-1.png")
    printed.close()

    # the Word document, as a council officer downloads it
    page.set_viewport_size({"width": 1200, "height": 900})
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a Word document").click()
    assert download.value.suggested_filename.startswith(f"{COMMITTEE}-action-tracker-")
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (297, 210)
    assert document.paragraphs[1].text.startswith("For the meeting of 20 January 2027. Generated ")
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Ref", "Meeting", "Action", "Owner", "Due", "Progress / update", "Status (RAG)"]
    shown_notes = page.locator("td.col-progress .note").all_inner_texts()
    word_cells = [row.cells[5].text for table in document.tables for row in table.rows[1:]]
    assert any(shown_notes[0] in cell for cell in word_cells)  # the page's latest note is in Word too


def test_the_action_log_charts_open_actions_by_committee_and_done_on_time_or_late(demo, page, snap):
    page.goto(demo["url"] + "/actions")
    committees = page.get_by_role("img", name="Actions still to do, by committee and status (today)")
    expect(committees).to_be_visible()
    months = page.get_by_role("img", name="Actions done each month over the last year: on time or late")
    expect(months).to_be_visible()
    table = page.get_by_role("table", name="Done each month")
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(page.get_by_role("table", name="Still to do, by committee")).to_contain_text(
        "Education and Children's Services Committee")
    done = sum(int(n) for n in table.locator("tbody td:nth-child(2), tbody td:nth-child(3)").all_inner_texts())
    assert done > 0  # the demo's history shows in the chart
    page.locator(".chart-pair").first.scroll_into_view_if_needed()
    snap("01-charts")
    # soonest due first: the oldest overdue action leads, and says since when rather than a day count
    expect(page.locator(".badge.status-overdue").first).to_have_text(re.compile(r"^Overdue since [A-Z][a-z]+ \d{4}$"))


def test_a_fresh_serve_sh_lists_the_sample_report_and_a_demo_with_history(browser, tmp_path):
    instance, port = tmp_path / "instance", _free_port()
    env = {**os.environ, "TRACKER_INSTANCE": str(instance), "PORT": str(port)}
    env.pop("TRACKER_DATABASE_URL", None)
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, server, server.stdout, seconds=600)  # it loads the whole corpus first
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.goto(url + "/reports")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator("main table")).to_contain_text("Children and Young People Scrutiny Committee")
        folder = ROOT / "test-artifacts" / "journeys" / "test_a_fresh_serve_sh_lists_the_sample_report"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "01-reports.png"), full_page=True)
        page.goto(url + "/actions?status=done")
        expect(page.locator('tr[id^="log-a-"]').first).to_be_visible()  # the demo step closed some
        page.screenshot(path=str(folder / "02-done-actions.png"))
        context.close()
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        server.stdout.close()
