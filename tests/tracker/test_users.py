"""The users service and `tracker users add`: hashed passwords, roles, and always one active admin."""

import pytest
from sqlmodel import Session, select
from werkzeug.security import check_password_hash

from tracker.cli import cli
from tracker.db import make_engine, write_session
from tracker.models import AuditEntry, User
from tracker.accounts.users import UserError, create_user, set_active, set_role

PASSWORD = "long enough passphrase"


def test_users_create_user_stores_a_salted_hash_never_the_password(engine):
    with write_session(engine) as session:
        create_user(session=session, username="olive", password=PASSWORD, role="officer")
        create_user(session=session, username="oscar", password=PASSWORD, role="officer")
    with Session(engine) as session:
        olive, oscar = (session.exec(select(User).where(User.username == name)).one() for name in ("olive", "oscar"))
        assert PASSWORD not in olive.password_hash and olive.password_hash.startswith("scrypt:")
        assert olive.password_hash != oscar.password_hash  # salted
        assert check_password_hash(olive.password_hash, PASSWORD)
        assert [entry.event for entry in session.exec(select(AuditEntry)).all()] == ["user.add", "user.add"]


def test_users_role_and_disable_changes_never_leave_no_active_admin(engine):
    with write_session(engine) as session:
        ada = create_user(session=session, username="ada", password=PASSWORD, role="admin")
        bob = create_user(session=session, username="bob", password=PASSWORD, role="admin")
        set_active(session=session, user=bob, active=False, by=ada)  # a disabled admin does not count
    with write_session(engine) as session:
        ada = session.get(User, ada.id)
        with pytest.raises(UserError, match=r"last active admin \(ada\) cannot be made officer") as refused:
            set_role(session=session, user=ada, role="officer")
        assert refused.value.field == "role"
        with pytest.raises(UserError, match="cannot be disabled"):
            set_active(session=session, user=ada, active=False)
    with write_session(engine) as session:
        set_active(session=session, user=session.get(User, bob.id), active=True, by=ada)
    with write_session(engine) as session:
        ada = session.get(User, ada.id)
        version = ada.session_version
        set_active(session=session, user=ada, active=False)
        assert ada.session_version == version + 1  # disabling ends every session at once


# --- tracker users add ----------------------------------------------------------

@pytest.fixture
def instance(tmp_path, monkeypatch, runner):
    """An instance folder with a migrated SQLite database, used through TRACKER_INSTANCE."""
    folder = tmp_path / "instance"
    monkeypatch.setenv("TRACKER_INSTANCE", str(folder))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    return folder


def _users(folder):
    engine = make_engine(f"sqlite:///{folder / 'tracker.sqlite3'}")
    with Session(engine) as session:
        users = {user.username: user for user in session.exec(select(User)).all()}
    engine.dispose()
    return users


def test_users_cli_add_reads_the_password_from_stdin(runner, instance):
    result = runner.invoke(cli, ["users", "add", "eddie", "--role", "editor"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "added eddie (editor)"
    eddie = _users(instance)["eddie"]
    assert eddie.role == "editor" and check_password_hash(eddie.password_hash, PASSWORD)


@pytest.mark.parametrize("name, password, message", [
    ("eddie", "password", "a password needs at least 10 characters"),
    ("EDDIE", PASSWORD, "there is already a user called 'EDDIE'"),
    ("bad name", PASSWORD, "a user name is 2-100 letters"),
])
def test_users_cli_add_refuses_bad_input_in_one_line(runner, instance, name, password, message):
    assert runner.invoke(cli, ["users", "add", "eddie", "--role", "officer"], input=PASSWORD + "\n").exit_code == 0
    result = runner.invoke(cli, ["users", "add", name, "--role", "editor"], input=password + "\n")
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert list(_users(instance)) == ["eddie"]
