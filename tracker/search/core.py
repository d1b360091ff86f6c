"""Search, engine-neutral: the request and result types, the backend interface, the service the views and
the CLI call, and the session listeners that keep the index in step with the database.

The index is a cache derived from the database. Writes reach it after commit
(``after_flush`` collects the meetings touched, ``after_commit`` re-reads and
re-indexes them, a rollback forgets them); ``reindex`` rebuilds it; a missing
or damaged index is rebuilt at start-up and a stale one reconciled. Hits are
re-read from the database in ranked order, so what is shown is always what is
stored, and drafts are checked again there.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import warnings
import weakref
from dataclasses import dataclass, field, replace
from typing import Protocol

from markupsafe import Markup, escape
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from ..db import listen_once
from ..minutes.councils import DEFAULT_COUNCIL, council_by_slug, council_count, council_slug
from ..minutes.ingest import slugify
from ..models import (
    Action,
    AgendaItem,
    Committee,
    Council,
    Meeting,
    MinuteRecord,
    Person,
    Question,
    RECORD_MODELS,
    RecordKind,
    Response,
)
from . import forgiving
from . import query as q
from .documents import record_url

log = logging.getLogger("tracker.search")

PER_PAGE = 10
MAX_PAGE = 1000
FEW = 5  # fewer records than this with every word, and the search is widened to records with some of them
WINDOW = 50  # the top hits read back and judged in order when a search is widened or has an acronym
RERANK = 20  # the top hits of any other search by relevance read back and reordered (pages 1-2 at 10 a page)
TITLE_GAIN = 0.5  # a record's score grows by up to half when its agenda item's title holds the words searched for


class SearchUnavailable(Exception):
    """The index cannot be read just now; browsing still works and `tracker reindex` rebuilds it."""

    status = 503


class SearchConfigError(Exception):
    """The search settings cannot work; the message says which setting to change."""


# --- what is asked and what comes back ------------------------------------------------

@dataclass
class SearchRequest:
    """One search: the typed query and the form's filters, already checked."""

    text: str = ""
    tree: object = None
    kinds: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()  # slugs
    councils: tuple[str, ...] = ()  # slugs; already folded into `committees` (their committees), kept to show
    year: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"  # or "date"
    exact: bool = False
    include_drafts: bool = False
    page: int = 1
    per_page: int = PER_PAGE
    notes: tuple[str, ...] = ()  # what was forgiven in the typed query, to say so

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class IndexHit:
    """What an index returns for one match: which record, its score and a highlighted snippet."""

    kind: str
    record_id: int
    meeting_id: int
    score: float
    snippet: Markup


@dataclass
class IndexPage:
    """One page of matches from an index, the total, facet counts and a spelling suggestion if any."""

    hits: list[IndexHit]
    total: int
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None


class SearchBackend(Protocol):
    """What an engine provides; only the modules implementing it import the engine."""

    name: str

    def open(self, engine: Engine) -> str | None:
        """Open the index; return a message if it was missing or damaged and had to be rebuilt."""

    def stamps(self) -> dict[int, str]:
        """Each indexed meeting's stamp (see ``meeting_stamps``), to reconcile with the database."""

    def add_to_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        """Re-read these meetings from the database and replace their documents (gone meetings are removed)."""

    def remove_from_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        """Drop these meetings' documents."""

    def query_index(self, request: SearchRequest) -> IndexPage:
        """The page of matches for `request`."""

    def rebuild(self, engine: Engine) -> int:
        """Rebuild the whole index from the database (into a new place, then swapped in); returns documents."""

    def close(self) -> None:
        ...


