"""Highlighted snippets: a window of the minute text around the matches, every piece escaped, only <mark> added."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

WIDTH = 260


def snippet(text: str, marks: list[tuple[int, int]], width: int = WIDTH) -> Markup:
    """The part of `text` with the most marks (character spans), escaped, the marks wrapped in <mark>."""
    marks = sorted((s, e) for s, e in marks if 0 <= s < e <= len(text))
    if len(text) <= width:
        start, end = 0, len(text)
    elif not marks:
        start, end = 0, width
    else:
        best, best_count = marks[0][0], 0
        for s, _e in marks:
            count = sum(1 for s2, _ in marks if s <= s2 < s + width * 2 // 3)
            if count > best_count:
                best, best_count = s, count
        start = max(0, best - width // 3)
        end = min(len(text), start + width)
        start = max(0, end - width)
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    pieces = [Markup("… ")] if start > 0 else []
    at = start
    for s, e in marks:
        if e <= at or s >= end:
            continue
        s = max(s, at)
        pieces.append(escape(text[at:s]))
        pieces.append(Markup("<mark>") + escape(text[s:min(e, end)]) + Markup("</mark>"))
        at = min(e, end)
    pieces.append(escape(text[at:end]))
    if end < len(text):
        pieces.append(Markup(" …"))
    return Markup("").join(pieces)


_SENTINEL = re.compile("\ue000(.*?)\ue001", re.S)


def from_sentinels(text: str) -> Markup:
    """Text an engine marked with U+E000 ... U+E001 (PostgreSQL's ts_headline), escaped, marks as <mark>."""
    pieces, at = [], 0
    for match in _SENTINEL.finditer(text):
        pieces.append(escape(text[at:match.start()].replace("\ue000", "").replace("\ue001", "")))
        pieces.append(Markup("<mark>") + escape(match.group(1)) + Markup("</mark>"))
        at = match.end()
    pieces.append(escape(text[at:].replace("\ue000", "").replace("\ue001", "")))
    return Markup("").join(pieces)
