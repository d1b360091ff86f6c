"""The JSON API: lists and details, filters and pages, drafts hidden, action status writes, the OpenAPI document."""

import json
import re

import pytest
from sqlmodel import select

from tracker.actions.service import set_action_status
from tracker.db import write_session
from tracker.minutes.readers import read_document
from tracker.minutes.ingest import ingest_document
from tracker.models import Action, Person

EASTMARSH = "unseen/eastmarsh-2023-adults-health-scrutiny.txt"
EASTMARSH_SLUG = "adults-and-health-scrutiny-committee"
SMALL_MINUTES = """{committee} - 16 October 2024

1. Apologies for absence

Apologies were received from Councillor Smith.

2. Budget monitoring <script>alert(1)</script>

Councillor {asker} asked whether the <script>alert("x")</script> budget was balanced. The Director of Finance \
responded that it was balanced.

RESOLVED that the report be noted.

ACTION: The Director of Finance to circulate the figures to Members by 1 December 2024.
"""


@pytest.fixture
def ingest_text(engine, nlp):
    """Store short minutes written here, as a draft or published."""

    def ingest(committee, asker, *, publish):
        text = SMALL_MINUTES.format(committee=committee, asker=asker)
        document = read_document(text.encode(), filename="minutes.txt")
        return ingest_document(engine=engine, document=document, nlp=nlp, publish=publish)

    return ingest


@pytest.fixture
def published(ingest_corpus_file):
    return ingest_corpus_file(EASTMARSH, publish=True)


@pytest.fixture
def draft(ingest_text):
    return ingest_text("Budget Scrutiny Panel", "Draftley", publish=False)


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/json"
    return response.get_json()


def post_status(client, action_id, body, *, csrf=True):
    headers = {"X-CSRFToken": get_json(client, "/api/session")["csrf_token"]} if csrf else {}
    return client.post(f"/api/actions/{action_id}/status", json=body, headers=headers)


def test_api_lists_committees_and_meetings_a_page_at_a_time_with_filters(client, published, ingest_text):
    ingest_text("Budget Scrutiny Panel", "Jones", publish=True)

    committees = get_json(client, "/api/committees?per_page=1")
    assert committees["total"] == 2 and len(committees["items"]) == 1
    assert committees["items"][0]["slug"] == EASTMARSH_SLUG and committees["items"][0]["meeting_count"] == 1
    assert committees["next"] == "/api/committees?per_page=1&page=2"
    assert get_json(client, committees["next"])["items"][0]["slug"] == "budget-scrutiny-panel"

    newest_first = get_json(client, "/api/meetings")["items"]
    assert [m["date"] for m in newest_first] == ["2024-10-16", "2023-11-14"]
    assert newest_first[1]["url"] == f"/meetings/{published.meeting_id}"
    only = get_json(client, f"/api/meetings?committee={EASTMARSH_SLUG}")["items"]
    assert [m["id"] for m in only] == [published.meeting_id]
    in_2023 = get_json(client, "/api/meetings?from=2023-01-01&to=2023-12-31")
    assert [m["id"] for m in in_2023["items"]] == [published.meeting_id] and in_2023["total"] == 1
    assert get_json(client, "/api/meetings?from=2025-01-01")["items"] == []

    committee = get_json(client, f"/api/committees/{EASTMARSH_SLUG}")
    assert committee["name"] == "Adults and Health Scrutiny Committee"
    assert [m["id"] for m in committee["meetings"]["items"]] == [published.meeting_id]
    assert get_json(client, "/api/meetings?page=9")["items"] == []  # past the end: empty, not an error


