"""E-mail: `Mailer.send` queues a message in the current transaction; SMTP or the log sends it.

Core knows no tables: the outbox table (`socialflow/models/outbox.py`) records each queued
message in the same transaction and hands it back to `Mailer.deliver` once that commits, so a
message leaves only if the work that wrote it was kept.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy.orm import Session

from socialflow.core.config import Settings

log = logging.getLogger("socialflow.mail")

QUEUED = "mail_queued"  # session.info key: [(Mailer, MailMessage)] waiting for the outbox


@dataclass(frozen=True, slots=True)
class MailMessage:
    to: str
    subject: str
    body: str
    user_id: uuid.UUID | None = None


class Mailer:
    def __init__(self, settings: Settings):
        self.settings = settings

    def send(
        self, session: Session, to: str, subject: str, body: str, user_id: uuid.UUID | None = None
    ) -> MailMessage:
        """Queue a message; it is recorded in this transaction and leaves only if it commits."""
        message = MailMessage(to=to, subject=subject, body=body, user_id=user_id)
        if not session.in_transaction():
            session.begin()  # so that a rollback, even of nothing else, drops the message
        session.info.setdefault(QUEUED, []).append((self, message))
        return message

    def deliver(self, message: MailMessage) -> None:
        """Hand one message to SMTP (raises OSError/SMTPException), or write it to the log."""
        if not self.settings.smtp_host:
            # The embedded default has no mail server: the log is the mailbox.
            log.info("e-mail to %s: %s\n%s", message.to, message.subject, message.body)
            return
        msg = EmailMessage()
        msg["From"] = self.settings.mail_from
        msg["To"] = message.to
        msg["Subject"] = message.subject
        msg.set_content(message.body)
        with smtplib.SMTP(self.settings.smtp_host, self.settings.smtp_port, timeout=20) as s:
            if self.settings.smtp_starttls:
                s.starttls()
            if self.settings.smtp_username:
                s.login(self.settings.smtp_username, self.settings.smtp_password or "")
            s.send_message(msg)
