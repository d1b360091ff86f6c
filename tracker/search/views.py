"""Search pages: /search, its Atom feed, saved searches, the searches that found nothing, and /api/search."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy import func
from sqlmodel import select
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from ..db import write_session
from ..minutes.queries import committees
from ..models import Committee, Council, Role
from ..web import councils_shown, db, engine, include_drafts, log, role_required
from . import QueryError, SearchUnavailable, build_request, run_search
from .engines import backend_for, maybe_reconcile
from .models import SavedSearch, SearchMiss
from .query import KIND_LABELS

bp = Blueprint("search", __name__)

QUERY_KEYS = ("q", "kind", "council", "committee", "year", "from", "to", "sort", "exact")
FEED_SIZE = 20


class SaveSearchForm(FlaskForm):
    name = StringField("Name this search", validators=[DataRequired("Give the search a name"), Length(max=100)])
    query = HiddenField(validators=[Length(max=2000)])


def _args(source) -> dict:
    """The search parameters from a query string (or a saved one), lists for the repeatable ones."""
    return {"q": source.get("q", ""), "kind": source.getlist("kind") if hasattr(source, "getlist") else [],
            "committee": source.getlist("committee") if hasattr(source, "getlist") else [],
            "council": source.getlist("council") if hasattr(source, "getlist") else [],
            "year": source.get("year") or None, "from": source.get("from") or None, "to": source.get("to") or None,
            "sort": source.get("sort") or "relevance", "exact": source.get("exact") in ("1", "on", "true"),
            "page": source.get("page", "1")}


def _asked(args: dict) -> bool:
    return bool(args["q"].strip() or args["kind"] or args["committee"] or args["council"] or args["year"]
                or args["from"] or args["to"])


def _search(args: dict, *, per_page: int = 10, sort: str | None = None, page=None):
    """Build and run the search; returns (results, None) or (None, (message, status))."""
    try:
        search_request = build_request(
            session=db(), text=args["q"], kinds=args["kind"], committees=args["committee"], councils=args["council"],
            year=args["year"],
            date_from=args["from"], date_to=args["to"], sort=sort or args["sort"], exact=args["exact"],
            include_drafts=include_drafts(), page=page or args["page"], per_page=per_page)
        maybe_reconcile(current_app._get_current_object())
        return run_search(session=db(), backend=backend_for(current_app), request=search_request), None
    except QueryError as error:
        return None, (str(error), 400)
    except SearchUnavailable as error:
        log.warning("search unavailable: %s", error)
        return None, ("Search is unavailable just now; browsing the committees and meetings still works. "
                      "An administrator can rebuild the index with `tracker reindex`.", 503)


def _remember_miss(text: str) -> None:
    """Keep a search that found nothing for the administrators' list; never let that fail the search."""
    text = " ".join(text.split())[:500]
    if not text:
        return
    try:
        with write_session(engine(), changes_pages=False) as session:
            session.add(SearchMiss(query=text))
    except Exception:
        log.exception("could not record a search that found nothing")


def _query_string(args: dict, **changes) -> str:
    values = {**args, **changes}
    pairs = []
    for key in QUERY_KEYS + ("page",):
        value = values.get(key)
        if key == "exact":
            if value:
                pairs.append(("exact", "1"))
            continue
        if key == "sort" and value == "relevance":
            continue
        if key == "page" and str(value) == "1":
            continue
        for one in (value if isinstance(value, list) else [value]):
            if one not in (None, ""):
                pairs.append((key, str(one)))
    return urlencode(pairs)


def _committee_names(slugs) -> dict[str, str]:
    if not slugs:
        return {}
    return dict(db().exec(select(Committee.slug, Committee.name).where(Committee.slug.in_(list(slugs)))).all())


def _council_names(slugs=None) -> dict[str, str]:
    """Council names by slug (these, or all), for the filter and facet; none in a single-council tracker."""
    if not councils_shown():
        return {}
    statement = select(Council.slug, Council.name).order_by(Council.name)
    if slugs is not None:
        statement = statement.where(Council.slug.in_(list(slugs)))
    return dict(db().exec(statement).all())


def _committee_choices() -> list[Committee]:
    """The committees a reader may filter by: for the public, only those with a published meeting."""
    return [row.committee for row in committees(session=db(), include_drafts=include_drafts())]


@bp.route("/search")
def search():
    """The search page: the form, and when something was asked, a page of hits with facets."""
    args = _args(request.args)
    names = {}
    results, problem = (None, None)
    if _asked(args):
        results, problem = _search(args)
        if results is not None:
            names = _committee_names(set(results.facets["committee"]) | set(results.request.committees))
            if results.total == 0 and results.request.page == 1:
                _remember_miss(args["q"])
            elif results.request.page > results.pages:
                problem = (f"There is no page {results.request.page} of these results; they end at page "
                           f"{results.pages}.", 404)
    status = problem[1] if problem else 200
    return render_template("search/search.html", args=args, results=results, problem=problem and problem[0],
                           names=names, kind_labels=KIND_LABELS, query_string=lambda **c: _query_string(args, **c),
                           save_form=SaveSearchForm(formdata=None, data={"query": _query_string(args, page=1)}),
                           committees=_committee_choices(), councils=_council_names()), status


