"""Turn an uploaded or saved minutes file (text, HTML, PDF, DOCX) into plain text for the segmenter.

The format is judged by content, and an extension that contradicts it is refused (415); a .txt holding
HTML is read as HTML and a .html holding plain text as text. Word tables come out one cell per line with
a blank line after each row, like HTML tables; Word headers, footers, footnotes and text boxes are not read.
Every way a file can be unusable ends in one `InvalidDocument` whose message says what to fix. Untrusted
uploads should go through `read_document_isolated`, which parses in a child process under time and memory
limits. The limits are the MAX_* constants below.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import math
import multiprocessing
import os
import re
import stat
import traceback
import warnings
import zipfile
from dataclasses import dataclass
from typing import Callable

import docx
import pypdf
from docx.table import Table
from selectolax.lexbor import LexborHTMLParser

try:
    import resource
except ImportError:  # not on Windows; the child then runs with only the time limit
    resource = None

__all__ = [
    "MAX_DOCUMENT_BYTES", "InvalidDocument", "ReaderProcess", "SourceDocument",
    "read_document", "read_document_isolated", "read_path", "read_path_bytes", "sniff_format",
]

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 2000
MAX_DOCX_MEMBERS = 2000
MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_DOCX_COMPRESSION_RATIO = 100
# lexbor's tree builder is quadratic in the depth of nested block elements
# (100,000 nested divs take ~25 s), so deeper levels are flattened first.
MAX_HTML_DEPTH = 500

_EXTENSION_FORMATS = {
    "txt": "text", "text": "text", "md": "text",
    "htm": "html", "html": "html", "xhtml": "html", "aspx": "html",
    "pdf": "pdf", "docx": "docx",
}
_WHAT_IT_SHOULD_BE = {"text": "a text file", "html": "an HTML page", "pdf": "a PDF", "docx": "a Word document"}
_WHAT_IT_IS = {
    "text": "plain text", "html": "HTML", "pdf": "PDF", "docx": "a Word document",
    "zip": "a ZIP archive", "badzip": "a damaged ZIP archive", "ole": "an old-style Office file",
    "rtf": "Rich Text Format", "binary": "binary data",
}
_UNSUPPORTED = {
    "zip": ("the file is a ZIP archive, not a Word .docx document", 415),
    "badzip": ("the file looks like a Word document but is damaged (not a valid ZIP archive); "
               "save it again and retry", 422),
    "ole": ("the file is an old-style Word .doc (Office 97-2003) file; save it as .docx or PDF and try again", 415),
    "rtf": ("the file is in Rich Text Format; save it as .docx, PDF or plain text and try again", 415),
    "binary": ("the file looks like a binary file, not text, HTML, PDF or DOCX", 415),
}


class InvalidDocument(Exception):
    """A document we cannot read; .message says what is wrong and what to do, .status is the HTTP status to use."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status

    def __reduce__(self):
        return (type(self), (self.message, self.status))


@dataclass(frozen=True)
class SourceDocument:
    """A minutes document as received: its plain text plus where it came from."""

    text: str
    format: str
    checksum: str
    filename: str | None
    size: int
    warnings: tuple[str, ...] = ()


# --- bytes to str -----------------------------------------------------------

