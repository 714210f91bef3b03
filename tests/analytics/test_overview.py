"""Aggregation on seeded rows against hand-computed figures (SQLite and PostgreSQL alike):
latest snapshot per platform post, user-time-zone days across midnight, follower trends,
top posts, the per-platform breakdown, tenancy, CSV quoting and plan gating.

The app's clock is pinned (`clock`): "today" in Tokyo is the day of PINNED, whatever the wall
clock says, so no run straddles a local midnight between seeding and asking."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from socialflow.analytics.collect import record
from socialflow.core.context import AppContext
from socialflow.models import (
    FollowerSnapshot,
    PlatformPost,
    Post,
    User,
    Workspace,
    WorkspaceMember,
)
from tests.fixtures.clock import PINNED, FixedClock
from tests.fixtures.factories import make_account

TOKYO = ZoneInfo("Asia/Tokyo")  # UTC+9, no DST: local midnight is 15:00 UTC the day before


def local(days_ago: int, hour: int, minute: int = 0) -> datetime:
    """A moment on a local (Tokyo) calendar day counted back from today, in UTC."""
    today = PINNED.astimezone(TOKYO).date()
    moment = datetime.combine(today - timedelta(days=days_ago), time(hour, minute), TOKYO)
    return moment.astimezone(UTC)


def day(days_ago: int) -> str:
    return (PINNED.astimezone(TOKYO).date() - timedelta(days=days_ago)).isoformat()


class Seed:
    """Rows of a workspace (the user's personal one unless `workspace_id`), written by the
    user."""

    def __init__(self, ctx: AppContext, user_id: str, workspace_id: uuid.UUID | None = None):
        self.ctx = ctx
        self.user_id = uuid.UUID(user_id)
        self.workspace_id = workspace_id or self.user_id
        self.accounts: dict[str, uuid.UUID] = {}

    def plan(self, tier: str, timezone: str = "Asia/Tokyo") -> None:
        with self.ctx.db.session() as s:
            s.execute(
                update(Workspace)
                .where(Workspace.id == self.workspace_id)
                .values(subscription_tier=tier, subscription_status="active")
            )
            s.execute(update(User).where(User.id == self.user_id).values(timezone=timezone))

    def account(self, platform: str, **fields: Any) -> uuid.UUID:
        self.accounts[platform] = make_account(self.ctx, self.workspace_id, platform, **fields)
        return self.accounts[platform]

    def post(
        self,
        platform: str,
        content: str,
        published_at: datetime,
        snapshots: list[tuple[float, dict[str, int]]],
        status: str = "published",
    ) -> uuid.UUID:
        """A post to one account with snapshots taken `hours` after publishing."""
        with self.ctx.db.session() as s:
            post = Post(
                workspace_id=self.workspace_id,
                created_by=self.user_id,
                content=content,
                status=status,
            )
            s.add(post)
            s.flush()
            pp = PlatformPost(
                post_id=post.id,
                workspace_id=self.workspace_id,
                social_account_id=self.accounts[platform],
                platform=platform,
                content=content,
                status=status,
                platform_post_id=f"{platform}-{uuid.uuid4().hex[:8]}",
                platform_url=f"https://example.com/{platform}/{uuid.uuid4().hex[:6]}",
                published_at=published_at if status == "published" else None,
            )
            s.add(pp)
            s.flush()
            for hours, numbers in snapshots:
                at = published_at + timedelta(hours=hours)
                record(s, pp.id, self.workspace_id, platform, published_at, dict(numbers), at)
            return post.id

    def followers(self, platform: str, at: datetime, count: int) -> None:
        with self.ctx.db.session() as s:
            s.add(
                FollowerSnapshot(
                    social_account_id=self.accounts[platform],
                    workspace_id=self.workspace_id,
                    platform=platform,
                    follower_count=count,
                    fetched_at=at,
                )
            )


@pytest.fixture
def seeded(
    ctx: AppContext, client: TestClient, register: Callable[..., dict[str, Any]], clock: FixedClock
) -> dict[str, Any]:
    """One Business user in Tokyo with posts on three platforms, and a neighbour."""
    me = register()
    seed = Seed(ctx, me["user"]["id"])
    seed.plan("business")
    seed.account("twitter", platform_username="tw_me", follower_count=1020)
    seed.account("facebook", platform_username="fb_me", follower_count=290)
    seed.account("linkedin", platform_username="li_me", follower_count=None)
    ids = {
        # Yesterday, just after local midnight; its latest snapshot (12 h) counts, not the 1 h.
        "t1": seed.post(
            "twitter",
            "First, just after midnight",
            local(1, 0, 30),
            [
                (1, {"impressions": 100, "likes": 10, "comments": 2, "shares": 3}),
                (12, {"impressions": 400, "likes": 30, "comments": 5, "shares": 5}),
            ],
        ),
        # The day before, just before midnight: the same UTC day as t1, another local day.
        "t2": seed.post(
            "twitter",
            "Second, before midnight",
            local(2, 23, 30),
            [(1, {"impressions": 200, "likes": 10})],
        ),
        "l1": seed.post(
            "linkedin", "A LinkedIn post", local(3, 12), [(24, {"likes": 8, "comments": 2})]
        ),
        # The first minute of the 7-day range (6 local days back, 00:01).
        "f1": seed.post(
            "facebook",
            "Facebook at the start of the week " + "x" * 200,
            local(6, 0, 1),
            [(24, {"impressions": 1000, "likes": 50, "comments": 10, "shares": 5, "clicks": 35})],
        ),
        # One minute before the 7-day range: only in 30d.
        "f2": seed.post(
            "facebook",
            "Facebook last week",
            local(7, 23, 59),
            [(24, {"impressions": 5000, "likes": 500, "comments": 40, "shares": 10, "clicks": 50})],
        ),
        # Never published: counts nowhere.
        "failed": seed.post("twitter", "It failed", local(1, 9), [], status="failed"),
    }
    # Followers: X before the range, twice on one local day (last wins), across local midnight.
    seed.followers("twitter", local(10, 12), 1000)
    seed.followers("twitter", local(5, 12), 1010)
    seed.followers("twitter", local(5, 23, 50), 1012)
    seed.followers("twitter", local(4, 0, 10), 1015)
    seed.followers("twitter", local(2, 12), 1020)
    seed.followers("facebook", local(4, 12), 300)
    seed.followers("facebook", local(1, 12), 290)

    other = register()
    theirs = Seed(ctx, other["user"]["id"])
    theirs.plan("business")
    theirs.account("twitter")
    ids["theirs"] = theirs.post(
        "twitter", "Someone else's", local(1, 10), [(1, {"impressions": 99999, "likes": 9999})]
    )
    theirs.followers("twitter", local(1, 10), 777)
    return {
        "me": {"Authorization": f"Bearer {me['access_token']}"},
        "other": {"Authorization": f"Bearer {other['access_token']}"},
        "ids": ids,
        "seed": seed,
    }


def test_overview_7d_matches_hand_computed_figures(
    client: TestClient, seeded: dict[str, Any]
) -> None:
    r = client.get("/api/analytics/overview?range=7d", headers=seeded["me"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["range"] == "7d" and body["timezone"] == "Asia/Tokyo"
    assert body["analytics_level"] == "advanced"
    assert datetime.fromisoformat(body["from"]) == local(6, 0)
    # t1 (latest: 400/30/5/5/0) + t2 (200/10) + l1 (0/8/2) + f1 (1000/50/10/5/35)
    assert body["totals"] == {
        "posts_published": 4,
        "impressions": 1600,
        "likes": 98,
        "comments": 17,
        "shares": 10,
        "clicks": 35,
        # posts with impressions: (40 + 10 + 100) / 1600 * 100 = 9.375
        "engagement_rate": 9.38,
    }
    per = {p["platform"]: p for p in body["per_platform"]}
    assert list(per) == ["facebook", "linkedin", "twitter"]
    assert per["twitter"] == {
        "platform": "twitter",
        "reported_metrics": ["impressions", "likes", "comments", "shares"],
        "posts_published": 2,
        "impressions": 600,
        "likes": 40,
        "comments": 5,
        "shares": 5,
        "clicks": 0,
        "engagement_rate": 8.33,  # 50 / 600
    }
    # LinkedIn reports no impressions: its rate is not reported (null), not 0.00.
    assert per["linkedin"]["engagement_rate"] is None and per["linkedin"]["likes"] == 8
    assert per["facebook"]["engagement_rate"] == 10.0  # 100 / 1000
    # Local days: t2 23:30 and t1 00:30 are one UTC day but two Tokyo days.
    assert body["published_per_day"] == [
        {"date": day(6), "count": 1},
        {"date": day(5), "count": 0},
        {"date": day(4), "count": 0},
        {"date": day(3), "count": 1},
        {"date": day(2), "count": 1},
        {"date": day(1), "count": 1},
        {"date": day(0), "count": 0},
    ]
    top = body["top_posts"]
    assert [t["post_id"] for t in top] == [
        str(seeded["ids"][k]) for k in ("f1", "t1", "t2", "l1")
    ]  # by engagements 100, 40, 10 (200 views), 10 (no views)
    assert len(top[0]["content"]) == 140 and top[0]["content"].endswith("…")
    assert top[1]["impressions"] == 400 and top[1]["engagement_rate"] == 10.0  # 40 / 400

    followers = {f["platform"]: f for f in body["followers"]}
    tw = followers["twitter"]
    assert tw["username"] == "tw_me" and tw["current"] == 1020 and tw["change"] == 20
    assert [(p["date"], p["followers"]) for p in tw["series"]] == [
        (day(6), 1000),  # carried from before the range
        (day(5), 1012),  # the later of the day's two counts
        (day(4), 1015),  # 00:10 local: already the next day
        (day(3), 1015),
        (day(2), 1020),
        (day(1), 1020),
        (day(0), 1020),
    ]
    fb = followers["facebook"]
    assert fb["current"] == 290 and fb["change"] == -10
    assert [p["followers"] for p in fb["series"]] == [300, 300, 300, 290, 290]
    li = followers["linkedin"]
    assert li["current"] is None and li["change"] is None and li["series"] == []


def test_a_platform_without_impressions_has_no_engagement_rate_anywhere(
    client: TestClient,
    seeded: dict[str, Any],
    ctx: AppContext,
    register: Callable[..., dict[str, Any]],
) -> None:
    """Issue 21.12: LinkedIn gives likes and comments but no impressions; every answer says
    its engagement rate is not reported (null, an empty CSV cell), never 0.00."""
    me, l1 = seeded["me"], str(seeded["ids"]["l1"])
    top = client.get("/api/analytics/overview?range=7d", headers=me).json()["top_posts"]
    (linkedin,) = [t for t in top if t["post_id"] == l1]
    assert linkedin["likes"] == 8 and linkedin["engagement_rate"] is None
    table = client.get("/api/analytics/posts?range=7d&sort=engagement_rate", headers=me).json()
    rates = [(i["platform"], i["engagement_rate"]) for i in table["items"]]
    # Measured rates first, highest (then newest) first; the unreported one last.
    assert rates == [("twitter", 10.0), ("facebook", 10.0), ("twitter", 5.0), ("linkedin", None)]
    post = client.get(f"/api/analytics/posts/{l1}", headers=me).json()
    (target,) = post["platforms"]
    assert target["reported_metrics"] == ["likes", "comments"]
    assert target["latest"]["engagement_rate"] is None and target["latest"]["likes"] == 8
    assert post["totals"]["engagement_rate"] is None and post["totals"]["likes"] == 8
    breakdown = client.get("/api/analytics/platforms?range=7d", headers=me).json()["items"]
    assert {p["platform"]: p["engagement_rate"] for p in breakdown}["linkedin"] is None
    rows = csv.DictReader(io.StringIO(client.get("/api/analytics/posts.csv", headers=me).text))
    assert [r["engagement_rate"] for r in rows if r["post_id"] == l1] == [""]
    # A user who posted only to LinkedIn: the overall rate is not reported either.
    solo_user = register()
    solo = Seed(ctx, solo_user["user"]["id"])
    solo.plan("pro")
    solo.account("linkedin")
    solo.post("linkedin", "Only here", local(1, 9), [(24, {"likes": 46, "comments": 3})])
    headers = {"Authorization": f"Bearer {solo_user['access_token']}"}
    totals = client.get("/api/analytics/overview?range=7d", headers=headers).json()["totals"]
    assert totals["posts_published"] == 1 and totals["likes"] == 46
    assert totals["engagement_rate"] is None


def test_overview_30d_includes_the_older_post(client: TestClient, seeded: dict[str, Any]) -> None:
    body = client.get("/api/analytics/overview?range=30d", headers=seeded["me"]).json()
    assert body["totals"] == {
        "posts_published": 5,
        "impressions": 6600,
        "likes": 598,
        "comments": 57,
        "shares": 20,
        "clicks": 85,
        "engagement_rate": 11.36,  # (150 + 600) / 6600
    }
    assert len(body["published_per_day"]) == 30
    assert sum(d["count"] for d in body["published_per_day"]) == 5
    assert {"date": day(7), "count": 1} in body["published_per_day"]
    assert body["top_posts"][0]["post_id"] == str(seeded["ids"]["f2"])


def test_platform_breakdown(client: TestClient, seeded: dict[str, Any]) -> None:
    r = client.get("/api/analytics/platforms?range=7d", headers=seeded["me"])
    assert r.status_code == 200, r.text
    items = {p["platform"]: p for p in r.json()["items"]}
    tw = items["twitter"]
    assert tw["accounts"] == 1 and tw["followers"] == 1020 and tw["followers_change"] == 20
    assert tw["posts_published"] == 2 and tw["impressions"] == 600
    assert tw["impressions_per_post"] == 300.0 and tw["engagements_per_post"] == 25.0
    assert tw["best_post"]["post_id"] == str(seeded["ids"]["t1"])
    assert items["linkedin"]["followers"] is None
    assert items["facebook"]["best_post"]["post_id"] == str(seeded["ids"]["f1"])


def test_post_page_and_tenancy(client: TestClient, seeded: dict[str, Any]) -> None:
    ids = seeded["ids"]
    r = client.get(f"/api/analytics/posts/{ids['t1']}", headers=seeded["me"])
    assert r.status_code == 200, r.text
    body = r.json()
    (tw,) = body["platforms"]
    assert [p["impressions"] for p in tw["series"]] == [100, 400]
    assert [p["hours_after_publish"] for p in tw["series"]] == [1.0, 12.0]
    assert tw["latest"]["likes"] == 30 and tw["username"] == "tw_me"
    assert body["totals"]["impressions"] == 400
    # Another user's post, and a post that does not exist: the same 404.
    for post_id in (ids["theirs"], uuid.uuid4()):
        r = client.get(f"/api/analytics/posts/{post_id}", headers=seeded["me"])
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    # The neighbour's numbers never leak into my overview, nor mine into theirs.
    theirs = client.get("/api/analytics/overview?range=7d", headers=seeded["other"]).json()
    assert theirs["totals"]["posts_published"] == 1 and theirs["totals"]["impressions"] == 99999
    assert [f["current"] for f in theirs["followers"]] == [777]


def test_post_table_sorted_and_paged(client: TestClient, seeded: dict[str, Any]) -> None:
    r = client.get("/api/analytics/posts?range=30d&sort=impressions&limit=2", headers=seeded["me"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 5
    assert [i["impressions"] for i in body["items"]] == [5000, 1000]
    twitter = client.get("/api/analytics/posts?range=7d&platform=twitter", headers=seeded["me"])
    assert [i["post_id"] for i in twitter.json()["items"]] == [
        str(seeded["ids"]["t1"]),
        str(seeded["ids"]["t2"]),
    ]
    bad = client.get("/api/analytics/posts?platform=myspace", headers=seeded["me"])
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "platform"
    bad = client.get("/api/analytics/overview?range=1y", headers=seeded["me"])
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "range"


def test_csv_export_quotes_and_defuses_formulas(client: TestClient, seeded: dict[str, Any]) -> None:
    seed: Seed = seeded["seed"]
    tricky = {
        "formula": '=HYPERLINK("http://evil.example","click")',
        "plus": "+1 555 0100",
        "minus": "-2+3",
        "at": "@SUM(A1:A2)",
        "quoted": 'She said "hi", then left\nSecond line',
    }
    for key, text in tricky.items():
        seed.post("twitter", text, local(1, 8), [(1, {"impressions": 10, "likes": 1})])
        assert key
    r = client.get("/api/analytics/posts.csv?range=7d", headers=seeded["me"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith('attachment; filename="socialflow-posts-7d')
    raw = r.text
    assert raw.endswith("\r\n") and raw.split("\r\n")[0].startswith("published_at,platform,")
    # RFC 4180: the field with quotes and a line break is quoted, inner quotes doubled.
    assert '"She said ""hi"", then left\nSecond line"' in raw
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert len(rows) == 4 + len(tricky)
    contents = {row["content"] for row in rows}
    assert "'" + tricky["formula"] in contents
    assert "'" + tricky["plus"] in contents
    assert "'" + tricky["minus"] in contents
    assert "'" + tricky["at"] in contents
    assert tricky["quoted"] in contents
    t1 = next(row for row in rows if row["post_id"] == str(seeded["ids"]["t1"]))
    assert t1["impressions"] == "400" and t1["engagement_rate"] == "10.00"
    assert t1["published_at"].endswith("+09:00")  # the user's time zone
    assert t1["account"] == "tw_me"


@pytest.mark.parametrize(
    ("plan", "allowed", "refused"),
    [
        (
            "free",
            {"overview"},
            {
                "post": "pro",
                "table": "pro",
                "platforms": "business",
                "csv": "business",
                "90d": "business",
            },
        ),
        ("starter", {"overview"}, {"post": "pro", "platforms": "business"}),
        (
            "pro",
            {"overview", "post", "table"},
            {"platforms": "business", "csv": "business", "90d": "business"},
        ),
        ("business", {"overview", "post", "table", "platforms", "csv", "90d"}, {}),
    ],
)
def test_plan_gating(
    client: TestClient,
    seeded: dict[str, Any],
    plan: str,
    allowed: set[str],
    refused: dict[str, str],
) -> None:
    seeded["seed"].plan(plan)
    paths = {
        "overview": "/api/analytics/overview?range=7d",
        "post": f"/api/analytics/posts/{seeded['ids']['t1']}",
        "table": "/api/analytics/posts?range=7d",
        "platforms": "/api/analytics/platforms?range=7d",
        "csv": "/api/analytics/posts.csv?range=7d",
        "90d": "/api/analytics/overview?range=90d",
    }
    for name in allowed:
        assert client.get(paths[name], headers=seeded["me"]).status_code == 200, name
    for name, required in refused.items():
        r = client.get(paths[name], headers=seeded["me"])
        assert r.status_code == 402, (name, r.text)
        error = r.json()["error"]
        assert error["code"] == "plan_feature"
        assert error["details"]["required_plan"] == required
        assert required.title() in error["message"]
    if plan in ("free", "starter"):
        body = client.get(paths["overview"], headers=seeded["me"]).json()
        assert body["analytics_level"] == "none"
        # Follower counts and how many posts went out; no post numbers.
        assert body["totals"]["posts_published"] == 4 and body["totals"]["impressions"] is None
        assert body["per_platform"][0]["likes"] is None
        assert body["top_posts"] == []
        assert {f["platform"]: f["current"] for f in body["followers"]}["twitter"] == 1020


def test_latest_numbers_only_move_forward(
    ctx: AppContext, client: TestClient, seeded: dict[str, Any]
) -> None:
    """A snapshot that arrives late (older fetched_at) is kept in the series but does not
    replace the newer numbers the overview reads."""
    with ctx.db.session() as s:
        pp = s.scalars(
            select(PlatformPost).where(PlatformPost.post_id == seeded["ids"]["t1"])
        ).one()
        record(
            s, pp.id, pp.workspace_id, "twitter", local(1, 0, 30), {"impressions": 150}, local(1, 6)
        )
    body = client.get(f"/api/analytics/posts/{seeded['ids']['t1']}", headers=seeded["me"]).json()
    (tw,) = body["platforms"]
    assert [p["impressions"] for p in tw["series"]] == [100, 150, 400]
    overview = client.get("/api/analytics/overview?range=7d", headers=seeded["me"]).json()
    assert overview["totals"]["impressions"] == 1600  # still t1's 400


def test_members_see_the_workspaces_analytics_by_its_plan_in_their_own_time_zone(
    ctx: AppContext, client: TestClient, register: Callable[..., dict[str, Any]], clock: FixedClock
) -> None:
    """A team workspace on Business: a viewer (on Free personally, in UTC) reads its numbers
    with every Business page, days counted in the viewer's zone; a non-member gets 404; the
    refresh cooldown is the workspace's, whoever asks."""
    owner, viewer, outsider = register(), register(), register()
    with ctx.db.session() as s:
        team = Workspace(name="Client A", owner_id=uuid.UUID(owner["user"]["id"]))
        s.add(team)
        s.flush()
        team_id = team.id
        s.add(WorkspaceMember(workspace_id=team_id, user_id=team.owner_id, role="owner"))
        s.add(
            WorkspaceMember(
                workspace_id=team_id, user_id=uuid.UUID(viewer["user"]["id"]), role="viewer"
            )
        )
    seed = Seed(ctx, owner["user"]["id"], team_id)
    seed.plan("business")  # the team's plan; the owner's own zone: Tokyo
    seed.account("twitter", platform_username="tw_team")
    post_id = seed.post(
        "twitter", "Team post", local(1, 10), [(2, {"impressions": 500, "likes": 20})]
    )

    def as_(who: dict[str, Any], workspace: uuid.UUID | None = team_id) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {who['access_token']}"}
        return {**headers, "X-Workspace-Id": str(workspace)} if workspace else headers

    body = client.get("/api/analytics/overview?range=90d", headers=as_(viewer)).json()
    assert body["analytics_level"] == "advanced" and body["timezone"] == "UTC"
    assert body["totals"]["posts_published"] == 1 and body["totals"]["impressions"] == 500
    assert body["top_posts"][0]["post_id"] == str(post_id)
    assert client.get("/api/analytics/overview", headers=as_(owner)).json()["timezone"] == (
        "Asia/Tokyo"
    )
    for path in (
        "/api/analytics/platforms",
        "/api/analytics/posts",
        "/api/analytics/posts.csv",
        f"/api/analytics/posts/{post_id}",
    ):
        assert client.get(path, headers=as_(viewer)).status_code == 200, path
        r = client.get(path, headers=as_(outsider))
        assert r.status_code == 404 and r.json()["error"]["code"] == "workspace_not_found"
    # In their personal workspace the viewer has nothing and their own Free plan.
    mine = client.get("/api/analytics/overview", headers=as_(viewer, None)).json()
    assert mine["analytics_level"] == "none" and mine["totals"]["posts_published"] == 0
    assert (
        client.get(f"/api/analytics/posts/{post_id}", headers=as_(viewer, None)).status_code == 404
    )

    assert client.post("/api/analytics/refresh", headers=as_(viewer)).status_code == 202
    again = client.post("/api/analytics/refresh", headers=as_(owner))
    assert again.status_code == 429 and again.json()["error"]["code"] == "refresh_too_soon"
    assert client.post("/api/analytics/refresh", headers=as_(owner, None)).status_code == 202
    r = client.post("/api/analytics/refresh", headers=as_(outsider))
    assert r.status_code == 404
