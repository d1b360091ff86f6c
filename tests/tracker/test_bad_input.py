"""The bad-input catalogue (RELIABILITY.md) through the web app: an editor uploads or pastes each kind of
bad minutes; each gets a clear message and a 4xx, and nothing already stored changes. Runs on SQLite and
PostgreSQL (PostgreSQL rejects NUL characters that SQLite would keep).

Already covered elsewhere, so not repeated here:

| catalogue entry | where |
|---|---|
| empty, binary, over the size limit, wrong extension | test_documents (reader), test_editing_bad_files_get_a_clear_message_and_nothing_is_stored (upload) |
| image-only, encrypted, damaged PDF; PDF bomb; zip-bomb and DOCTYPE DOCX | test_documents (reader, before parsing, in a child with limits) |
| 100,000 nested elements, cp1252, UTF-16, BOM, mixed line endings, NUL | test_documents (reader) |
| text over spaCy's max length | test_cli_extract_refuses_text_longer_than_the_segmenter_takes |
| the same file twice | test_editing_the_same_minutes_twice_are_already_stored, test_ingest_of_the_same_document_twice_changes_nothing |
| out-of-range pagination, unknown ids | test_pages_unknown_ids_and_bad_page_numbers_are_not_found, test_api_refuses_bad_paging_*, test_api_answers_unknown_ids_*, test_search_bad_page_numbers_are_handled |
| malformed search syntax | test_search_malformed_query_gets_a_helpful_message_not_an_error_page |
| a failure half-way (all or nothing) | test_a_failure_half_way_leaves_nothing_behind |

Here: the hostile files above sent through the upload form (reader, child process, segmenter and
database together), hostile file names, NUL bytes reaching PostgreSQL, a 1 MB single line, and unknown
ids on every route of the url map as an admin.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session
from werkzeug.datastructures import FileStorage
from werkzeug.routing import AnyConverter
from werkzeug.test import encode_multipart

from factories import PDF_IMAGE_PAGE, PDF_TEXT_PAGE, build_docx, build_pdf, encrypt_pdf, rebuild_zip
from tests_support import csrf_token, follow_job, row_counts
from tracker.models import Meeting

MINUTES = ("Budget Scrutiny Panel - 3 March 2024\n\n1. Council Tax\n\nCouncillor Ash asked whether the £2.5m "
           "saving was “realistic”. The Director of Finance replied that it was on track.\n\n"
           "RESOLVED – That the report be noted.\n")


@pytest.fixture
def stored(client, login, engine, app, ingest_corpus_file):
    """A published meeting already stored and an editor signed in; returns the row counts to compare with."""
    ingest_corpus_file("dev/cumbria-2020-county-council-item-member-questions.txt", publish=True)
    login("editor")
    return row_counts(engine)


def upload(client, name: str, data: bytes, **fields):
    """The upload form sent as a browser sends it (encoded in memory: the test client's temporary file for
    bodies over 500 KB is never closed)."""
    token = csrf_token(client.get("/minutes/new"))
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), name),
                                       "committee": "", **fields})
    return follow_job(client, client.post("/minutes/new", data=body,
                                          content_type=f"multipart/form-data; boundary={boundary}"))


def paste(client, text: str, **fields):
    token = csrf_token(client.get("/minutes/new"))
    return follow_job(client, client.post("/minutes/new", data={"csrf_token": token, "text": text, "committee": "",
                                                                **fields}))


def docx_with_doctype() -> bytes:
    return rebuild_zip(build_docx(), replace={"word/document.xml": (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&b;</w:t></w:r></w:p></w:body></w:document>")})


HOSTILE_FILES = [  # (file name, a maker of its bytes, status, words the message must contain)
    pytest.param("minutes.txt", lambda: b"", 400, "The document is empty", id="empty file"),
    pytest.param("minutes.pdf", lambda: build_pdf([PDF_IMAGE_PAGE]), 422, "no text layer", id="image-only PDF"),
    pytest.param("minutes.pdf", lambda: encrypt_pdf(build_pdf([PDF_TEXT_PAGE]), user_password="secret"), 422,
                 "password-protected", id="encrypted PDF"),
    pytest.param("minutes.docx", lambda: rebuild_zip(build_docx(), add_zeros=("word/media/zeros.bin", 60 << 20)),
                 422, "zip bomb", id="zip-bomb DOCX"),
    pytest.param("minutes.docx", docx_with_doctype, 422, "DOCTYPE", id="DOCX with DOCTYPE and entities"),
    pytest.param("minutes.docx", lambda: b"MZ\x90\x00" + bytes(range(256)) * 4, 415, "binary", id="exe named .docx"),
    pytest.param("minutes.txt", lambda: b"Minutes " + b"x" * (1 << 20), 422, "characters; the limit is 1,000,000", id="a 1 MB single line"),
]


@pytest.mark.slow
@pytest.mark.parametrize("name, data, status, message", HOSTILE_FILES)
def test_bad_input_each_hostile_upload_gets_a_clear_message_and_nothing_changes(stored, client, engine, app, name,
                                                                               data, status, message):
    response = upload(client, name, data())
    page = response.get_data(as_text=True)
    assert response.status_code == status, page[-3000:]
    assert message.lower() in page.lower(), page[-3000:]
    assert 'class="error-summary"' in page and "Traceback" not in page
    assert row_counts(engine) == stored
    uploads = Path(app.config["UPLOADS_PATH"])
    assert len(list(uploads.glob("*"))) == 1  # only the meeting stored before


@pytest.mark.slow
def test_bad_input_deeply_nested_html_minutes_are_read_quickly_and_stored(stored, client, engine):
    html = ("<html><body>" + "<div>" * 100_000 + "<h1>Budget Scrutiny Panel - 3 March 2024</h1>"
            "<p>1. Council Tax</p><p>RESOLVED – That the report be noted.</p>" + "</div>" * 100_000 + "</body></html>")
    response = upload(client, "minutes.html", html.encode())
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    with Session(engine) as session:
        meeting = session.exec(select(Meeting).order_by(Meeting.id.desc())).scalars().first()
    assert "RESOLVED – That the report be noted." in meeting.text and "<div>" not in meeting.text


def test_bad_input_cp1252_and_mixed_line_endings_keep_pound_quotes_and_offsets(stored, client, engine):
    raw = MINUTES.replace("\n\n1.", "\r\n\r\n1.").replace("\n\nRESOLVED", "\r\rRESOLVED").encode("cp1252")
    response = upload(client, "minutes.txt", raw)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    from tracker.models import RECORD_MODELS

    with Session(engine) as session:
        meeting = session.exec(select(Meeting).order_by(Meeting.id.desc())).scalars().first()
        assert "£2.5m saving was “realistic”" in meeting.text and "\r" not in meeting.text
        records = [r for model in RECORD_MODELS.values()
                   for r in session.exec(select(model).where(model.meeting_id == meeting.id)).scalars()]
    assert records and all(meeting.text[r.start:r.end] == r.text for r in records)
    review = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "£2.5m" in review and "Notes from reading the minutes" not in review


@pytest.mark.parametrize("how", ["pasted", "uploaded"])
def test_bad_input_nul_bytes_never_reach_the_database(stored, client, engine, how):
    text = MINUTES.replace("Council Tax", "Council\x00 Tax").replace("on track", "on\x00track")
    response = paste(client, text) if how == "pasted" else upload(client, "minutes.txt", text.encode())
    assert response.status_code in (302, 400, 422), response.get_data(as_text=True)[-2000:]
    if response.status_code == 302:
        with Session(engine) as session:
            meeting = session.exec(select(Meeting).order_by(Meeting.id.desc())).scalars().first()
            assert "\x00" not in meeting.text and "Council Tax" in meeting.text
    else:
        assert row_counts(engine) == stored


@pytest.mark.parametrize("name", ["../../x.txt", "..\\..\\windows\\x.txt", "CON.txt", "minutes\u202etxt.exe.txt",
                                  "<script>alert(1)</script>.txt", "/etc/passwd.txt", "x" * 400 + ".txt"])
def test_bad_input_hostile_file_names_are_stored_under_a_name_of_our_own(stored, client, engine, app, tmp_path, name):
    response = upload(client, name, MINUTES.encode())
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    uploads = Path(app.config["UPLOADS_PATH"]).resolve()
    with Session(engine) as session:
        meeting = session.exec(select(Meeting).order_by(Meeting.id.desc())).scalars().first()
    saved = (uploads / meeting.source_file).resolve()
    assert saved.parent == uploads and saved.is_file()
    assert not any(ch in meeting.source_file for ch in "/\\\u202e<>") and len(meeting.source_file) < 100
    assert not (tmp_path / "x.txt").exists() and not (tmp_path.parent / "x.txt").exists()
    review = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in review
    download = client.get(f"/meetings/{meeting.id}/source")
    if download.status_code == 200:  # drafts are not public; editors may still download
        disposition = download.headers["Content-Disposition"]
        assert "/" not in disposition.split("filename=")[-1] and "\u202e" not in disposition
    download.close()


def test_bad_input_unknown_ids_on_every_route_are_404_for_an_admin(app, client, login, engine, ingest_corpus_file):
    """Every GET route with an argument, given ids that do not exist or cannot be ids: 404, never 5xx."""
    ingest_corpus_file("dev/cumbria-2020-county-council-item-member-questions.txt", publish=True)
    login("admin")
    before, problems, walked = row_counts(engine), [], 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.arguments or rule.endpoint == "static":
            continue
        for bad in ("999999", "abc", "-1", "99999999999999999999", "%00", "\u202ex"):
            values = {}
            for name in rule.arguments:
                converter = rule._converters.get(name)
                values[name] = sorted(converter.items)[0] if isinstance(converter, AnyConverter) else bad
            try:
                url = rule.build(values, append_unknown=False)[1]
            except Exception:  # noqa: BLE001 - an int converter refuses "abc": no such URL can be asked for
                continue
            response = client.get(url)
            response.close()
            walked += 1
            if response.status_code != 404:
                problems.append(f"GET {url} ({rule.endpoint}): {response.status_code}")
    assert walked > 30
    assert not problems, "\n".join(problems)
    assert row_counts(engine) == before
