"""Session listeners that keep the action tracker in step with stored meetings, wired by `init_app`.

When a meeting is added, corrected or published, the commit that stores it also dates its committee's
"next meeting" actions and proposes discharges and repeats, whoever wrote it (a page, the API or the CLI).
"""

from __future__ import annotations

from flask import Flask

from ..db import listen_once
from ..models import Committee, Meeting
from .discharge import propose_discharges
from .repeats import propose_repeats
from .service import next_meeting_dues

_PENDING = "tracker.actions.committees"


def install() -> None:
    """Keep the tracker in step with stored meetings: when a meeting is added, corrected or published,
    date its committee's "next meeting" actions and propose discharges and repeats, in the same transaction.

    The listeners are on every SQLAlchemy session of the process, installed once; the CLI calls this too.
    """
    listen_once("tracker.actions", {"after_flush": _after_flush, "before_commit": _before_commit,
                                    "after_soft_rollback": _after_soft_rollback})


def _after_flush(session, _context) -> None:
    if session.info.get("tracker.actions.busy"):
        return
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Meeting) and obj.id is not None and obj.committee_id is not None:
            session.info.setdefault(_PENDING, set()).add((obj.committee_id, obj.id))


def _after_soft_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None and not previous_transaction.nested:
        session.info.pop(_PENDING, None)


def _before_commit(session) -> None:
    # SQLAlchemy calls this for a savepoint's release too; only the outermost commit sees the whole change
    if session.info.get("tracker.actions.busy") or session.in_nested_transaction():
        return
    session.flush()
    pending = session.info.pop(_PENDING, set())
    if not pending:
        return
    session.info["tracker.actions.busy"] = True
    try:
        with session.no_autoflush:
            for committee_id in sorted({committee for committee, _meeting in pending}):
                if session.get(Committee, committee_id) is not None:
                    next_meeting_dues(session=session, committee_id=committee_id)
        session.flush()
        for _committee, meeting_id in sorted(pending):
            meeting = session.get(Meeting, meeting_id)
            if meeting is None or meeting.date is None:
                continue
            propose_discharges(session=session, meeting_id=meeting_id)
            propose_repeats(session=session, meeting_id=meeting_id)
        session.flush()
    finally:
        session.info.pop("tracker.actions.busy", None)
        session.info.pop(_PENDING, None)


def init_app(app: Flask) -> None:
    """Install the listeners for the web app (the same ones `tracker ingest` installs)."""
    install()
