"""Public pages: home, committees, meetings and people. Drafts are shown to editors only."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlmodel import select

from .models import Committee
from .web import db

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    """Recent meetings and action counts."""
    return render_template("pages/home.html")


@bp.route("/committees")
def committees():
    """Every committee, by name."""
    rows = db().exec(select(Committee).order_by(Committee.name)).all()
    return render_template("pages/committees.html", committees=rows)
