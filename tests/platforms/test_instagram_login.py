"""Instagram with Instagram Login (Business Login for Instagram, graph.instagram.com): the
connector against the emulator over real HTTP (issue 19 §6). A professional account with no
Facebook Page connects with the `instagram_business_*` permissions, its token lives 60 days and
is renewed with refresh_access_token, and it publishes, comments and reads insights through
the same "instagram" connector the engine uses."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from socialflow.platforms.base import (
    Disconnected,
    FollowUp,
    Pending,
    Published,
    Rejected,
    TokenSet,
    Variant,
)
from socialflow.platforms.instagram import (
    LOGIN_SCOPES,
    InstagramConnector,
    InstagramLoginConnector,
)
from socialflow.sandbox import instagram as ig_emulator
from socialflow.sandbox import instagram_login as ig_login_emulator
from tests.platforms.emulators import (
    GRAPH_VERSION,
    META_REDIRECT_URI,
    EmulatorHarness,
    image,
    query_of,
    serve_emulators,
    submit_consent,
    video,
)

IG = "instagram"


@pytest.fixture(scope="module", name="harness")
def harness_fixture() -> Iterator[EmulatorHarness]:
    with serve_emulators(
        {"instagram": ig_emulator.router, "instagram-login": ig_login_emulator.router},
        secret=b"ig-login-secret",
        redirect_uri=META_REDIRECT_URI,
        options={"graph_version": GRAPH_VERSION},
    ) as served:
        yield served


@pytest.fixture(name="sandbox")
def sandbox_fixture(harness: EmulatorHarness) -> Iterator[EmulatorHarness]:
    harness.store.reset()
    yield harness
    harness.store.reset()


def _login_options(sandbox: EmulatorHarness) -> dict[str, Any]:
    base = f"{sandbox.base}/instagram-login"
    return {
        "client_id": ig_login_emulator.CLIENT_ID,
        "client_secret": ig_login_emulator.CLIENT_SECRET,
        "api_base": base,
        "auth_base": base,
        "token_base": base,
        "sandbox": True,
    }


def _instagram(sandbox: EmulatorHarness) -> InstagramConnector:
    """The one "instagram" connector, as the registry builds it (both ways configured)."""
    config = sandbox.config(IG, instagram_login=_login_options(sandbox))
    return InstagramConnector(config, httpx.Client(timeout=5.0))


def _consent(
    sandbox: EmulatorHarness, username: str, scope: str | None = None
) -> tuple[str, dict[str, str]]:
    """Instagram's consent page walked like a browser: (Location, its query)."""
    connector = _instagram(sandbox).for_method("instagram_login")
    url = connector.authorization_url("state-igl", "unused")
    if scope is not None:
        url = url.replace(f"scope={','.join(LOGIN_SCOPES).replace(',', '%2C')}", f"scope={scope}")
    answer = submit_consent(url, username)
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    return location, query_of(location.split("#")[0])


def _connect(sandbox: EmulatorHarness, username: str = "pageless_studio") -> TokenSet:
    _, query = _consent(sandbox, username)
    login = _instagram(sandbox).for_method("instagram_login")
    # The redirect ends in "#_": a code copied with it still works.
    return login.exchange_code(query["code"] + "#_", "unused")


def test_the_consent_asks_for_the_instagram_business_permissions(
    sandbox: EmulatorHarness,
) -> None:
    login = _instagram(sandbox).for_method("instagram_login")
    assert isinstance(login, InstagramLoginConnector)
    url = login.authorization_url("s1", "unused")
    assert url.startswith(f"{sandbox.base}/instagram-login/oauth/authorize?")
    params = query_of(url)
    assert params["scope"].split(",") == list(LOGIN_SCOPES)
    assert params["client_id"] == ig_login_emulator.CLIENT_ID and params["response_type"] == "code"
    location, query = _consent(sandbox, "pageless_studio")
    assert location.startswith(META_REDIRECT_URI) and location.endswith("#_")
    assert query["state"] == "state-igl" and query["code"]
    # The scope names retired on 27 Jan 2025 are refused by Instagram's consent page.
    old = url.replace(
        params["scope"].replace(",", "%2C"), "business_basic%2Cbusiness_content_publish"
    )
    page = httpx.get(old)
    assert "Invalid Scopes: business_basic, business_content_publish" in page.text


def test_exchange_gives_a_sixty_day_token_and_the_professional_account(
    sandbox: EmulatorHarness,
) -> None:
    tokens = _connect(sandbox)
    persona = sandbox.store.user(IG, "pageless_studio")
    assert tokens.extra == {"login": "instagram", "ig_user_id": persona.id}
    assert tokens.refresh_token is None and tokens.expires_at is not None
    assert timedelta(days=59) < tokens.expires_at - datetime.now(UTC) <= timedelta(days=60)
    assert set((tokens.scope or "").split(",")) == set(LOGIN_SCOPES)
    who = _instagram(sandbox).identity(tokens)  # the engine's connector, handing over
    assert who.platform_user_id == persona.id and who.username == "pageless_studio"
    assert who.follower_count == persona.followers()
    assert who.extra["login"] == "instagram"


@pytest.mark.parametrize("knob", ["wrapped", "permissions_as_string"])
def test_either_shape_of_the_code_exchange_answer_is_read(
    sandbox: EmulatorHarness, knob: str
) -> None:
    sandbox.store.objects["instagram-login:config"] = {knob: True}
    tokens = _connect(sandbox)
    assert tokens.extra["ig_user_id"] == sandbox.store.user(IG, "pageless_studio").id


