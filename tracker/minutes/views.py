"""Public pages: home, committees, meetings and people. Drafts are shown to editors only.

Officers change an action's status from its meeting page; the form posts to the action tracker
(``actions.views.status``, POST /actions/<id>/status), which sends it back here when it has errors.
"""

from __future__ import annotations

import re

from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_from_directory,
                   url_for)
from sqlmodel import select

from ..actions.forms import ActionStatusForm
from ..actions.succession import set_predecessor
from ..db import write_session
from ..errors import Invalid
from ..models import ActionStatus, Committee, Role, User
from ..web import committee_route, db, engine, has_role, include_drafts, role_required, today
from . import queries
from .annotate import annotate_meeting
from .councils import council_by_slug, councils
from .forms import PredecessorForm

bp = Blueprint("pages", __name__)

_PAGE = re.compile(r"[0-9]{1,9}")
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.(txt|html|pdf|docx|bin)")  # what ingest.save_original makes
_DOWNLOAD_TYPES = {"txt": "text/plain; charset=utf-8", "pdf": "application/pdf",
                   "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   # an HTML original is for saving, never for rendering on this site
                   "html": "application/octet-stream", "bin": "application/octet-stream"}
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def _paged(list_function, **options):
    """Call a queries function for the page named by ?page= (default 1); 404 for a page that does not exist."""
    raw = request.args.get("page", "1")
    if not _PAGE.fullmatch(raw):
        abort(404, description="There is no such page. Page numbers are whole numbers from 1.")
    try:
        return list_function(session=db(), include_drafts=include_drafts(), page=int(raw), **options)
    except queries.NoSuchPage as error:
        abort(404, description=f"There is no such page: {error}.")


@bp.route("/")
def home():
    """Recent meetings, action counts and the committees."""
    return render_template("pages/home.html", meetings=_paged(queries.recent_meetings),
                           counts=queries.action_counts(session=db(), include_drafts=include_drafts(), today=today()),
                           committees=queries.committees(session=db(), include_drafts=include_drafts()))


@bp.route("/committees")
def committees():
    """Every committee, by name, with its meeting count."""
    return render_template("pages/committees.html",
                           committees=queries.committees(session=db(), include_drafts=include_drafts()))


@committee_route(bp, "/committees/<slug>")
def committee(slug: str):
    """A committee's meetings, newest first, and its action log."""
    body = queries.committee_by_slug(session=db(), slug=slug, include_drafts=include_drafts())
    if body is None:
        abort(404)
    return _committee_page(body, PredecessorForm(formdata=None, data={"predecessor": _slug_of(body.successor_of_id)}))


def _slug_of(committee_id: int | None) -> str:
    committee = db().get(Committee, committee_id) if committee_id else None
    return committee.slug if committee else ""


def _committee_page(body, form: PredecessorForm, status: int = 200):
    """The committee page; editors get the form naming the committee it replaced (`form`, perhaps with errors)."""
    successors = db().exec(select(Committee).where(Committee.successor_of_id == body.id)
                           .order_by(Committee.name)).all()
    if has_role(Role.EDITOR):
        form.predecessor.choices = [("", "None")] + [
            (c.slug, c.name) for c in db().exec(select(Committee).where(Committee.council_id == body.council_id,
                                                                        Committee.id != body.id)
                                                .order_by(Committee.name)).all()]
    predecessor = db().get(Committee, body.successor_of_id) if body.successor_of_id else None
    return render_template("pages/committee.html", committee=body, predecessor=predecessor, successors=successors,
                           predecessor_form=form, meetings=_paged(queries.committee_meetings, committee_id=body.id),
                           actions=queries.action_log(session=db(), committee_id=body.id,
                                                     include_drafts=include_drafts(), today=today())), status


