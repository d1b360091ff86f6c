"""One pipeline shared between threads, as the web app shares it between waitress's threads.

Components keep no per-document state on ``self``: each call's working state
lives on the document or in an object made for that call. Eight threads
segmenting eight different documents through one pipeline must each get
exactly what a single thread gets.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from pathlib import Path

import pytest

from nlp import build_pipeline, segment

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ROUNDS = 6
THREADS = 8


def _documents() -> list[str]:
    # Documents rich in actions (the stage that kept state on self) and of different lengths,
    # so that one thread's document is still being read when another's starts.
    paths = sorted(p for p in CORPUS.glob("*/*.txt") if p.parent.name != "real")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts.sort(key=len, reverse=True)
    return texts[:THREADS]


def test_concurrent_segmentation_equals_single_threaded():
    nlp = build_pipeline()
    documents = _documents()
    assert len(documents) == THREADS
    expected = [asdict(segment(text, nlp=nlp)) for text in documents]
    failures: list[str] = []
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> None:
        barrier.wait()
        for round_ in range(ROUNDS):
            try:
                got = asdict(segment(documents[index], nlp=nlp))
            except Exception as error:  # an IndexError from another thread's document
                failures.append(f"document {index}, round {round_}: {type(error).__name__}: {error}")
                continue
            if got != expected[index]:
                failures.append(f"document {index}, round {round_}: output differs from the single-threaded run")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, "\n".join(failures[:10])


@pytest.mark.parametrize("name", ["minutes_actions", "minutes_agenda", "minutes_resolutions", "minutes_questions",
                                  "minutes_responses", "minutes_comments", "minutes_cues", "minutes_layout"])
def test_component_keeps_no_document_on_self(name):
    """After a call, a component holds nothing that refers to the document it read."""
    nlp = build_pipeline()
    segment("1. Minutes\nThe Clerk would circulate the figures to Members.\n", nlp=nlp)
    component = nlp.get_pipe(name)
    held = vars(component) if hasattr(component, "__dict__") else {}
    assert not any(key in held for key in ("doc", "state", "meeting_date", "text", "lines")), sorted(held)
