"""Journeys for the meeting record: an editor fixes seven typical segmenting errors within three page loads, and
a reader sees the whole minutes with each record marked in place, on a desktop, on a phone and in print.

Screenshots of each step go to test-artifacts/journeys/<test name>/.
"""

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from e2e.conftest import EDITOR_PASSWORD, ROOT
from tracker.db import make_engine

# Written for this test in the style of a ModernGov minutes page. What the segmenter makes of it, and the seven
# corrections a reviewer would make: a heading with no number missed as an agenda item ("Homelessness
# Prevention"); an item heading taken for a comment; a comment and a promise missed; an action with no owner
# and the wrong kind; an answer holding a promise, to split; a responder to name in full.
MINUTES = """\
Housing Scrutiny Panel - Tuesday, 12th March, 2024 7.00 pm

1. Declarations of Interest

Councillor Birch declared a pecuniary interest in item 3 as a landlord in the borough and left the room for that \
item.

2. Minutes of the Previous Meeting

RESOLVED: That the minutes of the meeting held on 6 February 2024 be agreed as a correct record.

3. Private Rented Sector Licensing

The Panel received a report on the first year of the selective licensing scheme. Councillor Cole asked how many \
licences had been refused. The Head of Housing responded that twelve had been refused this year and that the \
figure would be published quarterly. Councillor Amberley noted that tenants in the north ward had reported damp \
in several licensed homes. The Cabinet Member for Housing said that inspections would be increased in the north \
ward from April.

Councillor Birch asked whether landlords had been consulted on the fee. The Head of Housing said that they had \
been consulted in 2023. The Head of Housing agreed to send the Panel the consultation results by the end of April \
2024.

Homelessness Prevention

Councillor Cole asked what the average stay in temporary accommodation was. The Head of Housing replied that it \
was eleven weeks, and would circulate the figures by ward.

RESOLVED: That the report be noted and the Panel receive an update in September 2024.
"""
PAGE_LOAD_BUDGET = 3

