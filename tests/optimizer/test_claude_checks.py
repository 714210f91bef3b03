"""The product's checks of Claude's answers, exercised by an emulator that answers badly on
request (over-long, a cut link, invalid JSON) and that counts length its own naive way."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient

from socialflow.core.config import Settings
from socialflow.optimizer.claude import ClaudeOptimizer, changed_links
from socialflow.platforms import text
from tests.optimizer.conftest import Fake

UserOn = Callable[..., tuple[uuid.UUID, dict[str, str]]]
MakePost = Callable[..., tuple[uuid.UUID, dict[str, uuid.UUID]]]
LINKED = "Our spring menu is out: https://example.com/menus/spring-2027 lemon tart and more! #cafe"


def test_changed_links_names_links_the_post_does_not_have() -> None:
    post = "Read it at https://example.com/a/long-path?x=1, then tell us."
    assert changed_links(post, "Read it: https://example.com/a/long-path?x=1.") == []
    assert changed_links(post, "Read it: https://example.com/a/lo…") == ["https://example.com/a/lo"]
    assert changed_links(post, "Read it: https://exa") == ["https://exa"]
    assert changed_links(post, "No link at all") == []


def test_an_answer_with_a_cut_link_is_refused_with_the_reason(
    settings: Settings, fake: Fake
) -> None:
    fake.fault("cut_url")
    answer = ClaudeOptimizer(settings).optimize(LINKED, ["linkedin"])["linkedin"]
    (call,) = fake.requests()
    assert call["body"]["messages"][0]["content"].count("https://example.com/menus/spring-2027")
    assert answer.failure is not None and answer.failure.startswith("changed_link")
    assert "'https://example.co'" in answer.failure  # the cut link, named
    assert answer.content == ""


def test_an_answer_with_its_link_intact_is_kept(settings: Settings, fake: Fake) -> None:
    answer = ClaudeOptimizer(settings).optimize(LINKED, ["linkedin"])["linkedin"]
    assert answer.failure is None
    assert "https://example.com/menus/spring-2027" in answer.content


def test_invalid_json_is_refused_with_the_reason(settings: Settings, fake: Fake) -> None:
    fake.fault("malformed")
    answer = ClaudeOptimizer(settings).optimize(LINKED, ["facebook"])["facebook"]
    assert answer.failure is not None and answer.failure.startswith("malformed_answer: not JSON")


def test_a_length_the_model_misjudges_is_caught_by_the_products_own_count(
    settings: Settings, fake: Fake
) -> None:
    # 200 CJK characters: the emulator counts 200 (< 280) and sends them back as they are; X
    # weighs each CJK character 2 (400), so the product sends it back once, then cuts it.
    post = "春の新メニュー" * 28 + "春夏秋冬"
    assert len(post) == 200 and text.count("twitter", post) == 400
    answer = ClaudeOptimizer(settings).optimize(post, ["twitter"])["twitter"]
    assert answer.failure is None
    assert answer.requests == 2 and answer.shortened
    assert text.count("twitter", answer.content) <= 280
    _, retry = fake.requests()
    assert "measures 400 against a limit of 280" in retry["body"]["messages"][-1]["content"]


def test_cut_link_through_the_api_falls_back_to_the_offline_rules(
    client: TestClient, fake: Fake, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("pro")
    post_id, _ = make_post(user_id, LINKED, ["linkedin"])
    fake.fault("cut_url")
    response = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={})
    assert response.status_code == 200, response.text
    (variant,) = response.json()["variants"]
    assert variant["optimized_by"] == "offline"
    assert variant["fallback_reason"].startswith("changed_link")
    assert "https://example.com/menus/spring-2027" in variant["content"]
