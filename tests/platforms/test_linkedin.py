"""LinkedIn connector against the LinkedIn emulator over real HTTP, plus request contract checks."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

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
    new_state,
)
from socialflow.platforms.linkedin import (
    LinkedInConnector,
    little_escape,
    little_unescape,
    version_for,
)
from socialflow.sandbox.core import metric_growth
from socialflow.sandbox.linkedin import config, render_little
from tests.platforms.emulators import (
    XLI_REDIRECT_URI as REDIRECT_URI,
)

# pytest fixtures, re-exported by name so pytest finds them in this module
from tests.platforms.emulators import (  # noqa: F401
    Capture,
    media_item,
    png_bytes,
    query_of,
    sha256,
    xli_sandbox,
    xli_sandbox_server,
)
from tests.platforms.emulators import (
    EmulatorHarness as Sandbox,
)
from tests.platforms.emulators import (
    consent_location as consent,
)

P = "linkedin"
TRICKY = (
    "Q3 (final) results: 50% up_front *wow* ~ [draft] <b> {x} a|b @team \\o/ #growth # 1 "
    "https://example.com/a_b(c)?d=e#frag 🚀"
)


def connect(
    sb: Sandbox, username: str = "sandbox_member", client: httpx.Client | None = None
) -> tuple[LinkedInConnector, TokenSet]:
    """Full OAuth through the consent page; tokens carry identity's extra like the app stores."""
    conn = LinkedInConnector(sb.config(P), client)
    state = new_state()
    params = query_of(consent(conn.authorization_url(state, "unused-challenge"), username))
    assert params["state"] == state
    tokens = conn.exchange_code(params["code"], "")
    tokens.extra.update(conn.identity(tokens).extra)
    return conn, tokens


def video_bytes(n: int = 80 * 1024) -> bytes:
    return b"\x00\x00\x00\x18ftypmp42" + bytes(i % 253 for i in range(n - 12))


def publish_video(conn: LinkedInConnector, tokens: TokenSet, data: bytes, text: str) -> Published:
    first = conn.publish(
        tokens, Variant(text=text, media=[media_item("video", data, "video/mp4", 7000)])
    )
    assert isinstance(first, Pending)
    final = conn.check(tokens, first.ref)
    assert isinstance(final, Published)
    return final


# ---------------------------------------------------------------- OAuth


def test_full_oauth_flow_and_identity(sandbox: Sandbox) -> None:
    conn = LinkedInConnector(sandbox.config(P))
    state = new_state()
    location = consent(conn.authorization_url(state, "ignored"), "grace_hopper")
    assert location.startswith(REDIRECT_URI + "?")
    params = query_of(location)
    assert params["state"] == state and params["code"]
    tokens = conn.exchange_code(params["code"], "")
    assert tokens.refresh_token is None  # not an MDP partner
    assert tokens.expires_at is not None
    lifetime = (tokens.expires_at - datetime.now(UTC)).total_seconds()
    assert 5183990 < lifetime <= 5184000
    assert tokens.scope == (
        "openid,profile,w_member_social,r_member_social,"
        "w_organization_social,r_organization_social,rw_organization_admin"
    )

    ident = conn.identity(tokens)
    persona = sandbox.store.user(P, "grace_hopper")
    assert ident.platform_user_id == persona.id
    assert ident.display_name == "Grace Hopper"
    assert ident.extra == {
        "person_urn": f"urn:li:person:{persona.id}",
        "author_urn": f"urn:li:person:{persona.id}",
        "member_sub": persona.id,
        "member_name": "Grace Hopper",
    }
    assert ident.avatar_url and httpx.get(ident.avatar_url).status_code == 200


def test_identity_is_the_members_name_never_an_email(sandbox: Sandbox) -> None:
    # Issue 18 #6: the e-mail is not a handle (and only comes with the `email` scope, which
    # we do not ask); even a grant that has it must not make it the name we show.
    conn = LinkedInConnector(sandbox.config(P))
    url = conn.authorization_url("st", "x").replace("w_member_social", "w_member_social%20email")
    tokens = conn.exchange_code(query_of(consent(url, "ada_lovelace"))["code"], "")
    info = httpx.get(
        f"{sandbox.base}/linkedin/v2/userinfo",
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    ).json()
    assert info["email"] == "ada_lovelace@example.com"  # the grant has it...
    ident = conn.identity(tokens)
    assert ident.username is None  # ...and it is not shown as the account's name
    assert ident.display_name == "Ada Lovelace"


