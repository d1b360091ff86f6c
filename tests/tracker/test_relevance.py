"""The relevance check (`tracker bench relevance`): its judged queries still name records of the demo corpus,
and its measures score rankings as they are defined."""

import pytest
from sqlmodel import Session

from benchmarks.relevance import (CORPUS, _ingest_corpus, corpus_records, load_judgements, ndcg_at, precision_at,
                                  resolve)

FINDINGS = ("what is the council doing about potholes", "potholes", "potholes on rural roads", "pot holes",
            "adult social care waiting list", "damp and mould", 'damp "mould', "flytipping", "SEND transport")


def test_relevance_precision_counts_relevant_records_in_the_top_five():
    grades = {("question", 1): 2, ("item", 2): 1}
    assert precision_at([("question", 1), ("comment", 9), ("item", 2)], grades) == pytest.approx(0.4)
    assert precision_at([], grades) == 0


def test_relevance_ndcg_is_one_for_the_ideal_order_and_less_otherwise():
    grades = {("question", 1): 2, ("item", 2): 1}
    assert ndcg_at([("question", 1), ("item", 2)], grades) == pytest.approx(1.0)
    assert 0 < ndcg_at([("item", 2), ("question", 1)], grades) < 1
    assert ndcg_at([("comment", 3)], grades) == 0


@pytest.mark.slow
def test_relevance_judgements_name_records_of_the_demo_corpus(tmp_path, nlp):
    from tracker.db import make_engine, upgrade

    judged = load_judgements()
    assert len(judged) >= 40
    assert set(FINDINGS) <= {query.query for query in judged}
    engine = make_engine(f"sqlite:///{tmp_path}/tracker.sqlite3")
    upgrade(engine)
    try:
        assert _ingest_corpus(engine, nlp) >= 80, CORPUS
        with Session(engine) as session:
            rows = corpus_records(session)
    finally:
        engine.dispose()
    assert resolve(judged, rows) == []
    assert all(query.grades for query in judged)
    # a heading repeated as a comment is never a relevant record, even under a relevant item
    echoes = {row["key"] for row in rows if row["echo"]}
    assert len(echoes) >= 70
    assert not echoes & {key for query in judged for key in query.grades}
