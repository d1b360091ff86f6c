"""PostgreSQL full-text search at scale: a one-word search reads its counts from per-term counts, and a two-word
phrase from per-pair counts, kept in step with every write; a word found in very many records is ranked among its
newest matches."""

import datetime as dt

import pytest
from sqlalchemy import insert, text

from tests.tracker.test_search import MINUTES, OTHER

# The counts as the backend keeps them, and the same counted afresh from the indexed documents.
STORED = "SELECT lexeme, published, facet, value, n FROM search_term_count"
RECOUNTED = """
SELECT term.lexeme, d.published, 'kind', d.kind, count(*) FROM search_document d, unnest(d.tsv) term GROUP BY 1, 2, 4
UNION ALL
SELECT term.lexeme, d.published, 'committee', d.committee_slug, count(*) FROM search_document d, unnest(d.tsv) term
GROUP BY 1, 2, 4
UNION ALL
SELECT term.lexeme, d.published, 'year', d.year, count(*) FROM search_document d, unnest(d.tsv) term GROUP BY 1, 2, 4"""

# The pair counts as kept, and the same counted afresh: each document's terms whose positions are one apart.
PAIRS_STORED = "SELECT first, second, published, facet, value, n FROM search_pair_count"
PAIRS_RECOUNTED = """
WITH pairs AS (SELECT DISTINCT d.key, d.published, d.kind, d.committee_slug, d.year, a.lexeme AS first,
                               b.lexeme AS second
               FROM search_document d, unnest(d.tsv) a, unnest(a.positions) pa, unnest(d.tsv) b, unnest(b.positions) pb
               WHERE pb = pa + 1)
SELECT first, second, published, 'kind', kind, count(*) FROM pairs GROUP BY 1, 2, 3, 5
UNION ALL
SELECT first, second, published, 'committee', committee_slug, count(*) FROM pairs GROUP BY 1, 2, 3, 5
UNION ALL
SELECT first, second, published, 'year', year, count(*) FROM pairs GROUP BY 1, 2, 3, 5"""


@pytest.fixture
def app(database_url, tmp_path, nlp):
    if database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL full-text search needs a PostgreSQL database")
    from tests_support import shut_down
    from tracker import create_app

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url,
                      "SECRET_KEY": "test", "SECURE_COOKIES": "0", "SEARCH": "postgres"})
    app.extensions["tracker.nlp"] = nlp
    yield app
    shut_down(app)


@pytest.fixture
def ingest_text(engine, nlp):
    from tracker.minutes.readers import read_document
    from tracker.minutes.ingest import ingest_document

    def ingest(minutes, publish=True):
        return ingest_document(engine=engine, document=read_document(minutes.encode(), filename="minutes.txt"),
                               nlp=nlp, publish=publish)

    return ingest


def counts(engine, sql):
    with engine.connect() as connection:
        return sorted(tuple(row) for row in connection.execute(text(sql)))


def search(app, words, **filters):
    from tracker.search import query as q
    from tracker.search.core import SearchRequest

    return app.extensions["tracker.search"].query_index(SearchRequest(tree=q.parse(words), **filters))


def found_by_counting(engine, word, include_drafts=False):
    """Facets for `word` (or a quoted phrase) counted over the matching documents themselves, as a search with a
    filter would."""
    facets = {}
    with engine.connect() as connection:
        for facet, column in (("kind", "kind"), ("committee", "committee_slug"), ("year", "year")):
            facets[facet] = dict(connection.execute(text(
                f"SELECT {column}, count(*) FROM search_document WHERE tsv @@ websearch_to_tsquery('english', :w) "
                f"AND (published OR :drafts) GROUP BY 1"), {"w": word, "drafts": include_drafts}).all())
    return facets


def test_postgres_one_word_counts_stay_exact_through_every_write(app, engine, ingest_text):
    from tracker.minutes.corrections import delete_meeting, publish_meeting, unpublish_meeting
    from tracker.db import write_session

    def kept_in_step():
        return counts(engine, STORED) == counts(engine, RECOUNTED) \
            and counts(engine, PAIRS_STORED) == counts(engine, PAIRS_RECOUNTED)

    ingest_text(MINUTES)
    draft = ingest_text(OTHER, publish=False)
    assert counts(engine, STORED) and counts(engine, PAIRS_STORED) and kept_in_step()
    assert search(app, "report").facets == found_by_counting(engine, "report")
    assert search(app, "report", include_drafts=True).facets == found_by_counting(engine, "report", True)
    assert search(app, "report").total == 1  # the draft's report is not counted for readers

    with write_session(engine) as session:
        publish_meeting(session=session, user=None, meeting_id=draft.meeting_id)
    corrected = MINUTES.replace("notes the report on home to school transport", "notes the transport update")
    assert ingest_text(corrected).outcome == "replaced"
    assert kept_in_step()
    assert search(app, "report").facets == found_by_counting(engine, "report")
    assert search(app, "report").facets["committee"] == {"adults-and-health-scrutiny-committee": 1}

    with write_session(engine) as session:
        unpublish_meeting(session=session, user=None, meeting_id=draft.meeting_id)
    assert kept_in_step()
    with write_session(engine) as session:
        delete_meeting(session=session, user=None, meeting_id=draft.meeting_id)
    assert kept_in_step()
    assert search(app, "report").total == 0 and search(app, "report").facets["kind"] == {}

    app.extensions["tracker.search"].rebuild(engine)
    assert kept_in_step()