def test_deny_redirects_with_linkedins_error(sandbox: Sandbox) -> None:
    conn = LinkedInConnector(sandbox.config(P))
    params = query_of(consent(conn.authorization_url("st-9", "x"), decision="deny"))
    assert params == {
        "error": "user_cancelled_authorize",
        "error_description": "The user cancelled the authorization",
        "state": "st-9",
    }


def test_unauthorized_scope_and_bad_redirect(sandbox: Sandbox) -> None:
    conn = LinkedInConnector(sandbox.config(P))
    url = conn.authorization_url("s", "x")
    answer = httpx.get(url.replace("w_member_social", "w_everything"))
    assert answer.status_code == 302
    assert query_of(answer.headers["location"])["error"] == "unauthorized_scope_error"
    assert httpx.get(url.replace("socialflow.test", "evil.test")).status_code == 400


def test_code_is_single_use_and_client_secret_checked(sandbox: Sandbox) -> None:
    conn = LinkedInConnector(sandbox.config(P))
    code = query_of(consent(conn.authorization_url("s", "x")))["code"]
    assert conn.exchange_code(code, "").access_token
    with pytest.raises(Rejected) as err:
        conn.exchange_code(code, "")
    assert "authorization code expired" in err.value.message
    bad = LinkedInConnector(sandbox.config(P))
    bad.config.client_secret = "wrong"
    code = query_of(consent(conn.authorization_url("s", "x")))["code"]
    with pytest.raises(Rejected, match="Client authentication failed"):
        bad.exchange_code(code, "")


def test_refresh_without_refresh_token_means_reconnect(sandbox: Sandbox) -> None:
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    sent = len(capture.requests)
    with pytest.raises(Disconnected):
        conn.refresh(tokens)
    assert len(capture.requests) == sent  # nothing to send


def test_partner_refresh_is_not_rotated_and_dies_on_revoke(sandbox: Sandbox) -> None:
    config(sandbox.store)["refresh_tokens"] = True
    conn, tokens = connect(sandbox)
    assert tokens.refresh_token and tokens.refresh_expires_at
    fresh = conn.refresh(tokens)
    assert fresh.access_token != tokens.access_token
    assert fresh.refresh_token == tokens.refresh_token  # same token, TTL keeps counting
    assert (
        fresh.refresh_expires_at is not None
        and fresh.refresh_expires_at <= tokens.refresh_expires_at + timedelta(seconds=1)
    )
    assert conn.refresh(tokens).access_token  # the old one still works: no rotation
    assert conn.identity(fresh).platform_user_id == tokens.extra["person_urn"].rsplit(":", 1)[-1]
    uid = tokens.extra["person_urn"].rsplit(":", 1)[-1]
    httpx.post(
        f"{sandbox.base}/_admin/revoke", params={"platform": P, "user_id": uid}
    ).raise_for_status()
    with pytest.raises(Disconnected):
        conn.publish(fresh, Variant(text="after revoke"))
    with pytest.raises(Disconnected):
        conn.refresh(fresh)


# ---------------------------------------------------------------- little text format


def test_little_escape_round_trips_through_linkedins_renderer() -> None:
    escaped = little_escape(TRICKY)
    assert "\\(final\\)" in escaped and "up\\_front" in escaped and "\\@team" in escaped
    assert "#growth" in escaped and "\\# 1" in escaped
    assert "https://example.com/a_b(c)?d=e#frag" in escaped  # URLs untouched
    assert render_little(escaped) == (TRICKY, False)
    assert little_unescape(escaped) == TRICKY
    assert render_little("Hello (world)") == ("Hello ", True)  # the silent cut


# ---------------------------------------------------------------- publishing


