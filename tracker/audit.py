"""The audit log: who changed what, and when."""

from __future__ import annotations

import json

from sqlmodel import Session

from .models import AuditEntry, User


def record_audit(*, session: Session, user: User | None, event: str, entity: str, entity_id: int | None,
                 detail: dict | None = None) -> AuditEntry:
    """Add one entry to the audit log, in the caller's transaction (so it is kept only if the change is)."""
    entry = AuditEntry(user_id=user.id if user else None, username=user.username if user else None, event=event,
                       entity=entity, entity_id=entity_id,
                       detail=json.dumps({k: v for k, v in (detail or {}).items() if v is not None}, default=str))
    session.add(entry)
    return entry
