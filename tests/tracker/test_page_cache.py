"""Readers who are not signed in get kept pages, but never one older than the last change to the minutes."""

import pytest

from tests_support import csrf_token, shut_down
from tracker.web.page_cache import Kept, PageCache

EASTMARSH = "unseen/eastmarsh-2023-adults-health-scrutiny.txt"


@pytest.fixture
def meeting(ingest_corpus_file):
    return ingest_corpus_file(EASTMARSH, publish=True).meeting_id


def test_a_reader_is_served_the_kept_page_until_the_minutes_change(app, client, login, meeting):
    reader = app.test_client()
    url = f"/meetings/{meeting}"
    first, second = reader.get(url), reader.get(url)
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
    assert second.get_data() == first.get_data()
    assert second.headers["Content-Security-Policy"]  # security headers are added to kept pages too

    login("editor")
    page = client.get(f"/meetings/{meeting}/review")
    assert client.post(f"/meetings/{meeting}/unpublish", data={"csrf_token": csrf_token(page)}).status_code == 302

    assert reader.get(url).status_code == 404  # unpublished a moment ago: gone for the public at once
    assert "Adults" not in reader.get("/").get_data(as_text=True)


def test_a_change_made_by_another_worker_is_seen_at_once(app, database_url, tmp_path, nlp, meeting):
    """Two web workers on one database: what one stores, a reader of the other sees on the next request."""
    from tracker import create_app

    other = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url,
                        "SECRET_KEY": "test", "SECURE_COOKIES": "0"})
    other.extensions["tracker.nlp"] = nlp
    try:
        reader = other.test_client()
        reader.get("/")
        assert reader.get("/").headers["X-Cache"] == "hit"

        editor = app.test_client()
        from tracker.db import write_session
        from tracker.models import Meeting

        with write_session(app.extensions["tracker.engine"]) as session:
            session.get(Meeting, meeting).title = "Renamed by the other worker"

        home = reader.get("/")
        assert home.headers["X-Cache"] == "miss"
        assert "Renamed by the other worker" in home.get_data(as_text=True)
        assert editor.get("/").headers["X-Cache"] == "miss"  # each worker keeps its own pages
    finally:
        shut_down(other)


def test_signed_in_users_always_get_a_fresh_page_of_their_own(app, client, login, meeting):
    reader = app.test_client()
    reader.get(f"/meetings/{meeting}")
    login("officer")
    page = client.get(f"/meetings/{meeting}")
    assert "X-Cache" not in page.headers
    assert page.headers["Cache-Control"] == "no-store"
    assert 'name="csrf_token"' in page.get_data(as_text=True)  # the officer's status forms, not the public page


def test_a_sign_in_form_is_never_shared_between_visitors(app):
    first, second = app.test_client().get("/login"), app.test_client().get("/login")
    assert csrf_token(first) != csrf_token(second)
    assert first.headers.get("X-Cache") != "hit" and second.headers.get("X-Cache") != "hit"


def test_searches_are_always_asked_afresh(client, meeting):
    responses = [client.get("/search?q=care") for _ in range(2)]
    assert [r.status_code for r in responses] == [200, 200]
    assert all("X-Cache" not in r.headers for r in responses)


def test_the_cache_keeps_the_most_recently_used_pages_within_its_size():
    cache = PageCache(capacity=10)
    page = Kept(body=b"x" * 4, status=200, headers=())
    for name in "abc":
        cache.put(1, name, page)
    assert cache.get(1, "a") is None  # 12 bytes would not fit: the oldest went
    assert cache.get(1, "b") is page
    cache.put(1, "d", page)
    assert cache.get(1, "c") is None and cache.get(1, "b") is page  # "b" was read since, so "c" went
    assert cache.get(2, "b") is None  # a later generation never sees pages kept for an earlier one
    cache.put(2, "e", page)
    assert cache.get(1, "b") is None and cache.get(2, "e") is page


def test_a_visitor_who_has_seen_a_form_still_gets_kept_pages_without_anyone_elses_token(app, meeting):
    visitor, other = app.test_client(), app.test_client()
    visitor.get("/search?q=care")  # the search page's forms leave a CSRF token in the visitor's session
    visitor.get("/committees")
    assert visitor.get("/committees").headers["X-Cache"] == "hit"
    first, second = visitor.get("/login"), other.get("/login")
    assert csrf_token(first) != csrf_token(second)


def test_a_search_that_found_nothing_does_not_throw_away_the_kept_pages(client, meeting):
    client.get("/committees")
    assert client.get("/search?q=zzzqqqxx").status_code == 200
    assert client.get("/committees").headers["X-Cache"] == "hit"
