"""A committee and its named successor: when a council replaces a committee ("formerly the Place Scrutiny
Committee", "successor to the Environment Panel"), the new one carries on the old one's actions, so discharge
and repeat proposals look at both. Read from the minutes when they say so, or set by an editor.
"""

from __future__ import annotations

from sqlmodel import Session, select

from nlp.meeting import predecessor_names

from ..errors import Invalid
from ..models import Committee
from .councils import council_slug as slugify  # the same folding of case, spacing and "&"


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


def check_predecessor(session: Session, committee: Committee, predecessor: Committee) -> None:
    """Refuse a predecessor that is the committee itself, another council's, or its own successor."""
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


def read_predecessor(*, session: Session, committee: Committee, text: str) -> Committee | None:
    """When the minutes' opening says the committee replaced another of its council's, and none was set,
    record it; returns the predecessor found (or None)."""
    if committee.successor_of_id is not None:
        return None
    for name in predecessor_names(text):
        wanted = slugify(name)
        for other in session.exec(select(Committee).where(Committee.council_id == committee.council_id,
                                                          Committee.id != committee.id)).all():
            if slugify(other.name) == wanted:
                try:
                    check_predecessor(session, committee, other)
                except Invalid:
                    continue
                committee.successor_of_id = other.id
                session.add(committee)
                return other
    return None


__all__ = ["committee_line", "check_predecessor", "read_predecessor"]
