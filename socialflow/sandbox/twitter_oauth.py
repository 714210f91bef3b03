"""The X emulator's OAuth 2.0: consent page, code + PKCE exchange, rotating refresh, revoke."""

from __future__ import annotations

import base64
import binascii
import secrets
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.consent import ConsentScreen, ConsentSpec, error_page, take_grant
from socialflow.sandbox.core import (
    SandboxStore,
    SandboxUser,
    apply_latency,
    pkce_ok,
)
from socialflow.sandbox.twitter_common import (
    ACCESS_TTL,
    CLIENT_ID,
    CLIENT_SECRET,
    CODE_TTL,
    KNOWN_SCOPES,
    PLATFORM,
    REFRESH_TTL,
    config,
    fault_response,
    grant_dead,
)


def _reconsent(store: SandboxStore, user: SandboxUser) -> None:
    """A new consent after a revoke: old tokens stay dead, new ones work."""
    with store.lock:
        if store.is_revoked(PLATFORM, user.id):
            store.revoked_subjects.discard((PLATFORM, user.id))
            store.objects.setdefault("twitter:revoked_before", {})[user.id] = time.time()


CONSENT = ConsentSpec(
    platform=PLATFORM,
    title="X",
    path="/i/oauth2/authorize",
    client_id=CLIENT_ID,
    known_scopes=frozenset(KNOWN_SCOPES),
    default_username="sandbox_creator",
    error_page=error_page("X", "Something went wrong"),
    pkce="required",
    extra_redirects=lambda store: set(config(store).get("redirect_uris", [])),
    require_state=True,
    max_state=500,
    on_consent=_reconsent,
)


def oauth_routes(r: APIRouter, store: SandboxStore, settings: Settings) -> None:
    """Add x.com/i/oauth2/authorize and api.x.com/2/oauth2/{token,revoke} to the router."""
    r.include_router(ConsentScreen(CONSENT, store, settings).routes())

    # ---- tokens (api.x.com/2/oauth2/token, /revoke)
    def oauth_error(status: int, error: str, description: str) -> JSONResponse:
        return JSONResponse({"error": error, "error_description": description}, status)

    def client_of(request: Request, form: dict[str, str]) -> str | None:
        """The authenticated client id: Basic auth (confidential) or client_id (public)."""
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            try:
                cid, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return None
            return (
                cid if cid == CLIENT_ID and secrets.compare_digest(secret, CLIENT_SECRET) else None
            )
        return form.get("client_id") if form.get("client_id") == CLIENT_ID else None

    def issue_tokens(sub: str, scope: str, grant: str) -> dict[str, Any]:
        now = time.time()
        body: dict[str, Any] = {
            "token_type": "bearer",
            "expires_in": ACCESS_TTL,
            "access_token": store.issue(
                PLATFORM, "access", sub, ACCESS_TTL, scope=scope, g=grant, iat=now
            ),
            "scope": scope,
        }
        if "offline.access" in scope.split():
            body["refresh_token"] = store.issue(
                PLATFORM, "refresh", sub, REFRESH_TTL, scope=scope, g=grant, iat=now
            )
        return body

    @r.post("/2/oauth2/token", response_model=None)
    async def token(request: Request) -> Response:
        await apply_latency(store, PLATFORM, request.url.path, settings.sandbox_latency_ms)
        fault = store.take_fault(PLATFORM, request.url.path, {"server_error", "rate_limit"})
        if fault:
            return fault_response(store, fault, None)
        form = {k: str(v) for k, v in (await request.form()).items()}
        client = client_of(request, form)
        if client is None:
            return oauth_error(401, "unauthorized_client", "Missing valid authorization header")
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            grant = take_grant(store, PLATFORM, form.get("code", ""))
            if (
                grant is None
                or time.time() - grant["issued"] > CODE_TTL
                or grant["client_id"] != client
                or grant["redirect_uri"] != form.get("redirect_uri")
                or not form.get("code_verifier")
                or not pkce_ok(grant["method"], grant["challenge"], form.get("code_verifier"))
            ):
                return oauth_error(
                    400, "invalid_request", "Value passed for the authorization code was invalid."
                )
            return JSONResponse(issue_tokens(grant["sub"], grant["scope"], secrets.token_hex(8)))
        if grant_type == "refresh_token":
            raw = form.get("refresh_token", "")
            claims = store.verify(PLATFORM, "refresh", raw)
            if claims is None or grant_dead(store, claims) or not store.consume_refresh(raw):
                return oauth_error(
                    400, "invalid_request", "Value passed for the token was invalid."
                )
            return JSONResponse(issue_tokens(claims["s"], claims["scope"], claims["g"]))
        return oauth_error(
            400, "unsupported_grant_type", "Value passed for grant_type is not supported."
        )

    @r.post("/2/oauth2/revoke", response_model=None)
    async def revoke(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        if client_of(request, form) is None:
            return oauth_error(401, "unauthorized_client", "Missing valid authorization header")
        raw = form.get("token", "")
        claims = store.verify(PLATFORM, "access", raw) or store.verify(PLATFORM, "refresh", raw)
        if claims:
            with store.lock:
                store.objects.setdefault("twitter:revoked_grants", {})[claims["g"]] = time.time()
        # Like the real endpoint: unknown tokens are "revoked" too (RFC 7009).
        return JSONResponse({"revoked": True})
