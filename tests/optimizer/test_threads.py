"""A long post split into an X thread by the optimizer (issue 19 §1): Claude through the
Anthropic emulator and the offline rules; every part within X's count, no link, @mention or
#hashtag ever cut between parts, the variant's text part 1 and its options.thread the rest."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.models import AICacheEntry, PlatformPost
from socialflow.optimizer.claude import ClaudeOptimizer, cut_entities
from socialflow.platforms import text
from tests.optimizer.conftest import Fake

UserOn = Callable[..., tuple[uuid.UUID, dict[str, str]]]
MakePost = Callable[..., tuple[uuid.UUID, dict[str, uuid.UUID]]]
LONG = (
    "We rebuilt our roastery from the ground up this year, and today we can finally show you "
    "what changed. The new drum roaster runs on renewable power and cuts our emissions by half. "
    "Every bag now carries the farm, the altitude and the harvest date, so you know exactly "
    "what you are drinking. Thanks to @maria_roasts for months of test batches and to "
    "@coop_huila for the beans. The full story with photos is at "
    "https://example.com/blog/2027/roastery-rebuild-story and the first bags ship on Monday. "
    "Tell us what you think of the new light roast, we read every reply. #coffee #roastery"
)
ENTITIES = [e.text for e in text.entities(LONG)]


def _assert_thread(parts: list[str]) -> None:
    """Each part fits X; every link, mention and hashtag of the post is whole in one part."""
    assert len(parts) >= 2
    for part in parts:
        assert text.count("twitter", part) <= 280, part
    for entity in ENTITIES:
        assert any(entity in part for part in parts), entity
    assert cut_entities(LONG, parts) == []
    words = [w for w in LONG.split() if not w.startswith(("#", "http", "@"))]
    joined = " ".join(parts)
    assert all(w.rstrip(".,") in joined for w in words)


def _row(ctx: AppContext, row_id: uuid.UUID) -> PlatformPost:
    with ctx.db.session() as session:
        row = session.get(PlatformPost, row_id)
        assert row is not None
        return row


def test_claude_writes_the_thread_in_parts_that_fit_with_nothing_cut(
    settings: Settings, fake: Fake
) -> None:
    assert text.count("twitter", LONG) > 280
    answer = ClaudeOptimizer(settings).thread(LONG)
    assert answer.failure is None, answer.failure
    assert answer.thread is not None and answer.content == answer.thread[0]
    _assert_thread(answer.thread)
    (call,) = fake.requests()
    prompt = call["body"]["messages"][0]["content"]
    assert "Format: thread" in prompt and "Never split a link" in prompt
    assert call["body"]["output_config"]["format"]["schema"]["required"] == ["parts"]


def test_a_part_boundary_inside_a_link_or_hashtag_is_refused_with_the_reason(
    settings: Settings, fake: Fake
) -> None:
    fake.fault("cut_entity")
    answer = ClaudeOptimizer(settings).thread(LONG)
    assert answer.thread is None
    assert answer.failure is not None and answer.failure.startswith("cut_entity")
    fake.fault("cut_url")
    cut = ClaudeOptimizer(settings).thread(LONG)
    assert cut.failure is not None and cut.failure.startswith("changed_link")


def test_a_part_over_the_limit_is_sent_back_once_with_its_exact_overflow(
    settings: Settings, fake: Fake
) -> None:
    fake.fault("over_limit")
    answer = ClaudeOptimizer(settings).thread(LONG)
    assert answer.failure is None and answer.thread is not None
    _assert_thread(answer.thread)
    _first, second = fake.requests()
    feedback = second["body"]["messages"][-1]["content"]
    assert feedback.startswith("Part 1 measures ") and "over." in feedback
    fake.fault("over_limit", times=2)
    still = ClaudeOptimizer(settings).thread(LONG)
    assert still.failure is not None and still.failure.startswith("over_limit")


def test_the_api_stores_the_thread_into_the_x_variant_and_serves_it_from_the_cache(
    client: TestClient, ctx: AppContext, fake: Fake, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("pro")
    post_id, rows = make_post(user_id, LONG, ["twitter", "linkedin"])
    r = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={"thread": True})
    assert r.status_code == 200, r.text
    x = next(v for v in r.json()["variants"] if v["platform"] == "twitter")
    assert x["as_thread"] and x["optimized_by"].startswith("claude:")
    assert x["problems"] == []
    _assert_thread(x["thread"])
    row = _row(ctx, rows["twitter"])
    assert row.content == x["thread"][0]
    assert [p["text"] for p in row.options["thread"]] == x["thread"][1:]
    linkedin = next(v for v in r.json()["variants"] if v["platform"] == "linkedin")
    assert not linkedin["as_thread"]  # only X has threads
    # The post shows the parts, in order, before it is published.
    post = client.get(f"/api/posts/{post_id}", headers=headers).json()
    target = next(t for t in post["platform_posts"] if t["platform"] == "twitter")
    assert [p["text"] for p in target["parts"]] == x["thread"]
    # Asked again: Claude's thread comes from the cache; a one-post answer has its own key.
    calls = len(fake.requests())
    again = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={"thread": True})
    x_again = next(v for v in again.json()["variants"] if v["platform"] == "twitter")
    assert x_again["cached"] and x_again["thread"] == x["thread"] and x_again["as_thread"]
    assert len(fake.requests()) == calls
    with ctx.db.session() as session:
        assert len(session.scalars(select(AICacheEntry)).all()) == 2
    single = client.post(
        f"/api/posts/{post_id}/optimize",
        headers=headers,
        json={"platforms": ["twitter"]},
    )
    (one,) = single.json()["variants"]
    assert not one["cached"] and not one["as_thread"]


def test_a_cut_answer_falls_back_to_the_offline_thread(
    client: TestClient, ctx: AppContext, fake: Fake, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("pro")
    post_id, rows = make_post(user_id, LONG, ["twitter"])
    fake.fault("cut_entity")
    r = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={"thread": True})
    (x,) = r.json()["variants"]
    assert x["optimized_by"] == "offline" and x["fallback_reason"].startswith("cut_entity")
    assert x["as_thread"]
    _assert_thread(x["thread"])
    assert [p["text"] for p in _row(ctx, rows["twitter"]).options["thread"]] == x["thread"][1:]


def test_the_offline_rules_split_a_long_post_and_leave_a_short_one_alone(
    client: TestClient, ctx: AppContext, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("free")
    post_id, _ = make_post(user_id, LONG, ["twitter"])
    r = client.post(
        f"/api/posts/{post_id}/optimize",
        headers=headers,
        json={"thread": True, "optimizer": "offline"},
    )
    assert r.status_code == 200, r.text
    (x,) = r.json()["variants"]
    assert x["as_thread"] and x["problems"] == []
    _assert_thread(x["thread"])
    assert x["thread"][0].endswith(f"1/{len(x['thread'])}")
    short_id, short_rows = make_post(user_id, "A short one. #coffee", ["twitter"])
    s = client.post(
        f"/api/posts/{short_id}/optimize",
        headers=headers,
        json={"thread": True, "optimizer": "offline"},
    )
    (one,) = s.json()["variants"]
    assert not one["as_thread"] and "thread" not in _row(ctx, short_rows["twitter"]).options
    preview = client.post(
        "/api/optimizer/preview",
        headers=headers,
        json={"content": LONG, "platforms": ["twitter"], "thread": True, "optimizer": "offline"},
    )
    assert preview.json()["variants"][0]["thread"] == x["thread"]
