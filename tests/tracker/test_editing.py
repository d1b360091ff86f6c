"""Adding and correcting minutes in the browser: an editor pastes or uploads minutes, checks every record
found against the highlighted source, corrects what the segmenter got wrong, and publishes."""

import io
import re
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from factories import PDF_TEXT_PAGE, build_docx, build_pdf
from tests_support import csrf_token, follow_job
from tracker.minutes.review import highlight_source
from tracker.models import (Action, ActionEvent, AgendaItem, AuditEntry, Comment, Meeting, MeetingStatus, Person, Question,
                            Response)

MINUTES = """Adults and Health Scrutiny Committee - Tuesday, 14th November, 2023 10.00 am

1. Apologies

Apologies were received from Councillor Rudd.

2. Care Home Capacity

Councillor Foster asked how many care home beds were vacant across the county. The Director of Adult Social \
Care advised that 40 beds were vacant at the end of October and agreed to circulate the bed figures to Members \
by the end of January 2024. Councillor Green asked whether care home fees would rise next year. The Director of \
Adult Social Care responded that fees would rise by five per cent. Councillor \
Green commented that the rise would be hard for families.

RESOLVED – That the report be noted.
"""


def count(engine, model):
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def rows(engine, model, **where):
    with Session(engine) as session:
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return session.exec(query.order_by(model.id)).all()


def one(engine, model, ident):
    with Session(engine) as session:
        return session.get(model, ident)


def token(client):
    return csrf_token(client.get("/drafts"))


def paste(client, text=MINUTES, **fields):
    return follow_job(client, client.post("/minutes/new", data={"text": text, "committee": "", "csrf_token": token(client),
                                                                **fields}))


@pytest.fixture
def meeting(client, login, engine):
    """An editor is signed in and has pasted MINUTES; returns the stored meeting."""
    login("editor")
    response = paste(client)
    assert response.status_code == 302, response.get_data(as_text=True)
    return rows(engine, Meeting)[0]


def correct(client, meeting, record_kind, record_id, action, /, **data):
    return client.post(f"/meetings/{meeting.id}/records/{record_kind}/{record_id}/{action}",
                       data={"csrf_token": token(client), **data})


def audit_events(engine, event):
    return rows(engine, AuditEntry, event=event)


# --- adding minutes -------------------------------------------------------------------

def test_editing_pasted_minutes_land_on_the_review_page_with_every_record_highlighted(client, login, engine, app):
    login("editor")
    assert client.get("/minutes/new").status_code == 200
    response = paste(client)
    meeting = rows(engine, Meeting)[0]
    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{meeting.id}/review"
    assert meeting.status == MeetingStatus.DRAFT and meeting.date.isoformat() == "2023-11-14"
    assert (Path(app.config["UPLOADS_PATH"]) / meeting.source_file).read_bytes() == MINUTES.encode("utf-8")

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "stored as a draft" in page
    for question in rows(engine, Question):
        assert f'id="rec-question-{question.id}"' in page
        assert f'id="src-question-{question.id}">question · q.asked</span>' in page
    # the action sits inside the response it was found in: both are marked over its words
    action = rows(engine, Action)[0]
    response_record = next(r for r in rows(engine, Response) if r.start <= action.start and action.end <= r.end)
    assert re.search(r'<mark class="hl hl-action hl-overlap" data-records="[^"]*response-%d[^"]*action-%d'
                     % (response_record.id, action.id), page)
    assert 'name="csrf_token"' in page and "review.js" in page


def test_editing_the_same_minutes_twice_are_already_stored(meeting, client, engine):
    again = paste(client)
    assert again.headers["Location"] == f"/meetings/{meeting.id}/review"
    assert "already stored" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert count(engine, Meeting) == 1


@pytest.mark.slow
def test_editing_uploads_word_pdf_and_html_files(client, login, engine):
    login("editor")
    html = b"<html><body><h1>Planning Committee</h1><p>1. Minutes</p><p>RESOLVED - That the minutes be approved.</p>"
    files = [("minutes.docx", build_docx(), "docx"), ("minutes.pdf", build_pdf([PDF_TEXT_PAGE]), "pdf"),
             ("minutes.html", html + b"</body></html>", "html")]
    for day, (name, data, kind) in enumerate(files, 1):
        response = follow_job(client, client.post("/minutes/new", data={
            "csrf_token": token(client), "file": (io.BytesIO(data), name), "committee": "",
            "new_committee": "Uploads Committee", "meeting_date": f"2024-10-0{day}"},
            content_type="multipart/form-data"))
        assert response.status_code == 302, response.get_data(as_text=True)
        stored = rows(engine, Meeting)[-1]
        assert (stored.source_format, stored.source_name, stored.date.day) == (kind, name, day)
        assert client.get(response.headers["Location"]).status_code == 200


