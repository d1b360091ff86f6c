"""Full-text search over the stored minutes, behind one interface with two engines.

``TRACKER_SEARCH=whoosh`` (the default) keeps a Whoosh index in the instance
folder; ``TRACKER_SEARCH=postgres`` uses PostgreSQL full-text search in the
tracker's own database. Only ``whoosh_backend`` and ``postgres_backend``
know their engine; everything else goes through ``core``.
"""

from .core import (
    SearchConfigError,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    build_request,
    init_app,
    make_backend,
    reconcile,
    run_search,
)
from .query import QueryError

__all__ = ["QueryError", "SearchConfigError", "SearchRequest", "SearchResults", "SearchUnavailable", "build_request",
           "init_app", "make_backend", "reconcile", "run_search"]
