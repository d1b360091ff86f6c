"""Every route as every role (deny by default), no change on GET, CSRF on every write, headers on every response.

The walk discovers routes from ``app.url_map``, so a route added later is checked
without touching this file. URL parameters are filled with ids of real rows
from an ingested published meeting (and, for the draft checks, a draft one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from sqlmodel import Session, SQLModel
from werkzeug.routing import AnyConverter

from conftest import PASSWORD
from tests_support import csrf_token, shut_down
from tracker import create_app
from tracker.models import RECORD_MODELS, Action, Committee, Meeting, Role, User

ROLES = (None, Role.OFFICER, Role.EDITOR, Role.ADMIN)
READS = {"GET", "HEAD", "OPTIONS"}
# Writes deliberately open to people who are not signed in; every other write must refuse them.
PUBLIC_WRITES = {
    "auth.login": "signing in",
    "auth.logout": "signing out when not signed in just goes home",
    "alerts.new": "a member of the public asks for email alerts (they start once the emailed link is followed)",
    "alerts.unsubscribe": "stopping an alert from the link in its email",
}
# Writes with no CSRF token by design: what authorises them is a signed token in the URL.
CSRF_EXEMPT = {
    "alerts.unsubscribe": "one-click unsubscribe: mail programs post with no session or token (RFC 8058)",
}
CSP_PARTS = ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")


@dataclass
class World:
    """An app with one published and one draft meeting, and a signed-in client per role."""

    app: object
    engine: object
    clients: dict
    tokens: dict
    ids: dict = field(default_factory=dict)  # "published"/"draft" -> {argument name: value}
    draft_snippet: str = ""


def _sign_in(client, username):
    page = client.get("/login")
    response = client.post("/login", data={"username": username, "password": PASSWORD,
                                           "csrf_token": csrf_token(page)})
    assert response.status_code == 302, response.get_data(as_text=True)


def _row_ids(session, meeting: Meeting) -> dict:
    """Values for URL arguments by name, all pointing at rows of this meeting."""
    committee = session.get(Committee, meeting.committee_id)
    values = {"meeting_id": meeting.id, "meeting": meeting.id, "committee_id": committee.id, "slug": committee.slug,
              "committee": committee.slug, "council": committee.council.slug, "kind": "action"}
    for kind, model in RECORD_MODELS.items():
        row = session.exec(select(model).where(model.meeting_id == meeting.id).order_by(model.id)).scalars().first()
        if row is not None:
            values[f"{kind.value}_id"] = row.id
    values["record_id"] = values.get("action_id")
    for table in SQLModel.metadata.sorted_tables:  # anything else named <table>_id: a row of that table
        if f"{table.name}_id" in values or "id" not in table.c:
            continue
        query = select(table.c.id).order_by(table.c.id)
        if "meeting_id" in table.c:
            query = query.where(table.c.meeting_id == meeting.id)
        elif "action_id" in table.c and "action_id" in values:
            query = query.where(table.c.action_id == values["action_id"])
        first = session.connection().execute(query).scalar()
        if first is not None:
            values[f"{table.name}_id"] = first
            values.setdefault(f"{table.name.removeprefix('agenda_')}_id", first)  # agenda_item -> item_id
    values["date"] = meeting.date.isoformat() if getattr(meeting, "date", None) else "2024-01-01"
    return values


def _url(rule, ids: dict) -> str:
    values = {}
    for name in rule.arguments:
        converter = rule._converters.get(name)
        if isinstance(converter, AnyConverter):
            values[name] = ids.get(name) if ids.get(name) in converter.items else sorted(converter.items)[0]
        else:
            values[name] = ids.get(name, 1)
    return rule.build(values, append_unknown=False)[1]


def _snapshot(engine) -> dict:
    """Every row of every table: a GET must leave this exactly as it was."""
    with engine.connect() as connection:
        return {table.name: connection.execute(select(table).order_by(*table.primary_key.columns)).all()
                for table in SQLModel.metadata.sorted_tables}


def _changed(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


def _rules(app):
    return sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"), key=lambda r: r.rule)


def _required_role(app, rule) -> Role | None:
    role = getattr(app.view_functions[rule.endpoint], "required_role", None)
    if rule.rule.startswith("/admin"):
        role = Role.ADMIN
    return role


def _below(role: Role | None, required: Role | None) -> bool:
    return required is not None and (role is None or role.rank < required.rank)


def _sends_to_sign_in(response) -> bool:
    return response.status_code in (401, 403) or (
        response.status_code in (302, 303) and urlsplit(response.headers.get("Location", "")).path == "/login")


def _header_problems(response, signed_in: bool) -> list[str]:
    problems = []
    csp = response.headers.get("Content-Security-Policy", "")
    problems += [f"CSP lacks {part}" for part in CSP_PARTS if part not in csp]
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not response.headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    # (a refused CSRF check happens before the user is loaded, and its page shows nothing of theirs)
    if signed_in and response.status_code < 400 and "no-store" not in response.headers.get("Cache-Control", ""):
        problems.append("signed in but no Cache-Control: no-store")
    return problems


@pytest.fixture
def world(app, engine, ingest_corpus_file, make_user):
    published = ingest_corpus_file("unseen/eastmarsh-2023-adults-health-scrutiny.txt", publish=True)
    draft = ingest_corpus_file("unseen/sallowfield-2024-environment-committee.txt")
    clients, tokens = {None: app.test_client()}, {}
    for role in ROLES[1:]:
        make_user(role.value)
        clients[role] = app.test_client()
        _sign_in(clients[role], role.value)
    for role, client in clients.items():
        tokens[role] = csrf_token(client.get("/login"))
    world = World(app=app, engine=engine, clients=clients, tokens=tokens)
    with Session(engine) as session:
        world.ids["published"] = _row_ids(session, session.get(Meeting, published.meeting_id))
        world.ids["draft"] = _row_ids(session, session.get(Meeting, draft.meeting_id))
        # a sentence only the draft contains: it must never reach anyone below editor
        texts = [row.text for row in session.exec(select(Action).where(Action.meeting_id == draft.meeting_id))
                 .scalars()]
        runs = [run.strip() for t in texts for run in re.findall(r"[A-Za-z ]{20,}", t)]  # nothing HTML escapes
        world.draft_snippet = max(runs, key=len)[:40]
        world.ids["published"]["user_id"] = world.ids["draft"]["user_id"] = session.exec(
            select(User.id).where(User.username == "officer")).scalar()
    assert len(world.draft_snippet) >= 20
    return world


def test_security_every_get_route_as_every_role_keeps_the_database_and_its_doors(world):
    """No 5xx; GET changes nothing; admin and role-marked pages refuse lower roles; drafts stay hidden."""
    app, problems, walked = world.app, [], 0
    after = _snapshot(world.engine)
    for rule in _rules(app):
        if "GET" not in rule.methods:
            continue
        required = _required_role(app, rule)
        for role, client in world.clients.items():
            for which in ("published", "draft"):
                url = _url(rule, world.ids[which])
                before = after  # nothing else writes between requests: the last snapshot is this one's "before"
                response = client.get(url)
                if response.status_code == 308 and "/councils/" in response.location:
                    response.close()  # a committee's short address: judge the council's address it sends to
                    response = client.get(response.location)
                body = response.get_data()  # bytes: some routes send files (exports, originals)
                response.close()  # a file download holds its file open until closed
                walked += 1
                where = f"GET {url} ({rule.endpoint}) as {role or 'anonymous'}"
                if response.status_code >= 500:
                    problems.append(f"{where}: {response.status_code}")
                after = _snapshot(world.engine)
                if changed := _changed(before, after):
                    problems.append(f"{where}: changed {', '.join(changed)}")
                problems += [f"{where}: {p}" for p in _header_problems(response, signed_in=role is not None)]
                if _below(role, required):
                    refused = _sends_to_sign_in(response) if role is None else response.status_code == 403
                    # a committee whose only meeting is a draft does not exist for those who may not see drafts
                    refused = refused or (which == "draft" and response.status_code == 404)
                    if not refused:
                        problems.append(f"{where}: {response.status_code}, should be refused (needs {required})")
                if which == "draft" and _below(role, Role.EDITOR) and world.draft_snippet.encode() in body:
                    problems.append(f"{where}: shows text from a draft meeting")
    assert walked > 40
    assert not problems, "\n".join(problems)


def test_security_every_write_route_needs_a_csrf_token_a_user_and_the_role(world):
    """Without a token: 400. Anonymous with a token: sent to sign in. Below the route's role: 403. Nothing changes."""
    app, problems, walked = world.app, [], 0
    after = _snapshot(world.engine)
    for rule in _rules(app):
        required = _required_role(app, rule)
        url = _url(rule, world.ids["published"])
        for method in sorted(rule.methods - READS):
            for role, client in world.clients.items():
                attempts = [("no token", {}, {})]
                if role is None and rule.endpoint not in PUBLIC_WRITES or _below(role, required):
                    token = world.tokens[role]
                    attempts.append(("with token", {"csrf_token": token}, {"X-CSRFToken": token}))
                for label, data, headers in attempts:
                    before = after
                    response = client.open(url, method=method, data=data, headers=headers)
                    response.close()
                    if response.status_code == 308 and "/councils/" in response.location:
                        # a committee's short address sends the write on to its council's address, as it is
                        response = client.open(response.location, method=method, data=data, headers=headers)
                        response.close()
                    walked += 1
                    where = f"{method} {url} ({rule.endpoint}) as {role or 'anonymous'}, {label}"
                    if response.status_code >= 500:
                        problems.append(f"{where}: {response.status_code}")
                    after = _snapshot(world.engine)
                    if changed := _changed(before, after):
                        problems.append(f"{where}: changed {', '.join(changed)}")
                    problems += [f"{where}: {p}" for p in _header_problems(response, signed_in=role is not None)]
                    if label == "no token" and rule.endpoint in CSRF_EXEMPT:
                        if response.status_code not in (400, 404, 422):  # the walk's id is no signed token
                            problems.append(f"{where}: {response.status_code}, should refuse an unsigned token")
                    elif label == "no token" and response.status_code != 400:
                        problems.append(f"{where}: {response.status_code}, should be 400 (CSRF)")
                    elif label == "with token" and role is None and not _sends_to_sign_in(response):
                        problems.append(f"{where}: {response.status_code}, should send to sign in")
                    elif label == "with token" and role is not None and response.status_code != 403:
                        problems.append(f"{where}: {response.status_code}, should be 403 (needs {required})")
    assert walked > 40
    assert not problems, "\n".join(problems)
    # the sessions used above are all still good: nothing in the walk signed anyone out
    assert all(client.get("/drafts").status_code in (200, 403) for role, client in world.clients.items() if role)


