"""An administrator manages who can sign in: adds users, changes roles, disables them, resets passwords."""

import json

from sqlmodel import Session, select
from werkzeug.security import check_password_hash

from conftest import PASSWORD
from tests_support import csrf_token
from tracker.models import AuditEntry, User

NEW_PASSWORD = "a brand new passphrase"


def _sign_in(client, username, password=PASSWORD):
    page = client.get("/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_token(page)})


def _user(engine, username):
    with Session(engine) as session:
        return session.exec(select(User).where(User.username == username)).one()


def _audit(engine, event):
    with Session(engine) as session:
        return [(entry.username, json.loads(entry.detail))
                for entry in session.exec(select(AuditEntry).where(AuditEntry.event == event)).all()]


def _post(client, path, data=None):
    """Submit a form on a user's page as a browser would: with the page's CSRF token."""
    token = csrf_token(client.get("/admin/users"))
    return client.post(path, data={"csrf_token": token, **(data or {})})


def test_admin_lists_users_with_role_state_and_date(client, login, make_user):
    login("admin")
    make_user("officer", "olive")
    page = client.get("/admin/users")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "olive" in html and "Officer" in html and "Yes" in html
    assert 'href="/admin/users/new"' in html


def test_admin_adds_a_user_with_a_hashed_password_and_an_audit_entry(client, login, engine):
    login("admin")
    form = client.get("/admin/users/new")
    response = client.post("/admin/users/new", data={"username": "eddie", "role": "editor", "password": NEW_PASSWORD,
                                                     "confirm": NEW_PASSWORD, "csrf_token": csrf_token(form),
                                                     # fields the form does not have are ignored (mass assignment)
                                                     "active": "", "session_version": "99", "password_hash": "x"})
    assert response.status_code == 302
    eddie = _user(engine, "eddie")
    assert eddie.role == "editor" and eddie.active and eddie.session_version == 1
    assert NEW_PASSWORD not in eddie.password_hash and check_password_hash(eddie.password_hash, NEW_PASSWORD)
    assert _audit(engine, "user.add") == [("admin", {"username": "eddie", "role": "editor"})]
    # eddie can now sign in with it
    assert _sign_in(client.application.test_client(), "eddie", NEW_PASSWORD).status_code == 302


def test_admin_add_user_shows_each_problem_next_to_its_field_and_stores_nothing(client, login, make_user, engine):
    login("admin")
    make_user("editor", "taken")
    form = client.get("/admin/users/new")
    cases = [({"username": "", "role": "editor", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
              "username", "Enter a user name"),
             ({"username": "newbie", "role": "editor", "password": "short", "confirm": "short"},
              "password", "A password needs 10 to 200 characters"),
             ({"username": "newbie", "role": "editor", "password": NEW_PASSWORD, "confirm": "something else!"},
              "confirm", "The two passwords are not the same"),
             ({"username": "newbie", "role": "superuser", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
              "role", "Not a valid choice"),
             ({"username": "TAKEN", "role": "editor", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
              "username", "There is already a user called"),
             ({"username": "no spaces allowed", "role": "editor", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
              "username", "A user name is 2-100 letters")]
    for data, field, message in cases:
        response = client.post("/admin/users/new", data={**data, "csrf_token": csrf_token(form)})
        html = response.get_data(as_text=True)
        assert response.status_code == 400, data
        assert f'id="{field}-error"' in html and message in html, data
        assert 'aria-invalid="true"' in html
    with Session(engine) as session:
        assert sorted(u.username for u in session.exec(select(User)).all()) == ["admin", "taken"]
    assert _audit(engine, "user.add") == []


def test_admin_changes_a_role_and_it_takes_effect_at_once(client, login, make_user, engine, app):
    login("admin")
    make_user("officer", "olive")
    olive_client = app.test_client()
    _sign_in(olive_client, "olive")
    assert olive_client.get("/minutes/new").status_code == 403
    olive = _user(engine, "olive")
    response = _post(client, f"/admin/users/{olive.id}/role", {"role": "editor"})
    assert response.status_code == 302
    assert _user(engine, "olive").role == "editor"
    assert olive_client.get("/minutes/new").status_code == 200
    assert _audit(engine, "user.role") == [("admin", {"username": "olive", "from": "officer", "to": "editor"})]


def test_admin_disabling_a_user_ends_their_live_session_and_enabling_lets_them_back(client, login, make_user, engine,
                                                                                     app):
    login("admin")
    make_user("editor", "eddie")
    eddie_client = app.test_client()
    _sign_in(eddie_client, "eddie")
    assert eddie_client.get("/drafts").status_code == 200
    eddie = _user(engine, "eddie")
    assert _post(client, f"/admin/users/{eddie.id}/disable").status_code == 302
    # the cookie eddie already holds stops working on the very next request
    response = eddie_client.get("/drafts")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert _sign_in(app.test_client(), "eddie").status_code == 401
    assert "No, disabled" in client.get("/admin/users").get_data(as_text=True)
    assert _post(client, f"/admin/users/{eddie.id}/enable").status_code == 302
    assert _sign_in(app.test_client(), "eddie").status_code == 302
    assert [event for event in ("user.disable", "user.enable") if _audit(engine, event)] == ["user.disable",
                                                                                           "user.enable"]


def test_admin_resetting_a_password_ends_sessions_and_only_the_new_one_works(client, login, make_user, engine, app):
    login("admin")
    make_user("officer", "olive")
    olive_client = app.test_client()
    _sign_in(olive_client, "olive")
    olive = _user(engine, "olive")
    mismatch = _post(client, f"/admin/users/{olive.id}/password", {"password": NEW_PASSWORD, "confirm": "nope nope"})
    assert mismatch.status_code == 400 and "The two passwords are not the same" in mismatch.get_data(as_text=True)
    response = _post(client, f"/admin/users/{olive.id}/password", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert olive_client.get("/").headers.get("Cache-Control") != "no-store"  # no longer signed in
    assert _sign_in(app.test_client(), "olive", PASSWORD).status_code == 401
    assert _sign_in(app.test_client(), "olive", NEW_PASSWORD).status_code == 302
    assert _audit(engine, "user.password") == [("admin", {"username": "olive"})]


def test_admin_resetting_their_own_password_keeps_them_signed_in(client, login, engine):
    login("admin")
    admin = _user(engine, "admin")
    response = _post(client, f"/admin/users/{admin.id}/password", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/users").status_code == 200


def test_admin_the_last_active_admin_cannot_demote_or_disable_themselves(client, login, make_user, engine):
    login("admin")
    admin = _user(engine, "admin")
    demote = _post(client, f"/admin/users/{admin.id}/role", {"role": "editor"})
    assert demote.status_code == 409
    assert "The last active admin (admin) cannot be made editor" in demote.get_data(as_text=True)
    assert 'id="role-error"' in demote.get_data(as_text=True)
    disable = _post(client, f"/admin/users/{admin.id}/disable")
    assert disable.status_code == 409 and "last active admin" in disable.get_data(as_text=True)
    assert _user(engine, "admin").role == "admin" and _user(engine, "admin").active
    assert _audit(engine, "user.role") == [] and _audit(engine, "user.disable") == []
    # with a second active admin, the first may step down
    make_user("admin", "deputy")
    assert _post(client, f"/admin/users/{admin.id}/role", {"role": "editor"}).status_code == 302
    assert _user(engine, "admin").role == "editor"
    assert client.get("/admin/users").status_code == 403
