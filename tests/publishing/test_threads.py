"""X threads and first comments through the engine, against the sandbox over real HTTP
(issue 19): each part exactly once, in order, each a reply to the one before; a crash or a
lost answer between parts resumes at the missing part; a refused first comment fails alone."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from socialflow.core.clock import utcnow
from socialflow.models import Notification, PlatformPostPart, Workspace
from tests.publishing.conftest import Live

THREAD = ["Part two: the details.", "Part three: the numbers.", "Part four: thanks!"]


@pytest.fixture
def ann(live: Live) -> dict[str, Any]:
    who = live.user("ann@example.com")
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    live.connect(who, "twitter")
    live.connect(who, "linkedin")
    return who


def _create(live: Live, who: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    r = live.http.post("/api/posts", json=body, headers=who["headers"])
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


def _publish(live: Live, who: dict[str, Any], post_id: str) -> None:
    r = live.http.post(f"/api/posts/{post_id}/publish", headers=who["headers"])
    assert r.status_code == 200, r.text


def _get(live: Live, who: dict[str, Any], post_id: str) -> dict[str, Any]:
    body: dict[str, Any] = live.http.get(f"/api/posts/{post_id}", headers=who["headers"]).json()
    return body


def _x(post: dict[str, Any]) -> dict[str, Any]:
    variant: dict[str, Any] = next(v for v in post["platform_posts"] if v["platform"] == "twitter")
    return variant


def _thread_post(live: Live, who: dict[str, Any], **x: Any) -> dict[str, Any]:
    return _create(
        live,
        who,
        {
            "content": "Part one: a thread about threads.",
            "social_account_ids": [who["accounts"]["twitter"]],
            "platform_options": {"twitter": {"thread": THREAD, **x}},
        },
    )


def _chain(live: Live) -> list[dict[str, Any]]:
    """The X posts the emulator accepted, oldest first."""
    return sorted(live.published("twitter"), key=lambda r: r["created_at"])


def _assert_reply_chain(records: list[dict[str, Any]], texts: list[str]) -> None:
    assert [r["text"] for r in records] == texts
    assert "in_reply_to" not in records[0]["extra"]
    for before, after in itertools.pairwise(records):
        assert after["extra"]["in_reply_to"] == before["post_id"]
        assert after["extra"]["body"]["reply"] == {"in_reply_to_tweet_id": before["post_id"]}


def test_a_thread_goes_out_in_order_each_part_a_reply_and_shows_every_url(
    live: Live, ann: dict[str, Any]
) -> None:
    post = _thread_post(live, ann, first_comment="Links and #tags in the first reply.")
    before = _x(_get(live, ann, post["id"]))
    assert [p["status"] for p in before["parts"]] == ["draft"] * 4
    assert before["first_comment"]["status"] == "draft"
    _publish(live, ann, post["id"])
    live.run()
    body = _get(live, ann, post["id"])
    assert body["status"] == "published"
    x = _x(body)
    texts = ["Part one: a thread about threads.", *THREAD]
    assert [p["position"] for p in x["parts"]] == [1, 2, 3, 4]
    assert [p["text"] for p in x["parts"]] == texts
    assert [p["status"] for p in x["parts"]] == ["published"] * 4
    records = _chain(live)
    assert len(records) == 5  # four parts and the first reply, each once
    _assert_reply_chain(records, [*texts, "Links and #tags in the first reply."])
    assert [p["id"] for p in x["parts"]] == [r["post_id"] for r in records[:4]]
    for part in x["parts"]:
        assert part["url"].endswith(f"/status/{part['id']}")
    comment = x["first_comment"]
    assert comment["status"] == "published" and comment["id"] == records[4]["post_id"]
    assert comment["url"].endswith(f"/status/{comment['id']}") and comment["error"] is None
    live.run()  # nothing more is sent, ever
    assert len(live.published("twitter")) == 5


def test_a_lost_answer_after_part_2_of_4_is_found_under_part_2_and_never_sent_twice(
    live: Live, ann: dict[str, Any]
) -> None:
    # Part 3 is created at X, but its answer never comes back (the client times out).
    live.fault("twitter", "timeout_after_create", path="/2/tweets", after=2, seconds=4)
    post = _thread_post(live, ann)
    _publish(live, ann, post["id"])
    live.run()
    records = _chain(live)
    texts = ["Part one: a thread about threads.", *THREAD]
    _assert_reply_chain(records, texts)  # four posts: part 3 was looked up, not re-sent
    x = _x(_get(live, ann, post["id"]))
    assert [p["status"] for p in x["parts"]] == ["published"] * 4
    assert [p["id"] for p in x["parts"]] == [r["post_id"] for r in records]
    lookups = [k for k in live.hits if k.startswith("GET ") and k.endswith("/tweets")]
    assert lookups, "part 3 was settled by looking under part 2"


def test_a_worker_killed_holding_part_3_of_4_resumes_at_part_3_exactly_once(
    live: Live, ann: dict[str, Any]
) -> None:
    # Parts 1 and 2 go out; part 3 is held back (rate limited) ...
    live.fault("twitter", "rate_limit", path="/2/tweets", after=2, seconds=600)
    post = _thread_post(live, ann)
    _publish(live, ann, post["id"])
    live.run()
    assert len(_chain(live)) == 2
    # ... then a worker takes part 3 and is killed (kill -9) before its call: the part is
    # `sending` with a lease that runs out, and nothing reached X.
    pp_id = uuid.UUID(_x(_get(live, ann, post["id"]))["id"])
    with live.ctx.db.session() as s:
        part3 = s.scalar(
            select(PlatformPostPart).where(
                PlatformPostPart.platform_post_id == pp_id, PlatformPostPart.position == 3
            )
        )
        assert part3 is not None and part3.status == "retry_wait"
        part3.status, part3.attempts = "sending", part3.attempts + 1
        part3.lease_expires_at = utcnow() - timedelta(seconds=1)
    live.run()
    records = _chain(live)
    _assert_reply_chain(records, ["Part one: a thread about threads.", *THREAD])
    x = _x(_get(live, ann, post["id"]))
    assert [p["status"] for p in x["parts"]] == ["published"] * 4


def test_a_refused_first_reply_fails_alone_and_the_post_stays_published(
    live: Live, ann: dict[str, Any]
) -> None:
    live.fault("twitter", "duplicate", path="/2/tweets", after=1)
    post = _create(
        live,
        ann,
        {
            "content": "Only one post, and a first reply X refuses.",
            "social_account_ids": [ann["accounts"]["twitter"]],
            "platform_options": {"twitter": {"first_comment": "The first reply."}},
        },
    )
    _publish(live, ann, post["id"])
    live.run()
    body = _get(live, ann, post["id"])
    assert body["status"] == "published"
    x = _x(body)
    assert x["status"] == "published" and x["platform_url"]
    assert x["parts"] == []  # no thread
    comment = x["first_comment"]
    assert comment["status"] == "failed" and comment["url"] is None
    assert "duplicate" in comment["error"]
    assert len(live.published("twitter")) == 1  # the post was not sent again for it
    with live.ctx.db.session() as s:
        kinds = s.scalars(select(Notification.kind)).all()
    assert "post_part_failed" in kinds


def test_a_failed_thread_part_skips_the_parts_after_it(live: Live, ann: dict[str, Any]) -> None:
    live.fault("twitter", "duplicate", path="/2/tweets", after=2)
    post = _thread_post(live, ann, first_comment="The plug.")
    _publish(live, ann, post["id"])
    live.run()
    x = _x(_get(live, ann, post["id"]))
    assert [p["status"] for p in x["parts"]] == ["published", "published", "failed", "skipped"]
    assert x["parts"][3]["error"] == "Not sent: part 3 failed."
    assert x["first_comment"]["status"] == "skipped"
    assert len(live.published("twitter")) == 2


def test_transient_errors_retry_the_part_alone(live: Live, ann: dict[str, Any]) -> None:
    live.fault("twitter", "server_error", path="/2/tweets", after=1, times=2)
    post = _thread_post(live, ann)
    _publish(live, ann, post["id"])
    for _ in range(5):
        live.run()
        with live.ctx.db.session() as s:  # the backoff is not what this test checks
            s.execute(
                update(PlatformPostPart)
                .where(PlatformPostPart.status == "retry_wait")
                .values(due_at=utcnow())
            )
    _assert_reply_chain(_chain(live), ["Part one: a thread about threads.", *THREAD])


# ---------------------------------------------------------------- the wire contract


def test_thread_parts_are_counted_as_x_counts_them(live: Live, ann: dict[str, Any]) -> None:
    long_part = "é" * 200 + " https://example.com/" + "a" * 300  # 200 + 1 + 23 = 224: fits
    too_long = "日本" * 141  # 282 code points of weight 2: 564
    post = _thread_post(live, ann)
    r = live.http.put(
        f"/api/posts/{post['id']}",
        json={"platform_options": {"twitter": {"thread": [long_part, too_long]}}},
        headers=ann["headers"],
    )
    assert r.status_code == 200, r.text
    problems = r.json()["problems"]
    assert [(p["code"], p["field"]) for p in problems] == [
        ("thread_part_too_long", "options.thread.1.text")
    ]
    assert "Part 3 of the thread" in problems[0]["message"]
    refused = live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "post_invalid"
    assert refused.json()["error"]["details"][0]["field"] == "options.thread.1.text"
    assert live.published() == []


def test_settings_a_platform_does_not_take_are_refused_naming_the_field(
    live: Live, ann: dict[str, Any]
) -> None:
    base = {"content": "Hello", "social_account_ids": [ann["accounts"]["linkedin"]]}
    for options, field in [
        ({"linkedin": {"thread": ["no threads here"]}}, "platform_options.linkedin.thread"),
        ({"tiktok": {"first_comment": "no"}}, "platform_options.tiktok.first_comment"),
        ({"instagram": {"media_type": "igtv"}}, "platform_options.instagram.media_type"),
        ({"twitter": {"thread": [{"txt": "x"}]}}, "platform_options.twitter.thread.0.txt"),
        ({"mastodon": {}}, "platform_options.mastodon"),
    ]:
        r = live.http.post(
            "/api/posts", json={**base, "platform_options": options}, headers=ann["headers"]
        )
        assert r.status_code == 422, (options, r.text)
        fields = [d["field"] for d in r.json()["error"]["details"]]
        assert field in fields, (options, fields)


def test_first_comments_follow_each_platforms_comment_limit(
    live: Live, ann: dict[str, Any]
) -> None:
    post = _create(
        live,
        ann,
        {
            "content": "A post with a long first comment.",
            "social_account_ids": [ann["accounts"]["linkedin"], ann["accounts"]["twitter"]],
            "platform_options": {
                "linkedin": {"first_comment": "x" * 1251},
                "twitter": {"first_comment": "y" * 280},
            },
        },
    )
    problems = [(p["platform"], p["code"], p["field"]) for p in post["problems"]]
    assert problems == [("linkedin", "first_comment_too_long", "options.first_comment")]
    assert "LinkedIn allows 1,250 characters in a comment" in post["problems"][0]["message"]


def test_put_merges_settings_and_null_removes_one(live: Live, ann: dict[str, Any]) -> None:
    post = _thread_post(live, ann, first_comment="First!")
    r = live.http.put(
        f"/api/posts/{post['id']}",
        json={"platform_options": {"twitter": {"first_comment": None, "made_with_ai": True}}},
        headers=ann["headers"],
    )
    assert r.status_code == 200, r.text
    x = _x(r.json())
    assert x["options"] == {
        "thread": [{"text": t} for t in THREAD],
        "made_with_ai": True,
    }
    assert x["first_comment"] is None and len(x["parts"]) == 4


def test_a_thread_part_names_only_the_users_own_media(live: Live, ann: dict[str, Any]) -> None:
    r = live.http.post(
        "/api/posts",
        json={
            "content": "Hello",
            "social_account_ids": [ann["accounts"]["twitter"]],
            "platform_options": {
                "twitter": {"thread": [{"text": "with media", "media_ids": [str(uuid.uuid4())]}]}
            },
        },
        headers=ann["headers"],
    )
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "platform_options.twitter"
