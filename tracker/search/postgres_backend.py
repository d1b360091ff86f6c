"""Search on PostgreSQL full-text search, so several app servers share one database and one index.

``search_document`` (made by migration 0002, PostgreSQL only) holds one row
per agenda item and record with generated tsvector columns under GIN indexes:
``tsv`` (English stemming) and ``tsv_exact`` ('simple', for the exact-words
switch). Each typed word or phrase becomes ``websearch_to_tsquery``; the
boolean tree becomes SQL ``AND``/``OR``/``NOT``. One statement finds the
matches, counts their facets and ranks (``ts_rank``) and highlights
(``ts_headline``) the page shown.

Counting means reading every matching row, and at a million records a common
word matches tens of thousands, each on its own page. So ``search_term_count``
(migration 0006) keeps each English term's document counts by kind, committee
and year, and a search for one term with no filters reads its exact counts
there; its page is ranked among its newest matches (at least CANDIDATES of
them) rather than all of them. A phrase is the same problem made worse: the
GIN index finds the records holding both words, and each one's positions are
checked on its own heap page (some 5 to 8 microseconds a page read from the
operating system's cache, more than the check itself; read in parallel it was
no faster on two cores). So ``search_pair_count`` (migration 0007) keeps the
same counts for each pair of adjacent English terms, and a phrase of two terms
with no filters is served like one term. Writers keep both in step in the same
transaction. Writers take one transaction-level advisory lock and re-read the
database inside it, so concurrent writers neither fail nor lose an update.
"""

from __future__ import annotations

import datetime as dt
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
# A one-word search with very many matches ranks its newest this many or so and lists them first (_newest_ranked):
# ranking all of a common word's matches reads every one of them, which is too slow at a million records.
CANDIDATES = 2000


def index_row(document) -> dict:
    """The table row for one index document (the benchmark writes rows the same way)."""
    return dict(key=document.key, kind=document.kind, record_id=document.record_id, meeting_id=document.meeting_id,
                meeting_date=document.meeting_date, year=document.year, committee=document.committee,
                committee_slug=document.committee_slug, published=document.published, speaker=document.speaker,
                status=document.status, text=document.text.replace("\x00", " "))


COUNT_TERMS = """
INSERT INTO search_term_count AS counted (lexeme, published, facet, value, n)
SELECT term.lexeme, d.published,
       CASE WHEN GROUPING(d.kind) = 0 THEN 'kind' WHEN GROUPING(d.committee_slug) = 0 THEN 'committee' ELSE 'year' END,
       coalesce(d.kind, d.committee_slug, d.year), :sign * count(*)
FROM search_document d, unnest(d.tsv) AS term
{where}
GROUP BY GROUPING SETS ((term.lexeme, d.published, d.kind), (term.lexeme, d.published, d.committee_slug),
                        (term.lexeme, d.published, d.year))
ON CONFLICT (lexeme, published, facet, value) DO UPDATE SET n = counted.n + excluded.n"""


# Each document's adjacent pairs of terms, as `'first' <-> 'second'` matches them: term positions one apart. The
# positions, sorted, are one apart only between neighbours, except that every word after the 16,383rd is given
# position 16,383 (PostgreSQL's limit), so a very long document's word at 16,382 is paired with each of those too.
COUNT_PAIRS = """
INSERT INTO search_pair_count AS counted (first, second, published, facet, value, n)
SELECT pair.first, pair.second, d.published,
       CASE WHEN GROUPING(d.kind) = 0 THEN 'kind' WHEN GROUPING(d.committee_slug) = 0 THEN 'committee' ELSE 'year' END,
       coalesce(d.kind, d.committee_slug, d.year), :sign * count(*)
FROM search_document d,
     LATERAL (SELECT array_agg(t.lexeme ORDER BY p) AS terms, array_agg(p ORDER BY p) AS at
              FROM unnest(d.tsv) AS t, unnest(t.positions) AS p) AS sorted,
     LATERAL (SELECT sorted.terms[i] AS first, sorted.terms[i + 1] AS second
              FROM generate_series(1, cardinality(sorted.terms) - 1) AS i WHERE sorted.at[i + 1] = sorted.at[i] + 1
              UNION
              SELECT a.lexeme, b.lexeme FROM unnest(d.tsv) AS a, unnest(d.tsv) AS b
              WHERE sorted.at[cardinality(sorted.at)] = 16383 AND 16382 = ANY(a.positions)
                AND 16383 = ANY(b.positions)) AS pair
{where}
GROUP BY GROUPING SETS ((pair.first, pair.second, d.published, d.kind),
                        (pair.first, pair.second, d.published, d.committee_slug),
                        (pair.first, pair.second, d.published, d.year))
ON CONFLICT (first, second, published, facet, value) DO UPDATE SET n = counted.n + excluded.n"""


