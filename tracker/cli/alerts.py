"""`tracker alerts send`: email the alerts that are due (a background job worker can call the same service)."""

from __future__ import annotations

import click

from .base import checked_engine, cli, settings


@cli.group("alerts")
def alerts_command() -> None:
    """Email alerts: subscriptions to searches, committees, people and one's own actions."""


@alerts_command.command("send")
def alerts_send() -> None:
    """Send every alert whose day or week has passed, with what was published since its last one."""
    # imported when the command runs, so that `tracker --help` stays quick
    import datetime as dt
    import smtplib

    from sqlmodel import Session

    from .. import create_app
    from ..alerts.mail import mailer_from
    from ..alerts.service import AlertLinks, send_due_alerts

    config = settings()
    mailer = mailer_from(config)
    if mailer is None:
        raise click.ClickException("TRACKER_SMTP_HOST is not set: say which mail server sends the alerts.")
    checked_engine().dispose()  # refuses an old schema with the command to run
    app = create_app()
    links = AlertLinks(base_url=config.get("BASE_URL") or "http://127.0.0.1:5000", secret=app.config["SECRET_KEY"])
    try:
        with app.app_context(), Session(app.extensions["tracker.engine"]) as session:
            sent = send_due_alerts(session=session, now=dt.datetime.now(dt.UTC), mailer=mailer, links=links,
                                   search=app.extensions["tracker.search"])
    except (smtplib.SMTPException, OSError) as error:
        raise click.ClickException(f"could not send through {mailer.host}:{mailer.port} ({error}); alerts not yet "
                                   "sent stay due and go next time") from None
    finally:
        app.extensions["tracker.search"].close()
        app.extensions["tracker.engine"].dispose()
    click.echo(f"alerts sent: {sent}")
