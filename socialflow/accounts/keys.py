"""Re-encrypt every secret at rest under the first key of TOKEN_ENCRYPTION_KEYS.

Run after putting a new key first in the list (old keys stay after it, so everything still
decrypts meanwhile); once this reports no failures the old keys can be removed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Column, Table, select, update

from socialflow.core.db import Database, affected
from socialflow.core.security import TokenCipher
from socialflow.models import OAuthState, SocialAccount

log = logging.getLogger("socialflow.accounts.keys")

# Every column holding Fernet ciphertext.
ENCRYPTED: tuple[tuple[Table, tuple[str, ...]], ...] = (
    (cast(Table, SocialAccount.__table__), ("access_token", "refresh_token", "token_extra")),
    (cast(Table, OAuthState.__table__), ("code_verifier",)),
)
BATCH = 500


@dataclass
class RotationReport:
    rotated: dict[str, int] = field(default_factory=dict)  # "table.column" -> values rotated
    failed: dict[str, int] = field(default_factory=dict)  # values no configured key decrypts

    @property
    def total(self) -> int:
        return sum(self.rotated.values())


def rotate_all(db: Database, cipher: TokenCipher, batch: int = BATCH) -> RotationReport:
    """Rotate each encrypted value; a value changed meanwhile (a refresh) is left as written."""
    report = RotationReport()
    for table, columns in ENCRYPTED:
        id_col: Column[object] = table.c.id
        for name in columns:
            key = f"{table.name}.{name}"
            report.rotated[key], report.failed[key] = 0, 0
            column: Column[object] = table.c[name]
            after = None
            while True:
                stmt = select(id_col, column).where(column.is_not(None)).order_by(id_col)
                if after is not None:
                    stmt = stmt.where(id_col > after)
                with db.session() as session:
                    rows = session.execute(stmt.limit(batch)).all()
                    for row_id, value in rows:
                        try:
                            new = cipher.rotate(str(value))
                        except Exception:  # InvalidToken: no configured key opens it
                            report.failed[key] += 1
                            log.error("%s of row %s cannot be decrypted", key, row_id)
                            continue
                        # Conditional: a token refreshed since we read it is already current.
                        done = session.execute(
                            update(table)
                            .where(id_col == row_id, column == value)
                            .values({name: new})
                        )
                        report.rotated[key] += affected(done)
                if len(rows) < batch:
                    break
                after = rows[-1][0]
    return report
