"""Engine and sessions; the request's unit of work commits once, jobs after commit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import JSON, CursorResult, Engine, Result, Table, create_engine, event, insert, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from socialflow.core.config import Settings, get_settings


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine tuned per backend: SQLite in WAL mode with FKs on, PostgreSQL pooled."""
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs.setdefault("poolclass", StaticPool)
        else:
            # Enough pooled connections for the thread pool (40): opening one runs PRAGMAs.
            kwargs.setdefault("pool_size", 40)
            kwargs.setdefault("max_overflow", 10)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _: Any) -> None:
            # Let SQLAlchemy issue BEGIN itself so BEGIN IMMEDIATE can be used for claims.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # Writers take the lock up front (IMMEDIATE): no failing read-to-write upgrades.
            # Read-only units of work (GET requests) begin deferred and never block writers.
            read_only = conn.get_execution_options().get("read_only", False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return create_engine(url, **kwargs)


class Database:
    """The engine and session factory for one settings object."""

    def __init__(self, settings: Settings, engine: Engine | None = None):
        if engine is None and settings.sqlalchemy_url.startswith("sqlite:///"):
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.engine = engine or make_engine(settings.sqlalchemy_url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, class_=Session)
        # For units of work that only read: on SQLite they take no write lock.
        self.read_sessions = sessionmaker(
            self.engine.execution_options(read_only=True), expire_on_commit=False, class_=Session
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


@lru_cache
def get_database() -> Database:
    return Database(get_settings())


# --------------------------------------------------------------------------- after-commit hooks


def after_commit(session: Session, callback: Any) -> None:
    """Run `callback()` once this session's transaction commits; dropped on rollback.

    This is how jobs are enqueued and e-mails sent: never for work that was rolled back.
    """
    session.info.setdefault("after_commit", []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    callbacks = session.info.pop("after_commit", [])
    for callback in callbacks:
        try:
            callback()
        except Exception:  # a failed side effect must not turn a committed request into a 500
            import logging

            logging.getLogger("socialflow.db").exception("after-commit callback failed")


@event.listens_for(Session, "after_rollback")
def _drop_after_commit(session: Session) -> None:
    session.info.pop("after_commit", None)


def affected(result: Result[Any]) -> int:
    """Rows an UPDATE/DELETE/INSERT matched (SQLAlchemy types `execute` as `Result`, whose
    DML results are `CursorResult`s carrying `rowcount`)."""
    return int(cast(CursorResult[Any], result).rowcount or 0)


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in one statement with cached SQL.

    PostgreSQL: `INSERT ... SELECT * FROM unnest(array per column)`: one round trip and one
    plan whatever the row count (an executemany sends a statement per row; a multi-row VALUES
    is new SQL for every row count). Elsewhere: an executemany. Every row has the same keys,
    and every column without a server default is given.
    """
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    from sqlalchemy.dialects import postgresql

    names = list(rows[0])
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    arrays: dict[str, list[Any]] = {}
    casts = []
    for i, name in enumerate(names):
        column = table.c[name]
        values = [row[name] for row in rows]
        if isinstance(column.type, JSON):
            values = [None if v is None else json.dumps(v) for v in values]
        arrays[f"a{i}"] = values
        casts.append(f"CAST(:a{i} AS {column.type.compile(dialect=dialect)}[])")
    columns = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({columns}) SELECT * FROM unnest({", ".join(casts)})'  # noqa: S608 - names are the table's own columns
    session.execute(text(sql), arrays)
