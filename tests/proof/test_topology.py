"""The scaled-out topology as separate OS processes, driven end to end through HTTP: a small
run of bench/topology_e2e.py (the same driver; the bench runs it bigger and writes the figures
into docs/RELIABILITY.md).

`socialflow sandbox`, `socialflow serve --workers 2`, two `socialflow worker`s and one
`socialflow scheduler` on a scratch database of the TEST_DATABASE_URL server and REDIS_URL;
two users sign up, confirm their e-mail from the mail, upgrade through Stripe Checkout, connect
all six platforms, post now and scheduled, while a worker is killed -9 and restarted.
"""

from __future__ import annotations

import os

import pytest

from bench.topology_e2e import PHOTO, TEXT, VIDEO, Config, run

PG_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("REDIS_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.skipif(
        not (PG_URL and REDIS_URL),
        reason="needs TEST_DATABASE_URL (PostgreSQL) and REDIS_URL: the processes of the "
        "scaled-out topology share them (CI sets both)",
    ),
]


def test_the_scaled_out_topology_serves_a_user_journey_end_to_end() -> None:
    assert PG_URL and REDIS_URL
    admin = PG_URL.replace("postgresql+psycopg://", "postgresql://", 1)
    cfg = Config(users=2, rounds=1, pg_admin=admin, redis_url=REDIS_URL, timeout=60)
    report = run(cfg, log=lambda _: None)

    assert report.problems() == [], "\n".join(report.problems()) + f"\nlogs: {report.log_dir}"
    # The figures behind that verdict, spelled out.
    per_user = len(TEXT) + len(VIDEO) + len(PHOTO)
    assert len(report.rows) == 2 * per_user
    assert report.statuses() == {"published": 2 * per_user}
    assert len(report.records) == 2 * per_user  # the emulators accepted each exactly once
    assert report.duplicates() == [] and report.lost() == []
    assert report.polling_missed() == []  # the live status reported every final state
    assert len(report.pids["api"]) == 2 and len(set(report.pids["api"])) == 2
    assert all(sum(report.served[pid].values()) > 0 for pid in report.pids["api"])
    assert sum(c["POST /api/webhooks/stripe"] for c in report.served.values()) >= 2
    assert report.plans == [("pro", "active")] * 2
    assert report.kill["killed"] and report.lateness and min(report.lateness) >= 0
