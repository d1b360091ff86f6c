"""Settings: one list of what can be set, its default and its environment variable.

The web app and every command read the same settings, so ``TRACKER_INSTANCE``
and ``TRACKER_DATABASE_URL`` mean the same thing everywhere.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STALE_DAYS = 183  # the ACTION_STALE_DAYS setting's default, and the services' when not told

# name, environment variable, default, what it is for
SETTINGS = [
    ("INSTANCE_PATH", "TRACKER_INSTANCE", str(ROOT / "instance"), "folder for the database, index and uploads"),
    ("DATABASE_URL", "TRACKER_DATABASE_URL", None, "SQLAlchemy URL; SQLite in the instance folder when unset"),
    ("SECRET_KEY", "TRACKER_SECRET_KEY", None, "signs sessions and CSRF tokens; made and kept in the instance "
                                               "folder when unset"),
    ("SECURE_COOKIES", "TRACKER_SECURE_COOKIES", "1", "1: cookies over HTTPS only (browsers treat http://127.0.0.1 "
                                                      "and localhost as secure too); 0 to turn off"),
    ("MAX_UPLOAD_MB", "TRACKER_MAX_UPLOAD_MB", "20", "largest minutes file accepted, in MB"),
    ("PARSE_SECONDS", "TRACKER_PARSE_SECONDS", "30", "time allowed to read one uploaded or bulk-loaded file (PDF, "
                                                    "Word, HTML) in its child process; a file over it is refused"),
    ("PARSE_MEMORY_MB", "TRACKER_PARSE_MEMORY_MB", "1024", "memory allowed to the child process that reads files, "
                                                          "in MB; a file that needs more is refused"),
    ("INGEST_NICE", "TRACKER_INGEST_NICE", "10", "how far `tracker ingest` lowers its own CPU priority (0-19), so "
                                                 "readers of the web app on the same machine come first; 0 keeps it"),
    ("PAGE_CACHE_MB", "TRACKER_PAGE_CACHE_MB", "64", "memory per worker for pages kept for readers who are not "
                                                    "signed in (until the next write); 0 turns it off"),
    ("SEARCH", "TRACKER_SEARCH", "tantivy", "search engine: tantivy (an index in the instance folder), whoosh, or "
                                           "postgres (full-text search in a PostgreSQL tracker database)"),
    ("SMTP_HOST", "TRACKER_SMTP_HOST", None, "mail server for email alerts; unset: no alert is sent"),
    ("SMTP_PORT", "TRACKER_SMTP_PORT", "25", "its port (587 with STARTTLS as usual)"),
    ("SMTP_STARTTLS", "TRACKER_SMTP_STARTTLS", "0", "1: upgrade the connection with STARTTLS before sending"),
    ("SMTP_USER", "TRACKER_SMTP_USER", None, "user name to sign in to the mail server, if it needs one"),
    ("SMTP_PASSWORD", "TRACKER_SMTP_PASSWORD", None, "its password"),
    ("MAIL_FROM", "TRACKER_MAIL_FROM", "alerts@localhost", "the From address of alert emails"),
    ("BASE_URL", "TRACKER_BASE_URL", None, "the site's public address for links in emails (https://minutes.example."
                                           "gov.uk); unset: the address a page was asked at, or 127.0.0.1 from the "
                                           "command line"),
    ("JOBS_PER_USER", "TRACKER_JOBS_PER_USER", "3", "minutes one editor may have queued or being read at once; "
                                                 "beyond it /minutes/new answers 429 until one finishes"),
    ("JOB_LEASE_SECONDS", "TRACKER_JOB_LEASE_SECONDS", "300", "a job whose worker has not reported for this long "
                                                            "(it died) is taken up again by another worker"),
    ("ACTION_STALE_DAYS", "TRACKER_ACTION_STALE_DAYS", str(DEFAULT_STALE_DAYS), "an undated action still to do is stale this many "
                                                            "days after the meeting that raised it"),
]


def _instance_secret(instance: Path) -> str:
    """A random key kept in the instance folder (mode 0600), made on first start."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


_LIMIT_FLOORS = {"PARSE_SECONDS": 1, "PARSE_MEMORY_MB": 256, "MAX_UPLOAD_MB": 1}


def reading_limits(values: dict | None = None) -> dict[str, int]:
    """PARSE_SECONDS, PARSE_MEMORY_MB and MAX_UPLOAD_MB as whole numbers, from `values` or else the environment
    (commands that only read a file need no instance folder or secret key for them)."""
    limits = {}
    for name, variable, default, _help in SETTINGS:
        if name not in _LIMIT_FLOORS:
            continue
        raw = (values or {}).get(name) or os.environ.get(variable) or default
        try:
            limits[name] = int(raw)
        except (TypeError, ValueError):
            raise ValueError(f"{variable} must be a whole number, not {raw!r}") from None
        if limits[name] < _LIMIT_FLOORS[name]:
            raise ValueError(f"{variable} must be at least {_LIMIT_FLOORS[name]}, not {limits[name]}")
    return limits


def load_settings(overrides: dict | None = None) -> dict:
    """Defaults, then the environment, then `overrides` (tests pass theirs here)."""
    overrides = dict(overrides or {})
    values = {}
    for name, variable, default, _help in SETTINGS:
        values[name] = overrides.pop(name, None) or os.environ.get(variable) or default
    instance = Path(values["INSTANCE_PATH"]).resolve()
    values["INSTANCE_PATH"] = str(instance)
    values["DATABASE_URL"] = values["DATABASE_URL"] or f"sqlite:///{instance / 'tracker.sqlite3'}"
    values["SECRET_KEY"] = values["SECRET_KEY"] or _instance_secret(instance)
    values["UPLOADS_PATH"] = str(instance / "uploads")
    try:
        values["ACTION_STALE_DAYS"] = max(1, int(values["ACTION_STALE_DAYS"]))
    except (TypeError, ValueError):
        raise ValueError(f"TRACKER_ACTION_STALE_DAYS must be a whole number of days, not "
                         f"{values['ACTION_STALE_DAYS']!r}") from None
    for name in ("JOBS_PER_USER", "JOB_LEASE_SECONDS"):
        try:
            values[name] = max(1, int(values[name]))
        except (TypeError, ValueError):
            raise ValueError(f"TRACKER_{name} must be a whole number, not {values[name]!r}") from None
    values.update(reading_limits(values))
    max_mb = int(values.pop("MAX_UPLOAD_MB"))
    values["MAX_UPLOAD_BYTES"] = max_mb * 1024 * 1024
    values.update(
        # Flask leaves these open by default: cap request size, harden the session cookie, keep sessions short.
        MAX_CONTENT_LENGTH=max_mb * 1024 * 1024 + 64 * 1024,
        MAX_FORM_MEMORY_SIZE=max_mb * 1024 * 1024,  # pasted minutes may be as long as an uploaded file
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=values.pop("SECURE_COOKIES") != "0",
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        LOGIN_ATTEMPTS=5,  # failed sign-ins allowed per user name or address
        LOGIN_WINDOW=timedelta(minutes=15),
        TEMPLATES_AUTO_RELOAD=False,
    )
    values.update(overrides)
    return values