@bp.route("/search/feed")
def feed():
    """Any search as an Atom feed, newest meetings first; entries quote the matching text and link to the record."""
    args = _args(request.args)
    if not _asked(args):
        abort(400, description="Say what to search for: /search/feed?q=words")
    results, problem = _search(args, per_page=FEED_SIZE, sort="date", page=1)
    if problem:
        abort(problem[1], description=problem[0])
    body = render_template("search/feed.xml", results=results, args=args, query_string=_query_string(args, page=1),
                           updated=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), kind_labels=KIND_LABELS,
                           content_of=_feed_content)
    return current_app.response_class(body, mimetype="application/atom+xml")


def _feed_content(hit) -> str:
    """The entry's HTML (escaped once more by the XML template): the matching text in context, and where it is."""
    where = Markup("<p>{} {}{}</p>").format(hit.body, hit.meeting_date.isoformat() if hit.meeting_date else "",
                                             Markup(": item {} {}").format(hit.item_number or "", hit.item_title)
                                             if hit.item_title and hit.kind != "item" else "")
    return str(Markup("<blockquote><p>{}</p></blockquote>").format(hit.snippet) + where)


@bp.route("/api/search")
def api_search():
    """JSON: {"total", "hits": [...], "facets": {"kind", "committee", "year"} and "council" with two or more
    councils}; errors as {"error", "message"}."""
    args = _args(request.args)
    if not args["q"].strip() and not _asked(args):
        return jsonify({"error": "Bad Request", "message": "Say what to search for: /api/search?q=words"}), 400
    try:
        per_page = int(request.args.get("per_page", "10"))
    except ValueError:
        per_page = 0
    if not 1 <= per_page <= 100:
        return jsonify({"error": "Bad Request", "message": "per_page is a whole number from 1 to 100"}), 400
    results, problem = _search(args, per_page=per_page)
    if problem:
        return jsonify({"error": "Bad Request" if problem[1] == 400 else "Service Unavailable",
                        "message": problem[0]}), problem[1]
    found = results.to_dict()
    names = _committee_names(found["facets"]["committee"])
    found["facets"]["committee"] = {names.get(slug, slug): n for slug, n in found["facets"]["committee"].items()}
    if "council" in found["facets"]:
        council_names = _council_names(found["facets"]["council"])
        found["facets"]["council"] = {council_names.get(slug, slug): n
                                      for slug, n in found["facets"]["council"].items()}
    if results.total == 0:
        _remember_miss(args["q"])
    return jsonify(found)


# --- saved searches -----------------------------------------------------------------

@bp.post("/search/save")
@role_required(Role.OFFICER)
def save():
    """Save the current search under a name for the signed-in user."""
    form = SaveSearchForm()
    query_text = form.query.data or ""
    if not form.validate_on_submit():
        flash("The search was not saved: " + "; ".join(e for errors in form.errors.values() for e in errors) + ".")
        return redirect(url_for("search.search") + ("?" + query_text if query_text else ""))
    kept = urlencode([(k, v) for k, v in parse_qsl(query_text) if k in QUERY_KEYS])
    with write_session(engine()) as session:
        session.add(SavedSearch(user_id=g.user.id, name=" ".join(form.name.data.split())[:100], query=kept))
    flash(f"Saved the search as {form.name.data.strip()!r}.")
    return redirect(url_for("search.saved"))


@bp.route("/search/saved")
@role_required(Role.OFFICER)
def saved():
    """The signed-in user's saved searches, each with its feed."""
    rows = db().exec(select(SavedSearch).where(SavedSearch.user_id == g.user.id)
                     .order_by(SavedSearch.created_at.desc())).all()
    return render_template("search/saved.html", saved=rows, form=SaveSearchForm(formdata=None))


@bp.post("/search/saved/<id:saved_id>/delete")
@role_required(Role.OFFICER)
def delete_saved(saved_id: int):
    """Forget one of the user's saved searches."""
    SaveSearchForm(formdata=None)  # the CSRF check is global; nothing else to read
    with write_session(engine()) as session:
        row = session.get(SavedSearch, saved_id)
        if row is None or row.user_id != g.user.id:
            abort(404)
        session.delete(row)
    flash("Removed the saved search.")
    return redirect(url_for("search.saved"))


@bp.route("/search/misses")
@role_required(Role.ADMIN)
def misses():
    """Searches that found nothing, most asked first: what people look for and cannot find."""
    rows = db().exec(select(SearchMiss.query, func.count(SearchMiss.id), func.max(SearchMiss.at))
                     .group_by(SearchMiss.query).order_by(func.count(SearchMiss.id).desc(), SearchMiss.query)
                     .limit(200)).all()
    return render_template("search/misses.html", rows=rows)
