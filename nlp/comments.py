"""Comments: observations that ask nothing and decide nothing.

"It was commented that ...", "Members welcomed ...", "It was noted that ...",
"The Committee noted that [a fact]", "There was discussion about ...", and
the bullets of a "comments were made / issues raised" list that are neither
questions nor answers.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .clauses import sentence_tokens, subject_before
from .layout import write_spans
from .names import person_or_none
from .records import Comment
from .state import MinutesState


class CommentFinder:
    def __call__(self, doc: Doc) -> Doc:
        state: MinutesState = doc._.minutes
        text = state.text
        for sentence in state.sentences:
            if sentence.role or state.skipped(sentence.start):
                continue
            cues = sentence.cues_labelled("COMMENT") or [
                c for c in sentence.cues_labelled("RESPONSE") if c.rule.get("strength") in {"weak", "medium"}
            ]
            if cues:
                # a statement with an answering cue that answers nothing is a comment of its own kind
                rule = cues[0].rule.id if cues[0].rule.label == "COMMENT" else "c.statement"
                first, _ = sentence_tokens(state, sentence)
                speaker = subject_before(doc, first, cues[0].token_start)
            elif sentence.marker and len(text[sentence.start : sentence.end].split()) >= 5:
                rule, speaker = "c.listed", None
            else:
                continue
            sentence.role = "comment"
            state.comments.append(
                Comment(item=state.item_at(sentence.start), text=text[sentence.start : sentence.end],
                        speaker=speaker, start=sentence.start, end=sentence.end, rule=rule)
            )
        for record in state.comments:
            record.speaker = person_or_none(record.speaker)  # a person, post or body, never a clause
        write_spans(doc, "comments", state.comments, lambda c: "COMMENT")
        return doc


@Language.factory(
    "minutes_comments",
    assigns=["doc._.minutes", "doc.spans"],
    requires=["doc._.minutes"],
)
def make_comments(nlp: Language, name: str):
    """Observations that ask nothing."""
    return CommentFinder()
