"""Storing reports against meetings, linking the meeting's records to them, and reading them back for the pages.

Every function takes a keyword-only ``session``; writers run inside the caller's
``write_session``. Readers take ``include_drafts``: a report attached to a draft meeting,
and any record from a draft meeting, does not exist for the public.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, or_
from sqlmodel import Session, select

from ..audit import record_audit
from ..errors import Invalid, NotFound
from ..minutes.readers import SourceDocument
from ..models import Action, AgendaItem, Comment, Committee, Meeting, MeetingStatus, Question, User, meeting_visible
from .linking import Found, Target, find_links, priority_sections
from .models import Indicator, Report, ReportLink, ReportPriority
from .parser import ParsedReport, parse_report

LINKED_KINDS = {"question": Question, "comment": Comment, "action": Action}


class ReportError(Invalid):
    """A report cannot be stored as asked; the message says what to fix."""


@dataclass
class AttachOutcome:
    """What attaching a report did: "created" or "unchanged" (the same file was already attached)."""

    report_id: int
    outcome: str
    indicators: int
    priorities: int
    tables: int
    links: int
    warnings: list[str]

    def summary(self) -> str:
        if self.outcome == "unchanged":
            return f"report {self.report_id} unchanged (already attached)"
        return (f"report {self.report_id} stored: {self.priorities} priorities, {self.indicators} indicators, "
                f"{self.tables} tables, {self.links} links to records")


def _audit(session: Session, *, user: User | None, event: str, entity_id: int | None, detail: dict) -> None:
    record_audit(session=session, user=user, event=event, entity="report", entity_id=entity_id, detail=detail)


def attach_report(*, session: Session, meeting_id: int, document: SourceDocument, item_id: int | None = None,
                  user: User | None = None, parsed: ParsedReport | None = None) -> AttachOutcome:
    """Read `document` as a report, store it against the meeting (and agenda item), and link the meeting's records."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"there is no meeting {meeting_id}")
    if item_id is not None:
        item = session.get(AgendaItem, item_id)
        if item is None or item.meeting_id != meeting_id:
            raise ReportError(f"agenda item {item_id} is not part of meeting {meeting_id}")
    existing = session.exec(select(Report).where(Report.meeting_id == meeting_id,
                                                 Report.checksum == document.checksum)).first()
    if existing is not None:
        counts = _counts(session, existing.id)
        return AttachOutcome(existing.id, "unchanged", *counts, warnings=[])
    parsed = parsed or parse_report(document.text)
    warnings = [*document.warnings, *parsed.warnings]
    report = Report(meeting_id=meeting_id, item_id=item_id, title=(parsed.title or document.filename or "Report")[:500],
                    period=(parsed.period or None) and parsed.period[:100], source_name=document.filename,
                    source_format=document.format, checksum=document.checksum, text=document.text,
                    tables=json.dumps([t.to_dict() for t in parsed.tables], ensure_ascii=False),
                    warnings="\n".join(warnings), created_by_id=user.id if user else None)
    session.add(report)
    session.flush()
    for priority in parsed.priorities:
        session.add(ReportPriority(report_id=report.id, number=priority.number, title=priority.title))
    for position, row in enumerate(parsed.indicators):
        session.add(Indicator(
            report_id=report.id, position=position, code=row.code and row.code[:40], key=row.key and row.key[:40],
            name=row.name, priority=row.priority, good=row.good, category=row.category and row.category[:40],
            two_years_ago=row.two_years_ago, previous=row.previous, value=row.value, unit=row.unit and row.unit[:10],
            value_date=row.value_date, numerator=row.numerator, denominator=row.denominator, forecast=row.forecast,
            target=row.target, target_text=row.target_text and row.target_text[:100], rag=row.rag, trend=row.trend,
            section=row.section and row.section[:200], raw=json.dumps(row.raw, ensure_ascii=False)))
    session.flush()
    links = link_meeting(session=session, meeting_id=meeting_id)
    _audit(session, user=user, event="report.attach", entity_id=report.id,
           detail={"meeting": meeting_id, "file": document.filename, "indicators": len(parsed.indicators)})
    return AttachOutcome(report.id, "created", len(parsed.indicators), len(parsed.priorities), len(parsed.tables),
                         links, warnings)


def _counts(session: Session, report_id: int) -> tuple[int, int, int, int]:
    report = session.get(Report, report_id)
    indicators = len(session.exec(select(Indicator.id).where(Indicator.report_id == report_id)).all())
    priorities = len(session.exec(select(ReportPriority.id).where(ReportPriority.report_id == report_id)).all())
    links = len(session.exec(select(ReportLink.id).where(ReportLink.report_id == report_id)).all())
    return indicators, priorities, len(json.loads(report.tables or "[]")), links


