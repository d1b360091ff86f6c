"""The segmenter measured against the annotated corpus, as a democratic services
officer would judge it: the accuracy targets, and golden output to review."""

import importlib.util
import json

import pytest

from conftest import CORPUS, corpus_documents
from nlp import segment

TARGETS = {"agenda_items": 0.95, "resolutions": 0.95, "questions": 0.90, "responses": 0.90, "actions": 0.85}
GOLDEN = CORPUS.parent / "tests" / "nlp" / "golden"
DOCUMENTS = corpus_documents()


def load_scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extracted(nlp):
    return {name: segment(text.read_text(encoding="utf-8"), nlp=nlp).to_dict(include_text=False)
            for name, text, _ in DOCUMENTS}


@pytest.mark.parametrize("subset", sorted({name.split("/")[0] for name, _, _ in DOCUMENTS}))
def test_corpus_f1_meets_targets(extracted, subset):
    scorer = load_scorer()
    total = {}
    for name, _, gold in DOCUMENTS:
        if name.startswith(subset + "/"):
            scorer.add(total, scorer.score_doc(json.loads(gold.read_text(encoding="utf-8")), extracted[name]))
    below = {}
    for kind, target in TARGETS.items():
        f1 = scorer.prf(*total[kind])[2]
        if f1 < target:
            below[kind] = round(f1, 3)
    assert not below, f"{subset}: F1 below target for {below} (targets {TARGETS})"


@pytest.mark.parametrize("name, text, gold", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_corpus_golden_output(extracted, name, text, gold, update_golden):
    """Any change in what the segmenter finds shows up here as a diff to review
    (``pytest --update-golden`` rewrites the files)."""
    path = GOLDEN / (name.replace("/", "__") + ".json")
    current = extracted[name]
    if update_golden:
        path.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not path.exists():
        pytest.fail(f"no golden file {path.name}: run pytest --update-golden and review it")
    assert json.loads(path.read_text(encoding="utf-8")) == current
