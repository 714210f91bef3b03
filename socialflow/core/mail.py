"""E-mail: every message goes to the outbox table; SMTP when configured, else the log."""

from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage

from sqlalchemy.orm import Session

from socialflow.core.clock import utcnow
from socialflow.core.config import Settings
from socialflow.core.db import Database, after_commit
from socialflow.models import OutboxEmail

log = logging.getLogger("socialflow.mail")


class Mailer:
    def __init__(self, settings: Settings, db: Database):
        self.settings = settings
        self.db = db

    def send(
        self, session: Session, to: str, subject: str, body: str, user_id: uuid.UUID | None = None
    ) -> OutboxEmail:
        """Queue a message in the outbox; it leaves only if the transaction commits."""
        row = OutboxEmail(user_id=user_id, to_address=to, subject=subject, body_text=body)
        session.add(row)
        session.flush()
        message_id = row.id
        after_commit(session, lambda: self.deliver(message_id))
        return row

    def deliver(self, message_id: uuid.UUID) -> None:
        with self.db.session() as session:
            row = session.get(OutboxEmail, message_id)
            if row is None or row.sent_at is not None:
                return
            if not self.settings.smtp_host:
                # The embedded default has no mail server: the log is the mailbox.
                log.info("e-mail to %s: %s\n%s", row.to_address, row.subject, row.body_text)
                row.sent_at = utcnow()
                return
            try:
                self._smtp(row)
                row.sent_at = utcnow()
                row.error = None
            except (OSError, smtplib.SMTPException) as exc:
                row.error = f"{type(exc).__name__}: {exc}"[:500]
                log.warning("e-mail %s to %s not sent: %s", row.id, row.to_address, row.error)

    def _smtp(self, row: OutboxEmail) -> None:
        msg = EmailMessage()
        msg["From"] = self.settings.mail_from
        msg["To"] = row.to_address
        msg["Subject"] = row.subject
        msg.set_content(row.body_text)
        with smtplib.SMTP(self.settings.smtp_host or "", self.settings.smtp_port, timeout=20) as s:
            if self.settings.smtp_starttls:
                s.starttls()
            if self.settings.smtp_username:
                s.login(self.settings.smtp_username, self.settings.smtp_password or "")
            s.send_message(msg)
