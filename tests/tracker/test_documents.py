"""A clerk or officer hands the tracker minutes as text, a saved web page, a PDF or a Word file;
the tracker either gets plain text out of it or says, in one line, what is wrong and what to do."""

import codecs
import hashlib
import importlib.util
import io
import os
import random
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings, strategies as st

from tracker.minutes import readers as documents
from tracker.minutes.readers import (
    InvalidDocument, ReaderProcess, SourceDocument, read_document, read_document_isolated, read_path, sniff_format,
)

FIXTURES = Path(__file__).parent / "fixtures"


from factories import (  # noqa: E402
    PDF_IMAGE_PAGE, PDF_TEXT_PAGE, build_docx, build_pdf, encrypt_pdf, rebuild_zip, zip_of,
)

MINUTES_DOCX = build_docx()


def moderngov_page() -> bytes:
    return (FIXTURES / "moderngov_agenda_and_minutes.html").read_bytes()


def lines_of(document: SourceDocument) -> list[str]:
    return [line for line in document.text.split("\n") if line.strip()]


def refusal(data: bytes, **options) -> InvalidDocument:
    with pytest.raises(InvalidDocument) as caught:
        read_document(data, **options)
    assert "\n" not in caught.value.message
    return caught.value


# --- plain text ---------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    pytest.param("Councillor O’Neill asked about the “£2.5m” budget – RESOLVED".encode("cp1252"),
                 "Councillor O’Neill asked about the “£2.5m” budget – RESOLVED", id="cp1252 smart quotes and pound"),
    pytest.param(b"\xef\xbb\xbfMinutes: noted \xc2\xa3100", "Minutes: noted £100", id="utf-8 with BOM"),
    pytest.param("Minutes: noted £100".encode("utf-8"), "Minutes: noted £100", id="utf-8 without BOM"),
    pytest.param("Minutes: “noted” £100".encode("utf-16"), "Minutes: “noted” £100", id="utf-16 with BOM"),
    pytest.param(b"\xfe\xff" + "Minutes: noted £100".encode("utf-16-be"), "Minutes: noted £100", id="utf-16-be"),
    pytest.param(b"Total \x805 and a stray \x81 byte", "Total €5 and a stray \x81 byte",
                 id="byte cp1252 cannot map falls back to latin-1"),
])
def test_documents_text_decodes_council_encodings(raw, expected):
    document = read_document(raw, filename="minutes.txt")
    assert document.format == "text"
    assert document.text == expected
    assert document.text[0] != "\ufeff"


def test_documents_text_normalises_mixed_line_endings():
    document = read_document(b"1. Apologies\r\nNone received.\r2. Minutes\nApproved.\r\n\r\nEnd")
    assert document.text == "1. Apologies\nNone received.\n2. Minutes\nApproved.\n\nEnd"
    assert document.warnings == ()


@pytest.mark.parametrize("raw", [b"Minutes:\x00 noted\x00.", b"Min\x01utes:\x1b noted\x7f."])
def test_documents_text_removes_control_characters_with_a_warning(raw):
    document = read_document(raw)
    assert document.text == "Minutes: noted."
    assert not any(ord(char) < 32 and char not in "\n\t" for char in document.text)
    assert len(document.warnings) == 1 and "control character" in document.warnings[0]


def test_documents_text_keeps_tabs_and_turns_form_feeds_into_line_breaks():
    assert read_document(b"No.\tItem\fPage two").text == "No.\tItem\nPage two"


@pytest.mark.parametrize("raw", [b"", b"   \r\n\t \n", b"\xef\xbb\xbf", "\ufeff\n".encode("utf-16")],
                         ids=["empty", "whitespace", "utf-8 BOM only", "utf-16 BOM only"])
def test_documents_empty_file_is_refused(raw):
    error = refusal(raw, filename="minutes.txt")
    assert (error.message, error.status) == ("the document is empty", 400)


@pytest.mark.parametrize("raw", [
    bytes(range(256)) * 8,
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(2000),
    bytes(4096),
    random.Random(7).randbytes(4096),
], ids=["all byte values", "windows executable", "NUL bytes", "random junk"])
def test_documents_binary_junk_is_refused(raw):
    error = refusal(raw)
    assert error.status == 415
    assert "binary file" in error.message