def count_terms(connection, meeting_ids: list[int] | None, sign: int) -> None:
    """Add (sign +1) or take away (-1) these meetings' documents, all if None, in the facet counts per term and
    per pair of adjacent terms."""
    where = "" if meeting_ids is None else "WHERE d.meeting_id = ANY(:ids)"
    for sql in (COUNT_TERMS, COUNT_PAIRS):
        connection.execute(text(sql.format(where=where)), {"sign": sign, "ids": list(meeting_ids or [])})


def settle(engine: Engine) -> None:
    """After a bulk load is committed: VACUUM empties the GIN pending lists (every search reads them whole) and
    marks the rows visible to all now, rather than leaving the first search to touch each page to write it
    back; ANALYZE gives the planner the new statistics. A few seconds at a million records."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE) search_document, search_term_count, search_pair_count"))


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
                    connection.execute(text("DELETE FROM search_term_count"))
                    connection.execute(text("DELETE FROM search_pair_count"))
                    connection.execute(delete(stamps_table))
                    fresh = meeting_stamps_for(session)
                    batch = []
                    for document in all_documents(session):
                        batch.append(index_row(document))
                        if len(batch) >= 2000:
                            connection.execute(insert(documents), batch)
                            count += len(batch)
                            batch = []
                    if batch:
                        connection.execute(insert(documents), batch)
                        count += len(batch)
                    count_terms(connection, None, +1)
                else:
                    ids = sorted(meeting_ids)
                    count_terms(connection, ids, -1)
                    connection.execute(delete(documents).where(documents.c.meeting_id.in_(ids)))
                    connection.execute(delete(stamps_table).where(stamps_table.c.meeting_id.in_(ids)))
                    if not remove_only:
                        fresh = meeting_stamps_for(session, ids)
                        rows = [index_row(d) for found in documents_for(session, ids).values() for d in found]
                        if rows:
                            connection.execute(insert(documents), rows)
                            count_terms(connection, ids, +1)
                        count = len(rows)
                    connection.execute(text("DELETE FROM search_term_count WHERE n = 0"))
                    connection.execute(text("DELETE FROM search_pair_count WHERE n = 0"))
                    if remove_only:
                        return 0
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
        count = self._write(engine, None)
        settle(engine)
        return count

    def size_on_disk(self) -> int:
        with self._engine.connect() as connection:
            return connection.execute(text("SELECT pg_total_relation_size('search_document') "
                                           "+ pg_total_relation_size('search_term_count') "
                                           "+ pg_total_relation_size('search_pair_count')")).scalar() or 0

    # --- queries ------------------------------------------------------------------------

    def _tsquery(self, node, exact: bool):
        config = "simple" if exact else "english"
        if isinstance(node, q.Word) and node.prefix:
            words = _WORD.findall(node.text.lower())
            return func.to_tsquery("simple", " & ".join(words[:-1] + [words[-1] + ":*"]))
        return func.websearch_to_tsquery(config, _typed(node))

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
        ranking = self._ranking_query(request)
        exact = request.exact or (ranking is not None and all(
            isinstance(leaf, q.Word) and leaf.prefix for leaf in q.text_leaves(request.tree)))
        try:
            with self._engine.connect() as connection:
                # one snapshot for the counts and the page; no JIT, whose compiling costs more than these queries;
                # memory enough for the bitmap of a common word's matches to stay exact (a lossy one rechecks rows)
                connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
                connection.execute(text("SELECT set_config('statement_timeout', :timeout, true), "
                                        "set_config('jit', 'off', true), set_config('work_mem', '32MB', true)"),
                                   {"timeout": STATEMENT_TIMEOUT})
                counted = self._counted(connection, request)
                if counted is None:
                    rows, facets = self._search(connection, request, ranking, exact, self._where(request))
                else:
                    facets = counted["facets"]
                    rows = self._newest_ranked(connection, request, ranking, counted)
                connection.rollback()
        except Exception as error:
            if "statement timeout" in str(error) or "canceling statement" in str(error):
                raise SearchUnavailable("the search took too long; use fewer or more distinctive words") from None
            raise
        facets = {name: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for name, v in facets.items()}
        total = sum(facets["kind"].values())
        hits = [IndexHit(kind=kind, record_id=record_id, meeting_id=meeting_id, score=float(score or 0.0),
                         snippet=from_sentinels(headline or ""))
                for kind, record_id, meeting_id, score, headline in rows]
        return IndexPage(hits, total, facets, None)

    def _search(self, connection, request: SearchRequest, ranking, exact: bool, where, with_facets: bool = True,
                first_after: dt.date | None = None):
        """One statement: the matches (narrow columns and rank), their facet counts, and the page, highlighted.

        Returns the page's rows and the facets, or (without facets) the page's rows and how many matched.
        With `first_after`, matches from meetings on or after that date come first.
        """
        c = documents.c
        vector = c.tsv_exact if exact else c.tsv
        rank = func.ts_rank(vector, ranking) if ranking is not None else literal(0.0)
        matched = select(c.key, c.kind, c.record_id, c.meeting_id, c.meeting_date, c.committee_slug, c.year,
                         rank.label("rank")).where(where).cte("matched")
        m = matched.c

        def ordering(c):
            newest = c.meeting_date.desc().nulls_last()
            key = c.key.collate("C")  # only breaks ties: byte order sorts faster than the locale's
            order = [newest, c.rank.desc(), key] if request.sort == "date" or ranking is None \
                else [c.rank.desc(), newest, key]
            if first_after is not None:
                order.insert(0, func.coalesce(c.meeting_date >= first_after, False).desc())
            return order

        # the page's positions are numbered after the limit: numbered over all the matches, they were all sorted
        # (tens of milliseconds for 50,000 matches) rather than only the best kept
        top = (select(m.key, m.kind, m.record_id, m.meeting_id, m.meeting_date, m.rank).order_by(*ordering(m))
               .offset(request.offset).limit(request.per_page).subquery("top"))
        page = select(top.c.key, top.c.kind, top.c.record_id, top.c.meeting_id, top.c.rank,
                      func.row_number().over(order_by=ordering(top.c)).label("position")).subquery("page")
        if with_facets:
            grouped = (select(m.kind, m.committee_slug, m.year, func.count().label("n"))
                       .group_by(func.grouping_sets(m.kind, m.committee_slug, m.year)).subquery("grouped"))
            g = grouped.c
            counts = select(func.json_agg(func.json_build_array(g.kind, g.committee_slug, g.year, g.n))
                            .label("counts")).subquery("counts")
        else:
            counts = select(func.count().label("counts")).select_from(matched).subquery("counts")
        headline = func.ts_headline("simple" if exact else "english", c.text, ranking, HEADLINE) \
            if ranking is not None else func.left(c.text, 300)
        shown = (select(page.c.kind, page.c.record_id, page.c.meeting_id, page.c.rank, headline.label("headline"),
                        page.c.position)
                 .select_from(page.join(documents, documents.c.key == page.c.key)).subquery("shown"))
        statement = (select(counts.c.counts, shown.c.kind, shown.c.record_id, shown.c.meeting_id, shown.c.rank,
                            shown.c.headline)
                     .select_from(counts.outerjoin(shown, true())).order_by(shown.c.position))
        found = connection.execute(statement).all()
        rows = [row[1:] for row in found if row.kind is not None]
        if not with_facets:
            return rows, found[0].counts
        facets: dict[str, dict[str, int]] = {"kind": {}, "committee": {}, "year": {}}
        for kind, slug, year, count in found[0].counts or []:
            if kind is not None:
                facets["kind"][kind] = count
            elif slug is not None:
                facets["committee"][slug] = count
            elif year is not None:
                facets["year"][year] = count
        return rows, facets

    # --- one-term and two-term searches: counts read, ranking bounded to the newest matches -------------------

    def _counted(self, connection, request: SearchRequest) -> dict | None:
        """For a search for one English term, or a phrase of two, with no filters: its exact facet counts, read
        from the per-term or per-pair counts, with how many documents there are and the newest meeting date (to
        find its newest matches).

        None when the search is anything else: it is then counted over its matches.
        """
        node = request.tree
        if request.exact or not (isinstance(node, q.Phrase) or isinstance(node, q.Word) and not node.prefix):
            return None
        if request.kinds or request.committees or request.year or request.date_from or request.date_to:
            return None
        found = connection.execute(text(COUNTED_FACETS), {
            "typed": _typed(node), "scope": [True, False] if request.include_drafts else [True]}).one()
        if not found.counted:
            return None
        facets: dict[str, dict[str, int]] = {"kind": {}, "committee": {}, "year": {}}
        for facet, value, count in found.counts or []:
            facets[facet][value] = count
        return {"facets": facets, "documents": found.documents, "newest": found.newest}

    def _newest_ranked(self, connection, request: SearchRequest, ranking, counted: dict):
        """The page for a counted search (one term or a two-term phrase); one with very many matches lists its
        newest first.

        Its newest CANDIDATES matches or so (those after a cut-off date estimated from its per-year counts; if
        fewer are found there the cut-off moves back) are ranked and listed first, then the older ones, ranked:
        the same order on every page, but only a page beyond the newest has to rank them all. Which way to read
        the newest is cheapest depends on how common the term is (see _plan); for a very common term, bitmap
        scans, the only way a GIN index is read, are turned off and the date index is walked instead.
        """
        facets = counted["facets"]
        matches = sum(facets["kind"].values())
        if not matches:
            return []  # a phrase of two common words that never meet would otherwise check every record with both
        plan = _plan(matches, CANDIDATES, counted["documents"] or 0)
        where = self._where(request)
        last = request.offset + request.per_page
        for cutoff in [None] if plan == "all" else _cutoffs(facets["year"], CANDIDATES, counted["newest"]):
            walk = plan == "walk" and cutoff is not None
            connection.execute(text(f"SET LOCAL enable_bitmapscan = {'off' if walk else 'on'}"))
            if cutoff is None:
                return self._search(connection, request, ranking, False, where, with_facets=False)[0]
            bounded = and_(where, documents.c.meeting_date >= cutoff)
            rows, newest = self._search(connection, request, ranking, False, bounded, with_facets=False)
            if newest >= CANDIDATES:
                if newest >= last:
                    return rows
                connection.execute(text("SET LOCAL enable_bitmapscan = on"))
                return self._search(connection, request, ranking, False, where, with_facets=False,
                                    first_after=cutoff)[0]


# A search is counted when its query is one term, or exactly `'first' <-> 'second'` (two terms, adjacent): the
# same query as the phrase of its two terms, in order of position, made afresh (a stop word between them, a
# hyphenated word or a third term makes another query, and it is counted over its matches instead).
COUNTED_FACETS = """
WITH term AS (SELECT websearch_to_tsquery('english', :typed) AS query),
     pair AS (SELECT array_agg(t.lexeme ORDER BY p) AS terms
              FROM unnest(to_tsvector('english', :typed)) AS t, unnest(t.positions) AS p),
     shape AS (SELECT term.query, pair.terms, numnode(term.query) = 1 AS one,
                      coalesce(numnode(term.query) = 3 AND cardinality(pair.terms) = 2
                               AND term.query = phraseto_tsquery('simple', pair.terms[1] || ' ' || pair.terms[2]),
                               false) AS two
               FROM term, pair)
