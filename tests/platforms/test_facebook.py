"""Facebook Pages: the connector against the Graph emulator over real HTTP, plus contract checks."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

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
)
from socialflow.platforms.facebook import FacebookConnector, map_post_metrics
from tests.platforms.emulators import (  # noqa: F401 (fixtures, used by name)
    GRAPH_VERSION,
    connect,
    consent,
    image,
    meta_sandbox_fixture,
    sandbox_fixture,
    video,
)
from tests.platforms.emulators import (
    META_REDIRECT_URI as REDIRECT_URI,
)
from tests.platforms.emulators import (
    EmulatorHarness as MetaSandbox,
)

FB = "facebook"


def _query(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(str(request.url)).query).items()}


def _publish_until_done(
    connector: FacebookConnector, tokens: TokenSet, variant: Variant
) -> Published:
    result = connector.publish(tokens, variant)
    for _ in range(10):
        if isinstance(result, Published):
            return result
        result = connector.check(tokens, result.ref)
    raise AssertionError("video never finished processing")


# ---------------------------------------------------------------------- OAuth


def test_oauth_consent_exchange_and_identity(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(FB)
    answer = consent(sandbox, connector, "state-123", "approve", "alice")
    assert answer.location.startswith(REDIRECT_URI + "?")
    assert answer.location.endswith("#_=_")  # Facebook's Login redirect fragment
    assert answer.params["state"] == "state-123"
    assert answer.params["code"]

    tokens = connector.exchange_code(answer.params["code"], "ignored")
    assert tokens.refresh_token is None  # Meta has no refresh tokens
    assert tokens.expires_at is None  # the Page token we act with does not expire
    assert "pages_manage_posts" in (tokens.scope or "")
    user_expiry = datetime.fromisoformat(tokens.extra["user_token_expires_at"])
    assert abs((user_expiry - datetime.now(UTC)) - timedelta(seconds=5183944)) < timedelta(
        minutes=1
    )
    pages = tokens.extra["pages"]
    assert [p["name"] for p in pages] == ["Alice Page", "Alice Shop"]

    who = connector.identity(tokens)
    assert who.platform_user_id == pages[0]["id"] == tokens.extra["page_id"]
    assert who.display_name == "Alice Page"
    assert who.username == "alice.page"
    assert who.avatar_url and who.avatar_url.startswith("https://")
    assert isinstance(who.follower_count, int) and who.follower_count > 0
    assert who.extra["page_access_token"] == tokens.extra["page_access_token"]
    assert who.extra["pages"] == pages


def test_deny_redirects_with_facebook_error_params(sandbox: MetaSandbox) -> None:
    answer = consent(sandbox, sandbox.connector(FB), "s-deny", "deny", "alice")
    assert answer.params == {
        "error": "access_denied",
        "error_code": "200",
        "error_description": "Permissions error",
        "error_reason": "user_denied",
        "state": "s-deny",
    }


def test_code_is_single_use(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(FB)
    code = consent(sandbox, connector, "s", "approve", "alice").params["code"]
    connector.exchange_code(code, "")
    with pytest.raises(Rejected) as err:
        connector.exchange_code(code, "")
    assert err.value.code == "100/36009"
    assert "has been used" in err.value.message


def test_redirect_uri_must_match_the_dialog(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(FB)
    code = consent(sandbox, connector, "s", "approve", "alice").params["code"]
    other = sandbox.connector(FB)
    other.config.redirect_uri = "https://elsewhere.example/callback"
    with pytest.raises(Rejected) as err:
        other.exchange_code(code, "")
    assert err.value.code == "100/36008"


def test_wrong_client_secret_is_rejected_not_retried(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(FB)
    code = consent(sandbox, connector, "s", "approve", "alice").params["code"]
    connector.config.client_secret = "wrong"
    with pytest.raises(Rejected, match="client secret"):
        connector.exchange_code(code, "")


def test_dialog_refuses_unknown_scopes_and_client(sandbox: MetaSandbox) -> None:
    base = f"{sandbox.base}/facebook/{GRAPH_VERSION}/dialog/oauth"
    common = {"redirect_uri": REDIRECT_URI, "state": "s", "response_type": "code"}
    bad_scope = httpx.get(
        base, params={**common, "client_id": "sandbox-facebook-client", "scope": "nope"}
    )
    assert bad_scope.status_code == 400 and "Invalid Scopes: nope" in bad_scope.text
    bad_client = httpx.get(
        base, params={**common, "client_id": "someone", "scope": "pages_show_list"}
    )
    assert bad_client.status_code == 400 and "Invalid App ID" in bad_client.text


def test_pages_managed_through_a_business_can_be_connected(sandbox: MetaSandbox) -> None:
    # Issue 18 #10: /me/accounts misses Pages a person manages only through Business Manager.
    connector, tokens = connect(sandbox, FB, "agency_owner")
    names = sorted(p["name"] for p in tokens.extra["pages"])
    assert names == ["Agency Owner Brand", "Agency Owner Client"]
    result = connector.publish(tokens, Variant(text="Posted to a business's Page"))
    assert isinstance(result, Published)
    [record] = sandbox.published(FB)
    assert record["user_id"] == tokens.extra["page_id"]


def test_user_without_pages_cannot_connect(sandbox: MetaSandbox) -> None:
    with pytest.raises(Rejected) as err:
        connect(sandbox, FB, "nopages")
    assert err.value.code == "no_pages"


def test_select_page_switches_the_account(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    shop_id = tokens.extra["pages"][1]["id"]
    new_tokens, who = connector.select_page(tokens, shop_id)
    assert who.platform_user_id == shop_id and who.display_name == "Alice Shop"
    assert new_tokens.extra["page_id"] == shop_id
    connector.publish(new_tokens, Variant(text="from the shop"))
    assert sandbox.published(FB)[-1]["user_id"] == shop_id
    with pytest.raises(Rejected):
        connector.select_page(tokens, "123456")


def test_refresh_reexchanges_the_user_token(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    renewed = connector.refresh(tokens)
    assert renewed.access_token != tokens.access_token
    assert renewed.extra["page_id"] == tokens.extra["page_id"]
    # No rotation at Meta: the old long-lived token keeps working until it expires.
    assert connector.refresh(tokens).access_token
    assert isinstance(connector.publish(renewed, Variant(text="after refresh")), Published)


def test_refresh_keeps_a_valid_page_token_when_the_user_token_expired(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    person = sandbox.store.user(FB, "alice")
    scopes = list(FacebookConnector.scopes)
    expired = sandbox.store.issue(FB, "user", person.id, -60, un="alice", sc=scopes, ll=True)
    stale = TokenSet(access_token=expired, extra=dict(tokens.extra))
    assert connector.refresh(stale) is stale


def test_refresh_after_revocation_is_disconnected(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    person = sandbox.store.user(FB, "alice")
    httpx.post(f"{sandbox.base}/_admin/revoke", params={"platform": FB, "user_id": person.id})
    with pytest.raises(Disconnected):
        connector.refresh(tokens)
    with pytest.raises(Disconnected):
        connector.publish(tokens, Variant(text="nope"))


def test_revoke_deauthorizes_the_app(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    connector.revoke(tokens)
    with pytest.raises(Disconnected) as err:
        connector.publish(tokens, Variant(text="after revoke"))
    assert err.value.code == "190/458"
    connector.revoke(tokens)  # revoking twice is harmless


# ---------------------------------------------------------------------- publishing


def test_publish_text_with_link(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    text = "Launch day! 🚀 Ünïcödé and a #tag"
    result = connector.publish(
        tokens, Variant(text=text, options={"link": "https://example.com/x"})
    )
    assert isinstance(result, Published)
    page_id, post = result.platform_post_id.split("_")
    assert page_id == tokens.extra["page_id"] and post.isdigit()
    assert result.url == f"https://www.facebook.com/{page_id}/posts/{post}"
    record = sandbox.published(FB)[-1]
    assert record["post_id"] == result.platform_post_id
    assert record["text"] == text
    assert record["media"] == []
    assert record["extra"]["link"] == "https://example.com/x"


def test_publish_single_photo(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    result = connector.publish(tokens, Variant(text="one photo", media=[image(sandbox)]))
    assert isinstance(result, Published)
    assert result.platform_post_id.startswith(tokens.extra["page_id"] + "_")
    record = sandbox.published(FB)[-1]
    assert record["text"] == "one photo"
    assert [(m["kind"], m["url"]) for m in record["media"]] == [
        ("image", sandbox.media_url("photo.jpg"))
    ]
    assert record["media"][0]["size"] > 2000  # the emulator really fetched the file


def test_publish_several_photos_via_attached_media(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    media = [image(sandbox), image(sandbox, "photo2.jpg")]
    result = connector.publish(tokens, Variant(text="two photos", media=media))
    assert isinstance(result, Published)
    records = sandbox.published(FB)
    assert len(records) == 1  # unpublished photos are not posts of their own
    assert records[0]["text"] == "two photos"
    assert [m["url"] for m in records[0]["media"]] == [m.url for m in media]


def test_publish_video_is_pending_then_published(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    first = connector.publish(tokens, Variant(text="watch this", media=[video(sandbox)]))
    assert isinstance(first, Pending)
    assert sandbox.published(FB) == []  # still processing
    second = connector.check(tokens, first.ref)
    assert isinstance(second, Pending)
    done = connector.check(tokens, second.ref)
    assert isinstance(done, Published)
    video_id = first.ref["video_id"]
    assert done.platform_post_id == f"{tokens.extra['page_id']}_{video_id}"
    assert done.url == f"https://www.facebook.com/{tokens.extra['page_id']}/videos/{video_id}/"
    record = sandbox.published(FB)[-1]
    assert record["text"] == "watch this"
    assert record["media"][0]["kind"] == "video"
    assert record["media"][0]["url"] == sandbox.media_url("clip.mp4")


def test_video_processing_failure_is_rejected(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    sandbox.arm(FB, "media_failure", path="/videos")
    with pytest.raises(Rejected, match="could not process the video"):
        _publish_until_done(connector, tokens, Variant(text="broken", media=[video(sandbox)]))
    assert sandbox.published(FB) == []


def test_video_that_is_not_a_video_fails_processing(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    item = video(sandbox, "notavideo.mp4")
    with pytest.raises(Rejected, match="format"):
        _publish_until_done(connector, tokens, Variant(text="text file", media=[item]))


def test_unreachable_photo_url_is_rejected(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    with pytest.raises(Rejected) as err:
        connector.publish(tokens, Variant(text="x", media=[image(sandbox, "missing.jpg")]))
    assert err.value.code == "324"


def test_mixed_photos_and_video_are_refused_locally(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    with pytest.raises(Rejected, match="either photos or one video"):
        connector.publish(tokens, Variant(text="x", media=[image(sandbox), video(sandbox)]))


def test_same_text_twice_is_a_duplicate(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    connector.publish(tokens, Variant(text="same words"))
    with pytest.raises(Rejected) as err:
        connector.publish(tokens, Variant(text="same words"))
    assert err.value.code == "duplicate"
    assert "Duplicate status message" in err.value.message


# ---------------------------------------------------------------------- faults


def test_rate_limit_reset_from_business_use_case_header(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    sandbox.arm(FB, "rate_limit", path="/feed", seconds=600)
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as err:
        connector.publish(tokens, Variant(text="too fast"))
    assert err.value.code == "80001"
    expected = before + timedelta(minutes=10)
    assert expected - timedelta(seconds=5) <= err.value.reset_at <= expected + timedelta(seconds=5)


def test_user_level_throttle_uses_the_default_wait(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    sandbox.arm(FB, "rate_limit", path="/me/accounts")
    with pytest.raises(RateLimited) as err:
        connector.list_pages(tokens.access_token)
    assert err.value.code == "17"
    wait = err.value.reset_at - datetime.now(UTC)
    assert timedelta(minutes=9) < wait <= timedelta(minutes=10)


@pytest.mark.parametrize(
    ("kind", "error", "code"),
    [
        ("server_error", Transient, "2"),
        ("expired_token", AuthExpired, "190/463"),
        ("revoked", Disconnected, "190/458"),
        ("duplicate", Rejected, "duplicate"),
    ],
)
def test_fault_kinds_map_to_error_classes(
    sandbox: MetaSandbox, kind: str, error: type[Exception], code: str
) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    sandbox.arm(FB, kind, path="/feed")
    with pytest.raises(error) as err:
        connector.publish(tokens, Variant(text=f"fault {kind}"))
    assert getattr(err.value, "code", None) == code
    assert sandbox.published(FB) == []


def test_timeout_after_create_then_find_recent_finds_it(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, FB, "alice")
    slow = sandbox.connector(FB, timeout=0.5)
    since = datetime.now(UTC) - timedelta(seconds=2)
    sandbox.arm(FB, "timeout_after_create", path="/feed", seconds=1.5)
    with pytest.raises(OutcomeUnknown):
        slow.publish(tokens, Variant(text="did it land?"))
    found = slow.find_recent(tokens, since)
    assert [p.text for p in found] == ["did it land?"]
    assert found[0].platform_post_id == sandbox.published(FB)[-1]["post_id"]
    assert found[0].created_at and found[0].created_at >= since - timedelta(seconds=1)
    assert slow.find_recent(tokens, datetime.now(UTC) + timedelta(minutes=1)) == []


def test_find_recent_includes_videos_still_processing(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    since = datetime.now(UTC) - timedelta(seconds=2)
    pending = connector.publish(tokens, Variant(text="encoding", media=[video(sandbox)]))
    assert isinstance(pending, Pending)
    found = connector.find_recent(tokens, since)
    assert [p.text for p in found] == ["encoding"]
    assert found[0].platform_post_id == f"{tokens.extra['page_id']}_{pending.ref['video_id']}"


def test_latency_fault_on_a_read_is_transient(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, FB, "alice")
    slow = sandbox.connector(FB, timeout=0.3)
    sandbox.arm(FB, "latency", seconds=1.0)
    with pytest.raises(Transient):
        slow.follower_count(tokens)


# ---------------------------------------------------------------------- analytics


def test_follower_count_grows_over_time(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    page = sandbox.store.user_by_id(FB, tokens.extra["page_id"])
    assert page is not None
    page.created_at = time.time()
    now_count = connector.follower_count(tokens)
    page.created_at -= 100 * 3600
    later = connector.follower_count(tokens)
    assert now_count is not None and later is not None
    assert later - now_count == 300


def test_post_metrics_use_media_view_metrics(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    post = connector.publish(tokens, Variant(text="measure me"))
    assert isinstance(post, Published)
    stored = sandbox.store.objects[f"fb:{post.platform_post_id}"]
    stored["created"] -= 48 * 3600  # two days of engagement
    from socialflow.sandbox.core import metric_growth

    expected = metric_growth(post.platform_post_id, stored["created"])
    (metrics,) = connector.post_metrics(tokens, [post.platform_post_id, "123_456"])
    assert metrics.platform_post_id == post.platform_post_id
    assert metrics.impressions == expected["impressions"]
    assert metrics.likes == expected["likes"]
    assert metrics.comments == expected["comments"]
    assert metrics.shares == expected["shares"]
    assert metrics.clicks == expected["clicks"]
    assert "post_total_media_view_unique" in metrics.raw["insights"]


def test_post_metrics_fall_back_to_legacy_names(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    post = connector.publish(tokens, Variant(text="older graph"))
    assert isinstance(post, Published)
    sandbox.store.objects["facebook:config"] = {"legacy_metrics": True}
    (metrics,) = connector.post_metrics(tokens, [post.platform_post_id])
    assert "post_impressions_unique" in metrics.raw["insights"]
    assert metrics.impressions == metrics.raw["insights"]["post_impressions_unique"]


def test_metric_mapping_accepts_renamed_and_breakdown_values() -> None:
    insights = [
        {"name": "post_impressions", "period": "lifetime", "values": [{"value": 900}]},
        {"name": "post_media_view", "period": "lifetime", "values": [{"value": 1200}]},
        {"name": "post_reactions_by_type_total", "values": [{"value": {"like": 7, "haha": 3}}]},
        {
            "name": "post_clicks_by_type",
            "values": [{"value": {"link clicks": 4, "other clicks": 6}}],
        },
    ]
    counts = {
        "comments": {"summary": {"total_count": 2}},
        "reactions": {"summary": {"total_count": 10}},
    }
    metrics = map_post_metrics("1_2", insights, counts)
    assert (
        metrics.impressions,
        metrics.likes,
        metrics.comments,
        metrics.shares,
        metrics.clicks,
    ) == (
        1200,
        10,
        2,
        0,
        10,
    )


def test_emulator_rejects_deprecated_impression_metrics(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "alice")
    post = connector.publish(tokens, Variant(text="old metric"))
    assert isinstance(post, Published)
    answer = httpx.get(
        f"{sandbox.base}/facebook/{GRAPH_VERSION}/{post.platform_post_id}/insights",
        params={"metric": "post_impressions"},
        headers={"Authorization": f"Bearer {tokens.extra['page_access_token']}"},
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == 100
    assert "valid insights metric" in answer.json()["error"]["message"]


# ---------------------------------------------------------------------- emulator strictness


def test_emulator_validates_publishing_requests(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, FB, "alice")
    page_id, page_token = tokens.extra["page_id"], tokens.extra["page_access_token"]
    feed = f"{sandbox.base}/facebook/{GRAPH_VERSION}/{page_id}/feed"

    def post(token: str, body: dict[str, object]) -> dict[str, object]:
        answer = httpx.post(feed, json=body, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 400
        error: dict[str, object] = answer.json()["error"]
        assert error["type"] and error["fbtrace_id"]
        return error

    assert post(page_token, {"message": "x", "colour": "red"})["code"] == 100
    assert post(page_token, {})["code"] == 100
    assert post(tokens.access_token, {"message": "user token"})["code"] == 200
    assert post("garbage", {"message": "x"})["code"] == 190
    ok = httpx.post(
        feed, json={"message": "fine"}, headers={"Authorization": f"Bearer {page_token}"}
    )
    usage = json.loads(ok.headers["x-business-use-case-usage"])
    assert usage[page_id][0]["type"] == "pages"


# ---------------------------------------------------------------------- contract


def test_contract_authorize_url(sandbox: MetaSandbox) -> None:
    url = sandbox.connector(FB).authorization_url("st", "challenge")
    parts = urlsplit(url)
    assert parts.path == f"/facebook/{GRAPH_VERSION}/dialog/oauth"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["client_id"] == "sandbox-facebook-client"
    assert query["redirect_uri"] == REDIRECT_URI
    assert query["state"] == "st"
    assert query["response_type"] == "code"
    assert "code_challenge" not in query  # Meta's server flow has no PKCE
    scopes = query["scope"].split(",")  # comma-separated, as Meta documents
    for scope in (
        "pages_show_list",
        "pages_manage_posts",
        "pages_read_engagement",
        "read_insights",
    ):
        assert scope in scopes
    assert FacebookConnector.capabilities.pkce is False


def test_contract_code_exchange_and_page_listing(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(FB, capture=True)
    code = consent(sandbox, connector, "s", "approve", "alice").params["code"]
    sandbox.captured.clear()
    tokens = connector.exchange_code(code, "")
    first, second, perms, accounts, businesses = sandbox.captured
    assert (businesses.method, businesses.url.path) == (
        "GET",
        f"/facebook/{GRAPH_VERSION}/me/businesses",
    )
    token_path = f"/facebook/{GRAPH_VERSION}/oauth/access_token"
    assert (first.method, first.url.path) == ("GET", token_path)
    assert _query(first) == {
        "client_id": "sandbox-facebook-client",
        "client_secret": "sandbox-facebook-secret",
        "redirect_uri": REDIRECT_URI,
        "code": code,
    }
    assert (second.method, second.url.path) == ("GET", token_path)
    q2 = _query(second)
    assert q2["grant_type"] == "fb_exchange_token"
    assert q2["fb_exchange_token"].startswith("sbx.")
    assert {q2["client_id"], q2["client_secret"]} == {
        "sandbox-facebook-client",
        "sandbox-facebook-secret",
    }
    assert (perms.method, perms.url.path) == ("GET", f"/facebook/{GRAPH_VERSION}/me/permissions")
    assert (accounts.method, accounts.url.path) == ("GET", f"/facebook/{GRAPH_VERSION}/me/accounts")
    fields = _query(accounts)["fields"].split(",")
    assert {"id", "name", "access_token", "tasks"} <= set(fields)
    assert _query(accounts)["limit"] == "100"
    assert accounts.headers["authorization"] == f"Bearer {tokens.access_token}"
    assert "access_token" not in _query(accounts)


def test_contract_text_post(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, FB, "alice")
    connector = sandbox.connector(FB, capture=True)
    connector.publish(tokens, Variant(text="hello graph", options={"link": "https://example.com"}))
    request = sandbox.captured[0]
    page_id, page_token = tokens.extra["page_id"], tokens.extra["page_access_token"]
    assert (request.method, request.url.path) == (
        "POST",
        f"/facebook/{GRAPH_VERSION}/{page_id}/feed",
    )
    assert request.headers["authorization"] == f"Bearer {page_token}"
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {
        "message": "hello graph",
        "published": True,
        "link": "https://example.com",
    }
    query = _query(request)
    assert query["fields"] == "id,permalink_url"
    proof = hmac.new(b"sandbox-facebook-secret", page_token.encode(), hashlib.sha256).hexdigest()
    assert query["appsecret_proof"] == proof
    assert "access_token" not in query


def test_contract_photos_then_attached_media(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, FB, "alice")
    connector = sandbox.connector(FB, capture=True)
    media = [image(sandbox, alt="a cat"), image(sandbox, "photo2.jpg")]
    connector.publish(tokens, Variant(text="album", media=media))
    page_id = tokens.extra["page_id"]
    photos = [r for r in sandbox.captured if r.url.path.endswith("/photos")]
    feed = [r for r in sandbox.captured if r.url.path.endswith("/feed")]
    assert len(photos) == 2 and len(feed) == 1
    assert all(
        r.method == "POST" and r.url.path == f"/facebook/{GRAPH_VERSION}/{page_id}/photos"
        for r in photos
    )
    assert json.loads(photos[0].content) == {
        "url": media[0].url,
        "published": False,
        "alt_text_custom": "a cat",
    }
    assert json.loads(photos[1].content) == {"url": media[1].url, "published": False}
    body = json.loads(feed[0].content)
    assert body["message"] == "album"
    assert [set(m) for m in body["attached_media"]] == [{"media_fbid"}, {"media_fbid"}]


def test_contract_single_photo_and_video(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, FB, "alice")
    connector = sandbox.connector(FB, capture=True)
    connector.publish(tokens, Variant(text="pic", media=[image(sandbox)]))
    photo = sandbox.captured[0]
    assert photo.url.path.endswith(f"/{tokens.extra['page_id']}/photos")
    assert json.loads(photo.content) == {
        "url": image(sandbox).url,
        "message": "pic",
        "published": True,
    }
    sandbox.captured.clear()
    connector.publish(tokens, Variant(text="clip", media=[video(sandbox)], title="My clip"))
    upload = sandbox.captured[0]
    assert (upload.method, upload.url.path) == (
        "POST",
        f"/facebook/{GRAPH_VERSION}/{tokens.extra['page_id']}/videos",
    )
    assert json.loads(upload.content) == {
        "file_url": video(sandbox).url,
        "description": "clip",
        "published": True,
        "title": "My clip",
    }


def test_contract_reads(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, FB, "alice")
    connector = sandbox.connector(FB, capture=True)
    page_id = tokens.extra["page_id"]
    since = datetime(2026, 1, 1, tzinfo=UTC)
    connector.find_recent(tokens, since)
    connector.follower_count(tokens)
    connector.post_metrics(tokens, [f"{page_id}_1"])
    connector.revoke(tokens)
    calls = [(r.method, r.url.path, _query(r)) for r in sandbox.captured]
    v = GRAPH_VERSION
    published = next(c for c in calls if c[1].endswith("/published_posts"))
    assert published[1] == f"/facebook/{v}/{page_id}/published_posts"
    assert published[2]["since"] == str(int(since.timestamp()))
    assert set(published[2]["fields"].split(",")) >= {
        "id",
        "message",
        "created_time",
        "permalink_url",
    }
    followers = next(c for c in calls if c[1] == f"/facebook/{v}/{page_id}")
    assert followers[2]["fields"] == "followers_count,fan_count"
    insights = next(c for c in calls if c[1].endswith("/insights"))
    assert insights[1] == f"/facebook/{v}/{page_id}_1/insights"
    assert insights[2]["metric"].split(",") == [
        "post_total_media_view_unique",
        "post_reactions_by_type_total",
        "post_clicks",
    ]
    assert calls[-1][:2] == ("DELETE", f"/facebook/{v}/me/permissions")


# ---------------------------------------------------------------- the first comment (issue 19)


def test_first_comment_as_the_page_and_found_again(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "sandbox_page_admin")
    post = connector.publish(tokens, Variant(text="A Page post"))
    assert isinstance(post, Published) and post.platform_post_id
    item = FollowUp("comment", post.platform_post_id, "More in the comments: https://x.test")
    comment = connector.follow_up(tokens, item)
    assert isinstance(comment, Published) and comment.platform_post_id
    assert comment.platform_post_id.startswith(post.platform_post_id.split("_")[1] + "_")
    assert comment.url and "comment_id=" in comment.url and comment.url.startswith("https://")
    found = connector.find_follow_up(tokens, item)
    assert found is not None and found.platform_post_id == comment.platform_post_id
    assert connector.find_follow_up(tokens, FollowUp("comment", post.platform_post_id, "x")) is None
    assert len(sandbox.published(FB)) == 1  # a comment is not a post


def test_first_comment_refusals(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, FB, "sandbox_page_admin")
    post = connector.publish(tokens, Variant(text="Another Page post"))
    assert isinstance(post, Published) and post.platform_post_id
    sandbox.fault(FB, "duplicate", path="/comments")
    with pytest.raises(Rejected, match="already posted this"):
        connector.follow_up(tokens, FollowUp("comment", post.platform_post_id, "again"))
    narrow = sandbox.connector(FB)
    narrow.scopes = tuple(s for s in narrow.scopes if s != "pages_manage_engagement")
    old_tokens = sandbox.connect(narrow, "sandbox_page_admin")
    with pytest.raises(Rejected, match="reconnect it on the Platforms page"):
        narrow.follow_up(old_tokens, FollowUp("comment", post.platform_post_id, "hi"))
    with pytest.raises(Rejected):
        connector.follow_up(tokens, FollowUp("comment", "123_456", "no such post"))
