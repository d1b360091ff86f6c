"""The alerts' periodic task: `tracker worker` sends what is due every hour, as `tracker alerts send` does."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from ..jobs.service import periodic
from .mail import mailer_from
from .service import AlertLinks, send_due_alerts


@periodic("alerts.send", every=dt.timedelta(hours=1))
def send_alerts(app, now: dt.datetime) -> str:
    """Email every alert whose day or week has passed; alerts not sent (mail server down) stay due for next time."""
    mailer = mailer_from(app.config)
    if mailer is None:
        return "no mail server set (TRACKER_SMTP_HOST); nothing sent"
    links = AlertLinks(base_url=app.config.get("BASE_URL") or "http://127.0.0.1:5000", secret=app.config["SECRET_KEY"])
    with app.app_context(), Session(app.extensions["tracker.engine"]) as session:
        sent = send_due_alerts(session=session, now=now, mailer=mailer, links=links,
                               search=app.extensions["tracker.search"])
    return f"{sent} alert(s) sent"