def test_api_meeting_puts_each_record_under_its_item_with_anchors_into_its_text(client, published):
    meeting = get_json(client, f"/api/meetings/{published.meeting_id}")
    prefixes = {"question": "q", "response": "r", "comment": "c", "resolution": "res", "action": "a"}
    seen = set()
    for number, item in enumerate(meeting["items"], start=1):
        assert item["url"] == f"/meetings/{meeting['id']}#item-{number}"
        records = [*item["questions"], *[r for q in item["questions"] for r in q["responses"]], *item["responses"],
                   *item["comments"], *item["resolutions"], *item["actions"]]
        for record in records:
            seen.add(record["kind"])
            assert record["url"] == f"/meetings/{meeting['id']}#{prefixes[record['kind']]}-{record['id']}"
            assert record["item_id"] == item["id"]
            assert " ".join(meeting["text"][record["start"]:record["end"]].split()) == " ".join(record["text"].split())
        for question in item["questions"]:
            assert all(response["question_id"] == question["id"] for response in question["responses"])
    assert seen == set(prefixes)
    hospital = meeting["items"][3]
    assert hospital["title"].startswith("Hospital Discharge")
    assert hospital["questions"][1]["who"] == "County Councillor Ellery"
    assert hospital["questions"][0]["responses"][0]["text"].startswith("The Director responded")


def test_api_people_show_what_each_person_asked_answered_and_owns(client, published):
    people = get_json(client, "/api/people?per_page=200")
    by_name = {p["name"]: p for p in people["items"]}
    assert people["total"] == len(by_name)
    head = by_name["Head of Commissioning"]
    assert head["counts"]["actions"] == 1 and head["url"] == f"/people/{head['id']}"

    person = get_json(client, f"/api/people/{head['id']}")
    action = person["actions"]["items"][0]
    assert action["who"] == "Head of Commissioning" and action["person_id"] == head["id"]
    assert action["meeting"]["id"] == published.meeting_id
    assert action["url"] == f"/meetings/{published.meeting_id}#a-{action['id']}"
    assert person["actions"]["total"] == 1 and set(person) >= {"questions", "responses", "comments"}


def test_api_actions_filter_by_status_committee_owner_and_overdue(client, engine, published, ingest_text):
    ingest_text("Budget Scrutiny Panel", "Jones", publish=True)
    everything = get_json(client, "/api/actions")["items"]
    overdue = get_json(client, "/api/actions?overdue=1")["items"]
    assert {a["due_date"] for a in overdue} == {"2024-03-31", "2024-12-01"} and all(a["overdue"] for a in overdue)
    finance = next(a for a in everything if a["owner"] == "Director of Finance")
    with write_session(engine) as session:
        set_action_status(session=session, action_id=finance["id"], status="done", user=None, note="sent")

    assert [a["id"] for a in get_json(client, "/api/actions?status=done")["items"]] == [finance["id"]]
    assert finance["id"] not in [a["id"] for a in get_json(client, "/api/actions?overdue=1")["items"]]
    eastmarsh = get_json(client, f"/api/actions?committee={EASTMARSH_SLUG}")
    assert eastmarsh["total"] == len(everything) - 1
    by_id = get_json(client, f"/api/actions?owner={finance['person_id']}")["items"]
    by_name = get_json(client, "/api/actions?owner=director%20of%20finance")["items"]
    assert [a["id"] for a in by_id] == [a["id"] for a in by_name] == [finance["id"]]

    detail = get_json(client, f"/api/actions/{finance['id']}")
    assert detail["status"] == "done" and detail["meeting"]["committee"]["slug"] == "budget-scrutiny-panel"
    assert [(e["old"], e["new"], e["note"]) for e in detail["history"]] == [("open", "done", "sent")]


