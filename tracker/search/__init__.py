"""Full-text search over the stored minutes, behind one interface with three engines.

``TRACKER_SEARCH=tantivy`` (the default) keeps a tantivy index in the instance
folder; ``TRACKER_SEARCH=whoosh`` keeps a Whoosh index there instead;
``TRACKER_SEARCH=postgres`` uses PostgreSQL full-text search in the tracker's
own database. Only ``tantivy_backend``, ``whoosh_backend`` and
``postgres_backend`` know their engine; everything else goes through ``core``.
"""

from .core import (
    SearchConfigError,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    build_request,
    reconcile,
    run_search,
)
from .engines import BACKENDS, init_app, make_backend
from .query import QueryError

__all__ = ["BACKENDS", "QueryError", "SearchConfigError", "SearchRequest", "SearchResults", "SearchUnavailable", "build_request",
           "init_app", "make_backend", "reconcile", "run_search"]
