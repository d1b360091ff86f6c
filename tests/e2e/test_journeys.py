"""Journeys in a real browser: what a democratic services officer, a councillor and an officer do.

Each step is saved as a screenshot in test-artifacts/journeys/<test name>/ for people to look at.
"""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from e2e.conftest import EDITOR_PASSWORD, OFFICER_PASSWORD, ROOT
from factories import build_pdf

MODERNGOV_PAGE = ROOT / "tests" / "tracker" / "fixtures" / "moderngov_agenda_and_minutes.html"
# minutes already published before the councillor and the officer arrive: three committees, all mentioning
# what is to happen "before the next meeting"
PUBLISHED = ("corpus/unseen/eastmarsh-2023-adults-health-scrutiny.txt",
             "corpus/unseen/stanecliffe-2023-place-scrutiny-panel.txt",
             "corpus/unseen/sallowfield-2024-environment-committee.txt")
# the heading wraps where the page ran out, as text taken from a PDF does
PDF_MINUTES = """\
Minutes of a meeting of the Children and Families Scrutiny Committee held at the
Guildhall, Ashbury on Tuesday, 12
March 2024 at 6.00 pm
1. APOLOGIES FOR ABSENCE
Apologies for absence were received from Councillor Hale.
2. SCHOOL TRANSPORT REVIEW
The Head of Education Services introduced the report on home to school transport.
Councillor Marsh asked how many pupils had waited more than an hour for a bus this term.
The Head of Education Services replied that eleven pupils had been affected on two routes.
Councillor Price asked whether the new routes had been checked for road safety.
The Cabinet Member for Children confirmed that every route had been walked by officers.
Members noted that the pilot had been well received by parents.
The Head of Education Services would circulate the route timetables to all Members by 30 April 2024.
RESOLVED - That the report be noted."""
TARGET_BACKGROUND = "rgb(255, 247, 191)"  # tracker.css: .record:target


def text_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, one line of Helvetica per line of `text`, as a word processor saves it."""
    lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.splitlines()]
    shown = b" T* ".join(b"(" + line.encode("latin-1") + b") Tj" for line in lines)
    return build_pdf([b"BT /F1 10 Tf 14 TL 50 760 Td " + shown + b" ET"])


def sign_in(page, url, username, password):
    page.goto(url + "/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=f"Sign out {username}")).to_be_visible()


def choose_file(page, path):
    page.get_by_role("link", name="Add minutes").click()
    page.get_by_label("Or upload a file").set_input_files(str(path))


def read_the_minutes(page):
    page.get_by_role("button", name="Read the minutes").click()
    # the job page follows the worker and lands on the review page
    expect(page.get_by_text("The minutes were stored as a draft")).to_be_visible(timeout=60_000)


def correct_who(page, kind: str, words: str, label: str, name: str):
    """On the review page, give the record of this kind whose own text has these words (not a form quoting it)
    the right person, and see it shown as corrected."""
    record = page.locator(f"li.review-record[id^='rec-{kind}-']").filter(
        has=page.locator(".record-text", has_text=words))
    record.get_by_text(f"Correct this {kind}").click()
    record.get_by_label(label).fill(name)
    record.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(f"The {kind} was saved.")).to_be_visible()
    expect(record.locator(".record-head .who")).to_have_text(name)
    expect(record.locator(".meta", has_text="corrected")).to_be_visible()


def publish(page) -> str:
    """Publish the draft under review; returns the path of its public page."""
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("These minutes are public")).to_be_visible()
    return page.get_by_role("link", name="the public page").get_attribute("href")


@pytest.fixture(scope="module")
def published_minutes(live_server):
    """Three committees' minutes loaded and published from the command line, as scripts/serve.sh does."""
    for args in (("ingest", *PUBLISHED, "--publish"), ("reindex",)):
        subprocess.run([sys.executable, "-m", "tracker.cli", *args], cwd=ROOT, env=live_server["env"], check=True,
                       capture_output=True)
    return live_server


