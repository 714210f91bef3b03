"""How long to wait before the next try of something that failed for a while."""

from __future__ import annotations

import random

from socialflow.core.context import AppContext


def backoff(ctx: AppContext, attempts: int) -> float:
    """Exponential backoff with jitter (0.5x-1.5x), capped."""
    base = ctx.settings.retry_base_seconds * (2 ** max(0, attempts - 1))
    return float(min(ctx.settings.retry_cap_seconds, base) * random.uniform(0.5, 1.5))
