"""People as the minutes name them: one row per name, with the role the name implies."""

from __future__ import annotations

import re

from sqlmodel import Session

from .database import get_or_add
from .models import Person, PersonRole

_ROLE_CUES: list[tuple[PersonRole, re.Pattern]] = [
    (PersonRole.CABINET_MEMBER, re.compile(r"\b(cabinet member|portfolio holder|executive member|leader|mayor)\b", re.I)),
    (PersonRole.COUNCILLOR, re.compile(r"\b(councillor|cllr|chair(man|person)?|vice[- ]chair|member for)\b", re.I)),
    (PersonRole.PUBLIC, re.compile(r"\b(member of the public|members of the public|resident|petitioner|speaker)\b",
                                   re.I)),
    (PersonRole.BODY, re.compile(r"^(the )?(members|committee|panel|board|sub-committee|council|cabinet|group|"
                                 r"service|team|department|directorate)\b|\b(members|committee|panel|board|service|"
                                 r"team|department|directorate|partnership|trust)$", re.I)),
    (PersonRole.OFFICER, re.compile(r"\b(director|head of|officer|manager|clerk|chief|executive|lead|adviser|advisor|"
                                    r"coordinator|co-ordinator|solicitor|monitoring|treasurer|assistant|"
                                    r"superintendent|inspector|commissioner|consultant|analyst|engineer)\b", re.I)),
]


def clean_name(name: str | None) -> str | None:
    """A name as shown and stored: single spaces, no surrounding punctuation; None when nothing is left."""
    if not name:
        return None
    cleaned = " ".join(name.split()).strip(" ,.;:()-–")
    return cleaned[:200] or None


def role_for(name: str) -> PersonRole:
    """The role a name implies ("Councillor Foster" a councillor, "the Director of Children's Services" an officer)."""
    for role, cue in _ROLE_CUES:
        if cue.search(name):
            return role
    return PersonRole.OTHER


def person_for(*, session: Session, name: str | None) -> Person | None:
    """The person with this name, added if the tracker has not met them before."""
    name = clean_name(name)
    if name is None:
        return None
    return get_or_add(session, Person, {"name": name}, role=role_for(name))
