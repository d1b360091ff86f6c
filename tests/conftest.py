"""Shared fixtures: one segmenter pipeline for the session, a CLI runner, golden files."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from nlp import build_pipeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true",
        help="rewrite tests/nlp/golden/*.json from the segmenter's current output (review the diff before committing)",
    )


@pytest.fixture(scope="session")
def nlp():
    """Building the pipeline takes about a second; every segmenter test shares one."""
    return build_pipeline()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


def corpus_documents():
    """Every annotated corpus document: (name, text path, gold path)."""
    pairs = []
    for gold in sorted(CORPUS.glob("*/*.gold.json")):
        text = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
        pairs.append((f"{gold.parent.name}/{text.stem}", text, gold))
    return pairs
