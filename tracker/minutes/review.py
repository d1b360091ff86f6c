"""Adding and correcting minutes in the browser (editor role).

Views are thin: each parses its form, calls one function of ``corrections`` (or ``ingest``) inside one
``write_session`` and redirects back to the record it changed; a form that does not validate re-renders the
review page with the messages next to its fields.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask import session as browser_session
from markupsafe import Markup, escape
from sqlmodel import select
from wtforms import SelectChoice

from ..db import write_session
from ..models import RECORD_MODELS, AgendaItem, Committee, Meeting, MeetingStatus, Question, RecordKind, Role
from ..web import db, engine, get_or_404, load_user, role_required, segmenter, wants_json
from ..web.forms import ConfirmForm
from . import corrections
from .annotate import Mark, marked_text
from .corrections import CorrectionError, NotFound, record_kind, with_article
from .forms import (
    ITEM_KIND,
    AddRecordForm,
    LinkResponseForm,
    MeetingDetailsForm,
    NewMinutesForm,
    RecordEditForm,
    RecordKindForm,
    SplitForm,
)
from ..jobs.service import TooManyJobs, enqueue_ingest, unfinished_jobs
from .ingest import drop_pending, keep_pending, meeting_warnings, pending_file, save_original
from .readers import InvalidDocument, sniff_format

bp = Blueprint("editing", __name__)

RECORD_URL = "/meetings/<id:meeting_id>/records/<any(question, response, comment, resolution, action):kind>/<id:record_id>"
PLURAL = {"question": "questions", "response": "responses", "comment": "comments", "resolution": "resolutions",
          "action": "actions"}


def _human_size(size: int) -> str:
    unit, scale = ("MB", 1024 * 1024) if size >= 1024 * 1024 else ("KB", 1024)
    return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"


# --- adding minutes ---------------------------------------------------------------------

def _committee_choices(form: NewMinutesForm) -> None:
    names = db().exec(select(Committee.name).distinct().order_by(Committee.name)).all()
    form.committee.choices = [SelectChoice("", "The one the minutes name")] + [SelectChoice(name) for name in names]


def _new_page(form: NewMinutesForm, status: int = 200, kept: tuple[bytes, str | None] | None = None):
    limit = _human_size(current_app.config["MAX_UPLOAD_BYTES"])
    if status != 200 and kept is None and form.file.data and not form.file.errors:
        # the file was fine but something else was not: keep it, as the browser will empty its file box
        data = form.file.data.stream.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
        if len(data) <= current_app.config["MAX_UPLOAD_BYTES"]:
            kept = data, form.file.data.filename
    kept_name = None
    if kept is not None:
        uploads = Path(current_app.config["UPLOADS_PATH"])
        drop_pending(browser_session.pop("kept_upload", None), uploads)
        form.kept.data = browser_session["kept_upload"] = keep_pending(kept[0], kept[1], uploads)
        kept_name = kept[1] or "the file you chose"
    return render_template("editing/new.html", form=form, limit=limit, kept_name=kept_name), status


@bp.route("/minutes/new", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def new_minutes():
    """Paste or upload minutes; they are segmented, stored as a draft and shown for review."""
    form = NewMinutesForm()
    _committee_choices(form)
    if request.method == "GET":
        form.council.data = browser_session.get("council", "")  # the council this editor chose last time
    uploads = Path(current_app.config["UPLOADS_PATH"])
    # a file kept from this editor's last failed try, when no other file is chosen
    kept_token = form.kept.data if form.kept.data and form.kept.data == browser_session.get("kept_upload") else None
    kept = None if form.file.data else pending_file(kept_token, uploads)
    if form.kept.data and not form.file.data and kept is None and request.method == "POST":
        form.kept.data = ""
        form.file.errors = ["The file chosen before has gone; choose it again"]
        return _new_page(form, 422)
    if not form.validate_on_submit():
        return _new_page(form, 422 if request.method == "POST" else 200, kept=kept)
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    upload = form.file.data
    waiting = unfinished_jobs(session=db(), user_id=g.user.id)
    if len(waiting) >= current_app.config["JOBS_PER_USER"]:
        return _busy(waiting)
    if upload or kept:
        data, filename = (upload.stream.read(limit + 1), upload.filename) if upload else kept
        if len(data) > limit:
            form.file.errors.append(f"The file is over {_human_size(limit)}, the largest accepted; split it or save "
                                    "it as plain text")
            return _new_page(form, 413)
        try:
            kind = sniff_format(data)  # only to name the kept file; the job reads it and says what is wrong
        except InvalidDocument:
            kind = "bin"
    else:
        data, filename, kind = form.text.data.encode("utf-8"), None, "text"
    committee = " ".join((form.new_committee.data or "").split()) or form.committee.data or None
    council = " ".join((form.council.data or "").split()) or None
    # the work (reading, segmenting, storing) is a job for `tracker worker`: this request only keeps the
    # original and queues it, and the browser follows the job on its page
    original = save_original(data, kind, uploads)
    try:
        with write_session(engine(), changes_pages=False) as session:
            job = enqueue_ingest(session=session, user=g.user, original=original, filename=filename,
                                 pasted=not (upload or kept), committee=committee, council=council,
                                 meeting_date=form.meeting_date.data.isoformat() if form.meeting_date.data else None,
                                 limit=current_app.config["JOBS_PER_USER"])
    except TooManyJobs:
        (uploads / original).unlink(missing_ok=True)
        return _busy(unfinished_jobs(session=db(), user_id=g.user.id))
    except BaseException:
        (uploads / original).unlink(missing_ok=True)
        raise
    browser_session["council"] = council or ""
    drop_pending(browser_session.pop("kept_upload", None), uploads)
    return redirect(url_for("jobs.job", job_id=job.id), 303)


def _busy(waiting):
    """429: the editor has as many minutes waiting as one may; the page lists them."""
    response = current_app.make_response((render_template("jobs/busy.html", jobs=waiting), 429))
    response.headers["Retry-After"] = "30"
    return response


@bp.app_errorhandler(413)
def request_too_large(error):
    """A body over MAX_CONTENT_LENGTH: on the upload form, say so next to the file box."""
    limit = _human_size(current_app.config["MAX_UPLOAD_BYTES"])
    message = (f"The upload is too large: files can be up to {limit}, and pasted text up to about "
               f"{_human_size(current_app.config.get('MAX_FORM_MEMORY_SIZE') or 500_000)} (upload longer minutes "
               "as a file).")
    if wants_json():
        return {"error": "Request Entity Too Large", "message": message}, 413
    if "user" not in g:  # the body was refused before the signed-in user was loaded
        load_user()
    if request.endpoint == "editing.new_minutes" and g.user is not None and Role(g.user.role).rank >= Role.EDITOR.rank:
        form = NewMinutesForm(formdata=None)
        _committee_choices(form)
        form.file.errors = [message]
        return _new_page(form, 413)
    return render_template("error.html", code=413, title="Too large", message=message), 413


@bp.route("/drafts")
@role_required(Role.EDITOR)
def drafts():
    """Meetings not yet published, newest first, after the editor's own minutes still being read."""
    rows = db().exec(select(Meeting, Committee).join(Committee, Committee.id == Meeting.committee_id)
                     .where(Meeting.status == MeetingStatus.DRAFT)
                     .order_by(Meeting.created_at.desc(), Meeting.id.desc())).all()
    return render_template("editing/drafts.html", rows=rows, jobs=unfinished_jobs(session=db(), user_id=g.user.id))