def test_postgres_one_word_phrase_and_filtered_searches_agree_on_counts(app, engine, ingest_text):
    ingest_text(MINUTES)
    ingest_text(OTHER)
    counted = search(app, "care")  # read from the per-term counts
    assert counted.total > 1 and counted.facets == found_by_counting(engine, "care")
    # "the care" is one term once the stop word goes, so it is read from the counts too; a year filter counts
    assert search(app, '"the care"').facets == counted.facets
    assert search(app, "care", year="2022").facets == counted.facets


def test_postgres_two_word_phrases_read_counts_that_agree_with_counting(app, engine, ingest_text):
    from tracker.minutes.corrections import publish_meeting
    from tracker.db import write_session

    ingest_text(MINUTES)
    draft = ingest_text(OTHER, publish=False)
    school_transport = search(app, '"school transport"')  # read from the pair counts
    assert school_transport.total > 1 and school_transport.facets == found_by_counting(engine, '"school transport"')
    assert search(app, '"school transport"', year="2024").facets == school_transport.facets  # a filter counts
    assert search(app, '"care home"').total == 0  # only in the draft
    assert search(app, '"care home"', include_drafts=True).facets == found_by_counting(engine, '"care home"', True)
    # both words are in the draft, never side by side: nothing found, and no record shown
    assert search(app, '"home care"', include_drafts=True).total == 0
    assert search(app, '"home care"', include_drafts=True).hits == []
    # a stop word between the two words makes another query, counted over its matches
    assert search(app, '"report on home"').facets == found_by_counting(engine, '"report on home"')
    assert search(app, '"report on home"').total == 1
    pages = [search(app, '"school transport"', page=number, per_page=1) for number in (1, 2)]
    assert [(hit.kind, hit.record_id) for hit in pages[0].hits] != [(hit.kind, hit.record_id) for hit in pages[1].hits]
    with write_session(engine) as session:
        publish_meeting(session=session, user=None, meeting_id=draft.meeting_id)
    assert search(app, '"care home"').facets == found_by_counting(engine, '"care home"') != {}


def test_postgres_pairs_past_the_position_limit_are_counted_as_phrases_match(app, engine):
    from tracker.search.postgres_backend import count_terms, documents

    # every word from the 16,383rd on is at position 16,383, so the word before them is next to each of them
    words = [f"w{number}" for number in range(16_381)] + ["prior", "amber", "violet", "crimson"]
    with engine.begin() as connection:
        connection.execute(insert(documents), [dict(
            key="item:1", kind="item", record_id=1, meeting_id=1, meeting_date=dt.date(2024, 5, 1), year="2024",
            committee="Cabinet", committee_slug="cabinet", published=True, speaker=None, status=None,
            text=" ".join(words))])
        count_terms(connection, None, +1)
    assert counts(engine, PAIRS_STORED) == counts(engine, PAIRS_RECOUNTED)
    for phrase in ('"prior amber"', '"prior violet"', '"prior crimson"', '"amber violet"'):
        assert search(app, phrase).total == sum(found_by_counting(engine, phrase)["kind"].values())
    assert search(app, '"prior crimson"').total == 1 and search(app, '"amber violet"').total == 0


def test_postgres_very_common_word_is_ranked_among_its_newest_matches(app, engine, monkeypatch):
    from tracker.search import postgres_backend
    from tracker.search.postgres_backend import count_terms, documents

    # twenty old records say "transport" three times each, ten recent ones once: ranking every match would put the
    # old ones first, but the newest ten (CANDIDATES, lowered here) are ranked and listed first
    rows = []
    for number in range(30):
        old = number < 20
        day = dt.date(2015, 3, 1) + dt.timedelta(days=number) if old else dt.date(2024, 5, 1) + dt.timedelta(days=number)
        rows.append(dict(key=f"comment:{number + 1}", kind="comment", record_id=number + 1, meeting_id=number + 1,
                         meeting_date=day, year=str(day.year), committee="Cabinet", committee_slug="cabinet",
                         published=True, speaker=None, status=None,
                         text="Transport, transport and more transport." if old else "School transport was late."))
    with engine.begin() as connection:
        connection.execute(insert(documents), rows)
        count_terms(connection, None, +1)
    monkeypatch.setattr(postgres_backend, "CANDIDATES", 10)

    page = search(app, "transport")
    assert page.total == 30 and page.facets["year"] == {"2015": 20, "2024": 10}
    assert sorted(hit.record_id for hit in page.hits) == list(range(21, 31))
    by_date = search(app, "transport", sort="date")
    assert [hit.record_id for hit in by_date.hits] == list(range(30, 20, -1))
    # later pages go on to the older matches, ranked, and paging never shows a record twice
    pages = [search(app, "transport", page=number).hits for number in (1, 2, 3)]
    assert {hit.record_id for hit in pages[1] + pages[2]} == set(range(1, 21))
    assert sorted(hit.record_id for page in pages for hit in page) == list(range(1, 31))