def test_security_headers_are_on_error_pages_too(app, client):
    app.add_url_rule("/boom", "boom", lambda: 1 / 0)
    responses = {"404": client.get("/no/such/page"), "405": client.get("/logout"),
                 "400": client.post("/login", data={"username": "x", "password": "y"}), "500": client.get("/boom")}
    assert [response.status_code for response in responses.values()] == [404, 405, 400, 500]
    for name, response in responses.items():
        assert _header_problems(response, signed_in=False) == [], name
        assert "<script" not in response.get_data(as_text=True), name


def test_security_a_forced_exception_gives_a_generic_page_with_an_incident_id(app, caplog):
    def explode():
        raise RuntimeError("connection string postgresql://admin:hunter2@db/tracker")

    app.add_url_rule("/explode", "explode", explode)
    app.add_url_rule("/api/explode", "api_explode", explode)
    client = app.test_client()
    page = client.get("/explode")
    html = page.get_data(as_text=True)
    assert page.status_code == 500
    incident = re.search(r"quote incident ([0-9a-f]{8})", html).group(1)
    assert "hunter2" not in html and "Traceback" not in html and "RuntimeError" not in html
    logged = [record for record in caplog.records if incident in record.getMessage()]
    assert logged and logged[0].exc_info  # the traceback goes to the log, with the same id
    api = client.get("/api/explode")
    assert api.status_code == 500 and re.fullmatch(r"[0-9a-f]{8}", api.get_json()["incident"])
    assert "hunter2" not in api.get_data(as_text=True)


