"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for

from .database import write_session
from .forms import ConfirmForm, LoginForm
from .models import User
from .users import authenticate, end_sessions, login_blocked
from .web import engine

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str:
    """A local path to go to after signing in; anything pointing off-site (//evil, https://...) goes home."""
    if not target:
        return url_for("pages.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("pages.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in page; failed attempts are limited per user name and per address, across workers."""
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        keys = [f"user:{form.username.data.lower()}", f"ip:{request.remote_addr}"]
        limit, window = current_app.config["LOGIN_ATTEMPTS"], current_app.config["LOGIN_WINDOW"]
        with write_session(engine()) as db:
            if login_blocked(session=db, keys=keys, limit=limit, window=window):
                user, status = None, 429
                form.password.errors.append(
                    f"Too many failed sign-ins. Wait {int(window.total_seconds() // 60)} minutes and try again.")
            else:
                user = authenticate(session=db, username=form.username.data, password=form.password.data,
                                    keys=keys, limit=limit, window=window)
                if user is None:
                    status = 401
                    form.password.errors.append("The user name or password is not right.")
        if user is not None:
            session.clear()
            session.permanent = True
            session["user_id"], session["version"] = user.id, user.session_version
            return redirect(safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """End the session here and, by bumping the version, every copy of its cookie."""
    ConfirmForm()  # CSRF is checked by CSRFProtect before we get here
    if g.user is not None:
        with write_session(engine()) as db:
            end_sessions(session=db, user=db.get(User, g.user.id))
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("pages.home"))
