"""docs/RELIABILITY.md: each proof script replaces its own marked section."""

from __future__ import annotations

import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "# Reliability\n\nWhat the proof scripts in `bench/` and `tests/proof/` found, with the "
    "command that reproduces each figure. Machine: 2 cores, 24 GiB, PostgreSQL 15 and Redis 7 "
    "on loopback.\n"
)


def write_reliability(key: str, title: str, body: list[str], command: str) -> None:
    """Replace (or append) the section `key` of docs/RELIABILITY.md."""
    path = ROOT / "docs" / "RELIABILITY.md"
    text = path.read_text() if path.exists() else HEADER
    section = (
        f"<!-- proof:{key} -->\n## {title}\n\n`{command}` ({time.strftime('%Y-%m-%d')})\n\n"
        + "\n".join(body)
        + f"\n<!-- /proof:{key} -->"
    )
    pattern = re.compile(rf"<!-- proof:{key} -->.*?<!-- /proof:{key} -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
