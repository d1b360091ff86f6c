"""The database: engines for SQLite (the embedded default) and PostgreSQL, and schema migrations.

SQLite is set up the way several worker processes can share it safely: WAL
journal, a busy timeout, foreign keys on, and writes that take the write lock
when they begin (``BEGIN IMMEDIATE``) so a read-then-write transaction waits
for its turn instead of failing with "database is locked".
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event, inspect, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, create_engine, select

from .models import DataGeneration

_listening: set[str] = set()
_listening_lock = threading.Lock()


def listen_once(name: str, handlers: dict) -> None:
    """Install session listeners (event name -> function) on every SQLAlchemy session, once per process.

    `name` says whose they are (search, the action tracker), so a second call for the same owner does nothing.
    """
    with _listening_lock:
        if name in _listening:
            return
        for event_name, handler in handlers.items():
            event.listen(OrmSession, event_name, handler)
        _listening.add(name)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000


class DatabaseError(Exception):
    """The database cannot be used as configured; the message says which command or setting fixes it."""


class StorageUnavailable(Exception):
    """The server cannot write just now (disk full, read-only database or folder); nothing was stored."""

    status = 503


# SQLite says these in words; PostgreSQL gives SQLSTATEs (25006 read-only transaction, class 53 out of resources).
_SQLITE_STORAGE_WORDS = ("database or disk is full", "readonly database", "read-only", "disk i/o error",
                         "unable to open database")
_POSTGRES_STORAGE_STATES = ("25006", "53")


def storage_problem(error: BaseException) -> str | None:
    """Why a database or file error means nothing can be stored just now, or None if it is some other failure."""
    if isinstance(error, StorageUnavailable):
        return str(error)
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None) or ""
    if state and any(state.startswith(prefix) for prefix in _POSTGRES_STORAGE_STATES):
        return "the database is read-only or out of space"
    text = str(original or error).lower()
    if any(words in text for words in _SQLITE_STORAGE_WORDS):
        return "the database is read-only or its disk is full"
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES):
        return "the server's disk is full or read-only"
    return None


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite with WAL, busy timeout and foreign keys, or PostgreSQL through psycopg."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"TRACKER_DATABASE_URL is not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
                                                  "check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return create_engine(url, pool_pre_ping=True)
    raise DatabaseError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite:/// or postgresql+psycopg://")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below issue BEGIN, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_session(engine: Engine, *, changes_pages: bool = True) -> Iterator[Session]:
    """A session for one all-or-nothing write: committed on success, rolled back on any error.

    On SQLite the transaction takes the write lock at its start, so concurrent
    writers queue (up to the busy timeout) rather than fail part-way. A write that
    shows on no public page (a log of searches that found nothing) passes
    ``changes_pages=False`` and leaves the pages kept for readers in place.
    """
    bind = engine.execution_options(sqlite_immediate=True) if engine.dialect.name == "sqlite" else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            if changes_pages:
                _count_write(session)
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _count_write(session: Session) -> None:
    """Advance the data generation in the same transaction, so caches keyed on it see this write at once."""
    counted = session.exec(update(DataGeneration).where(DataGeneration.id == 1)
                           .values(value=DataGeneration.value + 1))
    if counted.rowcount == 0:  # a database created without the migration's row
        get_or_add(session, DataGeneration, {"id": 1}, value=1)


def data_generation(session: Session) -> int | None:
    """How many writes the database has committed (None on a database without the counter row)."""
    return session.exec(select(DataGeneration.value).where(DataGeneration.id == 1)).first()


def get_or_add(session: Session, model, lookup: dict, **values):
    """The row matching `lookup`, or a new one with `lookup` and `values`, even if another writer races us.

    The insert runs in a savepoint: if a concurrent transaction added the same
    unique key first, we roll back to it and read that row instead.
    """
    statement = select(model).filter_by(**lookup)
    row = session.exec(statement).first()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = model(**lookup, **values)
            session.add(row)
    except IntegrityError:
        row = session.exec(statement).one()
    return row


# --- migrations --------------------------------------------------------------

def _alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        raise DatabaseError(f"the database cannot be opened: {error.orig}") from None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (the newest by default)."""
    from alembic import command

    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(_alembic_config(engine), revision)


def check_schema(engine: Engine) -> None:
    """Refuse to run on a database whose schema is missing or older than this code."""
    current, head = current_revision(engine), head_revision(engine)
    if current == head:
        return
    where = engine.url.render_as_string(hide_password=True)
    if current is None and not inspect(engine).get_table_names():
        raise DatabaseError(f"the database at {where} has no tables yet; run `tracker db upgrade` to create them")
    raise DatabaseError(f"the database at {where} is at schema revision {current or 'none'}, this code needs "
                        f"{head}; run `tracker db upgrade`")