@dataclass
class Hit:
    """A search result ready to show: the record re-read from the database, where it is, and its snippet."""

    kind: str
    record_id: int
    text: str
    snippet: Markup
    score: float
    url: str
    meeting_id: int
    meeting_date: dt.date | None
    meeting_title: str | None
    committee: str
    committee_slug: str
    draft: bool
    council: str = ""
    item_number: str | None = None
    item_title: str | None = None
    item_position: int | None = None
    speaker: str | None = None
    responses: list[Response] = field(default_factory=list)
    status: str | None = None
    owner: str | None = None
    due_date: dt.date | None = None

    @property
    def body(self) -> str:
        """The committee's name led by its council's, as documents and feeds name it (the default council, which
        minutes naming none go to, is not named)."""
        return f"{self.council}: {self.committee}" if self.council and self.council != DEFAULT_COUNCIL \
            else self.committee

    def to_dict(self) -> dict:
        found = {"kind": self.kind, "text": self.text, "snippet": str(self.snippet),
                 "meeting": {"id": self.meeting_id, "date": self.meeting_date.isoformat() if self.meeting_date else None,
                             "committee": self.committee, "council": self.council},
                 "item": {"number": self.item_number, "title": self.item_title}, "url": self.url,
                 "score": round(self.score, 4)}
        if self.kind == "question":
            found["responses"] = [{"text": r.text, "responder": r.responder,
                                   "url": record_url("response", r.id, r.meeting_id)} for r in self.responses]
        if self.kind == "action":
            found.update(status=self.status, owner=self.owner,
                         due_date=self.due_date.isoformat() if self.due_date else None)
        return found


@dataclass
class SearchResults:
    """A page of hits with the total, facets, paging and, when nothing matched, a suggestion."""

    request: SearchRequest
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)  # plain words on what was searched for instead
    widened: bool = False  # records with some of the words, as no (or few) records have them all
    respelled: str | None = None  # the spelling searched for instead of a word the index has never seen
    nearest: list[tuple[str, str]] = field(default_factory=list)  # (name, url) of committees and people named

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))

    def to_dict(self) -> dict:
        return {"total": self.total, "page": self.request.page, "pages": self.pages,
                "hits": [hit.to_dict() for hit in self.hits], "facets": self.facets,
                "suggestion": self.suggestion, "notices": self.notices, "widened": self.widened,
                "respelled": self.respelled,
                "nearest": [{"name": name, "url": url} for name, url in self.nearest]}


# --- building a request from what was typed ---------------------------------------------

def build_request(*, session: Session, text: str | None, kinds=(), committees=(), councils=(),
                  year: str | None = None,
                  date_from: str | dt.date | None = None, date_to: str | dt.date | None = None,
                  sort: str = "relevance", exact: bool = False, include_drafts: bool = False, page=1,
                  per_page: int = PER_PAGE) -> SearchRequest:
    """Check and parse everything a search form, URL or command line gave; QueryError says what to fix."""
    notes: list[str] = []
    tree = q.parse(text or "", notes)
    kinds = tuple(dict.fromkeys(_kind(k) for k in kinds if k))
    committee_slugs = tuple(dict.fromkeys(s for c in committees if c for s in _committee_slugs(session, c)))
    council_slugs = tuple(dict.fromkeys(_council_slug(session, c) for c in councils if c))
    if council_slugs:
        committee_slugs = _within_councils(session, committee_slugs, council_slugs)
    if year is not None and year != "" and not (year.isdigit() and len(year) == 4 or year == "undated"):
        raise q.QueryError(f"{year!r} is not a year; use four digits, as in 2024.")
    start, end = _date(date_from, "from"), _date(date_to, "to")
    if start and end and start > end:
        raise q.QueryError("The 'from' date is after the 'to' date; swap them.")
    if sort not in ("relevance", "date"):
        raise q.QueryError("Sort by relevance or date.")
    page = _page(page)
    if tree is not None:
        tree = q.map_fields(tree, lambda f: _resolve_field(session, f))
        if not q.has_positive(tree):
            raise q.QueryError("Your search only says what to leave out. Add a word to look for, "
                               "as in transport NOT rail.")
    return SearchRequest(text=(text or "").strip(), tree=tree, kinds=kinds, committees=committee_slugs,
                         councils=council_slugs,
                         year=year or None, date_from=start, date_to=end, sort=sort, exact=bool(exact),
                         include_drafts=include_drafts, page=page, per_page=per_page, notes=tuple(notes))


def _kind(value: str) -> str:
    kind = q._KIND_ALIASES.get(str(value).lower())
    if kind is None:
        raise q.QueryError(f"{value!r} is not a kind of record; use one of {', '.join(q.KINDS)}.")
    return kind


