"""An editor names the committee a committee replaced (see `tracker/minutes/successors.py`); the discharges and
repeats its meetings may now have are proposed again. It lives with the action tracker because it drives it."""

from __future__ import annotations

from sqlmodel import Session, select

from ..audit import record_audit
from ..errors import Invalid, NotAllowed, NotFound
from ..minutes.successors import check_predecessor
from ..models import Committee, Meeting, Role, User
from .discharge import propose_discharges
from .repeats import propose_repeats


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
        check_predecessor(session, committee, predecessor)
    committee.successor_of_id = predecessor.id if predecessor else None
    session.add(committee)
    record_audit(session=session, user=user, event="committee.predecessor", entity="committee",
                 entity_id=committee.id, detail={"predecessor": predecessor.slug if predecessor else None})
    session.flush()
    _propose_again(session, committee.id)
    return predecessor


def _propose_again(session: Session, committee_id: int) -> None:
    for meeting_id in session.exec(select(Meeting.id).where(Meeting.committee_id == committee_id,
                                                            Meeting.date.is_not(None))).all():
        propose_discharges(session=session, meeting_id=meeting_id)
        propose_repeats(session=session, meeting_id=meeting_id)


__all__ = ["set_predecessor"]
