"""A member's question names an indicator or priority however the minutes write it, and is linked to the report."""

import pytest
from sqlmodel import Session, select

from conftest import CORPUS, shared_page
from tracker.db import write_session
from tracker.minutes.readers import read_document
from tracker.minutes.ingest import ingest_document
from tracker.reports.codes import code_key, find_code_mentions, find_priority_mentions
from tracker.reports.linking import Target, find_links
from tracker.reports.models import Indicator, ReportLink
from tracker.reports.reading import read_report_path
from tracker.reports.service import attach_report, link_meeting, meeting_links

SEED = CORPUS / "reports" / "stockport-2023-cfe-mid-year-pprr.txt"


@pytest.mark.parametrize("written, key", [
    ("CFSE 50", "cfse-50"), ("CFSE50", "cfse-50"), ("CFE.71", "cfe-71"), ("CFE 9(i)", "cfe-9-i"),
    ("CFE 9 (i)", "cfe-9-i"), ("CFE9(i)", "cfe-9-i"), ("CFE.82a", "cfe-82a"), ("CFE 12(iii)", "cfe-12-iii"),
    ("NI 117", "ni-117"), ("PI-04", "pi-4"),
])
def test_reports_linking_code_variants_share_one_key(written, key):
    assert code_key(written) == key
    [mention] = find_code_mentions(f"Members asked about {written}, and were answered.")
    assert mention.matches(key)


@pytest.mark.parametrize("text, inside, outside", [
    ("SEND pupils in Priority Two (CFSE 25 – CFSE 29) to be shared", ["cfse-25", "cfse-27", "cfse-29"],
     ["cfse-24", "cfse-30", "cfe-27"]),
    ("measures CFE.65 to 67 were discussed", ["cfe-65", "cfe-66", "cfe-67"], ["cfe-68"]),
    ("CFE 9 was below target", ["cfe-9-i", "cfe-9-ii"], ["cfe-90", "cfe-19"]),
])
def test_reports_linking_ranges_and_families(text, inside, outside):
    mentions = find_code_mentions(text)
    assert all(any(m.matches(k) for m in mentions) for k in inside)
    assert not any(m.matches(k) for m in mentions for k in outside)


@pytest.mark.parametrize("text", ["Key Stage results at KS2 and KS4", "in Q2 2023/24", "COVID 19 recovery"])
def test_reports_linking_words_that_look_like_codes_are_not(text):
    assert find_code_mentions(text) == []


@pytest.mark.parametrize("text, numbers", [
    ("Regarding Priority Four – CFSE50", (4,)), ("Priority 2 outcomes", (2,)), ("priorities 3 and 4", (3, 4)),
    ("it was a key priority for the council", ()), ("a priority. One member said", ()),
])
def test_reports_linking_priority_mentions(text, numbers):
    found = [n for m in find_priority_mentions(text) for n in m.numbers]
    assert tuple(found) == numbers


def test_reports_linking_a_close_mention_of_the_name_links_and_a_scattered_one_does_not():
    targets = [Target(1, "cfe-9-i", "Early Years Attainment"), Target(2, "cfe-11", "Quality of Secondary School Provision")]
    near = find_links("Members asked why early years attainment had not risen faster.", indicators=targets,
                      priorities=set())
    assert [(f.indicator_id, f.how) for f in near] == [(1, "name")]
    scattered = find_links("Early help was discussed for years; the quality of attainment in schools varied "
                           "and provision of secondary transport was reviewed.", indicators=targets, priorities=set())
    assert scattered == []


CRAFTED = """committee: Children and Families Scrutiny Committee
date: 2023-11-29
---
1. Apologies

Apologies were received from Councillor Brown.

2. Portfolio Performance and Resources Mid-Year Report

Councillor Smith asked why CFE.71, the Family Early Help Assessments completed within 45 working days, was rated red.

The Director responded that recruitment had restored capacity.

Councillor Jones asked about early years attainment and what more could be done.

Councillor Khan commented that Priority Five had seen welcome progress on children's homes.

The Director would circulate the figures for CFE 12 (iii) to members by 31 January 2024.

RESOLVED: That the report be noted.
"""


@pytest.fixture
def crafted_meeting(engine, nlp):
    data = CRAFTED.encode("utf-8")
    outcome = ingest_document(engine=engine, document=read_document(data, filename="m.txt"), nlp=nlp, publish=True)
    return outcome.meeting_id