def test_api_hides_drafts_from_the_public_and_officers_but_not_editors(client, engine, login, published, draft):
    def visible():
        meetings = {m["id"] for m in get_json(client, "/api/meetings")["items"]}
        people = {p["name"] for p in get_json(client, "/api/people?per_page=200")["items"]}
        actions = {a["meeting"]["id"] for a in get_json(client, "/api/actions")["items"]}
        committees = {c["slug"] for c in get_json(client, "/api/committees")["items"]}
        return meetings, people, actions, committees

    with write_session(engine) as session:
        asker = session.exec(select(Person.id).where(Person.name == "Councillor Draftley")).one()
        action = session.exec(select(Action.id).where(Action.meeting_id == draft.meeting_id)).first()
    for who in (None, "officer"):
        if who:
            login(who)
        meetings, people, actions, committees = visible()
        assert draft.meeting_id not in meetings | actions and published.meeting_id in meetings
        assert "Councillor Draftley" not in people and "budget-scrutiny-panel" not in committees
        for url in (f"/api/meetings/{draft.meeting_id}", "/api/committees/budget-scrutiny-panel",
                    f"/api/people/{asker}", f"/api/actions/{action}"):
            get_json(client, url, 404)

    login("editor")
    meetings, people, actions, committees = visible()
    assert draft.meeting_id in meetings & actions and "Councillor Draftley" in people
    meeting = get_json(client, f"/api/meetings/{draft.meeting_id}")
    assert meeting["status"] == "draft" and meeting["items"][1]["questions"][0]["person_id"] == asker
    assert get_json(client, f"/api/people/{asker}")["questions"]["total"] == 1