@pytest.mark.slow
def test_editing_bad_files_get_a_clear_message_and_nothing_is_stored(client, login, engine, app):
    login("editor")
    app.config["MAX_UPLOAD_BYTES"] = 4000

    def upload(name, data):
        return follow_job(client, client.post("/minutes/new", data={
            "csrf_token": token(client), "file": (io.BytesIO(data), name), "committee": ""},
            content_type="multipart/form-data"))

    junk = upload("minutes.txt", bytes(range(256)) * 8)
    assert junk.status_code == 415 and "its content is binary data" in junk.get_data(as_text=True)
    disguised = upload("minutes.pdf", b"<html><body><p>Minutes</p></body></html>")
    assert disguised.status_code == 415 and "is not a PDF: its content is HTML" in disguised.get_data(as_text=True)
    wrong_type = upload("minutes.exe", b"Minutes")
    assert wrong_type.status_code == 422 and "Upload a .txt, .html, .pdf or .docx file" in wrong_type.get_data(
        as_text=True)
    too_big = upload("minutes.txt", b"Minutes of the meeting. " * 200)
    assert too_big.status_code == 413 and "over 3.9 KB, the largest accepted" in too_big.get_data(as_text=True)
    app.config["MAX_CONTENT_LENGTH"] = 8000  # a body the server refuses before the view reads it
    refused = upload("minutes.txt", b"x" * 20_000)
    assert refused.status_code == 413
    assert "The upload is too large" in refused.get_data(as_text=True)
    assert 'id="file"' in refused.get_data(as_text=True)  # the form again, with the message by the file box
    assert count(engine, Meeting) == 0
    assert not list(Path(app.config["UPLOADS_PATH"]).glob("*")) if Path(app.config["UPLOADS_PATH"]).exists() else True


def test_editing_minutes_that_name_no_committee_are_kept_as_a_draft_that_asks_for_it(client, login, engine):
    login("editor")
    text = "1. Budget\n\nCouncillor Ash asked whether the budget was balanced. RESOLVED – That the report be noted.\n"
    missing = paste(client, text)
    assert missing.status_code == 302
    review = client.get(missing.headers["Location"]).get_data(as_text=True)
    assert "do not name the committee" in review and "do not give the meeting date" in review
    [meeting] = rows(engine, Meeting)
    assert meeting.status == "draft" and meeting.date is None
    named = paste(client, text + "\nAll agreed.\n", new_committee="Budget Panel", meeting_date="2024-02-01")
    assert named.status_code == 302
    assert sorted(str(m.date) for m in rows(engine, Meeting)) == ["2024-02-01", "None"]


def test_editing_the_add_form_explains_what_is_missing_or_wrong(client, login, engine):
    login("editor")
    nothing = paste(client, "   ")
    assert nothing.status_code == 422 and "Paste the minutes or choose a file" in nothing.get_data(as_text=True)
    bad_date = paste(client, meeting_date="14/11/2023")
    assert bad_date.status_code == 422 and "Enter the date as YYYY-MM-DD" in bad_date.get_data(as_text=True)
    assert count(engine, Meeting) == 0


# --- who may edit ---------------------------------------------------------------------

def test_editing_is_for_editors_officers_are_refused_and_visitors_sent_to_sign_in(client, login, engine, meeting):
    question = rows(engine, Question)[0]
    pages = ["/minutes/new", "/drafts", f"/meetings/{meeting.id}/review"]
    client.post("/logout", data={"csrf_token": token(client)})
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    login("officer")
    for page in pages:
        assert client.get(page).status_code == 403
    page = client.get("/")
    refused = client.post(f"/meetings/{meeting.id}/records/question/{question.id}/edit",
                          data={"csrf_token": csrf_token(page), "text": "Changed"})
    assert refused.status_code == 403
    assert one(engine, Question, question.id).text == question.text


