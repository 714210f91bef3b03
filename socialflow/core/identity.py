"""Who is calling: the access token's user, looked up without a thread-pool hop.

Every authenticated request needs this, so it is the hot path and is kept lean on purpose: the
JWT's claims are cached by token string (until the token expires), and the user row with the
caller's membership of the workspace the request acts in is read with one prepared statement
through the driver itself, on the event loop: an async psycopg pool on PostgreSQL, a read-only
connection on SQLite (a WAL read never waits for a lock). Routes get an immutable snapshot; a
service that changes the user loads the row into its own session.
"""

from __future__ import annotations

import json
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
    """The caller as of this request; frozen so nobody mistakes it for a row to change.
    subscription_tier/status are those of the user's personal workspace."""

    id: uuid.UUID
    email: str
    full_name: str | None
    email_verified: bool
    timezone: str
    brand_voice: str | None
    is_admin: bool
    created_at: datetime
    token_version: int
    subscription_tier: str
    subscription_status: str


@dataclass(frozen=True, slots=True)
class Membership:
    """The caller's membership of the workspace a request acts in."""

    workspace_id: uuid.UUID
    role: str
    account_ids: frozenset[uuid.UUID] | None  # None: every connected account
    read_only: bool


_USER = [f.name for f in fields(AuthUser)][:-2]
# One statement per request: the user, their personal workspace's plan, and their membership
# of the workspace asked for (NULLs when they are not a member).
_SQL = (
    f"SELECT {', '.join('u.' + n for n in _USER)}, "  # noqa: S608 - fixed column list
    "pw.subscription_tier, pw.subscription_status, m.role, m.account_ids, m.read_only "
    "FROM users u LEFT JOIN workspaces pw ON pw.id = u.id "
    "LEFT JOIN workspace_members m ON m.user_id = u.id AND m.workspace_id = {ws} "
    "WHERE u.id = {uid}"
)
_N = len(_USER) + 2


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _membership(row: tuple[Any, ...], workspace_id: uuid.UUID) -> Membership | None:
    role, account_ids, read_only = row[_N:]
    if role is None:
        return None
    if isinstance(account_ids, str):
        account_ids = json.loads(account_ids)
    return Membership(
        workspace_id=workspace_id,
        role=role,
        account_ids=None if account_ids is None else frozenset(_uuid(a) for a in account_ids),
        read_only=bool(read_only),
    )


def _user(row: tuple[Any, ...]) -> AuthUser:
    names = [*_USER, "subscription_tier", "subscription_status"]
    data = dict(zip(names, row[:_N], strict=True))
    data["id"] = _uuid(data["id"])
    data["email_verified"] = bool(data["email_verified"])
    data["is_admin"] = bool(data["is_admin"])
    created = data["created_at"]
    data["created_at"] = as_utc(
        datetime.fromisoformat(created) if isinstance(created, str) else created
    )
    data["subscription_tier"] = data["subscription_tier"] or "free"
    data["subscription_status"] = data["subscription_status"] or "inactive"
    return AuthUser(**data)


class UserLookup:
    """Reads one user by id on the event loop."""

    def __init__(self, engine: Engine):
        self.url = engine.url
        self.dialect = engine.dialect.name
        self._local = threading.local()
        self._pool: Any = None

    async def get(self, user_id: uuid.UUID) -> AuthUser | None:
        found = await self.identify(user_id, user_id)
        return found[0] if found else None

    async def identify(
        self, user_id: uuid.UUID, workspace_id: uuid.UUID
    ) -> tuple[AuthUser, Membership | None] | None:
        """The user and their membership of `workspace_id` (None: not a member)."""
        row: tuple[Any, ...] | None
        if self.dialect == "sqlite":
            sql = _SQL.format(ws="?", uid="?")
            row = self._sqlite().execute(sql, (workspace_id.hex, user_id.hex)).fetchone()
        else:
            pool = await self._pg_pool()
            async with pool.connection() as conn:
                sql = _SQL.format(ws="%s", uid="%s")
                cur = await conn.execute(sql, (workspace_id, user_id), prepare=True)
                row = await cur.fetchone()
        if row is None:
            return None
        return _user(row), _membership(row, workspace_id)

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
