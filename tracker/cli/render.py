"""Plain-text rendering of segmented minutes, for people at a terminal."""

from __future__ import annotations

import textwrap

from nlp import Minutes

_WIDTH = 100


def _wrap(text: str, indent: str) -> str:
    flat = " ".join(text.split())
    return textwrap.fill(flat, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "   ")


def minutes_as_text(minutes: Minutes) -> str:
    """Items in order, each with its questions (answers beneath), comments, resolutions and actions."""
    meeting = minutes.meeting
    lines = [" — ".join(filter(None, [meeting.committee or "Unknown committee", meeting.date or "undated"]))]
    if meeting.title and meeting.title != meeting.committee:
        lines.append(meeting.title)
    for index, item in enumerate(minutes.agenda_items):
        lines.append("")
        lines.append(f"{item.number or '-'}  {item.title}" + ("  (procedural)" if item.procedural else ""))
        for q_index, question in enumerate(minutes.questions):
            if question.item != index:
                continue
            who = f"[{question.asker}] " if question.asker else ""
            lines.append(_wrap(f"Q  {who}{question.text}", "   "))
            for response in minutes.responses:
                if response.answers == q_index:
                    who = f"[{response.responder}] " if response.responder else ""
                    lines.append(_wrap(f"A  {who}{response.text}", "      "))
        for comment in minutes.comments:
            if comment.item == index:
                lines.append(_wrap(f"C  {comment.text}", "   "))
        for resolution in minutes.resolutions:
            if resolution.item == index:
                lines.append(_wrap(f"RESOLVED ({resolution.kind})  {resolution.text}", "   "))
        for action in minutes.actions:
            if action.item == index:
                details = [action.kind.replace("_", " ")]
                if action.owner:
                    details.append(f"owner: {action.owner}")
                if action.due:
                    details.append(f"due: {action.due}" + (f" ({action.due_date})" if action.due_date else ""))
                lines.append(_wrap(f"ACTION [{'; '.join(details)}]  {action.text}", "   "))
    return "\n".join(lines)
