"""The action tracker's pages: the log (all committees or one) with its exports, My actions, the action page
with status, evidence, owner and due-date changes and discharge/repeat decisions, the status form of the
meeting page, the agenda-pack tracker and unanswered questions. Every status change goes through
``service.update_action``. Drafts (and their actions) are shown to editors only.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from sqlmodel import select

from ..db import write_session
from ..errors import Conflict, Invalid, sentence
from ..minutes import queries
from ..minutes.views import render_meeting
from ..models import Action, ActionEvent, ActionLink, AgendaItem, LinkKind, LinkState, Person, Role, User
from ..web import (committee_route, councils_shown, db, engine, get_or_404, has_role, include_drafts, role_required,
                   stale_days, today)
from . import log
from .charts import CommitteeChart, MonthChart, done_by_month, open_by_committee
from .discharge import decide_link, discharged_at, links_for
from .exports import actions_feed, agenda_pack_docx, due_calendar, log_csv
from .forms import ActionOwnerDueForm, ActionStatusForm, ActionUpdateForm, LinkDecisionForm, TrackerColumnsForm
from ..minutes.councils import council_by_slug
from .pack import (PACK_COLUMNS, RAG_WORDS, REQUIRED_COLUMNS, agenda_pack, body_name, set_tracker_columns,
                   status_words, tracker_columns)
from .repeats import repeat_chain
from .service import KIND_WORDS, STATUS_WORDS, change_owner_or_due, provenance, update_action

bp = Blueprint("actions", __name__)

PER_PAGE = 50
MAX_EXPORT = 10_000  # rows in one CSV, calendar or feed; bounds the work a single request can ask for
FEED_SIZE = 50


def _committee(slug: str):
    if not re.fullmatch(r"[a-z0-9-]{1,200}", slug):
        abort(404)
    found = queries.committee_by_slug(session=db(), slug=slug, include_drafts=include_drafts())
    if found is None:
        abort(404)
    return found


def _filters(committee=None) -> log.LogFilters:
    try:
        return log.parse_filters(request.args, committee=committee.slug if committee else None)
    except log.BadFilter as error:
        abort(400, description=sentence(str(error)))


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not re.fullmatch(r"[0-9]{1,6}", raw) or int(raw) < 1:
        abort(404, description="There is no such page. Page numbers are whole numbers from 1.")
    return int(raw)


def _update_form(entry_action: Action, back: str) -> ActionUpdateForm:
    status = str(entry_action.status)
    return ActionUpdateForm(formdata=None, ident=f"u{entry_action.id}", data={"status": "", "seen": status,
                                                                               "back": back})


def _render_log(committee=None):
    filters = _filters(committee)
    try:
        result = log.action_log(session=db(), filters=filters, include_drafts=include_drafts(), today=today(),
                                stale_days=stale_days(), page=_page_number(), per_page=PER_PAGE)
    except log.BadFilter as error:
        abort(404, description=f"{error}.")
    chart_args = {"session": db(), "filters": filters, "include_drafts": include_drafts(), "today": today(),
                  "stale_days": stale_days()}
    charts = {"committees": CommitteeChart(open_by_committee(**chart_args)),
              "months": MonthChart(done_by_month(**chart_args))}
    here = request.full_path.rstrip("?")
    forms = ({e.action.id: _update_form(e.action, here) for e in result.entries if str(e.action.status) in
              ("open", "in_progress")} if has_role(Role.OFFICER) else {})
    query = filters.query()
    query.pop("committee", None) if committee else None
    return render_template("actions/log.html", result=result, filters=filters, committee=committee, charts=charts,
                           forms=forms, query=query, status_filters=log.STATUS_FILTERS, sorts=log.SORTS,
                           kinds=KIND_WORDS, committees=queries.committees(session=db(), include_drafts=include_drafts()),
                           stale_days=stale_days())


@bp.route("/actions")
def action_log():
    """Every action across committees: filters, counts, charts (by committee and status; done on time or late
    by month) and the table."""
    return _render_log()


@committee_route(bp, "/committees/<slug>/actions")
def committee_log(slug: str):
    """One committee's action log, with the same filters, counts and chart."""
    return _render_log(_committee(slug))


def _export_entries(committee=None):
    filters = _filters(committee)
    result = log.action_log(session=db(), filters=filters, include_drafts=include_drafts(), today=today(),
                            stale_days=stale_days(), page=1, per_page=MAX_EXPORT)
    return filters, result.entries


def _base_url() -> str:
    return request.host_url.rstrip("/")