_STORABLE_BREAKS = str.maketrans({"\f": "\n", "\v": "\n"})
# NUL breaks PostgreSQL, lone surrogates break UTF-8 encoding, the rest is invisible junk.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SUSPICIOUS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# cp1252 leaves five bytes unmapped; surrogateescape + this table gives them their latin-1 meaning.
_CP1252_GAPS = {0xDC00 + byte: byte for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _decode(data: bytes, *, partial: bool = False) -> str:
    """Decode by BOM, then strict UTF-8, then cp1252; `partial` tolerates a character cut off at the end."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if partial and error.start >= len(data) - 3 and "end of data" in error.reason:
            return data[: error.start].decode("utf-8-sig")
    return data.decode("cp1252", errors="surrogateescape").translate(_CP1252_GAPS)


def _storable_text(text: str) -> tuple[str, list[str]]:
    """Normalise line endings to \\n and drop characters a database or the segmenter cannot use."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_STORABLE_BREAKS)
    text, removed = _UNSTORABLE.subn("", text)
    notes = [f"removed {removed} control character(s) such as NUL bytes, which cannot be stored"] if removed else []
    return text, notes


def _looks_binary(sample: str) -> bool:
    # random or compressed bytes decode to ~15% control characters; text has almost none
    suspicious = len(_SUSPICIOUS.findall(sample))
    return suspicious > 8 and suspicious > 0.1 * len(sample)


def _text_document(data: bytes) -> tuple[str, list[str]]:
    text, notes = _storable_text(_decode(data))
    if not text.replace("\ufeff", "").strip():
        raise InvalidDocument("the document is empty", 400)
    return text, notes


# --- sniffing ---------------------------------------------------------------

_HTML_START = re.compile(
    r"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|div|p|table|meta|title|h[1-6]"
    r"|section|article|main|ul|ol|br|span|style|script|link)[\s>/]",
    re.DOTALL,
)


def _sniff(data: bytes) -> str:
    """The kind of content: a supported format or one of the kinds in _UNSUPPORTED."""
    head = data[:1024].lstrip(b"\x00\t\n\r\f ")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else "zip"
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            return "badzip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    sample = _decode(data[:65536], partial=len(data) > 65536)
    if _looks_binary(sample):
        return "binary"
    lowered = sample[:4096].lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith("{\\rtf"):
        return "rtf"
    if _HTML_START.match(lowered) or re.search(r"<(html|body)[\s>]", lowered[:2048]):
        return "html"
    return "text"


def sniff_format(data: bytes) -> str:
    """The format judged by content: "text", "html", "pdf" or "docx"; InvalidDocument for anything else."""
    kind = _sniff(data)
    if kind in _UNSUPPORTED:
        raise InvalidDocument(*_UNSUPPORTED[kind])
    return kind


def _printable(name: str) -> str:
    """`name` without control or bidi-override characters (which can disguise an extension)."""
    return re.sub("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", name).strip()


def _safe_filename(filename: str | None) -> str | None:
    """The printable last path component, so "../../x" cannot point anywhere."""
    if filename is None:
        return None
    return _printable(re.split(r"[/\\]", filename)[-1])[:255] or None


def _check_extension(name: str | None, kind: str) -> None:
    """Reject content that contradicts the file's extension; text and HTML may stand in for each other."""
    extension = name.rsplit(".", 1)[1].lower() if name and "." in name.strip(".") else ""
    if not re.fullmatch(r"[a-z][a-z0-9]{0,4}", extension):
        expected = None  # "Minutes 12.03.24" has no real extension
    elif extension not in _EXTENSION_FORMATS:
        raise InvalidDocument(f"{name}: .{extension} files are not supported; "
                              "upload a .txt, .html, .pdf or .docx file", 415)
    else:
        expected = _EXTENSION_FORMATS[extension]
    if kind in _UNSUPPORTED:
        if expected is None or kind == "badzip":
            raise InvalidDocument(*_UNSUPPORTED[kind])
    elif expected is None or kind == expected or {kind, expected} == {"text", "html"}:
        return
    raise InvalidDocument(f"{name} is not {_WHAT_IT_SHOULD_BE[expected]}: its content is {_WHAT_IT_IS[kind]}", 415)


# --- HTML -------------------------------------------------------------------

_NESTING_TAGS = ("address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|figcaption|figure"
                 "|footer|header|hgroup|listing|main|menu|nav|ol|pre|search|section|summary|table|ul")
_NESTING_TAG = re.compile(rf"<(/?)(?:{_NESTING_TAGS})(?=[\s/>])[^<>]*>?", re.IGNORECASE)
_SKIPPED_TAGS = frozenset(
    "script style noscript template iframe object embed svg math head nav form button select "
    "textarea input canvas audio video frameset".split())
_BLOCK_TAGS = frozenset(
    "address article aside body caption center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer header hgroup html legend li listing main menu ol option search section summary tbody td tfoot th "
    "thead tr ul".split())
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre table tr hr".split())
_FURNITURE_WORDS = re.compile(
    r"breadcrumb|cookie|skip-?(link|to|nav|content)|skiplink"
    r"|(^|[-_\s])(main|top|site|sub|side)?(menu|menus|nav|navbar|navigation|sidebar|masthead)($|[-_\s])")
_MAIN_CONTAINERS = ("#modgov", ".mgContent", "#mgMain", "main", "[role=main]", "#content", "article")
_OWN_BULLET = re.compile(r"[·•◦▪▫‣∙●○■□*\-–—]|o\s|\(?[0-9a-zA-Z]{1,3}[.)]\s")


def _flatten_deep_nesting(html: str) -> tuple[str, bool]:
    """Replace block tags nested deeper than MAX_HTML_DEPTH with <br> so parsing stays linear."""
    depth, flattened = 0, False

    def visit(tag: re.Match) -> str:
        nonlocal depth, flattened
        if tag.group(1):
            too_deep, depth = depth > MAX_HTML_DEPTH, max(depth - 1, 0)
        else:
            depth += 1
            too_deep = depth > MAX_HTML_DEPTH
        flattened = flattened or too_deep
        return "<br>" if too_deep else tag.group(0)

    if len(_NESTING_TAG.findall(html, 0, len(html))) <= MAX_HTML_DEPTH:
        return html, False
    return _NESTING_TAG.sub(visit, html), flattened


def _is_furniture(node, tag: str) -> bool:
    attributes = node.attributes
    if tag in ("header", "footer"):
        # a page banner, not the header of an article that holds its title
        ancestor = node.parent
        while ancestor is not None and ancestor.tag not in ("article", "main", "section"):
            ancestor = ancestor.parent
        if ancestor is None:
            return True
    if tag == "form" and node.css_first("p, table, h1, h2, h3, article, main"):
        return False  # ASP.NET pages (ModernGov) wrap the whole page in one form
    if tag in _SKIPPED_TAGS or attributes.get("role") == "navigation" or attributes.get("aria-hidden") == "true":
        return True
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
    return bool(_FURNITURE_WORDS.search(names))


def _html_text(root) -> str:
    """The visible text under `root`: a line per block, a line per table cell, "· " before bare list items."""
    parts: list[str] = []
    newlines_owed, in_pre, bullet_due = 0, 0, False
    stack = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            in_pre -= tag == "pre"
            bullet_due = bullet_due and tag != "li"
            newlines_owed = max(newlines_owed, 2 if tag in _PARAGRAPH_TAGS else 1)
            continue
        if tag == "-text":
            text = node.text_content or ""
            text = text if in_pre else re.sub(r"[ \t\n\r\f\xa0]+", " ", text)
            if not text.strip():
                if parts and not newlines_owed:
                    parts.append(" ")
                continue
            if bullet_due:
                text = text if _OWN_BULLET.match(text.lstrip()) else "· " + text.lstrip()
                bullet_due = False
            if newlines_owed and parts:
                parts.append("\n" * min(newlines_owed, 3))
            newlines_owed = 0
            parts.append(text)
        elif tag == "br":
            newlines_owed += 1
        elif not tag.startswith("-") and not (node is not root and _is_furniture(node, tag)):
            if tag in _BLOCK_TAGS or tag in _PARAGRAPH_TAGS:
                newlines_owed = max(newlines_owed, 2 if tag in _PARAGRAPH_TAGS else 1)
                in_pre += tag == "pre"
                bullet_due = bullet_due or tag == "li"
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(lines)).strip("\n")


