"""Instagram (Graph, Facebook Login): the connector against the emulator over real HTTP."""

from __future__ import annotations

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
from socialflow.platforms.instagram import InstagramConnector, map_media_metrics
from socialflow.sandbox.core import metric_growth
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

IG = "instagram"


def _form(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


def _query(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(str(request.url)).query).items()}


def _until_done(
    connector: InstagramConnector, tokens: TokenSet, first: Published | Pending
) -> Published:
    result = first
    for _ in range(10):
        if isinstance(result, Published):
            return result
        result = connector.check(tokens, result.ref)
    raise AssertionError("container never finished")


# ---------------------------------------------------------------------- OAuth


def test_oauth_consent_exchange_and_identity(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(IG)
    answer = consent(sandbox, connector, "state-ig", "approve", "carla_creates")
    assert answer.location.startswith(REDIRECT_URI + "?")
    assert answer.params["state"] == "state-ig"
    tokens = connector.exchange_code(answer.params["code"], "ignored")
    assert tokens.refresh_token is None
    assert tokens.expires_at is not None
    lifetime = tokens.expires_at - datetime.now(UTC)
    assert timedelta(days=59) < lifetime <= timedelta(seconds=5183944)
    persona = sandbox.store.user(IG, "carla_creates")
    assert tokens.extra["ig_user_id"] == persona.id

    who = connector.identity(tokens)
    assert who.platform_user_id == persona.id
    assert who.username == "carla_creates"
    assert who.display_name == "Carla Creates"
    assert who.avatar_url and who.avatar_url.startswith("https://")
    assert who.follower_count == persona.followers()
    assert who.extra["ig_user_id"] == persona.id
    assert who.extra["page_id"] == tokens.extra["page_id"]


def test_deny_redirects_with_error_params(sandbox: MetaSandbox) -> None:
    answer = consent(sandbox, sandbox.connector(IG), "s-deny", "deny", "carla_creates")
    assert answer.params["error"] == "access_denied"
    assert answer.params["error_reason"] == "user_denied"
    assert answer.params["state"] == "s-deny"
    assert "code" not in answer.params


def test_code_is_single_use(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(IG)
    code = consent(sandbox, connector, "s", "approve", "carla_creates").params["code"]
    connector.exchange_code(code, "")
    with pytest.raises(Rejected) as err:
        connector.exchange_code(code, "")
    assert err.value.code == "100/36009"


@pytest.mark.parametrize("username", ["nobiz", "nopages"])
def test_accounts_without_a_linked_professional_account(
    sandbox: MetaSandbox, username: str
) -> None:
    with pytest.raises(Rejected) as err:
        connect(sandbox, IG, username)
    assert err.value.code == "no_business_account"


def test_refresh_reexchanges_and_dies_with_the_token(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    renewed = connector.refresh(tokens)
    assert renewed.access_token != tokens.access_token
    assert renewed.expires_at and tokens.expires_at and renewed.expires_at >= tokens.expires_at
    assert renewed.extra["ig_user_id"] == tokens.extra["ig_user_id"]
    assert connector.identity(renewed).username == "carla_creates"

    claims = {"un": "carla_creates", "sc": list(InstagramConnector.scopes), "ll": True}
    dead = sandbox.store.issue(IG, "user", "1", -60, **claims)
    with pytest.raises(Disconnected):
        connector.refresh(TokenSet(access_token=dead, extra=dict(tokens.extra)))


def test_revocation_of_the_instagram_account_disconnects(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    httpx.post(
        f"{sandbox.base}/_admin/revoke",
        params={"platform": IG, "user_id": tokens.extra["ig_user_id"]},
    )
    with pytest.raises(Disconnected) as err:
        connector.publish(tokens, Variant(text="x", media=[image(sandbox)]))
    assert err.value.code == "190/458"
    with pytest.raises(Disconnected):
        connector.refresh(tokens)


def test_revoke_deauthorizes(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    connector.revoke(tokens)
    with pytest.raises(Disconnected):
        connector.follower_count(tokens)


# ---------------------------------------------------------------------- publishing


def test_publish_single_image_at_once(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    caption = "Sunset 🌅 #travel @friend"
    result = connector.publish(
        tokens, Variant(text=caption, media=[image(sandbox, alt="orange sky")])
    )
    assert isinstance(result, Published)
    assert result.url and result.url.startswith("https://www.instagram.com/p/")
    assert result.platform_post_id not in result.url  # the media id is not the shortcode
    record = sandbox.published(IG)[-1]
    assert record["post_id"] == result.platform_post_id
    assert record["user_id"] == tokens.extra["ig_user_id"]
    assert record["text"] == caption
    assert [(m["kind"], m["url"]) for m in record["media"]] == [
        ("image", sandbox.media_url("photo.jpg"))
    ]
    assert record["media"][0]["size"] > 2000  # fetched from our URL by the emulator
    assert record["extra"]["media_type"] == "IMAGE"


def test_publish_reel_pending_then_published(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    first = connector.publish(tokens, Variant(text="my reel", media=[video(sandbox)]))
    assert isinstance(first, Pending)
    assert first.ref["ig_user_id"] == tokens.extra["ig_user_id"]
    assert sandbox.published(IG) == []
    done = connector.check(tokens, first.ref)
    assert isinstance(done, Published)
    assert done.url and done.url.startswith("https://www.instagram.com/reel/")
    record = sandbox.published(IG)[-1]
    assert record["text"] == "my reel"
    assert record["media"][0]["kind"] == "video"
    assert record["media"][0]["url"] == sandbox.media_url("clip.mp4")
    assert record["extra"]["media_product_type"] == "REELS"


def test_account_linked_to_a_business_page_can_be_connected(sandbox: MetaSandbox) -> None:
    # Issue 18 #10: the Page linked to this Instagram account is managed via a business only.
    connector, tokens = connect(sandbox, IG, "agency_ig")
    assert tokens.extra["username"] == "agency_ig"
    assert connector.identity(tokens).username == "agency_ig"


def test_publish_carousel_of_image_and_video(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    media = [image(sandbox), video(sandbox), image(sandbox, "photo2.jpg")]
    result = _until_done(
        connector, tokens, connector.publish(tokens, Variant(text="album", media=media))
    )
    record = sandbox.published(IG)[-1]
    assert record["post_id"] == result.platform_post_id
    assert record["text"] == "album"
    assert [m["kind"] for m in record["media"]] == ["image", "video", "image"]
    assert [m["url"] for m in record["media"]] == [m.url for m in media]
    assert record["extra"]["media_type"] == "CAROUSEL_ALBUM"


def test_carousel_waits_for_its_video_child_before_the_parent(sandbox: MetaSandbox) -> None:
    # Issue 18 #8: Meta refuses a carousel whose children are not FINISHED yet.
    connector, tokens = connect(sandbox, IG, "carla_creates")
    ig = tokens.extra["ig_user_id"]
    child = httpx.post(
        f"{sandbox.base}/{IG}/{GRAPH_VERSION}/{ig}/media",
        data={
            "media_type": "VIDEO",
            "video_url": video(sandbox).url,
            "is_carousel_item": "true",
            "access_token": tokens.access_token,
        },
    ).json()["id"]
    other = httpx.post(
        f"{sandbox.base}/{IG}/{GRAPH_VERSION}/{ig}/media",
        data={
            "image_url": image(sandbox).url,
            "is_carousel_item": "true",
            "access_token": tokens.access_token,
        },
    ).json()["id"]
    early = httpx.post(
        f"{sandbox.base}/{IG}/{GRAPH_VERSION}/{ig}/media",
        data={
            "media_type": "CAROUSEL",
            "children": f"{other},{child}",
            "access_token": tokens.access_token,
        },
    )
    assert early.status_code == 400
    assert early.json()["error"]["error_subcode"] == 2207027

    first = connector.publish(
        tokens, Variant(text="wait for it", media=[image(sandbox), video(sandbox)])
    )
    assert isinstance(first, Pending) and "children" in first.ref  # no parent yet
    done = _until_done(connector, tokens, first)
    assert sandbox.published(IG)[-1]["post_id"] == done.platform_post_id


def test_media_failure_ends_the_container_in_error(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    sandbox.arm(IG, "media_failure", path="/media")
    with pytest.raises(Rejected) as err:
        _until_done(
            connector, tokens, connector.publish(tokens, Variant(text="x", media=[video(sandbox)]))
        )
    assert err.value.code == "container_error"
    assert "2207053" in err.value.message
    assert sandbox.published(IG) == []


def test_video_url_that_is_not_a_video_fails_processing(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    item = video(sandbox, "notavideo.mp4")
    with pytest.raises(Rejected, match="2207026"):
        _until_done(connector, tokens, connector.publish(tokens, Variant(text="x", media=[item])))


@pytest.mark.parametrize(
    ("name", "code"),
    [("missing.jpg", "9004/2207052"), ("photo.png", "9004/2207005"), ("big.jpg", "36000/2207004")],
)
def test_image_fetch_problems_are_rejected(sandbox: MetaSandbox, name: str, code: str) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    with pytest.raises(Rejected) as err:
        connector.publish(tokens, Variant(text="x", media=[image(sandbox, name)]))
    assert err.value.code == code


def test_unreachable_host_fails_the_fetch(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    item = image(sandbox)
    item.url = "http://127.0.0.1:9/nothing-listens-here.jpg"
    with pytest.raises(Rejected) as err:
        connector.publish(tokens, Variant(text="x", media=[item]))
    assert err.value.code == "9004/2207052"


def test_expired_container_is_rejected(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    pending = connector.publish(tokens, Variant(text="slow", media=[video(sandbox)]))
    assert isinstance(pending, Pending)
    sandbox.store.objects[f"ig:{pending.ref['container_id']}"]["created"] -= 25 * 3600
    with pytest.raises(Rejected) as err:
        connector.check(tokens, pending.ref)
    assert err.value.code == "container_expired"


def test_media_is_required(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    with pytest.raises(Rejected, match="photo or a video"):
        connector.publish(tokens, Variant(text="just words"))


def test_publishing_quota_is_enforced(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    sandbox.store.objects["instagram:config"] = {"quota_total": 1}
    connector.publish(tokens, Variant(text="first", media=[image(sandbox)]))
    assert connector.publishing_quota(tokens) == (1, 1)
    with pytest.raises(RateLimited) as err:
        connector.publish(tokens, Variant(text="second", media=[image(sandbox)]))
    assert err.value.code == "9/2207042"
    assert err.value.reset_at > datetime.now(UTC) + timedelta(minutes=30)


# ---------------------------------------------------------------------- faults


def test_rate_limit_reset_from_business_use_case_header(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    sandbox.arm(IG, "rate_limit", path="/media", seconds=180)
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as err:
        connector.publish(tokens, Variant(text="x", media=[image(sandbox)]))
    assert err.value.code == "80002"
    expected = before + timedelta(minutes=3)
    assert expected - timedelta(seconds=5) <= err.value.reset_at <= expected + timedelta(seconds=5)


@pytest.mark.parametrize(
    ("kind", "error", "code"),
    [
        ("server_error", Transient, "2"),
        ("expired_token", AuthExpired, "190/463"),
        ("revoked", Disconnected, "190/458"),
        ("duplicate", Rejected, "368/2207051"),
    ],
)
def test_fault_kinds_on_media_publish(
    sandbox: MetaSandbox, kind: str, error: type[Exception], code: str
) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    sandbox.arm(IG, kind, path="/media_publish")
    with pytest.raises(error) as err:
        connector.publish(tokens, Variant(text=f"fault {kind}", media=[image(sandbox)]))
    assert getattr(err.value, "code", None) == code
    assert sandbox.published(IG) == []


def test_timeout_after_publish_then_find_recent_finds_it(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    slow = sandbox.connector(IG, timeout=0.5)
    since = datetime.now(UTC) - timedelta(seconds=2)
    sandbox.arm(IG, "timeout_after_create", path="/media_publish", seconds=1.5)
    with pytest.raises(OutcomeUnknown):
        slow.publish(tokens, Variant(text="landed?", media=[image(sandbox)]))
    found = slow.find_recent(tokens, since)
    assert [p.text for p in found] == ["landed?"]
    assert found[0].platform_post_id == sandbox.published(IG)[-1]["post_id"]
    assert found[0].url and found[0].url.startswith("https://www.instagram.com/p/")
    # Checking the container again must not publish twice.
    container_id = sandbox.published(IG)[-1]["extra"]["container_id"]
    with pytest.raises(OutcomeUnknown):
        slow.check(tokens, {"ig_user_id": tokens.extra["ig_user_id"], "container_id": container_id})
    assert len(sandbox.published(IG)) == 1


# ---------------------------------------------------------------------- analytics


def test_follower_count_grows_over_time(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    persona = sandbox.store.user(IG, "carla_creates")
    persona.created_at = time.time()
    now_count = connector.follower_count(tokens)
    persona.created_at -= 24 * 3600
    later = connector.follower_count(tokens)
    assert now_count is not None and later == now_count + 72


def test_post_metrics_use_views(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    post = connector.publish(tokens, Variant(text="count me", media=[image(sandbox)]))
    assert isinstance(post, Published)
    stored = sandbox.store.objects[f"ig:{post.platform_post_id}"]
    stored["created"] -= 72 * 3600
    expected = metric_growth(post.platform_post_id, stored["created"])
    (metrics,) = connector.post_metrics(tokens, [post.platform_post_id])
    assert metrics.impressions == expected["impressions"] == metrics.raw["views"]
    assert metrics.likes == expected["likes"]
    assert metrics.comments == expected["comments"]
    assert metrics.shares == expected["shares"]
    assert metrics.clicks is None  # Instagram exposes no link clicks
    assert metrics.raw["saved"] == expected["likes"] // 4


def test_post_metrics_fall_back_to_renamed_metrics(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    post = connector.publish(tokens, Variant(text="legacy", media=[image(sandbox)]))
    assert isinstance(post, Published)
    sandbox.store.objects["instagram:config"] = {"legacy_metrics": True}
    (metrics,) = connector.post_metrics(tokens, [post.platform_post_id])
    assert "impressions" in metrics.raw and "views" not in metrics.raw
    assert metrics.impressions == metrics.raw["impressions"]


def test_metric_mapping_accepts_old_names_and_empty_sets() -> None:
    old = [
        {"name": "plays", "values": [{"value": 40}]},
        {"name": "likes", "values": [{"value": 5}]},
        {"name": "comments", "total_value": {"value": 2}},
    ]
    metrics = map_media_metrics("m1", old)
    assert (metrics.impressions, metrics.likes, metrics.comments, metrics.shares) == (
        40,
        5,
        2,
        None,
    )
    empty = map_media_metrics("m2", [])
    assert (empty.impressions, empty.likes) == (None, None)  # no data is not zero


def test_emulator_refuses_deprecated_metrics(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    post = connector.publish(tokens, Variant(text="m", media=[image(sandbox)]))
    assert isinstance(post, Published)
    answer = httpx.get(
        f"{sandbox.base}/instagram/{GRAPH_VERSION}/{post.platform_post_id}/insights",
        params={"metric": "impressions,likes"},
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == 100
    assert "no longer supported" in answer.json()["error"]["message"]


# ---------------------------------------------------------------------- emulator strictness


def test_emulator_validates_container_requests(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    ig = tokens.extra["ig_user_id"]
    url = f"{sandbox.base}/instagram/{GRAPH_VERSION}/{ig}/media"
    auth = {"Authorization": f"Bearer {tokens.access_token}"}

    def error(data: dict[str, str]) -> dict[str, object]:
        answer = httpx.post(url, data=data, headers=auth)
        assert answer.status_code == 400, answer.text
        result: dict[str, object] = answer.json()["error"]
        return result

    clip = sandbox.media_url("clip.mp4")
    assert error({"media_type": "VIDEO", "video_url": clip})["error_subcode"] == 2207023
    assert error({"image_url": sandbox.media_url("photo.jpg"), "filter": "sepia"})["code"] == 100
    assert (
        error({"caption": "x" * 2201, "image_url": sandbox.media_url("photo.jpg")})["error_subcode"]
        == 2207010
    )
    assert error({"media_type": "CAROUSEL", "children": "1"})["error_subcode"] == 2207028
    assert error({"media_type": "REELS"})["code"] == 100

    pending = httpx.post(url, data={"media_type": "REELS", "video_url": clip}, headers=auth).json()[
        "id"
    ]
    not_ready = httpx.post(f"{url}_publish", data={"creation_id": pending}, headers=auth)
    assert not_ready.status_code == 400
    assert (not_ready.json()["error"]["code"], not_ready.json()["error"]["error_subcode"]) == (
        9007,
        2207027,
    )


# ---------------------------------------------------------------------- contract


def test_contract_authorize_url_and_exchange(sandbox: MetaSandbox) -> None:
    connector = sandbox.connector(IG, capture=True)
    url = connector.authorization_url("st", "challenge")
    parts = urlsplit(url)
    assert parts.path == f"/instagram/{GRAPH_VERSION}/dialog/oauth"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    scopes = query["scope"].split(",")
    for scope in (
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_insights",
        "pages_show_list",
    ):
        assert scope in scopes
    assert not any(s.startswith("instagram_business_") for s in scopes)  # that is the IG-Login path
    assert "code_challenge" not in query
    code = consent(sandbox, connector, "st", "approve", "carla_creates").params["code"]
    sandbox.captured.clear()
    connector.exchange_code(code, "")
    token_calls = [r for r in sandbox.captured if r.url.path.endswith("/oauth/access_token")]
    assert [r.method for r in token_calls] == ["GET", "GET"]
    assert _query(token_calls[0])["code"] == code
    assert _query(token_calls[0])["redirect_uri"] == REDIRECT_URI
    assert _query(token_calls[1])["grant_type"] == "fb_exchange_token"
    accounts = next(r for r in sandbox.captured if r.url.path.endswith("/me/accounts"))
    assert "instagram_business_account" in _query(accounts)["fields"]


def test_contract_image_flow(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    connector = sandbox.connector(IG, capture=True)
    item = image(sandbox, alt="alt words")
    result = connector.publish(tokens, Variant(text="cap", media=[item]))
    assert isinstance(result, Published)
    ig = tokens.extra["ig_user_id"]
    create, status, publish, permalink = sandbox.captured
    v = GRAPH_VERSION
    assert (create.method, create.url.path) == ("POST", f"/instagram/{v}/{ig}/media")
    assert create.headers["authorization"] == f"Bearer {tokens.access_token}"
    assert _form(create) == {"image_url": item.url, "alt_text": "alt words", "caption": "cap"}
    container_id = sandbox.store.objects[f"ig:{result.platform_post_id}"]["container_id"]
    assert (status.method, status.url.path) == ("GET", f"/instagram/{v}/{container_id}")
    assert "status_code" in _query(status)["fields"].split(",")
    assert (publish.method, publish.url.path) == ("POST", f"/instagram/{v}/{ig}/media_publish")
    assert _form(publish) == {"creation_id": container_id}
    assert (permalink.method, permalink.url.path) == (
        "GET",
        f"/instagram/{v}/{result.platform_post_id}",
    )
    assert _query(permalink)["fields"] == "permalink"
    assert all("access_token" not in _query(r) for r in sandbox.captured)


def test_contract_reel_and_carousel_containers(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    connector = sandbox.connector(IG, capture=True)
    clip = video(sandbox)
    connector.publish(tokens, Variant(text="reel", media=[clip]))
    assert _form(sandbox.captured[0]) == {
        "media_type": "REELS",
        "video_url": clip.url,
        "caption": "reel",
    }
    sandbox.captured.clear()
    pic = image(sandbox)
    _until_done(
        connector, tokens, connector.publish(tokens, Variant(text="carousel", media=[pic, clip]))
    )
    creates = [
        _form(r) for r in sandbox.captured if r.method == "POST" and r.url.path.endswith("/media")
    ]
    assert creates[0] == {"image_url": pic.url, "is_carousel_item": "true"}
    assert creates[1] == {"media_type": "VIDEO", "video_url": clip.url, "is_carousel_item": "true"}
    assert creates[2]["media_type"] == "CAROUSEL"
    assert creates[2]["caption"] == "carousel"
    assert len(creates[2]["children"].split(",")) == 2


def test_contract_reads(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    connector = sandbox.connector(IG, capture=True)
    ig = tokens.extra["ig_user_id"]
    since = datetime(2026, 1, 1, tzinfo=UTC)
    connector.find_recent(tokens, since)
    connector.follower_count(tokens)
    connector.post_metrics(tokens, ["17900000000000000"])
    connector.publishing_quota(tokens)
    calls = [(r.method, r.url.path, _query(r)) for r in sandbox.captured]
    v = GRAPH_VERSION
    assert calls[0][1] == f"/instagram/{v}/{ig}/media"
    assert calls[0][2]["since"] == str(int(since.timestamp()))
    assert set(calls[0][2]["fields"].split(",")) >= {"id", "caption", "timestamp", "permalink"}
    assert calls[1][1:] == (f"/instagram/{v}/{ig}", calls[1][2])
    assert calls[1][2]["fields"] == "followers_count"
    assert calls[2][1] == f"/instagram/{v}/17900000000000000/insights"
    metrics = calls[2][2]["metric"].split(",")
    assert "views" in metrics and not {"impressions", "plays", "video_views"} & set(metrics)
    assert calls[-1][1] == f"/instagram/{v}/{ig}/content_publishing_limit"
    assert calls[-1][2]["fields"] == "config,quota_usage"


# ---------------------------------------------------------------------- Reels, Stories, comments


def test_reel_with_cover_and_share_to_feed(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    connector = sandbox.connector(IG, capture=True)
    clip, cover = video(sandbox), image(sandbox)
    variant = Variant(
        text="my reel",
        media=[clip],
        options={"media_type": "reel", "share_to_feed": False, "thumb_offset_ms": 1500},
        attachments={"cover": cover},
    )
    done = _until_done(connector, tokens, connector.publish(tokens, variant))
    assert done.url and done.url.startswith("https://www.instagram.com/reel/")
    assert _form(sandbox.captured[0]) == {
        "media_type": "REELS",
        "video_url": clip.url,
        "caption": "my reel",
        "share_to_feed": "false",
        "cover_url": cover.url,  # an image cover wins over a frame of the video
    }
    record = sandbox.published(IG)[-1]
    assert record["extra"]["cover_url"] == cover.url
    sandbox.captured.clear()
    variant.attachments = {}
    _until_done(connector, tokens, connector.publish(tokens, variant))
    assert _form(sandbox.captured[0])["thumb_offset"] == "1500"


def test_story_is_one_item_without_a_caption(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    connector = sandbox.connector(IG, capture=True)
    pic = image(sandbox)
    story = Variant(text="not shown on a story", media=[pic], options={"media_type": "story"})
    done = _until_done(connector, tokens, connector.publish(tokens, story))
    assert _form(sandbox.captured[0]) == {"media_type": "STORIES", "image_url": pic.url}
    assert done.url == (f"https://www.instagram.com/stories/carla_creates/{done.platform_post_id}/")
    assert sandbox.published(IG)[-1]["extra"]["media_product_type"] == "STORY"
    clip_story = Variant(text="", media=[video(sandbox)], options={"media_type": "story"})
    assert isinstance(connector.publish(tokens, clip_story), Pending)  # videos process first
    with pytest.raises(Rejected, match="one image or one video"):
        connector.publish(tokens, Variant(text="", media=[pic, pic], options=story.options))


def test_emulator_takes_reel_settings_on_reels_only(sandbox: MetaSandbox) -> None:
    _, tokens = connect(sandbox, IG, "carla_creates")
    ig = tokens.extra["ig_user_id"]
    r = httpx.post(
        f"{sandbox.base}/instagram/{GRAPH_VERSION}/{ig}/media",
        data={
            "media_type": "STORIES",
            "image_url": sandbox.media_url("photo.jpg"),
            "share_to_feed": "true",
        },
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert r.status_code == 400
    assert "share_to_feed is only supported for REELS" in r.json()["error"]["message"]
    r = httpx.post(
        f"{sandbox.base}/instagram/{GRAPH_VERSION}/{ig}/media",
        data={
            "media_type": "REELS",
            "video_url": sandbox.media_url("clip.mp4"),
            "cover_url": sandbox.media_url("photo.png"),
        },
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert r.status_code == 400 and r.json()["error"]["error_subcode"] == 2207005


def test_first_comment_under_the_post_and_found_again(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    post = connector.publish(tokens, Variant(text="a photo", media=[image(sandbox)]))
    assert isinstance(post, Published) and post.platform_post_id
    item = FollowUp("comment", post.platform_post_id, "#tags #in #the #comment")
    comment = connector.follow_up(tokens, item)
    assert isinstance(comment, Published) and comment.platform_post_id
    assert comment.url == post.url  # Instagram comments have no link of their own
    found = connector.find_follow_up(tokens, item)
    assert found is not None and found.platform_post_id == comment.platform_post_id
    assert (
        connector.find_follow_up(tokens, FollowUp("comment", post.platform_post_id, "no")) is None
    )
    assert len(sandbox.published(IG)) == 1  # a comment is not a post


def test_comment_refusals(sandbox: MetaSandbox) -> None:
    connector, tokens = connect(sandbox, IG, "carla_creates")
    story = _until_done(
        connector,
        tokens,
        connector.publish(
            tokens, Variant(text="", media=[image(sandbox)], options={"media_type": "story"})
        ),
    )
    assert story.platform_post_id
    with pytest.raises(Rejected, match="not supported on stories"):
        connector.follow_up(tokens, FollowUp("comment", story.platform_post_id, "hi"))
    post = connector.publish(tokens, Variant(text="photo", media=[image(sandbox)]))
    assert isinstance(post, Published) and post.platform_post_id
    sandbox.fault(IG, "duplicate", path="/comments")
    with pytest.raises(Rejected, match="restrict certain activity"):
        connector.follow_up(tokens, FollowUp("comment", post.platform_post_id, "spam?"))
    # An account connected before comments were asked for: told to reconnect.
    narrow = sandbox.connector(IG)
    narrow.scopes = tuple(x for x in narrow.scopes if x != "instagram_manage_comments")
    old_tokens = sandbox.connect(narrow, "carla_creates")
    with pytest.raises(Rejected, match="reconnect it on the Platforms page"):
        narrow.follow_up(old_tokens, FollowUp("comment", post.platform_post_id, "hi"))
