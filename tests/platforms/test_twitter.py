"""X connector against the X emulator over real HTTP, plus contract checks of what it sends."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from socialflow.platforms import twitter as twitter_module
from socialflow.platforms.base import (
    AuthExpired,
    Disconnected,
    FollowUp,
    OutcomeUnknown,
    Pending,
    Published,
    RateLimited,
    Rejected,
    TokenSet,
    Transient,
    Variant,
    code_challenge_s256,
    new_code_verifier,
    new_state,
)
from socialflow.platforms.twitter import TwitterConnector
from socialflow.sandbox.core import metric_growth

# pytest fixtures, re-exported by name so pytest finds them in this module
from tests.platforms.emulators import (  # noqa: F401
    OPENAPI,
    Capture,
    media_item,
    png_bytes,
    query_of,
    sha256,
    xli_sandbox,
    xli_sandbox_server,
)
from tests.platforms.emulators import (
    XLI_REDIRECT_URI as REDIRECT_URI,
)
from tests.platforms.emulators import (
    EmulatorHarness as Sandbox,
)
from tests.platforms.emulators import (
    consent_location as consent,
)

P = "twitter"


def connect(
    sb: Sandbox, username: str = "sandbox_creator", client: httpx.Client | None = None
) -> tuple[TwitterConnector, TokenSet]:
    """Full OAuth through the consent page; tokens carry identity's extra like the app stores."""
    conn = TwitterConnector(sb.config(P), client)
    verifier = new_code_verifier()
    state = new_state()
    location = consent(conn.authorization_url(state, code_challenge_s256(verifier)), username)
    params = query_of(location)
    assert params["state"] == state
    tokens = conn.exchange_code(params["code"], verifier)
    tokens.extra.update(conn.identity(tokens).extra)
    return conn, tokens


def video_bytes(n: int = 10_000) -> bytes:
    return b"\x00\x00\x00\x18ftypmp42" + bytes(i % 251 for i in range(n - 12))


# ---------------------------------------------------------------- OAuth


def test_full_oauth_flow_and_identity(sandbox: Sandbox) -> None:
    conn = TwitterConnector(sandbox.config(P))
    verifier, state = new_code_verifier(), new_state()
    url = conn.authorization_url(state, code_challenge_s256(verifier))
    location = consent(url, "ada_lovelace")
    assert location.startswith(REDIRECT_URI + "?")
    params = query_of(location)
    assert params["state"] == state and params["code"]

    tokens = conn.exchange_code(params["code"], verifier)
    assert tokens.refresh_token and tokens.access_token != tokens.refresh_token
    assert tokens.expires_at is not None
    lifetime = (tokens.expires_at - datetime.now(UTC)).total_seconds()
    assert 7190 < lifetime <= 7200
    assert tokens.scope and set(tokens.scope.split()) == set(TwitterConnector.scopes)

    ident = conn.identity(tokens)
    persona = sandbox.store.user(P, "ada_lovelace")
    assert ident.platform_user_id == persona.id
    assert ident.username == "ada_lovelace"
    assert ident.display_name == "Ada Lovelace"
    assert ident.follower_count == persona.followers()
    assert ident.extra == {"user_id": persona.id, "username": "ada_lovelace"}
    assert ident.avatar_url and httpx.get(ident.avatar_url).status_code == 200


def test_deny_redirects_with_access_denied(sandbox: Sandbox) -> None:
    conn = TwitterConnector(sandbox.config(P))
    url = conn.authorization_url("st-123", code_challenge_s256(new_code_verifier()))
    params = query_of(consent(url, decision="deny"))
    assert params == {"error": "access_denied", "state": "st-123"}


def test_authorize_rejects_unregistered_redirect_and_missing_pkce(sandbox: Sandbox) -> None:
    conn = TwitterConnector(sandbox.config(P))
    good = conn.authorization_url("s", code_challenge_s256(new_code_verifier()))
    bad_redirect = good.replace("socialflow.test", "evil.test")
    assert httpx.get(bad_redirect).status_code == 400
    no_pkce = good.split("&code_challenge=")[0]
    assert httpx.get(no_pkce).status_code == 400


