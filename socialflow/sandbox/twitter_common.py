"""Constants, response shapes and per-request checks shared by the twitter emulator's modules."""

from __future__ import annotations

import html
import re
import time
import unicodedata
from datetime import UTC, datetime
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    Fault,
    Record,
    SandboxStore,
    apply_latency,
    metric_growth,
)

PLATFORM = "twitter"
CLIENT_ID = "sandbox-twitter-client"
CLIENT_SECRET = "sandbox-twitter-secret"  # noqa: S105 - the sandbox app's public secret
ACCESS_TTL = 7200
REFRESH_TTL = 180 * 86400  # X documents no fixed lifetime; they die on use (rotation) or revoke
CODE_TTL = 30  # "the auth code must be exchanged within 30 seconds"
WINDOW = 15 * 60
PROBLEM = "https://api.x.com/2/problems/"
KNOWN_SCOPES = {
    "tweet.read", "tweet.write", "tweet.moderate.write", "users.read", "users.email",
    "follows.read", "follows.write", "offline.access", "space.read", "mute.read", "mute.write",
    "like.read", "like.write", "list.read", "list.write", "block.read", "block.write",
    "bookmark.read", "bookmark.write", "media.write", "dm.read", "dm.write",
}  # fmt: skip
USER_FIELDS = {
    "affiliation", "confirmed_email", "connection_status", "created_at", "description",
    "entities", "id", "is_identity_verified", "location", "most_recent_post_id",
    "most_recent_tweet_id", "name", "parody", "pinned_post_id", "pinned_tweet_id",
    "profile_banner_url", "profile_image_url",
    "protected", "public_metrics", "receives_your_dm", "subscribes_to_you", "subscription",
    "subscription_type", "url", "username", "verified", "verified_followers_count",
    "verified_type", "withheld",
}  # fmt: skip
TWEET_FIELDS = {
    "article", "attachments", "author_id", "card_uri", "community_id", "context_annotations",
    "conversation_id", "created_at", "display_text_range", "edit_controls",
    "edit_history_tweet_ids", "edit_history_post_ids", "entities", "geo", "id",
    "in_reply_to_user_id", "lang", "media_metadata", "non_public_metrics", "note_tweet",
    "organic_metrics", "possibly_sensitive", "promoted_metrics", "public_metrics",
    "referenced_tweets", "referenced_posts", "reply_settings", "scopes", "source", "text",
    "withheld",
}  # fmt: skip
CREATE_FIELDS = {
    "card_uri", "community_id", "direct_message_deep_link", "edit_options",
    "for_super_followers_only", "geo", "made_with_ai", "media", "nullcast", "paid_partnership",
    "poll", "quote_tweet_id", "reply", "reply_settings", "share_with_followers", "text",
}  # fmt: skip
MEDIA_FIELDS = {
    "call_to_actions", "description", "embeddable", "media_ids", "preview_media_id",
    "tagged_user_ids", "title",
}  # fmt: skip
REPLY_FIELDS = {"in_reply_to_tweet_id", "exclude_reply_user_ids", "auto_populate_reply_metadata"}
NOT_IN_SCHEMA = ": is not defined in the schema and the schema does not allow additional properties"
DUPLICATE_DETAIL = "You are not allowed to create a Tweet with duplicate content."
NUMERIC_ID = re.compile(r"^[0-9]{1,19}$")
URL_RE = re.compile(r"https?://[^\s]+", re.IGNORECASE)

DEFAULTS: dict[str, Any] = {
    "max_weighted_length": 280,  # 25,000 for Premium accounts
    "post_per_15min": 100,  # POST /2/tweets per user per 15-minute window
    "user_post_cap_24h": 2400,  # x-user-limit-24hour-limit (free tiers see far less)
    "app_post_cap_24h": 10000,
    "legacy_metric_names": False,  # True: retweet_count / tweet_count instead of the v2.167 names
    "processing_polls": 2,  # STATUS polls before a video/GIF is processed
    "check_after_secs": 1,
    "duplicate_window_secs": 24 * 3600,
}


def config(store: SandboxStore) -> dict[str, Any]:
    """The emulator's tunables, created with defaults on first use."""
    with store.lock:
        cfg: dict[str, Any] = store.objects.setdefault("twitter:config", dict(DEFAULTS))
        return cfg


# ---------------------------------------------------------------- response shapes


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    kind: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """An RFC 7807 body the way X sends it (`about:blank` for generic errors)."""
    body: dict[str, Any] = {
        "title": title,
        "detail": detail,
        "type": PROBLEM + kind if kind else "about:blank",
    }
    body.update(extra)
    body["status"] = status
    return JSONResponse(body, status, headers=headers, media_type="application/problem+json")


def invalid_request(*messages: str, parameters: dict[str, Any] | None = None) -> JSONResponse:
    """400 with X's invalid-request problem and the per-parameter messages."""
    errors = [
        {"parameters": parameters or {}, "message": m} if parameters else {"message": m}
        for m in messages
    ]
    return problem(
        400,
        "Invalid Request",
        "One or more parameters to your request was invalid.",
        kind="invalid-request",
        errors=errors,
    )


