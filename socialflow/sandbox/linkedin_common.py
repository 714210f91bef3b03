"""Constants, response shapes and per-request checks shared by the linkedin emulator's modules."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import time
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    Fault,
    SandboxStore,
    apply_latency,
)

PLATFORM = "linkedin"
CLIENT_ID = "sandbox-linkedin-client"
CLIENT_SECRET = "sandbox-linkedin-secret"  # noqa: S105 - the sandbox app's public secret
ACCESS_TTL = 5184000  # 60 days
REFRESH_TTL = 31536000  # 365 days, counted from the first consent (not reset on refresh)
KNOWN_SCOPES = {
    "openid", "profile", "email", "w_member_social", "r_member_social", "r_basicprofile",
    "w_organization_social", "r_organization_social", "rw_organization_admin",
}  # fmt: skip
POST_FIELDS = {
    "author", "commentary", "visibility", "distribution", "content", "lifecycleState",
    "isReshareDisabledByAuthor", "contentLandingPage", "contentCallToActionLabel", "container",
    "reshareContext", "adContext",
}  # fmt: skip
REQUIRED_POST_FIELDS = ("author", "visibility", "distribution", "lifecycleState")
RESERVED = set("\\|{}@[]()<>#*_~")
URL_RE = re.compile(r"https?://\S+")
HASHTAG_RE = re.compile(r"#\w+")
MENTION_RE = re.compile(r"@\[([^\]]+)\]\((urn:li:[A-Za-z]+:[^)]+)\)")
VERSION_RE = re.compile(r"^(\d{4})(0[1-9]|1[0-2])(\.\d{2})?$")
VERSION_MISSING = (
    "A version must be present. Please specify a version by adding the LinkedIn-Version header."
)
BAD_CODE = (
    "Unable to retrieve access token: appid/redirect uri/code verifier does not match "
    "authorization code. Or authorization code expired. Or external member binding exists"
)
THROTTLED = "Throttle limit for calls to this resource is reached."

DEFAULTS: dict[str, Any] = {
    "refresh_tokens": False,  # True: behave as for an approved MDP partner app
    # None: versions are served for 12 months from their month (older ones are sunset, newer
    # than this month do not exist yet), by the clock; a YYYYMM pins the oldest served one.
    "oldest_version": None,
    "member_daily_posts": 150,
    "video_part_bytes": 4 * 1024 * 1024,
    "video_min_bytes": 75 * 1024,
    "processing_polls": 2,  # GET /rest/videos polls before a video is AVAILABLE
    "legacy_metric_names": False,  # True: only totalLikes / totalFirstLevelComments
    "duplicate_window_secs": 24 * 3600,
}


def version_active(version: str, oldest: str | None = None, now: float | None = None) -> bool:
    """LinkedIn serves a monthly version for about a year: from its month to 12 months on."""
    today = time.gmtime(now if now is not None else time.time())
    index = today.tm_year * 12 + today.tm_mon - 1
    current = f"{index // 12:04d}{index % 12 + 1:02d}"
    year_ago = f"{(index - 12) // 12:04d}{(index - 12) % 12 + 1:02d}"
    return (oldest or year_ago) <= version <= current


def config(store: SandboxStore) -> dict[str, Any]:
    """The emulator's tunables, created with defaults on first use."""
    with store.lock:
        cfg: dict[str, Any] = store.objects.setdefault("linkedin:config", dict(DEFAULTS))
        for key, value in DEFAULTS.items():  # a test may have set only some of them
            cfg.setdefault(key, value)
        return cfg


def render_little(commentary: str) -> tuple[str, bool]:
    """What LinkedIn shows for "little"-format text: (text, silently truncated?)."""
    out: list[str] = []
    i, n = 0, len(commentary)
    while i < n:
        if m := URL_RE.match(commentary, i):
            out.append(m.group(0))
            i = m.end()
            continue
        ch = commentary[i]
        if ch == "\\" and i + 1 < n and commentary[i + 1] in RESERVED:
            out.append(commentary[i + 1])
            i += 2
        elif ch == "#" and (m := HASHTAG_RE.match(commentary, i)):
            out.append(m.group(0))
            i = m.end()
        elif ch == "@" and (m := MENTION_RE.match(commentary, i)):
            out.append(m.group(1))
            i = m.end()
        elif ch in RESERVED:
            return "".join(out), True  # cut at the first unescaped reserved character
        else:
            out.append(ch)
            i += 1
    return "".join(out), False


