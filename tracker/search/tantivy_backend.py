"""The embedded search backend (the default): a tantivy index (tantivy-py) in the instance folder.

Same layout and rules as the Whoosh backend (see ``generations``): ``CURRENT``
names the generation in use, a rebuild swaps in a new one, and every writer
holds ``write.lock`` (with a timeout) while it re-reads the database, writes
and commits one batch, so two processes writing at once neither fail nor lose
an update (tantivy itself allows one IndexWriter per index). Searches share
one index per process, reloaded when another writer committed; filters are
folded into the query with zero score; facet counts come from tantivy's term
aggregations over fast fields (no stored document is read for them), and only
the page shown is read back and highlighted.
"""

from __future__ import annotations

import re
import shutil
import threading
from functools import lru_cache
from pathlib import Path

import tantivy
from sqlalchemy import Engine
from sqlmodel import Session

from . import query as q
from .core import IndexHit, IndexPage, SearchRequest, SearchUnavailable, meeting_stamps_for
from .documents import SearchDocument, all_documents, documents_for
from .generations import GenerationStore
from .snippets import snippet

Occur = tantivy.Occur
BUILD_HEAP = 256_000_000
UPDATE_HEAP = 32_000_000
FACET_SIZE = 1000
_WORD = re.compile(r"\w+")


