"""The services one running app shares, built once from settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from socialflow.core.clock import Clock, utcnow
from socialflow.core.config import Settings
from socialflow.core.db import Database
from socialflow.core.identity import UserLookup
from socialflow.core.mail import Mailer
from socialflow.core.security import Security


@dataclass
class AppContext:
    settings: Settings
    db: Database
    security: Security
    mailer: Mailer
    users: UserLookup
    extras: dict[str, Any] = field(default_factory=dict)
    clock: Clock = utcnow  # "now" for the dates users give and ask about (see core/clock.py)

    @classmethod
    def build(cls, settings: Settings, db: Database | None = None) -> AppContext:
        db = db or Database(settings)
        return cls(
            settings=settings,
            db=db,
            security=Security(settings),
            mailer=Mailer(settings),
            users=UserLookup(db.engine),
        )
