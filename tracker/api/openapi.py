"""The JSON API described as data: the OpenAPI 3.1 document served at /api/openapi.json.

This module is the one description of the API's routes, parameters and
response shapes; a test fails when a route under /api/ is missing here or
described here but not served.
"""

from __future__ import annotations

from typing import Any

from ..models import ActionStatus, MeetingStatus, PersonRole, RecordKind, Role

DEFAULT_PER_PAGE = 50  # api.py enforces these
MAX_PER_PAGE = 200


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _values(vocabulary) -> list[str]:
    return [member.value for member in vocabulary]


def _nullable(type_: str, **extra) -> dict[str, Any]:
    return {"type": [type_, "null"], **extra}


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": [name for name in properties if name not in optional]}


def _all(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"allOf": list(parts)}


def _page_of(item: dict[str, Any]) -> dict[str, Any]:
    return _object({"items": {"type": "array", "items": item}, "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                    "total": {"type": "integer", "minimum": 0},
                    "next": _nullable("string", description="the next page's URL; null on the last page")})


_INT = {"type": "integer"}
_STR = {"type": "string"}
_DATE = _nullable("string", format="date")
_TIME = _nullable("string", format="date-time")
_URL = {"type": "string", "description": "the public page (and anchor) showing this"}
_RECORD_LISTS = {"questions": {"type": "array", "items": _ref("Question")},
                 "responses": {"type": "array", "items": _ref("Record"),
                               "description": "responses not threaded under a question"},
                 "comments": {"type": "array", "items": _ref("Record")},
                 "resolutions": {"type": "array", "items": _ref("Record")},
                 "actions": {"type": "array", "items": _ref("Action")}}

SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": _STR, "message": {"type": "string", "description": "what went wrong and what to do"},
                      "incident": _STR}, optional=("incident",)),
    "Council": _object({"slug": _STR, "name": _STR}),
    "Committee": _object({"slug": _STR, "name": _STR, "url": _URL, "api_url": _STR, "council": _ref("Council"),
                          "meeting_count": _INT},
                         optional=("meeting_count",)),
    "CommitteeDetail": _all(_ref("Committee"), _object({"meetings": _page_of(_ref("Meeting"))})),
    "Meeting": _object({"id": _INT, "committee": _ref("Committee"), "date": _DATE, "title": _nullable("string"),
                        "status": {"enum": _values(MeetingStatus)}, "source_name": _nullable("string"),
                        "published_at": _TIME, "url": _URL, "api_url": _STR}),
    "MeetingDetail": _all(_ref("Meeting"), _object({
        "text": {"type": "string", "description": "the normalised minutes text every start and end points into"},
        "items": {"type": "array", "items": _ref("AgendaItem")},
        "outside_items": _object(_RECORD_LISTS)})),
    "AgendaItem": _object({"id": _INT, "kind": {"const": "item"}, "position": _INT, "number": _nullable("string"),
                           "title": _STR, "procedural": {"type": "boolean"}, "start": _INT, "end": _INT,
                           "rule": _STR, "url": {**_URL, "description": "/meetings/<id>#item-<position + 1>"},
                           **_RECORD_LISTS}),
    "Record": _object({
        "id": _INT, "kind": {"enum": _values(RecordKind)}, "meeting_id": _INT, "item_id": _nullable("integer"),
        "position": _INT, "text": _STR, "start": _INT, "end": _INT,
        "rule": {"type": "string", "description": "the segmenter rule that found it"},
        "who": _nullable("string", description="asker, responder, speaker or owner as minuted"),
        "person_id": _nullable("integer"),
        "url": {**_URL, "description": "/meetings/<id>#q-<id> (r-, c-, res-, a- for the other kinds)"},
        "question_id": _nullable("integer", description="responses: the question answered"),
        "resolution_kind": {"type": "string", "description": "resolutions only"}},
        optional=("question_id", "resolution_kind")),
    "Question": _all(_ref("Record"), _object({"responses": {"type": "array", "items": _ref("Record")}})),
    "Action": _all(_ref("Record"), _object({
        "action_kind": _STR, "owner": _nullable("string"), "due": _nullable("string", description="as minuted"),
        "due_date": _DATE, "status": {"enum": _values(ActionStatus)}, "status_note": _nullable("string"),
        "source": _STR, "overdue": {"type": "boolean"}, "updated_at": _TIME, "api_url": _STR})),
    "RecordInMeeting": _all(_ref("Record"), _object({"meeting": _ref("Meeting")})),
    "ActionInMeeting": _all(_ref("Action"), _object({"meeting": _ref("Meeting")})),
    "ActionDetail": _all(_ref("ActionInMeeting"), _object({"history": {"type": "array",
                                                                       "items": _ref("ActionEvent")}})),
    "ActionEvent": _object({"id": _INT, "at": _TIME, "field": _STR, "old": _nullable("string"),
                            "new": _nullable("string"), "note": _nullable("string"),
                            "by": _nullable("string", description="shown to signed-in users only")}),
    "Person": _object({"id": _INT, "name": _STR, "role": {"enum": _values(PersonRole)}, "url": _URL, "api_url": _STR,
                       "council": _ref("Council"),
                       "counts": _object({"questions": _INT, "responses": _INT, "comments": _INT, "actions": _INT})},
                      optional=("counts",)),
    "PersonDetail": _all(_ref("Person"), _object({key: _page_of(_ref("RecordInMeeting"))
                                                  for key in ("questions", "responses", "comments", "actions")})),
    "StatusChange": {**_object({"status": {"enum": _values(ActionStatus)},
                                "note": _nullable("string", maxLength=2000,
                                                  description="why; needed when dropping"),
                                "seen": {"enum": _values(ActionStatus),
                                         "description": "the status you last saw: if it has changed meanwhile the "
                                                        "answer is 409 and nothing changes"}},
                               optional=("note", "seen")), "additionalProperties": False},
    "SearchResults": _object({
        "total": _INT, "page": _INT, "pages": _INT, "suggestion": _nullable("string", description="a spelling to try"),
        "notices": {"type": "array", "items": _STR,
                    "description": "plain words on what was searched instead of the words as typed"},
        "widened": {"type": "boolean", "description": "records with some of the words, as few or none had all"},
        "respelled": _nullable("string", description="the spelling searched for instead of an unknown word"),
        "nearest": {"type": "array", "description": "when nothing was found: committees and people named",
                    "items": _object({"name": _STR, "url": _STR})},
        "hits": {"type": "array", "items": _object({
            "kind": {"enum": ["item", *_values(RecordKind)]}, "text": _STR,
            "snippet": {"type": "string", "description": "HTML: the text escaped, matching words in <mark>"},
            "meeting": _object({"id": _INT, "date": _DATE, "committee": _STR, "council": _STR}),
            "item": _object({"number": _nullable("string"), "title": _nullable("string")}), "url": _URL,
            "score": {"type": "number"},
            "responses": {"type": "array", "description": "questions only: the answers",
                          "items": _object({"text": _STR, "responder": _nullable("string"), "url": _URL})},
            "status": {"enum": _values(ActionStatus), "description": "actions only"},
            "owner": _nullable("string", description="actions only"),
            "due_date": {**_DATE, "description": "actions only"}},
            optional=("responses", "status", "owner", "due_date"))},
        "facets": _object({name: {"type": "object", "additionalProperties": _INT}
                           for name in ("kind", "committee", "year")})}),
    "Session": _object({"user": {"oneOf": [{"type": "null"}, _object({"username": _STR,
                                                                      "role": {"enum": _values(Role)}})]},
                        "csrf_token": {"type": "string", "description": "send as the X-CSRFToken header"}}),
}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _path(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": schema or {"type": "integer", "minimum": 0}}


PAGING = [_query("page", "page number, from 1", {"type": "integer", "minimum": 1, "default": 1}),
          _query("per_page", f"results a page, at most {MAX_PER_PAGE}",
                 {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE})]
COMMITTEE = _query("committee", "a committee's slug", {"type": "string"})
COUNCIL = _query("council", "a council's slug", {"type": "string"})


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    meaning = {400: "bad parameters or body; the message says which", 401: "not signed in",
               403: "the signed-in user's role is too low", 404: "no such record (or a draft you may not see)",
               409: "changed by someone else since you looked", 422: "the change cannot be made as asked"}
    return {str(code): _json(_ref("Error"), meaning[code]) for code in codes}


def _get(summary: str, schema: dict[str, Any], parameters: list[dict[str, Any]], *errors: int) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": parameters,
                    "responses": {"200": _json(schema, "OK"), **_errors(400, *errors)}}}