def test_wrong_pkce_verifier_is_rejected(sandbox: Sandbox) -> None:
    conn = TwitterConnector(sandbox.config(P))
    url = conn.authorization_url("s", code_challenge_s256(new_code_verifier()))
    code = query_of(consent(url))["code"]
    with pytest.raises(Rejected) as err:
        conn.exchange_code(code, new_code_verifier())
    assert err.value.status == 400
    assert "authorization code was invalid" in err.value.message


def test_code_is_single_use(sandbox: Sandbox) -> None:
    conn = TwitterConnector(sandbox.config(P))
    verifier = new_code_verifier()
    code = query_of(consent(conn.authorization_url("s", code_challenge_s256(verifier))))["code"]
    assert conn.exchange_code(code, verifier).access_token
    with pytest.raises(Rejected):
        conn.exchange_code(code, verifier)


def test_token_endpoint_requires_client_authentication(sandbox: Sandbox) -> None:
    response = httpx.post(
        f"{sandbox.base}/twitter/2/oauth2/token",
        data={"grant_type": "authorization_code", "code": "x", "code_verifier": "y"},
        auth=("sandbox-twitter-client", "wrong-secret"),
    )
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized_client"


def test_refresh_rotates_and_old_refresh_token_dies(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    fresh = conn.refresh(tokens)
    assert fresh.refresh_token and fresh.refresh_token != tokens.refresh_token
    assert fresh.access_token != tokens.access_token
    assert fresh.extra == tokens.extra
    assert conn.identity(fresh).username == "sandbox_creator"
    with pytest.raises(Disconnected):
        conn.refresh(tokens)
    assert conn.refresh(fresh).access_token


def test_revoke_kills_the_grant(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    conn.revoke(tokens)
    with pytest.raises(AuthExpired):
        conn.identity(tokens)
    with pytest.raises(Disconnected):
        conn.refresh(tokens)


def test_reconsent_after_user_revoked_the_app(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    uid = tokens.extra["user_id"]
    httpx.post(
        f"{sandbox.base}/_admin/revoke", params={"platform": P, "user_id": uid}
    ).raise_for_status()
    with pytest.raises(AuthExpired):
        conn.publish(tokens, Variant(text="after revoke"))
    with pytest.raises(Disconnected):
        conn.refresh(tokens)
    _, again = connect(sandbox)
    assert conn.identity(again).platform_user_id == uid
    with pytest.raises(AuthExpired):  # the old grant stays dead
        conn.identity(tokens)


def test_expired_access_token_is_auth_expired(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    uid = tokens.extra["user_id"]
    scope = " ".join(TwitterConnector.scopes)
    stale = sandbox.store.issue(P, "access", uid, -5, scope=scope, g="g0", iat=time.time())
    with pytest.raises(AuthExpired):
        conn.identity(TokenSet(access_token=stale))


# ---------------------------------------------------------------- publishing


def test_publish_text(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    text = "Launch day! 🚀 Read more: https://example.com/launch #shipit"
    result = conn.publish(tokens, Variant(text=text))
    assert isinstance(result, Published)
    assert len(result.platform_post_id) == 19 and result.platform_post_id.isdigit()
    assert result.url == f"{sandbox.base}/twitter/sandbox_creator/status/{result.platform_post_id}"
    page = httpx.get(result.url)
    assert page.status_code == 200 and "Launch day!" in page.text
    [rec] = sandbox.published(P)
    assert rec["post_id"] == result.platform_post_id
    assert rec["text"] == text and rec["media"] == []
    assert rec["user_id"] == tokens.extra["user_id"]


def test_publish_two_images(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    a, b = png_bytes(640, 480, b"a"), png_bytes(1200, 675, b"b")
    media = [media_item("image", a, "image/png"), media_item("image", b, "image/png")]
    result = conn.publish(tokens, Variant(text="Two pictures", media=media))
    assert isinstance(result, Published)
    [rec] = sandbox.published(P)
    assert rec["text"] == "Two pictures"
    assert [(m["kind"], m["size"], m["sha256"]) for m in rec["media"]] == [
        ("image", len(a), sha256(a)),
        ("image", len(b), sha256(b)),
    ]
    assert all(m["media_key"].startswith("3_") for m in rec["media"])


def test_publish_video_is_pending_then_published(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(twitter_module, "CHUNK_BYTES", 4096)  # 10 kB -> 3 segments
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    data = video_bytes()
    result = conn.publish(
        tokens, Variant(text="Watch this", media=[media_item("video", data, "video/mp4")])
    )
    assert isinstance(result, Pending)
    assert result.poll_after == 1.0
    assert sandbox.published(P) == []
    appends = capture.find("POST", "/append")
    assert len(appends) == 3
    # Poll 1: still in progress; poll 2: processed, so the post is created.
    second = conn.check(tokens, result.ref)
    assert isinstance(second, Pending)
    final = conn.check(tokens, second.ref)
    assert isinstance(final, Published)
    [rec] = sandbox.published(P)
    assert rec["post_id"] == final.platform_post_id
    assert rec["text"] == "Watch this"
    [video] = rec["media"]
    assert (video["kind"], video["size"], video["sha256"]) == ("video", len(data), sha256(data))
    assert video["media_type"] == "video/mp4" and video["media_key"].startswith("7_")


def test_gif_goes_through_the_chunked_flow(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    gif = b"GIF89a" + b"\x10\x00\x10\x00" + b"\x01" * 2000
    pending = conn.publish(tokens, Variant(text="", media=[media_item("gif", gif, "image/gif")]))
    assert isinstance(pending, Pending)
    result = conn.check(tokens, conn.check(tokens, pending.ref).ref)  # type: ignore[union-attr]
    assert isinstance(result, Published)
    [rec] = sandbox.published(P)
    assert rec["text"] == "" and rec["media"][0]["kind"] == "gif"
    assert rec["media"][0]["media_key"].startswith("16_")


def test_media_processing_failure_is_rejected(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    sandbox.arm(P, "media_failure", path="/finalize")
    pending = conn.publish(
        tokens, Variant(text="bad video", media=[media_item("video", video_bytes(), "video/mp4")])
    )
    assert isinstance(pending, Pending)
    second = conn.check(tokens, pending.ref)
    assert isinstance(second, Pending)
    with pytest.raises(Rejected) as err:
        conn.check(tokens, second.ref)
    assert err.value.code == "media_failed" and "UnsupportedMedia" in err.value.message
    assert sandbox.published(P) == []


def test_too_much_media_is_rejected_before_any_upload(sandbox: Sandbox) -> None:
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    media = [media_item("image", png_bytes(), "image/png")] * 2 + [
        media_item("video", video_bytes(), "video/mp4")
    ]
    with pytest.raises(Rejected):
        conn.publish(tokens, Variant(text="mixed", media=media))
    assert capture.find("POST", "/2/media/upload") == []


def test_duplicate_text_is_rejected_with_xs_message(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    conn.publish(tokens, Variant(text="same words"))
    with pytest.raises(Rejected) as err:
        conn.publish(tokens, Variant(text="same words"))
    assert err.value.code == "duplicate" and err.value.status == 403
    assert "You are not allowed to create a Tweet with duplicate content." in err.value.message


def test_emulator_rejects_fields_outside_the_spec(sandbox: Sandbox) -> None:
    _, tokens = connect(sandbox)
    response = httpx.post(
        f"{sandbox.base}/twitter/2/tweets",
        json={"text": "hi", "scheduled_at": "tomorrow"},
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "https://api.x.com/2/problems/invalid-request"
    assert "$.scheduled_at" in body["errors"][0]["message"]


def test_emulator_rejects_text_over_280_weighted(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    conn.publish(tokens, Variant(text="a" * 280))
    with pytest.raises(Rejected):
        conn.publish(tokens, Variant(text="界" * 141))  # CJK weighs 2: 282


# ---------------------------------------------------------------- faults and limits


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("rate_limit", RateLimited),
        ("server_error", Transient),
        ("expired_token", AuthExpired),
        ("revoked", AuthExpired),
        ("duplicate", Rejected),
    ],
)
def test_faults_map_to_error_classes(sandbox: Sandbox, kind: str, error: type[Exception]) -> None:
    conn, tokens = connect(sandbox)
    sandbox.arm(P, kind, path="/2/tweets")
    with pytest.raises(error):
        conn.publish(tokens, Variant(text=f"fault {kind}"))
    assert sandbox.published(P) == []
    if kind == "revoked":
        # X answers a revoked token with 401 like an expired one; the refresh settles it.
        with pytest.raises(Disconnected):
            conn.refresh(tokens)
    else:
        assert isinstance(conn.publish(tokens, Variant(text=f"after {kind}")), Published)


def test_rate_limit_reset_comes_from_the_headers(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    sandbox.arm(P, "rate_limit", path="/2/users/me", seconds=120)
    before = int(time.time())
    with pytest.raises(RateLimited) as err:
        conn.follower_count(tokens)
    reset = err.value.reset_at
    assert reset.tzinfo is not None and reset.microsecond == 0
    assert before + 120 <= reset.timestamp() <= int(time.time()) + 120


def test_user_24h_cap_uses_the_24h_reset(sandbox: Sandbox) -> None:
    from socialflow.sandbox.twitter import config

    conn, tokens = connect(sandbox)
    config(sandbox.store)["user_post_cap_24h"] = 1
    capture = Capture()
    conn = TwitterConnector(sandbox.config(P), capture.client())
    conn.publish(tokens, Variant(text="first of the day"))
    first = capture.response_for("POST", "/2/tweets")[0]
    assert first.headers["x-user-limit-24hour-limit"] == "1"
    assert first.headers["x-user-limit-24hour-remaining"] == "0"
    day_reset = int(first.headers["x-user-limit-24hour-reset"])
    with pytest.raises(RateLimited) as err:
        conn.publish(tokens, Variant(text="second of the day"))
    assert err.value.reset_at == datetime.fromtimestamp(day_reset, UTC)
    assert err.value.reset_at > datetime.now(UTC) + timedelta(hours=23)


def test_timeout_after_create_is_outcome_unknown_and_find_recent_sees_it(
    sandbox: Sandbox,
) -> None:
    conn, tokens = connect(sandbox)
    conn.publish(tokens, Variant(text="older post"))
    since = datetime.now(UTC) - timedelta(seconds=1)
    slow = TwitterConnector(sandbox.config(P, timeout=0.4))
    sandbox.arm(P, "timeout_after_create", path="/2/tweets", seconds=1.5)
    with pytest.raises(OutcomeUnknown):
        slow.publish(tokens, Variant(text="did this land?"))
    recent = conn.find_recent(tokens, since)
    texts = [p.text for p in recent]
    assert "did this land?" in texts
    [landed] = [p for p in recent if p.text == "did this land?"]
    [rec] = [r for r in sandbox.published(P) if r["text"] == "did this land?"]
    assert landed.platform_post_id == rec["post_id"]
    assert landed.created_at is not None and landed.created_at >= since - timedelta(seconds=1)
    assert landed.url and landed.url.endswith(f"/status/{rec['post_id']}")


def test_find_recent_pages_and_respects_since(sandbox: Sandbox) -> None:
    from socialflow.sandbox.twitter import config

    config(sandbox.store)["post_per_15min"] = 200
    conn, tokens = connect(sandbox)
    for i in range(3):
        conn.publish(tokens, Variant(text=f"old {i}"))
    for rec in sandbox.store.records[P]:
        rec.created_at -= 3600
    since = datetime.now(UTC) - timedelta(minutes=5)
    for i in range(105):
        conn.publish(tokens, Variant(text=f"new {i}"))
    recent = conn.find_recent(tokens, since)
    assert len(recent) == 105
    assert {p.text for p in recent} == {f"new {i}" for i in range(105)}


# ---------------------------------------------------------------- analytics


def test_follower_count_grows_over_time(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox, "growing_account")
    first = conn.follower_count(tokens)
    sandbox.store.user(P, "growing_account").created_at -= 10 * 3600
    later = conn.follower_count(tokens)
    assert first is not None and later == first + 30


@pytest.mark.parametrize("legacy", [False, True])
def test_post_metrics_mapping(sandbox: Sandbox, legacy: bool) -> None:
    from socialflow.sandbox.twitter import config

    conn, tokens = connect(sandbox)
    post = conn.publish(tokens, Variant(text="measure me"))
    assert isinstance(post, Published)
    [rec] = sandbox.store.records[P]
    rec.created_at -= 48 * 3600
    config(sandbox.store)["legacy_metric_names"] = legacy
    [m] = conn.post_metrics(tokens, [post.platform_post_id, "1234567890123456789"])
    grown = metric_growth(rec.post_id, rec.created_at)
    assert m.platform_post_id == post.platform_post_id
    assert m.impressions == grown["impressions"] > 0
    assert m.likes == grown["likes"]
    assert m.comments == grown["comments"]
    assert m.shares == grown["shares"] + grown["shares"] // 3  # reposts + quotes
    assert m.clicks is None
    assert ("retweet_count" in m.raw) is legacy and ("repost_count" in m.raw) is not legacy


def test_follower_count_with_legacy_tweet_count(sandbox: Sandbox) -> None:
    from socialflow.sandbox.twitter import config

    conn, tokens = connect(sandbox)
    config(sandbox.store)["legacy_metric_names"] = True
    assert conn.follower_count(tokens) == sandbox.store.user(P, "sandbox_creator").followers()


# ---------------------------------------------------------------- contract: what goes on the wire


def test_contract_oauth_requests(sandbox: Sandbox) -> None:
    capture = Capture()
    conn = TwitterConnector(sandbox.config(P), capture.client())
    verifier = new_code_verifier()
    url = conn.authorization_url("state-1", code_challenge_s256(verifier))
    parsed = httpx.URL(url)
    assert parsed.path.endswith("/i/oauth2/authorize")
    assert "scope=tweet.read%20tweet.write%20users.read%20media.write%20offline.access" in url
    assert dict(parsed.params) == {
        "response_type": "code",
        "client_id": "sandbox-twitter-client",
        "redirect_uri": REDIRECT_URI,
        "scope": "tweet.read tweet.write users.read media.write offline.access",
        "state": "state-1",
        "code_challenge": code_challenge_s256(verifier),
        "code_challenge_method": "S256",
    }
    code = query_of(consent(url))["code"]
    tokens = conn.exchange_code(code, verifier)
    conn.refresh(tokens)
    exchange, refresh = capture.find("POST", "/2/oauth2/token")
    basic = "Basic " + base64.b64encode(b"sandbox-twitter-client:sandbox-twitter-secret").decode()
    for req in (exchange, refresh):
        assert req.headers["authorization"] == basic
        assert req.headers["content-type"] == "application/x-www-form-urlencoded"
    assert query_of("?" + exchange.content.decode()) == {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "code_verifier": verifier,
    }
    assert query_of("?" + refresh.content.decode()) == {
        "grant_type": "refresh_token",
        "refresh_token": tokens.refresh_token,
    }


def test_contract_publish_and_read_requests(sandbox: Sandbox) -> None:
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    img = png_bytes()
    conn.publish(tokens, Variant(text="hello", media=[media_item("image", img, "image/png")]))
    since = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    conn.find_recent(tokens, since)
    conn.post_metrics(tokens, ["1", "2"])

    me = capture.find("GET", "/2/users/me")[0]
    assert me.url.params["user.fields"] == "profile_image_url,public_metrics"
    assert me.headers["authorization"] == f"Bearer {tokens.access_token}"

    [upload] = capture.find("POST", "/2/media/upload")
    assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="media_category"\r\n\r\ntweet_image' in upload.content
    assert b'name="media"; filename="media"\r\nContent-Type: image/png' in upload.content
    assert img in upload.content

    [post] = capture.find("POST", "/2/tweets")
    assert post.url.path.endswith("/2/tweets") and not post.url.query
    assert post.headers["content-type"] == "application/json"
    assert post.headers["authorization"] == f"Bearer {tokens.access_token}"
    body = json.loads(post.content)
    media_id = capture.response_for("POST", "/2/media/upload")[0].json()["data"]["id"]
    assert body == {"text": "hello", "media": {"media_ids": [media_id]}}

    [timeline] = capture.find("GET", f"/2/users/{tokens.extra['user_id']}/tweets")
    assert dict(timeline.url.params) == {
        "max_results": "100",
        "start_time": "2026-01-02T03:04:05Z",
        "tweet.fields": "created_at",
        "exclude": "retweets",
    }
    [lookup] = capture.find("GET", "/2/tweets")
    assert dict(lookup.url.params) == {"ids": "1,2", "tweet.fields": "public_metrics"}


def test_contract_chunked_upload_requests(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(twitter_module, "CHUNK_BYTES", 4096)
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    data = video_bytes(9000)
    pending = conn.publish(
        tokens, Variant(text="v", media=[media_item("video", data, "video/mp4")])
    )
    assert isinstance(pending, Pending)
    conn.check(tokens, pending.ref)

    [init] = capture.find("POST", "/2/media/upload/initialize")
    assert init.headers["content-type"] == "application/json"
    assert json.loads(init.content) == {
        "media_type": "video/mp4",
        "total_bytes": 9000,
        "media_category": "tweet_video",
    }
    media_id = capture.response_for("POST", "/initialize")[0].json()["data"]["id"]
    appends = capture.find("POST", "/append")
    assert [a.url.path.rsplit("/", 2)[-2] for a in appends] == [media_id] * 3
    for index, req in enumerate(appends):
        assert req.headers["content-type"].startswith("multipart/form-data")
        assert f'name="segment_index"\r\n\r\n{index}\r\n'.encode() in req.content
        assert data[index * 4096 : (index + 1) * 4096] in req.content
    [finalize] = capture.find("POST", f"/2/media/upload/{media_id}/finalize")
    assert finalize.content == b""
    [status] = capture.find("GET", "/2/media/upload")
    assert dict(status.url.params) == {"command": "STATUS", "media_id": media_id}


# ---------------------------------------------------------------- contract: the official OpenAPI


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    if not OPENAPI.exists():
        pytest.skip(f"X OpenAPI document not found at {OPENAPI} (shared contracts not mounted)")
    doc: dict[str, Any] = json.loads(OPENAPI.read_text())
    return doc


def schema_validator(doc: dict[str, Any], name: str) -> Any:
    """A jsonschema validator for components/schemas/<name>, $refs resolved in the document."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resource = Resource.from_contents(doc, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:x-api-v2", resource)
    schema = {"$ref": f"urn:x-api-v2#/components/schemas/{name}"}
    return Draft202012Validator(schema, registry=registry)


def test_openapi_post_bodies_and_responses(
    sandbox: Sandbox, openapi: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(twitter_module, "CHUNK_BYTES", 4096)
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    first = conn.publish(tokens, Variant(text="plain text ✨"))
    assert isinstance(first, Published)
    conn.publish(
        tokens,
        Variant(
            text="with options",
            media=[media_item("image", png_bytes(), "image/png")] * 2,
            options={
                "reply_to": first.platform_post_id,
                "reply_settings": "following",
                "made_with_ai": False,
                "paid_partnership": True,
                "not_an_x_field": 1,
            },
        ),
    )
    pending = conn.publish(
        tokens, Variant(text="", media=[media_item("video", video_bytes(), "video/mp4")])
    )
    conn.check(tokens, conn.check(tokens, pending.ref).ref)  # type: ignore[union-attr]
    conn.post_metrics(tokens, [first.platform_post_id, "1111111111111111111"])
    conn.find_recent(tokens, datetime.now(UTC) - timedelta(hours=1))

    create_request = schema_validator(openapi, "CreatePostsRequest")
    bodies = [json.loads(r.content) for r in capture.find("POST", "/2/tweets")]
    assert len(bodies) == 3
    for body in bodies:
        create_request.validate(body)
    assert bodies[1]["reply"] == {"in_reply_to_tweet_id": first.platform_post_id}
    assert "not_an_x_field" not in bodies[1]

    checks = [
        ("POST", "/2/tweets", "CreatePostsResponse", 3),
        ("GET", "/2/tweets", "GetPostsByIdsResponse", 1),
        ("GET", "/2/users/me", "GetUsersMeResponse", 1),
        ("GET", "/tweets", "GetUsersPostsResponse", 2),  # lookup + timeline end in /tweets
    ]
    for method, suffix, schema, expected in checks:
        responses = [r for r in capture.response_for(method, suffix) if r.is_success]
        assert len(responses) >= expected, (method, suffix)
        validator = schema_validator(openapi, schema)
        for response in responses:
            validator.validate(response.json())
    lookup = capture.response_for("GET", "/2/tweets")[0].json()
    assert lookup["errors"][0]["type"] == "https://api.x.com/2/problems/resource-not-found"
    for name, method, suffix in [
        ("MediaUploadResponse", "POST", "/2/media/upload"),
        ("InitializeMediaUploadResponse", "POST", "/initialize"),
        ("FinalizeMediaUploadResponse", "POST", "/finalize"),
        ("GetMediaUploadStatusResponse", "GET", "/2/media/upload"),
    ]:
        for response in capture.response_for(method, suffix):
            schema_validator(openapi, name).validate(response.json())


# ---------------------------------------------------------------- threads (issue 19)


def test_a_thread_is_a_reply_chain_checked_against_the_spec(
    sandbox: Sandbox, openapi: dict[str, Any]
) -> None:
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    first = conn.publish(tokens, Variant(text="1/3 a thread"))
    assert isinstance(first, Published) and first.platform_post_id
    parent = first.platform_post_id
    ids = [parent]
    for number, words in ((2, "2/3 the middle"), (3, "3/3 the end")):
        part = conn.follow_up(tokens, FollowUp("reply", parent, words, position=number))
        assert isinstance(part, Published) and part.platform_post_id
        assert part.url and part.url.endswith(f"/status/{part.platform_post_id}")
        parent = part.platform_post_id
        ids.append(parent)
    create_request = schema_validator(openapi, "CreatePostsRequest")
    bodies = [json.loads(r.content) for r in capture.find("POST", "/2/tweets")]
    for body in bodies:
        create_request.validate(body)
    assert [b.get("reply") for b in bodies] == [
        None,
        {"in_reply_to_tweet_id": ids[0]},
        {"in_reply_to_tweet_id": ids[1]},
    ]
    # Looking a part up under the part before it: found, and the answer matches the spec.
    found = conn.find_follow_up(tokens, FollowUp("reply", ids[1], "3/3 the end", position=3))
    assert found is not None and found.platform_post_id == ids[2]
    timeline = capture.response_for("GET", "/tweets")[-1]
    assert timeline.request.url.params["since_id"] == ids[1]
    schema_validator(openapi, "GetUsersPostsResponse").validate(timeline.json())
    assert timeline.json()["data"][0]["referenced_tweets"] == [{"type": "replied_to", "id": ids[1]}]
    # Nothing under the last part yet, and a different text under part 1 is not ours.
    assert conn.find_follow_up(tokens, FollowUp("reply", ids[2], "4/3 never sent")) is None
    assert conn.find_follow_up(tokens, FollowUp("reply", ids[0], "something else")) is None


def test_a_reply_to_a_post_that_is_not_there_is_refused(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    with pytest.raises(Rejected, match="Reply to a deleted or invisible Post"):
        conn.follow_up(tokens, FollowUp("reply", "1234567890123456789", "orphan"))


def test_emulator_checks_reply_ids_like_the_spec(sandbox: Sandbox) -> None:
    _, tokens = connect(sandbox)
    r = httpx.post(
        f"{sandbox.base}/twitter/2/tweets",
        json={"text": "bad reply", "reply": {"in_reply_to_tweet_id": "not-a-number"}},
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert r.status_code == 400
    assert "in_reply_to_tweet_id: must match" in r.json()["errors"][0]["message"]