def test_editing_a_form_without_its_csrf_token_is_refused(meeting, client, engine):
    question = rows(engine, Question)[0]
    refused = client.post(f"/meetings/{meeting.id}/records/question/{question.id}/edit", data={"text": "Changed"})
    assert refused.status_code == 400
    assert client.post(f"/meetings/{meeting.id}/publish").status_code == 400
    assert one(engine, Question, question.id).text == question.text
    assert one(engine, Meeting, meeting.id).status == MeetingStatus.DRAFT


def test_editing_ids_must_belong_to_the_meeting_in_the_address(meeting, client, engine):
    other = paste(client, MINUTES.replace("14th November", "12th December"))
    assert other.status_code == 302
    theirs = rows(engine, Question)[-1]
    assert theirs.meeting_id != meeting.id
    assert correct(client, meeting, "question", theirs.id, "edit", text="Moved").status_code == 404
    for address in (f"/meetings/{meeting.id}/records/question/99999999999999999999/edit",
                    f"/meetings/{meeting.id}/records/person/1/edit", f"/meetings/x/records/question/1/edit"):
        assert client.post(address, data={"csrf_token": token(client)}).status_code == 404
    assert client.get("/meetings/99999999999999999999999/review").status_code == 404
    assert one(engine, Question, theirs.id).text == theirs.text


def test_editing_drafts_lists_unpublished_meetings_newest_first(meeting, client, engine):
    paste(client, MINUTES.replace("Adults and Health", "Children's Services"))
    page = client.get("/drafts").get_data(as_text=True)
    assert page.index("Children&#39;s Services Scrutiny Committee") < page.index("Adults and Health Scrutiny")
    client.post(f"/meetings/{meeting.id}/publish", data={"csrf_token": token(client)})
    assert "Adults and Health Scrutiny" not in client.get("/drafts").get_data(as_text=True)


# --- corrections ----------------------------------------------------------------------

def test_editing_a_question_becomes_a_comment_keeping_its_text_offsets_and_speaker(meeting, client, engine):
    question = rows(engine, Question)[0]
    response = correct(client, meeting, "question", question.id, "kind", kind="comment")
    comment = next(c for c in rows(engine, Comment) if c.start == question.start)
    assert response.status_code == 302
    assert response.headers["Location"] == (f"/meetings/{meeting.id}/review?changed=rec-comment-{comment.id}"
                                            f"#rec-comment-{comment.id}")
    assert (comment.text, comment.end, comment.rule, comment.speaker) == (question.text, question.end, question.rule,
                                                                           "Councillor Foster")
    assert comment.edited_by_id is not None and one(engine, Question, question.id) is None
    assert [e.username for e in audit_events(engine, "record.kind")] == ["editor"]


def test_editing_text_is_corrected_and_offsets_follow_it(meeting, client, engine):
    response_record = rows(engine, Response)[0]
    shorter = "40 beds were vacant at the end of October"
    assert correct(client, meeting, "response", response_record.id, "edit", text=shorter,
                   who=response_record.responder).status_code == 302
    edited = one(engine, Response, response_record.id)
    assert meeting.text[edited.start:edited.end] == shorter and edited.edited_by_id is not None
    reworded = correct(client, meeting, "response", response_record.id, "edit", text="Forty beds were free.")
    assert reworded.status_code == 302
    assert (one(engine, Response, response_record.id).start, one(engine, Response, response_record.id).end) == (
        edited.start, edited.end)
    page = client.get(f"/meetings/{meeting.id}/review").get_data(as_text=True)
    assert "wording differs from the source" in page
    assert len(audit_events(engine, "record.edit")) == 2


def test_editing_the_asker_links_a_person(meeting, client, engine):
    question = rows(engine, Question)[0]
    assert correct(client, meeting, "question", question.id, "edit", text=question.text,
                   who="Councillor  Foster-Smith").status_code == 302
    edited = one(engine, Question, question.id)
    assert edited.asker == "Councillor Foster-Smith"
    assert one(engine, Person, edited.asker_id).name == "Councillor Foster-Smith"
    detail = audit_events(engine, "record.edit")[0].detail
    assert "Councillor Foster" in detail and "Councillor Foster-Smith" in detail


