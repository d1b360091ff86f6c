"""The segmenter measured against annotated minutes, as a democratic services officer would judge it.

Real minutes are the yardstick: each real set of the shared corpus (``../shared/corpus/dev``, ``real-a``,
``real-b``, read in place, never copied) is gated at the targets, and is skipped, saying why, where
``../shared`` is absent. A real set still short of the targets says so with its measured figures (a strict
xfail, so meeting them fails the run until the note is taken away), and every real set is held at the
figures it last reached, so a change that loses ground on real minutes fails even before the targets are
met. The project's own written sets (``corpus/styled`` ... ``corpus/quarry``) are regression tests: gated
at the targets too, with golden output per document to review.
"""

import importlib.util
import json

import pytest

from conftest import CORPUS, NO_SHARED, REAL_SETS, ROOT, SHARED_CORPUS, corpus_documents, set_documents
from nlp import segment

TARGETS = {"agenda_items": 0.95, "resolutions": 0.95, "questions": 0.90, "responses": 0.90, "actions": 0.85}
GOLDEN = ROOT / "tests" / "nlp" / "golden"
DOCUMENTS = corpus_documents()


def load_scorer():
    """The shared scorer, used in place; the project's copy only where ../shared is absent."""
    path = SHARED_CORPUS / "score.py"
    if not path.exists():
        path = CORPUS / "score.py"
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1_by_kind(nlp, documents, read) -> dict:
    """F1 per kind over ``documents``, scored by the shared scorer."""
    scorer = load_scorer()
    total = {}
    for _, text, gold in documents:
        extracted = segment(read(text), nlp=nlp).to_dict()
        scorer.add(total, scorer.score_doc(json.loads(gold.read_text(encoding="utf-8")), extracted))
    return {kind: round(scorer.prf(*total[kind])[2], 3) for kind in TARGETS}


def below_targets(figures: dict) -> dict:
    """The kinds whose F1 falls below its target, with the figure."""
    return {kind: f1 for kind, f1 in figures.items() if f1 < TARGETS[kind]}


@pytest.fixture(scope="module")
def extracted(nlp):
    return {name: segment(text.read_text(encoding="utf-8"), nlp=nlp).to_dict(include_text=False)
            for name, text, _ in DOCUMENTS}


@pytest.mark.parametrize("subset", sorted({name.split("/")[0] for name, _, _ in DOCUMENTS}))
def test_written_set_meets_targets(nlp, subset):
    documents = [d for d in DOCUMENTS if d[0].startswith(subset + "/")]
    below = below_targets(f1_by_kind(nlp, documents, lambda path: path.read_text(encoding="utf-8")))
    assert not below, f"corpus/{subset}: F1 below target for {below} (targets {TARGETS})"


# What each real set reached when last measured (README, Accuracy): raise a floor when a set gains, never
# lower one to let a change through.
REAL_SET_FLOORS = {
    "dev": {"agenda_items": 1.0, "questions": 1.0, "responses": 1.0, "resolutions": 0.974, "actions": 0.969},
    "real-a": {"agenda_items": 1.0, "questions": 0.98, "responses": 0.978, "resolutions": 0.976, "actions": 0.93},
    "real-b": {"agenda_items": 0.849, "questions": 0.765, "responses": 0.741, "resolutions": 0.917, "actions": 0.815},
}
# Real sets still short of the targets, with where they stand; issue 12 stays open while any is listed.
SHORT_OF_TARGETS = {
    "real-b": "2026-12-08 at aad7a64: agenda items 0.849, questions 0.765, responses 0.741, resolutions 0.917, "
              "actions 0.815; its 8 pages held out blind stand at 0.621 (0.596 after rounds 1 and 2; README, Accuracy)",
}


@pytest.fixture(scope="module")
def real_figures(nlp):
    """F1 per kind for each real set, read as `tracker extract` reads it (one pass per set for both tests)."""
    from tracker.minutes.readers import read_path

    figures = {}

    def measure(real_set):
        folder = SHARED_CORPUS / real_set
        if not folder.is_dir():
            pytest.skip(NO_SHARED if not SHARED_CORPUS.is_dir() else f"{folder} is absent from the shared corpus")
        if real_set not in figures:
            documents = set_documents(folder)
            assert documents, f"{folder} holds no annotated documents"
            figures[real_set] = f1_by_kind(nlp, documents, lambda path: read_path(path).text)
        return figures[real_set]

    return measure


@pytest.mark.parametrize("real_set", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=f"{name} is short of the targets: {SHORT_OF_TARGETS[name]}"))
    if name in SHORT_OF_TARGETS else name
    for name in REAL_SETS
])
def test_real_set_meets_targets(real_figures, real_set):
    """Real minutes from councils and bodies the rules were not written for."""
    below = below_targets(real_figures(real_set))
    assert not below, f"{real_set}: F1 below target for {below} (targets {TARGETS})"


@pytest.mark.parametrize("real_set", REAL_SETS)
def test_real_set_holds_its_ground(real_figures, real_set):
    """No change loses what the segmenter already finds in real minutes."""
    figures = real_figures(real_set)
    lost = {kind: (figures[kind], floor) for kind, floor in REAL_SET_FLOORS[real_set].items() if figures[kind] < floor}
    assert not lost, f"{real_set}: F1 fell below what it last reached, (now, before): {lost}"


@pytest.mark.parametrize("name, text, gold", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_corpus_golden_output(extracted, name, text, gold, update_golden):
    """Any change in what the segmenter finds on a written set shows up here as a diff to review
    (``pytest --update-golden`` rewrites the files). Real minutes have no golden files: the project
    keeps no copy of them or of what it finds in them."""
    path = GOLDEN / (name.replace("/", "__") + ".json")
    current = extracted[name]
    if update_golden:
        path.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not path.exists():
        pytest.fail(f"no golden file {path.name}: run pytest --update-golden and review it")
    assert json.loads(path.read_text(encoding="utf-8")) == current
