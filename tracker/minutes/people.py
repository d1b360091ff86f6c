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
    # One look-up per name per transaction: a set of minutes names the same few people many times, and each
    # query first flushes every record added since the last.
    transaction = session.get_transaction()
    known = session.info.setdefault(_PEOPLE_SEEN, {})
    if name in known and known[name][0] is transaction:
        return known[name][1]
    person = get_or_add(session, Person, {"name": name}, role=role_for(name))
    known[name] = (transaction, person)
    return person


_PEOPLE_SEEN = "tracker.people_seen"  # session.info key: name -> (the transaction it was read in, the Person)