def test_a_code_is_single_use_and_a_missing_permission_is_named(
    sandbox: EmulatorHarness,
) -> None:
    login = _instagram(sandbox).for_method("instagram_login")
    _, query = _consent(sandbox, "pageless_studio")
    login.exchange_code(query["code"], "")
    with pytest.raises(Rejected) as used:
        login.exchange_code(query["code"], "")
    assert "expired or has been used" in used.value.message
    _, partial = _consent(sandbox, "pageless_studio", scope="instagram_business_basic")
    with pytest.raises(Rejected) as missing:
        login.exchange_code(partial["code"], "")
    assert missing.value.code == "missing_permissions"
    assert "instagram_business_content_publish" in missing.value.message


def test_a_personal_account_is_refused_with_what_to_do(sandbox: EmulatorHarness) -> None:
    tokens = _connect(sandbox, "personal_diary")
    with pytest.raises(Rejected) as err:
        _instagram(sandbox).identity(tokens)
    assert err.value.code == "not_professional"
    assert "professional (Business or Creator) account" in err.value.message


def _aged_token(sandbox: EmulatorHarness, age: timedelta, ttl: timedelta) -> TokenSet:
    """A long-lived Instagram User token issued `age` ago, expiring `ttl` from now."""
    persona = sandbox.store.user(IG, "pageless_studio")
    token = sandbox.store.issue(
        IG, "iguser", persona.id, int(ttl.total_seconds()),
        un=persona.username, sc=list(LOGIN_SCOPES), ll=True,
        iat=int(time.time() - age.total_seconds()),
    )  # fmt: skip
    return TokenSet(
        access_token=token,
        expires_at=datetime.now(UTC) + ttl,
        scope=",".join(LOGIN_SCOPES),
        extra={"login": "instagram", "ig_user_id": persona.id},
    )


def test_refresh_renews_a_token_a_day_old_and_leaves_a_newer_one(
    sandbox: EmulatorHarness,
) -> None:
    instagram = _instagram(sandbox)
    fresh = _connect(sandbox)
    assert instagram.refresh(fresh) is fresh  # under 24 h old: Instagram would refuse it
    old = _aged_token(sandbox, timedelta(days=50), timedelta(days=10))
    renewed = instagram.refresh(old)
    assert renewed.access_token != old.access_token
    assert renewed.expires_at and renewed.expires_at - datetime.now(UTC) > timedelta(days=59)
    assert renewed.extra == old.extra
    assert instagram.identity(renewed).username == "pageless_studio"
    expired = _aged_token(sandbox, timedelta(days=61), timedelta(seconds=-60))
    with pytest.raises(Disconnected) as err:
        instagram.refresh(expired)
    assert "reconnect" in err.value.message


def test_publishing_a_reel_and_its_first_comment_on_graph_instagram(
    sandbox: EmulatorHarness,
) -> None:
    instagram = _instagram(sandbox)
    tokens = _connect(sandbox)
    result = instagram.publish(
        tokens,
        Variant(text="No Page needed", media=[video(sandbox)], options={"media_type": "reel"}),
    )
    for _ in range(10):
        if isinstance(result, Published):
            break
        assert isinstance(result, Pending)
        result = instagram.check(tokens, result.ref)
    assert isinstance(result, Published) and result.platform_post_id
    media_id = result.platform_post_id
    assert result.url and result.url.startswith("https://www.instagram.com/reel/")
    (record,) = sandbox.published(IG)
    assert record["user_id"] == tokens.extra["ig_user_id"]
    assert record["extra"]["media_product_type"] == "REELS"
    comment = instagram.follow_up(
        tokens,
        FollowUp(kind="comment", parent_id=media_id, text="#nopage"),
    )
    assert isinstance(comment, Published)
    found = instagram.find_follow_up(
        tokens,
        FollowUp(kind="comment", parent_id=media_id, text="#nopage"),
    )
    assert found is not None and found.platform_post_id == comment.platform_post_id
    assert instagram.follower_count(tokens) == sandbox.store.user(IG, "pageless_studio").followers()
    assert instagram.publishing_quota(tokens)[0] == 1
    assert [
        p.platform_post_id
        for p in instagram.find_recent(tokens, datetime.now(UTC) - timedelta(hours=1))
    ] == [result.platform_post_id]


def test_a_story_and_an_image_too(sandbox: EmulatorHarness) -> None:
    instagram = _instagram(sandbox)
    tokens = _connect(sandbox)
    story = instagram.publish(
        tokens, Variant(text="", media=[image(sandbox)], options={"media_type": "story"})
    )
    assert isinstance(story, Published) and story.url and "/stories/" in story.url
    post = instagram.publish(tokens, Variant(text="A photo", media=[image(sandbox)]))
    assert isinstance(post, Published) and post.url and "/p/" in post.url


def test_each_host_takes_only_its_own_tokens(sandbox: EmulatorHarness) -> None:
    tokens = _connect(sandbox)
    # An Instagram User token means nothing to graph.facebook.com, and the other way round.
    facebook_path = TokenSet(
        access_token=tokens.access_token, extra={"ig_user_id": tokens.extra["ig_user_id"]}
    )
    with pytest.raises(Exception) as err:
        _instagram(sandbox).follower_count(facebook_path)
    assert "Invalid OAuth access token" in str(err.value)


def test_without_the_instagram_app_configured_the_method_is_not_offered(
    sandbox: EmulatorHarness,
) -> None:
    plain = InstagramConnector(sandbox.config(IG), httpx.Client(timeout=5.0))
    with pytest.raises(Rejected) as err:
        plain.for_method("instagram_login")
    assert err.value.code == "platform_not_configured"
    assert "INSTAGRAM_LOGIN_CLIENT_ID" in err.value.message