def delete_report(*, session: Session, report_id: int, user: User | None = None) -> int:
    """Remove a report with its indicators and links; returns the meeting it was attached to."""
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound(f"there is no report {report_id}")
    meeting_id = report.meeting_id
    for model in (ReportLink, Indicator, ReportPriority):
        session.exec(delete(model).where(model.report_id == report_id))
    session.delete(report)
    _audit(session, user=user, event="report.delete", entity_id=report_id, detail={"meeting": meeting_id})
    return meeting_id


def remember_report_items(*, session: Session, meeting_id: int) -> dict[int, tuple[str | None, int]]:
    """Each of the meeting's reports' agenda item as (number, position), before the items are replaced."""
    rows = session.exec(select(Report.id, AgendaItem.number, AgendaItem.position)
                        .join(AgendaItem, AgendaItem.id == Report.item_id)
                        .where(Report.meeting_id == meeting_id)).all()
    return {report_id: (number, position) for report_id, number, position in rows}


def restore_report_items(*, session: Session, meeting_id: int, remembered: dict[int, tuple[str | None, int]]) -> None:
    """Point reports at the corrected minutes' item with the same number (else the same position), then relink."""
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    by_number = {item.number: item.id for item in items if item.number}
    by_position = {item.position: item.id for item in items}
    for report_id, (number, position) in remembered.items():
        report = session.get(Report, report_id)
        report.item_id = by_number.get(number) or by_position.get(position)
        session.add(report)
    link_meeting(session=session, meeting_id=meeting_id)


def link_meeting(*, session: Session, meeting_id: int) -> int:
    """Work out afresh which of the meeting's questions, comments and actions are about its reports; returns the count.

    Run after a report is attached, and after the meeting's minutes are replaced or corrected.
    """
    session.exec(delete(ReportLink).where(ReportLink.meeting_id == meeting_id))
    meeting = session.get(Meeting, meeting_id)
    reports = session.exec(select(Report).where(Report.meeting_id == meeting_id).order_by(Report.id)).all()
    if meeting is None or not reports:
        return 0
    items = {item.id: item for item in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))}
    records = [(kind, row) for kind, model in LINKED_KINDS.items()
               for row in session.exec(select(model).where(model.meeting_id == meeting_id)
                                       .order_by(model.position, model.id))]
    count = 0
    for report in reports:
        targets = [Target(i.id, i.key, i.name) for i in session.exec(
            select(Indicator).where(Indicator.report_id == report.id).order_by(Indicator.position))]
        numbers = set(session.exec(select(ReportPriority.number).where(ReportPriority.report_id == report.id)))
        scope = items.get(report.item_id) if report.item_id else None
        sections = priority_sections(meeting.text or "", scope.start if scope else 0, scope.end if scope else None)
        for kind, record in records:
            if scope is not None and record.item_id != scope.id:
                continue
            found = find_links(record.text, indicators=targets, priorities=numbers)
            named = {f.priority for f in found if f.priority is not None}
            for start, end, number, heading in sections:
                if start <= record.start < end and number in numbers and number not in named:
                    found.append(_heading_link(number, heading))
            for link in found:
                session.add(ReportLink(report_id=report.id, meeting_id=meeting_id, indicator_id=link.indicator_id,
                                       priority=link.priority, how=link.how, mention=link.mention,
                                       **{f"{kind}_id": record.id}))
                count += 1
    session.flush()
    return count


def _heading_link(number: int, heading: str):
    return Found("heading", heading, priority=number)


# --- reading -----------------------------------------------------------------------------

def _visible(statement, include_drafts: bool):
    return statement.where(meeting_visible(include_drafts))


@dataclass
class LinkedRecord:
    """A question, comment or action linked to a report, with where it was said."""

    kind: str
    record: object
    meeting: Meeting
    committee: Committee
    hows: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return {"question": "q", "comment": "c", "action": "a"}[self.kind] + f"-{self.record.id}"

    @property
    def draft(self) -> bool:
        return self.meeting.status != MeetingStatus.PUBLISHED


@dataclass
class IndicatorView:
    indicator: Indicator
    records: list[LinkedRecord]  # asked about it, at any meeting the reader may see

    @property
    def raw(self) -> dict:
        try:
            return json.loads(self.indicator.raw or "{}")
        except ValueError:
            return {}