def _links(engine, report_id):
    with Session(engine) as session:
        rows = session.exec(select(ReportLink, Indicator).outerjoin(Indicator, Indicator.id == ReportLink.indicator_id)
                            .where(ReportLink.report_id == report_id)).all()
        return {(("question" if l.question_id else "comment" if l.comment_id else "action"),
                 i.code if i else f"Priority {l.priority}", l.how) for l, i in rows}


def test_reports_linking_a_crafted_meeting_links_each_record_to_what_it_names(engine, crafted_meeting):
    with write_session(engine) as session:
        outcome = attach_report(session=session, meeting_id=crafted_meeting, document=read_report_path(SEED))
    links = _links(engine, outcome.report_id)
    assert ("question", "CFE.71", "code") in links
    assert ("question", "CFE 9(i)", "name") in links
    assert ("comment", "Priority 5", "priority") in links
    assert ("action", "CFE 12(iii)", "code") in links
    assert not any(code == "CFE.72" for _, code, _ in links)
    with Session(engine) as session:  # and the other way: from the meeting's records to what they were about
        about = meeting_links(session=session, meeting_id=crafted_meeting, include_drafts=False)
    assert [a.linked.kind for a in about][:2] == ["question", "question"]
    assert [i.code for i in about[0].indicators] == ["CFE.71"]


def test_reports_linking_only_the_agenda_item_that_considered_the_report(engine, crafted_meeting):
    from tracker.models import AgendaItem

    with Session(engine) as session:
        apologies = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == crafted_meeting)
                                 .order_by(AgendaItem.position)).first()
    with write_session(engine) as session:
        outcome = attach_report(session=session, meeting_id=crafted_meeting, document=read_report_path(SEED),
                                item_id=apologies.id)
    assert _links(engine, outcome.report_id) == set()


def test_reports_linking_records_under_a_priority_heading_in_real_minutes(engine, ingest_corpus_file):
    meeting = ingest_corpus_file("dev/stockport-seed-000.txt", publish=True).meeting_id
    with write_session(engine) as session:
        outcome = attach_report(session=session, meeting_id=meeting, document=read_report_path(SEED))
    links = _links(engine, outcome.report_id)
    assert {("question", "Priority 2", "heading"), ("question", "Priority 3", "heading"),
            ("question", "Priority 5", "heading")} <= links
    with write_session(engine) as session:  # relinking is idempotent
        again = link_meeting(session=session, meeting_id=meeting)
    assert again == outcome.links and _links(engine, outcome.report_id) == links


def test_reports_linking_the_same_file_twice_is_unchanged(engine, crafted_meeting):
    with write_session(engine) as session:
        first = attach_report(session=session, meeting_id=crafted_meeting, document=read_report_path(SEED))
    with write_session(engine) as session:
        second = attach_report(session=session, meeting_id=crafted_meeting, document=read_report_path(SEED))
    assert (second.report_id, second.outcome, second.indicators) == (first.report_id, "unchanged", 45)


def test_reports_linking_survives_a_corrected_version_of_the_minutes(engine, nlp, ingest_corpus_file):
    from tracker.models import AgendaItem
    from tracker.reports.models import Report

    meeting = ingest_corpus_file("dev/stockport-seed-000.txt", publish=True).meeting_id
    with Session(engine) as session:
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting)).first()
    with write_session(engine) as session:
        outcome = attach_report(session=session, meeting_id=meeting, document=read_report_path(SEED),
                                item_id=item.id)
    links = _links(engine, outcome.report_id)
    assert links
    corrected = shared_page("dev/stockport-seed-000.txt").read_text(encoding="utf-8").replace("Members", "Councillors")
    replaced = ingest_document(engine=engine, nlp=nlp,
                               document=read_document(corrected.encode("utf-8"), filename="v2.txt"))
    assert replaced.outcome == "replaced" and replaced.meeting_id == meeting
    with Session(engine) as session:
        report = session.get(Report, outcome.report_id)
        new_item = session.get(AgendaItem, report.item_id)
        assert new_item is not None and new_item.meeting_id == meeting and new_item.number == item.number
    assert _links(engine, outcome.report_id) == links