# --- the review page ---------------------------------------------------------------------

def highlight_source(text: str, records: list[tuple[str, object]]) -> Markup:
    """The source text with each record's passage in <mark>, labelled with its kind and the rule that found it."""
    return marked_text(text, [Mark(r.start, r.end, kind, f"{kind} · {r.rule}" if r.rule else kind, f"{kind}-{r.id}",
                                   label_id=f"src-{kind}-{r.id}") for kind, r in records])


def _preview(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[:size - 1].rstrip() + "…"


def _record_forms(kind: str, record, questions: list, failed: dict) -> dict:
    """The correction forms for one record, filled from it (or the one that just failed, with its errors)."""
    ident = f"{kind}-{record.id}"
    forms = {}
    data = {"text": record.text}
    if kind in ("question", "response", "comment"):
        data["who"] = getattr(record, corrections.PERSON_FIELDS[RecordKind(kind)])
    elif kind == "resolution":
        data["resolution_kind"] = record.kind
    elif kind == "action":
        data.update(owner=record.owner, due=record.due, due_date=record.due_date, action_kind=record.kind)
    forms["edit"] = RecordEditForm.for_kind(kind, formdata=None, data=data, ident=f"{ident}-edit")
    forms["kind"] = RecordKindForm(formdata=None, data={"kind": kind}, ident=f"{ident}-kind")
    forms["kind"].kind.choices = [c for c in forms["kind"].kind.choices if c.value != kind]
    if kind == "response":
        forms["link"] = LinkResponseForm(formdata=None, data={"question": str(record.question_id or "")},
                                         ident=f"{ident}-link")
        forms["link"].question.choices = _question_choices(questions, record)
    forms["split"] = SplitForm(formdata=None, ident=f"{ident}-split")
    _split_choices(forms["split"], record.text)
    for name, form in failed.items():
        if isinstance(name, tuple) and name[1:] == (kind, record.id):
            forms[name[0]] = form
    return forms


def _row(meeting: Meeting, record, *, questions: list, has_next: bool, with_forms: bool, failed: dict) -> dict:
    """What the templates show for one record."""
    kind = record_kind(record).value
    number = {q.id: n for n, q in enumerate(questions, 1)}
    return {
        "kind": kind, "record": record, "anchor": f"rec-{kind}-{record.id}",
        "forms": _record_forms(kind, record, questions, failed) if with_forms else None,
        "open": any(isinstance(name, tuple) and name[1:] == (kind, record.id) for name in failed),
        "edited_wording": meeting.text[record.start:record.end] != record.text,
        "in_source": 0 <= record.start < record.end <= len(meeting.text),
        "has_next": has_next,
        "answers": number.get(getattr(record, "question_id", None)),
        "number": number.get(record.id) if kind == "question" else None,
    }


def _questions(meeting: Meeting) -> list:
    return list(db().exec(select(Question).where(Question.meeting_id == meeting.id)
                          .order_by(Question.start, Question.id)).all())


def _split_choices(form: SplitForm, text: str) -> None:
    form.boundary.choices = [SelectChoice("", "Choose a place")] + [
        SelectChoice(str(at), f"before “{_preview(text[at:], 40)}”") for at in corrections.split_points(text)]


def _question_choices(questions: list, response) -> list[SelectChoice]:
    """The questions under the response's own item (and the one it answers now); others are chosen by number."""
    return [SelectChoice("", "No question")] + [
        SelectChoice(str(q.id), f"Question {n}: {_preview(q.text, 70)}") for n, q in enumerate(questions, 1)
        if q.item_id == response.item_id or q.id == response.question_id]


def _item_choices(items) -> list[SelectChoice]:
    # The item's span lets review.js choose the item a selection falls in.
    return [SelectChoice(str(item.id), f"{item.number + '. ' if item.number else ''}{_preview(item.title, 70)}",
                         render_kw={"data-start": item.start, "data-end": item.end})
            for item in items] + [SelectChoice("", "Not under an agenda item")]


# Above this many records the review page links each record to its own correction page instead of carrying
# every record's forms (about 4 KB of HTML each).
INLINE_FORMS_LIMIT = 80


def _review_page(meeting: Meeting, *, failed: dict | None = None, problem: str | None = None, status: int = 200):
    """Render the review page; `failed` maps a form name ("details", "add", "status") to a form with errors."""
    failed = failed or {}
    session = db()
    committee = session.get(Committee, meeting.committee_id)
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                         .order_by(AgendaItem.position)).all()
    by_kind = {kind.value: session.exec(select(model).where(model.meeting_id == meeting.id)
                                        .order_by(model.start, model.id)).all()
               for kind, model in RECORD_MODELS.items()}
    total = sum(len(rows) for rows in by_kind.values())
    inline = total <= INLINE_FORMS_LIMIT
    known_items = {item.id for item in items}
    groups = defaultdict(list)  # item id (None: no item) -> records
    for kind, rows in by_kind.items():
        for record in rows:
            groups[record.item_id if record.item_id in known_items else None].append(record)
    rows_by_item = {}
    for item_id, records in groups.items():
        records.sort(key=lambda r: (r.start, r.end, record_kind(r).value, r.id))
        last_of_kind = {record_kind(record): record.id for record in records}
        rows_by_item[item_id] = [
            _row(meeting, record, questions=by_kind["question"], has_next=last_of_kind[record_kind(record)] != record.id,
                 with_forms=inline, failed=failed)
            for record in records]
    details = failed.get("details") or MeetingDetailsForm(formdata=None, data={
        "council": committee.council.name if committee else "", "committee": committee.name if committee else "",
        "date": meeting.date, "title": meeting.title})
    add = failed.get("add") or AddRecordForm(formdata=None)
    add.item.choices = _item_choices(items)
    all_records = [(kind, r) for kind, rows in by_kind.items() for r in rows]
    counts = {PLURAL[kind]: len(rows) for kind, rows in by_kind.items()}
    return render_template(
        "editing/review.html", meeting=meeting, committee=committee, items=items, rows_by_item=rows_by_item,
        source=highlight_source(meeting.text, all_records), details=details, add=add, counts=counts,
        warnings=meeting_warnings(meeting), problem=problem, add_open="add" in failed,
        details_open="details" in failed, failed_form=next(iter(failed.values()), None)), status


