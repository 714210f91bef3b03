"""Who is calling: the access token's user, looked up without a thread-pool hop.

Every authenticated request needs this, so it is the hot path and is kept lean on purpose: the
JWT's claims are cached by token string (until the token expires), and the user row is read
with one prepared statement through the driver itself, on the event loop: an async psycopg
pool on PostgreSQL, a read-only connection on SQLite (a WAL read never waits for a lock).
Routes get an immutable snapshot; a service that changes the user loads the row into its own
session.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from socialflow.core.clock import as_utc


@dataclass(frozen=True, slots=True)
class AuthUser:
    """The caller as of this request; frozen so nobody mistakes it for a row to change."""

    id: uuid.UUID
    email: str
    full_name: str | None
    email_verified: bool
    timezone: str
    brand_voice: str | None
    subscription_tier: str
    subscription_status: str
    is_admin: bool
    created_at: datetime
    token_version: int


_NAMES = [f.name for f in fields(AuthUser)]
_SQL = f"SELECT {', '.join(_NAMES)} FROM users WHERE id = "  # noqa: S608 - fixed column list


def _sqlite_row(row: tuple[Any, ...]) -> AuthUser:
    data = dict(zip(_NAMES, row, strict=True))
    data["id"] = uuid.UUID(data["id"])
    data["email_verified"] = bool(data["email_verified"])
    data["is_admin"] = bool(data["is_admin"])
    data["created_at"] = as_utc(datetime.fromisoformat(data["created_at"]))
    return AuthUser(**data)


def _pg_row(row: tuple[Any, ...]) -> AuthUser:
    data = dict(zip(_NAMES, row, strict=True))
    data["created_at"] = as_utc(data["created_at"])
    return AuthUser(**data)


class UserLookup:
    """Reads one user by id on the event loop."""

    def __init__(self, engine: Engine):
        self.url = engine.url
        self.dialect = engine.dialect.name
        self._local = threading.local()
        self._pool: Any = None

    async def get(self, user_id: uuid.UUID) -> AuthUser | None:
        if self.dialect == "sqlite":
            row = self._sqlite().execute(_SQL + "?", (user_id.hex,)).fetchone()
            return _sqlite_row(row) if row else None
        pool = await self._pg_pool()
        async with pool.connection() as conn:
            cur = await conn.execute(_SQL + "%s", (user_id,), prepare=True)
            row = await cur.fetchone()
        return _pg_row(row) if row else None

    def _sqlite(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            path = self.url.database or ":memory:"
            # Autocommit: each SELECT is its own snapshot, and no transaction stays open.
            conn = sqlite3.connect(path, check_same_thread=True, isolation_level=None)
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            self._local.conn = conn
        return conn

    async def _pg_pool(self) -> Any:
        if self._pool is None:
            from psycopg_pool import AsyncConnectionPool

            conninfo = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
            pool = AsyncConnectionPool(conninfo, min_size=2, max_size=10, open=False)
            await pool.open()
            self._pool = pool
        return self._pool

    async def dispose(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