def unauthorized() -> JSONResponse:
    return problem(401, "Unauthorized", "Unauthorized")


def iso(ts: float) -> str:
    """X's timestamp format: 2026-01-02T03:04:05.000Z."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_iso(value: str) -> float | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def weighted_length(text: str) -> int:
    """twitter-text v3 weighting: URLs 23, listed ranges 1, other code points 2."""
    text = unicodedata.normalize("NFC", text)
    total = 23 * len(URL_RE.findall(text))
    rest = URL_RE.sub("", text)
    for ch in rest:
        cp = ord(ch)
        # Joiners, variation selectors and skin tones ride on the emoji before them.
        if cp in (0x200D, 0xFE0F) or 0x1F3FB <= cp <= 0x1F3FF:
            continue
        light = cp <= 4351 or 8192 <= cp <= 8205 or 8208 <= cp <= 8223 or 8242 <= cp <= 8247
        total += 1 if light else 2
    return total


# ---------------------------------------------------------------- tokens and limits


def bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    return value[7:].strip() if value.lower().startswith("bearer ") else None


def grant_dead(store: SandboxStore, claims: dict[str, Any]) -> bool:
    """Revoked by the user (admin revoke / fault), by /2/oauth2/revoke, or before a re-consent."""
    sub = claims["s"]
    with store.lock:
        before = store.objects.get("twitter:revoked_before", {}).get(sub, 0.0)
        dead_grants: dict[str, Any] = store.objects.get("twitter:revoked_grants", {})
        return (
            store.is_revoked(PLATFORM, sub)
            or claims.get("iat", 0) <= before
            or claims.get("g") in dead_grants
        )


def limit(
    store: SandboxStore, key: str, cap: int, window: int = WINDOW
) -> tuple[bool, dict[str, str]]:
    """Count one call in a fixed window; (allowed, x-rate-limit-* headers)."""
    now = time.time()
    with store.lock:
        windows = store.objects.setdefault("twitter:windows", {})
        start, count = windows.get(key, (now, 0))
        if now - start >= window:
            start, count = now, 0
        allowed = count < cap
        if allowed:
            count += 1
        windows[key] = (start, count)
    return allowed, {
        "x-rate-limit-limit": str(cap),
        "x-rate-limit-remaining": str(max(0, cap - count)),
        "x-rate-limit-reset": str(int(start + window)),
    }


def too_many(headers: dict[str, str]) -> JSONResponse:
    return problem(429, "Too Many Requests", "Too Many Requests", headers=headers)


def fault_response(store: SandboxStore, fault: Fault, claims: dict[str, Any] | None) -> Response:
    """Render a generic armed fault in X's real shapes."""
    if fault.kind == "rate_limit":
        reset = int(time.time() + (fault.seconds or WINDOW))
        headers = {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0"}
        return too_many({**headers, "x-rate-limit-reset": str(reset)})
    if fault.kind == "server_error":
        return problem(503, "Service Unavailable", "Service Unavailable")
    if fault.kind == "revoked" and claims:
        # The user removed the app under "Connected apps": every token of theirs dies.
        store.revoke(PLATFORM, claims["s"])
    return unauthorized()


class Api:
    """Per-request checks shared by the API routes: latency, faults, token, scopes, rate limit."""

    def __init__(self, store: SandboxStore, settings: Settings):
        self.store = store
        self.settings = settings

    async def enter(
        self, request: Request, scopes: set[str], bucket: str, cap: int
    ) -> tuple[dict[str, Any] | None, Response | None, dict[str, str]]:
        """(claims, error response, rate-limit headers) for an API call."""
        path = request.url.path
        await apply_latency(self.store, PLATFORM, path, self.settings.sandbox_latency_ms)
        claims = self.store.verify(PLATFORM, "access", bearer(request))
        fault = self.store.take_fault(
            PLATFORM, path, {"rate_limit", "server_error", "expired_token", "revoked"}
        )
        if fault:
            return None, fault_response(self.store, fault, claims), {}
        if claims is None or grant_dead(self.store, claims):
            return None, unauthorized(), {}
        missing = scopes - set(str(claims.get("scope", "")).split())
        if missing:
            detail = "Missing required OAuth 2.0 scopes: " + " ".join(sorted(missing))
            return None, problem(403, "Forbidden", detail), {}
        allowed, headers = limit(self.store, f"{claims['s']}:{bucket}", cap)
        if not allowed:
            return None, too_many(headers), headers
        return claims, None, headers


# ---------------------------------------------------------------- payload rendering


def post_json(store: SandboxStore, rec: Record, fields: set[str], viewer: str) -> dict[str, Any]:
    """A Post object with the requested tweet.fields."""
    out: dict[str, Any] = {
        "id": rec.post_id,
        "text": rec.text,
        "edit_history_post_ids": [rec.post_id],
    }
    if "created_at" in fields:
        out["created_at"] = iso(rec.created_at)
    if "author_id" in fields:
        out["author_id"] = rec.user_id
    if "conversation_id" in fields:
        out["conversation_id"] = rec.extra.get("conversation_id", rec.post_id)
    parent = rec.extra.get("in_reply_to")
    for name in ("referenced_tweets", "referenced_posts"):  # v2.167 renames it; both work
        if parent and name in fields:
            out[name] = [{"type": "replied_to", "id": parent}]
    if parent and "in_reply_to_user_id" in fields:
        out["in_reply_to_user_id"] = rec.extra.get("in_reply_to_user_id")
    if "attachments" in fields and rec.media:
        out["attachments"] = {"media_keys": [m["media_key"] for m in rec.media]}
    grown = metric_growth(rec.post_id, rec.created_at)
    if "public_metrics" in fields:
        legacy = config(store)["legacy_metric_names"]
        out["public_metrics"] = {
            "retweet_count" if legacy else "repost_count": grown["shares"],
            "reply_count": grown["comments"],
            "like_count": grown["likes"],
            "quote_count": grown["shares"] // 3,
            "bookmark_count": grown["likes"] // 5,
            "impression_count": grown["impressions"],
        }
    # Non-public metrics: the author's own token, posts at most 30 days old.
    recent = time.time() - rec.created_at <= 30 * 86400
    if "non_public_metrics" in fields and viewer == rec.user_id and recent:
        out["non_public_metrics"] = {
            "impression_count": grown["impressions"],
            "url_link_clicks": grown["clicks"],
            "user_profile_clicks": grown["clicks"] // 3,
            "engagements": grown["likes"] + grown["comments"] + grown["shares"],
        }
    return out


def fields_param(
    request: Request, name: str, allowed: set[str]
) -> tuple[set[str], Response | None]:
    raw = request.query_params.get(name, "")
    fields = {f for f in raw.split(",") if f}
    bad = sorted(fields - allowed)
    if bad:
        listed = ",".join(sorted(allowed))
        message = f"The `{name}` query parameter value [{bad[0]}] is not one of [{listed}]"
        return fields, invalid_request(message, parameters={name: bad})
    return fields, None


def status_page(rec: Record | None, post_id: str) -> HTMLResponse:
    """x.com/{user}/status/{id}: a plain page so post links in the sandbox resolve."""
    if rec is None:
        return HTMLResponse(
            "<!doctype html><title>X (sandbox)</title><p>This post doesn't exist.</p>", 404
        )
    media = "".join(f"<li>{html.escape(m['kind'])} {m['size']} bytes</li>" for m in rec.media)
    return HTMLResponse(
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        f"<title>Post {post_id} (sandbox)</title>"
        f"<article><p style='white-space:pre-wrap'>{html.escape(rec.text)}</p><ul>{media}</ul>"
        f"<time>{iso(rec.created_at)}</time></article></html>"
    )


def validate_create(body: Any) -> list[str]:
    """Schema checks of CreatePostsRequest, in X's `$.field: message` wording."""
    if not isinstance(body, dict):
        return ["$: must be a JSON object"]
    errors = [f"$.{k}{NOT_IN_SCHEMA}" for k in body if k not in CREATE_FIELDS]
    if "text" in body and not isinstance(body["text"], str):
        errors.append("$.text: string found, expected string")
    media = body.get("media")
    if media is not None:
        if not isinstance(media, dict):
            errors.append("$.media: must be an object")
        else:
            errors += [f"$.media.{k}{NOT_IN_SCHEMA}" for k in media if k not in MEDIA_FIELDS]
            ids = media.get("media_ids")
            if not isinstance(ids, list) or not 1 <= len(ids) <= 4:
                errors.append("$.media.media_ids: must have between 1 and 4 items")
            elif not all(isinstance(i, str) and NUMERIC_ID.match(i) for i in ids):
                errors.append("$.media.media_ids: items must match ^[0-9]{1,19}$")
    reply = body.get("reply")
    if reply is not None:
        if not isinstance(reply, dict) or not isinstance(reply.get("in_reply_to_tweet_id"), str):
            errors.append("$.reply.in_reply_to_tweet_id: is missing but it is required")
        elif not NUMERIC_ID.match(reply["in_reply_to_tweet_id"]):
            errors.append("$.reply.in_reply_to_tweet_id: must match ^[0-9]{1,19}$")
        else:
            errors += [
                f"$.reply.{k}: is not defined in the schema" for k in reply if k not in REPLY_FIELDS
            ]
    if "reply_settings" in body and body["reply_settings"] not in (
        "following", "mentionedUsers", "subscribers", "verified",
    ):  # fmt: skip
        errors.append("$.reply_settings: does not have a value in the enumeration")
    for flag in ("made_with_ai", "paid_partnership", "nullcast", "for_super_followers_only"):
        if flag in body and not isinstance(body[flag], bool):
            errors.append(f"$.{flag}: must be a boolean")
    if "quote_tweet_id" in body and not NUMERIC_ID.match(str(body["quote_tweet_id"])):
        errors.append("$.quote_tweet_id: must match ^[0-9]{1,19}$")
    return errors


# ---------------------------------------------------------------- the router
