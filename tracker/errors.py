"""The domain errors every service raises, each with its HTTP status, and the one handler that renders them.

A service raises ``NotFound``, ``Conflict``, ``NotAllowed`` or ``Invalid`` with a message that says what to
fix and, for ``Invalid``, the form ``field`` it is about; views put the message by that field, and anything
they let through is rendered by `init_app`'s handler (a page, or JSON under /api/) with the error's status.
"""

from __future__ import annotations

from flask import Flask, render_template, request


class TrackerError(Exception):
    """Something asked of the tracker that it cannot do; ``message`` says what to fix, ``field`` where."""

    status = 422
    title = "Unprocessable Content"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def sentence(self) -> str:
        """The message as a sentence for a page: a capital first letter and a full stop."""
        return sentence(self.message)


class Invalid(TrackerError):
    """Asked with values the tracker cannot take (422); ``field`` names the form field at fault, if one is."""


class NotFound(TrackerError):
    """No such record, or none the reader may see (404)."""

    status = 404
    title = "Not Found"


class NotAllowed(TrackerError):
    """The user's role does not allow this change (403)."""

    status = 403
    title = "Forbidden"


class Conflict(TrackerError):
    """Someone else changed the record after the person asking last saw it (409)."""

    status = 409
    title = "Conflict"


def sentence(text: str) -> str:
    """`text` with a capital first letter and a full stop, as pages show messages."""
    text = str(text)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def init_app(app: Flask) -> None:
    """Render any domain error a view lets through: JSON under /api/, the error page elsewhere."""
    app.register_error_handler(TrackerError, _render)


def _render(error: TrackerError):
    if request.path.startswith("/api/"):
        return {"error": error.title, "message": error.message}, error.status
    return render_template("error.html", code=error.status, title=error.title,
                           message=sentence(error.message)), error.status
