"""The e-mail outbox: every message `Mailer.send` queued becomes a row in its transaction.

After the commit each row is delivered once (SMTP or the log); a failure stays on the row.
"""

from __future__ import annotations

import logging
import re
import smtplib
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from socialflow.core.clock import utcnow
from socialflow.core.db import affected, after_commit
from socialflow.core.mail import QUEUED, Mailer, MailMessage
from socialflow.models.users import OutboxEmail

log = logging.getLogger("socialflow.mail")


@event.listens_for(Session, "before_flush")
def _on_flush(session: Session, *_: Any) -> None:
    _record_queued(session)


@event.listens_for(Session, "before_commit")
def _on_commit(session: Session) -> None:
    # A message queued after the last flush, with nothing else changed, still gets its row.
    _record_queued(session)


def _record_queued(session: Session) -> None:
    queued: list[tuple[Mailer, MailMessage]] = session.info.pop(QUEUED, [])
    for mailer, message in queued:
        row = OutboxEmail(
            id=uuid.uuid4(),
            user_id=message.user_id,
            to_address=message.to,
            subject=message.subject,
            body_text=message.body,
        )
        session.add(row)
        bind = session.get_bind()
        after_commit(session, lambda m=mailer, i=row.id, b=bind: _deliver(m, b, i))


@event.listens_for(Session, "after_soft_rollback")
def _drop_queued(session: Session, _previous_transaction: Any) -> None:
    session.info.pop(QUEUED, None)


_LINK_TOKEN = re.compile(r"([?&]token=)[^\s&#]+")


def redact_links(body: str) -> str:
    """`...?token=<secret>` -> `...?token=[redacted]` (reset, confirmation, invitation links)."""
    return _LINK_TOKEN.sub(r"\1[redacted]", body)


def purge_outbox(session: Session, older_than: timedelta, now: datetime | None = None) -> int:
    """Forget mail sent (or abandoned) longer ago than the retention period."""
    cutoff = (now or utcnow()) - older_than
    result = session.execute(delete(OutboxEmail).where(OutboxEmail.created_at < cutoff))
    return affected(result)


def _deliver(mailer: Mailer, bind: Any, message_id: uuid.UUID) -> None:
    with Session(bind) as session, session.begin():
        row = session.get(OutboxEmail, message_id)
        if row is None or row.sent_at is not None:
            return
        message = MailMessage(row.to_address, row.subject, row.body_text, row.user_id)
        try:
            mailer.deliver(message)
            row.sent_at = utcnow()
            row.error = None
            # Sent: the mailbox has the link now; the table must not keep a live one.
            row.body_text = redact_links(row.body_text)
        except (OSError, smtplib.SMTPException) as exc:
            row.error = f"{type(exc).__name__}: {exc}"[:500]
            log.warning("e-mail %s to %s not sent: %s", row.id, row.to_address, row.error)