PATHS: dict[str, Any] = {
    "/api/committees": _get("Committees by name", _page_of(_ref("Committee")), PAGING),
    "/api/committees/{slug}": _get("A committee and a page of its meetings, newest first", _ref("CommitteeDetail"),
                                   [_path("slug", "the committee's slug", {"type": "string"}), *PAGING], 404),
    "/api/meetings": _get("Meetings, newest first", _page_of(_ref("Meeting")), [
        *PAGING, COMMITTEE,
        _query("from", "on or after this date", {"type": "string", "format": "date"}),
        _query("to", "on or before this date", {"type": "string", "format": "date"})]),
    "/api/meetings/{meeting_id}": _get("A meeting with its agenda items and every record in each",
                                       _ref("MeetingDetail"), [_path("meeting_id", "the meeting's id")], 404),
    "/api/people": _get("People named in the minutes, by name", _page_of(_ref("Person")), PAGING),
    "/api/people/{person_id}": _get("A person and a page each of their questions, responses, comments and actions",
                                    _ref("PersonDetail"), [_path("person_id", "the person's id"), *PAGING], 404),
    "/api/actions": _get("Actions, soonest due first", _page_of(_ref("ActionInMeeting")), [
        *PAGING, COMMITTEE, COUNCIL,
        _query("status", "only actions with this status", {"enum": _values(ActionStatus)}),
        _query("owner", "a person's id, or the owner's name as minuted (any case)", {"type": "string"}),
        _query("overdue", "1: only actions past their due date that are neither done nor dropped",
               {"enum": ["0", "1", "true", "false"]}),
        _query("kind", "only actions of this kind", {"enum": ["report_back", "provide_information", "include_data",
                                                             "share", "arrange", "investigate", "other"]}),
        _query("due_from", "due on or after this date", {"type": "string", "format": "date"}),
        _query("due_to", "due on or before this date", {"type": "string", "format": "date"}),
        _query("stale", "1: only undated actions still to do, raised longer ago than ACTION_STALE_DAYS (183)",
               {"enum": ["0", "1", "true", "false"]})]),
    "/api/actions/{action_id}": _get("An action, its meeting and its history of changes", _ref("ActionDetail"),
                                     [_path("action_id", "the action's id")], 404),
    "/api/actions/{action_id}/status": {"post": {
        "summary": "Change an action's status (officer role or above)",
        "description": "Needs the session cookie of a signed-in user and the X-CSRFToken header "
                       "(GET /api/session gives the token).",
        "parameters": [_path("action_id", "the action's id"),
                       {"name": "X-CSRFToken", "in": "header", "required": True, "schema": {"type": "string"}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("StatusChange")}}},
        "responses": {"200": _json(_ref("ActionDetail"), "the action as changed, with its history"),
                      **_errors(400, 401, 403, 404, 409, 422)}}},
    "/api/search": {"get": {
        "summary": "Search the minutes (served by tracker/search_views.py)",
        "parameters": [
            _query("q", "words, \"a phrase\", OR, -not, field:value", {"type": "string"}),
            _query("kind", "only records of this kind (repeatable)", {"enum": ["item", *_values(RecordKind)]}),
            _query("committee", "a committee's slug or name (repeatable)", {"type": "string"}),
            _query("council", "a council's slug or name (repeatable)", {"type": "string"}),
            _query("year", "four digits, or undated", {"type": "string"}),
            _query("from", "meetings on or after this date", {"type": "string", "format": "date"}),
            _query("to", "meetings on or before this date", {"type": "string", "format": "date"}),
            _query("sort", "relevance (the default) or date", {"enum": ["relevance", "date"]}),
            _query("exact", "1: match words exactly, without stemming", {"enum": ["0", "1", "true", "on"]}),
            _query("page", "page number, from 1", {"type": "integer", "minimum": 1, "default": 1}),
            _query("per_page", "hits a page, at most 100", {"type": "integer", "minimum": 1, "maximum": 100,
                                                            "default": 10})],
        "responses": {"200": _json(_ref("SearchResults"), "OK"), **_errors(400),
                      "503": _json(_ref("Error"), "the search index is unavailable; browsing still works")}}},
    "/api/session": _get("Who is signed in, and a CSRF token for writes", _ref("Session"), []),
    "/api/openapi.json": _get("This document", {"type": "object"}, []),
}


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 description of every route under /api/."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Scrutiny Tracker API", "version": "1",
                 "description": "Committees, meetings and what their minutes record: questions and responses, "
                                "comments, resolutions and follow-up actions. Read-only, except for action status. "
                                "Draft meetings are seen by editors only. Errors are JSON {error, message}.",
                 "license": {"name": "MIT", "identifier": "MIT"}},
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
