"""Building the segmenter pipeline and running it over one set of minutes."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex

# Importing the stage modules registers their factories with spaCy.
from . import actions, agenda, comments, cues, layout, questions, resolutions, responses  # noqa: F401
from .errors import DocumentTooLong, EmptyDocument
from .records import Minutes
from .state import MinutesState
from .text import prepare
from .tokenizer import BoundedTokenizer

#: The components, in the order each one's ``requires`` needs.
STAGES = (
    "minutes_layout",
    "minutes_cues",
    "minutes_agenda",
    "minutes_resolutions",
    "minutes_questions",
    "minutes_responses",
    "minutes_comments",
    "minutes_actions",
)
MAX_CHARACTERS = 1_000_000


def build_pipeline(base: str | Language = "en") -> Language:
    """A spaCy pipeline with the minutes components added.

    ``base`` is a language code for a blank pipeline (the default: no model
    needed) or a loaded pipeline to add the components to.
    """
    nlp = spacy.blank(base) if isinstance(base, str) else base
    if not Doc.has_extension("minutes"):
        Doc.set_extension("minutes", default=None)
    # "RESOLVED:-" and "agreed:-" are written as one word; split the ":-".
    suffixes = [r":[-–—]", *nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    for stage in STAGES:
        nlp.add_pipe(stage)
    nlp.max_length = MAX_CHARACTERS
    return nlp


def segment(text: str, *, nlp: Language | None = None) -> Minutes:
    """Segment minutes text into agenda items, questions, responses, comments,
    resolutions and actions.

    ``text`` may start with a ``key: value`` header block ended by ``---``.
    Offsets in the result point into ``Minutes.text``, the normalised text.
    Raises ``EmptyDocument`` for text with nothing in it and
    ``DocumentTooLong`` past ``MAX_CHARACTERS``.
    """
    header, body = prepare(text)
    if not body.strip():
        raise EmptyDocument("the document has no text")
    if len(body) > MAX_CHARACTERS:
        raise DocumentTooLong(f"the text is {len(body):,} characters; the limit is {MAX_CHARACTERS:,}")
    nlp = nlp or build_pipeline()
    doc = nlp.make_doc(body)
    doc._.minutes = MinutesState(text=body, header=header)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return to_minutes(doc._.minutes)


def to_minutes(state: MinutesState) -> Minutes:
    """The public result from a pipeline's working state."""
    return Minutes(
        text=state.text,
        meeting=state.meeting,
        agenda_items=state.agenda_items,
        questions=sorted(state.questions, key=lambda r: r.start),
        responses=state.responses,
        comments=state.comments,
        resolutions=state.resolutions,
        actions=state.actions,
        warnings=state.warnings,
    )
