"""Alerts, the operations: subscribe, confirm, unsubscribe, and send what is due.

``send_due_alerts`` is a plain function of a session, the time and a mailer: `tracker alerts send` calls it,
and so can a background job worker. Each subscription is sent and marked in its own transaction, so a
failure part-way never sends one twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qsl, urlencode

from flask import render_template
from sqlmodel import Session, select

from ..actions.log import my_actions
from ..db import write_session
from ..errors import Invalid, NotFound
from ..models import Action, Committee, Meeting, MeetingStatus, Person, User
from ..search import QueryError, build_request, run_search
from ..search.documents import SearchDocument, documents_for, record_url
from .mail import make_token
from .models import AlertKind, AlertSubscription, Frequency

_EMAIL = re.compile(r"[^@\s<>\"',;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+")
INTERVALS = {Frequency.DAILY: dt.timedelta(days=1), Frequency.WEEKLY: dt.timedelta(days=7)}
MAX_RECORDS = 50  # an email lists at most this many records; the rest are a link away
KIND_WORDS = {"item": "Agenda item", "question": "Question", "response": "Response", "comment": "Comment",
              "resolution": "Resolution", "action": "Action"}


@dataclass
class AlertLinks:
    """What links in emails need: the site's address and the key that signs unsubscribe links."""

    base_url: str
    secret: str

    def unsubscribe(self, subscription_id: int) -> str:
        return f"{self.base_url.rstrip('/')}/alerts/unsubscribe/{make_token(self.secret, 'unsubscribe', subscription_id)}"

    def confirm(self, subscription_id: int) -> str:
        return f"{self.base_url.rstrip('/')}/alerts/confirm/{make_token(self.secret, 'confirm', subscription_id)}"

    def absolute(self, path: str) -> str:
        return self.base_url.rstrip("/") + path


# --- subscribing ----------------------------------------------------------------------

def subscribe(*, session: Session, kind: str, target: str, email: str, frequency: str = "weekly",
              user: User | None = None) -> AlertSubscription:
    """Ask for alerts; a signed-in user's start at once, a member of the public's once the email is confirmed."""
    email = " ".join((email or "").split())
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        raise Invalid("Give an email address, as in name@example.org.", field="email")
    try:
        kind, frequency = AlertKind(kind), Frequency(frequency)
    except ValueError:
        raise Invalid("Choose what to follow and how often: daily or weekly.", field="frequency") from None
    if kind == AlertKind.ACTIONS and user is None:
        raise Invalid("Sign in to follow your own actions.", field="kind")
    label, target = _label(session, kind, target or "", user)
    subscription = AlertSubscription(user_id=user.id if user else None, email=email, kind=kind, target=target,
                                     label=label, frequency=frequency, confirmed=user is not None)
    session.add(subscription)
    session.flush()
    return subscription


def _label(session: Session, kind: AlertKind, target: str, user: User | None) -> tuple[str, str]:
    """What the subscription is called, and its target as kept; NotFound or Invalid when it names nothing."""
    if kind == AlertKind.COMMITTEE:
        committee = session.exec(select(Committee).where(Committee.slug == target)).first()
        if committee is None:
            raise NotFound("There is no such committee to follow.")
        return committee.name, committee.slug
    if kind == AlertKind.PERSON:
        person = session.get(Person, int(target)) if target.isdigit() else None
        if person is None:
            raise NotFound("There is no such person to follow.")
        return person.name, str(person.id)
    if kind == AlertKind.SEARCH:
        query = urlencode([(k, v) for k, v in parse_qsl(target) if k in ("q", "kind", "committee", "exact")])
        words = dict(parse_qsl(query)).get("q", "").strip()
        if not words:
            raise Invalid("Say what to search for before asking for alerts about it.", field="target")
        return f"Search: {words[:150]}", query
    return "Your actions due and overdue", ""


def confirm(*, session: Session, subscription_id: int) -> AlertSubscription:
    """Start a member of the public's alerts once they followed the link emailed to them."""
    subscription = session.get(AlertSubscription, subscription_id)
    if subscription is None:
        raise NotFound("This alert no longer exists; it may have been unsubscribed.")
    subscription.confirmed = True
    return subscription


def unsubscribe(*, session: Session, subscription_id: int) -> str | None:
    """Stop one subscription (gone already is fine); returns what it was called."""
    subscription = session.get(AlertSubscription, subscription_id)
    if subscription is None:
        return None
    label = subscription.label
    session.delete(subscription)
    return label


def confirmation_message(subscription: AlertSubscription, links: AlertLinks) -> EmailMessage:
    """The double opt-in email: a link to confirm, and nothing sent until it is followed."""
    message = EmailMessage()
    message["To"] = subscription.email
    message["Subject"] = f"Confirm your email alert: {subscription.label}"
    context = {"subscription": subscription, "confirm_url": links.confirm(subscription.id)}
    message.set_content(render_template("alerts/email_confirm.txt", **context))
    message.add_alternative(render_template("alerts/email_confirm.html", **context), subtype="html")
    return message


# --- sending --------------------------------------------------------------------------

@dataclass
class AlertEntry:
    """One record in an alert email."""

    kind: str
    text: str
    url: str
    committee: str
    date: dt.date | None
    item: str | None
    due_date: dt.date | None = None
    overdue: bool = False


