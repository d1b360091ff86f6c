"""Follow-up actions, the services: status changes (`update_action`, the one path for the page, the API and
the CLI), evidence, owner and due-date edits through the editors' correction service, stale checks,
provenance, and dating "next meeting" once that meeting is in the tracker.

The listeners that keep discharges and repeats in step with stored meetings are in ``action_listeners``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import update
from sqlmodel import Session, select

from ..audit import record_audit
from ..config import DEFAULT_STALE_DAYS
from ..errors import Conflict, Invalid, NotAllowed, NotFound
from ..minutes.corrections import CorrectionError, edit_record
from ..models import (Action, ActionEvent, ActionLink, ActionStatus, LinkKind, LinkState, Meeting, MeetingStatus, Role, User,
                      utcnow)

CLOSED = (ActionStatus.DONE.value, ActionStatus.DROPPED.value)
STILL_OPEN = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)
STATUS_WORDS = {"open": "open", "in_progress": "in progress", "done": "done", "dropped": "dropped"}
# nlp.records.ActionKind, in words
KIND_WORDS = {"report_back": "Report back", "provide_information": "Provide information",
              "include_data": "Include data in future reports", "share": "Share or circulate",
              "arrange": "Arrange a meeting or visit", "investigate": "Investigate", "other": "Other"}
MAX_NOTE = 2000
MAX_LINK = 1000
_LINK = re.compile(r"https?://[^\s<>\"']{1,990}", re.I)
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_NEXT_MEETING = re.compile(r"\b(?:next|following)\s+(?:meeting|committee|scheduled meeting)\b", re.I)


def set_action_status(*, session: Session, action_id: int, status: str, user: User | None,
                      note: str | None = None) -> Action:
    """Move an action to `status`, recording who, when, old and new value and the note in its history.

    Dropping an action needs a reason (the note).
    """
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"there is no action {action_id}")
    try:
        status = ActionStatus(status)
    except ValueError:
        raise Invalid(f"{status!r} is not a status; use one of "
                      f"{', '.join(s.value for s in ActionStatus)}", field="status") from None
    note = (note or "").strip() or None
    if status == ActionStatus.DROPPED and not note:
        raise Invalid("say why the action is dropped", field="note")
    if status == action.status and not note:
        return action
    session.add(ActionEvent(action_id=action.id, user_id=user.id if user else None, field="status",
                            old=str(action.status), new=status.value, note=note))
    action.status = status
    action.status_note = note
    action.updated_at = utcnow()
    session.add(action)
    if status not in STILL_OPEN:
        # a proposed discharge nobody decided is moot once the action is done or dropped (a repeat still
        # counts as asking again, so it stays)
        session.exec(update(ActionLink).where(ActionLink.action_id == action.id,
                                              ActionLink.kind == LinkKind.DISCHARGE.value,
                                              ActionLink.state == LinkState.PROPOSED.value)
                     .values(state=LinkState.CLOSED.value))
    record_audit(session=session, user=user, event="action.status", entity="action", entity_id=action.id,
                 detail={"status": status.value, "note": note})
    return action


def _clean_note(note: str | None, what: str = "note", form_field: str = "note") -> str | None:
    note = (note or "").strip() or None
    if note is not None and (len(note) > MAX_NOTE or _UNSTORABLE.search(note)):
        raise Invalid(f"keep the {what} under {MAX_NOTE:,} characters, without control characters", field=form_field)
    return note


def _rank(user: User | None) -> int:
    return Role(user.role).rank if user is not None else -1


def update_action(*, session: Session, action_id: int, user: User | None, status: str | None = None,
                  note: str | None = None, evidence_link: str | None = None, seen: str | None = None) -> Action:
    """An officer's update: a new status and/or evidence (a note, a link), refused if changed since `seen`.

    `seen` is the status the officer last saw; if the action has moved on since, nothing changes and
    ``Conflict`` says what it is now, so the second of two officers is told rather than overwriting.
    """
    if _rank(user) < Role.OFFICER.rank:
        raise NotAllowed("updating an action needs the officer role")
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"there is no action {action_id}")
    if seen and seen != str(action.status):
        raise Conflict(f"someone else changed this action to {STATUS_WORDS.get(str(action.status), action.status)} "
                       "while you were looking; check it and try again")
    note = _clean_note(note)
    link = (evidence_link or "").strip() or None
    if link is not None and (len(link) > MAX_LINK or not _LINK.fullmatch(link)):
        raise Invalid("give the evidence link as a full web address starting http:// or https://",
                      field="evidence_link")
    if status and status != str(action.status):
        set_action_status(session=session, action_id=action.id, status=status, user=user, note=note)
        if link:
            add_evidence(session=session, action_id=action.id, user=user, note=None, link=link)
    elif note or link:
        add_evidence(session=session, action_id=action.id, user=user, note=note, link=link)
    elif not status:
        raise Invalid("choose a new status or add evidence", field="status")
    return action


def add_evidence(*, session: Session, action_id: int, user: User | None, note: str | None,
                 link: str | None = None) -> ActionEvent:
    """Record evidence of progress (what was done, a link to the report or email) in the action's history."""
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"there is no action {action_id}")
    note = _clean_note(note, "evidence")
    if not note and not link:
        raise Invalid("describe the evidence or give a link to it", field="note")
    entry = ActionEvent(action_id=action.id, user_id=user.id if user else None, field="evidence", old=None,
                        new=link, note=note)
    session.add(entry)
    action.updated_at = utcnow()
    session.add(action)
    record_audit(session=session, user=user, event="action.evidence", entity="action", entity_id=action.id,
                 detail={"note": note, "link": link})
    return entry


