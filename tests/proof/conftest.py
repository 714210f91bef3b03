"""The app served on a real loopback port (public_url pointing at it, so the sandbox consent
flow works over HTTP) and a user with real objects behind every kind of id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from socialflow.app import create_app
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from tests.fixtures.jobs import ManualRunner
from tests.fixtures.servers import LoopbackPort, serve_app
from tests.fixtures.smtp import Mailbox
from tests.proof.world import World, build_world


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    """The app's SMTP server: links are read from the mail, as a user reads them."""
    with Mailbox() as box:
        yield box


@pytest.fixture
def served(settings: Settings, db: Database, mailbox: Mailbox) -> Iterator[dict[str, Any]]:
    """{"base": URL, "ctx": AppContext} of the app on loopback; jobs wait in a ManualRunner."""
    port = LoopbackPort()
    base = port.url
    mail = {"smtp_host": "127.0.0.1", "smtp_port": mailbox.port, "smtp_starttls": False}
    ctx = AppContext.build(settings.model_copy(update={"public_url": base, **mail}), db)
    ctx.extras["runner"] = ManualRunner(ctx)
    with serve_app(create_app(ctx=ctx, start_jobs=False), port=port):
        yield {"base": base, "ctx": ctx}


@pytest.fixture
def world(served: dict[str, Any]) -> World:
    return build_world(served["ctx"], served["base"])
