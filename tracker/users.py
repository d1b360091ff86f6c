"""Users, passwords and sign-in limits: plain services, no request in sight."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .audit import record_audit
from .models import LoginAttempt, Role, User, utcnow

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$")
# Checked against so a wrong user name costs as long as a wrong password (no user enumeration by timing).
_DUMMY_HASH = generate_password_hash("not a real password")


class UserError(Exception):
    """A user cannot be added or changed as asked; the message says why."""


def create_user(*, session: Session, username: str, password: str, role: str | Role,
                by: User | None = None) -> User:
    """Add a user with a hashed password."""
    if not _USERNAME.match(username or ""):
        raise UserError("a user name is 2-100 letters, digits, dots, dashes, underscores or @, starting with a "
                        "letter or digit")
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"{role!r} is not a role; use one of {', '.join(r.value for r in Role)}") from None
    _check_password(password)
    if session.exec(select(User).where(func.lower(User.username) == username.lower())).first():
        raise UserError(f"there is already a user called {username!r}")
    user = User(username=username, password_hash=generate_password_hash(password), role=role)
    session.add(user)
    session.flush()
    record_audit(session=session, user=by, event="user.add", entity="user", entity_id=user.id,
                 detail={"username": username, "role": role.value})
    return user


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def set_password(*, session: Session, user: User, password: str, by: User | None = None) -> None:
    """Change a password and end the user's other sessions."""
    _check_password(password)
    user.password_hash = generate_password_hash(password)
    user.session_version += 1
    session.add(user)
    record_audit(session=session, user=by, event="user.password", entity="user", entity_id=user.id)


def end_sessions(*, session: Session, user: User) -> None:
    """Invalidate every session cookie issued to this user (logout, disabling)."""
    user.session_version += 1
    session.add(user)


def login_blocked(*, session: Session, keys: list[str], limit: int, window: dt.timedelta) -> bool:
    """True when any key (user name, address) has had `limit` failed sign-ins within `window`."""
    since = utcnow() - window
    for key in keys:
        failures = session.exec(select(func.count()).select_from(LoginAttempt)
                                .where(LoginAttempt.key == key, LoginAttempt.at >= since)).one()
        if failures >= limit:
            return True
    return False


def authenticate(*, session: Session, username: str, password: str, keys: list[str], limit: int,
                 window: dt.timedelta) -> User | None:
    """The active user with these credentials, or None; failures count towards the shared limit.

    The counter lives in the database, so it holds across every worker process.
    """
    user = session.exec(select(User).where(func.lower(User.username) == (username or "").lower())).first()
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password or "")
    if user is not None and valid and user.active:
        session.exec(delete(LoginAttempt).where(LoginAttempt.key.in_(keys[:1])))
        return user
    for key in keys:
        session.add(LoginAttempt(key=key))
    session.exec(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - 4 * window))  # keep the table small
    return None