SELECT shape.one OR shape.two AS counted,
       (SELECT json_agg(json_build_array(facet, value, total)) FROM (
            SELECT facet, value, sum(n) AS total FROM search_term_count
            WHERE shape.one AND published = ANY(:scope)
              AND lexeme = (tsvector_to_array(shape.query::text::tsvector))[1]
            GROUP BY facet, value HAVING sum(n) > 0
            UNION ALL
            SELECT facet, value, sum(n) AS total FROM search_pair_count
            WHERE shape.two AND published = ANY(:scope) AND first = shape.terms[1] AND second = shape.terms[2]
            GROUP BY facet, value HAVING sum(n) > 0) AS counted) AS counts,
       (SELECT reltuples FROM pg_class WHERE oid = 'search_document'::regclass) AS documents,
       (SELECT max(meeting_date) FROM search_document) AS newest
FROM shape"""


def _typed(node) -> str:
    """What websearch_to_tsquery is given for a typed word or phrase."""
    return f'"{node.text}"' if isinstance(node, q.Phrase) else node.text.replace('"', " ")


# Rough cost per row in microseconds, timed at 1,000,000 records on a busy 2-core machine: an entry of a GIN
# posting list, of a date-index bitmap, a row read through a bitmap (its own page, mostly) and ranked, and a row
# read walking the date index (rows of one meeting share pages) with its match checked.
GIN_ENTRY, DATE_ENTRY, BITMAP_ROW, WALKED_ROW = 0.5, 0.16, 7.5, 1.4


def _plan(matches: int, need: int, documents: float) -> str:
    """How to reach a term's newest `need` matches: "all" of them, those after a cut-off through both indexes
    ("both"), or a "walk" of the newest rows through the date index alone; whichever reads least."""
    window = need * 1.25 * max(documents, matches) / max(matches, 1)  # rows after the cut-off
    costs = {"all": (GIN_ENTRY + BITMAP_ROW) * matches,
             "both": GIN_ENTRY * matches + DATE_ENTRY * window + BITMAP_ROW * need * 1.25,
             "walk": WALKED_ROW * window}
    return min(costs, key=costs.get)


def _cutoffs(years: dict[str, int], need: int, newest: dt.date | None):
    """Meeting dates after which a term's matches number at least `need`: an estimate (matches spread evenly
    over each year, the newest year ending at the newest meeting), that year's start, then no cut-off."""
    held = sorted(((int(y), n) for y, n in years.items() if y.isdigit()), reverse=True)
    if newest is not None and sum(n for _y, n in held) > need * 2:
        reached = 0
        for year, count in held:
            if reached + count >= need:
                start = dt.date(year, 1, 1)
                end = min(dt.date(year, 12, 31), max(newest, start))
                share = (need - reached) / count * 1.25  # matches are not spread quite evenly: some margin
                estimate = end - dt.timedelta(days=int(share * ((end - start).days + 1)) + 1)
                if estimate > start:
                    yield estimate
                yield start
                break
            reached += count
    yield None
