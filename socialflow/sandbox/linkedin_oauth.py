"""The LinkedIn emulator's OAuth 2.0: consent page, code exchange, partner-only refresh tokens."""

from __future__ import annotations

import html
import re
import secrets
import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    SandboxStore,
    apply_latency,
    consent_page,
    consent_redirect,
    pkce_ok,
)
from socialflow.sandbox.linkedin_common import (
    ACCESS_TTL,
    BAD_CODE,
    CLIENT_ID,
    CLIENT_SECRET,
    KNOWN_SCOPES,
    PLATFORM,
    REFRESH_TTL,
    config,
    fault_response,
)


def oauth_routes(r: APIRouter, store: SandboxStore, settings: Settings) -> None:
    """Add www.linkedin.com/oauth/v2/{authorization,accessToken} to the router."""
    registered_redirect = f"{settings.base_url}/api/social-accounts/callback"

    def error_page(message: str) -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><title>LinkedIn (sandbox)</title>"
            f"<h1>Bummer, something went wrong.</h1><p>{html.escape(message)}</p>",
            400,
        )

    # ---- OAuth 2.0 (www.linkedin.com/oauth/v2/...)
    @r.get("/oauth/v2/authorization", response_model=None)
    async def authorize(request: Request) -> Response:
        q = request.query_params
        if q.get("response_type") != "code" or q.get("client_id") != CLIENT_ID:
            return error_page("The application could not be found or response_type is not code.")
        if q.get("redirect_uri") not in {
            registered_redirect,
            *config(store).get("redirect_uris", []),
        }:
            return error_page("The redirect_uri does not match the registered value.")
        scopes = [s for s in re.split(r"[ ,]+", q.get("scope", "")) if s]
        unknown = [s for s in scopes if s not in KNOWN_SCOPES]
        if unknown or not scopes:
            bad = unknown[0] if unknown else ""
            return consent_redirect(
                q["redirect_uri"],
                {
                    "error": "unauthorized_scope_error",
                    "error_description": f'Scope "{bad}" is not authorized for your application',
                    "state": q.get("state", ""),
                },
            )
        hidden = {
            k: q.get(k, "")
            for k in (
                "client_id",
                "redirect_uri",
                "state",
                "code_challenge",
                "code_challenge_method",
            )
        }
        hidden["scope"] = ",".join(scopes)
        return consent_page(
            platform_name="LinkedIn",
            action=request.url.path,
            hidden=hidden,
            scopes=scopes,
            default_username="sandbox_member",
        )

    @r.post("/oauth/v2/authorization", response_model=None)
    async def decide(request: Request) -> Response:
        f = {k: str(v) for k, v in (await request.form()).items()}
        if f.get("client_id") != CLIENT_ID or f.get("redirect_uri") not in {
            registered_redirect,
            *config(store).get("redirect_uris", []),
        }:
            return error_page("Invalid request.")
        if f.get("decision") != "approve":
            return consent_redirect(
                f["redirect_uri"],
                {
                    "error": "user_cancelled_authorize",
                    "error_description": "The user cancelled the authorization",
                    "state": f.get("state", ""),
                },
            )
        username = f.get("username") or "sandbox_member"
        if not re.fullmatch(r"[A-Za-z0-9_.]{1,30}", username):
            return error_page("Invalid member.")
        user = store.user(PLATFORM, username)
        with store.lock:
            if store.is_revoked(PLATFORM, user.id):
                store.revoked_subjects.discard((PLATFORM, user.id))
                store.objects.setdefault("linkedin:revoked_before", {})[user.id] = time.time()
        code = store.new_code(
            {
                "platform": PLATFORM,
                "sub": user.id,
                "redirect_uri": f["redirect_uri"],
                "scope": f.get("scope", ""),
                "challenge": f.get("code_challenge") or None,
                "method": f.get("code_challenge_method") or None,
            }
        )
        return consent_redirect(f["redirect_uri"], {"code": code, "state": f.get("state", "")})

    def oauth_error(status: int, err: str, description: str) -> JSONResponse:
        return JSONResponse({"error": err, "error_description": description}, status)

    @r.post("/oauth/v2/accessToken", response_model=None)
    async def access_token(request: Request) -> Response:
        await apply_latency(store, PLATFORM, request.url.path, settings.sandbox_latency_ms)
        fault = store.take_fault(PLATFORM, request.url.path, {"server_error", "rate_limit"})
        if fault:
            return fault_response(store, fault, None)
        f = {k: str(v) for k, v in (await request.form()).items()}
        if f.get("client_id") != CLIENT_ID or not secrets.compare_digest(
            f.get("client_secret", ""), CLIENT_SECRET
        ):
            return oauth_error(401, "invalid_client", "Client authentication failed")
        now = time.time()
        if f.get("grant_type") == "authorization_code":
            grant = store.take_code(f.get("code", ""))
            if (
                grant is None
                or grant.get("platform") != PLATFORM
                or grant["redirect_uri"] != f.get("redirect_uri")
                or not pkce_ok(grant["method"], grant["challenge"], f.get("code_verifier"))
            ):
                return oauth_error(
                    400,
                    "invalid_request",
                    BAD_CODE,
                )
            body: dict[str, Any] = {
                "access_token": store.issue(
                    PLATFORM, "access", grant["sub"], ACCESS_TTL, scope=grant["scope"], iat=now
                ),
                "expires_in": ACCESS_TTL,
                "scope": grant["scope"],
                "token_type": "Bearer",
            }
            if config(store)["refresh_tokens"]:
                body["refresh_token"] = store.issue(
                    PLATFORM, "refresh", grant["sub"], REFRESH_TTL, scope=grant["scope"], iat=now
                )
                body["refresh_token_expires_in"] = REFRESH_TTL
            return JSONResponse(body)
        if f.get("grant_type") == "refresh_token":
            raw = f.get("refresh_token", "")
            claims = store.verify(PLATFORM, "refresh", raw)
            with store.lock:
                before = (
                    store.objects.get("linkedin:revoked_before", {}).get(claims["s"], 0.0)
                    if claims
                    else 0.0
                )
            if (
                claims is None
                or store.is_revoked(PLATFORM, claims["s"])
                or claims.get("iat", 0) <= before
            ):
                return oauth_error(
                    400,
                    "invalid_request",
                    "The provided refresh token is invalid or has been revoked",
                )
            # Not rotated: the same refresh token comes back with its remaining lifetime.
            return JSONResponse(
                {
                    "access_token": store.issue(
                        PLATFORM, "access", claims["s"], ACCESS_TTL, scope=claims["scope"], iat=now
                    ),
                    "expires_in": ACCESS_TTL,
                    "refresh_token": raw,
                    "refresh_token_expires_in": int(claims["e"] - now),
                    "scope": claims["scope"],
                    "token_type": "Bearer",
                }
            )
        return oauth_error(
            400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token"
        )