def _record_page(meeting: Meeting, record, *, failed: dict | None = None, problem: str | None = None,
                 status: int = 200):
    """One record with its correction forms and the source around it."""
    failed = failed or {}
    kind = record_kind(record).value
    row = _row(meeting, record, questions=_questions(meeting), with_forms=True, failed=failed,
               has_next=corrections.next_sibling(session=db(), record=record) is not None)
    item = db().get(AgendaItem, record.item_id) if record.item_id else None
    context = None
    if row["in_source"]:
        text = meeting.text
        before = text.rfind("\n\n", 0, record.start)  # the paragraph it stands in, up to 600 characters each side
        before = max(0 if before < 0 else before + 2, record.start - 600)
        after = text.find("\n\n", record.end)
        after = min(len(text) if after < 0 else after, record.end + 600)
        context = Markup("{}<mark class=\"hl hl-{}\">{}</mark>{}").format(
            meeting.text[before:record.start], kind, meeting.text[record.start:record.end],
            meeting.text[record.end:after])
    return render_template("editing/record.html", meeting=meeting, row=row, item=item, context=context,
                           problem=problem, failed_form=next(iter(failed.values()), None)), status


@bp.route("/meetings/<id:meeting_id>/review")
@role_required(Role.EDITOR)
def review(meeting_id):
    """The source text with every record highlighted, and forms to correct each record; drafts or published."""
    return _review_page(get_or_404(Meeting, meeting_id))


