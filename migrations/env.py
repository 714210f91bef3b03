"""Alembic environment: the URL from settings, or a connection handed in by `migrate()`."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import JSON

import socialflow.models  # noqa: F401 - registers every table
from socialflow.core.config import get_settings
from socialflow.core.db import make_engine
from socialflow.models.base import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render our portable types as plain SQLAlchemy types in migration files."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, JSON):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')"
    return False


def compare_type(
    context: Any, inspected: Any, metadata: Any, inspected_type: Any, metadata_type: Any
):  # type: ignore[no-untyped-def]
    if isinstance(metadata_type, UTCDateTime):
        return context.impl.compare_type(inspected, metadata.copy(type_=metadata_type.impl))
    return None


def run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = make_engine(get_settings().sqlalchemy_url)
    with engine.connect() as conn:
        run(conn)
    engine.dispose()
