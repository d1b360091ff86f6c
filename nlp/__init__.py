"""The minutes segmenter: spaCy rules that turn UK committee minutes into
agenda items, questions, responses, comments, resolutions and actions.

    from nlp import build_pipeline, segment
    minutes = segment(text)                  # builds a pipeline each call
    nlp = build_pipeline(); segment(text, nlp=nlp)   # reuse one

It knows nothing of Flask, the database or the search index.
"""

from .errors import DocumentTooLong, EmptyDocument, SegmenterError
from .pipeline import build_pipeline, segment
from .records import Minutes

__all__ = ["build_pipeline", "segment", "Minutes", "SegmenterError", "EmptyDocument", "DocumentTooLong"]