def test_publish_text_with_reserved_characters(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    result = conn.publish(tokens, Variant(text=TRICKY))
    assert isinstance(result, Published)
    assert result.platform_post_id.startswith("urn:li:share:")
    assert len(result.platform_post_id.rsplit(":", 1)[-1]) == 19
    assert result.url == f"{sandbox.base}/linkedin/feed/update/{result.platform_post_id}"
    assert httpx.get(result.url).status_code == 200
    [rec] = sandbox.published(P)
    assert rec["post_id"] == result.platform_post_id
    assert rec["text"] == TRICKY and rec["extra"]["truncated"] is False
    assert rec["extra"]["commentary"] == little_escape(TRICKY)
    assert rec["extra"]["visibility"] == "PUBLIC" and rec["media"] == []


def test_unescaped_commentary_is_silently_cut_by_the_emulator(sandbox: Sandbox) -> None:
    _, tokens = connect(sandbox)
    author = tokens.extra["person_urn"]
    response = httpx.post(
        f"{sandbox.base}/linkedin/rest/posts",
        headers={
            "Authorization": f"Bearer {tokens.access_token}",
            "LinkedIn-Version": version_for(),
            "X-Restli-Protocol-Version": "2.0.0",
        },
        json={
            "author": author,
            "commentary": "Big news (really) today",
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "lifecycleState": "PUBLISHED",
        },
    )
    assert response.status_code == 201 and response.content == b""
    [rec] = sandbox.published(P)
    assert rec["text"] == "Big news " and rec["extra"]["truncated"] is True


def test_publish_one_image_with_alt_text(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    img = png_bytes()
    item = media_item("image", img, "image/png")
    item.alt_text = "A chart going up"
    result = conn.publish(tokens, Variant(text="Chart", media=[item]))
    assert isinstance(result, Published)
    [rec] = sandbox.published(P)
    [m] = rec["media"]
    assert m["id"].startswith("urn:li:image:")
    assert (m["kind"], m["size"], m["sha256"], m["alt_text"]) == (
        "image",
        len(img),
        sha256(img),
        "A chart going up",
    )


def test_publish_multi_image(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    images = [png_bytes(100 + i, 100, bytes([i])) for i in range(3)]
    media = [media_item("image", data, "image/png") for data in images]
    assert isinstance(conn.publish(tokens, Variant(text="Three", media=media)), Published)
    [rec] = sandbox.published(P)
    assert [m["sha256"] for m in rec["media"]] == [sha256(d) for d in images]
    assert "multiImage" in rec["extra"]["body"]["content"]


def test_publish_video_pending_then_published(sandbox: Sandbox) -> None:
    config(sandbox.store)["video_part_bytes"] = 32 * 1024
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    data = video_bytes()
    variant = Variant(
        text="Demo video",
        title="Product demo",
        media=[media_item("video", data, "video/mp4", 7000)],
    )
    first = conn.publish(tokens, variant)
    assert isinstance(first, Pending) and sandbox.published(P) == []
    puts = capture.find("PUT", "")
    assert [len(p.content) for p in puts] == [32768, 32768, len(data) - 65536]
    final = conn.check(tokens, first.ref)
    assert isinstance(final, Published)
    [rec] = sandbox.published(P)
    [m] = rec["media"]
    assert m["id"].startswith("urn:li:video:")
    assert (m["kind"], m["size"], m["sha256"], m["title"]) == (
        "video",
        len(data),
        sha256(data),
        "Product demo",
    )
    assert rec["text"] == "Demo video"


def test_video_processing_failure_is_rejected(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    sandbox.arm(P, "media_failure", path="finalizeUpload")  # query strings are not in the path
    sandbox.arm(P, "media_failure", path="/rest/videos/")
    first = conn.publish(
        tokens, Variant(text="v", media=[media_item("video", video_bytes(), "video/mp4")])
    )
    assert isinstance(first, Pending)
    with pytest.raises(Rejected) as err:
        conn.check(tokens, first.ref)
    assert err.value.code == "media_failed"
    assert sandbox.published(P) == []


def test_duplicate_post_is_rejected_with_linkedins_message(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    first = conn.publish(tokens, Variant(text="Same again"))
    assert isinstance(first, Published)
    with pytest.raises(Rejected) as err:
        conn.publish(tokens, Variant(text="Same again"))
    assert err.value.code == "duplicate" and err.value.status == 422
    assert f"Content is a duplicate of {first.platform_post_id}" in err.value.message


def test_emulator_validates_posts_and_versions(sandbox: Sandbox) -> None:
    _, tokens = connect(sandbox)
    url = f"{sandbox.base}/linkedin/rest/posts"
    auth = {"Authorization": f"Bearer {tokens.access_token}", "X-Restli-Protocol-Version": "2.0.0"}
    body = {
        "commentary": "x",
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED"},
        "lifecycleState": "PUBLISHED",
    }
    missing = httpx.post(url, headers={**auth, "LinkedIn-Version": version_for()}, json=body)
    assert missing.status_code == 422
    assert missing.json()["message"].startswith("ERROR :: /author :: field is required")
    no_version = httpx.post(url, headers=auth, json=body)
    assert (no_version.status_code, no_version.json()["code"]) == (400, "VERSION_MISSING")
    sunset = httpx.post(url, headers={**auth, "LinkedIn-Version": "202505"}, json=body)
    assert (sunset.status_code, sunset.json()["code"]) == (426, "NONEXISTENT_VERSION")
    next_month = version_for(datetime.now(UTC) + timedelta(days=95))  # not released yet
    future = httpx.post(url, headers={**auth, "LinkedIn-Version": next_month}, json=body)
    assert (future.status_code, future.json()["code"]) == (426, "NONEXISTENT_VERSION")


def test_a_sunset_version_steps_to_a_served_one_and_is_remembered(sandbox: Sandbox) -> None:
    # Issue 18 #5: LinkedIn answers 426 NONEXISTENT_VERSION about a year after a version's
    # month; a pinned old version must not stop publishing.
    _, tokens = connect(sandbox)
    capture = Capture()
    old = LinkedInConnector(sandbox.config(P, linkedin_version="202505"), capture.client())
    published = old.publish(tokens, Variant(text="old version, still posted"))
    assert isinstance(published, Published)
    sent = [r.headers["linkedin-version"] for r in capture.find("POST", "/rest/posts")]
    assert sent == ["202505", version_for()]
    assert old.version() == version_for()  # remembered: the next call goes straight there
    assert [r["text"] for r in sandbox.published(P)] == ["old version, still posted"]


def test_the_default_version_follows_the_date() -> None:
    assert version_for(datetime(2027, 3, 15, tzinfo=UTC)) == "202701"
    assert version_for(datetime(2027, 1, 2, tzinfo=UTC)) == "202611"
    assert version_for(datetime(2026, 2, 28, tzinfo=UTC)) == "202512"


# ---------------------------------------------------------------- faults and limits


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("rate_limit", RateLimited),
        ("server_error", Transient),
        ("expired_token", AuthExpired),
        ("revoked", Disconnected),
        ("duplicate", Rejected),
    ],
)
def test_faults_map_to_error_classes(sandbox: Sandbox, kind: str, error: type[Exception]) -> None:
    conn, tokens = connect(sandbox)
    sandbox.arm(P, kind, path="/rest/posts")
    with pytest.raises(error) as err:
        conn.publish(tokens, Variant(text=f"fault {kind}"))
    assert sandbox.published(P) == []
    if kind == "rate_limit":
        now = datetime.now(UTC)
        midnight = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
        assert err.value.reset_at == midnight  # type: ignore[attr-defined]
    if kind != "revoked":
        assert isinstance(conn.publish(tokens, Variant(text=f"after {kind}")), Published)


def test_member_daily_quota_is_429(sandbox: Sandbox) -> None:
    config(sandbox.store)["member_daily_posts"] = 2
    conn, tokens = connect(sandbox)
    conn.publish(tokens, Variant(text="one"))
    conn.publish(tokens, Variant(text="two"))
    with pytest.raises(RateLimited) as err:
        conn.publish(tokens, Variant(text="three"))
    assert err.value.reset_at.hour == 0 and err.value.reset_at > datetime.now(UTC)
    assert "Throttle limit" in err.value.message


def test_timeout_after_create_is_outcome_unknown_and_find_recent_sees_it(sandbox: Sandbox) -> None:
    conn, tokens = connect(sandbox)
    conn.publish(tokens, Variant(text="earlier"))
    for stored in sandbox.store.records[P]:
        stored.created_at -= 7200
    since = datetime.now(UTC) - timedelta(seconds=1)
    slow = LinkedInConnector(sandbox.config(P, timeout=0.4))
    sandbox.arm(P, "timeout_after_create", path="/rest/posts", seconds=1.5)
    with pytest.raises(OutcomeUnknown):
        slow.publish(tokens, Variant(text="Did (this) land?"))
    recent = conn.find_recent(tokens, since)
    [rec] = [r for r in sandbox.published(P) if r["text"] == "Did (this) land?"]
    assert [(p.platform_post_id, p.text) for p in recent] == [(rec["post_id"], "Did (this) land?")]
    assert (
        recent[0].created_at is not None
        and recent[0].url
        and recent[0].url.endswith(rec["post_id"])
    )


# ---------------------------------------------------------------- analytics


def test_follower_count_is_not_offered_for_members(sandbox: Sandbox) -> None:
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    sent = len(capture.requests)
    assert conn.follower_count(tokens) is None
    assert len(capture.requests) == sent


@pytest.mark.parametrize("legacy", [False, True])
def test_post_metrics_mapping(sandbox: Sandbox, legacy: bool) -> None:
    conn, tokens = connect(sandbox)
    post = conn.publish(tokens, Variant(text="measure me"))
    assert isinstance(post, Published)
    [rec] = sandbox.store.records[P]
    rec.created_at -= 72 * 3600
    config(sandbox.store)["legacy_metric_names"] = legacy
    [m] = conn.post_metrics(tokens, [post.platform_post_id, "urn:li:share:1234567890123456789"])
    grown = metric_growth(rec.post_id, rec.created_at)
    assert m.platform_post_id == post.platform_post_id
    assert (m.likes, m.comments) == (grown["likes"], grown["comments"])
    assert m.likes is not None and m.likes > 0
    assert (m.impressions, m.shares, m.clicks) == (None, None, None)
    assert ("totalLikes" in m.raw["likesSummary"]) is legacy


# ---------------------------------------------------------------- contract: what goes on the wire


def test_contract_oauth_requests(sandbox: Sandbox) -> None:
    capture = Capture()
    conn = LinkedInConnector(sandbox.config(P, linkedin_organizations=False), capture.client())
    url = conn.authorization_url("st", "challenge-not-sent")
    parsed = httpx.URL(url)
    assert parsed.path.endswith("/oauth/v2/authorization")
    assert "scope=openid%20profile%20w_member_social%20r_member_social" in url
    assert dict(parsed.params) == {
        "response_type": "code",
        "client_id": "sandbox-linkedin-client",
        "redirect_uri": REDIRECT_URI,
        "state": "st",
        "scope": "openid profile w_member_social r_member_social",
    }
    real = LinkedInConnector(sandbox.config(P))
    real.config.sandbox = False
    assert "r_member_social" not in real.authorization_url("s", "c")  # restricted: opt-in only
    code = query_of(consent(url))["code"]
    tokens = conn.exchange_code(code, "")
    [token] = capture.find("POST", "/oauth/v2/accessToken")
    assert token.headers["content-type"] == "application/x-www-form-urlencoded"
    assert query_of("?" + token.content.decode()) == {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": "sandbox-linkedin-client",
        "client_secret": "sandbox-linkedin-secret",
    }
    conn.identity(tokens)
    me = capture.find("GET", "/v2/userinfo")[-1]  # the exchange reads the member too
    assert me.headers["authorization"] == f"Bearer {tokens.access_token}"


def test_contract_publish_requests(sandbox: Sandbox) -> None:
    config(sandbox.store)["video_part_bytes"] = 32 * 1024
    capture = Capture()
    conn, tokens = connect(sandbox, client=capture.client())
    author = tokens.extra["person_urn"]
    img = png_bytes()
    conn.publish(tokens, Variant(text="Image (1)", media=[media_item("image", img, "image/png")]))
    data = video_bytes()
    publish_video(conn, tokens, data, "Video")
    conn.find_recent(tokens, datetime(2026, 1, 1, tzinfo=UTC))
    conn.post_metrics(
        tokens, [capture.response_for("POST", "/rest/posts")[0].headers["x-restli-id"]]
    )

    versioned = [r for r in capture.requests if "/rest/" in r.url.path]
    assert versioned
    for req in versioned:
        assert req.headers["linkedin-version"] == version_for()
        assert req.headers["x-restli-protocol-version"] == "2.0.0"
        assert req.headers["authorization"] == f"Bearer {tokens.access_token}"

    [img_init] = capture.find("POST", "/rest/images")
    assert dict(img_init.url.params) == {"action": "initializeUpload"}
    assert json.loads(img_init.content) == {"initializeUploadRequest": {"owner": author}}
    img_urn = capture.response_for("POST", "/rest/images")[0].json()["value"]["image"]

    vid_init, vid_final = capture.find("POST", "/rest/videos")
    assert json.loads(vid_init.content) == {
        "initializeUploadRequest": {
            "owner": author,
            "fileSizeBytes": len(data),
            "uploadCaptions": False,
            "uploadThumbnail": False,
        }
    }
    value = capture.response_for("POST", "/rest/videos")[0].json()["value"]
    puts = capture.find("PUT", "")
    img_upload = capture.response_for("POST", "/rest/images")[0].json()["value"]["uploadUrl"]
    video_uploads = [i["uploadUrl"] for i in value["uploadInstructions"]]
    assert [str(p.url) for p in puts] == [img_upload, *video_uploads]
    assert puts[0].content == img
    assert b"".join(p.content for p in puts[1:]) == data
    etags = [r.headers.get("etag") for r in capture.responses if r.request.method == "PUT"][1:]
    assert len(etags) == 3 and all(etags)
    assert dict(vid_final.url.params) == {"action": "finalizeUpload"}
    assert json.loads(vid_final.content) == {
        "finalizeUploadRequest": {
            "video": value["video"],
            "uploadToken": "",
            "uploadedPartIds": etags,
        }
    }
    statuses = capture.find("GET", "")
    encoded_img = img_urn.replace(":", "%3A")
    assert any(r.url.raw_path.decode().endswith(f"/rest/images/{encoded_img}") for r in statuses)

    image_post, video_post = capture.find("POST", "/rest/posts")
    assert image_post.headers["content-type"] == "application/json"
    distribution = {
        "feedDistribution": "MAIN_FEED",
        "targetEntities": [],
        "thirdPartyDistributionChannels": [],
    }
    assert json.loads(image_post.content) == {
        "author": author,
        "commentary": "Image \\(1\\)",
        "visibility": "PUBLIC",
        "distribution": distribution,
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
        "content": {"media": {"id": img_urn}},
    }
    assert json.loads(video_post.content)["content"] == {"media": {"id": value["video"]}}

    [listing] = [r for r in capture.find("GET", "/rest/posts")]
    raw_query = listing.url.query.decode()
    assert raw_query.startswith(f"q=author&author={author.replace(':', '%3A')}&count=50&start=0")
    [social] = capture.find("GET", "")[-1:]
    assert "/rest/socialActions/urn%3Ali%3Ashare%3A" in social.url.raw_path.decode()


# ---------------------------------------------------------------- Pages and comments (issue 19)


def test_the_pages_a_member_administers_are_listed_at_connect(sandbox: Sandbox) -> None:
    _, tokens = connect(sandbox, "grace_hopper")
    pages = tokens.extra["organizations"]
    assert [(p["name"], p["role"]) for p in pages] == [
        ("Grace Hopper Inc", "ADMINISTRATOR"),
        ("Grace Hopper Labs", "CONTENT_ADMINISTRATOR"),
    ]
    assert all(p["id"].startswith("urn:li:organization:") and p["vanity"] for p in pages)
    _, lonely = connect(sandbox, "noorgs")
    assert lonely.extra["organizations"] == []
    # Without the Page scopes (an app LinkedIn has not approved for them): no Pages, no error.
    conn = LinkedInConnector(sandbox.config(P, linkedin_organizations=False))
    params = query_of(consent(conn.authorization_url("s", ""), "grace_hopper"))
    assert conn.exchange_code(params["code"], "").extra["organizations"] == []


def test_a_page_posts_as_the_organisation_and_the_member_still_can(sandbox: Sandbox) -> None:
    conn, member = connect(sandbox, "grace_hopper")
    org = member.extra["organizations"][0]
    page, ident = conn.select_page(member, org["id"])
    assert ident.platform_user_id == org["id"] and ident.display_name == "Grace Hopper Inc"
    assert ident.username == "grace-hopper-inc" and (ident.follower_count or 0) > 1000
    assert page.extra["author_urn"] == org["id"]
    pic = media_item("image", png_bytes(), "image/png")
    as_page = conn.publish(page, Variant(text="News from the company #launch", media=[pic]))
    as_member = conn.publish(member, Variant(text="My own take on it"))
    assert isinstance(as_page, Published) and isinstance(as_member, Published)
    records = {r["post_id"]: r for r in sandbox.published(P)}
    assert records[as_page.platform_post_id]["extra"]["body"]["author"] == org["id"]
    assert records[as_page.platform_post_id]["user_id"] == org["id"]
    assert records[as_member.platform_post_id]["extra"]["body"]["author"] == (
        f"urn:li:person:{member.extra['member_sub']}"
    )
    # Statistics of the Page and its posts; reconciliation lists the Page's posts.
    assert conn.follower_count(page) == ident.follower_count
    assert conn.follower_count(member) is None
    (stats,) = conn.post_metrics(page, [as_page.platform_post_id])
    assert stats.impressions is not None and stats.clicks is not None and stats.likes is not None
    recent = conn.find_recent(page, datetime.now(UTC) - timedelta(minutes=5))
    assert [r.platform_post_id for r in recent] == [as_page.platform_post_id]
    back, me = conn.select_page(page, member.extra["member_sub"])
    assert me.platform_user_id == member.extra["member_sub"]
    assert back.extra["author_urn"] == f"urn:li:person:{member.extra['member_sub']}"
    with pytest.raises(Rejected, match="not an administrator"):
        conn.select_page(member, "urn:li:organization:1")


def test_posting_as_a_page_no_longer_administered_asks_to_reconnect(sandbox: Sandbox) -> None:
    conn, member = connect(sandbox, "grace_hopper")
    org = member.extra["organizations"][0]
    page, _ = conn.select_page(member, org["id"])
    roles = sandbox.store.objects[f"linkedin:orgs:{member.extra['member_sub']}"]["orgs"]
    next(r for r in roles if f"urn:li:organization:{r['id']}" == org["id"])["state"] = "REVOKED"
    with pytest.raises(Disconnected, match="no longer an administrator of the Page Grace Hopper"):
        conn.publish(page, Variant(text="Can I still post here?"))
    pic = media_item("image", png_bytes(), "image/png")
    with pytest.raises(Disconnected, match="reconnect this account"):
        conn.publish(page, Variant(text="With a picture", media=[pic]))
    assert sandbox.published(P) == []
    # The member's own profile is not affected.
    assert isinstance(conn.publish(member, Variant(text="Still me")), Published)


def test_first_comment_as_the_author_and_found_again(sandbox: Sandbox) -> None:
    conn, member = connect(sandbox, "grace_hopper")
    page, _ = conn.select_page(member, member.extra["organizations"][0]["id"])
    for tokens in (member, page):
        post = conn.publish(tokens, Variant(text=f"Post by {tokens.extra['author_urn']}"))
        assert isinstance(post, Published) and post.platform_post_id
        item = FollowUp(
            "comment", post.platform_post_id, "Links (and #tags) in here: https://x.test"
        )
        comment = conn.follow_up(tokens, item)
        assert isinstance(comment, Published) and comment.platform_post_id
        assert comment.platform_post_id.startswith("urn:li:comment:(urn:li:activity:")
        assert comment.url and comment.url.startswith(f"{sandbox.base}/linkedin/feed/update/")
        assert "commentUrn=" in comment.url
        stored = sandbox.store.objects[f"linkedin:comments:{post.platform_post_id}"]["items"]
        assert stored[-1]["actor"] == tokens.extra["author_urn"]
        assert stored[-1]["text"] == "Links (and #tags) in here: https://x.test"  # escaped well
        found = conn.find_follow_up(tokens, item)
        assert found is not None and found.platform_post_id == comment.platform_post_id
        assert conn.find_follow_up(tokens, FollowUp("comment", post.platform_post_id, "x")) is None


def test_comment_refusals(sandbox: Sandbox) -> None:
    conn, member = connect(sandbox, "grace_hopper")
    post = conn.publish(member, Variant(text="A post to comment on"))
    assert isinstance(post, Published) and post.platform_post_id
    with pytest.raises(Rejected, match="exceeded the maximum allowed length of 1250"):
        conn.follow_up(member, FollowUp("comment", post.platform_post_id, "x" * 1300))
    with pytest.raises(Rejected, match="does not exist"):
        conn.follow_up(member, FollowUp("comment", "urn:li:share:1", "nothing there"))