def _html_document(data: bytes) -> tuple[str, list[str]]:
    # <meta charset> is not consulted: pages that are not valid UTF-8 are read as cp1252, as browsers read latin-1
    html, flattened = _flatten_deep_nesting(_decode(data))
    notes = [f"the page was nested more than {MAX_HTML_DEPTH} levels deep; deeper levels were flattened"]
    notes = notes if flattened else []
    page = LexborHTMLParser(html)
    roots = [page.css_first(selector) for selector in _MAIN_CONTAINERS if selector != "article"]
    articles = page.css("article")
    roots += [articles[0] if len(articles) == 1 else None, page.body, page.root]
    for root in filter(None, roots):
        text, more_notes = _storable_text(_html_text(root))
        if text.strip():
            return text, notes + more_notes
    raise InvalidDocument("the HTML page has no text")


# --- PDF --------------------------------------------------------------------

def _short_reason(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:160]


def _pdf_document(data: bytes) -> tuple[str, list[str]]:
    # pypdf reports repairs it makes through logging and warnings; both become SourceDocument.warnings
    logged: list[str] = []
    log, pypdf_logger = logging.Handler(logging.WARNING), logging.getLogger("pypdf")
    log.emit = lambda record: logged.append(record.getMessage())
    pypdf_logger.addHandler(log)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pages = _pdf_page_texts(data)
    except InvalidDocument:
        raise
    except Exception as error:  # pypdf raises many types, and RecursionError on deep object graphs
        raise InvalidDocument(f"the PDF could not be read: {_short_reason(error)}") from None
    finally:
        pypdf_logger.removeHandler(log)
    if not any(page.strip() for page in pages):
        raise InvalidDocument("the PDF has no text layer (it is scanned images); run it through OCR first")
    text, notes = _storable_text("\n".join(pages))
    oddities = list(dict.fromkeys(logged + [str(warning.message) for warning in caught]))
    notes += [pdf_note(oddity) for oddity in oddities[:5]]
    return text, notes


