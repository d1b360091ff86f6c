"""Follow-up actions: status changes with their history (the action tracker builds on these)."""

from __future__ import annotations

from sqlmodel import Session

from .audit import record_audit
from .models import Action, ActionEvent, ActionStatus, User, utcnow


class ActionError(Exception):
    """An action change that cannot be made as asked; the message says why."""

    status = 422


class NotFound(Exception):
    """No such record."""

    status = 404


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
        raise ActionError(f"{status!r} is not a status; use one of "
                          f"{', '.join(s.value for s in ActionStatus)}") from None
    note = (note or "").strip() or None
    if status == ActionStatus.DROPPED and not note:
        raise ActionError("say why the action is dropped")
    if status == action.status and not note:
        return action
    session.add(ActionEvent(action_id=action.id, user_id=user.id if user else None, field="status",
                            old=str(action.status), new=status.value, note=note))
    action.status = status
    action.status_note = note
    action.updated_at = utcnow()
    session.add(action)
    record_audit(session=session, user=user, event="action.status", entity="action", entity_id=action.id,
                 detail={"status": status.value, "note": note})
    return action
