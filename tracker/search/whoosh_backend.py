"""The embedded search backend: a Whoosh index (whoosh-reloaded) in the instance folder.

Layout: ``index/CURRENT`` names the generation folder in use; ``reindex``
builds a new generation and swaps ``CURRENT`` atomically. Every writer (one
meeting's update or a whole rebuild) holds ``index/write.lock`` (an OS file
lock, so it works across processes and threads) and re-reads the database
*while holding it*, so the last writer always wrote the latest committed state:
two processes writing at once neither fail nor lose an update. Searches share
one searcher per process, refreshed after writes; filters are folded into the
query itself and highlights are computed only for the page shown.
"""

from __future__ import annotations

import gc
import shutil
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter import stem

from . import query as q
from .core import IndexHit, IndexPage, SearchRequest, SearchUnavailable, meeting_stamps_for
from .documents import SearchDocument, all_documents, documents_for
from .generations import GenerationStore
from .snippets import snippet


def schema() -> Schema:
    """The index's fields and how each is analysed."""
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True, sortable=True),
        record=STORED,
        meeting=ID(stored=True),
        committee=ID(sortable=True),
        year=ID(sortable=True),
        published=ID,
        date=NUMERIC(int, bits=32, sortable=True, signed=False),
        status=ID,
        speaker=TEXT(analyzer=StandardAnalyzer(stoplist=None, minsize=1)),
        text=TEXT(analyzer=StemmingAnalyzer(stoplist=None, minsize=1), stored=True, phrase=True),
        exact=TEXT(analyzer=StandardAnalyzer(stoplist=None, minsize=1), phrase=True),
    )


def index_fields(document: SearchDocument) -> dict:
    """The fields Whoosh stores for one index document."""
    date = document.meeting_date
    fields = dict(key=document.key, kind=document.kind, record=(document.record_id, document.meeting_id),
                  meeting=str(document.meeting_id), committee=document.committee_slug, year=document.year,
                  published="1" if document.published else "0",
                  date=int(date.strftime("%Y%m%d")) if date else 0, text=document.text, exact=document.text)
    if document.speaker:
        fields["speaker"] = document.speaker
    if document.status:
        fields["status"] = document.status
    return fields


