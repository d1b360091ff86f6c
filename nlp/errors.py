"""What can go wrong when segmenting, each with a message that says what to fix."""


class SegmenterError(ValueError):
    """Text the segmenter cannot read."""


class EmptyDocument(SegmenterError):
    """The document holds no text."""


class DocumentTooLong(SegmenterError):
    """The text is longer than the segmenter takes in one go."""
