"""The segmenter's tokenizer is spaCy's, except on runs of punctuation no real document has."""

import spacy

from nlp import build_pipeline
from nlp.tokenizer import LONG_RUN

PLAIN = spacy.blank("en")


def tokens(doc):
    return [(t.text, t.whitespace_) for t in doc]


def test_tokenizer_leaves_ordinary_text_alone():
    text = ("4. MINUTES (Item 3)\n\nRESOLVED:- That the minutes be noted... Cllr. O'Brien (Chair) asked "
            "whether £1.2m ... would be spent; see https://example.org/a/very/long/path?x=1.\n" + "." * 44 + " 12")
    ours = build_pipeline().make_doc(text)
    plain = PLAIN.make_doc(text)
    assert ours.text == text
    # spaCy's own tokens, but for the ":-" the pipeline splits on purpose
    assert [t for t in tokens(ours) if t[0] not in {":-", "RESOLVED"}] == \
        [t for t in tokens(plain) if t[0] not in {"RESOLVED:-"}]


def test_tokenizer_cuts_long_punctuation_runs_and_keeps_every_character():
    text = "Item 1 " + "(" * (LONG_RUN * 50) + " and " + "=" * (LONG_RUN * 3 + 7) + "end."
    doc = build_pipeline().make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc[:2]] == ["Item", "1"]
    assert [t.text for t in doc[-2:]] == ["end", "."]
    assert all(t.idx == text.index(t.text, t.idx) for t in doc)
