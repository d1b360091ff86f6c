"""Signing in and out: wrong passwords, guessing limits shared by every worker, logout that really ends a session."""

from urllib.parse import urlencode

import itsdangerous
from sqlmodel import Session, func, select

from conftest import PASSWORD
from tests_support import csrf_token, shut_down
from tracker import create_app
from tracker.models import LoginAttempt


def _sign_in(client, username, password=PASSWORD, address="127.0.0.1", query=""):
    page = client.get("/login")
    return client.post(f"/login{query}", data={"username": username, "password": password,
                                               "csrf_token": csrf_token(page)},
                       environ_base={"REMOTE_ADDR": address})


def _second_app(app):
    """Another worker process: a second app on the same database."""
    other = create_app({key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SECRET_KEY")}
                       | {"INSTANCE_PATH": app.instance_path, "SECURE_COOKIES": "0"})
    return other


def test_auth_signs_in_and_a_wrong_password_or_name_gets_the_same_message(client, make_user):
    make_user("officer", "olive")
    wrong_password = _sign_in(client, "olive", "not the password")
    wrong_name = _sign_in(client, "nobody", PASSWORD)
    for response in (wrong_password, wrong_name):
        assert response.status_code == 401
        assert "The user name or password is not right." in response.get_data(as_text=True)
    signed_in = _sign_in(client, "OLIVE")  # names are not case sensitive
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/"
    assert "Sign out olive" in client.get("/").get_data(as_text=True)


def test_auth_five_failures_for_a_name_block_it_even_from_new_addresses(client, make_user, engine):
    make_user("officer", "olive")
    for attempt in range(5):
        assert _sign_in(client, "olive", "guess number %d" % attempt, address=f"10.0.0.{attempt}").status_code == 401
    blocked = _sign_in(client, "olive", PASSWORD, address="10.0.0.99")  # the right password, a fresh address
    assert blocked.status_code == 429
    assert "Too many failed sign-ins. Wait 15 minutes" in blocked.get_data(as_text=True)
    assert "Sign out" not in blocked.get_data(as_text=True)


def test_auth_five_failures_from_an_address_block_it_for_every_name(client, make_user):
    make_user("officer", "olive")
    for attempt in range(5):
        assert _sign_in(client, f"user{attempt}", "guess", address="192.0.2.7").status_code == 401
    assert _sign_in(client, "olive", PASSWORD, address="192.0.2.7").status_code == 429
    assert _sign_in(client, "olive", PASSWORD, address="192.0.2.8").status_code == 302


def test_auth_the_limit_holds_across_worker_processes(app, make_user, engine):
    make_user("officer", "olive")
    other = _second_app(app)
    try:
        first, second = app.test_client(), other.test_client()
        for attempt in range(5):
            client = first if attempt % 2 else second
            assert _sign_in(client, "olive", f"guess {attempt}", address=f"10.1.0.{attempt}").status_code == 401
        assert _sign_in(first, "olive", PASSWORD, address="10.1.0.50").status_code == 429
        assert _sign_in(second, "olive", PASSWORD, address="10.1.0.51").status_code == 429
    finally:
        shut_down(other)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(LoginAttempt)
                            .where(LoginAttempt.key == "user:olive")).one() == 5


def test_auth_a_successful_sign_in_forgives_the_names_earlier_failures(app, make_user):
    make_user("officer", "olive")
    for _ in range(4):
        _sign_in(app.test_client(), "olive", "typo typo", address="10.2.0.1")
    assert _sign_in(app.test_client(), "olive", address="10.2.0.2").status_code == 302
    for _ in range(4):  # four more typos later are not five in a row
        assert _sign_in(app.test_client(), "olive", "typo typo", address="10.2.0.3").status_code == 401
    assert _sign_in(app.test_client(), "olive", address="10.2.0.4").status_code == 302


def test_auth_logout_ends_the_session_so_a_copied_cookie_no_longer_works(client, login, app):
    login("editor")
    assert client.get("/drafts").status_code == 200
    copied = client.get_cookie("session").value
    page = client.get("/drafts")
    assert client.post("/logout", data={"csrf_token": csrf_token(page)}).status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", copied)
    response = replay.get("/drafts")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_auth_next_pointing_off_site_goes_home(app, make_user):
    make_user("officer", "olive")
    for target in ["//evil.example", "https://evil.example", "/\\evil", "/\t/evil.example", "javascript:alert(1)"]:
        response = _sign_in(app.test_client(), "olive", query="?" + urlencode({"next": target}))
        assert response.status_code == 302 and response.headers["Location"] == "/", target


def test_auth_next_on_this_site_is_followed(client, make_user):
    make_user("editor", "eddie")
    first = client.get("/drafts")
    assert first.status_code == 302
    response = _sign_in(client, "eddie", query=first.headers["Location"].removeprefix("/login"))
    assert response.headers["Location"] == "/drafts"


def test_auth_login_without_or_with_an_expired_csrf_token_gets_a_400_page(app, client, make_user, monkeypatch):
    make_user("officer", "olive")
    missing = client.post("/login", data={"username": "olive", "password": PASSWORD})
    assert missing.status_code == 400 and "Form expired" in missing.get_data(as_text=True)
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    page = client.get("/login")
    # two hours later: the token has expired but the (eight-hour) session has not
    real = itsdangerous.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda self: real(self) + 7200)
    expired = client.post("/login", data={"username": "olive", "password": PASSWORD, "csrf_token": csrf_token(page)})
    assert expired.status_code == 400 and "reload the page and try again" in expired.get_data(as_text=True)
    assert "Sign out" not in expired.get_data(as_text=True)