def send_due_alerts(*, session: Session, now: dt.datetime, mailer, links: AlertLinks, search=None) -> int:
    """Email every confirmed subscription whose day or week has passed what was published since its last alert
    (nothing new, nothing sent); returns the number of emails sent. `search` runs saved searches (a backend)."""
    engine = session.get_bind()
    sent = 0
    due = [s.id for s in session.exec(select(AlertSubscription).where(AlertSubscription.confirmed)
                                      .order_by(AlertSubscription.id)).all()
           if now - _aware(s.last_sent_at or s.created_at) >= INTERVALS[Frequency(s.frequency)]]
    for subscription_id in due:
        with write_session(engine, changes_pages=False) as writer:
            subscription = writer.get(AlertSubscription, subscription_id)
            if subscription is None:
                continue
            since = _aware(subscription.last_sent_at or subscription.created_at)
            entries = _entries(writer, subscription, since=since, now=now, search=search, links=links)
            if entries:
                mailer.send([alert_message(subscription, entries, links, since=since)])
                sent += 1
            subscription.last_sent_at = now
    return sent


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _published_since(session: Session, since: dt.datetime, now: dt.datetime) -> list[int]:
    return list(session.exec(select(Meeting.id).where(Meeting.status == MeetingStatus.PUBLISHED)
                             .where(Meeting.published_at > since).where(Meeting.published_at <= now)).all())


def _entry(document: SearchDocument, links: AlertLinks) -> AlertEntry:
    return AlertEntry(kind=document.kind, text=document.text, committee=document.committee,
                      date=document.meeting_date, item=document.item_title,
                      url=links.absolute(record_url(document.kind, document.record_id, document.meeting_id,
                                                    document.item_position)))


def _entries(session: Session, subscription: AlertSubscription, *, since, now, search, links) -> list[AlertEntry]:
    kind = AlertKind(subscription.kind)
    if kind == AlertKind.ACTIONS:
        return _my_actions(session, subscription, since=since, now=now, links=links)
    meetings = _published_since(session, since, now)
    if not meetings:
        return []
    documents = [d for found in documents_for(session, meetings).values() for d in found]
    if kind == AlertKind.COMMITTEE:
        chosen = [d for d in documents if d.committee_slug == subscription.target]
    elif kind == AlertKind.PERSON:
        person = session.get(Person, int(subscription.target))
        chosen = [d for d in documents if person is not None and d.speaker == person.name]
    else:
        chosen = _search_hits(session, subscription, documents, search)
    chosen.sort(key=lambda d: (d.meeting_date or dt.date.min, d.meeting_id, d.item_position or 0), reverse=True)
    return [_entry(d, links) for d in chosen[:MAX_RECORDS]]


def _search_hits(session: Session, subscription, documents: list[SearchDocument], search) -> list[SearchDocument]:
    """The new documents the saved search finds (it runs as the search page runs it, newest first)."""
    if search is None:
        return []
    args = dict(parse_qsl(subscription.target))
    try:
        request = build_request(session=session, text=args.get("q"), kinds=[args["kind"]] if args.get("kind") else [],
                                committees=[args["committee"]] if args.get("committee") else [],
                                exact=args.get("exact") in ("1", "on", "true"), sort="date", per_page=100)
        found = run_search(session=session, backend=search, request=request)
    except QueryError:
        return []
    wanted = {(hit.kind, hit.record_id) for hit in found.hits}
    return [d for d in documents if (d.kind, d.record_id) in wanted]


def _my_actions(session: Session, subscription, *, since, now, links) -> list[AlertEntry]:
    """The subscriber's open actions due within a week or overdue, and any new to them since the last alert."""
    user = session.get(User, subscription.user_id) if subscription.user_id else None
    if user is None:
        return []
    today = now.date()
    entries = []
    for found in my_actions(session=session, user=user, include_drafts=False, today=today):
        action: Action = found.action
        is_new = found.meeting.published_at is not None and _aware(found.meeting.published_at) > since
        soon = action.due_date is not None and action.due_date <= today + dt.timedelta(days=7)
        if found.overdue or soon or is_new:
            entries.append(AlertEntry(kind="action", text=action.text, committee=found.committee.name,
                                      date=found.meeting.date, item=found.item.title if found.item else None,
                                      url=links.absolute(f"/actions/{action.id}"), due_date=action.due_date,
                                      overdue=found.overdue))
    return entries


def alert_message(subscription: AlertSubscription, entries: list[AlertEntry], links: AlertLinks, *,
                  since: dt.datetime) -> EmailMessage:
    """One alert email, plain text and HTML, each record linked to its place in the minutes, with one-click
    unsubscribe (RFC 8058) in the headers and in the text."""
    unsubscribe_url = links.unsubscribe(subscription.id)
    message = EmailMessage()
    message["To"] = subscription.email
    count = len(entries)
    if subscription.kind == AlertKind.ACTIONS:
        message["Subject"] = f"Your actions: {sum(e.overdue for e in entries)} overdue, {count} in all"
    else:
        message["Subject"] = f"{count} new record{'s' if count != 1 else ''}: {subscription.label}"
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    context = {"subscription": subscription, "entries": entries, "unsubscribe_url": unsubscribe_url,
               "since": since, "kind_words": KIND_WORDS, "manage_url": links.absolute("/alerts")}
    message.set_content(render_template("alerts/email_alert.txt", **context))
    message.add_alternative(render_template("alerts/email_alert.html", **context), subtype="html")
    return message


def subscriptions_of(*, session: Session, user: User) -> list[AlertSubscription]:
    """A signed-in user's own subscriptions."""
    return list(session.exec(select(AlertSubscription).where(AlertSubscription.user_id == user.id)
                             .order_by(AlertSubscription.created_at)).all())
