"""A committee and its named successor: when a council replaces a committee ("formerly the Place Scrutiny
Committee", "successor to the Environment Panel"), the new one carries on the old one's actions, so discharge
and repeat proposals look at both. Read from the minutes when they say so, or set by an editor.
"""

from __future__ import annotations

import re

from sqlmodel import Session, select

from ..audit import record_audit
from ..errors import Invalid, NotAllowed, NotFound
from ..models import Committee, Meeting, Role, User
from .councils import council_slug as slugify  # the same folding of case, spacing and "&"

# how minutes say a committee replaced another; the name runs to the body word that ends a committee's name
_BODY = r"(?:Sub-Committee|Committee|Panel|Board|Commission|Forum)"
SUCCESSION = re.compile(r"\b(?:formerly(?:\s+known\s+as)?|successor\s+(?:body\s+)?to|replac(?:ed|es|ing))\s+"
                        r"(?:the\s+)?(?P<name>[A-Z][\w&,'’ -]{0,150}?\b" + _BODY + r")\b")
READ_CHARACTERS = 3000  # the header and opening of the minutes, where a renamed committee says so


def committee_line(*, session: Session, committee_id: int) -> set[int]:
    """The committee with every committee it replaced and every one that replaced it (a chain of renames)."""
    line, frontier = {committee_id}, {committee_id}
    while frontier:
        before = set(session.exec(select(Committee.successor_of_id).where(
            Committee.id.in_(frontier), Committee.successor_of_id.is_not(None))).all())
        after = set(session.exec(select(Committee.id).where(Committee.successor_of_id.in_(frontier))).all())
        frontier = (before | after) - line
        line |= frontier
    return line


def _check(session: Session, committee: Committee, predecessor: Committee) -> None:
    if predecessor.id == committee.id:
        raise Invalid("a committee cannot replace itself; choose the committee it replaced", field="predecessor")
    if predecessor.council_id != committee.council_id:
        raise Invalid("a committee can only replace one of its own council's committees", field="predecessor")
    chain, seen = predecessor, set()
    while chain is not None and chain.id not in seen:  # the predecessor must not already follow this committee
        if chain.successor_of_id == committee.id:
            raise Invalid(f"{predecessor.name} already replaced {committee.name}; a committee cannot replace its "
                          "own successor", field="predecessor")
        seen.add(chain.id)
        chain = session.get(Committee, chain.successor_of_id) if chain.successor_of_id else None


def set_predecessor(*, session: Session, committee_id: int, predecessor_slug: str | None,
                    user: User | None) -> Committee | None:
    """An editor says which committee this one replaced (None: none), then discharges and repeats are proposed
    again for this committee's meetings, now looking at the predecessor's too. Returns the predecessor."""
    if user is None or Role(user.role).rank < Role.EDITOR.rank:
        raise NotAllowed("only editors say which committee a committee replaced")
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise NotFound("there is no such committee")
    predecessor = None
    if predecessor_slug:
        predecessor = session.exec(select(Committee).where(Committee.slug == predecessor_slug)).first()
        if predecessor is None:
            raise Invalid(f"there is no committee {predecessor_slug[:80]!r}", field="predecessor")
        _check(session, committee, predecessor)
    committee.successor_of_id = predecessor.id if predecessor else None
    session.add(committee)
    record_audit(session=session, user=user, event="committee.predecessor", entity="committee",
                 entity_id=committee.id, detail={"predecessor": predecessor.slug if predecessor else None})
    session.flush()
    _propose_again(session, committee.id)
    return predecessor


def _propose_again(session: Session, committee_id: int) -> None:
    # imported here: the action tracker reads committees, so importing it at the top would be circular
    from ..actions.discharge import propose_discharges
    from ..actions.repeats import propose_repeats

    for meeting_id in session.exec(select(Meeting.id).where(Meeting.committee_id == committee_id,
                                                            Meeting.date.is_not(None))).all():
        propose_discharges(session=session, meeting_id=meeting_id)
        propose_repeats(session=session, meeting_id=meeting_id)


def read_predecessor(*, session: Session, committee: Committee, text: str) -> Committee | None:
    """When the minutes' opening says the committee replaced another of its council's, and none was set,
    record it; returns the predecessor found (or None)."""
    if committee.successor_of_id is not None:
        return None
    for match in SUCCESSION.finditer(text[:READ_CHARACTERS]):
        wanted = slugify(match.group("name"))
        for other in session.exec(select(Committee).where(Committee.council_id == committee.council_id,
                                                          Committee.id != committee.id)).all():
            if slugify(other.name) == wanted:
                try:
                    _check(session, committee, other)
                except Invalid:
                    continue
                committee.successor_of_id = other.id
                session.add(committee)
                return other
    return None


__all__ = ["SUCCESSION", "committee_line", "set_predecessor", "read_predecessor"]
