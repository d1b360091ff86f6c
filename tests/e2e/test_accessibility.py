"""Accessibility in a real browser: axe-core at WCAG 2.2 A/AA on every page type and state, a keyboard-only
walk of the ingest review page, and reflow at 320 CSS pixels.

The pages come from the app's url_map (like the security walk), so a page added later is checked without
touching this file; its URL arguments are filled with ids of real rows. axe-core is vendored from the npm
registry in tests/e2e/vendor/ (see its README).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError, expect
from sqlalchemy import text
from werkzeug.routing import AnyConverter

from e2e.conftest import EDITOR_PASSWORD, OFFICER_PASSWORD, ROOT

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ADMIN_PASSWORD = "admin password 1"
PUBLISHED = "corpus/unseen/eastmarsh-2023-adults-health-scrutiny.txt"
DRAFT = "corpus/unseen/sallowfield-2024-environment-committee.txt"
REPORT = "corpus/reports/stockport-2023-cfe-mid-year-pprr.txt"
# GET routes that are not HTML pages for people (data, files) or are only ever reached by a form
NOT_PAGES = ("/api/", "/static/", "/search/feed", "/meetings/<meeting_id>/source")


def _tracker(live_server, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], input=stdin, text=True, cwd=ROOT,
                          env=live_server["env"], check=True, capture_output=True)


@pytest.fixture(scope="module")
def site(live_server):
    """The live server with an admin, a published and a draft meeting, a report, and ids for every URL argument."""
    _tracker(live_server, "users", "add", "ada", "--role", "admin", stdin=ADMIN_PASSWORD + "\n")
    _tracker(live_server, "ingest", PUBLISHED, "--publish")
    _tracker(live_server, "ingest", DRAFT)
    _tracker(live_server, "ingest-report", REPORT, "--meeting", "1")
    _tracker(live_server, "reindex")
    from tracker.db import make_engine

    engine = make_engine(f"sqlite:///{live_server['instance'] / 'tracker.sqlite3'}")
    with engine.connect() as connection:
        def first(query):
            return connection.execute(text(query)).scalar()

        ids = {
            "meeting_id": 1, "draft_id": first("select id from meeting where status = 'draft'"),
            "slug": first("select slug from committee order by id"),
            "council": first("select k.slug from council k join committee c on c.council_id = k.id order by c.id"),
            "kind": "action", "record_id": first("select id from action where meeting_id = 1 order by id"),
            "person_id": first("select id from person order by id"),
            "report_id": first("select id from report order by id"),
            "user_id": first("select id from user_account where username = 'otto'"),
            "key": first("select key from report_indicator where key is not null order by id"),
        }
    engine.dispose()
    assert all(value is not None for value in ids.values()), ids
    return {**live_server, "ids": ids}


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per role, CSP bypassed so axe can be injected; signed in once each."""
    made = {}

    def context_for(role, url):
        if role not in made:
            context = browser.new_context(viewport={"width": 1200, "height": 900}, bypass_csp=True)
            context.set_default_timeout(15_000)
            if role:
                name, password = {"admin": ("ada", ADMIN_PASSWORD), "editor": ("dora", EDITOR_PASSWORD),
                                  "officer": ("otto", OFFICER_PASSWORD)}[role]
                page = context.new_page()
                page.goto(url + "/login")
                page.get_by_label("User name").fill(name)
                page.get_by_label("Password").fill(password)
                page.get_by_role("button", name="Sign in").click()
                expect(page.get_by_role("button", name=f"Sign out {name}")).to_be_visible()
                page.close()
            made[role] = context
        return made[role]

    yield context_for
    for context in made.values():
        context.close()


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it stands; one line per violation and node."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').join(' '))}));
        }""", WCAG_22_AA)
    return [f"{v['id']} ({v['impact']}): {v['help']} -- {node}" for v in violations for node in v["nodes"][:5]]


def _page_urls(site) -> list[tuple[str, str]]:
    """(role, path) for every HTML GET route in the url_map, arguments filled with real ids."""
    from tracker import create_app

    app = create_app({"INSTANCE_PATH": str(site["instance"]), "TESTING": True})
    ids, urls = site["ids"], []
    try:
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods or rule.rule.startswith(NOT_PAGES) or rule.rule in NOT_PAGES:
                continue
            values = {}
            for name in rule.arguments:
                converter = rule._converters.get(name)
                if isinstance(converter, AnyConverter):
                    values[name] = ids["kind"] if ids["kind"] in converter.items else sorted(converter.items)[0]
                else:
                    values[name] = ids.get(name, 1)
            path = rule.build(values, append_unknown=False)[1]
            role = getattr(app.view_functions[rule.endpoint], "required_role", None)
            if rule.rule.startswith("/admin"):
                role = "admin"
            urls.append(("admin", path))
            if role is None and ("<" not in rule.rule or rule.endpoint == "pages.meeting"):
                urls.append((None, path))  # the public sees a different header and no editing or status forms
            if role is not None and role != "admin" and "<" not in rule.rule:
                urls.append((str(role), path))
    finally:
        app.extensions["tracker.engine"].dispose()
    # states a route walk does not reach: drafts, forms with errors, error pages, search results
    urls += [("editor", f"/meetings/{ids['draft_id']}/review"), ("admin", f"/meetings/{ids['draft_id']}"),
             ("admin", "/search?q=care+home"), ("admin", "/search?q=%22unbalanced"),
             (None, "/search?q=care&kind=action"), (None, "/search?q=zzzzqqq"),
             (None, "/no/such/page"), ("officer", "/drafts"), (None, "/people?page=999"),
             (None, "/search?q=what+is+the+council+doing+about+care"), (None, "/search?q=care+%22home"),
             (None, f"/alerts/new?kind=committee&target={ids['slug']}")]
    return urls


def test_accessibility_axe_finds_violations_when_there_are_some(browser):
    """The check can fail: a page with an unlabelled field, an image without text and low contrast."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content('<html lang="en"><title>t</title><main><h1>Bad</h1><img src="x.png">'
                     '<input type="text"><p style="color:#bbb;background:#fff">faint</p></main></html>')
    found = " ".join(axe_violations(page))
    context.close()
    assert all(rule in found for rule in ("image-alt", "label", "color-contrast")), found