def schema() -> tantivy.Schema:
    """The index's fields and how each is tokenized."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("kind", stored=True, fast=True, tokenizer_name="raw")
    builder.add_integer_field("record", stored=True)
    builder.add_integer_field("meeting", stored=True, indexed=True)
    builder.add_text_field("committee", fast=True, tokenizer_name="raw")
    builder.add_text_field("year", fast=True, tokenizer_name="raw")
    builder.add_integer_field("published", indexed=True)
    builder.add_integer_field("date", indexed=True, fast=True)
    builder.add_text_field("status", tokenizer_name="raw")
    builder.add_text_field("speaker", tokenizer_name="default")
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("exact", tokenizer_name="default")
    return builder.build()


SCHEMA = schema()
# the analyzers tantivy's "en_stem" and "default" tokenizers are made of, to treat typed words the same way
_STEM = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.remove_long(40))
         .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.stemmer("english")).build())
_PLAIN = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.remove_long(40))
          .filter(tantivy.Filter.lowercase()).build())


def _document(document: SearchDocument) -> tantivy.Document:
    date = document.meeting_date
    fields = dict(kind=document.kind, record=document.record_id, meeting=document.meeting_id,
                  committee=document.committee_slug, year=document.year, published=1 if document.published else 0,
                  date=int(date.strftime("%Y%m%d")) if date else 0, text=document.text, exact=document.text)
    if document.speaker:
        fields["speaker"] = document.speaker
    if document.status:
        fields["status"] = document.status
    return tantivy.Document(**fields)


def _tokens(text: str, exact: bool) -> list[str]:
    return (_PLAIN if exact else _STEM).analyze(text)


@lru_cache(maxsize=50_000)
def _stem_of(word: str) -> str:
    found = _STEM.analyze(word)
    return found[0] if found else ""


def _term(field: str, value) -> tantivy.Query:
    return tantivy.Query.term_query(SCHEMA, field, value)


def _all(parts: list[tantivy.Query]) -> tantivy.Query:
    return parts[0] if len(parts) == 1 else tantivy.Query.boolean_query([(Occur.Must, p) for p in parts])


def _any(parts: list[tantivy.Query]) -> tantivy.Query:
    return parts[0] if len(parts) == 1 else tantivy.Query.boolean_query([(Occur.Should, p) for p in parts])


def _without(query: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query([(Occur.Must, tantivy.Query.all_query()), (Occur.MustNot, query)])


def _filter(query: tantivy.Query) -> tantivy.Query:
    """A filter: it must match but adds nothing to the score."""
    return tantivy.Query.const_score_query(query, 0.0)


class TantivyBackend(GenerationStore):
    """Search with a tantivy index kept under ``root``."""

    name = "tantivy"

    def __init__(self, root: str | Path):
        super().__init__(root)
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._generation: Path | None = None
        self._seen = None

    # --- opening, building ---------------------------------------------------------------

    def _unreadable(self, generation: Path) -> str | None:
        problem = None
        try:
            index = tantivy.Index.open(str(generation))
            searcher = index.searcher()
            searcher.num_docs
            searcher.aggregate(tantivy.Query.all_query(), {"kind": {"terms": {"field": "kind", "size": 10}}})
            found = searcher.search(tantivy.Query.all_query(), 1).hits
            if found:
                searcher.doc(found[0][1])
            if not self._stamps_path(generation).exists():
                raise ValueError("no stamps")
            del searcher, index
        except BaseException as error:  # tantivy raises ValueError, OSError or a Rust panic on damaged files
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            problem = type(error).__name__
        if problem:
            self.close()  # let go of the damaged files before the rebuild
        return problem

    def rebuild(self, engine: Engine) -> int:
        """Build a new generation from the database and swap it in; the old one is removed."""
        with self._write_lock():
            with Session(engine) as session:
                stamps = meeting_stamps_for(session)
                generation, count = self.build_generation(all_documents(session))
            self._save_stamps(generation, stamps)
            self._swap_in(generation)
        return count

    def build_generation(self, documents) -> tuple[Path, int]:
        """A new generation holding `documents` (not yet in use); the caller holds the write lock."""
        generation = self._new_generation()
        count = 0
        try:
            writer = tantivy.Index(SCHEMA, path=str(generation)).writer(heap_size=BUILD_HEAP, num_threads=0)
            try:
                for document in documents:
                    writer.add_document(_document(document))
                    count += 1
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            finally:
                del writer
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        return generation, count

    def _write(self, engine: Engine, meeting_ids: set[int], *, remove_only: bool) -> None:
        with self._write_lock():
            generation = self._current()
            if generation is None:
                if remove_only:
                    return
                raise SearchUnavailable("there is no search index; run `tracker reindex`")
            try:
                writer = tantivy.Index.open(str(generation)).writer(heap_size=UPDATE_HEAP, num_threads=1)
            except ValueError as error:
                raise SearchUnavailable(f"the search index cannot be written ({error})") from None
            try:
                fresh: dict[int, str] = {}
                documents: dict[int, list[SearchDocument]] = {}
                if not remove_only:
                    # read the database while holding the lock: the last writer writes the newest state
                    with Session(engine) as session:
                        documents = documents_for(session, meeting_ids)
                        fresh = meeting_stamps_for(session, meeting_ids)
                for meeting_id in meeting_ids:
                    writer.delete_documents_by_term("meeting", meeting_id)
                    for document in documents.get(meeting_id, []):
                        writer.add_document(_document(document))
                writer.commit()  # one commit per batch of meetings
                writer.wait_merging_threads()  # merges finish before the next writer may start
            except BaseException:
                try:
                    writer.rollback()
                except Exception:  # a writer whose files failed may not roll back; the lock goes with it
                    pass
                raise
            finally:
                del writer
            self._update_stamps(generation, meeting_ids, fresh)

    def add_to_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        """Replace these meetings' documents with what the database holds now."""
        if meeting_ids:
            self._write(engine, set(meeting_ids), remove_only=False)

    def remove_from_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        if meeting_ids:
            self._write(engine, set(meeting_ids), remove_only=True)

    def close(self) -> None:
        with self._lock:
            self._index, self._generation, self._seen = None, None, None

    # --- searching ---------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        """A searcher on the generation in use, reloaded when a writer (any process) has committed since."""
        with self._lock:
            generation = self._current()
            try:
                if generation is None:
                    raise FileNotFoundError("no CURRENT")
                meta = (generation / "meta.json").stat()
                seen = (meta.st_ino, meta.st_mtime_ns, meta.st_size)
                if self._index is None or generation != self._generation:
                    self._index = tantivy.Index.open(str(generation))
                    self._generation = generation
                elif seen != self._seen:
                    self._index.reload()
                self._seen = seen
                return self._index.searcher()
            except BaseException as error:
                if isinstance(error, (KeyboardInterrupt, SystemExit)):
                    raise
                self._index = self._generation = self._seen = None
                raise SearchUnavailable(f"the search index cannot be read ({type(error).__name__}); "
                                        "run `tracker reindex` to rebuild it") from None

    def _leaf(self, node, exact: bool) -> tantivy.Query | None:
        if isinstance(node, q.Word) and node.prefix:
            words = _tokens(node.text, True)
            if not words:
                return None
            parts = [_term("exact", w) for w in words[:-1]]
            parts.append(tantivy.Query.regex_query(SCHEMA, "exact", re.escape(words[-1]) + ".*"))
            return _all(parts)
        field = "exact" if exact else "text"
        words = _tokens(node.text, exact)
        if not words:
            return None
        return _term(field, words[0]) if len(words) == 1 else tantivy.Query.phrase_query(SCHEMA, field, words)

    def _field(self, node: q.Field) -> tantivy.Query | None:
        if node.name == "kind":
            return _filter(_term("kind", node.values[0]))
        if node.name == "committee":
            return _filter(_any([_term("committee", slug) for slug in node.values]))
        if node.name == "status":
            return _filter(_all([_term("kind", "action"), _term("status", node.values[0])]))
        if node.name == "year":
            return _filter(_term("year", node.values[0]))
        words = _tokens(node.value, True)
        if not words:
            return None
        parts = [_term("speaker", w) for w in words]
        kind = q.PERSON_FIELDS.get(node.name)
        if kind:
            parts.insert(0, _filter(_term("kind", kind)))
        return _all(parts)

    def _translate(self, node, exact: bool) -> tantivy.Query | None:
        """The tantivy query for a parsed tree; None where nothing can match (words with no letters)."""
        if isinstance(node, (q.Word, q.Phrase)):
            return self._leaf(node, exact)
        if isinstance(node, q.Field):
            return self._field(node)
        if isinstance(node, q.Not):
            inner = self._translate(node.part, exact)
            return _without(inner) if inner is not None else None
        if isinstance(node, q.And):
            clauses = []
            for part in node.parts:
                if isinstance(part, q.Not):
                    inner = self._translate(part.part, exact)
                    if inner is not None:
                        clauses.append((Occur.MustNot, inner))
                else:
                    found = self._translate(part, exact)
                    if found is not None:
                        clauses.append((Occur.Must, found))
            if not any(occur == Occur.Must for occur, _ in clauses):
                if not clauses:
                    return None
                clauses.insert(0, (Occur.Must, tantivy.Query.all_query()))
            return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)
        if isinstance(node, q.Or):
            found = [p for p in (self._translate(part, exact) for part in node.parts) if p is not None]
            return _any(found) if found else None
        raise TypeError(node)

    def compile(self, request: SearchRequest) -> tantivy.Query | None:
        """The whole request as one tantivy query (filters folded in with zero score); None matches nothing."""
        parts = []
        if request.tree is not None:
            translated = self._translate(request.tree, request.exact)
            if translated is None:
                return None
            parts.append(translated)
        if request.kinds:
            parts.append(_filter(_any([_term("kind", k) for k in request.kinds])))
        if request.committees:
            parts.append(_filter(_any([_term("committee", c) for c in request.committees])))
        if request.year:
            parts.append(_filter(_term("year", request.year)))
        if request.date_from or request.date_to:
            low = int(request.date_from.strftime("%Y%m%d")) if request.date_from else 1
            high = int(request.date_to.strftime("%Y%m%d")) if request.date_to else 99991231
            parts.append(tantivy.Query.range_query(SCHEMA, "date", tantivy.FieldType.Integer, low, high))
        if not request.include_drafts:
            parts.append(_filter(_term("published", 1)))
        return _all(parts) if parts else tantivy.Query.all_query()

    def query_index(self, request: SearchRequest) -> IndexPage:
        empty = {"kind": {}, "committee": {}, "year": {}}
        compiled = self.compile(request)
        if compiled is None:
            return IndexPage([], 0, empty)
        searcher = self._searcher()
        options = {"limit": request.per_page, "offset": request.offset, "count": True}
        if request.sort == "date":
            options["order_by_field"] = "date"
        try:
            results = searcher.search(compiled, **options)
            total = results.count or 0
            facets = empty
            if total:
                found = searcher.aggregate(compiled, {name: {"terms": {"field": name, "size": FACET_SIZE}}
                                                      for name in ("kind", "committee", "year")})
                facets = {name: dict(sorted(((b["key"], int(b["doc_count"])) for b in found[name]["buckets"]),
                                            key=lambda kv: (-kv[1], kv[0])))
                          for name in ("kind", "committee", "year")}
            marks = self._marker(request)
            hits = []
            for order_key, address in results.hits:
                stored = searcher.doc(address)
                text = stored.get_first("text") or ""
                hits.append(IndexHit(kind=stored.get_first("kind"), record_id=int(stored.get_first("record")),
                                     meeting_id=int(stored.get_first("meeting")),
                                     score=0.0 if request.sort == "date" else float(order_key),
                                     snippet=snippet(text, marks(text))))
            suggestion = self._suggest(request, searcher) if total == 0 else None
        except ValueError as error:
            raise SearchUnavailable(f"the search index cannot be read ({error}); "
                                    "run `tracker reindex` to rebuild it") from None
        return IndexPage(hits, total, facets, suggestion)

    def _marker(self, request: SearchRequest):
        """A function giving the character spans of `text` that matched (stemmed, exact or by prefix)."""
        stems, words, prefixes = set(), set(), []
        for leaf in q.text_leaves(request.tree) if request.tree is not None else []:
            if isinstance(leaf, q.Word) and leaf.prefix:
                prefixes.extend(_tokens(leaf.text, True)[-1:])
            elif request.exact:
                words.update(_tokens(leaf.text, True))
            else:
                stems.update(_tokens(leaf.text, False))
        prefixes = tuple(prefixes)

        def marks(text: str) -> list[tuple[int, int]]:
            spans = []
            for match in _WORD.finditer(text):
                word = match.group().lower()
                if word in words or (stems and _stem_of(word) in stems) or (prefixes and word.startswith(prefixes)):
                    spans.append(match.span())
            return spans

        return marks

    def _suggest(self, request: SearchRequest, searcher) -> str | None:
        """A 'did you mean' for words the index has never seen: the nearest known word (typo tolerance)."""
        if request.tree is None:
            return None
        changed = False
        rewritten = request.text
        for leaf in q.text_leaves(request.tree):
            if not isinstance(leaf, q.Word) or leaf.prefix:
                continue
            words = _tokens(leaf.text, True)
            if len(words) != 1 or len(words[0]) < 3 or searcher.doc_freq("exact", words[0]):
                continue
            word = words[0]
            fuzzy = tantivy.Query.fuzzy_term_query(SCHEMA, "exact", word, distance=2)
            if not searcher.search(fuzzy, 1, count=False).hits:
                continue
            best = None
            for term, count in searcher.terms_with_prefix("exact", word[0]):
                if abs(len(term) - len(word)) > 2:
                    continue
                distance = _distance(word, term)
                if distance <= 2 and (best is None or (distance, -count) < best[:2]):
                    best = (distance, -count, term)
            if best:
                rewritten = _replace_word(rewritten, leaf.text, best[2])
                changed = True
        return rewritten if changed else None


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit (as tantivy's fuzzy query does)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _replace_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![\w:]){re.escape(old)}(?!\w)", new, text, count=1)
