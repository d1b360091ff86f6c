"""Users, passwords and sign-in limits: plain services, no request in sight."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import text
from sqlmodel import Session, delete, func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..audit import record_audit
from ..errors import Invalid
from ..models import LoginAttempt, Role, User, utcnow

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$")
# Checked against so a wrong user name costs as long as a wrong password (no user enumeration by timing).
_DUMMY_HASH = generate_password_hash("not a real password")
_LIMITER_LOCK = 0x7472616B  # PostgreSQL advisory lock id that serialises the sign-in counter ("trak")


class UserError(Invalid):
    """A user cannot be added or changed as asked; the message says why, `field` which form field it is about."""


def create_user(*, session: Session, username: str, password: str, role: str | Role,
                by: User | None = None) -> User:
    """Add a user with a hashed password."""
    if not _USERNAME.match(username or ""):
        raise UserError("a user name is 2-100 letters, digits, dots, dashes, underscores or @, starting with a "
                        "letter or digit", field="username")
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"{role!r} is not a role; use one of {', '.join(r.value for r in Role)}",
                        field="role") from None
    _check_password(password)
    if user_named(session=session, username=username):
        raise UserError(f"there is already a user called {username!r}", field="username")
    user = User(username=username, password_hash=generate_password_hash(password), role=role)
    session.add(user)
    session.flush()
    record_audit(session=session, user=by, event="user.add", entity="user", entity_id=user.id,
                 detail={"username": username, "role": role.value})
    return user


def user_named(*, session: Session, username: str) -> User | None:
    """The user with this name, ignoring case, or None."""
    return session.exec(select(User).where(func.lower(User.username) == (username or "").lower())).first()


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", field="password")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"a password can have at most {MAX_PASSWORD_LENGTH} characters", field="password")


def set_password(*, session: Session, user: User, password: str, by: User | None = None) -> None:
    """Change a password and end every session the user holds."""
    _check_password(password)
    user.password_hash = generate_password_hash(password)
    user.session_version += 1
    session.add(user)
    record_audit(session=session, user=by, event="user.password", entity="user", entity_id=user.id,
                 detail={"username": user.username})


def end_sessions(*, session: Session, user: User) -> None:
    """Invalidate every session cookie issued to this user (logout, disabling)."""
    user.session_version += 1
    session.add(user)


def _keep_an_admin(session: Session, user: User, change: str, field: str | None) -> None:
    """Refuse a change that would leave nobody able to manage users.

    The active admins' rows are locked in id order first, so two admins demoting
    each other at the same moment on PostgreSQL cannot both succeed (SQLite's
    BEGIN IMMEDIATE already serialises writers).
    """
    if Role(user.role) is not Role.ADMIN or not user.active:
        return
    admins = session.exec(select(User).where(User.role == Role.ADMIN.value, User.active == True)  # noqa: E712
                          .order_by(User.id).with_for_update()).all()
    if not any(admin.id != user.id for admin in admins):
        raise UserError(f"the last active admin ({user.username}) cannot be {change}: make another user an admin "
                        f"first", field=field)


def set_role(*, session: Session, user: User, role: str | Role, by: User | None = None) -> None:
    """Give a user another role (refused if it would leave no active admin)."""
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"{role!r} is not a role; use one of {', '.join(r.value for r in Role)}",
                        field="role") from None
    if Role(user.role) is role:
        return
    if role is not Role.ADMIN:
        _keep_an_admin(session, user, f"made {role.value}", "role")
    old = Role(user.role)
    user.role = role
    session.add(user)
    record_audit(session=session, user=by, event="user.role", entity="user", entity_id=user.id,
                 detail={"username": user.username, "from": old.value, "to": role.value})


def set_active(*, session: Session, user: User, active: bool, by: User | None = None) -> None:
    """Disable a user (ending their sessions at once) or enable them again."""
    if user.active == active:
        return
    if not active:
        _keep_an_admin(session, user, "disabled", None)
        end_sessions(session=session, user=user)
    user.active = active
    session.add(user)
    record_audit(session=session, user=by, event="user.enable" if active else "user.disable", entity="user",
                 entity_id=user.id, detail={"username": user.username})


# --- signing in ------------------------------------------------------------------
#
# The web view signs in in three steps so that no database lock is held while the
# password hash is checked (scrypt takes about 0.1 s; on SQLite a write lock held
# that long would stall every other writer): count the attempt first, check the
# password outside any transaction, then forgive the attempt if it succeeded.
# Counting before checking means parallel guesses cannot outrun the limit.

def _serialise_limiter(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _LIMITER_LOCK})


def login_blocked(*, session: Session, keys: list[str], limit: int, window: dt.timedelta) -> bool:
    """True when any key (user name, address) has had `limit` failed sign-ins within `window`."""
    since = utcnow() - window
    for key in keys:
        failures = session.exec(select(func.count()).select_from(LoginAttempt)
                                .where(LoginAttempt.key == key, LoginAttempt.at >= since)).one()
        if failures >= limit:
            return True
    return False


def start_sign_in(*, session: Session, keys: list[str], limit: int, window: dt.timedelta) -> list[int] | None:
    """Count a sign-in attempt against every key, before the password is checked; None when over the limit.

    The counter lives in the database, so the limit holds across every worker process.
    """
    _serialise_limiter(session)
    if login_blocked(session=session, keys=keys, limit=limit, window=window):
        return None
    attempts = [LoginAttempt(key=key) for key in keys]
    session.add_all(attempts)
    session.flush()
    session.exec(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - 4 * window))  # keep the table small
    return [attempt.id for attempt in attempts]


def check_credentials(*, session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None (a wrong name costs as long as a wrong password)."""
    user = user_named(session=session, username=username)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password or "")
    return user if user is not None and valid and user.active else None


def finish_sign_in(*, session: Session, attempt_ids: list[int], keys: list[str]) -> None:
    """A sign-in succeeded: it does not count as a failure, and the user name's earlier failures are forgiven."""
    session.exec(delete(LoginAttempt).where(or_(LoginAttempt.id.in_(attempt_ids), LoginAttempt.key.in_(keys[:1]))))
