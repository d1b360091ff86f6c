"""Normalising minutes text, and reading the optional ``key: value`` header block.

All offsets the segmenter reports point into the text this module returns, so
it must be cheap, deterministic and never reorder anything.
"""

from __future__ import annotations

import re

HEADER_KEYS = {"source", "council", "committee", "date", "title", "meeting"}
_MAX_HEADER_LINES = 40

# Characters that look like spaces or nothing in a browser but break matching.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]{0,30}):\s*(.*)$")


def normalise(text: str) -> str:
    """Unify line endings and spaces, drop invisible and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.translate(_SPACES).translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    # Line by line, not a multi-line regex: "[ \t]+$" retries every space of a long run (quadratic).
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``key: value`` block ended by ``---`` from the document.

    Only a block whose every line is ``key: value`` (or blank) counts, so a
    document that merely contains ``---`` somewhere is left alone.
    """
    lines = text.split("\n", _MAX_HEADER_LINES + 1)
    header: dict[str, str] = {}
    for number, line in enumerate(lines[:_MAX_HEADER_LINES]):
        stripped = line.strip()
        if stripped == "---":
            if not header:
                return {}, text
            body_start = sum(len(part) + 1 for part in lines[: number + 1])
            return header, text[body_start:]
        if not stripped:
            continue
        match = _HEADER_LINE.match(stripped)
        if not match:
            return {}, text
        header[match.group(1).strip().lower().replace(" ", "_")] = match.group(2).strip()
    return {}, text


def prepare(raw: str) -> tuple[dict[str, str], str]:
    """Return the header block and the normalised minutes text."""
    header, body = split_header(normalise(raw))
    return header, body.strip("\n") if body.strip() else ""
