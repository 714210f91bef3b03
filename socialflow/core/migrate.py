"""Run Alembic migrations from code: on start (embedded default) and `socialflow migrate`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind `engine`; safe to call from several processes at once."""
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade to `revision` (tests and operators rolling back)."""
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def _run(engine: Engine, step: Callable[[Config], None]) -> None:
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite rebuilds a table to alter it (copy, drop, rename): with foreign keys on,
            # dropping the old table would cascade-delete its children's rows. Off for the
            # migration (only outside a transaction), checked afterwards, on again.
            # Straight to the driver: SQLAlchemy would wrap it in BEGIN (core/db.py), and
            # inside a transaction this PRAGMA is silently ignored.
            _pragma(conn, "foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # One migrator at a time across processes (API workers start together).
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7346501)")
                cfg.attributes["connection"] = conn
                step(cfg)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                _pragma(conn, "foreign_keys=ON")


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _pragma(conn: Connection, pragma: str) -> None:
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA {pragma}")
    (value,) = driver.execute(f"PRAGMA {pragma.split('=')[0]}").fetchone()
    if str(value) != {"OFF": "0", "ON": "1"}[pragma.split("=")[1]]:
        raise RuntimeError(f"SQLite did not apply PRAGMA {pragma}")