@bp.route(RECORD_URL)
@role_required(Role.EDITOR)
def record(meeting_id, kind, record_id):
    """One record's correction forms on a page of their own (the review page links here for long minutes)."""
    meeting = get_or_404(Meeting, meeting_id)
    return _record_page(meeting, _record_or_404(meeting, kind, record_id))


# --- corrections -------------------------------------------------------------------------

def _record_or_404(meeting: Meeting, kind: str, record_id):
    record = get_or_404(RECORD_MODELS[RecordKind(kind)], record_id)
    if record.meeting_id != meeting.id:
        abort(404)
    return record


def _back(meeting_id: int, kind: str | None = None, record_id: int | None = None, anchor: str | None = None):
    if kind is not None:
        anchor = f"rec-{kind}-{record_id}"
    # `changed` tells review.js, which sees the page's address but not its fragment, where to put the focus
    return redirect(url_for("editing.review", meeting_id=meeting_id, changed=anchor, _anchor=anchor))


def _apply(form, service, **kwargs):
    """Run one correction in one transaction; (True, result), or (False, None) with the message put on `form`."""
    try:
        with write_session(engine()) as session:
            return True, service(session=session, user=g.user, **kwargs)
    except NotFound:
        abort(404)
    except CorrectionError as error:
        if error.field and error.field in form:
            form[error.field].errors = [*form[error.field].errors, error.message]
        else:
            form.form_errors.append(error.message)
        return False, None


def _failed(meeting: Meeting, key, form):
    """Show the form again with its messages: a record's on its own page, the meeting's on the review page."""
    problem = form.form_errors[0] if form.form_errors else None
    if isinstance(key, tuple):
        _name, kind, record_id = key
        record = _record_or_404(meeting, kind, record_id)
        return _record_page(meeting, record, failed={key: form}, problem=problem, status=422)
    return _review_page(meeting, failed={key: form}, problem=problem, status=422)


def _given(form, names) -> dict:
    """The values of the fields the browser actually sent (a field left out is left unchanged)."""
    return {name: form[name].data for name in names if name in form and form[name].raw_data}