def test_documents_text_records_checksum_size_and_safe_filename():
    raw = b"Minutes of the meeting"
    document = read_document(raw, filename="../../etc/minutes.txt")
    assert document == SourceDocument(text="Minutes of the meeting", format="text",
                                      checksum=hashlib.sha256(raw).hexdigest(), filename="minutes.txt", size=len(raw))
    assert read_document(raw).checksum == document.checksum  # the same file twice is recognisable


@pytest.mark.parametrize("size, limit, message", [
    (int(25.3 * 1024 * 1024), documents.MAX_DOCUMENT_BYTES, "the file is 25.3 MB; the limit is 20 MB"),
    (documents.MAX_DOCUMENT_BYTES + 1, documents.MAX_DOCUMENT_BYTES, "the file is 20.1 MB; the limit is 20 MB"),
    (2049, 2048, "the file is 2.1 KB; the limit is 2 KB"),
])
def test_documents_oversized_file_is_refused_with_413(size, limit, message):
    error = refusal(b"a" * size, max_bytes=limit)
    assert (error.message, error.status) == (message, 413)


# --- sniffing and extensions --------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (b"Minutes of the meeting", "text"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html><body>x</body></html>", "html"),
    (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>', "html"),
    (b"<!-- saved from url=(0052)https://example.gov.uk -->\n<html><body>x</body></html>", "html"),
    (b"\n\n<div class='mgWordPara'><p>RESOLVED</p></div>", "html"),
    ("<table><tr><td>1.</td></tr></table>".encode("utf-16"), "html"),
    (b"1. Apologies\nThe <b> tag is not a page", "text"),
    (b"%PDF-1.7\n...", "pdf"),
])
def test_documents_sniff_format_judges_by_content(raw, expected):
    assert sniff_format(raw) == expected