class WhooshBackend(GenerationStore):
    """Search with a Whoosh index kept under ``root``."""

    name = "whoosh"

    def __init__(self, root: str | Path):
        super().__init__(root)
        self._lock = threading.Lock()
        self._searcher = None
        self._generation = None
        self._stem = StemmingAnalyzer(stoplist=None, minsize=1)
        self._plain = StandardAnalyzer(stoplist=None, minsize=1)

    # --- opening, building -------------------------------------------------------------

    def _unreadable(self, generation: Path) -> str | None:
        problem = None
        with warnings.catch_warnings():
            # whoosh leaves a damaged file open when it fails; let it close quietly before we rebuild
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                index = whoosh_index.open_dir(str(generation))
                with index.searcher() as searcher:
                    searcher.doc_count()
                    list(searcher.reader().field_terms("kind"))
                if not self._stamps_path(generation).exists():
                    raise ValueError("no stamps")
            except Exception as error:  # whoosh raises many kinds on damaged files
                problem = type(error).__name__
            gc.collect()
        return problem

    def rebuild(self, engine: Engine, *, procs: int = 1) -> int:
        """Build a new generation from the database and swap it in; the old one is removed."""
        with self._write_lock():
            generation = self._new_generation()
            index = whoosh_index.create_in(str(generation), schema())
            options = {"procs": procs, "multisegment": True, "limitmb": 128} if procs > 1 else {"limitmb": 256}
            writer = index.writer(**options)
            count = 0
            try:
                with Session(engine) as session:
                    stamps = meeting_stamps_for(session)
                    for document in all_documents(session):
                        writer.add_document(**index_fields(document))
                        count += 1
                writer.commit()
            except BaseException:
                writer.cancel()
                shutil.rmtree(generation, ignore_errors=True)
                raise
            self._save_stamps(generation, stamps)
            self._swap_in(generation)
        return count

    def add_to_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        """Replace these meetings' documents with what the database holds now."""
        if not meeting_ids:
            return
        with self._write_lock():
            generation = self._current()
            if generation is None:
                raise SearchUnavailable("there is no search index; run `tracker reindex`")
            index = whoosh_index.open_dir(str(generation))
            writer = index.writer(timeout=10.0, delay=0.05)
            try:
                # read the database while holding the lock: the last writer wrote the newest state
                with Session(engine) as session:
                    documents = documents_for(session, meeting_ids)
                    fresh = meeting_stamps_for(session, meeting_ids)
                for meeting_id, found in documents.items():
                    writer.delete_by_term("meeting", str(meeting_id))
                    for document in found:
                        writer.add_document(**index_fields(document))
                writer.commit()
            except BaseException:
                try:
                    writer.cancel()
                except Exception:  # cancelling a writer whose files failed can fail too; the lock goes with it
                    pass
                raise
            self._update_stamps(generation, meeting_ids, fresh)

    def remove_from_index(self, engine: Engine, meeting_ids: set[int]) -> None:
        if not meeting_ids:
            return
        with self._write_lock():
            generation = self._current()
            if generation is None:
                return
            writer = whoosh_index.open_dir(str(generation)).writer(timeout=10.0, delay=0.05)
            for meeting_id in meeting_ids:
                writer.delete_by_term("meeting", str(meeting_id))
            writer.commit()
            self._update_stamps(generation, meeting_ids, {})

    def close(self) -> None:
        with self._lock:
            searcher, self._searcher, self._generation = self._searcher, None, None
        if searcher is not None:
            try:
                searcher.close()
            except Exception:  # already closed with its generation
                pass

    # --- searching ---------------------------------------------------------------------

    @contextmanager
    def _searching(self):
        """The shared searcher, reopened when the generation changed and refreshed after writes."""
        with self._lock:
            generation = self._current()
            try:
                if generation is None:
                    raise FileNotFoundError("no CURRENT")
                if self._searcher is None or generation != self._generation:
                    if self._searcher is not None:
                        self._searcher.close()
                    self._searcher = whoosh_index.open_dir(str(generation)).searcher()
                    self._generation = generation
                elif not self._searcher.up_to_date():
                    # a fresh searcher, not refresh(): whoosh's reused readers miss new deletions
                    self._searcher.close()
                    self._searcher = whoosh_index.open_dir(str(generation)).searcher()
            except Exception as error:
                self._searcher = None
                raise SearchUnavailable(f"the search index cannot be read ({type(error).__name__}); "
                                        "run `tracker reindex` to rebuild it") from None
            yield self._searcher

    def _tokens(self, text: str, exact: bool) -> list[str]:
        analyzer = self._plain if exact else self._stem
        return [token.text for token in analyzer(text)]

    def _leaf(self, node, exact: bool):
        field = "exact" if exact else "text"
        if isinstance(node, q.Word) and node.prefix:
            words = self._tokens(node.text, True)
            if not words:
                return wq.NullQuery
            return wq.Prefix("exact", words[-1]) if len(words) == 1 else \
                wq.And([*(wq.Term("exact", w) for w in words[:-1]), wq.Prefix("exact", words[-1])])
        words = self._tokens(node.text, exact)
        if not words:
            return wq.NullQuery
        return wq.Term(field, words[0]) if len(words) == 1 else wq.Phrase(field, words)

    def _field(self, node: q.Field):
        if node.name == "kind":
            return wq.Term("kind", node.values[0])
        if node.name == "committee":
            return wq.Or([wq.Term("committee", slug) for slug in node.values])
        if node.name == "status":
            return wq.And([wq.Term("kind", "action"), wq.Term("status", node.values[0])])
        if node.name == "year":
            return wq.Term("year", node.values[0])
        words = self._tokens(node.value, True)
        parts = [wq.Term("speaker", w) for w in words] or [wq.NullQuery]
        kind = q.PERSON_FIELDS.get(node.name)
        if kind:
            parts.insert(0, wq.Term("kind", kind))
        return wq.And(parts)

    def _translate(self, node, exact: bool):
        if isinstance(node, (q.Word, q.Phrase)):
            return self._leaf(node, exact)
        if isinstance(node, q.Field):
            return self._field(node)
        if isinstance(node, q.And):
            return wq.And([self._translate(p, exact) for p in node.parts])
        if isinstance(node, q.Or):
            return wq.Or([self._translate(p, exact) for p in node.parts])
        if isinstance(node, q.Not):
            return wq.Not(self._translate(node.part, exact))
        raise TypeError(node)

    def compile(self, request: SearchRequest):
        """The whole request as one Whoosh query: filters folded in (faster than a separate filter)."""
        parts = []
        if request.tree is not None:
            parts.append(self._translate(request.tree, request.exact))
        if request.kinds:
            parts.append(wq.Or([wq.Term("kind", k) for k in request.kinds]))
        if request.committees:
            parts.append(wq.Or([wq.Term("committee", c) for c in request.committees]))
        if request.year:
            parts.append(wq.Term("year", request.year))
        if request.date_from or request.date_to:
            low = int(request.date_from.strftime("%Y%m%d")) if request.date_from else 1
            high = int(request.date_to.strftime("%Y%m%d")) if request.date_to else 99991231
            parts.append(wq.NumericRange("date", low, high))
        if not request.include_drafts:
            parts.append(wq.Term("published", "1"))
        return wq.And(parts).normalize()

    def query_index(self, request: SearchRequest) -> IndexPage:
        compiled = self.compile(request)
        if compiled is wq.NullQuery:
            return IndexPage([], 0, {"kind": {}, "committee": {}, "year": {}})
        facets = {"kind": sorting.FieldFacet("kind"), "committee": sorting.FieldFacet("committee"),
                  "year": sorting.FieldFacet("year")}
        options = dict(limit=request.offset + request.per_page, groupedby=facets, maptype=sorting.Count)
        if request.sort == "date":
            options["sortedby"] = sorting.FieldFacet("date", reverse=True)
        with self._searching() as searcher:
            results = searcher.search(compiled, **options)
            total = len(results)
            hits = []
            marks_for = self._marker(request, searcher, compiled)
            for hit in results[request.offset:request.offset + request.per_page]:
                record_id, meeting_id = hit["record"]
                text = hit["text"]
                hits.append(IndexHit(kind=hit["kind"], record_id=record_id, meeting_id=meeting_id,
                                     score=float(hit.score or 0.0), snippet=snippet(text, marks_for(text))))
            found = {name: dict(sorted(results.groups(name).items(), key=lambda kv: (-kv[1], kv[0])))
                     for name in facets}
            suggestion = self._suggest(request, searcher) if total == 0 else None
        return IndexPage(hits, total, found, suggestion)

    def _marker(self, request: SearchRequest, searcher, compiled):
        """A function giving the character spans of `text` that matched (stemmed, exact or by prefix)."""
        stems, words, prefixes = set(), set(), []
        for leaf in q.text_leaves(request.tree) if request.tree is not None else []:
            if isinstance(leaf, q.Word) and leaf.prefix:
                prefixes.extend(self._tokens(leaf.text, True)[-1:])
            elif request.exact:
                words.update(self._tokens(leaf.text, True))
            else:
                stems.update(self._tokens(leaf.text, False))

        def marks(text: str) -> list[tuple[int, int]]:
            spans = []
            for token in self._plain(text, chars=True):
                word = token.text
                if word in words or (stems and stem(word) in stems) or any(word.startswith(p) for p in prefixes):
                    spans.append((token.startchar, token.endchar))
            return spans

        return marks

    def _suggest(self, request: SearchRequest, searcher) -> str | None:
        """A 'did you mean' for words the index has never seen: the nearest known word (typo tolerance)."""
        if request.tree is None:
            return None
        reader = searcher.reader()
        changed = False
        rewritten = request.text
        for leaf in q.text_leaves(request.tree):
            if not isinstance(leaf, q.Word) or leaf.prefix:
                continue
            words = self._tokens(leaf.text, True)
            if len(words) != 1 or reader.doc_frequency("exact", words[0]):
                continue
            options = searcher.suggest("exact", words[0], limit=1, maxdist=2, prefix=1)
            if options:
                rewritten = _replace_word(rewritten, leaf.text, options[0])
                changed = True
        return rewritten if changed else None


def _replace_word(text: str, old: str, new: str) -> str:
    import re

    return re.sub(rf"(?<![\w:]){re.escape(old)}(?!\w)", new, text, count=1)
