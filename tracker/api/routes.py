"""The read-only JSON API under /api/ (action status writes need a signed-in officer).

Lists are paginated (``?page=1&per_page=50``, at most 200 a page) and answer
``{"items", "page", "per_page", "total", "next"}``. Draft meetings, and
everything found in them, are seen by editors and above only. Errors are JSON
``{"error", "message"}`` with a 4xx status (``web`` and ``errors`` render them for /api/).
The routes are described in /api/openapi.json (``api.openapi``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, g, jsonify, request
from flask_wtf.csrf import generate_csrf

from ..actions.log import api_actions
from ..actions.service import KIND_WORDS, update_action
from ..db import write_session
from ..errors import NotFound
from ..models import ActionStatus, Role, User
from ..web import db, engine, has_role, include_drafts, stale_days
from . import serialise as s
from .openapi import DEFAULT_PER_PAGE, MAX_PER_PAGE, openapi_document

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_PAGE = 1_000_000  # keeps offsets inside every database's integer range
MAX_NOTE = 2000
_DIGITS = re.compile(r"[0-9]{1,9}")
_SLUG = re.compile(r"[a-z0-9-]{1,200}")  # what ingest.slugify makes
# Characters no database column should get (PostgreSQL refuses NUL and lone surrogates outright).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
PAGING = ("page", "per_page")


def _bad(message: str):
    abort(400, description=message)


def _args(*allowed: str) -> None:
    """Refuse query parameters this route does not take, so a misspelt filter is not silently ignored."""
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        _bad(f"unknown parameter {unknown[0]!r}; this route takes {', '.join(allowed) or 'no parameters'}")
    repeated = [name for name in request.args if len(request.args.getlist(name)) > 1]
    if repeated:
        _bad(f"give {repeated[0]!r} once")


def _number(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        _bad(f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def _date(name: str) -> dt.date | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        _bad(f"{name} must be a date written YYYY-MM-DD, such as 2024-03-31")


def _text(name: str) -> str | None:
    raw = request.args.get(name)
    if raw is not None and (not 0 < len(raw) <= 200 or _UNSTORABLE.search(raw)):
        _bad(f"{name} must be 1 to 200 characters of text")
    return raw


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def dict(self, items: list[dict[str, Any]], total: int) -> dict[str, Any]:
        """The page of `items` with its place in the whole and a link to the next page, if there is one."""
        following = None
        if self.page * self.per_page < total:
            query = request.args.to_dict()
            query.update(page=str(self.page + 1), per_page=str(self.per_page))
            following = f"{request.path}?{urlencode(query)}"
        return {"items": items, "page": self.page, "per_page": self.per_page, "total": total, "next": following}


def _paging() -> Paging:
    return Paging(page=_number("page", 1, 1, MAX_PAGE),
                  per_page=_number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE))


# --- committees and meetings -----------------------------------------------------------

@bp.get("/committees")
def committees():
    """Committees by name, with how many meetings each has."""
    _args(*PAGING)
    paging = _paging()
    rows, total = s.list_committees(session=db(), include_drafts=include_drafts(), offset=paging.offset,
                                    limit=paging.per_page)
    return paging.dict([s.committee_dict(committee, meeting_count=n) for committee, n in rows], total)


@bp.get("/committees/<slug>")
def committee(slug: str):
    """A committee and a page of its meetings, newest first."""
    _args(*PAGING)
    paging = _paging()
    found = s.get_committee(session=db(), slug=slug, include_drafts=include_drafts()) if _SLUG.fullmatch(slug) else None
    if found is None:
        abort(404, description=f"there is no committee {slug!r}")
    rows, total = s.list_meetings(session=db(), include_drafts=include_drafts(), committee=found.slug,
                                  offset=paging.offset, limit=paging.per_page)
    return {**s.committee_dict(found, meeting_count=total),
            "meetings": paging.dict([s.meeting_dict(*row) for row in rows], total)}


@bp.get("/meetings")
def meetings():
    """Meetings newest first; filter by committee slug and a date range."""
    _args(*PAGING, "committee", "from", "to")
    paging = _paging()
    date_from, date_to = _date("from"), _date("to")
    if date_from and date_to and date_from > date_to:
        _bad("from must not be after to")
    rows, total = s.list_meetings(session=db(), include_drafts=include_drafts(), committee=_text("committee"),
                                  date_from=date_from, date_to=date_to, offset=paging.offset, limit=paging.per_page)
    return paging.dict([s.meeting_dict(*row) for row in rows], total)


@bp.get("/meetings/<id:meeting_id>")
def meeting(meeting_id: int):
    """A meeting with its agenda items and every record found in each."""
    _args()
    found = s.get_meeting(session=db(), meeting_id=meeting_id, include_drafts=include_drafts())
    if found is None:
        abort(404, description=f"there is no meeting {meeting_id}")
    return s.meeting_detail(session=db(), meeting=found[0], committee=found[1])


# --- people ----------------------------------------------------------------------------

@bp.get("/people")
def people():
    """People the minutes name, by name, with how many records name each."""
    _args(*PAGING)
    paging = _paging()
    rows, total = s.list_people(session=db(), include_drafts=include_drafts(), offset=paging.offset, limit=paging.per_page)
    counts = s.people_counts(session=db(), person_ids=[person.id for person in rows], include_drafts=include_drafts())
    return paging.dict([s.person_dict(person, counts=counts[person.id]) for person in rows], total)


@bp.get("/people/<id:person_id>")
def person(person_id: int):
    """A person and a page each of their questions, responses, comments and actions, newest meeting first."""
    _args(*PAGING)
    paging = _paging()
    found = s.get_person(session=db(), person_id=person_id, include_drafts=include_drafts())
    if found is None:
        abort(404, description=f"there is no person {person_id}")
    out = s.person_dict(found)
    for key in s.PERSON_RECORDS:
        rows, total = s.person_records(session=db(), person_id=found.id, key=key, include_drafts=include_drafts(),
                                       offset=paging.offset, limit=paging.per_page)
        out[key] = paging.dict([{**s.record_dict(record), "meeting": s.meeting_dict(meeting, committee)}
                                for record, meeting, committee in rows], total)
    return out


# --- actions ---------------------------------------------------------------------------

@bp.get("/actions")
def actions():
    """Actions, soonest due first; filter as the action log does: status, committee, council, owner, kind, due window,
    overdue and stale."""
    _args(*PAGING, "status", "committee", "council", "owner", "overdue", "kind", "due_from", "due_to", "stale")
    paging = _paging()
    status = request.args.get("status")
    if status is not None and status not in set(ActionStatus):
        _bad(f"status must be one of {', '.join(ActionStatus)}")
    flags = {}
    for name in ("overdue", "stale"):
        flags[name] = request.args.get(name, "0")
        if flags[name] not in ("0", "1", "true", "false"):
            _bad(f"{name} must be 1 (only {name} actions) or 0")
    kind = request.args.get("kind")
    if kind is not None and kind not in KIND_WORDS:
        _bad(f"kind must be one of {', '.join(KIND_WORDS)}")
    due_from, due_to = _date("due_from"), _date("due_to")
    if due_from and due_to and due_from > due_to:
        _bad("due_from must not be after due_to")
    owner: int | str | None = _text("owner")
    if owner is not None and _DIGITS.fullmatch(owner):
        owner = int(owner)
    rows, total = api_actions(session=db(), include_drafts=include_drafts(), status=status, committee=_text("committee"),
                              council=_text("council"), owner=owner, overdue=flags["overdue"] in ("1", "true"),
                              kind=kind, due_from=due_from,
                              due_to=due_to, stale=flags["stale"] in ("1", "true"), offset=paging.offset,
                              limit=paging.per_page,
                              stale_days=stale_days())
    return paging.dict([{**s.record_dict(action), "meeting": s.meeting_dict(meeting, committee)}
                        for action, meeting, committee in rows], total)


@bp.get("/actions/<id:action_id>")
def action(action_id: int):
    """An action, the meeting it comes from, and its history of changes."""
    _args()
    found = s.get_action(session=db(), action_id=action_id, include_drafts=include_drafts())
    if found is None:
        abort(404, description=f"there is no action {action_id}")
    return s.action_detail(session=db(), action=found[0], meeting=found[1], committee=found[2],
                           show_users=g.user is not None)


def _status_change() -> tuple[str, str | None, str | None]:
    """The status, note and (optional) status the client last saw, from a JSON object with no other fields."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        _bad('send a JSON object such as {"status": "done", "note": "report circulated"} '
             "with Content-Type: application/json")
    unknown = sorted(set(body) - {"status", "note", "seen"})
    if unknown:
        _bad(f"unknown field {unknown[0]!r}; send status, and optionally note and seen")
    status, note, seen = body.get("status"), body.get("note"), body.get("seen")
    if not isinstance(status, str):
        _bad(f"status is required: one of {', '.join(ActionStatus)}")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE or _UNSTORABLE.search(note)):
        _bad(f"note must be text of at most {MAX_NOTE:,} characters, without control characters")
    if seen is not None and not isinstance(seen, str):
        _bad("seen must be the status you last saw, as text")
    return status, note, seen