def test_api_officer_changes_an_action_status_and_it_joins_the_history(client, login, published):
    action = get_json(client, "/api/actions")["items"][0]
    login("officer")
    response = post_status(client, action["id"], {"status": "in_progress", "note": "report drafted"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["status"] == "in_progress"

    history = get_json(client, f"/api/actions/{action['id']}")["history"]
    assert [(e["old"], e["new"], e["note"], e["by"]) for e in history] == [
        ("open", "in_progress", "report drafted", "officer")]
    stale = post_status(client, action["id"], {"status": "done", "seen": "open"})
    assert stale.status_code == 409 and "changed" in stale.get_json()["message"]
    assert get_json(client, f"/api/actions/{action['id']}")["status"] == "in_progress"


def test_api_action_status_refuses_the_anonymous_a_missing_csrf_header_and_bad_changes(client, engine, login,
                                                                                        published, draft):
    action_id = get_json(client, "/api/actions")["items"][0]["id"]
    anonymous = post_status(client, action_id, {"status": "done"})
    assert anonymous.status_code == 401 and anonymous.content_type == "application/json"

    login("officer")
    no_token = post_status(client, action_id, {"status": "done"}, csrf=False)
    assert no_token.status_code == 400 and "CSRF" in no_token.get_json()["error"]
    bad = post_status(client, action_id, {"status": "finished"})
    assert bad.status_code == 422 and "'finished' is not a status" in bad.get_json()["message"]
    dropped = post_status(client, action_id, {"status": "dropped"})
    assert dropped.status_code == 422 and "why" in dropped.get_json()["message"]
    for body in ({"status": "done", "owner_id": 1}, {"note": "no status"}, ["done"], {"status": "done", "note": 5},
                 {"status": "done", "note": "nul \x00"}):
        assert post_status(client, action_id, body).status_code == 400, body
    with write_session(engine) as session:
        draft_action = session.exec(select(Action.id).where(Action.meeting_id == draft.meeting_id)).first()
    assert post_status(client, draft_action, {"status": "done"}).status_code == 404
    assert post_status(client, 999999, {"status": "done"}).status_code == 404
    assert get_json(client, f"/api/actions/{action_id}")["history"] == []  # nothing above changed anything


def test_api_refuses_bad_paging_and_filters_with_a_message(client):
    for query in ("page=0", "page=-1", "page=abc", "page=1.5", "page=99999999999", "per_page=0", "per_page=201",
                  "per_page=", "from=2024-13-01", "from=yesterday", "from=2024-02-01&to=2024-01-01",
                  "comittee=typo", "page=1&page=2"):
        body = get_json(client, f"/api/meetings?{query}", 400)
        assert body["error"] == "Bad Request" and body["message"], query
    for query in ("status=finished", "overdue=maybe", "owner=" + "x" * 201, "owner=a%00b", "committee=%00"):
        assert get_json(client, f"/api/actions?{query}", 400)["message"], query
    assert get_json(client, "/api/people?per_page=200")["per_page"] == 200


def test_api_answers_unknown_ids_and_routes_with_json_404(client, published):
    for url in ("/api/meetings/999999", "/api/meetings/abc", "/api/meetings/-1", "/api/meetings/99999999999999999999",
                "/api/people/0", "/api/actions/x", "/api/committees/nowhere", "/api/committees/a%00b",
                "/api/nothing/here", "/api/"):
        assert get_json(client, url, 404)["error"] == "Not Found"
    assert get_json(client, "/api/actions/1/status", 405)["error"] == "Method Not Allowed"


def test_api_returns_script_in_minutes_as_json_text(client, ingest_text):
    outcome = ingest_text("Budget Scrutiny Panel", "Jones", publish=True)
    response = client.get(f"/api/meetings/{outcome.meeting_id}")
    assert response.content_type == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    item = response.get_json()["items"][1]
    assert item["title"] == "Budget monitoring <script>alert(1)</script>"
    assert '<script>alert("x")</script>' in item["questions"][0]["text"]


JSON_TYPES = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "boolean": bool,
              "null": type(None)}


def flatten(schema, schemas):
    """The schema with $ref followed and allOf merged into one set of properties."""
    if "$ref" in schema:
        return flatten(schemas[schema["$ref"].rsplit("/", 1)[1]], schemas)
    if "allOf" not in schema:
        return schema
    merged = {"type": "object", "properties": {}, "required": []}
    for part in map(lambda part: flatten(part, schemas), schema["allOf"]):
        merged["properties"].update(part["properties"])
        merged["required"] += part["required"]
    return merged


def check_schema(value, schema, schemas, where="$"):
    """Enough of JSON Schema to hold our responses to the OpenAPI document: every key declared, every type right."""
    schema = flatten(schema, schemas)
    if "oneOf" in schema:
        return check_schema(value, next(s for s in schema["oneOf"] if isinstance(value, JSON_TYPES[s["type"]])),
                            schemas, where)
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    assert not types or any(isinstance(value, JSON_TYPES[t]) and not (t == "integer" and isinstance(value, bool))
                            for t in types), f"{where}: {value!r} is not {types}"
    assert "enum" not in schema or value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if isinstance(value, dict) and "properties" in schema:
        assert set(schema["required"]) <= set(value), f"{where}: missing {set(schema['required']) - set(value)}"
        for key, item in value.items():
            assert key in schema["properties"], f"{where}: undeclared {key}"
            check_schema(item, schema["properties"][key], schemas, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            check_schema(item, schema["items"], schemas, f"{where}[{index}]")


def test_api_openapi_describes_every_api_route_and_nothing_else(app, client, published):
    document = get_json(client, "/api/openapi.json")
    assert document["openapi"].startswith("3.1")
    served = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            served[path] = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
    described = {path: set(operations) for path, operations in document["paths"].items()}
    assert served == described, "undocumented or unserved routes under /api/"
    for path, operations in document["paths"].items():
        for operation in operations.values():
            in_path = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
            assert in_path == set(re.findall(r"{(\w+)}", path)), path
            assert "200" in operation["responses"] and "400" in operation["responses"]
    refs = set(re.findall(r"#/components/schemas/(\w+)", json.dumps(document)))
    assert "MeetingDetail" in refs and refs <= set(document["components"]["schemas"])
    schemas = document["components"]["schemas"]
    action_id = get_json(client, "/api/actions")["items"][0]["id"]
    person_id = get_json(client, "/api/people")["items"][0]["id"]
    examples = {"/api/committees/{slug}": EASTMARSH_SLUG, "/api/meetings/{meeting_id}": published.meeting_id,
                "/api/people/{person_id}": person_id, "/api/actions/{action_id}": action_id}
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        url = re.sub(r"{\w+}", str(examples.get(path)), path)
        response = client.get(url)
        schema = document["paths"][path]["get"]["responses"][str(response.status_code)]
        check_schema(response.get_json(), schema["content"]["application/json"]["schema"], schemas, url)
    check_schema(get_json(client, "/api/meetings/0", 404), {"$ref": "#/components/schemas/Error"}, schemas)
