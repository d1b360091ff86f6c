"""Pages for readers who are not signed in, kept in memory until anything in the database changes.

Most traffic is the public reading the same pages. Each worker process keeps the
responses it rendered for anonymous GETs, keyed on the full URL and today's date
(overdue and stale flags change at midnight), and throws them all away when the
database's write counter (``models.DataGeneration``, bumped by every
``write_session``) moves on. Reading that counter is one small query per request,
so a reader never sees a page older than the last write, whichever process or
host made it.

Not kept: anything for a signed-in user or a session holding messages, pages
carrying a CSRF token or setting a cookie (a form's token is per visitor),
anything but a complete 200, and search (the index is updated just after the
database commits, so a search page could be rendered between the two).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request, session

from ..db import data_generation
from . import db, today

NOT_KEPT_BLUEPRINTS = {"search", "auth", "editing", "admin"}
LARGEST_PAGE = 2 * 1024 * 1024


@dataclass(frozen=True)
class Kept:
    body: bytes
    status: int
    headers: tuple[tuple[str, str], ...]


class PageCache:
    """Responses by key, for one data generation, least recently used dropped first beyond `capacity` bytes."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.generation: int | None = None
        self._pages: OrderedDict[tuple, Kept] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # waitress serves requests on threads

    def get(self, generation: int, key: tuple) -> Kept | None:
        with self._lock:
            if generation != self.generation:
                return None
            kept = self._pages.get(key)
            if kept is not None:
                self._pages.move_to_end(key)
            return kept

    def put(self, generation: int, key: tuple, kept: Kept) -> None:
        with self._lock:
            if generation != self.generation:  # the database moved on: everything kept is out of date
                self._pages.clear()
                self._size, self.generation = 0, generation
            old = self._pages.pop(key, None)
            self._size += len(kept.body) - (len(old.body) if old else 0)
            self._pages[key] = kept
            while self._size > self.capacity and self._pages:
                _key, dropped = self._pages.popitem(last=False)
                self._size -= len(dropped.body)


def init_app(app: Flask) -> None:
    """Serve kept pages before the view runs and keep fresh ones after (after web.load_user, so g.user is set)."""
    megabytes = int(app.config.get("PAGE_CACHE_MB", 0) or 0)
    if megabytes <= 0:
        return
    app.extensions["tracker.page_cache"] = PageCache(megabytes * 1024 * 1024)
    app.before_request(_serve_kept)
    app.after_request(_keep)


def _csrf_field() -> str:
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def _cacheable() -> bool:
    # A visitor's session may hold a CSRF token from a form seen earlier; anything more (messages) is theirs alone.
    return (request.method == "GET" and g.get("user") is None and set(session) <= {_csrf_field()}
            and request.blueprint not in NOT_KEPT_BLUEPRINTS and request.endpoint != "static")


def _serve_kept():
    if not _cacheable():
        return None
    generation = data_generation(db())
    if generation is None:
        return None
    g.page_cache_key = (generation, (request.url, today()))
    kept = current_app.extensions["tracker.page_cache"].get(*g.page_cache_key)
    if kept is None:
        return None
    response = Response(kept.body, status=kept.status, headers=list(kept.headers))
    response.headers["X-Cache"] = "hit"
    return response


def _keep(response: Response) -> Response:
    key = g.pop("page_cache_key", None)
    if key is None or response.headers.get("X-Cache") == "hit":
        return response
    response.headers["X-Cache"] = "miss"
    carries_token = _csrf_field() in g  # a form on the page holds this visitor's CSRF token (flask_wtf keeps it in g)
    if (response.status_code == 200 and not response.direct_passthrough and not session.modified
            and not carries_token and "Set-Cookie" not in response.headers):
        body = response.get_data()
        if len(body) <= LARGEST_PAGE:
            headers = tuple((name, value) for name, value in response.headers.items() if name != "X-Cache")
            current_app.extensions["tracker.page_cache"].put(*key, Kept(body, response.status_code, headers))
    return response
