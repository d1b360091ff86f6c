"""Search on PostgreSQL full-text search, so several app servers share one database and one index.

``search_document`` (made by migration 0002, PostgreSQL only) holds one row
per agenda item and record with generated tsvector columns under GIN indexes:
``tsv`` (English stemming) and ``tsv_exact`` ('simple', for the exact-words
switch). Each typed word or phrase becomes ``websearch_to_tsquery``; the
boolean tree becomes SQL ``AND``/``OR``/``NOT``; ``ts_rank`` orders and
``ts_headline`` highlights the page shown. Writers take one transaction-level
advisory lock and re-read the database inside it, so concurrent writers
neither fail nor lose an update.
"""

from __future__ import annotations

import re

from sqlalchemy import Boolean, Column, Date, Engine, Integer, MetaData, String, Table, Text, and_, delete, false
from sqlalchemy import func, insert, literal, not_, or_, select, text, true
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlmodel import Session

from . import query as q
from .core import IndexHit, IndexPage, SearchConfigError, SearchRequest, SearchUnavailable, meeting_stamps_for
from .documents import all_documents, documents_for
from .snippets import from_sentinels

WRITE_LOCK = 7_700_701  # pg_advisory_xact_lock key for index writers
STATEMENT_TIMEOUT = "5s"
HEADLINE = 'StartSel="\ue000", StopSel="\ue001", MaxWords=45, MinWords=20, ShortWord=2, MaxFragments=2, ' \
           'FragmentDelimiter=" … "'

_meta = MetaData()
documents = Table(
    "search_document", _meta,
    Column("key", String(40), primary_key=True), Column("kind", String(20)), Column("record_id", Integer),
    Column("meeting_id", Integer), Column("meeting_date", Date), Column("year", String(10)),
    Column("committee", Text), Column("committee_slug", String(200)), Column("published", Boolean),
    Column("speaker", Text), Column("status", String(20)), Column("text", Text),
    Column("tsv", TSVECTOR), Column("tsv_exact", TSVECTOR), Column("speaker_tsv", TSVECTOR),
)
stamps_table = Table("search_stamp", _meta, Column("meeting_id", Integer, primary_key=True), Column("stamp", Text))
_WORD = re.compile(r"\w+")


def _row(document) -> dict:
    return dict(key=document.key, kind=document.kind, record_id=document.record_id, meeting_id=document.meeting_id,
                meeting_date=document.meeting_date, year=document.year, committee=document.committee,
                committee_slug=document.committee_slug, published=document.published, speaker=document.speaker,
                status=document.status, text=document.text.replace("\x00", " "))