def change_owner_or_due(*, session: Session, action_id: int, user: User | None, owner: str | None,
                        due: str | None, due_date: dt.date | None, reason: str | None) -> dict[str, tuple]:
    """An editor moves the owner or due date, through the same correction service the review page uses.

    A new due date needs a reason; every change goes into the action's history.
    """
    if _rank(user) < Role.EDITOR.rank:
        raise NotAllowed("only editors (democratic services) change an action's owner or due date")
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"there is no action {action_id}")
    reason = _clean_note(reason, "reason", "reason")
    try:
        return edit_record(session=session, user=user, meeting_id=action.meeting_id, kind="action",
                           record_id=action.id, owner=owner, due=due, due_date=due_date, reason=reason)
    except CorrectionError as error:
        raise Invalid(error.message[:1].lower() + error.message[1:], field=error.field) from None


def is_stale(action: Action, meeting: Meeting, *, today: dt.date, stale_days: int = DEFAULT_STALE_DAYS) -> bool:
    """Undated, still to do, and raised longer ago than `stale_days`."""
    if action.due_date is not None or str(action.status) in CLOSED:
        return False
    raised = meeting.date or (action.created_at.date() if action.created_at else None)
    return raised is not None and (today - raised).days > stale_days


@dataclass
class Provenance:
    """Where an action came from: stated in the minutes (with its sentence), or added by a person; who changed it."""

    extracted: bool
    source: str  # the kind of record the commitment was found in: statement, comment, response, ...
    sentence: str  # the source sentence, or the action's text when no sentence is found
    before: str  # minutes text just before the sentence, for context
    after: str
    added_by: str | None
    changed_by: list[str] = field(default_factory=list)


def source_sentence(text: str, start: int, end: int, context: int = 300) -> tuple[str, str, str]:
    """The sentence(s) holding text[start:end], with up to `context` characters either side."""
    if not text or not 0 <= start < end <= len(text):
        return "", "", ""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = 0 if left < 0 else left + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    right = max(right, end)
    before, after = text[max(0, left - context):left], text[right:right + context]
    if left - context > 0 and " " in before:  # start and end on whole words
        before = before[before.index(" ") + 1:]
    if right + context < len(text) and " " in after:
        after = after[:after.rindex(" ")]
    return before.lstrip(), text[left:right].strip(), after.rstrip()


def provenance(*, session: Session, action: Action, meeting: Meeting) -> Provenance:
    """How the action came to be in the tracker, and who has changed it since."""
    names = dict(session.exec(select(User.id, User.username)).all())
    events = session.exec(select(ActionEvent.user_id).where(ActionEvent.action_id == action.id,
                                                            ActionEvent.user_id.is_not(None))).all()
    changed = sorted({names[i] for i in [*events, action.edited_by_id] if i in names})
    added_by = names.get(action.created_by_id) if action.created_by_id else None
    before, sentence, after = source_sentence(meeting.text, action.start, action.end)
    return Provenance(extracted=action.created_by_id is None and bool(action.rule) and action.rule != "manual",
                      source=action.source, sentence=sentence or action.text, before=before, after=after,
                      added_by=added_by, changed_by=changed)


# --- "next meeting" -------------------------------------------------------------------

def next_meeting_dues(*, session: Session, committee_id: int) -> list[Action]:
    """Date every undated "next meeting" action of a committee by its next published meeting, if held.

    The change goes into the action's history with no user (the tracker made it); a date a person
    set is never touched, since those actions are not undated.
    """
    meetings = session.exec(select(Meeting.id, Meeting.date).where(
        Meeting.committee_id == committee_id, Meeting.date.is_not(None),
        Meeting.status == MeetingStatus.PUBLISHED.value).order_by(Meeting.date)).all()
    dates = sorted({date for _id, date in meetings})
    if len(dates) < 2:
        return []
    rows = session.exec(select(Action, Meeting.date).join(Meeting, Meeting.id == Action.meeting_id).where(
        Meeting.committee_id == committee_id, Meeting.date.is_not(None), Action.due_date.is_(None),
        Action.due.is_not(None))).all()
    changed = []
    for action, held in rows:
        if not _NEXT_MEETING.search(action.due or ""):
            continue
        later = next((date for date in dates if date > held), None)
        if later is None:
            continue
        session.add(ActionEvent(action_id=action.id, user_id=None, field="due_date", old=None,
                                new=later.isoformat(), note=f"the committee's next meeting, held {later.day} {later:%B %Y}"))
        action.due_date = later
        action.updated_at = utcnow()
        session.add(action)
        changed.append(action)
    return changed
