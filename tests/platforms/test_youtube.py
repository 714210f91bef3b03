"""YouTube connector against the YouTube emulator over real HTTP, plus request contract checks.

The `videos.insert` body is also checked against the Video schema of the discovery document
shipped in google-api-python-client, so our idea of the API cannot drift from Google's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest

from socialflow.core.config import Settings
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
)
from socialflow.platforms.youtube import (
    YouTubeConnector,
    next_pacific_midnight,
    tags_length,
)
from socialflow.sandbox.core import metric_growth
from socialflow.sandbox.youtube import (
    YouTubeSandboxOptions,
    channel_id_of,
    uploads_playlist_of,
)
from socialflow.sandbox.youtube import router as youtube_router
from tests.platforms.emulators import (
    REDIRECT_URI,
    Capture,
    image_item,
    media_bytes,
    media_item,
    serve_emulators,
    video_item,
)
from tests.platforms.emulators import (
    EmulatorHarness as Harness,
)

OPTIONS = YouTubeSandboxOptions()
DEFAULTS = YouTubeSandboxOptions()
KIB = 1024
UPLOAD = "https://www.googleapis.com/auth/youtube.upload"
READONLY = "https://www.googleapis.com/auth/youtube.readonly"
FORCE_SSL = "https://www.googleapis.com/auth/youtube.force-ssl"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Harness]:
    def factory(store: Any, settings: Any) -> Any:
        return youtube_router(store, settings, OPTIONS)

    with serve_emulators({"youtube": factory}) as harness:
        yield harness


@pytest.fixture(autouse=True)
def _clean(sandbox: Harness) -> Iterator[None]:
    sandbox.reset()
    OPTIONS.__dict__.update(
        {k: (dict(v) if isinstance(v, dict) else v) for k, v in DEFAULTS.__dict__.items()}
    )
    yield


@pytest.fixture
def youtube(sandbox: Harness) -> YouTubeConnector:
    return YouTubeConnector(sandbox.config("youtube"))


@pytest.fixture
def tokens(sandbox: Harness, youtube: YouTubeConnector) -> TokenSet:
    return sandbox.connect(youtube, "sandbox_channel")


def clip(size: int = 300_000, seed: int = 3) -> tuple[bytes, Variant]:
    data = media_bytes(size, seed)
    return data, Variant(text="A description", title="A title", media=[video_item(data)])


def settle(connector: YouTubeConnector, tokens: TokenSet, result: Any) -> Published:
    for _ in range(10):
        if isinstance(result, Published):
            return result
        assert isinstance(result, Pending)
        result = connector.check(tokens, result.ref)
    raise AssertionError("never processed")


# ---------------------------------------------------------------------------- OAuth


def test_oauth_flow_consent_code_tokens_identity(
    sandbox: Harness, youtube: YouTubeConnector
) -> None:
    query, state, verifier = sandbox.authorize(youtube, "cooking_channel")
    assert query["state"] == [state]
    assert query["scope"] == [f"{UPLOAD} {READONLY} {FORCE_SSL}"]
    before = datetime.now(UTC)
    tokens = youtube.exchange_code(query["code"][0], verifier)
    assert tokens.refresh_token and tokens.expires_at is not None
    assert abs((tokens.expires_at - before).total_seconds() - 3599) < 5
    me = youtube.identity(tokens)
    persona = sandbox.store.user("youtube", "cooking_channel")
    assert me.platform_user_id == channel_id_of(persona)
    assert me.platform_user_id.startswith("UC") and len(me.platform_user_id) == 24
    assert me.username == "@cooking_channel"
    assert me.display_name == "Cooking Channel"
    assert me.avatar_url and me.avatar_url.startswith("https://")
    assert me.follower_count == persona.followers()
    assert me.extra["uploads_playlist_id"] == uploads_playlist_of(persona)


def test_deny_redirects_with_access_denied(sandbox: Harness, youtube: YouTubeConnector) -> None:
    url = youtube.authorization_url("abc", code_challenge_s256(new_code_verifier()))
    response = sandbox.consent(url, username="x", decision="deny")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query == {"error": ["access_denied"], "state": ["abc"]}


def test_wrong_pkce_verifier_is_rejected(sandbox: Harness, youtube: YouTubeConnector) -> None:
    query, _, _ = sandbox.authorize(youtube)
    with pytest.raises(Rejected) as err:
        youtube.exchange_code(query["code"][0], new_code_verifier())
    assert err.value.code == "invalid_grant"


def test_code_is_single_use(sandbox: Harness, youtube: YouTubeConnector) -> None:
    query, _, verifier = sandbox.authorize(youtube)
    youtube.exchange_code(query["code"][0], verifier)
    with pytest.raises(Rejected) as err:
        youtube.exchange_code(query["code"][0], verifier)
    assert err.value.code == "invalid_grant"


def test_refresh_is_not_rotated(youtube: YouTubeConnector, tokens: TokenSet) -> None:
    first = youtube.refresh(tokens)
    second = youtube.refresh(tokens)  # the same refresh token keeps working
    assert first.refresh_token == second.refresh_token == tokens.refresh_token
    assert first.access_token != tokens.access_token
    assert youtube.identity(second).username == "@sandbox_channel"


def test_revoke_then_refresh_is_disconnected(youtube: YouTubeConnector, tokens: TokenSet) -> None:
    youtube.revoke(tokens)
    with pytest.raises(AuthExpired):
        youtube.identity(tokens)
    with pytest.raises(Disconnected) as err:
        youtube.refresh(tokens)
    assert err.value.code == "invalid_grant"


def test_missing_scope_means_reconnect(sandbox: Harness) -> None:
    class ReadOnly(YouTubeConnector):
        scopes = (READONLY,)  # type: ignore[assignment]

    connector = ReadOnly(sandbox.config("youtube"))
    tokens = sandbox.connect(connector)
    _, variant = clip(1000)
    with pytest.raises(Disconnected) as err:
        connector.publish(tokens, variant)
    assert err.value.code == "insufficientPermissions"


# ---------------------------------------------------------------------------- publishing


def test_publish_pending_then_published(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    data = media_bytes(300_000)
    variant = Variant(
        text="Full recipe below 🍝\nStep 1: boil water",
        title="Pasta in 5 minutes",
        media=[video_item(data)],
        options={"tags": ["pasta", "quick food"], "privacy_status": "unlisted"},
    )
    result = youtube.publish(tokens, variant)
    assert isinstance(result, Pending)
    video_id = result.ref["video_id"]
    assert len(video_id) == 11
    assert isinstance(youtube.check(tokens, result.ref), Pending)  # still processing
    done = settle(youtube, tokens, result)
    # A vertical video of 12 s is a Short: YouTube files it as one, at its /shorts/ link.
    assert done == Published(video_id, f"https://www.youtube.com/shorts/{video_id}")
    [record] = sandbox.published("youtube")
    assert record["post_id"] == video_id
    assert record["text"] == variant.text
    assert record["extra"]["title"] == "Pasta in 5 minutes"
    assert record["extra"]["tags"] == ["pasta", "quick food"]
    assert record["extra"]["privacyStatus"] == "unlisted"
    assert record["media"] == [
        {
            "type": "video",
            "content_type": "video/mp4",
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    ]


def test_title_is_derived_from_text_when_missing(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    data = media_bytes(5000)
    text = "<b>" + "word " * 40 + "\nsecond line"
    with pytest.raises(Rejected):  # the description may not carry < or >
        youtube.publish(tokens, Variant(text=text, media=[video_item(data)]))
    text = "word " * 40 + "\nsecond line"
    youtube.publish(tokens, Variant(text=text, media=[video_item(data)]))
    [record] = sandbox.published("youtube")
    assert record["extra"]["title"] == ("word " * 20).strip()[:100]
    assert len(record["extra"]["title"]) <= 100


def test_only_one_video_is_accepted(youtube: YouTubeConnector, tokens: TokenSet) -> None:
    with pytest.raises(Rejected, match="one video"):
        youtube.publish(tokens, Variant(text="photo", media=[image_item("x")]))
    with pytest.raises(Rejected, match="one video"):
        youtube.publish(tokens, Variant(text="nothing"))


def test_upload_in_256k_chunks_with_308s(sandbox: Harness) -> None:
    capture = Capture()
    connector = YouTubeConnector(
        sandbox.config("youtube", options={"youtube_chunk_size": 256 * KIB}), capture.client()
    )
    tokens = sandbox.connect(connector)
    data = media_bytes(700 * KIB)
    settle(
        connector,
        tokens,
        connector.publish(tokens, Variant(text="d", title="t", media=[video_item(data)])),
    )
    puts = capture.matching("PUT", "/upload/youtube/v3/videos")
    assert [p.headers["content-range"] for p in puts] == [
        f"bytes 0-{256 * KIB - 1}/{len(data)}",
        f"bytes {256 * KIB}-{512 * KIB - 1}/{len(data)}",
        f"bytes {512 * KIB}-{len(data) - 1}/{len(data)}",
    ]
    assert b"".join(p.content for p in puts) == data
    [record] = sandbox.published("youtube")
    assert record["media"][0]["sha256"] == hashlib.sha256(data).hexdigest()


def test_server_error_mid_upload_is_resumed(sandbox: Harness) -> None:
    capture = Capture()
    connector = YouTubeConnector(
        sandbox.config("youtube", options={"youtube_chunk_size": 256 * KIB}), capture.client()
    )
    tokens = sandbox.connect(connector)
    data = media_bytes(600 * KIB)
    sandbox.fault("youtube", "server_error", path="upload_id")  # session PUTs only
    result = connector.publish(tokens, Variant(text="d", title="t", media=[video_item(data)]))
    assert isinstance(result, Pending)
    probes = [
        p
        for p in capture.matching("PUT", "/videos")
        if p.headers["content-range"].startswith("bytes */")
    ]
    assert [p.headers["content-range"] for p in probes] == [f"bytes */{len(data)}"]
    [record] = sandbox.published("youtube")
    assert record["media"][0]["sha256"] == hashlib.sha256(data).hexdigest()


def test_lost_final_answer_is_recovered_by_probing(sandbox: Harness) -> None:
    connector = YouTubeConnector(sandbox.config("youtube", timeout_seconds=0.4))
    tokens = sandbox.connect(connector)
    sandbox.fault("youtube", "timeout_after_create", path="upload_id", seconds=1.0)
    _, variant = clip(4000)
    result = connector.publish(tokens, variant)
    assert isinstance(result, Pending)
    [record] = sandbox.published("youtube")
    assert record["post_id"] == result.ref["video_id"]


def test_timeout_after_create_is_unknown_then_found(sandbox: Harness) -> None:
    connector = YouTubeConnector(sandbox.config("youtube", timeout_seconds=0.4))
    tokens = sandbox.connect(connector)
    since = datetime.now(UTC) - timedelta(seconds=2)
    # The final chunk's answer and the probe's answer are both lost.
    sandbox.fault("youtube", "timeout_after_create", path="upload_id", seconds=1.0, times=2)
    _, variant = clip(4000)
    with pytest.raises(OutcomeUnknown):
        connector.publish(tokens, variant)
    found = connector.find_recent(tokens, since)
    [record] = sandbox.published("youtube")
    assert [(p.platform_post_id, p.text) for p in found] == [(record["post_id"], "A description")]
    assert found[0].url == f"https://www.youtube.com/watch?v={record['post_id']}"
    assert connector.find_recent(tokens, datetime.now(UTC) + timedelta(seconds=5)) == []


def test_media_failure_rejects_on_check(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    sandbox.fault("youtube", "media_failure")
    result = youtube.publish(tokens, clip(2000)[1])
    with pytest.raises(Rejected) as err:
        settle(youtube, tokens, result)
    assert err.value.code == "codec"
    assert sandbox.published("youtube") == []


def test_duplicate_is_rejected_after_processing(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    sandbox.fault("youtube", "duplicate")
    result = youtube.publish(tokens, clip(2000)[1])
    with pytest.raises(Rejected) as err:
        settle(youtube, tokens, result)
    assert err.value.code == "duplicate"


def test_unverified_project_uploads_are_private(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    OPTIONS.verified_project = False
    youtube.publish(tokens, clip(2000)[1])
    [record] = sandbox.published("youtube")
    assert record["extra"]["privacyStatus"] == "private"


def test_privacy_youtube_did_not_keep_is_read_back_and_explained(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    # Issue 18 #12: an unverified project's uploads are forced private; the user is told.
    OPTIONS.verified_project = False
    done = settle(youtube, tokens, youtube.publish(tokens, clip(2000)[1]))
    assert done.notice is not None
    assert "as private, not public" in done.notice
    assert "operator" in done.notice and "audit" in done.notice
    OPTIONS.verified_project = True
    kept = settle(youtube, tokens, youtube.publish(tokens, clip(2000, seed=5)[1]))
    assert kept.notice is None


# ---------------------------------------------------------------------------- errors


def test_quota_exceeded_resets_at_pacific_midnight(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    OPTIONS.legacy_insert_cost = 1600  # the old rule: uploads draw 1,600 common units
    OPTIONS.daily_quota = 1700
    youtube.publish(tokens, clip(2000)[1])  # 1,600 units
    with pytest.raises(RateLimited) as err:
        youtube.publish(tokens, clip(2000, seed=4)[1])
    assert err.value.code == "quotaExceeded"
    local = err.value.reset_at.astimezone(ZoneInfo("America/Los_Angeles"))
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert err.value.reset_at == next_pacific_midnight()
    assert 0 < (err.value.reset_at - datetime.now(UTC)).total_seconds() <= 25 * 3600
    for _ in range(100):  # list calls cost 1 unit each: 100 of them fit
        youtube.follower_count(tokens)
    with pytest.raises(RateLimited):
        youtube.follower_count(tokens)


def test_uploads_draw_on_their_own_bucket_of_calls(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    # Issue 18 #11: videos.insert has its own daily bucket (100 calls by default, 1 each)
    # beside the 10,000 units of everything else: 6 uploads a day was the old rule.
    OPTIONS.daily_quota = 1700
    for seed in range(7):
        assert isinstance(youtube.publish(tokens, clip(2000, seed=seed)[1]), Pending)
    OPTIONS.bucket_quota = {"videos.insert": 8, "search.list": 100}
    youtube.publish(tokens, clip(2000, seed=8)[1])
    with pytest.raises(RateLimited) as err:  # the 9th call of the day is over the bucket
        youtube.publish(tokens, clip(2000, seed=9)[1])
    assert err.value.code == "quotaExceeded"
    assert err.value.reset_at == next_pacific_midnight()
    assert youtube.follower_count(tokens) is not None  # the common units are untouched


def test_default_daily_upload_cap_is_settings_driven() -> None:
    assert Settings().daily_caps_per_app["youtube"] == 100
    assert Settings(daily_caps_per_app={"youtube": 400}).daily_caps_per_app["youtube"] == 400


def test_quota_error_body_is_googles(sandbox: Harness, tokens: TokenSet) -> None:
    OPTIONS.daily_quota = 0
    response = httpx.get(
        f"{sandbox.base}/youtube/youtube/v3/channels",
        params={"part": "id", "mine": "true"},
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == 403 and error["status"] == "PERMISSION_DENIED"
    assert error["errors"][0]["reason"] == "quotaExceeded"
    assert error["errors"][0]["domain"] == "youtube.quota"


def test_channel_upload_cap_is_rate_limited(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    OPTIONS.channel_daily_uploads = 1
    youtube.publish(tokens, clip(2000)[1])
    with pytest.raises(RateLimited) as err:
        youtube.publish(tokens, clip(2000, seed=9)[1])
    assert err.value.code == "uploadLimitExceeded"
    assert err.value.reset_at - datetime.now(UTC) > timedelta(hours=23)


def test_rate_limit_reset_parsed_from_retry_after(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    sandbox.fault("youtube", "rate_limit", seconds=45)
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as err:
        youtube.follower_count(tokens)
    assert err.value.code == "rateLimitExceeded"
    assert abs((err.value.reset_at - (before + timedelta(seconds=45))).total_seconds()) < 3
    sandbox.fault("youtube", "rate_limit")
    with pytest.raises(RateLimited) as err:
        youtube.follower_count(tokens)
    assert abs((err.value.reset_at - datetime.now(UTC)).total_seconds() - 60) < 3


def test_expired_token_is_auth_expired(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    sandbox.fault("youtube", "expired_token")
    with pytest.raises(AuthExpired) as err:
        youtube.identity(tokens)
    assert err.value.code == "authError"


def test_revoked_fault_then_refresh_is_disconnected(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    sandbox.fault("youtube", "revoked", path="/upload/")
    with pytest.raises(AuthExpired):
        youtube.publish(tokens, clip(1000)[1])
    with pytest.raises(Disconnected):
        youtube.refresh(tokens)


def test_server_error_is_transient(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    sandbox.fault("youtube", "server_error", path="/channels")
    with pytest.raises(Transient) as err:
        youtube.identity(tokens)
    assert err.value.code == "backendError"


def test_latency_beyond_timeout_is_transient_on_reads(sandbox: Harness) -> None:
    connector = YouTubeConnector(sandbox.config("youtube", timeout_seconds=0.3))
    tokens = sandbox.connect(connector)
    sandbox.fault("youtube", "latency", seconds=1.0, path="/channels")
    with pytest.raises(Transient):
        connector.follower_count(tokens)


def test_bad_metadata_is_refused_before_spending_quota(sandbox: Harness) -> None:
    capture = Capture()
    connector = YouTubeConnector(sandbox.config("youtube"), capture.client())
    tokens = sandbox.connect(connector)
    data = media_bytes(1000)
    bad = [
        Variant(text="ok", title="x" * 101, media=[video_item(data)]),
        Variant(text="ok", title="a <tag>", media=[video_item(data)]),
        Variant(text="é" * 2501, title="t", media=[video_item(data)]),  # 5,002 bytes
        Variant(text="ok", title="t", media=[video_item(data)], options={"tags": ["x" * 501]}),
    ]
    for variant in bad:
        with pytest.raises(Rejected):
            connector.publish(tokens, variant)
    assert capture.matching("POST", "/upload/youtube/v3/videos") == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"snippet": {"title": "t", "colour": "red"}}, "invalid"),
        (
            {"snippet": {"title": "t"}, "status": {"privacyStatus": "friends"}},
            "invalidVideoMetadata",
        ),
        ({"snippet": {"title": "x" * 101}}, "invalidTitle"),
        ({"snippet": {"title": "t", "description": "<script>"}}, "invalidDescription"),
        ({"snippet": {"title": "t", "categoryId": "999"}}, "invalidCategoryId"),
        ({"snippet": {"title": "t", "tags": "one,two"}}, "invalid"),
    ],
)
def test_emulator_validates_metadata_like_youtube(
    sandbox: Harness, tokens: TokenSet, body: dict[str, Any], reason: str
) -> None:
    response = httpx.post(
        f"{sandbox.base}/youtube/upload/youtube/v3/videos",
        params={"uploadType": "resumable", "part": "snippet,status"},
        headers={"Authorization": f"Bearer {tokens.access_token}", "X-Upload-Content-Length": "10"},
        json=body,
    )
    assert response.status_code == 400
    assert response.json()["error"]["errors"][0]["reason"] == reason


def test_emulator_requires_256k_multiples(sandbox: Harness, tokens: TokenSet) -> None:
    start = httpx.post(
        f"{sandbox.base}/youtube/upload/youtube/v3/videos",
        params={"uploadType": "resumable", "part": "snippet"},
        headers={
            "Authorization": f"Bearer {tokens.access_token}",
            "X-Upload-Content-Length": "400000",
            "X-Upload-Content-Type": "video/mp4",
        },
        json={"snippet": {"title": "t"}},
    )
    assert start.status_code == 200 and start.content == b""
    session = start.headers["location"]
    response = httpx.put(
        session, content=b"0" * 100_000, headers={"Content-Range": "bytes 0-99999/400000"}
    )
    assert response.status_code == 400
    probe = httpx.put(session, content=b"", headers={"Content-Range": "bytes */400000"})
    assert probe.status_code == 308 and "range" not in probe.headers
    bogus = httpx.put(session.replace("upload_id=", "upload_id=x"), content=b"")
    assert bogus.status_code == 404


# ---------------------------------------------------------------------------- analytics


def test_follower_count_grows_over_time(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    first = youtube.follower_count(tokens)
    sandbox.store.user("youtube", "sandbox_channel").created_at -= 20 * 3600
    assert first is not None and youtube.follower_count(tokens) == first + 60


def _aged_video(sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet) -> str:
    video_id = settle(youtube, tokens, youtube.publish(tokens, clip(2000)[1])).platform_post_id
    with sandbox.store.lock:
        sandbox.store.objects[f"youtube:video:{video_id}"]["created_at"] -= 30 * 3600
    return str(video_id)


def test_post_metrics_maps_statistics(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    video_id = _aged_video(sandbox, youtube, tokens)
    created = sandbox.store.objects[f"youtube:video:{video_id}"]["created_at"]
    grown = metric_growth(video_id, created)
    [metrics] = youtube.post_metrics(tokens, [video_id])
    assert (metrics.impressions, metrics.likes, metrics.comments) == (
        grown["impressions"],
        grown["likes"],
        grown["comments"],
    )
    assert metrics.shares is None and metrics.clicks is None  # not in the Data API
    assert metrics.raw["viewCount"] == str(grown["impressions"])


def test_post_metrics_accepts_renamed_metrics(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    video_id = _aged_video(sandbox, youtube, tokens)
    OPTIONS.metric_aliases = {"viewCount": "views", "likeCount": "likes"}
    [metrics] = youtube.post_metrics(tokens, [video_id])
    assert "viewCount" not in metrics.raw
    assert metrics.impressions == int(metrics.raw["views"]) > 0
    assert metrics.likes == int(metrics.raw["likes"])


# ---------------------------------------------------------------------------- contracts


def test_contract_authorize_url(youtube: YouTubeConnector) -> None:
    url = urlsplit(youtube.authorization_url("s", "c" * 43))
    assert url.path == "/youtube/o/oauth2/v2/auth"
    assert parse_qs(url.query) == {
        "client_id": ["sandbox-youtube-client"],
        "redirect_uri": [REDIRECT_URI],
        "response_type": ["code"],
        "scope": [f"{UPLOAD} {READONLY} {FORCE_SSL}"],
        "access_type": ["offline"],
        "prompt": ["consent"],
        "include_granted_scopes": ["true"],
        "state": ["s"],
        "code_challenge": ["c" * 43],
        "code_challenge_method": ["S256"],
    }


def test_contract_token_requests(sandbox: Harness) -> None:
    capture = Capture()
    connector = YouTubeConnector(sandbox.config("youtube"), capture.client())
    query, _, verifier = sandbox.authorize(connector)
    tokens = connector.exchange_code(query["code"][0], verifier)
    connector.refresh(tokens)
    exchange, refresh = capture.matching("POST", "/token")
    assert exchange.url.path == "/youtube/token"
    assert exchange.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(exchange.content.decode()) == {
        "code": [query["code"][0]],
        "code_verifier": [verifier],
        "grant_type": ["authorization_code"],
        "redirect_uri": [REDIRECT_URI],
        "client_id": ["sandbox-youtube-client"],
        "client_secret": ["sandbox-youtube-secret"],
    }
    assert parse_qs(refresh.content.decode()) == {
        "grant_type": ["refresh_token"],
        "refresh_token": [tokens.refresh_token],
        "client_id": ["sandbox-youtube-client"],
        "client_secret": ["sandbox-youtube-secret"],
    }
    connector.revoke(tokens)
    revoke = capture.one("POST", "/revoke")
    assert parse_qs(revoke.content.decode()) == {"token": [tokens.refresh_token]}


def test_contract_identity_upload_and_polling(sandbox: Harness) -> None:
    capture = Capture()
    connector = YouTubeConnector(sandbox.config("youtube"), capture.client())
    tokens = sandbox.connect(connector)
    connector.identity(tokens)
    channels = capture.one("GET", "/youtube/v3/channels")
    assert channels.headers["authorization"] == f"Bearer {tokens.access_token}"
    assert dict(channels.url.params) == {
        "part": "snippet,contentDetails,statistics",
        "mine": "true",
    }

    data, variant = clip(5000)
    variant.options = {"tags": ["a"], "made_for_kids": False}
    result = connector.publish(tokens, variant)
    assert isinstance(result, Pending)
    settle(connector, tokens, result)
    start = capture.one("POST", "/upload/youtube/v3/videos")
    assert start.url.path == "/youtube/upload/youtube/v3/videos"
    assert dict(start.url.params) == {
        "uploadType": "resumable",
        "part": "snippet,status",
        "notifySubscribers": "true",
    }
    assert start.headers["authorization"] == f"Bearer {tokens.access_token}"
    assert start.headers["content-type"] == "application/json; charset=UTF-8"
    assert start.headers["x-upload-content-length"] == str(len(data))
    assert start.headers["x-upload-content-type"] == "video/mp4"
    assert json.loads(start.content) == {
        "snippet": {
            "title": "A title",
            "description": "A description",
            "categoryId": "22",
            "tags": ["a"],
        },
        "status": {"privacyStatus": "public", "selfDeclaredMadeForKids": False},
    }
    put = capture.one("PUT", "/upload/youtube/v3/videos")
    assert put.url.params["upload_id"]
    assert put.headers["content-range"] == f"bytes 0-{len(data) - 1}/{len(data)}"
    assert put.headers["content-type"] == "video/mp4"
    assert put.content == data
    polls = capture.matching("GET", "/youtube/v3/videos")
    assert polls and all(
        dict(p.url.params) == {"part": "processingDetails,status", "id": result.ref["video_id"]}
        for p in polls
    )
    connector.post_metrics(tokens, ["a1", "b2"])
    stats = capture.matching("GET", "/youtube/v3/videos")[-1]
    assert dict(stats.url.params) == {"part": "statistics", "id": "a1,b2"}


# ---------------------------------------------------------------------------- discovery doc


def discovery() -> dict[str, Any]:
    """youtube.v3.json as shipped inside google-api-python-client."""
    doc = resources.files("googleapiclient") / "discovery_cache/documents/youtube.v3.json"
    result: dict[str, Any] = json.loads(doc.read_text(encoding="utf-8"))
    return result


def schema_problems(doc: dict[str, Any], schema: dict[str, Any], value: Any, at: str) -> list[str]:
    """Every way `value` departs from a discovery schema: unknown names, types, enums."""
    if "$ref" in schema:
        return schema_problems(doc, doc["schemas"][schema["$ref"]], value, at)
    kind = schema.get("type")
    problems: list[str] = []
    if kind == "object" or "properties" in schema:
        if not isinstance(value, dict):
            return [f"{at}: expected an object"]
        for name, item in value.items():
            prop = schema.get("properties", {}).get(name)
            if prop is None:
                problems.append(f"{at}.{name}: not in the schema")
                continue
            note = prop.get("description", "")
            if "(Read-only)" in note or (
                "@mutable" in note and "youtube.videos.insert" not in note
            ):
                problems.append(f"{at}.{name}: not writable by videos.insert")
            problems += schema_problems(doc, prop, item, f"{at}.{name}")
        return problems
    checks: dict[str, Any] = {
        "string": str,
        "boolean": bool,
        "array": list,
        "integer": int,
        "number": (int, float),
    }
    if kind in checks and not isinstance(value, checks[kind]):
        return [f"{at}: expected {kind}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{at}: {value!r} is not one of {schema['enum']}"]
    if kind == "array":
        for i, item in enumerate(value):
            problems += schema_problems(doc, schema.get("items", {}), item, f"{at}[{i}]")
    return problems


@pytest.mark.parametrize(
    "variant",
    [
        Variant(text="plain", title="Plain"),
        Variant(
            text="Everything set ✨",
            title="Everything",
            options={
                "tags": ["one", "two words"],
                "category_id": 10,
                "privacy_status": "private",
                "made_for_kids": True,
                "default_language": "en",
                "contains_synthetic_media": False,
            },
        ),
        Variant(text="x" * 300 + "\nno title given, so the first line becomes one"),
    ],
)
def test_insert_body_matches_discovery_video_schema(variant: Variant) -> None:
    doc = discovery()
    body = YouTubeConnector.metadata(YouTubeConnector.__new__(YouTubeConnector), variant)
    assert schema_problems(doc, {"$ref": "Video"}, body, "video") == []
    # The documented limits (videos resource): title <= 100 chars, description <= 5,000 bytes.
    snippet = body["snippet"]
    assert 0 < len(snippet["title"]) <= 100
    assert len(snippet["description"].encode("utf-8")) <= 5000
    assert not any(c in snippet["title"] + snippet["description"] for c in "<>")
    assert tags_length(snippet.get("tags", [])) <= 500


def test_schema_check_catches_drift() -> None:
    doc = discovery()
    wrong = {"snippet": {"title": "t", "tags": "a,b", "channelId": "UC"}, "status": {"privacy": 1}}
    problems = schema_problems(doc, {"$ref": "Video"}, wrong, "video")
    assert any("tags: expected array" in p for p in problems)
    assert any("status.privacy: not in the schema" in p for p in problems)
    bad_enum = {"status": {"privacyStatus": "friends"}}
    assert schema_problems(doc, {"$ref": "Video"}, bad_enum, "video")


def test_query_parameters_exist_in_discovery() -> None:
    doc = discovery()
    common = set(doc["parameters"])
    methods = {
        ("videos", "insert"): {"uploadType", "part", "notifySubscribers"},
        ("videos", "list"): {"part", "id"},
        ("channels", "list"): {"part", "mine"},
        ("playlistItems", "list"): {"part", "playlistId", "maxResults", "pageToken"},
    }
    for (res, name), used in methods.items():
        method = doc["resources"][res]["methods"][name]
        assert used <= set(method["parameters"]) | common, (res, name)
    insert = doc["resources"]["videos"]["methods"]["insert"]
    assert insert["httpMethod"] == "POST"
    assert insert["mediaUpload"]["protocols"]["simple"]["path"] == "/upload/youtube/v3/videos"
    assert "video/*" in insert["mediaUpload"]["accept"]
    scopes = set(insert["scopes"])
    assert UPLOAD in scopes
    read_scopes = set(doc["resources"]["channels"]["methods"]["list"]["scopes"])
    assert READONLY in read_scopes
    assert set(YouTubeConnector.scopes) <= set(doc["auth"]["oauth2"]["scopes"])


def test_time_helpers() -> None:
    winter = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)  # 01:00 PST
    assert next_pacific_midnight(winter) == datetime(2026, 1, 16, 8, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 15, 6, 30, tzinfo=UTC)  # 23:30 PDT on the 14th
    assert next_pacific_midnight(summer) == datetime(2026, 7, 15, 7, 0, tzinfo=UTC)
    assert tags_length(["a", "b c"]) == 1 + 5 + 1


# ---------------------------------------------------------------------------- issue 19


def _published(youtube: YouTubeConnector, tokens: TokenSet, variant: Variant) -> Published:
    first = youtube.publish(tokens, variant)
    assert isinstance(first, Pending)
    return settle(youtube, tokens, first)


def test_a_landscape_video_is_no_short_and_a_long_vertical_one_neither(
    youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    wide = video_item(media_bytes(300_000, 5))
    wide.width, wide.height = 1920, 1080
    done = _published(youtube, tokens, Variant(text="Wide", title="Wide", media=[wide]))
    assert done.url == f"https://www.youtube.com/watch?v={done.platform_post_id}"
    long = video_item(media_bytes(300_000, 6), duration=181.0)
    done = _published(youtube, tokens, Variant(text="Long", title="Long", media=[long]))
    assert done.url and "/watch?v=" in done.url


def test_first_comment_under_the_video_and_found_again(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    video = _published(
        youtube,
        tokens,
        Variant(text="A video", title="A video", media=[video_item(media_bytes(300_000, 7))]),
    )
    assert video.platform_post_id
    item = FollowUp("comment", video.platform_post_id, "Chapters and links: https://x.test")
    comment = youtube.follow_up(tokens, item)
    assert isinstance(comment, Published) and comment.platform_post_id
    assert comment.url == (
        f"https://www.youtube.com/watch?v={video.platform_post_id}&lc={comment.platform_post_id}"
    )
    found = youtube.find_follow_up(tokens, item)
    assert found is not None and found.platform_post_id == comment.platform_post_id
    assert youtube.find_follow_up(tokens, FollowUp("comment", video.platform_post_id, "no")) is None


def test_comments_are_refused_on_videos_made_for_kids_and_without_the_scope(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    kids = Variant(
        text="For kids",
        title="For kids",
        media=[video_item(media_bytes(300_000, 8))],
        options={"made_for_kids": True},
    )
    video = _published(youtube, tokens, kids)
    assert video.platform_post_id
    with pytest.raises(Rejected, match="disabled comments"):
        youtube.follow_up(tokens, FollowUp("comment", video.platform_post_id, "hello"))
    narrow = YouTubeConnector(sandbox.config("youtube"))
    narrow.scopes = (UPLOAD, READONLY)  # connected before comments were asked for
    old = sandbox.connect(narrow, "sandbox_channel")
    plain = _published(
        youtube,
        tokens,
        Variant(text="Plain", title="Plain", media=[video_item(media_bytes(300_000, 9))]),
    )
    assert plain.platform_post_id
    with pytest.raises(Rejected, match="reconnect it on the Platforms page"):
        narrow.follow_up(old, FollowUp("comment", plain.platform_post_id, "hello"))


def test_thumbnail_and_playlist_are_set_once_and_their_failures_are_notices(
    sandbox: Harness, youtube: YouTubeConnector, tokens: TokenSet
) -> None:
    playlists = youtube.playlists(tokens)
    assert [p["title"] for p in playlists] == ["Highlights", "Tutorials"]
    thumb = media_item("image", b"\xff\xd8\xff\xe0" + bytes(5000), "image/jpeg")
    variant = Variant(
        text="With a cover",
        title="With a cover",
        media=[video_item(media_bytes(300_000, 10))],
        options={"playlist_id": playlists[1]["id"]},
        attachments={"thumbnail": thumb},
    )
    done = _published(youtube, tokens, variant)
    assert done.notice is None
    video = sandbox.store.objects[f"youtube:video:{done.platform_post_id}"]
    assert video["thumbnail"]["bytes"] > 0
    assert sandbox.store.objects[f"youtube:playlist:{playlists[1]['id']}"]["videos"] == [
        done.platform_post_id
    ]
    assert youtube._add_to_playlist(tokens, str(done.platform_post_id), playlists[1]["id"]) == ""
    assert sandbox.store.objects[f"youtube:playlist:{playlists[1]['id']}"]["videos"] == [
        done.platform_post_id
    ]  # not twice
    OPTIONS.custom_thumbnails = False
    variant.options = {"playlist_id": "PLnotmine"}
    variant.media = [video_item(media_bytes(300_000, 11))]
    done = _published(youtube, tokens, variant)
    assert done.notice and "custom thumbnail was not set" in done.notice
    assert "not added to the playlist" in done.notice