def _page(raw) -> int:
    text = str(raw if raw is not None else "1").strip() or "1"
    if not text.isdigit() or len(text) > 6 or int(text) < 1:
        raise q.QueryError("Page numbers are whole numbers from 1.")
    page = int(text)
    if page > MAX_PAGE:
        raise q.QueryError(f"Results go up to page {MAX_PAGE}; narrow the search to see later hits.")
    return page


def _date(value, which: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise q.QueryError(f"The '{which}' date {str(value)[:40]!r} is not a date; use YYYY-MM-DD, "
                           "as in 2024-03-31.") from None


def _committee_slugs(session: Session, value: str) -> list[str]:
    """Committees whose name or slug contains what was typed ("Children & Families" finds the scrutiny one)."""
    wanted = slugify(value)
    rows = session.exec(select(Committee.slug)).all()
    exact = [slug for slug in rows if slug == wanted]
    found = exact or [slug for slug in rows if wanted in slug]
    if not found:
        raise q.QueryError(f"No committee is called {value[:80]!r}. Check the spelling, or leave the committee "
                           "out to search them all.")
    return found


def _council_slug(session: Session, value: str) -> str:
    """The slug of the council named (by slug or name, any case); QueryError when there is none."""
    council = council_by_slug(session=session, slug=value) or council_by_slug(session=session,
                                                                              slug=council_slug(str(value)))
    if council is None:
        raise q.QueryError(f"No council is called {str(value)[:80]!r}. Check the spelling, or leave the council "
                           "out to search them all.")
    return council.slug


def _within_councils(session: Session, committee_slugs: tuple[str, ...], council_slugs: tuple[str, ...]):
    """The committees of these councils, narrowed to `committee_slugs` when some were chosen too."""
    owned = session.exec(select(Committee.slug).join(Council, Council.id == Committee.council_id)
                         .where(Council.slug.in_(council_slugs))).all()
    kept = tuple(s for s in committee_slugs if s in set(owned)) if committee_slugs else tuple(sorted(owned))
    if not kept:
        raise q.QueryError("No committee chosen belongs to the council chosen; change one of them."
                           if committee_slugs else "That council has no minutes yet; leave the council out to "
                           "search them all.")
    return kept


def council_facet(session: Session, committee_counts: dict[str, int]) -> dict[str, int] | None:
    """Hits per council slug, summed from the hits per committee; None with fewer than two councils (a
    single-council tracker shows no council anywhere)."""
    if council_count(session=session) < 2:
        return None
    owners = dict(session.exec(select(Committee.slug, Council.slug).join(Council, Council.id == Committee.council_id)
                               .where(Committee.slug.in_(list(committee_counts)))).all())
    counts: dict[str, int] = {}
    for slug, n in committee_counts.items():
        if slug in owners:
            counts[owners[slug]] = counts.get(owners[slug], 0) + n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _resolve_field(session: Session, node: q.Field) -> q.Field:
    if node.name == "committee":
        return q.Field("committee", node.value, tuple(_committee_slugs(session, node.value)))
    return node


# --- running a search ----------------------------------------------------------------

def run_search(*, session: Session, backend: SearchBackend, request: SearchRequest) -> SearchResults:
    """Run the search (see ``_searched``); with two or more councils, the facets count hits per council too."""
    results = _searched(session, backend, request)
    councils = council_facet(session, results.facets.get("committee") or {})
    if councils is not None:
        results.facets = {**results.facets, "council": councils}
    return results


def _searched(session: Session, backend: SearchBackend, request: SearchRequest) -> SearchResults:
    """Ask the index, then re-read the hits from the database in ranked order (drafts checked again).

    Unless exact words were asked for, the search forgives: other spellings of a word count as it (compounds,
    splits, common misspellings, an acronym written out); a word the index has never seen is replaced by its
    nearest spelling when that finds something; and when no record (or very few) has every word, records
    with some of the meaningful words are shown, those with the most first. Each of these is said in
    ``notices``.
    """
    notices = list(request.notes)
    if request.tree is None or request.exact:
        results = _ranked(session, backend, request)
        results.notices = notices
        return results
    typed = request
    results = _ranked(session, backend, replace(request, tree=forgiving.expand(request.tree)))
    if results.total == 0 and results.suggestion:
        respelled = _respelled(session, request, results.suggestion)
        if respelled is not None:
            found = _ranked(session, backend, replace(respelled, tree=forgiving.expand(respelled.tree)))
            if found.total:
                notices.append(f"No record has the words as you typed them; showing results for "
                               f"\u201c{results.suggestion}\u201d.")
                typed, results = respelled, found
    if results.total < FEW:
        terms = forgiving.meaningful_terms(typed.tree)
        if terms:
            wide = replace(typed, tree=forgiving.widened(typed.tree, terms))
            found = _ranked(session, backend, wide, terms=terms)
            if found.total > results.total:
                notices.append("No record has all of your words; showing records with some of them, those with "
                               "the most first." if results.total == 0 else
                               f"Only {results.total} record{'s' if results.total != 1 else ''} "
                               f"{'have' if results.total != 1 else 'has'} all of your words; showing records "
                               "with some of them too, those with the most first.")
                found.widened = True
                results = found
    results.request = request
    results.notices = notices
    results.respelled = typed.text if typed is not request else None
    if results.total == 0:
        results.nearest = _nearest(session, forgiving.meaningful_terms(request.tree) or [])
    return results


def _nearest(session: Session, terms: list[forgiving.Term], limit: int = 5) -> list[tuple[str, str]]:
    """Committees and people whose names hold a word of the search, for a search that found nothing."""
    if not terms:
        return []
    found = []
    for committee in session.exec(select(Committee).order_by(Committee.name)).all():
        if any(forgiving.terms_held(committee.name, terms)):
            found.append((committee.name, f"/committees/{committee.slug}"))
    for person in session.exec(select(Person).order_by(Person.name)).all():
        if any(forgiving.terms_held(person.name, terms)):
            found.append((person.name, f"/people/{person.id}"))
    return found[:limit]


def _respelled(session: Session, request: SearchRequest, suggestion: str) -> SearchRequest | None:
    """The request with the index's suggested spelling instead of what was typed."""
    try:
        tree = q.parse(suggestion)
    except q.QueryError:
        return None
    if tree is None:
        return None
    return replace(request, text=suggestion, tree=q.map_fields(tree, lambda f: _resolve_field(session, f)))


def _ranked(session: Session, backend: SearchBackend, request: SearchRequest,
            terms: list[forgiving.Term] | None = None) -> SearchResults:
    """One page of hits. Any search by relevance is reordered over the top `RERANK` hits as minutes are read
    (``_read_minutes``). A widened search (`terms`) or one with a council acronym is judged here over the top
    `WINDOW` hits: a hit that holds none of the terms, or an acronym only as an ordinary word, is dropped, and
    hits holding more terms go first."""
    acronyms = forgiving.acronyms_in(request.tree)
    window = _window(request, WINDOW if terms or acronyms else RERANK)
    if window is None:
        page = backend.query_index(request)
        hits = _load_hits(session, page.hits, include_drafts=request.include_drafts)
        if acronyms:
            hits = [hit for hit in hits if all(forgiving.holds_acronym(hit.text, a, e) for a, e in acronyms)]
        return SearchResults(request=request, hits=hits, total=page.total, facets=page.facets,
                             suggestion=page.suggestion)
    page = backend.query_index(replace(request, page=1, per_page=window))
    hits = _load_hits(session, page.hits, include_drafts=request.include_drafts)
    kept = _read_minutes(hits, forgiving.meaningful_terms(request.tree) or []) if terms is None \
        else forgiving.ranked(hits, terms)
    if acronyms and terms is None:
        kept = [hit for hit in kept if all(forgiving.holds_acronym(hit.text, a, e) for a, e in acronyms)]
    dropped = len(page.hits) - len(kept)
    return SearchResults(request=request, hits=kept[request.offset:request.offset + request.per_page],
                         total=max(len(kept), page.total - dropped), facets=page.facets, suggestion=page.suggestion)


def _window(request: SearchRequest, size: int) -> int | None:
    """How many of the engine's top hits to read back and order here, or None to take the engine's page as it
    is (sorted by date, no words, or a page beyond the window; the first page is always reordered whole)."""
    if request.sort == "date" or request.tree is None:
        return None
    if request.offset + request.per_page <= size:
        return size
    return request.per_page if request.page == 1 else None


def _read_minutes(hits: list[Hit], terms: list[forgiving.Term]) -> list[Hit]:
    """The hits reordered as a reader of minutes would: a record under an agenda item whose title holds the
    words searched for gains (the item is about them), by a factor on the engine's score, so no engine's scale
    matters. (A gain for recent meetings was measured too and left out: it lowered precision on the judged
    queries, whose relevance does not depend on a meeting's age; see the README.)"""

    def weighed(hit: Hit) -> float:
        if not terms or hit.kind == "item" or not hit.item_title:
            return hit.score
        return hit.score * (1 + TITLE_GAIN * sum(forgiving.terms_held(hit.item_title, terms)) / len(terms))

    return sorted(hits, key=weighed, reverse=True)  # stable: equal weights keep the engine's order


def _load_hits(session: Session, found: list[IndexHit], *, include_drafts: bool) -> list[Hit]:
    if not found:
        return []
    meeting_ids = {hit.meeting_id for hit in found}
    meetings = {m.id: (m, c) for m, c in session.exec(
        select(Meeting, Committee).join(Committee, Committee.id == Meeting.committee_id)
        .where(Meeting.id.in_(meeting_ids))).all()}
    by_kind: dict[str, set[int]] = {}
    for hit in found:
        by_kind.setdefault(hit.kind, set()).add(hit.record_id)
    rows: dict[tuple[str, int], object] = {}
    for kind, ids in by_kind.items():
        model = AgendaItem if kind == "item" else RECORD_MODELS[RecordKind(kind)]
        for row in session.exec(select(model).where(model.id.in_(ids))).all():
            rows[(kind, row.id)] = row
    item_ids = {row.item_id for row in rows.values() if isinstance(row, MinuteRecord) and row.item_id}
    items = {i.id: i for i in session.exec(select(AgendaItem).where(AgendaItem.id.in_(item_ids))).all()} \
        if item_ids else {}
    question_ids = [rid for (kind, rid) in rows if kind == "question"]
    answers: dict[int, list[Response]] = {}
    if question_ids:
        for response in session.exec(select(Response).where(Response.question_id.in_(question_ids))
                                     .order_by(Response.position)).all():
            answers.setdefault(response.question_id, []).append(response)

    hits = []
    for hit in found:
        row = rows.get((hit.kind, hit.record_id))
        held = meetings.get(hit.meeting_id)
        if row is None or held is None or row.meeting_id != hit.meeting_id:
            continue  # the index is behind the database: never show what is no longer stored
        meeting, committee = held
        draft = meeting.status != "published"
        if draft and not include_drafts:
            continue
        item = row if hit.kind == "item" else items.get(row.item_id)
        text = row.title if hit.kind == "item" else row.text
        shown = Hit(kind=hit.kind, record_id=row.id, text=text, snippet=hit.snippet or escape(text[:300]),
                    score=hit.score, url=record_url(hit.kind, row.id, meeting.id, item.position if item else None),
                    meeting_id=meeting.id, meeting_date=meeting.date, meeting_title=meeting.title,
                    committee=committee.name, committee_slug=committee.slug, draft=draft,
                    council=committee.council.name,
                    item_number=item.number if item else None, item_title=item.title if item else None,
                    item_position=item.position if item else None)
        if isinstance(row, Question):
            shown.speaker, shown.responses = row.asker, answers.get(row.id, [])
        elif isinstance(row, Response):
            shown.speaker = row.responder
        elif isinstance(row, Action):
            shown.speaker = shown.owner = row.owner
            shown.status, shown.due_date = str(row.status), row.due_date
        elif hasattr(row, "speaker"):
            shown.speaker = row.speaker
        hits.append(shown)
    return hits


# --- which backend, and keeping it in step -------------------------------------------------

_REGISTRY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine pool -> (engine ref, backend)
_PENDING = "tracker.search.pending"
_COMMITTEES = "tracker.search.committees"


def attach(engine: Engine, backend: SearchBackend) -> None:
    """Keep `backend` in step with writes committed through `engine` (any session bound to it)."""
    _install_listeners()
    _REGISTRY[engine.pool] = (weakref.ref(engine), backend)


def detach(engine: Engine) -> None:
    _REGISTRY.pop(engine.pool, None)


def start(engine: Engine, backend: SearchBackend, *, say=log.warning) -> None:
    """Open the index (rebuilding a missing or damaged one, with a message) and reconcile it with the database."""
    message = backend.open(engine)
    if message:
        say(message)
    changed = reconcile(engine, backend)
    if changed:
        say(f"search index: {changed} meeting(s) were out of step with the database and have been re-indexed")


def meeting_stamps_for(session: Session, meeting_ids=None) -> dict[int, str]:
    """A fingerprint of each meeting as stored: it changes whenever anything the index holds for it changes."""
    actions_query = select(Action.meeting_id, func.max(Action.updated_at), func.count(Action.id))
    meetings_query = (select(Meeting.id, Meeting.updated_at, Meeting.status, Meeting.committee_id, Committee.name)
                      .join(Committee, Committee.id == Meeting.committee_id))
    if meeting_ids is not None:
        ids = list(meeting_ids)
        actions_query = actions_query.where(Action.meeting_id.in_(ids))
        meetings_query = meetings_query.where(Meeting.id.in_(ids))
    actions = {row[0]: row[1:] for row in session.exec(actions_query.group_by(Action.meeting_id)).all()}
    stamps = {}
    for meeting_id, updated, status, committee, name in session.exec(meetings_query).all():
        latest, count = actions.get(meeting_id, (None, 0))
        stamps[meeting_id] = f"{_iso(updated)}|{status}|{committee}|{name}|{_iso(latest)}|{count}"
    return stamps


def _iso(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def reconcile(engine: Engine, backend: SearchBackend) -> int:
    """Re-index meetings whose stamp differs from the database's, and drop meetings no longer stored."""
    with Session(engine) as session:
        wanted = meeting_stamps_for(session)
    held = backend.stamps()
    stale = {m for m, stamp in wanted.items() if held.get(m) != stamp}
    gone = set(held) - set(wanted)
    if gone:
        backend.remove_from_index(engine, gone)
    if stale:
        for chunk in _chunks(sorted(stale), 200):
            backend.add_to_index(engine, set(chunk))
    return len(stale) + len(gone)


def _chunks(values, size):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _install_listeners() -> None:
    listen_once("tracker.search", {"after_flush": _after_flush, "after_commit": _after_commit,
                                   "after_soft_rollback": _after_soft_rollback})


def _after_flush(session, _context) -> None:
    pending = session.info.setdefault(_PENDING, set())
    committees = session.info.setdefault(_COMMITTEES, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Meeting):
            if obj.id is not None:
                pending.add(obj.id)
        elif isinstance(obj, (MinuteRecord, AgendaItem)):
            if obj.meeting_id is not None:
                pending.add(obj.meeting_id)
        elif isinstance(obj, Committee) and obj.id is not None and obj in session.dirty:
            committees.add(obj.id)


def _after_soft_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None and not previous_transaction.nested:
        session.info.pop(_PENDING, None)
        session.info.pop(_COMMITTEES, None)


def _after_commit(session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released (SQLAlchemy calls this for that too): index once the whole write commits
    pending = session.info.pop(_PENDING, set())
    committees = session.info.pop(_COMMITTEES, set())
    if not pending and not committees:
        return
    bind = session.get_bind()
    found = _REGISTRY.get(getattr(bind, "pool", None))
    if found is None:
        return
    engine = found[0]()
    backend = found[1]
    if engine is None:
        return
    with warnings.catch_warnings():
        # a writer that failed (a full disk) leaves files open until collected: free them, and the lock, now
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            if committees:
                with Session(engine) as reader:
                    pending |= set(reader.exec(select(Meeting.id).where(Meeting.committee_id.in_(committees))).all())
            backend.add_to_index(engine, pending)
        except Exception:  # the write is committed; a stale index is reconciled later, never a failed request
            log.exception("search index: could not update meetings %s; they will be reconciled", sorted(pending))
            failed = True
        else:
            failed = False
        if failed:
            gc.collect()