def test_editing_an_action_due_date_needs_a_reason_and_goes_into_its_history(meeting, client, engine):
    action = rows(engine, Action)[0]
    fields = {"text": action.text, "owner": "Head of Commissioning", "due": "by the end of March 2024",
              "due_date": "2024-03-31"}
    refused = correct(client, meeting, "action", action.id, "edit", **fields)
    assert refused.status_code == 422
    assert re.search(r'id="action-%d-edit-reason-error">.*Say why the due date is changing' % action.id,
                     refused.get_data(as_text=True))
    assert one(engine, Action, action.id).due_date == action.due_date and not rows(engine, ActionEvent)

    assert correct(client, meeting, "action", action.id, "edit", reason="The data arrives in March",
                   **fields).status_code == 302
    changed = one(engine, Action, action.id)
    assert (changed.owner, changed.due_date.isoformat()) == ("Head of Commissioning", "2024-03-31")
    history = {e.field: e for e in rows(engine, ActionEvent, action_id=action.id)}
    assert set(history) == {"owner", "due", "due_date"}
    assert history["due_date"].note == "The data arrives in March" and history["due_date"].user_id is not None
    assert history["owner"].old == "Director of Adult Social Care"


def test_editing_a_response_is_linked_to_another_question(meeting, client, engine):
    first, second = rows(engine, Question)
    answer = next(r for r in rows(engine, Response) if r.question_id == first.id)
    assert correct(client, meeting, "response", answer.id, "link", question=str(second.id)).status_code == 302
    assert one(engine, Response, answer.id).question_id == second.id
    other_meeting_question = 99999
    assert correct(client, meeting, "response", answer.id, "link",
                   question=str(other_meeting_question)).status_code == 422
    assert one(engine, Response, answer.id).question_id == second.id
    assert len(audit_events(engine, "record.link")) == 1


def test_editing_a_record_is_split_at_a_sentence_and_merged_back(meeting, client, engine):
    long = next(r for r in rows(engine, Response) if "Councillor Green commented" in r.text)
    cut = long.text.index("Councillor Green commented")
    split = correct(client, meeting, "response", long.id, "split", boundary=str(cut))
    assert split.status_code == 302
    first, second = sorted((r for r in rows(engine, Response) if r.start >= long.start and r.end <= long.end),
                           key=lambda r: r.start)
    assert second.text.startswith("Councillor Green commented") and first.text.endswith("five per cent.")
    for part in (first, second):
        assert meeting.text[part.start:part.end] == part.text
    assert correct(client, meeting, "response", first.id, "merge").status_code == 302
    merged = one(engine, Response, first.id)
    assert (merged.text, merged.start, merged.end) == (long.text, long.start, long.end)
    assert one(engine, Response, second.id) is None
    assert len(audit_events(engine, "record.split")) == len(audit_events(engine, "record.merge")) == 1


def test_editing_delete_asks_first_then_removes_the_record(meeting, client, engine):
    resolution = rows(engine, Question)[1]
    confirm = client.get(f"/meetings/{meeting.id}/records/question/{resolution.id}/delete")
    assert confirm.status_code == 200 and "Yes, delete the question" in confirm.get_data(as_text=True)
    assert one(engine, Question, resolution.id) is not None
    deleted = correct(client, meeting, "question", resolution.id, "delete")
    assert deleted.status_code == 302 and one(engine, Question, resolution.id) is None
    assert audit_events(engine, "record.delete")[0].entity == "question"


def test_editing_a_record_is_added_by_quoting_its_text(meeting, client, engine):
    item = max(rows(engine, Question), key=lambda q: q.id).item_id
    add = f"/meetings/{meeting.id}/records/add"
    quote = "Councillor Green\ncommented that the rise would be hard for families."  # spacing may differ
    added = client.post(add, data={"csrf_token": token(client), "kind": "comment", "item": str(item),
                                   "quote": quote})
    assert added.status_code == 302
    comment = rows(engine, Comment)[-1]
    assert meeting.text[comment.start:comment.end] == comment.text == " ".join(quote.split())
    assert (comment.rule, comment.item_id) == ("manual", item)
    missing = client.post(add, data={"csrf_token": token(client), "kind": "comment", "item": str(item),
                                     "quote": "Nobody said this."})
    assert missing.status_code == 422 and "That text is not in the minutes" in missing.get_data(as_text=True)
    twice = {"csrf_token": token(client), "kind": "action", "item": str(item), "quote": "Director of Adult Social Care"}
    ambiguous = client.post(add, data=twice)
    assert ambiguous.status_code == 422 and "say which occurrence" in ambiguous.get_data(as_text=True)
    assert client.post(add, data={**twice, "occurrence": "2"}).status_code == 302
    second = rows(engine, Action)[-1]
    assert second.start == meeting.text.index("Director of Adult Social Care", meeting.text.index(
        "Director of Adult Social Care") + 1)
    assert len(audit_events(engine, "record.add")) == 2