@dataclass
class PriorityView:
    number: int | None
    title: str
    indicators: list[IndicatorView]
    records: list[LinkedRecord]  # about the priority as a whole


@dataclass
class ReportView:
    report: Report
    meeting: Meeting
    committee: Committee
    item: AgendaItem | None
    priorities: list[PriorityView]
    tables: list[dict]
    warnings: list[str]

    @property
    def indicators(self) -> list[IndicatorView]:
        return [view for priority in self.priorities for view in priority.indicators]


def visible_report(*, session: Session, report_id: int, include_drafts: bool) -> Report | None:
    """The report, or None when there is none or its meeting is a draft the reader may not see."""
    report = session.get(Report, report_id)
    if report is None:
        return None
    meeting = session.get(Meeting, report.meeting_id)
    if meeting is None or (not include_drafts and meeting.status != MeetingStatus.PUBLISHED):
        return None
    return report


def _linked_records(session: Session, links: list[ReportLink], include_drafts: bool) -> dict:
    """For each link's (kind, record id): a LinkedRecord, drafts left out below editor."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for link in links:
        for kind in LINKED_KINDS:
            if getattr(link, f"{kind}_id"):
                wanted[kind].add(getattr(link, f"{kind}_id"))
    found = {}
    for kind, ids in wanted.items():
        model = LINKED_KINDS[kind]
        statement = (select(model, Meeting, Committee).join(Meeting, Meeting.id == model.meeting_id)
                     .join(Committee, Committee.id == Meeting.committee_id).where(model.id.in_(sorted(ids))))
        for record, meeting, committee in session.exec(_visible(statement, include_drafts)):
            found[(kind, record.id)] = LinkedRecord(kind, record, meeting, committee)
    return found


def _group(links: list[ReportLink], records: dict, key_of) -> dict:
    grouped: dict = defaultdict(dict)
    for link in links:
        kind = next(k for k in LINKED_KINDS if getattr(link, f"{k}_id"))
        entry = records.get((kind, getattr(link, f"{kind}_id")))
        if entry is None:
            continue
        slot = grouped[key_of(link)]
        held = slot.setdefault((kind, entry.record.id), LinkedRecord(kind, entry.record, entry.meeting,
                                                                     entry.committee))
        if link.how not in held.hows:
            held.hows.append(link.how)
        if link.mention and link.mention not in held.mentions:
            held.mentions.append(link.mention)
    return {key: sorted(slot.values(), key=lambda r: (r.meeting.date is None, r.meeting.date, r.record.start))
            for key, slot in grouped.items()}


def report_view(*, session: Session, report_id: int, include_drafts: bool) -> ReportView | None:
    """A report with its priorities, their indicators, and the records about each, across meetings."""
    report = visible_report(session=session, report_id=report_id, include_drafts=include_drafts)
    if report is None:
        return None
    meeting = session.get(Meeting, report.meeting_id)
    committee = session.get(Committee, meeting.committee_id)
    item = session.get(AgendaItem, report.item_id) if report.item_id else None
    indicators = session.exec(select(Indicator).where(Indicator.report_id == report.id)
                              .order_by(Indicator.position)).all()
    keys = sorted({i.key for i in indicators if i.key})
    # records about the same indicator (by key) in any report, at any meeting: questions asked over time
    same_key = session.exec(select(Indicator.id, Indicator.key).where(
        or_(Indicator.report_id == report.id, Indicator.key.in_(keys)))).all()
    key_of_indicator = {row[0]: row[1] for row in same_key}
    links = session.exec(select(ReportLink).where(or_(ReportLink.report_id == report.id,
                                                      ReportLink.indicator_id.in_(list(key_of_indicator))))).all()
    records = _linked_records(session, links, include_drafts)
    by_indicator = _group([l for l in links if l.indicator_id], records,
                          lambda l: key_of_indicator.get(l.indicator_id) or f"id:{l.indicator_id}")
    by_priority = _group([l for l in links if l.priority is not None and l.report_id == report.id], records,
                         lambda l: l.priority)
    priorities = session.exec(select(ReportPriority).where(ReportPriority.report_id == report.id)
                              .order_by(ReportPriority.number)).all()
    views = []
    for priority in priorities:
        members = [i for i in indicators if i.priority == priority.number]
        views.append(PriorityView(priority.number, priority.title,
                                  [IndicatorView(i, by_indicator.get(i.key or f"id:{i.id}", [])) for i in members],
                                  by_priority.get(priority.number, [])))
    numbered = {p.number for p in priorities}
    rest = [i for i in indicators if i.priority not in numbered]
    if rest:
        views.append(PriorityView(None, "Other indicators", [IndicatorView(i, by_indicator.get(
            i.key or f"id:{i.id}", [])) for i in rest], []))
    try:
        tables = json.loads(report.tables or "[]")
    except ValueError:
        tables = []
    return ReportView(report, meeting, committee, item, views, tables,
                      [w for w in (report.warnings or "").split("\n") if w])


def unasked(view: ReportView) -> list[IndicatorView]:
    """Indicators rated red or getting worse that no question, comment or action at this report's meeting was about."""
    flagged = []
    for entry in view.indicators:
        indicator = entry.indicator
        if indicator.rag != "red" and indicator.trend != "worsening":
            continue
        if not any(r.meeting.id == view.meeting.id for r in entry.records):
            flagged.append(entry)
    return flagged