@pytest.mark.parametrize("raw, message", [
    (b"{\\rtf1\\ansi Minutes}", "Rich Text Format"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old-style Word .doc"),
    (b"PK\x03\x04 this is not really a zip", "damaged"),
])
def test_documents_sniff_format_names_formats_we_cannot_read(raw, message):
    with pytest.raises(InvalidDocument, match=message):
        sniff_format(raw)


@pytest.mark.parametrize("filename, raw, message", [
    ("x.pdf", b"<!DOCTYPE html><html><body><p>Minutes</p></body></html>", "x.pdf is not a PDF: its content is HTML"),
    ("setup.docx", b"MZ\x90\x00\x03" + bytes(600), "setup.docx is not a Word document: its content is binary data"),
    ("minutes.docx", zip_of({"notes.txt": b"hello"}), "minutes.docx is not a Word document: its content is a ZIP archive"),
    ("minutes.txt", build_pdf([PDF_TEXT_PAGE]), "minutes.txt is not a text file: its content is PDF"),
    ("minutes.html", build_docx(), "minutes.html is not an HTML page: its content is a Word document"),
    ("minutes.exe", b"Minutes of the meeting", "minutes.exe: .exe files are not supported"),
    ("minutes\u202etxt.exe", b"Minutes of the meeting", "minutestxt.exe: .exe files are not supported"),
])
def test_documents_extension_contradicting_content_is_refused_with_415(filename, raw, message):
    error = refusal(raw, filename=filename)
    assert error.status == 415
    assert error.message.startswith(message)


@pytest.mark.parametrize("filename, raw, expected_format", [
    ("minutes.txt", b"Minutes of the meeting", "text"),
    ("minutes.md", b"# Minutes", "text"),
    ("MINUTES", b"Minutes of the meeting", "text"),
    ("Minutes 12.03.24", b"Minutes of the meeting", "text"),
    ("minutes.HTM", b"<html><body><p>Minutes</p></body></html>", "html"),
    ("minutes.html", b"Minutes copied as text", "text"),
    ("minutes.txt", b"<html><body><p>Minutes</p></body></html>", "html"),  # a .txt holding HTML is read as HTML
    ("minutes.pdf", build_pdf([PDF_TEXT_PAGE]), "pdf"),
    ("minutes.docx", build_docx(), "docx"),
])
def test_documents_matching_extension_is_accepted(filename, raw, expected_format):
    assert read_document(raw, filename=filename).format == expected_format


# --- HTML -------------------------------------------------------------------

FURNITURE = ["STYLE-TEXT", "HEAD-SCRIPT-TEXT", "BODY-SCRIPT-TEXT", "TAIL-SCRIPT-TEXT", "ONLOAD-HANDLER", "COOKIE-BANNER",
             "Accept all cookies", "SITE-HEADER-TEXT", "Search this site", "MENU-TEXT", "BREADCRUMB-TEXT", "Skip to main",
             "VIEWSTATE", "POPUP-TEXT", "JAVASCRIPT-LINK", "IMG-HANDLER", "IFRAME", "FOOTER-TEXT", "NOSCRIPT-TEXT",
             "pdf icon", "javascript:", "example.gov.uk", "<", ">"]


def test_documents_html_moderngov_page_yields_minutes_without_furniture():
    document = read_document(moderngov_page(), filename="ieListDocuments.aspx.html")
    lines = lines_of(document)
    assert document.format == "html"
    assert lines[:4] == ["Agenda and minutes", "Scrutiny Committee - Wednesday, 16th October, 2024 6.00 pm",
                         "Venue: Council Chamber, Town Hall, Exampleton. View directions",
                         "Contact: Jane Clerk 01234 567890"]
    assert lines[lines.index("1."):] == [
        "1.", "Apologies for Absence", "To receive any apologies for absence.", "Minutes:",
        "Apologies for absence were received from Councillor Smith.",
        "2.", "Highways Maintenance Budget", "To consider a report of the Director of Place.", "PDF 245 KB", "Minutes:",
        "Councillor Patel asked whether the £2.5m budget would cover the “pothole blitz”.",
        "The Director confirmed that it would & that a list of roads would be circulated.",
        "· Road A", "· Road B", "RESOLVED – That the report be noted."]
    for furniture in FURNITURE:
        assert furniture not in document.text


def test_documents_html_without_main_container_falls_back_to_body_minus_furniture():
    page = moderngov_page().replace(b'<div id="modgov">', b"<div>")
    document = read_document(page)
    assert "Apologies for absence were received from Councillor Smith." in lines_of(document)
    for furniture in FURNITURE:
        assert furniture not in document.text


@pytest.mark.parametrize("html, expected_lines", [
    ("<p>Cost &pound;5 &amp; &lt;more&gt;&nbsp;here</p>", ["Cost £5 & <more> here"]),
    ("<ul><li>Road A</li><li>• Road B</li><li>(a) noted</li><li>- Road C</li></ul>",
     ["· Road A", "• Road B", "(a) noted", "- Road C"]),
    ("<p>Line one<br>Line   two</p><div>\tTabbed\t\ttext </div>", ["Line one", "Line two", "Tabbed text"]),
    ("<table><tr><td>5.</td><td>Work Programme</td><td>Noted</td></tr></table>", ["5.", "Work Programme", "Noted"]),
    ("<main><p>Kept</p></main><aside>Also outside main</aside>", ["Kept"]),
    ("<article><header><h2>Minutes title</h2></header><p>Body</p></article>", ["Minutes title", "Body"]),
])
def test_documents_html_layout_becomes_lines(html, expected_lines):
    assert lines_of(read_document(f"<html><body>{html}</body></html>".encode())) == expected_lines


def test_documents_html_saved_in_windows_1252_decodes_pound_and_smart_quotes():
    page = "<html><body><p>Cost £5 for the “pothole” fund</p></body></html>".encode("cp1252")
    assert read_document(page, filename="minutes.htm").text == "Cost £5 for the “pothole” fund"


def test_documents_html_keeps_at_most_two_blank_lines():
    document = read_document(b"<html><body><p>One</p>" + b"<br>" * 20 + b"<p>Two</p></body></html>")
    assert document.text == "One\n\n\nTwo"


def test_documents_html_hostile_markup_yields_plain_text_only():
    page = (b'<html><head><base href="https://evil.example/"></head><body>'
            b'<p onclick="steal()">Read the <a href="javascript:alert(document.cookie)">report</a>.</p>'
            b'<iframe src="https://evil.example/frame">frame text</iframe><object data="x.swf">object text</object>'
            b'<svg><script>alert(1)</script><text>svg text</text></svg><img src=x onerror="alert(2)">'
            b'<template><p>template text</p></template><embed src="y"></body></html>')
    assert read_document(page).text == "Read the report."


@pytest.mark.parametrize("opening, closing", [
    ("<div>", "</div>"), ("<section><blockquote>", "</blockquote></section>"), ("<ul><li>", "</li></ul>"),
    ("<b><div>", "</b>"), ("<span>", "</span>"),
])
def test_documents_html_100000_nested_elements_read_quickly(opening, closing):
    page = f"<html><body>{opening * 100_000}deep text{closing * 100_000}<p>after</p></body></html>".encode()
    started = time.monotonic()
    document = read_document(page)
    assert time.monotonic() - started < 5
    assert "deep text" in document.text and "after" in document.text


@pytest.mark.parametrize("html", [
    b"<html><head><title>Only a title</title></head><body></body></html>",
    b"<html><body><script>var minutes = 'not text';</script><nav>Home</nav></body></html>",
])
def test_documents_html_page_without_text_is_refused(html):
    assert refusal(html).message == "the HTML page has no text"


# --- PDF --------------------------------------------------------------------

def test_documents_pdf_text_layer_is_read_page_by_page():
    document = read_document(build_pdf([PDF_TEXT_PAGE, PDF_IMAGE_PAGE, PDF_TEXT_PAGE]), filename="minutes.pdf")
    assert document.format == "pdf"
    assert lines_of(document) == ["Minutes of the Scrutiny Committee", "RESOLVED that the report be noted."] * 2
    assert document.warnings == ()


def test_documents_pdf_slightly_damaged_is_read_with_warnings():
    document = read_document(build_pdf([PDF_TEXT_PAGE], xref_shift=7))
    assert "RESOLVED that the report be noted." in document.text
    assert document.warnings and all("damaged" in warning for warning in document.warnings)


def test_documents_pdf_missing_font_library_is_named_not_called_damage():
    # pypdf's own wording when fontTools is absent (pypdf/_cmap.py); the file is fine, the installation is not
    message = ("fontTools is required to fully parse the encoding of a CFF Type1 font in font dictionary /F1, "
               "but is not installed. Consider installing fontTools if you encounter encoding problems.")
    note = documents.pdf_note(message)
    assert "damaged" not in note
    assert "lacks fontTools" in note and "the file itself is fine" in note
    assert documents.pdf_note("incorrect startxref pointer(1)") == "the PDF is slightly damaged: incorrect startxref pointer(1)"


def test_documents_pdf_reader_has_its_font_library():
    # installed with the app (pypdf[fonts]), so a valid PDF with CFF fonts reads without any note
    assert importlib.util.find_spec("fontTools") is not None


def test_documents_pdf_encrypted_with_empty_password_is_opened():
    document = read_document(encrypt_pdf(build_pdf([PDF_TEXT_PAGE]), user_password=""))
    assert "Minutes of the Scrutiny Committee" in document.text


@pytest.mark.parametrize("pdf, message", [
    pytest.param(lambda: build_pdf([PDF_IMAGE_PAGE, PDF_IMAGE_PAGE]),
                 "the PDF has no text layer (it is scanned images); run it through OCR first", id="image only"),
    pytest.param(lambda: encrypt_pdf(build_pdf([PDF_TEXT_PAGE]), user_password="secret"),
                 "the PDF is password-protected; save an unprotected copy and try again", id="encrypted"),
    pytest.param(lambda: build_pdf([]), "the PDF has no pages", id="zero pages"),
    pytest.param(lambda: build_pdf([PDF_IMAGE_PAGE] * 2001),
                 "the PDF has 2,001 pages; the limit is 2,000: split it and upload the parts", id="2001 pages"),
    pytest.param(lambda: build_pdf([PDF_TEXT_PAGE], pages_object=b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
                 "the PDF could not be read: ", id="circular page tree"),
    pytest.param(lambda: b"%PDF-1.4\nnothing else", "the PDF could not be read: ", id="garbage"),
])
def test_documents_pdf_unreadable_is_refused_with_a_clear_message(pdf, message):
    error = refusal(pdf(), filename="minutes.pdf")
    assert error.message.startswith(message)
    assert error.status in (413, 422)


def deflated_spaces(size: int) -> bytes:
    """`size` spaces after a text operator, compressed a megabyte at a time to keep the test's memory small."""
    compressor = zlib.compressobj(9)
    chunks = [compressor.compress(b"BT /F1 12 Tf (x) Tj ET ")]
    chunks += [compressor.compress(b" " * (1024 * 1024)) for _ in range(size // (1024 * 1024))]
    return b"".join(chunks) + compressor.flush()


def test_documents_pdf_decompression_bomb_is_refused():
    bomb = build_pdf([deflated_spaces(200 * 1024 * 1024)], deflated=True)
    assert len(bomb) < 1024 * 1024
    assert refusal(bomb).message.startswith("the PDF could not be read: ")


# --- DOCX -------------------------------------------------------------------

def test_documents_docx_paragraphs_and_tables_come_in_body_order():
    document = read_document(MINUTES_DOCX, filename="minutes.docx")
    assert document.format == "docx"
    assert document.text.split("\n") == [
        "Scrutiny Committee - 16 October 2024", "1. Apologies for absence", "Apologies were received from Councillor Smith.",
        "Action", "Owner", "Due", "", "Circulate the list of roads", "Director of Place", "next meeting", "",
        "2. RESOLVED – That the report be noted."]


def test_documents_docx_merged_cells_appear_once():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Decision"
    table.cell(1, 0).text, table.cell(1, 1).text = "Noted", "Approved"
    out = io.BytesIO()
    document.save(out)
    assert lines_of(read_document(out.getvalue())) == ["Decision", "Noted", "Approved"]


@pytest.fixture
def python_docx_must_not_run(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("python-docx was handed a file that should have been refused first")
    monkeypatch.setattr(documents.docx, "Document", refuse)


@pytest.mark.parametrize("zeros_mb, message", [
    (60, "the limit is 50 MB, so it may be a zip bomb"),
    (10, "compressed"),
])
def test_documents_docx_zip_bomb_is_refused_before_parsing(python_docx_must_not_run, zeros_mb, message):
    bomb = rebuild_zip(MINUTES_DOCX, add_zeros=("word/media/image1.bin", zeros_mb * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    error = refusal(bomb, filename="minutes.docx")
    assert message in error.message and "zip bomb" in error.message
    assert error.status == 422


@pytest.mark.parametrize("declaration", [
    b'<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
    b'<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    b"<!-- padding -->" * 600 + b"<!DOCTYPE x>",
])
def test_documents_docx_with_doctype_or_entities_is_refused_before_parsing(python_docx_must_not_run, declaration):
    original = zipfile.ZipFile(io.BytesIO(MINUTES_DOCX)).read("word/document.xml")
    declaration_end = original.index(b"?>") + 2
    tampered = original[:declaration_end] + declaration + original[declaration_end:]
    error = refusal(rebuild_zip(MINUTES_DOCX, replace={"word/document.xml": tampered}))
    assert "DOCTYPE" in error.message and "word/document.xml" in error.message


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", b""), ("utf-8", codecs.BOM_UTF8),
])
def test_documents_docx_doctype_is_found_whatever_the_xml_encoding(python_docx_must_not_run, encoding, bom):
    """An XML parser reads UTF-16 with or without a byte-order mark; read as UTF-8 its DOCTYPE is hidden by NULs."""
    original = zipfile.ZipFile(io.BytesIO(MINUTES_DOCX)).read("word/document.xml").decode("utf-8")
    declaration_end = original.index("?>") + 2
    name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
    tampered = (f'<?xml version="1.0" encoding="{name}"?><!DOCTYPE w:document [<!ENTITY lol "lol">]>'
                + original[declaration_end:])
    error = refusal(rebuild_zip(MINUTES_DOCX, replace={"word/document.xml": bom + tampered.encode(encoding)}))
    assert "DOCTYPE" in error.message and "word/document.xml" in error.message


@pytest.mark.parametrize("raw, message", [
    (zip_of({"notes.txt": b"hello"}), "the file is a ZIP archive, not a Word .docx document"),
    (zip_of({"word/document.xml": b"<not-word/>"}), "the Word document could not be read: "),
    (zip_of({f"word/part{index}.bin": b"" for index in range(2001)} | {"word/document.xml": b""}),
     "the Word document has 2,002 parts; the limit is 2,000"),
])
def test_documents_zip_that_is_not_a_usable_docx_is_refused(raw, message):
    assert refusal(raw).message.startswith(message)


def test_documents_docx_without_text_is_refused():
    out = io.BytesIO()
    docx.Document().save(out)
    assert refusal(out.getvalue()).message == "the Word document has no text"


# --- read_path ----------------------------------------------------------------

def test_documents_read_path_reads_a_file_like_read_document(tmp_path):
    raw = MINUTES_DOCX
    (tmp_path / "minutes.docx").write_bytes(raw)
    assert read_path(tmp_path / "minutes.docx") == read_document(raw, filename="minutes.docx")


def test_documents_read_path_refuses_missing_file_directory_and_pipe(tmp_path):
    os.mkfifo(tmp_path / "pipe")  # reading a FIFO with no writer would hang forever
    for path, message in [(tmp_path / "absent.txt", "there is no file at"), (tmp_path, "is a directory"),
                          (tmp_path / "pipe", "is not a regular file")]:
        with pytest.raises(InvalidDocument, match=message) as caught:
            read_path(path)
        assert caught.value.status == 400


def test_documents_read_path_checks_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as file:
        file.truncate(30 * 1024 * 1024)  # sparse: costs no disk
    monkeypatch.setattr("builtins.open", lambda *args, **kwargs: pytest.fail("the file was opened"))
    with pytest.raises(InvalidDocument, match="the file is 30 MB; the limit is 20 MB") as caught:
        read_path(path)
    assert caught.value.status == 413


# --- read_document_isolated ------------------------------------------------------

@pytest.fixture
def hostile_readers(monkeypatch):
    """Misbehaving readers importable by name, so a spawned child can unpickle them."""
    monkeypatch.syspath_prepend(str(FIXTURES))
    import hostile_readers
    return hostile_readers


@pytest.mark.slow
@pytest.mark.parametrize("raw, filename", [(moderngov_page(), "minutes.html"), (build_pdf([PDF_TEXT_PAGE]), "m.pdf")])
def test_documents_isolated_read_matches_read_document(raw, filename):
    assert read_document_isolated(raw, filename=filename) == read_document(raw, filename=filename)


@pytest.mark.slow
def test_documents_isolated_read_passes_refusals_through_with_status():
    with pytest.raises(InvalidDocument, match="x.pdf is not a PDF: its content is HTML") as caught:
        read_document_isolated(moderngov_page(), filename="x.pdf")
    assert caught.value.status == 415


def test_documents_isolated_read_refuses_oversized_file_without_a_child():
    with pytest.raises(InvalidDocument, match="the limit is 1 KB") as caught:
        read_document_isolated(b"a" * 2048, max_bytes=1024, timeout=0.001)
    assert caught.value.status == 413


@pytest.mark.slow
@pytest.mark.parametrize("reader_name, options, message", [
    ("sleep_forever", {"timeout": 1.5}, "stopped after 1.5 seconds"),
    ("allocate_too_much", {"memory_mb": 512}, "needs more than 512 MB of memory"),
    ("die_abruptly", {}, "the document reader stopped unexpectedly"),
])
def test_documents_isolated_read_turns_runaway_parses_into_invalid_document(hostile_readers, reader_name, options, message):
    started = time.monotonic()
    with pytest.raises(InvalidDocument, match=message):
        read_document_isolated(b"Minutes", reader=getattr(hostile_readers, reader_name), **options)
    assert time.monotonic() - started < 10


@pytest.mark.slow
def test_documents_isolated_read_times_out_even_the_real_reader():
    with pytest.raises(InvalidDocument, match="stopped after 0.01 seconds"):
        read_document_isolated(moderngov_page(), timeout=0.01)


@pytest.mark.slow
def test_documents_reader_process_reads_on_after_a_file_that_ran_over(hostile_readers):
    """One child reads file after file; the one that runs over its time is stopped and the next still read."""
    with ReaderProcess(timeout=2, reader=hostile_readers.stall_on_request) as process:
        assert process.read(b"Minutes one", filename="a.txt").text == "Minutes one"
        first_child = process._child.pid
        assert process.read(b"Minutes two", filename="b.txt").text == "Minutes two"
        assert process._child.pid == first_child
        with pytest.raises(InvalidDocument, match="stopped after 2 seconds"):
            process.read(b"STALL", filename="c.txt")
        assert process.read(b"Minutes three", filename="d.txt").text == "Minutes three"


@pytest.mark.slow
def test_documents_isolated_read_does_not_disguise_a_bug_as_a_bad_document(hostile_readers):
    with pytest.raises(RuntimeError, match="a bug in the reader"):
        read_document_isolated(b"Minutes", reader=hostile_readers.break_unexpectedly)


# --- any bytes at all ---------------------------------------------------------

@settings(max_examples=150, deadline=None, database=None)
@given(prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]),
       body=st.binary(max_size=2048))
def test_documents_any_bytes_give_a_document_or_invalid_document(prefix, body):
    try:
        document = read_document(prefix + body)
    except InvalidDocument as error:
        assert error.message and "\n" not in error.message and error.status in (400, 413, 415, 422)
    else:
        assert document.text.strip()
        assert not any(ord(char) < 32 and char not in "\n\t" for char in document.text)
        assert "\r" not in document.text
