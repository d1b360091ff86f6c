"""Scrutinised reports in the browser: a report's priorities and indicators with the questions about them,
the chair's list of red or worsening indicators nobody asked about, an indicator over time, and (editors)
attaching a report to a meeting. Reports of draft meetings are seen by editors only.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlmodel import select
from wtforms import SelectChoice

from ..db import write_session
from ..minutes import queries
from ..minutes.readers import InvalidDocument, read_document_isolated
from ..models import AgendaItem, Role
from ..web import db, engine, include_drafts, role_required
from ..web.forms import ConfirmForm
from . import service
from .chart import line_chart
from .forms import ReportUploadForm
from .reading import read_report_document

bp = Blueprint("reports", __name__)

_KEY = re.compile(r"[a-z]{2,8}-[0-9]{1,4}[a-z]?(-[a-z0-9]{1,6})?")


def _view(report_id: int):
    view = service.report_view(session=db(), report_id=report_id, include_drafts=include_drafts())
    if view is None:
        abort(404)
    return view


@bp.route("/reports")
def index():
    """Every report the reader may see, newest meeting first."""
    return render_template("reports/index.html", reports=service.reports(session=db(), include_drafts=include_drafts()))


@bp.route("/reports/<id:report_id>")
def report(report_id: int):
    """A report's priorities with their indicators (RAG, trend) and the questions asked about each."""
    return render_template("reports/report.html", view=_view(report_id), delete_form=ConfirmForm())


@bp.route("/reports/<id:report_id>/unasked")
def unasked(report_id: int):
    """For the chair: indicators rated red or getting worse that nobody asked about at the meeting."""
    view = _view(report_id)
    return render_template("reports/unasked.html", view=view, flagged=service.unasked(view))


@bp.route("/indicators/<key>")
def indicator(key: str):
    """An indicator's values across every report, as a chart with a table, and the questions asked about it."""
    if not _KEY.fullmatch(key):
        abort(404)
    history = service.indicator_history(session=db(), key=key, include_drafts=include_drafts())
    if history is None:
        abort(404)
    points = [(p.indicator.value_date.strftime("%b %Y") if p.indicator.value_date else (p.report.period or "?"),
               p.indicator.value) for p in history.points]
    target = history.points[-1].indicator.target
    chart = line_chart(points, title=f"{history.code}: values by date", target=target)
    return render_template("reports/indicator.html", history=history, chart=chart)


@bp.route("/meetings/<id:meeting_id>/reports")
def meeting_reports(meeting_id: int):
    """The reports a meeting considered, and which of its questions, comments and actions were about them."""
    meeting = queries.visible_meeting(session=db(), meeting_id=meeting_id, include_drafts=include_drafts())
    if meeting is None:
        abort(404)
    return render_template("reports/meeting.html", meeting=meeting,
                           committee=queries.committee_of(session=db(), meeting=meeting),
                           reports=service.reports(session=db(), include_drafts=include_drafts(), meeting_id=meeting.id),
                           about=service.meeting_links(session=db(), meeting_id=meeting.id,
                                                       include_drafts=include_drafts()))


def _item_choices(form: ReportUploadForm, meeting_id: int) -> None:
    items = db().exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                      .order_by(AgendaItem.position)).all()
    form.item.choices = [SelectChoice("", "The meeting as a whole")] + [
        SelectChoice(str(item.id), f"{item.number + ' ' if item.number else ''}{item.title}"[:120]) for item in items]


@bp.route("/meetings/<id:meeting_id>/reports/new", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def new(meeting_id: int):
    """Upload a report the meeting considered; it is read, stored and linked to the meeting's records."""
    meeting = queries.visible_meeting(session=db(), meeting_id=meeting_id, include_drafts=True)
    if meeting is None:
        abort(404)
    form = ReportUploadForm()
    _item_choices(form, meeting.id)
    committee = queries.committee_of(session=db(), meeting=meeting)

    def page(status: int):
        return render_template("reports/new.html", form=form, meeting=meeting, committee=committee), status

    if not form.validate_on_submit():
        return page(422 if request.method == "POST" else 200)
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    data = form.file.data.stream.read(limit + 1)
    try:
        if len(data) > limit:
            raise InvalidDocument("the file is too large; split it or save it as plain text", 413)
        document = read_document_isolated(data, filename=form.file.data.filename, max_bytes=limit,
                                          timeout=current_app.config["PARSE_SECONDS"],
                                          memory_mb=current_app.config["PARSE_MEMORY_MB"], reader=read_report_document)
    except InvalidDocument as error:
        form.file.errors.append(error.message[:1].upper() + error.message[1:])
        return page(error.status)
    try:
        with write_session(engine()) as session:
            outcome = service.attach_report(session=session, meeting_id=meeting.id, document=document,
                                            item_id=int(form.item.data) if form.item.data else None, user=g.user)
    except service.ReportError as error:
        form.item.errors.append(str(error)[:1].upper() + str(error)[1:])
        return page(error.status)
    if outcome.outcome == "unchanged":
        flash("This report is already attached to the meeting; nothing changed.")
    else:
        flash(f"The report was read: {outcome.priorities} priorities, {outcome.indicators} indicators, "
              f"{outcome.tables} other tables; {outcome.links} links to the meeting's records.")
    return redirect(url_for("reports.report", report_id=outcome.report_id))


@bp.post("/reports/<id:report_id>/delete")
@role_required(Role.EDITOR)
def delete(report_id: int):
    """Remove a report (not the meeting) and its links."""
    view = _view(report_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    with write_session(engine()) as session:
        meeting_id = service.delete_report(session=session, report_id=view.report.id, user=g.user)
    flash("The report was removed.")
    return redirect(url_for("reports.meeting_reports", meeting_id=meeting_id))