# pypdf says "X is required ... but is not installed" when an optional library it reads with is missing: that is
# this installation's gap, not a fault in the file, and the note must say so.
_MISSING_LIBRARY = re.compile(r"\b(?P<library>[A-Za-z][\w.]*) is required\b.*\bnot installed\b", re.DOTALL)


def pdf_note(message: str) -> str:
    """The editor's note for one thing pypdf reported while reading: a missing library, or a repaired file."""
    missing = _MISSING_LIBRARY.search(message)
    if missing:
        return (f"this installation lacks {missing['library']}, which the PDF reader uses for some fonts, so some "
                "characters may be read wrongly; the file itself is fine (ask the administrator to install the "
                "app's dependencies again)")
    return f"the PDF is slightly damaged: {message[:160]}"


def _pdf_page_texts(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # many council PDFs only restrict editing
        except Exception:  # e.g. AES without the cryptography package
            opened = False
        if not opened:
            raise InvalidDocument("the PDF is password-protected; save an unprotected copy and try again")
    count = len(reader.pages)
    if count == 0:
        raise InvalidDocument("the PDF has no pages")
    if count > MAX_PDF_PAGES:
        raise InvalidDocument(f"the PDF has {count:,} pages; the limit is {MAX_PDF_PAGES:,}: "
                              "split it and upload the parts", 413)
    return [page.extract_text() or "" for page in reader.pages]


# --- DOCX -------------------------------------------------------------------

_XML_DECLARATIONS = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_ROOT_START = re.compile(r"<[A-Za-z_]")


# An XML parser takes UTF-16 or UTF-32 from a byte-order mark or from the bytes of "<?" alone (XML 1.0,
# appendix F), so the start of a part is read in each of them: read only as UTF-8, a UTF-16 DOCTYPE hides
# behind NULs.
_XML_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _xml_readings(head: bytes) -> list[str]:
    """The start of an XML part decoded in every encoding a parser could take it to be, byte-order marks dropped."""
    readings = []
    for encoding in _XML_ENCODINGS:
        width = 4 if "32" in encoding else 2 if "16" in encoding else 1
        usable = head[: len(head) - len(head) % width]
        readings.append(usable.decode(encoding, errors="replace").lstrip("\ufeff"))
    return readings


def _check_docx_package(data: bytes) -> None:
    """Refuse zip bombs and XML entity tricks by reading only the zip directory and the start of each XML part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                raise InvalidDocument(f"the Word document has {len(members):,} parts; "
                                      f"the limit is {MAX_DOCX_MEMBERS:,}")
            if "word/document.xml" not in archive.namelist():
                raise InvalidDocument("the file is a ZIP archive, not a Word .docx document", 415)
            expanded = sum(member.file_size for member in members)
            if expanded > MAX_DOCX_UNCOMPRESSED_BYTES:
                raise InvalidDocument(f"the Word document expands to {_human_size(expanded)}; the limit is "
                                      f"{_human_size(MAX_DOCX_UNCOMPRESSED_BYTES)}, so it may be a zip bomb")
            for member in members:
                # small parts can legitimately compress very well; only large ones matter for memory
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > 1024 * 1024 and ratio > MAX_DOCX_COMPRESSION_RATIO:
                    raise InvalidDocument(f"the Word document part {member.filename} is compressed {ratio:,.0f}:1; "
                                          f"the limit is {MAX_DOCX_COMPRESSION_RATIO}:1, so it may be a zip bomb")
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as part:
                        head = part.read(8192)
                    readings = _xml_readings(head)
                    # a DOCTYPE can only come before the root element; padding can't push it out of sight
                    prolog_too_long = len(head) == 8192 and not any(_XML_ROOT_START.search(t) for t in readings)
                    if prolog_too_long or any(_XML_DECLARATIONS.search(t) for t in readings):
                        raise InvalidDocument(f"the Word document's {member.filename} declares a DOCTYPE or entities, "
                                              "which Word never writes; save it again from Word and retry")
    except InvalidDocument:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError) as error:
        raise InvalidDocument(f"the Word document is damaged (not a valid ZIP archive: {_short_reason(error)}); "
                              "save it again and retry") from None


def _docx_document(data: bytes) -> tuple[str, list[str]]:
    """Paragraphs and tables in body order; each table cell on its own line, a blank line after each row."""
    _check_docx_package(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            body = docx.Document(io.BytesIO(data))
            lines: list[str] = []
            pending = list(body.iter_inner_content())[::-1]
            while pending:
                block = pending.pop()
                if isinstance(block, Table):
                    rows: list = []
                    seen_cells: set = set()  # merged cells repeat across the grid; holding them keeps identity stable
                    for row in block.rows:
                        for cell in row.cells:
                            if cell._tc not in seen_cells:
                                seen_cells.add(cell._tc)
                                rows += cell.iter_inner_content()
                        rows.append(None)
                    pending.extend(reversed(rows))
                else:
                    lines.append("" if block is None else block.text)
    except Exception as error:  # python-docx and lxml raise many types for damaged files
        raise InvalidDocument(f"the Word document could not be read: {_short_reason(error)}") from None
    text, notes = _storable_text("\n".join(lines))
    if not text.strip():
        raise InvalidDocument("the Word document has no text")
    return text, notes


# --- entry points -----------------------------------------------------------

_READERS = {"text": _text_document, "html": _html_document, "pdf": _pdf_document, "docx": _docx_document}


def _human_size(size: int, *, round_up: bool = False) -> str:
    for unit, scale in (("MB", 1024 ** 2), ("KB", 1024)):
        if size >= scale:
            value = (math.ceil if round_up else math.floor)(size * 10 / scale) / 10
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        shown = _human_size(size, round_up=True)  # 20 MB + 1 byte must not read as "20 MB"
        raise InvalidDocument(f"the file is {shown}; the limit is {_human_size(max_bytes)}", 413)


def read_document(data: bytes, *, filename: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> SourceDocument:
    """Read minutes from raw bytes, judging the format by content; a .txt holding HTML is read as HTML."""
    data = bytes(data)
    _check_size(len(data), max_bytes)
    name = _safe_filename(filename)
    kind = _sniff(data)
    _check_extension(name, kind)
    text, notes = _READERS[kind](data)
    return SourceDocument(text=text, format=kind, checksum=hashlib.sha256(data).hexdigest(),
                          filename=name, size=len(data), warnings=tuple(notes))


def read_path(path: str | os.PathLike, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> SourceDocument:
    """Read minutes from a file on disk, checking that it is a regular file of allowed size before opening it."""
    return read_document(read_path_bytes(path, max_bytes=max_bytes), filename=os.path.basename(os.fspath(path)),
                         max_bytes=max_bytes)


def read_path_bytes(path: str | os.PathLike, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of a file on disk, checking that it is a regular file of allowed size before opening it."""
    shown = _printable(os.fspath(path))[:300] or "the path"
    try:
        details = os.stat(path)
    except FileNotFoundError:
        raise InvalidDocument(f"there is no file at {shown}; check the path", 400) from None
    except OSError as error:
        raise InvalidDocument(f"{shown} cannot be read ({error.strerror}); check the path", 400) from None
    if stat.S_ISDIR(details.st_mode):
        raise InvalidDocument(f"{shown} is a directory; give the path of a minutes file", 400)
    if not stat.S_ISREG(details.st_mode):
        raise InvalidDocument(f"{shown} is not a regular file; give the path of a minutes file", 400)
    _check_size(details.st_size, max_bytes)
    try:
        with open(path, "rb") as file:
            data = file.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as error:
        raise InvalidDocument(f"{shown} cannot be read ({error.strerror}); check its permissions", 400) from None
    _check_size(len(data), max_bytes)
    return data


def _outcome(reader, data, filename, max_bytes, memory_mb) -> tuple:
    """("ok", document), ("invalid", message, status) or ("crash", traceback) for one read in the child."""
    try:
        return ("ok", reader(data, filename=filename, max_bytes=max_bytes))
    except InvalidDocument as error:
        return ("invalid", error.message, error.status)
    except MemoryError:
        return ("invalid", f"the document needs more than {memory_mb} MB of memory to read; "
                           "split it or save it as plain text", 422)
    except BaseException:
        return ("crash", traceback.format_exc())


def _serve_reads(connection, memory_mb, reader) -> None:
    """Child-process body: cap the address space, then read each (data, filename, max_bytes) sent until None."""
    if resource is not None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while (request := connection.recv()) is not None:
        connection.send(_outcome(reader, *request, memory_mb))
    connection.close()


class ReaderProcess:
    """A child process that reads documents one after another, each under a time limit, in an address space
    capped at `memory_mb` MB: the web path and `tracker ingest` read untrusted files through it.

    A child that runs over the time or dies is killed and the next document gets a fresh one, so one bad file
    costs only itself. `reader` is the function the child runs (read_document unless a test or caller needs
    another); it must be importable by name.
    """

    def __init__(self, *, timeout: float = 30, memory_mb: int = 1024,
                 reader: Callable[..., SourceDocument] = read_document):
        self.timeout, self.memory_mb, self.reader = timeout, memory_mb, reader
        self._child = self._connection = None

    def __enter__(self) -> "ReaderProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads or locks
        self._connection, child_end = context.Pipe()
        self._child = context.Process(target=_serve_reads, args=(child_end, self.memory_mb, self.reader),
                                      daemon=True)
        self._child.start()
        child_end.close()

    def close(self) -> None:
        """Stop the child (politely if it is idle, by force if not)."""
        child, connection, self._child, self._connection = self._child, self._connection, None, None
        if child is None:
            return
        try:
            connection.send(None)
        except OSError:
            pass
        connection.close()
        child.join(2)
        if child.is_alive():
            child.kill()
            child.join(5)
        if child.exitcode is not None:
            child.close()

    def read(self, data: bytes, *, filename: str | None = None,
             max_bytes: int = MAX_DOCUMENT_BYTES) -> SourceDocument:
        """Like read_document, in the child. A timeout, a killed child or MemoryError become InvalidDocument;
        a reader's bug is a RuntimeError."""
        _check_size(len(data), max_bytes)  # no point shipping an oversized file to a child
        if self._child is None:
            self._start()
        try:
            self._connection.send((bytes(data), filename, max_bytes))
            if not self._connection.poll(self.timeout):
                self._child.kill()
                raise InvalidDocument(f"reading the document was stopped after {self.timeout:g} "
                                      f"second{'s' * (self.timeout != 1)}; it may be damaged or too complex: "
                                      "try saving it as PDF or plain text")
            outcome = self._connection.recv()
        except (EOFError, OSError):
            exit_code = self._child.exitcode
            self.close()
            raise InvalidDocument(f"the document reader stopped unexpectedly (exit code {exit_code}), probably "
                                  f"because the document needs more than {self.memory_mb} MB of memory; split it "
                                  "or save it as plain text") from None
        except InvalidDocument:
            self.close()
            raise
        if outcome[0] == "ok":
            return outcome[1]
        if outcome[0] == "invalid":
            raise InvalidDocument(outcome[1], outcome[2])
        raise RuntimeError(f"the document reader failed:\n{outcome[1]}")


def read_document_isolated(data: bytes, *, filename: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES,
                           timeout: float = 30, memory_mb: int = 1024,
                           reader: Callable[..., SourceDocument] = read_document) -> SourceDocument:
    """Like read_document, but parsed in a spawned child process limited to `timeout` seconds and `memory_mb` MB
    (see ReaderProcess, which reads many documents with one child)."""
    with ReaderProcess(timeout=timeout, memory_mb=memory_mb, reader=reader) as process:
        return process.read(data, filename=filename, max_bytes=max_bytes)
