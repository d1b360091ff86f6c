"""People as the minutes name them: one row per name, with the role the name implies."""

from __future__ import annotations

from sqlmodel import Session

from nlp import roles as nlp_roles

from ..db import get_or_add
from ..models import Person, PersonRole


def clean_name(name: str | None) -> str | None:
    """A name as shown and stored: single spaces, no surrounding punctuation; None when nothing is left."""
    if not name:
        return None
    cleaned = " ".join(name.split()).strip(" ,.;:()-–")
    return cleaned[:200] or None


def role_for(name: str) -> PersonRole:
    """The role a name implies ("Councillor Foster" a councillor, "the Director of Children's Services" an officer)."""
    return PersonRole(nlp_roles.role_for(name))


def person_for(*, session: Session, name: str | None) -> Person | None:
    """The person with this name, added if the tracker has not met them before."""
    name = clean_name(name)
    if name is None:
        return None
    return get_or_add(session, Person, {"name": name}, role=role_for(name))