def error(
    status: int, message: str, code: str | None = None, service: int | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if service is not None:
        body["serviceErrorCode"] = service
    if code:
        body["code"] = code
    return JSONResponse(body, status)


def unprocessable(path: str, message: str, input_code: str) -> JSONResponse:
    """422 in the shape of LinkedIn's Rest.li validation errors."""
    return JSONResponse(
        {
            "errorDetailType": "com.linkedin.common.error.BadRequest",
            "code": "UNPROCESSABLE_ENTITY",
            "message": f"ERROR :: {path} :: {message}\n",
            "errorDetails": {
                "inputErrors": [
                    {
                        "description": message,
                        "input": {"inputPath": {"fieldPath": path}},
                        "code": input_code,
                    }
                ]
            },
            "status": 422,
        },
        422,
    )


def duplicate(urn: str) -> JSONResponse:
    """The real 422 DUPLICATE_POST body."""
    return JSONResponse(
        {
            "errorDetailType": "com.linkedin.common.error.BadRequest",
            "message": "com.linkedin.content.common.exception.BadRequestResponseException: "
            f"Content is a duplicate of {urn}",
            "errorDetails": {
                "inputErrors": [
                    {
                        "description": "Duplicate post is detected",
                        "input": {},
                        "code": "DUPLICATE_POST",
                    }
                ]
            },
            "status": 422,
        },
        422,
    )


def token_state(store: SandboxStore, token: str | None) -> tuple[dict[str, Any] | None, str]:
    """(claims, "ok" | "expired" | "revoked" | "invalid") for an access token."""
    claims = store.verify(PLATFORM, "access", token)
    if claims:
        with store.lock:
            before = store.objects.get("linkedin:revoked_before", {}).get(claims["s"], 0.0)
        if store.is_revoked(PLATFORM, claims["s"]) or claims.get("iat", 0) <= before:
            return claims, "revoked"
        return claims, "ok"
    if token and token.startswith("sbx.") and token.count(".") == 2:
        _, body, mac = token.split(".")
        good = hmac.new(store.secret, body.encode(), hashlib.sha256).hexdigest()[:32]
        if hmac.compare_digest(mac, good):
            try:
                payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            except (binascii.Error, ValueError):
                return None, "invalid"
            if payload.get("p") == PLATFORM and payload.get("e", 0) < time.time():
                return None, "expired"
    return None, "invalid"


def auth_error(state: str) -> JSONResponse:
    if state == "expired":
        return error(
            401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN", 65600
        )
    if state == "revoked":
        return error(
            401,
            "The token used in the request has been revoked by the user",
            "REVOKED_ACCESS_TOKEN",
            65601,
        )
    return error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600)


def fault_response(
    store: SandboxStore, fault: Fault, claims: dict[str, Any] | None
) -> JSONResponse:
    if fault.kind == "rate_limit":
        return error(429, THROTTLED, "TOO_MANY_REQUESTS", 101)
    if fault.kind == "server_error":
        return error(503, "Service Unavailable")
    if fault.kind == "revoked":
        if claims:
            store.revoke(PLATFORM, claims["s"])
        return auth_error("revoked")
    return auth_error("expired")


def person_urn(sub: str) -> str:
    return f"urn:li:person:{sub}"


def org_urn(org_id: str) -> str:
    return f"urn:li:organization:{org_id}"


# Roles that may post as the organisation (LinkedIn's organizationAcls roles).
POSTING_ROLES = ("ADMINISTRATOR", "CONTENT_ADMINISTRATOR", "DIRECT_SPONSORED_CONTENT_POSTER")


