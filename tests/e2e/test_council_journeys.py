"""Journeys in a real browser across councils: two councils' same-named committees kept apart, finding a person
on /people, and an editor adding ModernGov minutes whose header is two lines.

Each step is saved as a screenshot in test-artifacts/journeys/<test name>/ for people to look at.
"""

import re
import subprocess
import sys

from playwright.sync_api import expect

from e2e.conftest import EDITOR_PASSWORD, ROOT

MINUTES = """council: {council}
committee: Overview and Scrutiny Committee
date: {date}
---
1. Apologies for Absence

Apologies were received from Councillor Hale.

2. {topic}

The Committee received a report of the Head of {service} on {topic_lower}.

Cllr Yates asked how the service would be funded next year. In response, the Head of {service} advised that a
business case would be brought to a future meeting.

Councillor Yates asked whether residents had been consulted. The Leader confirmed that a consultation had run
over the summer.

RESOLVED – That the report be noted.
"""
TWO_LINE_HEADER = """Scrutiny Committee
Tuesday, 12th March, 2024 7.30 pm

Venue: Council Chamber, Town Hall

No. Item

1. Apologies for Absence

Minutes:

Apologies were received from Councillor Hale.

2. Parking Enforcement Review

Minutes:

Councillor Okafor asked how many penalty notices had been cancelled on appeal. The Head of Parking Services
replied that about one in ten had been cancelled.

RESOLVED – That the report be noted.
"""


def _ingest(live_server, path, *options):
    subprocess.run([sys.executable, "-m", "tracker.cli", "ingest", str(path), "--publish", *options], cwd=ROOT,
                   env=live_server["env"], check=True, capture_output=True)


def test_two_councils_same_named_committees_stay_apart_and_people_are_found_by_search(
        live_server, page, snap, tmp_path):
    url = live_server["url"]
    for council, date, topic, service in (("Eastmoor District Council", "2024-02-06", "Homelessness Services",
                                           "Housing"),
                                          ("Westvale Borough Council", "2024-02-07", "Library Opening Hours",
                                           "Libraries")):
        path = tmp_path / f"{date}.txt"
        path.write_text(MINUTES.format(council=council, date=date, topic=topic, topic_lower=topic.lower(),
                                       service=service), encoding="utf-8")
        _ingest(live_server, path)

    page.goto(url + "/committees")
    items = page.locator(".committee-list li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Eastmoor District Council")
    expect(items.nth(1)).to_contain_text("Westvale Borough Council")
    snap("01-committees-of-two-councils")

    page.get_by_role("link", name="Overview and Scrutiny Committee").nth(1).click()
    expect(page.locator(".council-name")).to_have_text("Westvale Borough Council")
    expect(page.locator(".meeting-list li")).to_have_count(1)
    expect(page.locator(".meeting-list")).to_contain_text("7 February 2024")
    assert page.url.endswith("/councils/westvale-borough-council/committees/"
                              "westvale-borough-council-overview-and-scrutiny-committee")
    snap("02-westvale-committee-has-only-its-own-meeting")
    page.goto(url + "/committees/overview-and-scrutiny-committee")  # today's address still leads there
    assert page.url.endswith("/councils/eastmoor-district-council/committees/overview-and-scrutiny-committee")
    expect(page.locator(".council-name")).to_have_text("Eastmoor District Council")

    page.goto(url + "/people")
    page.get_by_label("Name or post").fill("yates")
    page.get_by_role("button", name="Find").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)  # "Cllr Yates" and "Councillor Yates" are one person in each council
    expect(rows.nth(0)).to_contain_text("Councillor Yates")
    snap("03-people-search-yates")

    page.get_by_label("Council").select_option(label="Eastmoor District Council")
    page.get_by_role("button", name="Find").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr")).to_contain_text("Eastmoor District Council")
    assert re.search(r"council=eastmoor-district-council", page.url)
    snap("04-people-search-one-council")

    page.goto(url + "/people?role=officer")
    expect(page.locator("table tbody")).not_to_contain_text("Yates")
    expect(page.locator("table tbody")).to_contain_text("Head of Housing")
    snap("05-people-officers")


def test_an_editor_adds_minutes_with_a_two_line_header_and_the_committee_and_date_are_read(live_server, page, snap):
    url = live_server["url"]
    page.goto(url + "/login")
    page.get_by_label("User name").fill("dora")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Add minutes").click()
    page.get_by_label("Council or other body").fill("Eastmoor District Council")
    page.get_by_label("Paste the minutes").fill(TWO_LINE_HEADER)
    snap("01-pasted-two-line-header")
    page.get_by_role("button", name="Read the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review:", timeout=60_000)  # the job ran
    expect(page.get_by_label("Committee", exact=True)).to_have_value("Scrutiny Committee")
    expect(page.get_by_label("Council or other body")).to_have_value("Eastmoor District Council")
    expect(page.locator("body")).not_to_contain_text("do not give the meeting date")
    snap("02-review-committee-and-date-read")
    date_value = page.get_by_label("Meeting date").input_value()
    assert "2024" in date_value and ("12" in date_value or "March" in date_value), date_value

    page.get_by_role("link", name="Add minutes").click()
    expect(page.get_by_label("Council or other body")).to_have_value("Eastmoor District Council")  # remembered
    snap("03-council-remembered", full_page=False)