def test_editing_publish_shows_the_meeting_to_the_public_and_unpublish_hides_it(meeting, client, engine, app):
    visitor = app.test_client()
    assert visitor.get(f"/meetings/{meeting.id}").status_code == 404
    assert client.post(f"/meetings/{meeting.id}/publish", data={"csrf_token": token(client)}).status_code == 302
    published = one(engine, Meeting, meeting.id)
    assert published.status == MeetingStatus.PUBLISHED and published.published_at is not None
    assert visitor.get(f"/meetings/{meeting.id}").status_code == 200
    assert client.get(f"/meetings/{meeting.id}/review").status_code == 200  # published meetings stay correctable
    assert client.post(f"/meetings/{meeting.id}/unpublish", data={"csrf_token": token(client)}).status_code == 302
    assert visitor.get(f"/meetings/{meeting.id}").status_code == 404
    assert [e.event for e in rows(engine, AuditEntry) if e.entity == "meeting"][-2:] == ["publish", "unpublish"]


def test_editing_a_draft_meeting_is_deleted_with_its_records_and_file(meeting, client, engine, app):
    kept = Path(app.config["UPLOADS_PATH"]) / meeting.source_file
    assert kept.exists()
    assert client.get(f"/meetings/{meeting.id}/delete").status_code == 200
    assert client.post(f"/meetings/{meeting.id}/delete", data={"csrf_token": token(client)}).status_code == 302
    assert count(engine, Meeting) == count(engine, Question) == count(engine, Action) == 0
    assert not kept.exists()
    assert audit_events(engine, "meeting.delete")[0].entity_id == meeting.id


def test_editing_meeting_details_are_changed_on_the_review_page(meeting, client, engine):
    changed = client.post(f"/meetings/{meeting.id}/details", data={
        "csrf_token": token(client), "committee": "Adult Social Care Panel", "date": "2023-11-15", "title": ""})
    assert changed.status_code == 302
    page = client.get(changed.headers["Location"]).get_data(as_text=True)
    assert "Review: Adult Social Care Panel, 15 November 2023" in page
    blank = client.post(f"/meetings/{meeting.id}/details", data={"csrf_token": token(client), "committee": " "})
    assert blank.status_code == 422 and "Enter the committee&#39;s name" in blank.get_data(as_text=True)


def test_editing_an_invalid_form_or_extra_fields_change_nothing(meeting, client, engine):
    question = rows(engine, Question)[0]
    empty = correct(client, meeting, "question", question.id, "edit", text="   ")
    assert empty.status_code == 422
    page = empty.get_data(as_text=True)
    assert re.search(r'id="question-%d-edit-text-error">.*Enter the text of the record' % question.id, page)
    assert "<h1>Correct this question</h1>" in page  # shown again on the record's own page, message by the field
    split = correct(client, meeting, "question", question.id, "split", at="100000")
    assert split.status_code == 422 and "Give a position between 1 and" in split.get_data(as_text=True)
    sneaky = correct(client, meeting, "question", question.id, "edit", text=question.text, meeting_id="999",
                     start="0", rule="forged", edited_by_id="1", status="published")
    assert sneaky.status_code == 302
    after = one(engine, Question, question.id)
    assert (after.meeting_id, after.start, after.rule, after.edited_by_id) == (
        question.meeting_id, question.start, question.rule, None)
    assert one(engine, Meeting, meeting.id).status == MeetingStatus.DRAFT
    assert len(rows(engine, Question)) == 2 and not audit_events(engine, "record.edit")


def test_editing_long_minutes_link_each_record_to_its_own_correction_page(meeting, client, engine, monkeypatch):
    monkeypatch.setattr("tracker.minutes.review.INLINE_FORMS_LIMIT", 3)
    question = rows(engine, Question)[0]
    review = client.get(f"/meetings/{meeting.id}/review").get_data(as_text=True)
    address = f"/meetings/{meeting.id}/records/question/{question.id}"
    assert f'href="{address}"' in review and "Save changes" not in review
    page = client.get(address).get_data(as_text=True)
    assert f'<mark class="hl hl-question">{question.text}</mark>' in page and "Save changes" in page