@bp.post("/meetings/<id:meeting_id>/details")
@role_required(Role.EDITOR)
def meeting_details(meeting_id):
    """Change the council, committee, date and title."""
    meeting = get_or_404(Meeting, meeting_id)
    form = MeetingDetailsForm()
    if form.validate_on_submit():
        done, changes = _apply(form, corrections.update_meeting, meeting_id=meeting.id,
                               committee=form.committee.data, date=form.date.data, title=form.title.data,
                               council=form.council.data)
        if done:
            flash("Meeting details saved." if changes else "The meeting details were already so; nothing changed.")
            return _back(meeting.id, anchor="details")
    return _failed(meeting, "details", form)


@bp.post(RECORD_URL + "/edit")
@role_required(Role.EDITOR)
def edit_record(meeting_id, kind, record_id):
    """Change a record's text, the person it names, its resolution kind, or an action's owner and due date."""
    meeting = get_or_404(Meeting, meeting_id)
    record = _record_or_404(meeting, kind, record_id)
    form = RecordEditForm.for_kind(kind, ident=f"{kind}-{record.id}-edit")
    if form.validate_on_submit():
        values = _given(form, ("text", "who", "resolution_kind", "owner", "action_kind", "due", "due_date"))
        done, changes = _apply(form, corrections.edit_record, meeting_id=meeting.id, kind=kind, record_id=record.id,
                               reason=form.reason.data if "reason" in form else None, **values)
        if done:
            flash(f"The {kind} was saved." if changes else f"Nothing was changed in the {kind}.")
            return _back(meeting.id, kind, record.id)
    return _failed(meeting, ("edit", kind, record.id), form)


@bp.post(RECORD_URL + "/kind")
@role_required(Role.EDITOR)
def change_kind(meeting_id, kind, record_id):
    """Make a record another kind of record."""
    meeting = get_or_404(Meeting, meeting_id)
    record = _record_or_404(meeting, kind, record_id)
    form = RecordKindForm(ident=f"{kind}-{record.id}-kind")
    if form.validate_on_submit():
        done, new = _apply(form, corrections.change_kind, meeting_id=meeting.id, kind=kind, record_id=record.id,
                           new_kind=form.kind.data)
        if done:
            flash(f"The {kind} is now {with_article(form.kind.data)}.")
            return _back(meeting.id, form.kind.data, new.id)
    return _failed(meeting, ("kind", kind, record.id), form)


@bp.post(RECORD_URL + "/link")
@role_required(Role.EDITOR)
def link_response(meeting_id, kind, record_id):
    """Thread a response under another question."""
    meeting = get_or_404(Meeting, meeting_id)
    if kind != RecordKind.RESPONSE:
        abort(404)
    record = _record_or_404(meeting, kind, record_id)
    form = LinkResponseForm(ident=f"{kind}-{record.id}-link")
    questions = _questions(meeting)
    form.question.choices = _question_choices(questions, record)
    if form.validate_on_submit():
        chosen, question_id = form.question.data or "", None
        if form.number.data is not None:
            if form.number.data > len(questions):
                form.number.errors.append(f"The meeting has {len(questions)} question{'s' * (len(questions) != 1)}; "
                                          f"give a number from 1 to {len(questions)}")
                return _failed(meeting, ("link", kind, record.id), form)
            question_id = questions[form.number.data - 1].id
        elif chosen.isdecimal():
            question_id = int(chosen)
        elif chosen:
            form.question.errors.append("Choose one of the listed questions")
            return _failed(meeting, ("link", kind, record.id), form)
        done, _ = _apply(form, corrections.link_response, meeting_id=meeting.id, response_id=record.id,
                         question_id=question_id)
        if done:
            flash("The response now answers the question chosen." if question_id else
                  "The response is no longer linked to a question.")
            return _back(meeting.id, kind, record.id)
    return _failed(meeting, ("link", kind, record.id), form)


@bp.post(RECORD_URL + "/split")
@role_required(Role.EDITOR)
def split_record(meeting_id, kind, record_id):
    """Split a record in two, between sentences or at a character."""
    meeting = get_or_404(Meeting, meeting_id)
    record = _record_or_404(meeting, kind, record_id)
    form = SplitForm(ident=f"{kind}-{record.id}-split")
    _split_choices(form, record.text)
    if form.validate_on_submit():
        at = form.at.data
        if at is None and (form.boundary.data or "").isdecimal():
            at = int(form.boundary.data)
        if at is None:
            form.boundary.errors.append("Choose where to split it: a sentence boundary, or a place selected in its text")
        else:
            done, parts = _apply(form, corrections.split_record, meeting_id=meeting.id, kind=kind,
                                 record_id=record.id, at=at)
            if done:
                flash(f"The {kind} was split in two.")
                return _back(meeting.id, kind, parts[0].id)
    return _failed(meeting, ("split", kind, record.id), form)


