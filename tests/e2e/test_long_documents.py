"""Long documents through the browser: a 2,000-page PDF and a 670,000-character paste are queued, their progress
shown on the job page while `tracker worker` reads them, and both land on the review page, never a 500.

Both are generated here from the project's own written minutes (corpus/), never copies of anyone's document.
"""

import pytest
from playwright.sync_api import expect

from e2e.conftest import EDITOR_PASSWORD, ROOT
from e2e.test_journeys import sign_in
from factories import build_pdf

PAGES = 2_000
PASTE_CHARACTERS = 670_000


def _written_minutes() -> list[str]:
    """Lines of the project's written minutes, header blocks left out."""
    lines = []
    for path in sorted((ROOT / "corpus" / "unseen").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        lines += [line for line in body.splitlines() if line.strip()]
    return lines


def long_pdf(pages: int) -> bytes:
    """A PDF of `pages` pages, each with six lines of minutes in its text layer."""
    lines = [line.encode("latin-1", "replace").replace(b"\\", b"").replace(b"(", b"").replace(b")", b"")[:90]
             for line in _written_minutes()]
    streams = []
    for number in range(pages):
        shown = [lines[(number * 6 + k) % len(lines)] for k in range(6)]
        streams.append(b"BT /F1 10 Tf 14 TL 50 760 Td " + b" T* ".join(b"(" + line + b") Tj" for line in shown) + b" ET")
    first = b"BT /F1 10 Tf 14 TL 50 760 Td (Minutes of the Long Documents Scrutiny Committee held on 5 March 2024) Tj ET"
    return build_pdf([first, *streams[1:]])


def long_paste(characters: int) -> str:
    header = "committee: Long Paste Scrutiny Committee\ndate: 2024-04-09\n---\n"
    body = "\n\n".join(_written_minutes())
    return header + (body * (characters // len(body) + 1))[: characters - len(header)]


@pytest.mark.slow
def test_an_editor_uploads_a_2000_page_pdf_and_pastes_670k_characters_and_both_are_stored(
        live_server, page, snap, tmp_path):
    url = live_server["url"]
    page.set_default_timeout(180_000)  # sending the file; the worker then reads, segments and stores it
    failures = []
    page.on("response", lambda response: failures.append(response.url) if response.status >= 500 else None)
    sign_in(page, url, "dora", EDITOR_PASSWORD)

    pdf = tmp_path / "long-documents-2024-03-05.pdf"
    pdf.write_bytes(long_pdf(PAGES))
    page.goto(url + "/minutes/new")
    page.get_by_label("Or upload a file").set_input_files(str(pdf))
    page.get_by_label("Or a new committee's name").fill("Long Documents Scrutiny Committee")
    snap("01-pdf-chosen")
    page.get_by_role("button", name="Read the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading the minutes")  # at once: the job page
    expect(page.locator("#job-stages")).to_be_visible()
    snap("02-pdf-progress", full_page=False)
    expect(page.get_by_text("The minutes were stored as a draft")).to_be_visible(timeout=180_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review:")
    snap("03-pdf-review", full_page=False)

    page.goto(url + "/minutes/new")
    # as a paste does: the whole text at once (typing 670,000 characters key by key is not what people do)
    page.get_by_label("Paste the minutes").evaluate("(box, text) => { box.value = text; }", long_paste(PASTE_CHARACTERS))
    snap("04-paste-filled", full_page=False)
    page.get_by_role("button", name="Read the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading the minutes")
    snap("05-paste-progress", full_page=False)
    expect(page.get_by_text("The minutes were stored as a draft")).to_be_visible(timeout=180_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Review: Long Paste Scrutiny Committee, 9 April 2024")
    snap("06-paste-review", full_page=False)
    assert failures == []
