"""Auth tests read their links the way a user does: from the mail, delivered by SMTP to a
mailbox on loopback (the outbox table keeps no live link once a message is sent)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from socialflow.core.config import Settings
from tests.fixtures.smtp import Mailbox


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox() as box:
        yield box


@pytest.fixture
def settings(settings: Settings, mailbox: Mailbox) -> Settings:
    return settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": mailbox.port, "smtp_starttls": False}
    )
