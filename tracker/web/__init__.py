"""What every page shares: the database session, the signed-in user, roles, ids in URLs, errors and security
headers, and the small helpers views use (`get_or_404`, `include_drafts`, `today`, `stale_days`)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import secrets
import threading

from flask import Flask, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, ValidationError

from .. import errors
from ..db import StorageUnavailable, check_schema, make_engine, storage_problem
from ..models import MAX_ID, Committee, Council, Meeting, Role, User, meeting_visible

log = logging.getLogger("tracker")
csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = ("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                           "form-action 'self'; img-src 'self' data:")


class IdConverter(BaseConverter):
    """``<id:name>`` in a URL: a database id (1 to MAX_ID); anything else is a 404 before the view runs."""

    regex = r"[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValidationError()
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def init_app(app: Flask) -> None:
    """The database engine (schema checked), the signed-in user, CSRF, security headers and error pages."""
    app.url_map.converters["id"] = IdConverter
    engine = make_engine(app.config["DATABASE_URL"])
    try:
        check_schema(engine)  # refuse to start on a missing or old schema, naming the command that fixes it
    except BaseException:
        engine.dispose()
        raise
    app.extensions["tracker.engine"] = engine
    app.extensions["tracker.nlp_lock"] = threading.Lock()
    app.before_request(load_user)  # before the CSRF check, so its 400 page still knows who is signed in
    csrf.init_app(app)
    app.after_request(_security_headers)
    app.teardown_appcontext(_close_session)
    errors.init_app(app)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(SQLAlchemyError, _storage_error)
    app.register_error_handler(OSError, _storage_error)
    app.register_error_handler(StorageUnavailable, _storage_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.url_defaults(_council_in_committee_urls)
    app.jinja_env.globals.update(has_role=has_role, Role=Role, council_name=council_name, councils_shown=councils_shown)


def engine() -> Engine:
    return current_app.extensions["tracker.engine"]


def db() -> Session:
    """The request's read session (writes use ``db.write_session``)."""
    if "db" not in g:
        g.db = Session(engine(), expire_on_commit=False)
    return g.db


def _close_session(_error=None) -> None:
    session_ = g.pop("db", None)
    if session_ is not None:
        session_.close()


def segmenter():
    """The spaCy pipeline, built once per process on first use (it takes about a second)."""
    nlp = current_app.extensions.get("tracker.nlp")
    if nlp is None:
        with current_app.extensions["tracker.nlp_lock"]:
            nlp = current_app.extensions.get("tracker.nlp")
            if nlp is None:
                # imported on first use: spaCy takes seconds to load, and many processes never segment
                from nlp import build_pipeline

                nlp = current_app.extensions["tracker.nlp"] = build_pipeline()
    return nlp


# --- who is signed in ----------------------------------------------------------

def load_user() -> None:
    """Set g.user from the session, if its version still matches (logout elsewhere ends it)."""
    g.user = None
    user_id, version = session.get("user_id"), session.get("version")
    if user_id is None:
        return
    user = db().get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        session.clear()
        return
    g.user = user


def has_role(role: Role | str) -> bool:
    user = g.get("user")
    return user is not None and Role(user.role).rank >= Role(role).rank


def role_required(role: Role):
    """Views behind this need a signed-in user with at least `role`; others are sent to sign in or refused."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if g.get("user") is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not has_role(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role
        return wrapped

    return decorator


def get_or_404(model, ident: int):
    """The row with this id (from an ``<id:...>`` URL part), or a 404 page."""
    if not isinstance(ident, int) or not 0 < ident <= MAX_ID:
        abort(404)
    row = db().get(model, ident)
    if row is None:
        abort(404)
    return row


def _council_names() -> dict[int, str]:
    """Council names by id when the tracker holds two or more councils; none for one (no council chrome)."""
    if "council_names" not in g:
        rows = db().exec(select(Council.id, Council.name)).all()
        g.council_names = dict(rows) if len(rows) > 1 else {}
    return g.council_names


def councils_shown() -> bool:
    """Whether pages name councils: only when there are two or more."""
    return bool(_council_names())


def council_name(council_id: int | None) -> str:
    """The council's name for a page, or "" in a single-council deployment."""
    return _council_names().get(council_id, "")


# endpoints whose URLs carry a committee's slug, and (with two or more councils) its council's slug before it
COMMITTEE_ENDPOINTS: set[str] = set()
_SLUG = re.compile(r"[a-z0-9-]{1,200}")