def _is_html_page(page, address: str) -> bool:
    """Open `address`; False (the page closed) for a calendar or file download, which is no page."""
    try:
        response = page.goto(address)
    except PlaywrightError as error:
        if "Download is starting" not in error.message:
            raise
        page.close()
        return False
    if "text/html" not in response.headers.get("content-type", ""):
        page.close()
        return False
    return True


def test_accessibility_every_page_type_has_no_axe_violations_at_wcag_22_aa(site, contexts):
    url, problems, checked = site["url"], {}, 0
    for role, path in _page_urls(site):
        page = contexts(role, url).new_page()
        if not _is_html_page(page, url + path):
            continue
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # forms inside too
        found = axe_violations(page)
        checked += 1
        if found:
            problems[f"{path} as {role or 'anonymous'}"] = found
        page.close()
    assert checked >= 30
    assert not problems, "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in problems.items())


def _submit_and_check(page, button) -> list[str]:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    return axe_violations(page)


def test_accessibility_forms_with_errors_have_no_axe_violations(site, contexts):
    url, problems = site["url"], {}
    login = contexts(None, url).new_page()
    login.goto(url + "/login")
    login.get_by_label("User name").fill("nobody")
    login.get_by_label("Password").fill("wrong")
    problems["login, wrong password"] = _submit_and_check(login, "Sign in")
    expect(login.locator("body")).to_contain_text("The user name or password is not right")
    login.goto(url + "/login")
    problems["login, empty"] = _submit_and_check(login, "Sign in")

    editor = contexts("editor", url).new_page()
    editor.goto(url + "/minutes/new")
    problems["add minutes, empty"] = _submit_and_check(editor, "Read the minutes")
    expect(editor.locator(".error-summary")).to_be_visible()
    editor.get_by_label("Or upload a file").set_input_files(
        files=[{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": b"<html><p>not a pdf</p></html>"}])
    editor.get_by_role("button", name="Read the minutes").click()
    expect(editor.locator("#job-error")).to_contain_text("is not a PDF", timeout=60_000)  # the worker read it
    problems["add minutes, bad file (its job page)"] = axe_violations(editor)
    editor.goto(url + f"/meetings/{site['ids']['draft_id']}/review")
    editor.locator("#details summary").click()
    editor.get_by_label("Meeting date").fill("the 45th of Smarch")
    problems["review, bad meeting details"] = _submit_and_check(editor, "Save meeting details")

    admin = contexts("admin", url).new_page()
    admin.goto(url + "/admin/users/new")
    buttons = admin.locator("main form button[type=submit]")
    buttons.last.click()
    admin.wait_for_load_state()
    problems["new user, empty"] = axe_violations(admin)
    for page in (login, editor, admin):
        page.close()
    problems = {where: lines for where, lines in problems.items() if lines}
    assert not problems, "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in problems.items())


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || el.id || '').trim().slice(0, 60),
            visible: outline || shadow, summary: el.tagName === 'SUMMARY',
            open: el.tagName === 'SUMMARY' ? el.parentElement.open : null};
}"""


def test_accessibility_keyboard_alone_reaches_publish_opens_corrections_and_always_shows_focus(site, contexts):
    url = site["url"]
    page = contexts("editor", url).new_page()
    page.goto(url + f"/meetings/{site['ids']['draft_id']}/review")
    invisible, reached_publish, summary_at = [], False, None
    for step in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused is None:
            continue
        if not focused["visible"]:
            invisible.append(f"{focused['tag']} {focused['text']!r}")
        reached_publish |= focused["tag"] == "button" and focused["text"] == "Publish"
        if focused["summary"] and focused["text"].startswith("Correct this"):
            summary_at = step
            break
    assert reached_publish, "Tab never reached the Publish button"
    assert summary_at is not None, "Tab never reached a record's 'Correct this' summary"
    assert not invisible, "focus not visible on: " + "; ".join(invisible)
    # a record's corrections open with Enter and close with Space, and their fields take the focus next
    assert page.evaluate(FOCUS_STYLE)["open"] is False
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUS_STYLE)["open"] is True
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('details') !== null")
    assert inside, "Tab after opening did not move into the corrections form"
    assert page.evaluate(FOCUS_STYLE)["visible"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.evaluate(FOCUS_STYLE)["open"] is False
    page.close()


NARROW = """() => {
    const root = document.scrollingElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const culprits = [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1 && getComputedStyle(el).position !== 'fixed')
        .slice(-3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
    return root.scrollWidth + 'px wide in ' + root.clientWidth + ' (' + culprits.join(', ') + ')';
}"""


def test_accessibility_every_page_type_reflows_at_320_pixels_without_sideways_scrolling(site, browser):
    """Every HTML page of the url_map, as each role that sees it, at 320 CSS pixels: scrollWidth <= clientWidth
    (tables become stacked rows); the tracker's sections and a search with results too."""
    url, ids, wide, checked = site["url"], site["ids"], [], 0
    contexts = {}
    extra = [(None, f"/committees/{ids['slug']}/tracker"), ("editor", f"/committees/{ids['slug']}/tracker/columns"),
             (None, "/actions?status=open"), ("officer", "/actions/mine?closed=1")]
    for role, path in _page_urls(site) + extra:
        if role not in contexts:
            contexts[role] = browser.new_context(viewport={"width": 320, "height": 640})
            if role:
                name, password = {"admin": ("ada", ADMIN_PASSWORD), "editor": ("dora", EDITOR_PASSWORD),
                                  "officer": ("otto", OFFICER_PASSWORD)}[role]
                login = contexts[role].new_page()
                login.goto(url + "/login")
                login.get_by_label("User name").fill(name)
                login.get_by_label("Password").fill(password)
                login.get_by_role("button", name="Sign in").click()
                login.wait_for_load_state()
                login.close()
        page = contexts[role].new_page()
        page.set_default_timeout(15_000)
        if not _is_html_page(page, url + path):
            continue
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        checked += 1
        problem = page.evaluate(NARROW)
        if problem:
            wide.append(f"{path} as {role or 'anonymous'}: {problem}")
        page.close()
    for context in contexts.values():
        context.close()
    assert checked >= 30
    assert not wide, "\n".join(wide)