def test_security_cache_control_no_store_on_signed_in_pages(client, login):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")  # public pages may be cached
    login("editor")
    for path in ("/", "/drafts", "/committees"):
        assert "no-store" in client.get(path).headers["Cache-Control"], path


def test_security_cookies_and_limits_in_production_settings(app, make_user):
    """With SECURE_COOKIES on (the default outside tests): Secure, HttpOnly, SameSite=Lax, hours not days."""
    make_user("officer", "olive")
    secure = create_app({"DATABASE_URL": app.config["DATABASE_URL"], "INSTANCE_PATH": app.instance_path,
                         "SECRET_KEY": "test", "MAX_UPLOAD_MB": "1"})
    try:
        assert 0 < secure.config["PERMANENT_SESSION_LIFETIME"].total_seconds() <= 12 * 3600
        assert 0 < secure.config["MAX_CONTENT_LENGTH"] <= 2 * 1024 * 1024
        client = secure.test_client()
        page = client.get("/login", base_url="https://localhost")
        response = client.post("/login", base_url="https://localhost", headers={"Referer": "https://localhost/login"},
                               data={"username": "olive", "password": PASSWORD, "csrf_token": csrf_token(page)})
        assert response.status_code == 302
        cookie = response.headers["Set-Cookie"]
        assert all(flag in cookie for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Expires=")), cookie
        assert "Strict-Transport-Security" in response.headers
        too_big = client.post("/login", base_url="https://localhost", data={"username": "x" * (2 * 1024 * 1024)})
        assert too_big.status_code == 413 and _header_problems(too_big, signed_in=True) == []
    finally:
        shut_down(secure)