@dataclass
class HistoryPoint:
    indicator: Indicator
    report: Report
    meeting: Meeting
    committee: Committee


@dataclass
class IndicatorHistory:
    key: str
    code: str
    name: str
    points: list[HistoryPoint]
    records: list[LinkedRecord]


def indicator_history(*, session: Session, key: str, include_drafts: bool) -> IndicatorHistory | None:
    """An indicator's values in every report the reader may see, oldest first, and every record about it."""
    statement = (select(Indicator, Report, Meeting, Committee).join(Report, Report.id == Indicator.report_id)
                 .join(Meeting, Meeting.id == Report.meeting_id).join(Committee, Committee.id == Meeting.committee_id)
                 .where(Indicator.key == key))
    rows = session.exec(_visible(statement, include_drafts)).all()
    if not rows:
        return None
    points = sorted((HistoryPoint(*row) for row in rows),
                    key=lambda p: (p.indicator.value_date or p.meeting.date or p.report.created_at.date(),
                                   p.report.id))
    links = session.exec(select(ReportLink).where(ReportLink.indicator_id.in_([p.indicator.id for p in points]))).all()
    records = _group(links, _linked_records(session, links, include_drafts), lambda l: key).get(key, [])
    latest = points[-1].indicator
    return IndicatorHistory(key, latest.code or key.upper(), latest.name, points, records)


@dataclass
class ReportSummary:
    report: Report
    meeting: Meeting
    committee: Committee
    indicators: int
    red: int


def reports(*, session: Session, include_drafts: bool, meeting_id: int | None = None) -> list[ReportSummary]:
    """Reports the reader may see, newest meeting first (or those of one meeting)."""
    statement = (select(Report, Meeting, Committee).join(Meeting, Meeting.id == Report.meeting_id)
                 .join(Committee, Committee.id == Meeting.committee_id))
    if meeting_id is not None:
        statement = statement.where(Report.meeting_id == meeting_id)
    rows = session.exec(_visible(statement, include_drafts).order_by(Meeting.date.desc(), Report.id.desc())).all()
    summaries = []
    for report, meeting, committee in rows:
        rags = session.exec(select(Indicator.rag).where(Indicator.report_id == report.id)).all()
        summaries.append(ReportSummary(report, meeting, committee, len(rags), sum(1 for r in rags if r == "red")))
    return summaries


@dataclass
class RecordAbout:
    """One record of a meeting and what in the meeting's reports it was about."""

    linked: LinkedRecord
    indicators: list[Indicator]
    priorities: list[int]


def meeting_links(*, session: Session, meeting_id: int, include_drafts: bool) -> list[RecordAbout]:
    """The meeting's records that are about its reports, in minutes order, each with the indicators and priorities."""
    links = session.exec(select(ReportLink).where(ReportLink.meeting_id == meeting_id)).all()
    records = _linked_records(session, links, include_drafts)
    indicator_ids = sorted({l.indicator_id for l in links if l.indicator_id})
    indicators = {i.id: i for i in session.exec(select(Indicator).where(Indicator.id.in_(indicator_ids)))}
    about: dict = {}
    for link in links:
        kind = next(k for k in LINKED_KINDS if getattr(link, f"{k}_id"))
        entry = records.get((kind, getattr(link, f"{kind}_id")))
        if entry is None:
            continue
        held = about.setdefault((kind, entry.record.id), RecordAbout(entry, [], []))
        if link.indicator_id and indicators.get(link.indicator_id) not in held.indicators:
            held.indicators.append(indicators[link.indicator_id])
        if link.priority is not None and link.priority not in held.priorities:
            held.priorities.append(link.priority)
    return sorted(about.values(), key=lambda a: a.linked.record.start)
