"""The role a name implies, as the minutes write it: "Councillor Foster" a councillor, "the Director of
Children's Services" an officer, "a resident" a member of the public, "the Committee" a body.

    from nlp.roles import role_for
    role_for("Cllr Patel")   # "councillor"

The roles are plain strings (`ROLES`); the tracker stores them as its ``PersonRole``.
"""

from __future__ import annotations

import re

__all__ = ["ROLES", "ROLE_CUES", "role_for"]

ROLES = ("councillor", "cabinet_member", "officer", "public", "body", "other")

# role, the words in a name that imply it; the first that matches wins, so "Cabinet Member for Housing" is a
# cabinet member before "member for" makes it a councillor. A body's word counts only at a name's start or end.
ROLE_CUES: list[tuple[str, re.Pattern]] = [
    ("cabinet_member", re.compile(r"\b(cabinet member|portfolio holder|executive member|leader|mayor)\b", re.I)),
    ("councillor", re.compile(r"\b(councillor|cllr|chair(man|person)?|vice[- ]chair|member for)\b", re.I)),
    ("public", re.compile(r"\b(member of the public|members of the public|resident|petitioner|speaker)\b", re.I)),
    ("body", re.compile(r"^(the )?(members|committee|panel|board|sub-committee|council|cabinet|group|"
                        r"service|team|department|directorate)\b|\b(members|committee|panel|board|service|"
                        r"team|department|directorate|partnership|trust)$", re.I)),
    ("officer", re.compile(r"\b(director|head of|officer|manager|clerk|chief|executive|lead|adviser|advisor|"
                           r"coordinator|co-ordinator|solicitor|monitoring|treasurer|assistant|"
                           r"superintendent|inspector|commissioner|consultant|analyst|engineer)\b", re.I)),
]


def role_for(name: str) -> str:
    """The role a name implies, one of `ROLES`; ``"other"`` when nothing in it says."""
    for role, cue in ROLE_CUES:
        if cue.search(name or ""):
            return role
    return "other"
