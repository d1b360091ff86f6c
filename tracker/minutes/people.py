"""People as the minutes name them: one row per person within a council, with the role the name implies.

Only a name, a post or a body becomes a person (``nlp.names.person_or_none`` judges; a clause fragment such as
"A breakdown by ward" is refused). Case and title variants of one name are one person ("officers" and
"Officers", "Cllr Yates" and "Councillor Yates"), but never across councils: each council has its own
"Leader" and its own "Chair".
"""

from __future__ import annotations

from sqlmodel import Session

from nlp import roles as nlp_roles
from nlp.name_keys import name_key
from nlp.names import person_or_none

from ..db import get_or_add
from ..models import Person, PersonRole


def clean_name(name: str | None) -> str | None:
    """A name as shown and stored: single spaces, no surrounding punctuation; None when nothing is left."""
    if not name:
        return None
    cleaned = " ".join(name.split()).strip(" ,.;:()-–")
    return cleaned[:200] or None


def person_name(name: str | None) -> str | None:
    """The person, post or body `name` names, cleaned; None for a clause fragment or nothing."""
    return clean_name(person_or_none(clean_name(name)))


def role_for(name: str) -> PersonRole:
    """The role a name implies ("Councillor Foster" a councillor, "the Director of Children's Services" an officer)."""
    return PersonRole(nlp_roles.role_for(name))


def person_for(*, session: Session, name: str | None, council_id: int) -> Person | None:
    """The council's person with this name (or a case or title variant of it), added if new; None when the
    words name nobody."""
    name = person_name(name)
    if name is None:
        return None
    # One look-up per person per transaction: a set of minutes names the same few people many times, and each
    # query first flushes every record added since the last.
    transaction = session.get_transaction()
    known = session.info.setdefault(_PEOPLE_SEEN, {})
    seen_as = (council_id, name_key(name))
    if seen_as in known and known[seen_as][0] is transaction:
        person = known[seen_as][1]
    else:
        person = get_or_add(session, Person, {"council_id": council_id, "key": seen_as[1]}, name=name,
                            role=role_for(name))
        known[seen_as] = (transaction, person)
    if len(name) > len(person.name):
        person.name = name  # the fuller spelling names them on the page: "Councillor Yates", not "Cllr Yates"
        session.add(person)
    return person


_PEOPLE_SEEN = "tracker.people_seen"  # session.info key: (council id, name key) -> (its transaction, the Person)