def _committee_councils() -> dict[str, str]:
    """The slug of each committee the reader may see (for the public: one with a published meeting) with its
    council's slug; one small query per request, when a URL needs it."""
    if "committee_councils" not in g:
        g.committee_councils = dict(db().exec(
            select(Committee.slug, Council.slug).distinct().join(Council, Council.id == Committee.council_id)
            .join(Meeting, Meeting.committee_id == Committee.id).where(meeting_visible(include_drafts()))).all())
    return g.committee_councils


def committee_route(bp, rule: str, **options):
    """Register a committee page at ``/councils/<council>`` + `rule` and at `rule` itself (today's address).

    With two or more councils, ``url_for`` builds the first (the council's slug is added from the committee's)
    and the second redirects to it; with one council there is no council in any address. The endpoint keeps
    the view's name, so templates' ``url_for(..., slug=...)`` work either way."""
    def decorator(view):
        @functools.wraps(view)
        def routed(slug: str, council: str | None = None, **kwargs):
            if not _SLUG.fullmatch(slug):
                abort(404)
            belongs = _committee_councils().get(slug)
            wanted = belongs if councils_shown() else None  # the council the address should name, if any
            if council != wanted:
                if council is not None and belongs is None:
                    abort(404)
                # today's address, another council's, or a council named where there is only one: redirect
                arguments = {**request.args.to_dict(flat=False), **kwargs, "slug": slug}
                if wanted is not None:
                    arguments["council"] = wanted
                return redirect(url_for(request.endpoint, **arguments), 308)
            return view(slug=slug, **kwargs)

        bp.add_url_rule("/councils/<council>" + rule, view_func=routed, **options)
        bp.add_url_rule(rule, view_func=routed, **options)
        COMMITTEE_ENDPOINTS.add(f"{bp.name}.{view.__name__}")
        return routed

    return decorator


def _council_in_committee_urls(endpoint: str, values: dict) -> None:
    if endpoint in COMMITTEE_ENDPOINTS and "council" not in values and values.get("slug") and councils_shown():
        council = _committee_councils().get(values["slug"])
        if council is not None:
            values["council"] = council


def include_drafts() -> bool:
    """Whether the reader sees draft meetings and what is found in them: editors and above do."""
    return has_role(Role.EDITOR)


def today() -> dt.date:
    """The date pages count overdue and stale actions from."""
    return dt.date.today()


def stale_days() -> int:
    """The ACTION_STALE_DAYS setting: when an undated action still to do becomes stale."""
    return current_app.config["ACTION_STALE_DAYS"]


# --- responses -----------------------------------------------------------------

def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    if g.get("user") is not None:
        response.headers["Cache-Control"] = "no-store"
    return response


def wants_json() -> bool:
    return request.path.startswith("/api/")


def _http_error(error: HTTPException):
    if wants_json():
        return {"error": error.name, "message": error.description}, error.code
    return render_template("error.html", code=error.code, title=error.name, message=error.description), error.code


def _csrf_error(error: CSRFError):
    message = ("This form has expired or was not sent from this site. Go back, reload the page and try again.")
    if wants_json():
        return {"error": "CSRF check failed", "message": message}, 400
    return render_template("error.html", code=400, title="Form expired", message=message), 400


def _storage_error(error: Exception):
    """A full disk or read-only database: say so with a 503 (nothing was stored); anything else is unexpected."""
    problem = storage_problem(error)
    if problem is None:
        return _unexpected_error(error)
    log.error("cannot store on %s %s: %s", request.method, request.path, error)
    message = (f"The tracker cannot store anything just now: {problem}. Nothing was stored; what was already "
               "there is unchanged. Try again later, or tell the administrator.")
    if wants_json():
        return {"error": "Service Unavailable", "message": message}, 503
    return render_template("error.html", code=503, title="Cannot store just now", message=message), 503


def _unexpected_error(error: Exception):
    """A generic page with an incident id to quote; the traceback goes to the log only."""
    incident = secrets.token_hex(4)
    log.exception("incident %s on %s %s", incident, request.method, request.path)
    message = f"Something went wrong on our side. If it keeps happening, quote incident {incident}."
    if wants_json():
        return {"error": "Internal Server Error", "message": message, "incident": incident}, 500
    return render_template("error.html", code=500, title="Something went wrong", message=message), 500