@bp.post("/actions/<id:action_id>/status")
def action_status(action_id: int):
    """Change an action's status (officers and up; the X-CSRFToken header is checked before this runs)."""
    if g.user is None:
        abort(401, description="sign in (POST /login) before changing an action")
    if not has_role(Role.OFFICER):
        abort(403, description="changing an action needs the officer role or above")
    _args()
    action_id = action_id
    status, note, seen = _status_change()
    with write_session(engine()) as session:
        current = s.get_action(session=session, action_id=action_id, include_drafts=include_drafts())
        if current is None:
            raise NotFound(f"there is no action {action_id}")
        update_action(session=session, action_id=action_id, user=session.get(User, g.user.id), status=status,
                      note=note, seen=seen)
        session.flush()
        return s.action_detail(session=session, action=current[0], meeting=current[1], committee=current[2],
                               show_users=True)


# --- about the API ---------------------------------------------------------------------

@bp.get("/session")
def session_info():
    """Who is signed in, and the CSRF token to send as X-CSRFToken with every write."""
    _args()
    user = None if g.user is None else {"username": g.user.username, "role": str(g.user.role)}
    response = jsonify({"user": user, "csrf_token": generate_csrf()})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/openapi.json")
def openapi():
    """This API described as an OpenAPI 3.1 document."""
    _args()
    return openapi_document()
