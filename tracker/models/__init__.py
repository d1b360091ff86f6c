"""The stored civic record: committees, meetings and everything their minutes say.

The database is the source of truth; the search index is derived from it. Each
model's docstring defines the civic term it stores: ``minutes`` (committees,
meetings, agenda items, people and the records found in items), ``actions``
(follow-up actions, their history and their links to later meetings) and
``accounts`` (users, sign-in attempts, the audit log); everything is importable
from here. Vocabularies (roles, statuses) are stored as their plain string values, so a
new value needs no database enum change.
"""

from __future__ import annotations

from .accounts import AuditEntry, LoginAttempt, Role, User
from .actions import Action, ActionEvent, ActionLink, ActionStatus, LinkKind, LinkState, TrackerLayout
from .minutes import (
    MAX_ID,
    AgendaItem,
    Comment,
    Committee,
    Council,
    DataGeneration,
    Meeting,
    MeetingStatus,
    MinuteRecord,
    Person,
    PersonRole,
    Question,
    RecordKind,
    Resolution,
    Response,
    meeting_visible,
    utcnow,
)

RECORD_MODELS: dict[RecordKind, type[MinuteRecord]] = {
    RecordKind.QUESTION: Question,
    RecordKind.RESPONSE: Response,
    RecordKind.COMMENT: Comment,
    RecordKind.RESOLUTION: Resolution,
    RecordKind.ACTION: Action,
}

__all__ = [
    "Role", "MeetingStatus", "ActionStatus", "PersonRole", "RecordKind", "Council", "Committee", "Meeting", "AgendaItem",
    "Person", "MinuteRecord", "Question", "Response", "Comment", "Resolution", "Action", "ActionEvent", "User",
    "LoginAttempt", "AuditEntry", "DataGeneration", "LinkKind", "LinkState", "ActionLink", "TrackerLayout",
    "RECORD_MODELS",
    "meeting_visible", "utcnow", "MAX_ID",
]