@bp.route("/actions/export.csv")
def export_csv():
    """The filtered log as CSV (cells that could run as spreadsheet formulas are neutralised)."""
    _filters_, entries = _export_entries()
    response = Response(log_csv(entries, base_url=_base_url()).encode("utf-8-sig"), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="actions-{today().isoformat()}.csv"'
    return response


@bp.route("/actions/calendar.ics")
def calendar():
    """An iCalendar feed of the filtered actions' due dates, to subscribe to in a calendar program."""
    filters, entries = _export_entries()
    committee = (queries.committee_by_slug(session=db(), slug=filters.committee, include_drafts=include_drafts())
                 if filters.committee else None)
    council = council_by_slug(session=db(), slug=filters.council) if filters.council else None
    name = (f"{body_name(committee)}: action due dates" if committee else
            f"{council.name}: action due dates" if council else "Action due dates: every committee")
    body = due_calendar(entries, base_url=_base_url(), name=name, host=request.host.split(":")[0] or "tracker")
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="actions.ics"'
    return response


@committee_route(bp, "/committees/<slug>/actions.atom")
def committee_feed(slug: str):
    """An Atom feed of a committee's newest actions, for councillors to subscribe to."""
    committee = _committee(slug)
    result = log.action_log(session=db(), filters=log.LogFilters(committee=committee.slug, sort="newest"),
                            include_drafts=include_drafts(), today=today(), stale_days=stale_days(), page=1,
                            per_page=FEED_SIZE)
    body = actions_feed(result.entries, base_url=_base_url(), title=f"New actions: {body_name(committee)}",
                        feed_path=url_for("actions.committee_feed", slug=committee.slug),
                        page_path=url_for("actions.committee_log", slug=committee.slug))
    return Response(body, mimetype="application/atom+xml")


@bp.route("/actions/mine")
@role_required(Role.OFFICER)
def mine():
    """The signed-in officer's actions: those owned by their linked person, or by their name."""
    show_closed = request.args.get("closed") == "1"
    entries = log.my_actions(session=db(), user=g.user, include_drafts=include_drafts(), today=today(),
                             stale_days=stale_days(), show_closed=show_closed)
    here = request.full_path.rstrip("?")
    forms = {e.action.id: _update_form(e.action, here) for e in entries if str(e.action.status) in
             ("open", "in_progress")}
    person = db().get(Person, g.user.person_id) if g.user.person_id else None
    return render_template("actions/mine.html", entries=entries, forms=forms, person=person,
                           show_closed=show_closed)


# --- one action ---------------------------------------------------------------------------

def _visible_action(action_id: int):
    action = db().get(Action, action_id)
    if action is None:
        abort(404)
    meeting = queries.visible_meeting(session=db(), meeting_id=action.meeting_id, include_drafts=include_drafts())
    if meeting is None:
        abort(404)
    return action, meeting


def _render_action(action_id: int, *, update_form=None, edit_form=None, status: int = 200):
    action, meeting = _visible_action(action_id)
    session = db()
    committee = queries.committee_of(session=session, meeting=meeting)
    item = session.get(AgendaItem, action.item_id) if action.item_id else None
    entry = log.entry(action, meeting, committee, item, today=today(), stale_days=stale_days())
    names = dict(session.exec(_user_names()).all()) if g.user is not None else {}
    history = session.exec(_history(action.id)).all()
    links = links_for(session=session, action_id=action.id, include_drafts=include_drafts())
    decision_forms = {}
    if has_role(Role.OFFICER):
        for view in links:
            if view.link.state == LinkState.PROPOSED:
                decision_forms[view.link.id] = {
                    choice: LinkDecisionForm(formdata=None, ident=f"l{view.link.id}-{choice}",
                                             data={"decision": choice, "seen": str(view.link.state)})
                    for choice in ("confirm", "reject")}
        if update_form is None:
            update_form = _update_form(action, url_for("actions.action", action_id=action.id))
    if has_role(Role.EDITOR) and edit_form is None:
        edit_form = ActionOwnerDueForm(formdata=None, ident="e", data={
            "owner": action.owner, "due": action.due, "due_date": action.due_date})
    people = (session.exec(select(Person.name).order_by(Person.name).limit(500)).all()
              if edit_form is not None else [])
    return render_template(
        "actions/action.html", entry=entry, action=action, meeting=meeting, committee=committee, item=item,
        provenance=provenance(session=session, action=action, meeting=meeting), history=history, names=names,
        discharge=[v for v in links if v.link.kind == LinkKind.DISCHARGE],
        repeats=[v for v in links if v.link.kind == LinkKind.REPEAT],
        discharged=discharged_at(session=session, action_id=action.id, include_drafts=include_drafts()),
        chain=repeat_chain(session=session, action_id=action.id, include_drafts=include_drafts()),
        update_form=update_form, edit_form=edit_form, decision_forms=decision_forms, people=people,
        kinds=KIND_WORDS), status


def _user_names():
    return select(User.id, User.username)


def _history(action_id: int):
    return select(ActionEvent).where(ActionEvent.action_id == action_id).order_by(ActionEvent.at, ActionEvent.id)


@bp.route("/actions/<id:action_id>")
def action(action_id: int):
    """One action: the sentence it came from in context, its status and history, repeats and discharge."""
    return _render_action(action_id)


def _safe_back(raw: str | None, fallback: str) -> str:
    """Only this site's action pages and logs: never another host (open redirect)."""
    if not raw or len(raw) > 2000 or "\\" in raw or raw.startswith("//"):
        return fallback
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or not re.match(r"^/(actions|committees/[a-z0-9-]+/actions)(/|\?|$)", raw):
        return fallback
    return raw


@bp.post("/actions/<id:action_id>/status")
@role_required(Role.OFFICER)
def status(action_id: int):
    """The meeting page's status form: a new status with a note; back to the action on its meeting page."""
    action = get_or_404(Action, action_id)
    if queries.visible_meeting(session=db(), meeting_id=action.meeting_id, include_drafts=include_drafts()) is None:
        abort(404)
    form = ActionStatusForm(prefix=f"a{action.id}")
    if form.validate_on_submit():
        try:
            with write_session(engine()) as session:
                changed = update_action(session=session, action_id=action.id, user=session.get(User, g.user.id),
                                        status=form.status.data, note=form.note.data, seen=form.seen.data or None)
                now = STATUS_WORDS[str(changed.status)]
        except Conflict as error:
            db().expire_all()  # read the status as it is now: sending the form again applies it
            form.seen.data = str(db().get(Action, action.id).status)
            form.status.errors.append(error.sentence())
        except Invalid as error:
            getattr(form, error.field or "", form.status).errors.append(error.sentence())
        else:
            flash(f"Action updated: it is now {now}.")
            return redirect(url_for("pages.meeting", meeting_id=action.meeting_id, _anchor=f"a-{action.id}"))
    return render_meeting(action.meeting_id, failed=(action.id, form)), 400


@bp.post("/actions/<id:action_id>/update")
@role_required(Role.OFFICER)
def update(action_id: int):
    """An officer changes the status and/or adds evidence; the second of two officers at once is told."""
    action_id = action_id
    _visible_action(action_id)
    form = ActionUpdateForm(ident=f"u{action_id}")
    own_page = url_for("actions.action", action_id=action_id)
    if not form.validate_on_submit():
        return _render_action(action_id, update_form=form, status=400)
    try:
        with write_session(engine()) as session:
            changed = update_action(session=session, action_id=action_id, user=session.get(User, g.user.id),
                                    status=form.status.data or None, note=form.note.data,
                                    evidence_link=form.evidence_link.data, seen=form.seen.data or None)
            now = STATUS_WORDS[str(changed.status)]
    except Conflict as error:
        db().expire_all()  # read the status as it is now: sending the form again applies it
        fresh = db().get(Action, action_id)
        form.seen.data = str(fresh.status) if fresh else ""
        form.status.errors.append(error.sentence())
        return _render_action(action_id, update_form=form, status=409)
    except Invalid as error:
        getattr(form, error.field or "", form.status).errors.append(error.sentence())
        return _render_action(action_id, update_form=form, status=400)
    flash(f"Action updated: it is {now}.")
    return redirect(_safe_back(form.back.data, own_page))


@bp.post("/actions/<id:action_id>/owner-due")
@role_required(Role.EDITOR)
def owner_due(action_id: int):
    """An editor changes the owner or due date (a new date needs a reason), kept in the history."""
    action_id = action_id
    _visible_action(action_id)
    form = ActionOwnerDueForm(ident="e")
    if not form.validate_on_submit():
        return _render_action(action_id, edit_form=form, status=400)
    try:
        with write_session(engine()) as session:
            changes = change_owner_or_due(session=session, action_id=action_id, user=session.get(User, g.user.id),
                                          owner=form.owner.data, due=form.due.data, due_date=form.due_date.data,
                                          reason=form.reason.data)
    except Invalid as error:
        getattr(form, error.field or "", form.owner).errors.append(error.sentence())
        return _render_action(action_id, edit_form=form, status=400)
    flash("Owner and due date saved." if changes else "Nothing changed.")
    return redirect(url_for("actions.action", action_id=action_id))


@bp.post("/actions/<id:action_id>/links/<id:link_id>")
@role_required(Role.OFFICER)
def decide(action_id: int, link_id: int):
    """An officer confirms or rejects a proposed discharge or repeat; a confirmed discharge closes the action."""
    action_id, link_id = action_id, link_id
    _visible_action(action_id)
    link = db().get(ActionLink, link_id)
    if link is None or link.action_id != action_id or queries.visible_meeting(
            session=db(), meeting_id=link.meeting_id, include_drafts=include_drafts()) is None:
        abort(404)
    form = LinkDecisionForm(ident=f"l{link_id}")
    if not form.validate_on_submit():
        abort(400, description="Choose confirm or reject.")
    try:
        with write_session(engine()) as session:
            decided = decide_link(session=session, link_id=link_id, action_id=action_id,
                                  user=session.get(User, g.user.id), confirm=form.decision.data == "confirm",
                                  seen=form.seen.data or None)
            state = str(decided.state)
    except Conflict as error:
        flash(error.sentence())
        return redirect(url_for("actions.action", action_id=action_id, _anchor="links"))
    flash(f"Link {state}.")
    return redirect(url_for("actions.action", action_id=action_id, _anchor="links"))


# --- committee documents --------------------------------------------------------------------

def _for_meeting():
    """The date of the meeting the tracker goes to (?meeting=YYYY-MM-DD), if the officer gave one."""
    raw = request.args.get("meeting", "")
    if not raw:
        return None
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    abort(400, description="meeting must be the date of the meeting the tracker goes to, written YYYY-MM-DD.")


def _page_name(committee) -> str:
    """The committee as the tracker page names it: led by its council only where pages name councils (the
    Word document and calendar always name a council, as they leave the site)."""
    return body_name(committee) if councils_shown() else committee.name


@committee_route(bp, "/committees/<slug>/tracker")
def tracker(slug: str):
    """The action tracker for the committee's next agenda pack: a page that prints, or (?format=docx) Word."""
    committee = _committee(slug)
    output = request.args.get("format", "html")
    if output not in ("html", "docx"):
        abort(400, description="format must be html or docx.")
    pack = agenda_pack(session=db(), committee=committee, include_drafts=include_drafts(), today=today(),
                       for_meeting=_for_meeting(), stale_days=stale_days())
    if output == "html":
        return render_template("actions/tracker.html", pack=pack, committee=committee, title=_page_name(committee),
                               PACK_COLUMNS=PACK_COLUMNS, RAG_WORDS=RAG_WORDS,
                               status_words=status_words)
    response = Response(agenda_pack_docx(pack), mimetype=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{committee.slug[:100]}-action-tracker-{pack.today.isoformat()}.docx"')
    return response


@committee_route(bp, "/committees/<slug>/tracker/columns", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def tracker_columns_form(slug: str):
    """An editor chooses which columns the committee's tracker prints, page and Word alike."""
    committee = _committee(slug)
    form = TrackerColumnsForm()
    form.columns.choices = [(key, name) for key, name in PACK_COLUMNS.items()]
    if request.method == "GET":
        form.columns.data = tracker_columns(session=db(), committee_id=committee.id)
    elif form.validate_on_submit():
        try:
            with write_session(engine()) as session:
                set_tracker_columns(session=session, committee_id=committee.id, columns=form.columns.data or [],
                                    user=session.get(User, g.user.id))
        except Invalid as error:
            form.columns.errors.append(error.sentence())
        else:
            flash("Tracker columns saved.")
            return redirect(url_for("actions.tracker", slug=committee.slug))
    status = 400 if form.errors else 200
    return render_template("actions/tracker_columns.html", form=form, committee=committee,
                           required=REQUIRED_COLUMNS), status


@committee_route(bp, "/committees/<slug>/unanswered")
def committee_unanswered(slug: str):
    """Questions asked at the committee's meetings with no recorded response."""
    committee = _committee(slug)
    questions = log.unanswered_questions(session=db(), include_drafts=include_drafts(), committee_id=committee.id)
    return render_template("actions/unanswered.html", committee=committee, meeting=None, questions=questions)


@bp.route("/meetings/<id:meeting_id>/unanswered")
def meeting_unanswered(meeting_id: int):
    """Questions asked at one meeting with no recorded response."""
    meeting = queries.visible_meeting(session=db(), meeting_id=meeting_id, include_drafts=include_drafts())
    if meeting is None:
        abort(404)
    committee = queries.committee_of(session=db(), meeting=meeting)
    questions = log.unanswered_questions(session=db(), include_drafts=include_drafts(), meeting_id=meeting.id)
    return render_template("actions/unanswered.html", committee=committee, meeting=meeting, questions=questions)


@bp.app_template_filter("query_with")
def query_with(query: dict, **changes) -> str:
    """A query string from `query` with `changes` applied (None removes a key)."""
    merged = {**query, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})