@pytest.fixture
def visitor(browser):
    """A second browser, signed out: a member of the public."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_an_editor_ingests_a_pdf_and_a_moderngov_page_corrects_a_record_in_each_and_publishes(
        live_server, page, visitor, snap, tmp_path):
    url = live_server["url"]
    pdf = tmp_path / "children-and-families-2024-03-12.pdf"
    pdf.write_bytes(text_pdf(PDF_MINUTES))
    sign_in(page, url, "dora", EDITOR_PASSWORD)
    snap("01-signed-in")

    # the PDF: read, reviewed with each passage highlighted in the source text
    choose_file(page, pdf)
    snap("02-pdf-chosen")
    read_the_minutes(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Review: Children and Families Scrutiny Committee, 12 March 2024")
    expect(page.get_by_text("from children-and-families-2024-03-12.pdf (pdf)")).to_be_visible()
    expect(page.locator("#source mark", has_text="Councillor Marsh asked")).to_be_visible()
    snap("03-pdf-review")

    # correction 1: the minutes give the asker's surname only
    correct_who(page, "question", "Councillor Marsh asked", "Asked by", "Councillor Anna Marsh")
    snap("04-pdf-corrected")
    pdf_meeting = publish(page)
    snap("05-pdf-published")

    # the ModernGov page saved from the council's site: only the minutes are read, not the site around them
    choose_file(page, MODERNGOV_PAGE)
    snap("06-moderngov-chosen")
    read_the_minutes(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Review: Scrutiny Committee, 16 October 2024")
    expect(page.locator("#source")).to_contain_text("pothole blitz")
    expect(page.locator("#source")).not_to_contain_text("COOKIE-BANNER-TEXT")
    snap("07-moderngov-review")

    # correction 2: the promise to circulate a list of roads names no owner; the minutes' context does
    correct_who(page, "action", "a list of roads would be circulated", "Owner", "Director of Place")
    snap("08-moderngov-corrected")
    moderngov_meeting = publish(page)
    snap("09-moderngov-published")

    # a member of the public, signed out, sees both sets of minutes with the corrections
    visitor.goto(url + pdf_meeting)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Children and Families Scrutiny Committee")
    expect(visitor.locator("[id^='q-']", has_text="how many pupils had waited")).to_contain_text(
        "Councillor Anna Marsh")
    snap("10-public-pdf-minutes", on=visitor)
    visitor.goto(url + moderngov_meeting)
    expect(visitor.locator("[id^='a-']", has_text="a list of roads would be circulated")).to_contain_text(
        "Director of Place")
    snap("11-public-moderngov-minutes", on=visitor)


def test_a_councillor_searches_a_phrase_narrows_to_a_committee_and_lands_on_the_record(
        published_minutes, visitor, snap):
    url = published_minutes["url"]
    visitor.goto(url + "/")
    visitor.get_by_role("searchbox", name="Search the minutes").fill('"before the next meeting"')
    snap("01-home-search", on=visitor)
    visitor.get_by_role("searchbox", name="Search the minutes").press("Enter")

    facets = visitor.get_by_role("navigation", name="Narrow the results")
    expect(facets.get_by_role("link", name=re.compile("^Adults and Health Scrutiny Committee"))).to_be_visible()
    place = facets.get_by_role("link", name=re.compile("^Place and Economy Scrutiny Panel"))
    expect(place).to_be_visible()
    snap("02-results", on=visitor)

    place.click()
    expect(visitor).to_have_url(re.compile(r"[?&]committee=place-and-economy-scrutiny-panel(&|$)"))
    expect(facets.locator("strong[aria-current='true']")).to_contain_text("Place and Economy Scrutiny Panel")
    hits = visitor.locator("li.hit")
    expect(hits.first).to_be_visible()
    for hit in hits.all():
        expect(hit.locator(".hit-head a")).to_contain_text("Place and Economy Scrutiny Panel")
    hit = hits.filter(has_text="before the next meeting").first
    snap("03-narrowed-to-committee", on=visitor)

    hit.locator(".hit-head a").click()
    expect(visitor).to_have_url(re.compile(r"/meetings/\d+#(q|r|c|res|a)-\d+$"))
    record = visitor.locator(":target")
    expect(record).to_have_count(1)
    assert record.get_attribute("id") == visitor.evaluate("location.hash.slice(1)")
    expect(record).to_contain_text("before the next meeting")
    expect(record).to_have_css("background-color", TARGET_BACKGROUND)
    expect(record).to_be_in_viewport()
    snap("04-landed-on-record", on=visitor, full_page=False)


def test_an_officer_marks_an_overdue_action_done_with_a_note_and_it_leaves_the_overdue_list(
        published_minutes, page, snap):
    url = published_minutes["url"]
    promise = "Write to Anglian Rivers Trust"
    note = "Letter signed by the Chair and sent to the Trust on 2 December."
    sign_in(page, url, "otto", OFFICER_PASSWORD)
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_role("checkbox", name="Overdue").check()
    page.get_by_role("button", name="Show actions").click()
    expect(page).to_have_url(re.compile(r"[?&]overdue=1"))
    overdue_count = page.locator(".counts li", has_text="overdue").locator("strong")
    before = int(overdue_count.inner_text())
    row = page.locator("table.action-log tbody tr", has_text=promise)
    expect(row.locator(".badge.status-overdue")).to_be_visible()
    action_page = row.get_by_role("link", name=re.compile(promise)).get_attribute("href")
    snap("01-overdue-list")

    row.locator("summary", has_text="Update").click()
    row.get_by_label("Status").select_option(label="Done")
    row.get_by_label("Note or evidence").fill(note)
    snap("02-marking-done")
    row.get_by_role("button", name=re.compile("^Save")).click()

    expect(page.get_by_text("Action updated: it is done.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]overdue=1"))
    expect(page.locator("table.action-log tbody tr", has_text=promise)).to_have_count(0)
    expect(overdue_count).to_have_text(str(before - 1))
    snap("03-gone-from-overdue")

    page.goto(url + action_page)
    expect(page.locator(".badge.status-done").first).to_be_visible()
    history = page.locator("#history + .table-wrap table")
    expect(history.locator("tr", has_text=note)).to_contain_text("done")
    snap("04-action-history")


# minutes where the searches of issue 16 have answers: potholes, damp and mould, fly-tipping, waiting lists
FORGIVING = ("corpus/fresh/norbridge-2024-housing-scrutiny-panel.txt",
             "corpus/heldout/carnmore-lisvale-2023-environment-operations-committee.txt",
             "corpus/ledger/westmarsh-2023-adult-social-care-scrutiny.txt")


def test_a_councillor_types_loosely_gets_sensible_results_and_an_officer_subscribes_to_a_search(
        published_minutes, visitor, page, snap):
    url = published_minutes["url"]
    for args in (("ingest", *FORGIVING, "--publish"), ("reindex",)):
        subprocess.run([sys.executable, "-m", "tracker.cli", *args], cwd=ROOT, env=published_minutes["env"],
                       check=True, capture_output=True)
    searches = [
        ("what is the council doing about potholes", "No record has all of your words", "pothole"),
        ("pot holes", None, "pothole"),
        ("potholes on rural roads", "No record has all of your words", "pothole"),
        ("adult social care waiting list", "all of your words", "waiting"),
        ('damp "mould', "quotation mark without a partner", "mould"),
        ("flytipping", None, "fly-tipping"),
    ]
    for number, (typed, notice, found) in enumerate(searches, 1):
        visitor.goto(url + "/")
        visitor.get_by_role("searchbox", name="Search the minutes").fill(typed)
        visitor.get_by_role("searchbox", name="Search the minutes").press("Enter")
        hits = visitor.locator("li.hit")
        expect(hits.first).to_be_visible()
        if notice:
            expect(visitor.locator(".search-notices")).to_contain_text(notice)
        expect(hits.first).to_contain_text(re.compile(found, re.I))
        snap(f"{number:02d}-{re.sub(r'[^a-z]+', '-', typed.lower()).strip('-')}", on=visitor)

    sign_in(page, url, "otto", OFFICER_PASSWORD)
    page.goto(url + "/search?q=damp+and+mould")
    page.get_by_role("link", name="Email me new results").click()
    page.get_by_label("Your email address").fill("otto@council.example")
    page.get_by_label("How often").select_option("daily")
    snap("07-subscribe-to-a-search", on=page)
    page.get_by_role("button", name="Send me alerts").click()
    expect(page.locator("main")).to_contain_text("Search: damp and mould")
    expect(page.locator("main")).to_contain_text("daily")
    snap("08-alerts-listed", on=page)
