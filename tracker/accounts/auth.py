"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for

from ..db import write_session
from ..models import User
from ..web import db, engine
from ..web.forms import ConfirmForm
from .forms import LoginForm
from .users import check_credentials, end_sessions, finish_sign_in, start_sign_in

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str:
    """A local path to go to after signing in; anything pointing off-site (//evil, https://...) goes home."""
    if not target:
        return url_for("pages.home")
    parts = urlsplit(target)
    if (parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target
            or any(ord(c) < 32 or ord(c) == 127 for c in target)):  # browsers drop tabs and newlines: "/\t/evil"
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
        with write_session(engine()) as writer:
            attempt_ids = start_sign_in(session=writer, keys=keys, limit=limit, window=window)
        if attempt_ids is None:
            status = 429
            form.password.errors.append(
                f"Too many failed sign-ins. Wait {int(window.total_seconds() // 60)} minutes and try again.")
        else:
            # the password is checked outside any write transaction (hashing is slow on purpose)
            user = check_credentials(session=db(), username=form.username.data, password=form.password.data)
            if user is None:
                status = 401
                form.password.errors.append("The user name or password is not right.")
            else:
                with write_session(engine()) as writer:
                    finish_sign_in(session=writer, attempt_ids=attempt_ids, keys=keys)
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
