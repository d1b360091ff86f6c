"""Sending email: one SMTP mailer made from the SMTP_* settings, and signed tokens for the links in emails."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from itsdangerous import BadSignature, URLSafeSerializer

from ..errors import NotFound


class SmtpMailer:
    """Sends messages through one SMTP server (a new connection per batch; STARTTLS and login when set)."""

    def __init__(self, *, host: str, port: int, sender: str, username: str | None = None,
                 password: str | None = None, starttls: bool = False, timeout: float = 30):
        self.host, self.port, self.sender = host, port, sender
        self.username, self.password, self.starttls, self.timeout = username, password, starttls, timeout

    def send(self, messages: list[EmailMessage]) -> None:
        """Send each message (its From set to the configured sender)."""
        if not messages:
            return
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            for message in messages:
                if "From" not in message:
                    message["From"] = self.sender
                smtp.send_message(message)


def mailer_from(config) -> SmtpMailer | None:
    """The mailer the settings describe, or None when SMTP_HOST is unset (alerts are then not sent)."""
    if not config.get("SMTP_HOST"):
        return None
    return SmtpMailer(host=config["SMTP_HOST"], port=int(config.get("SMTP_PORT") or 25),
                      sender=config.get("MAIL_FROM") or "alerts@localhost",
                      username=config.get("SMTP_USER") or None, password=config.get("SMTP_PASSWORD") or None,
                      starttls=str(config.get("SMTP_STARTTLS") or "0") == "1")


def make_token(secret: str, purpose: str, subscription_id: int) -> str:
    """A signed token naming one subscription for one purpose ("confirm" or "unsubscribe")."""
    return URLSafeSerializer(secret, salt=f"tracker.alerts.{purpose}").dumps(subscription_id)


def read_token(secret: str, purpose: str, token: str) -> int:
    """The subscription a token names; NotFound when it was not signed by us for this purpose (to a reader, a
    link we did not make is an address that does not exist, as an unknown id is everywhere else)."""
    try:
        value = URLSafeSerializer(secret, salt=f"tracker.alerts.{purpose}").loads(token)
    except BadSignature:
        raise NotFound("This link is not valid: it may have been cut short. Copy the whole link from the email.") from None
    if not isinstance(value, int):
        raise NotFound("This link is not valid.")
    return value
