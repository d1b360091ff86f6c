"""One key per person however the minutes write the name: case, titles and a leading "the" folded.

"officers" and "Officers", "Cllr Yates" and "Councillor Yates", "Cllr. Yates", "the Chair" and "Chair" name the
same person (within one council), so they get the same key. The title variants are data (``TITLE_VARIANTS``).

    name_key("Cllr. Yates")        # "councillor yates"
    name_key("the Head of Housing")  # "head of housing"
"""

from __future__ import annotations

import re

__all__ = ["TITLE_VARIANTS", "name_key"]

# a title as written -> the one form it is keyed under (lower case, no full stop)
TITLE_VARIANTS = {
    "cllr": "councillor", "cllrs": "councillors", "cl": "councillor", "councillor": "councillor",
    "county councillor": "councillor", "cc": "councillor",
    "mr": "mr", "mrs": "mrs", "ms": "ms", "miss": "miss", "dr": "dr", "doctor": "dr",
    "prof": "professor", "professor": "professor", "rev": "reverend", "revd": "reverend", "reverend": "reverend",
}
_TITLE = re.compile(r"^(?P<title>" + "|".join(sorted((re.escape(t) for t in TITLE_VARIANTS), key=len, reverse=True))
                    + r")\.?\s+(?=\S)")
_PUNCTUATION = re.compile(r"[\s,;:()\"“”‘’'.\-–]+$|^[\s,;:()\"“”‘’'\-–]+")


def name_key(name: str) -> str:
    """The key two ways of writing one person's name share: lower case, single spaces, one form per title,
    no leading "the" and no punctuation around it."""
    key = " ".join(name.replace("’", "'").split()).lower()
    key = _PUNCTUATION.sub("", key)
    if key.startswith("the "):
        key = key[4:]
    match = _TITLE.match(key)
    if match:
        key = TITLE_VARIANTS[match["title"]] + " " + key[match.end():]
    return key[:200]
