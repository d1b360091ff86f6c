"""The search engines and the Flask side: which engine the SEARCH setting names, and `init_app`.

Each engine's module (``tantivy_backend``, ``whoosh_backend``, ``postgres_backend``) implements the
``core.SearchBackend`` interface; only the chosen one is imported, so a machine without an engine's library
can still run the others. `init_app` opens the index, reconciles it with the database and attaches the
listeners that keep it in step after every commit; the CLI opens an engine the same way through `make_backend`.
"""

from __future__ import annotations

import time
import weakref

from .core import SearchBackend, SearchConfigError, SearchUnavailable, attach, log, reconcile, start

BACKENDS = ("tantivy", "whoosh", "postgres")
DEFAULT_BACKEND = "tantivy"  # the embedded default: Whoosh missed the speed targets (README, issue 7)


def make_backend(*, name: str, database_url: str, instance_path: str) -> SearchBackend:
    """The backend TRACKER_SEARCH names (unset: tantivy); PostgreSQL full-text search needs a PostgreSQL database."""
    name = (name or DEFAULT_BACKEND).strip().lower()
    if name == "tantivy":
        from .tantivy_backend import TantivyBackend  # only the chosen engine's library is loaded

        return TantivyBackend(f"{instance_path}/tantivy-index")
    if name == "whoosh":
        from .whoosh_backend import WhooshBackend  # only the chosen engine's library is loaded

        return WhooshBackend(f"{instance_path}/index")
    if name == "postgres":
        if not database_url.startswith("postgresql"):
            raise SearchConfigError("TRACKER_SEARCH=postgres needs TRACKER_DATABASE_URL to be a PostgreSQL "
                                    "database (postgresql+psycopg://...); with SQLite leave TRACKER_SEARCH unset "
                                    "(tantivy) or use whoosh")
        from .postgres_backend import PostgresBackend  # only the chosen engine's library is loaded

        return PostgresBackend()
    raise SearchConfigError(f"TRACKER_SEARCH={name!r} is not a search engine; use one of {', '.join(BACKENDS)}")


def init_app(app) -> None:
    """Choose the backend (the SEARCH setting), open or rebuild the index, reconcile, and listen for commits."""
    name = app.config.get("SEARCH") or DEFAULT_BACKEND
    engine = app.extensions["tracker.engine"]
    backend = make_backend(name=name, database_url=app.config["DATABASE_URL"],
                           instance_path=app.config["INSTANCE_PATH"])
    try:
        start(engine, backend, say=app.logger.warning)
    except SearchUnavailable as error:
        app.logger.error("search is unavailable: %s", error)
    attach(engine, backend)
    app.extensions["tracker.search"] = backend
    app.extensions["tracker.search_checked"] = time.monotonic()
    weakref.finalize(app, backend.close)


def backend_for(app) -> SearchBackend:
    return app.extensions["tracker.search"]


def maybe_reconcile(app, every: float = 30.0) -> None:
    """Catch up with writes made by processes without listeners (e.g. `tracker ingest`), at most every `every` s."""
    now = time.monotonic()
    if now - app.extensions.get("tracker.search_checked", 0) < every:
        return
    app.extensions["tracker.search_checked"] = now
    try:
        reconcile(app.extensions["tracker.engine"], backend_for(app))
    except Exception:
        log.exception("search index: reconcile failed")