class PostgresBackend:
    """Search with PostgreSQL's own full-text search, in the tracker's database."""

    name = "postgres"

    def __init__(self):
        self._engine: Engine | None = None

    def open(self, engine: Engine) -> str | None:
        self._engine = engine
        with engine.connect() as connection:
            if connection.execute(text("SELECT to_regclass('search_document')")).scalar() is None:
                raise SearchConfigError("the database has no search tables; run `tracker db upgrade`")
        return None

    def close(self) -> None:
        self._engine = None

    def stamps(self) -> dict[int, str]:
        with self._engine.connect() as connection:
            return dict(connection.execute(select(stamps_table.c.meeting_id, stamps_table.c.stamp)).all())

    def _write(self, engine: Engine, meeting_ids: set[int] | None, remove_only: bool = False) -> int:
        count = 0
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            with Session(bind=connection) as session:
                if meeting_ids is None:
                    connection.execute(delete(documents))
                    connection.execute(delete(stamps_table))
                    fresh = meeting_stamps_for(session)
                    batch = []
                    for document in all_documents(session):
                        batch.append(_row(document))
                        if len(batch) >= 2000:
                            connection.execute(insert(documents), batch)
                            count += len(batch)
                            batch = []
                    if batch:
                        connection.execute(insert(documents), batch)
                        count += len(batch)
                else:
                    ids = sorted(meeting_ids)
                    connection.execute(delete(documents).where(documents.c.meeting_id.in_(ids)))
                    connection.execute(delete(stamps_table).where(stamps_table.c.meeting_id.in_(ids)))
                    if remove_only:
                        return 0
                    fresh = meeting_stamps_for(session, ids)
                    rows = [_row(d) for found in documents_for(session, ids).values() for d in found]
                    if rows:
                        connection.execute(insert(documents), rows)
                    count = len(rows)
            if fresh:
                connection.execute(insert(stamps_table), [{"meeting_id": m, "stamp": s} for m, s in fresh.items()])
        return count

    def add_to_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        if meeting_ids:
            self._write(engine, set(meeting_ids))

    def remove_from_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        if meeting_ids:
            self._write(engine, set(meeting_ids), remove_only=True)

    def rebuild(self, engine: Engine) -> int:
        """Replace every row in one transaction: readers see the old index until the new one is committed."""
        self._engine = self._engine or engine
        return self._write(engine, None)

    def size_on_disk(self) -> int:
        with self._engine.connect() as connection:
            return connection.execute(text("SELECT pg_total_relation_size('search_document')")).scalar() or 0

    # --- queries ------------------------------------------------------------------------

    def _tsquery(self, node, exact: bool):
        config = "simple" if exact else "english"
        if isinstance(node, q.Word) and node.prefix:
            words = _WORD.findall(node.text.lower())
            return func.to_tsquery("simple", " & ".join(words[:-1] + [words[-1] + ":*"]))
        typed = f'"{node.text}"' if isinstance(node, q.Phrase) else node.text.replace('"', " ")
        return func.websearch_to_tsquery(config, typed)

    def _condition(self, node, exact: bool):
        if isinstance(node, (q.Word, q.Phrase)):
            column = documents.c.tsv_exact if exact or (isinstance(node, q.Word) and node.prefix) else documents.c.tsv
            return column.op("@@", is_comparison=True)(self._tsquery(node, exact))
        if isinstance(node, q.Field):
            return self._field(node)
        if isinstance(node, q.And):
            return and_(*(self._condition(p, exact) for p in node.parts))
        if isinstance(node, q.Or):
            return or_(*(self._condition(p, exact) for p in node.parts))
        if isinstance(node, q.Not):
            return not_(self._condition(node.part, exact))
        raise TypeError(node)

    def _field(self, node: q.Field):
        c = documents.c
        if node.name == "kind":
            return c.kind == node.values[0]
        if node.name == "committee":
            return c.committee_slug.in_(node.values)
        if node.name == "status":
            return and_(c.kind == "action", c.status == node.values[0])
        if node.name == "year":
            return c.year == node.values[0]
        words = _WORD.findall(node.value.lower())
        if not words:
            return false()
        condition = c.speaker_tsv.op("@@", is_comparison=True)(func.plainto_tsquery("simple", " ".join(words)))
        kind = q.PERSON_FIELDS.get(node.name)
        return and_(c.kind == kind, condition) if kind else condition

    def _where(self, request: SearchRequest):
        c = documents.c
        parts = []
        if request.tree is not None:
            parts.append(self._condition(request.tree, request.exact))
        if request.kinds:
            parts.append(c.kind.in_(request.kinds))
        if request.committees:
            parts.append(c.committee_slug.in_(request.committees))
        if request.year:
            parts.append(c.year == request.year)
        if request.date_from:
            parts.append(c.meeting_date >= request.date_from)
        if request.date_to:
            parts.append(c.meeting_date <= request.date_to)
        if not request.include_drafts:
            parts.append(c.published.is_(True))
        return and_(true(), *parts)

    def _ranking_query(self, request: SearchRequest):
        leaves = q.text_leaves(request.tree) if request.tree is not None else []
        if not leaves:
            return None
        combined = self._tsquery(leaves[0], request.exact)
        for leaf in leaves[1:]:
            combined = combined.op("||")(self._tsquery(leaf, request.exact))
        return combined

    def query_index(self, request: SearchRequest) -> IndexPage:
        c = documents.c
        where = self._where(request)
        ranking = self._ranking_query(request)
        exact = request.exact or (ranking is not None and all(
            isinstance(leaf, q.Word) and leaf.prefix for leaf in q.text_leaves(request.tree)))
        vector = c.tsv_exact if exact else c.tsv
        rank = func.ts_rank(vector, ranking) if ranking is not None else literal(0.0)
        order = [c.meeting_date.desc().nulls_last(), rank.desc(), c.key] if request.sort == "date" or ranking is None \
            else [rank.desc(), c.meeting_date.desc().nulls_last(), c.key]
        page = (select(c.kind, c.record_id, c.meeting_id, c.text, rank.label("rank")).where(where).order_by(*order)
                .offset(request.offset).limit(request.per_page).subquery())
        headline = func.ts_headline("simple" if exact else "english", page.c.text, ranking, HEADLINE) \
            if ranking is not None else func.left(page.c.text, 300)
        shown = select(page.c.kind, page.c.record_id, page.c.meeting_id, page.c.rank, headline.label("headline"))
        grouped = (select(c.kind, c.committee_slug, c.year, func.count()).where(where)
                   .group_by(func.grouping_sets(c.kind, c.committee_slug, c.year)))
        try:
            with self._engine.connect() as connection:
                connection.execute(text(f"SET LOCAL statement_timeout = '{STATEMENT_TIMEOUT}'"))
                rows = connection.execute(shown).all()
                facet_rows = connection.execute(grouped).all()
                connection.rollback()
        except Exception as error:
            if "statement timeout" in str(error) or "canceling statement" in str(error):
                raise SearchUnavailable("the search took too long; use fewer or more distinctive words") from None
            raise
        facets: dict[str, dict[str, int]] = {"kind": {}, "committee": {}, "year": {}}
        for kind, slug, year, count in facet_rows:
            if kind is not None:
                facets["kind"][kind] = count
            elif slug is not None:
                facets["committee"][slug] = count
            elif year is not None:
                facets["year"][year] = count
        facets = {name: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for name, v in facets.items()}
        total = sum(facets["kind"].values())
        hits = [IndexHit(kind=kind, record_id=record_id, meeting_id=meeting_id, score=float(score or 0.0),
                         snippet=from_sentinels(headline or ""))
                for kind, record_id, meeting_id, score, headline in rows]
        return IndexPage(hits, total, facets, None)
