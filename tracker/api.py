"""The read-only JSON API under /api/ (action status writes need a signed-in officer)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")
