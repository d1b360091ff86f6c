"""Journeys in a real browser: what a democratic services officer, a councillor and an officer do."""

import re

from playwright.sync_api import expect

from e2e.conftest import EDITOR_PASSWORD, ROOT

CORPUS_FILE = "corpus/unseen/eastmarsh-2023-adults-health-scrutiny.txt"


def sign_in(page, url, username, password):
    page.goto(url + "/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=f"Sign out {username}")).to_be_visible()


def test_journey_editor_uploads_corrects_publishes_and_the_public_follows_a_link(live_server, page, browser, snap):

    url = live_server["url"]
    sign_in(page, url, "dora", EDITOR_PASSWORD)
    snap("1-signed-in")

    page.get_by_role("link", name="Add minutes").click()
    page.get_by_label("Or upload a file").set_input_files(str(ROOT / CORPUS_FILE))
    snap("2-add-minutes")
    page.get_by_role("button", name="Read the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review: Adults and Health Scrutiny Committee")
    expect(page.locator("#source mark").first).to_be_visible()
    snap("3-review")

    # correction 1: the first question's asker is corrected
    question = page.locator("li.review-record[id^='rec-question-']").first
    question.locator("summary").click()
    question.get_by_label("Asked by").fill("Councillor Jane Okafor")
    question.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Councillor Jane Okafor").first).to_be_visible()
    # correction 2: a comment is really a question
    comment = page.locator("li.review-record[id^='rec-comment-']").first
    comment_text = comment.locator(".record-text").first.inner_text()
    comment.locator("summary").click()
    comment.get_by_label("Change it to").select_option("question")
    comment.get_by_role("button", name="Change kind").click()
    snap("4-corrected")

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("These minutes are public")).to_be_visible()
    public_link = page.get_by_role("link", name="the public page").get_attribute("href")

    # a member of the public, signed out, opens the meeting and follows a record's anchor
    visitor = browser.new_context().new_page()
    visitor.goto(url + public_link)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Adults and Health Scrutiny Committee")
    asked = visitor.locator("[id^='q-']", has_text="Councillor Jane Okafor").first
    expect(asked).to_be_visible()
    anchor = asked.get_attribute("id")
    visitor.goto(url + public_link + "#" + anchor)
    expect(visitor.locator(f"#{anchor}")).to_be_in_viewport()
    assert visitor.locator("[id^='q-']", has_text=comment_text[:40]).count() == 1
    visitor.screenshot(path=str(snap.folder / "5-public-record.png"), full_page=False)
    visitor.context.close()