@committee_route(bp, "/committees/<slug>/predecessor", methods=["POST"])
@role_required(Role.EDITOR)
def committee_predecessor(slug: str):
    """An editor names the committee this one replaced, so its actions' discharges are looked for here too."""
    body = queries.committee_by_slug(session=db(), slug=slug, include_drafts=True)
    if body is None:
        abort(404)
    form = PredecessorForm()
    if form.validate_on_submit():
        try:
            with write_session(engine()) as session:
                set_predecessor(session=session, committee_id=body.id, predecessor_slug=form.predecessor.data or None,
                                user=session.get(User, g.user.id))
        except Invalid as error:
            form.predecessor.errors = [error.sentence()]
        else:
            flash("Saved which committee this one replaced." if form.predecessor.data else
                  "This committee is no longer recorded as replacing another.")
            return redirect(url_for("pages.committee", slug=body.slug))
    return _committee_page(body, form, 400)


def render_meeting(meeting_id: int, failed: tuple[int, ActionStatusForm] | None = None):
    """The meeting page, with a status form per open action for officers (`failed`: one sent back with errors)."""
    record = queries.meeting_record(session=db(), meeting_id=meeting_id, include_drafts=include_drafts(), today=today())
    if record is None:
        abort(404)
    forms = {}
    if has_role(Role.OFFICER):
        for group in [*record.items, record.unfiled]:
            for entry in group.actions:
                if entry.action.status in OPEN_STATUSES:
                    status = str(entry.action.status)
                    forms[entry.action.id] = ActionStatusForm(prefix=f"a{entry.action.id}", formdata=None,
                                                              data={"status": status, "seen": status})
    if failed is not None:
        forms[failed[0]] = failed[1]
    return render_template("pages/meeting.html", record=record, minutes=annotate_meeting(record), status_forms=forms,
                           failed_form=failed[1] if failed else None)


@bp.route("/meetings/<id:meeting_id>")
def meeting(meeting_id: int):
    """A meeting's agenda items in order, each with its questions (answers beneath), comments, resolutions and actions."""
    return render_meeting(meeting_id)


@bp.route("/meetings/<id:meeting_id>/source")
def meeting_source(meeting_id: int):
    """The original minutes document, always as a download under a name made from the committee and date."""
    found = queries.visible_meeting(session=db(), meeting_id=meeting_id, include_drafts=include_drafts())
    if found is None or not found.source_file or not _STORED_NAME.fullmatch(found.source_file):
        abort(404)
    extension = found.source_file.rsplit(".", 1)[1]
    body = queries.committee_of(session=db(), meeting=found)
    slug = re.sub(r"[^a-z0-9-]+", "-", body.slug)[:100].strip("-") or "minutes"
    name = f"{slug}-{found.date.isoformat() if found.date else 'undated'}.{extension}"
    return send_from_directory(current_app.config["UPLOADS_PATH"], found.source_file, as_attachment=True,
                               download_name=name, mimetype=_DOWNLOAD_TYPES[extension])


@bp.route("/people")
def people():
    """Everyone the visible minutes name, most active first, with how often they asked, answered, spoke or own an
    action; ?q= searches names, ?council= (a slug) and ?role= (councillor, officer, public) filter."""
    search = " ".join(request.args.get("q", "").split())[:200]
    role = request.args.get("role", "")
    role = role if role in queries.PEOPLE_ROLES else ""
    council = council_by_slug(session=db(), slug=request.args.get("council", ""))
    page_args = {name: value for name, value in (("q", search), ("role", role), ("council", council and council.slug))
                 if value}
    return render_template("pages/people.html", search=search, role=role, council=council, page_args=page_args,
                           councils=councils(session=db()), roles=list(queries.PEOPLE_ROLES),
                           people=_paged(queries.people, search=search or None, role=role or None,
                                         council_id=council.id if council else None))


@bp.route("/people/<id:person_id>")
def person(person_id: int):
    """What one person asked, answered, said and owns, across the meetings the reader can see."""
    record = queries.person_record(session=db(), person_id=person_id, include_drafts=include_drafts(),
                                  today=today())
    if record is None:
        abort(404)
    return render_template("pages/person.html", record=record)