def organizations_of(store: SandboxStore, sub: str) -> list[dict[str, Any]]:
    """The Pages a member has a role on (and the role's state): "<Name> Inc" (administrator)
    and "<Name> Labs" (content administrator); the persona `noorgs` has none. Tests change a
    role's `state` (e.g. REVOKED) in `store.objects["linkedin:orgs:<sub>"]["orgs"]`."""
    with store.lock:
        key = f"linkedin:orgs:{sub}"
        if key not in store.objects:
            user = store.user_by_id(PLATFORM, sub)
            name = user.username if user else sub
            title = name.replace("_", " ").title()
            digest = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
            store.objects[key] = {
                "orgs": []
                if name == "noorgs"
                else [
                    {
                        "id": str(10_000_000 + digest % 80_000_000),
                        "name": f"{title} Inc",
                        "vanity": f"{name.replace('_', '-')}-inc",
                        "role": "ADMINISTRATOR",
                        "state": "APPROVED",
                    },
                    {
                        "id": str(90_000_000 + digest % 9_000_000),
                        "name": f"{title} Labs",
                        "vanity": f"{name.replace('_', '-')}-labs",
                        "role": "CONTENT_ADMINISTRATOR",
                        "state": "APPROVED",
                    },
                ]
            }
        orgs: list[dict[str, Any]] = store.objects[key]["orgs"]
        return orgs


def find_organization(store: SandboxStore, org_id: str) -> dict[str, Any] | None:
    """An organisation any known member has a role on."""
    with store.lock:
        lists = [v["orgs"] for k, v in store.objects.items() if k.startswith("linkedin:orgs:")]
    for orgs in lists:
        for org in orgs:
            if org["id"] == org_id:
                return dict(org)
    return None


def acts_for(store: SandboxStore, claims: dict[str, Any], owner: Any) -> bool:
    """May this token act as `owner`: the member itself, or a Page the member may post for
    (an approved posting role, and `w_organization_social` granted)?"""
    if owner == person_urn(claims["s"]):
        return True
    if not isinstance(owner, str) or not owner.startswith("urn:li:organization:"):
        return False
    if "w_organization_social" not in str(claims.get("scope", "")).split(","):
        return False
    org_id = owner.rsplit(":", 1)[-1]
    return any(
        o["id"] == org_id and o["state"] == "APPROVED" and o["role"] in POSTING_ROLES
        for o in organizations_of(store, claims["s"])
    )


class Api:
    """Per-request checks for api.linkedin.com: latency, faults, token, scopes, version headers."""

    def __init__(self, store: SandboxStore, settings: Settings):
        self.store = store
        self.settings = settings

    async def enter(
        self, request: Request, scopes: set[str], versioned: bool = True
    ) -> tuple[dict[str, Any] | None, Response | None]:
        path = request.url.path
        await apply_latency(self.store, PLATFORM, path, self.settings.sandbox_latency_ms)
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        claims, state = token_state(self.store, token)
        fault = self.store.take_fault(
            PLATFORM, path, {"rate_limit", "server_error", "expired_token", "revoked"}
        )
        if fault:
            return None, fault_response(self.store, fault, claims)
        if state != "ok" or claims is None:
            return None, auth_error(state)
        if versioned:
            version = request.headers.get("linkedin-version")
            if not version:
                return None, error(
                    400,
                    VERSION_MISSING,
                    "VERSION_MISSING",
                )
            if not VERSION_RE.match(version) or not version_active(
                version[:6], config(self.store)["oldest_version"]
            ):
                return None, error(
                    426, f"Requested version {version} is not active", "NONEXISTENT_VERSION"
                )
            if request.headers.get("x-restli-protocol-version") != "2.0.0":
                return None, error(
                    400, "X-Restli-Protocol-Version 2.0.0 is required", "ILLEGAL_ARGUMENT"
                )
        granted = set(str(claims.get("scope", "")).split(","))
        if not scopes <= granted:
            return None, error(
                403,
                f"Not enough permissions to access: {request.method} {path}",
                "ACCESS_DENIED",
                100,
            )
        return claims, None
