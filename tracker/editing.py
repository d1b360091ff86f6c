"""Adding and correcting minutes in the browser (editor role)."""

from __future__ import annotations

from flask import Blueprint, render_template

from .models import Role
from .web import role_required

bp = Blueprint("editing", __name__)


@bp.route("/minutes/new", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def new_minutes():
    """Paste or upload minutes."""
    return render_template("editing/new.html")


@bp.route("/drafts")
@role_required(Role.EDITOR)
def drafts():
    """Meetings not yet published."""
    return render_template("editing/drafts.html")