def test_editing_minutes_text_is_escaped_on_the_review_page(client, login):
    login("editor")
    response = paste(client, MINUTES.replace("Apologies were received",
                                             "<script>alert(1)</script> Apologies were received"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_editing_highlight_cuts_overlapping_records_at_every_boundary():
    class Rec:
        def __init__(self, ident, start, end, rule="r"):
            self.id, self.start, self.end, self.rule = ident, start, end, rule

    text = "A <b> & C said. Then D."
    markup = str(highlight_source(text, [("response", Rec(1, 0, 23)), ("action", Rec(2, 6, 15, "a&b")),
                                         ("comment", Rec(3, 20, 40))]))  # the comment's offsets are out of range
    assert markup == ('<span class="mark-label kind-response" id="src-response-1">response · r</span>'
                      '<mark class="hl hl-response" data-records="response-1">A &lt;b&gt; </mark>'
                      '<span class="mark-label kind-action" id="src-action-2">action · a&amp;b</span>'
                      '<mark class="hl hl-action hl-overlap" data-records="response-1 action-2">&amp; C said.</mark>'
                      '<mark class="hl hl-response" data-records="response-1"> Then D.</mark>')


def test_editing_messages_are_good_english_and_an_agenda_item_is_added_from_the_add_form(meeting, client, engine):
    question = rows(engine, Question)[0]
    changed = correct(client, meeting, "question", question.id, "kind", kind="action")
    assert changed.status_code == 302
    assert "The question is now an action." in client.get(changed.headers["Location"]).get_data(as_text=True)

    added = client.post(f"/meetings/{meeting.id}/records/add", data={
        "csrf_token": token(client), "kind": "item", "item": "", "quote": "RESOLVED – That the report be noted."})
    assert added.status_code == 302, added.get_data(as_text=True)
    assert added.headers["Location"].endswith("#item-3")
    page = client.get(added.headers["Location"]).get_data(as_text=True)
    assert "The agenda item “RESOLVED – That the report be noted.” was added, with the records found under it." in page
    items = rows(engine, AgendaItem, meeting_id=meeting.id)
    assert sorted(item.position for item in items) == [0, 1, 2]


def test_editing_a_chosen_file_survives_a_failed_submit_and_is_used_on_the_next(client, login, engine):
    login("editor")
    data = MINUTES.encode("utf-8")
    failed = client.post("/minutes/new", data={"csrf_token": token(client), "file": (io.BytesIO(data), "march.txt"),
                                               "committee": "", "meeting_date": "14/14/2024"},
                         content_type="multipart/form-data")
    page = failed.get_data(as_text=True)
    assert failed.status_code == 422 and "Kept from your last try: <strong>march.txt</strong>" in page
    kept = re.search(r'name="kept" type="hidden" value="([0-9a-f]{32})"', page)[1]
    assert count(engine, Meeting) == 0
    again = follow_job(client, client.post("/minutes/new", data={"csrf_token": token(client), "kept": kept,
                                                                  "committee": ""}, content_type="multipart/form-data"))
    assert again.status_code == 302
    [meeting] = rows(engine, Meeting)
    assert meeting.source_name == "march.txt"
    # used once: the same token again finds nothing, and says so
    gone = client.post("/minutes/new", data={"csrf_token": token(client), "kept": kept, "committee": ""},
                       content_type="multipart/form-data")
    assert gone.status_code == 422 and "choose it again" in gone.get_data(as_text=True)


def test_editing_publishing_undated_minutes_asks_for_the_date_first(client, login, engine):
    login("editor")
    text = "1. Budget\n\nCouncillor Ash asked whether the budget was balanced. RESOLVED – That the report be noted.\n"
    paste(client, text, new_committee="Budget Panel")
    [meeting] = rows(engine, Meeting)
    refused = client.post(f"/meetings/{meeting.id}/publish", data={"csrf_token": token(client)})
    assert refused.status_code == 422 and "do not give the meeting" in refused.get_data(as_text=True)
    assert one(engine, Meeting, meeting.id).status == MeetingStatus.DRAFT
    client.post(f"/meetings/{meeting.id}/details", data={"csrf_token": token(client), "committee": "Budget Panel",
                                                         "date": "2024-02-01", "title": ""})
    assert client.post(f"/meetings/{meeting.id}/publish", data={"csrf_token": token(client)}).status_code == 302
    assert one(engine, Meeting, meeting.id).status == MeetingStatus.PUBLISHED