# Select `words` inside the element matched by `selector`, counting only minutes text (never the kind labels).
SELECT_WORDS = """([selector, words]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: (node) =>
    node.parentNode.closest('.mark-label, .mark-end') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const text = nodes.map((node) => node.data).join('');
  const start = text.indexOf(words);
  if (start < 0) throw new Error('not found: ' + words);
  const place = (offset) => {
    let total = 0;
    for (const node of nodes) {
      if (offset <= total + node.length) return [node, offset - total];
      total += node.length;
    }
  };
  const range = document.createRange();
  range.setStart(...place(start));
  range.setEnd(...place(start + words.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


def select_words(page, selector: str, words: str) -> None:
    page.evaluate(SELECT_WORDS, [selector, words])


def record_with(page, kind: str, words: str):
    return page.locator(f"li.review-record[id^='rec-{kind}-']").filter(has=page.locator(".record-text",
                                                                                        has_text=words))


def add_from_selection(page, words: str, kind: str, who: str | None = None) -> None:
    select_words(page, "#source-text", words)
    form = page.locator("#add-form")
    expect(form.get_by_label("Text, quoted exactly from the minutes")).to_have_value(words)
    form.get_by_label("Kind").select_option(kind)
    if who:
        form.get_by_label("Person: who asked").fill(who)
    form.get_by_role("button", name="Add the record").click()


def open_corrections(page, kind: str, words: str):
    record = record_with(page, kind, words)
    record.get_by_text(f"Correct this {kind}").click()
    return record


@pytest.fixture(scope="module")
def draft(live_server, tmp_path_factory):
    """MINUTES stored as a draft from the command line; the path of its review page."""
    path = tmp_path_factory.mktemp("minutes") / "housing-scrutiny-2024-03-12.txt"
    path.write_text(MINUTES, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tracker.cli", "ingest", str(path)], cwd=ROOT, env=live_server["env"],
                   check=True, capture_output=True)
    return live_server


def test_an_editor_fixes_seven_errors_on_one_page_within_three_page_loads(draft, browser, snap):
    url = draft["url"]
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(url + "/login")
    page.get_by_label("User name").fill("dora")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(url + "/drafts")
    review = page.get_by_role("link", name=re.compile("Housing Scrutiny Panel")).get_attribute("href")
    review = review if review.endswith("/review") else review.rstrip("/") + "/review"

    loads = []
    page.on("load", lambda: loads.append(page.url))
    page.goto(url + review)
    expect(page.get_by_role("heading", level=1)).to_have_text("Review: Housing Scrutiny Panel, 12 March 2024")
    # side by side: the source pane beside the records
    source_box = page.locator(".review-source").bounding_box()
    records_box = page.locator(".review-records").bounding_box()
    assert source_box["x"] + source_box["width"] <= records_box["x"] and abs(source_box["y"] - records_box["y"]) < 5
    snap("01-review-side-by-side", on=page, full_page=False)

    # moving through the records outlines each one's passage in the source
    record_with(page, "question", "average stay").focus()
    expect(page.locator("#source-text mark.current").first).to_contain_text("average stay")
    snap("02-current-record-in-source", on=page, full_page=False)

    # 1. the heading the segmenter missed becomes an agenda item, taking the records beneath it
    add_from_selection(page, "Homelessness Prevention", "item")
    expect(page.get_by_text("The agenda item “Homelessness Prevention” was added")).to_be_visible()
    expect(page.locator("#records section.item h3", has_text="Homelessness Prevention")).to_be_visible()
    expect(page.locator("#records section.item", has_text="Homelessness Prevention").locator(
        "li.review-record")).to_have_count(4)
    snap("03-item-added", on=page)

    # 2. an item heading taken for a comment is deleted (asked in place, not on a page of its own)
    page.once("dialog", lambda dialog: dialog.accept())
    record = open_corrections(page, "comment", "Minutes of the Previous Meeting")
    record.get_by_role("link", name="Delete this comment").click()
    expect(page.get_by_text("The comment was deleted.")).to_be_visible()
    expect(record_with(page, "comment", "Minutes of the Previous Meeting")).to_have_count(0)

    # 3. a comment the segmenter missed, with its speaker
    add_from_selection(page, "Councillor Amberley noted that tenants in the north ward had reported damp in several "
                       "licensed homes.", "comment", who="Councillor Amberley")
    expect(page.get_by_text("A comment was added.")).to_be_visible()
    expect(record_with(page, "comment", "reported damp").locator(".who")).to_have_text("Councillor Amberley")

    # 4. a promise the segmenter missed, with its owner
    add_from_selection(page, "inspections would be increased in the north ward from April", "action",
                       who="Cabinet Member for Housing")
    expect(page.get_by_text("An action was added.")).to_be_visible()
    expect(record_with(page, "action", "inspections would be increased")).to_contain_text(
        "owner Cabinet Member for Housing")
    snap("04-records-added", on=page)

    # 5. an action with no owner and the wrong kind, both changed in place
    record = open_corrections(page, "action", "the figure would be published quarterly")
    record.get_by_label("Owner").fill("Head of Housing")
    record.get_by_label("Kind of action").select_option("provide_information")
    record.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The action was saved.")).to_be_visible()
    expect(record_with(page, "action", "published quarterly")).to_contain_text(
        "provide information · owner Head of Housing")

    # 6. an answer that also holds a promise is split where the promise starts, chosen by selecting it
    record = open_corrections(page, "response", "eleven weeks")
    select_words(page, f"#{record.get_attribute('id')} .record-text", "and would circulate")
    expect(record.locator(".split-hint")).to_contain_text("start the second part at “and would circulate")
    record.get_by_role("button", name="Split in two").click()
    expect(page.get_by_text("The response was split in two.")).to_be_visible()
    expect(record_with(page, "response", "and would circulate the figures by ward")).to_have_count(1)
    snap("05-split", on=page)

    # 7. the responder named in full
    record = open_corrections(page, "response", "consulted in 2023")
    record.get_by_label("Answered by").fill("Head of Housing and Regeneration")
    record.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The response was saved.")).to_be_visible()
    expect(record_with(page, "response", "consulted in 2023").locator(".who")).to_have_text(
        "Head of Housing and Regeneration")
    snap("06-seven-fixed", on=page)
    page.locator("#add-heading").scroll_into_view_if_needed()
    snap("07-source-pane-and-add-form", on=page, full_page=False)

    assert len(loads) <= PAGE_LOAD_BUDGET, loads
    print(f"\nseven corrections took {len(loads)} page load(s): {loads}")

    # published, the reader's page shows the corrections in the whole minutes
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("These minutes are public")).to_be_visible()
    context.close()


def test_a_reader_sees_the_whole_minutes_with_records_marked_on_desktop_phone_and_in_print(draft, browser, snap):
    url = draft["url"]
    if draft.get("published") is None:  # also when run alone: publish the draft from the command line's database
        engine = make_engine(f"sqlite:///{draft['instance'] / 'tracker.sqlite3'}")
        with engine.begin() as connection:
            connection.execute(text("update meeting set status = 'published', published_at = current_timestamp"))
            connection.execute(text("update data_generation set value = value + 1"))  # as every write does
            draft["published"] = connection.execute(text("select id from meeting order by id")).scalar()
        engine.dispose()
    meeting = f"{url}/meetings/{draft['published']}"
    for name, width in (("desktop", 1280), ("phone", 375)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(meeting)
        declarations = page.locator("#item-1")
        expect(declarations.locator(".minute-text")).to_contain_text("declared a pecuniary interest in item 3")
        expect(declarations).to_contain_text("No questions, answers, comments, resolutions or actions were found")
        label = page.locator(".minute-text a.mark-label", has_text=re.compile(r"^Question 1$"))
        expect(label).to_be_visible()
        expect(page.locator(".minute-text a.mark-label", has_text=re.compile(r"^Answer to question 1$"))).to_be_visible()
        snap(f"01-meeting-{name}-{width}", on=page)
        label.click()
        expect(page).to_have_url(re.compile(r"#q-\d+$"))
        snap(f"02-meeting-{name}-question-from-its-mark", on=page, full_page=False)
        if name == "desktop":
            page.emulate_media(media="print")
            expect(page.locator(".site-header nav")).to_be_hidden()
            expect(page.locator(".site-search")).to_be_hidden()
            expect(page.locator(".minute-text").first).to_be_visible()
            snap("03-meeting-print-preview", on=page)
        context.close()
