"""Constants, response shapes and per-request checks shared by the youtube emulator's modules."""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    SandboxStore,
    SandboxUser,
    apply_latency,
)

PLATFORM = "youtube"
ACCESS_TTL = 3599
SCOPE_ROOT = "https://www.googleapis.com/auth/"
UPLOAD_SCOPES = {SCOPE_ROOT + s for s in ("youtube.upload", "youtube", "youtube.force-ssl")}
READ_SCOPES = {SCOPE_ROOT + s for s in ("youtube.readonly", "youtube", "youtube.force-ssl")}
KNOWN_SCOPES = (
    UPLOAD_SCOPES
    | READ_SCOPES
    | {SCOPE_ROOT + s for s in ("youtubepartner", "yt-analytics.readonly")}
    | {SCOPE_ROOT + "userinfo.profile", SCOPE_ROOT + "userinfo.email", "openid", "email"}
)
# Units per call. Since the 2025 quota change (determine_quota_cost) videos.insert and
# search.list have buckets of their own: 100 calls a day each at 1 unit, beside 10,000 units
# for everything else. `legacy_insert_cost` brings back 1,600 units from the common bucket.
COSTS = {"list": 1, "search": 1, "insert": 1}
BUCKETS = {"insert": "videos.insert", "search": "search.list"}
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


@dataclass
class YouTubeSandboxOptions:
    """Knobs the contracts ask to be configurable; tests mutate one instance in place."""

    daily_quota: int = 10_000  # units per project (client) per Pacific day
    # Calls a day in the videos.insert / search.list buckets (projects can be granted more).
    bucket_quota: dict[str, int] = field(
        default_factory=lambda: {"videos.insert": 100, "search.list": 100}
    )
    legacy_insert_cost: int | None = None  # e.g. 1600: the old rule, from the common bucket
    verified_project: bool = True  # False: every upload is locked to private
    channel_daily_uploads: int = 50  # the channel's own cap (uploadLimitExceeded)
    processing_polls: int = 2  # processingDetails polls before "succeeded"
    processing_seconds: float = 30.0  # ... or this much time, whichever comes first
    refresh_token_days: int | None = None  # 7 mimics a consent screen in "Testing"
    metric_aliases: dict[str, str] = field(default_factory=dict)  # viewCount -> views, ...
    custom_thumbnails: bool = True  # False: the channel may not set custom thumbnails


def google_error(
    code: int,
    reason: str,
    message: str,
    *,
    domain: str = "global",
    headers: dict[str, str] | None = None,
    **extra: str,
) -> JSONResponse:
    """Google's JSON error body: {error:{code,message,errors:[{message,domain,reason}],status}}."""
    item = {"message": message, "domain": domain, "reason": reason, **extra}
    body = {
        "error": {
            "code": code,
            "message": message,
            "errors": [item],
            "status": STATUS_NAMES.get(code, "UNKNOWN"),
        }
    }
    return JSONResponse(body, status_code=code, headers=headers)


def oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    """The flat error body of Google's token endpoint."""
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def pacific_day(now: float | None = None) -> str:
    """The quota day: the date in America/Los_Angeles."""
    try:
        tz: Any = ZoneInfo("America/Los_Angeles")
    except ZoneInfoNotFoundError:
        tz = timezone(timedelta(hours=-8))
    return datetime.fromtimestamp(now or time.time(), UTC).astimezone(tz).date().isoformat()


def short_id(seed: str, length: int) -> str:
    """URL-safe ids shaped like YouTube's (11-char videos, 22-char channel suffixes)."""
    raw = base64.urlsafe_b64encode(hashlib.sha256(seed.encode()).digest()).decode()
    return raw[:length]


def channel_id_of(user: SandboxUser) -> str:
    return "UC" + short_id(f"channel:{user.id}", 22)


def uploads_playlist_of(user: SandboxUser) -> str:
    return "UU" + channel_id_of(user)[2:]


def iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class YouTubeGate:
    """Per-request checks: latency, faults, bearer token, scope, quota."""

    def __init__(self, store: SandboxStore, settings: Settings, options: YouTubeSandboxOptions):
        self.store = store
        self.settings = settings
        self.options = options

    async def __call__(
        self, request: Request, scopes: set[str], cost: int, call: str = "list"
    ) -> tuple[dict[str, Any], SandboxUser] | Response:
        """The token's claims and persona, or the Google error to send."""
        path = request.url.path
        await apply_latency(self.store, PLATFORM, path, self.settings.sandbox_latency_ms)
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        claims = self.store.verify(PLATFORM, "access", token)
        fault = self.store.take_fault(
            PLATFORM, path, {"rate_limit", "server_error", "expired_token", "revoked"}
        )
        if fault is not None:
            return self.fault_response(fault.kind, fault.seconds, claims)
        if claims is None or self.store.is_revoked(PLATFORM, claims["s"]):
            return self.invalid_credentials()
        user = self.store.user_by_id(PLATFORM, claims["s"])
        if user is None:
            return self.invalid_credentials()
        if not scopes & set(claims.get("scope", "").split()):
            return google_error(
                403,
                "insufficientPermissions",
                "Request had insufficient authentication scopes.",
            )
        if not self.charge(str(claims.get("c", "")), cost, call):
            return google_error(
                403,
                "quotaExceeded",
                "The request cannot be completed because you have exceeded your "
                '<a href="/youtube/v3/getting-started#quota">quota</a>.',
                domain="youtube.quota",
            )
        return claims, user

    @staticmethod
    def invalid_credentials() -> JSONResponse:
        return google_error(
            401,
            "authError",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, "
            "login cookie or other valid authentication credential.",
            location="Authorization",
            locationType="header",
        )

    def fault_response(
        self, kind: str, seconds: float, claims: dict[str, Any] | None
    ) -> JSONResponse:
        """A scripted fault in Google's real shapes."""
        if kind == "rate_limit":
            headers = {"Retry-After": str(int(seconds))} if seconds else None
            return google_error(
                403,
                "rateLimitExceeded",
                "The request cannot be completed because you have exceeded your rate limit.",
                domain="youtube.quota",
                headers=headers,
            )
        if kind == "server_error":
            return google_error(503, "backendError", "Backend Error")
        if kind == "revoked" and claims is not None:
            self.store.revoke(PLATFORM, claims["s"])
        return self.invalid_credentials()

    def charge(self, client: str, cost: int, call: str = "list") -> bool:
        """Take `cost` units from the bucket `call` draws on for the client's Pacific day;
        False if it would overflow."""
        bucket = BUCKETS.get(call)
        limit = self.options.daily_quota
        if call == "insert" and self.options.legacy_insert_cost is not None:
            bucket, cost = None, self.options.legacy_insert_cost
        if bucket is not None:
            limit = self.options.bucket_quota.get(bucket, limit)
        key = f"youtube:quota:{client}:{bucket or 'units'}:{pacific_day()}"
        with self.store.lock:
            used = self.store.objects.setdefault(key, {"used": 0})
            if used["used"] + cost > limit:
                return False
            used["used"] += cost
            return True