@bp.post(RECORD_URL + "/merge")
@role_required(Role.EDITOR)
def merge_record(meeting_id, kind, record_id):
    """Join a record with the next of its kind under the same item."""
    meeting = get_or_404(Meeting, meeting_id)
    record = _record_or_404(meeting, kind, record_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        done, merged = _apply(form, corrections.merge_with_next, meeting_id=meeting.id, kind=kind,
                              record_id=record.id)
        if done:
            flash(f"The {kind} was merged with the next one.")
            return _back(meeting.id, kind, merged.id)
    return _failed(meeting, ("merge", kind, record.id), form)


@bp.route(RECORD_URL + "/delete", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def delete_record(meeting_id, kind, record_id):
    """Ask, then delete a record."""
    meeting = get_or_404(Meeting, meeting_id)
    record = _record_or_404(meeting, kind, record_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        done, _ = _apply(form, corrections.delete_record, meeting_id=meeting.id, kind=kind, record_id=record.id)
        if done:
            flash(f"The {kind} was deleted.")
            return _back(meeting.id, anchor="records")
    return render_template("editing/delete_record.html", meeting=meeting, kind=kind, record=record, form=form,
                           cancel=url_for("editing.review", meeting_id=meeting.id, _anchor=f"rec-{kind}-{record.id}"))


@bp.post("/meetings/<id:meeting_id>/records/add")
@role_required(Role.EDITOR)
def add_record(meeting_id):
    """Add a record for a passage of the source, quoted or selected."""
    meeting = get_or_404(Meeting, meeting_id)
    form = AddRecordForm()
    items = db().exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    form.item.choices = _item_choices(items)
    if form.validate_on_submit():
        passage = dict(quote=form.quote.data, occurrence=form.occurrence.data, start=form.start.data,
                       end=form.end.data)
        if form.kind.data == ITEM_KIND:
            done, item = _apply(form, corrections.add_agenda_item, meeting_id=meeting.id, **passage)
            if done:
                flash(f"The agenda item “{item.title}” was added, with the records found under it.")
                return _back(meeting.id, anchor=f"item-{item.position + 1}")
        else:
            done, record = _apply(form, corrections.add_record, meeting_id=meeting.id, kind=form.kind.data,
                                  item_id=int(form.item.data) if form.item.data else None, who=form.who.data,
                                  **passage)
            if done:
                flash(f"{with_article(form.kind.data, capital=True)} was added.")
                return _back(meeting.id, form.kind.data, record.id)
    return _failed(meeting, "add", form)


@bp.post("/meetings/<id:meeting_id>/publish")
@role_required(Role.EDITOR)
def publish(meeting_id):
    """Make the meeting public."""
    return _publishing(meeting_id, corrections.publish_meeting, "The meeting is published.")


@bp.post("/meetings/<id:meeting_id>/unpublish")
@role_required(Role.EDITOR)
def unpublish(meeting_id):
    """Take the meeting back to draft."""
    return _publishing(meeting_id, corrections.unpublish_meeting, "The meeting is a draft again, seen by editors only.")


def _publishing(meeting_id, service, message: str):
    meeting = get_or_404(Meeting, meeting_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        done, _ = _apply(form, service, meeting_id=meeting.id)
        if done:
            flash(message)
            return _back(meeting.id)
    return _failed(meeting, "status", form)


@bp.route("/meetings/<id:meeting_id>/delete", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def delete_meeting(meeting_id):
    """Ask, then delete a draft meeting and everything found in it."""
    meeting = get_or_404(Meeting, meeting_id)
    committee = db().get(Committee, meeting.committee_id)
    form = ConfirmForm()
    status = 200
    if form.validate_on_submit():
        done, source_file = _apply(form, corrections.delete_meeting, meeting_id=meeting.id)
        if done:
            if source_file and Path(source_file).name == source_file:
                (Path(current_app.config["UPLOADS_PATH"]) / source_file).unlink(missing_ok=True)
            flash(f"The draft minutes of {committee.name if committee else 'the meeting'} were deleted.")
            return redirect(url_for("editing.drafts"))
        status = 422
    return render_template("editing/delete_meeting.html", meeting=meeting, committee=committee, form=form), status
