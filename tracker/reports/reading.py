"""Report files as text with their tables kept as tables.

``tracker.minutes.readers`` turns HTML and Word tables into one cell per line, which suits
minutes; a performance report's tables need their rows. ``read_report_document`` reads
the same formats, under the same checks, but writes each table row as one line
(tab-separated cells from Word, Markdown pipe rows from HTML). Text and PDF are read exactly as ``read_document`` reads them.
Use it as the ``reader`` of ``read_document_isolated`` for uploads.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from markupsafe import escape

from ..minutes import readers
from ..minutes.readers import MAX_DOCUMENT_BYTES, InvalidDocument, SourceDocument


def _cell_text(node) -> str:
    return " ".join((node.text(separator=" ") or "").split()).replace("|", "/")


def _html_with_table_rows(data: bytes) -> bytes:
    """The page with every table replaced by Markdown pipe rows, one paragraph per row (innermost tables first).

    (Tabs would not survive: the HTML reader squeezes every run of spaces and tabs.)
    """
    from selectolax.lexbor import LexborHTMLParser

    text, _ = readers._flatten_deep_nesting(readers._decode(data))
    page = LexborHTMLParser(text)
    for table in reversed(page.css("table")):
        rows = []
        for row in table.css("tr"):
            rows.append("| " + " | ".join(_cell_text(cell) for cell in row.css("th, td")) + " |")
        block = LexborHTMLParser("<div>" + "".join(f"<div>{escape(row)}</div>" for row in rows)
                                 + "</div>").css_first("div")
        table.replace_with(block)
    return (page.html or "").encode("utf-8")


def _docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table

    readers._check_docx_package(data)
    lines: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            body = docx.Document(io.BytesIO(data))
            for block in body.iter_inner_content():
                if isinstance(block, Table):
                    for row in block.rows:
                        seen, cells = set(), []
                        for cell in row.cells:
                            if cell._tc in seen:  # a merged cell repeats across the grid
                                continue
                            seen.add(cell._tc)
                            cells.append(" ".join(cell.text.split()))
                        lines.append("\t".join(cells))
                    lines.append("")
                else:
                    lines.append(block.text)
    except Exception as error:  # python-docx and lxml raise many types for damaged files
        raise InvalidDocument(f"the Word document could not be read: {readers._short_reason(error)}") from None
    return "\n".join(lines)


def read_report_document(data: bytes, *, filename: str | None = None,
                         max_bytes: int = MAX_DOCUMENT_BYTES) -> SourceDocument:
    """Read a report from raw bytes like ``read_document``, keeping HTML and Word table rows on one line each."""
    data = bytes(data)
    readers._check_size(len(data), max_bytes)
    kind = readers._sniff(data)
    name = readers._safe_filename(filename)
    readers._check_extension(_as_text_name(name), kind)
    if kind == "html":
        rows_kept = _html_with_table_rows(data)
        text, notes = readers._html_document(rows_kept)
    elif kind == "docx":
        text, notes = readers._storable_text(_docx_text(data))
        if not text.strip():
            raise InvalidDocument("the Word document has no text")
    else:
        document = readers.read_document(data, filename=_as_text_name(name), max_bytes=max_bytes)
        return SourceDocument(text=document.text, format=document.format, checksum=document.checksum, filename=name,
                              size=document.size, warnings=document.warnings)
    return SourceDocument(text=text, format=kind, checksum=hashlib.sha256(data).hexdigest(), filename=name,
                          size=len(data), warnings=tuple(notes))


def _as_text_name(name: str | None) -> str | None:
    """Markdown is text: "report.md" is checked as "report.md.txt" would be."""
    if name and name.lower().endswith((".md", ".markdown")):
        return name + ".txt"
    return name


def read_report_path(path) -> SourceDocument:
    """A report file on disk, checked as ``read_path`` checks it (a Markdown file as text), tables kept as rows."""
    import os

    shown = readers._printable(os.fspath(path))[:300] or "the path"
    if not os.path.isfile(path):
        raise InvalidDocument(f"there is no file at {shown}; check the path", 400)
    readers._check_size(os.path.getsize(path), MAX_DOCUMENT_BYTES)
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise InvalidDocument(f"{shown} cannot be read ({error.strerror}); check its permissions", 400) from None
    return read_report_document(data, filename=os.path.basename(os.fspath(path)))
