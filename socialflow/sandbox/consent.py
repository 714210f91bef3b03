"""The OAuth consent screen every emulated platform shows: one implementation, one spec each.

A platform's authorize URL is checked the way that platform checks it (client, redirect URI,
scopes, PKCE), then a real HTML form lets a person pick a sandbox persona and approve or deny.
Approval redirects with a single-use code whose grant the platform's token endpoint reads:
`{"platform", "sub", "username", "client_id", "redirect_uri", "scope", "challenge", "method",
"issued", **carried}`. What differs per platform is data in its `ConsentSpec`.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from socialflow.core.config import Settings
from socialflow.sandbox.core import (
    SandboxStore,
    SandboxUser,
    apply_latency,
    consent_page,
    consent_redirect,
)

USERNAME = re.compile(r"[A-Za-z0-9_.]{1,30}")


def error_page(title: str, heading: str) -> Callable[[str], HTMLResponse]:
    """A platform's "something went wrong" page (400) with the reason."""

    def page(message: str) -> HTMLResponse:
        return HTMLResponse(
            f"<!doctype html><title>{html.escape(title)} (sandbox)</title>"
            f"<h1>{html.escape(heading)}</h1><p>{html.escape(message)}</p>",
            400,
        )

    return page


@dataclass(frozen=True)
class ConsentSpec:
    """How one platform's consent screen checks its authorize URL and answers."""

    platform: str
    title: str  # shown on the page, e.g. "TikTok"
    path: str  # the authorize path under the emulator's prefix
    client_id: str
    known_scopes: frozenset[str]
    default_username: str
    error_page: Callable[[str], HTMLResponse]
    client_param: str = "client_id"  # TikTok: client_key
    scope_split: str = r"\s+"  # a regex
    scope_join: str = " "  # how approved scopes are stored and echoed
    # PKCE: "required" (X), "optional" (checked when sent), "none" (not part of the flow)
    pkce: str = "optional"
    challenge_methods: tuple[str, ...] = ("S256", "plain")
    # Registered redirect URIs (besides `{PUBLIC_URL}/api/social-accounts/callback`); None:
    # any non-empty redirect URI is accepted.
    extra_redirects: Callable[[SandboxStore], set[str]] | None = None
    scope_error_redirect: dict[str, str] | None = None  # redirect with these params, not a page
    scope_error_message: str = "Invalid scope: {scopes}"
    denial: Mapping[str, str] = field(default_factory=lambda: {"error": "access_denied"})
    carried: tuple[str, ...] = ()  # more authorize parameters kept on the grant
    code_prefix: str = ""
    fragment: str = ""  # appended to the approval redirect (Facebook: "#_=_")
    max_state: int | None = None
    require_state: bool = False
    # Extra checks on the authorize query (e.g. Meta's Graph version in the path).
    check: Callable[[Request, Mapping[str, str]], str | None] | None = None
    # More parameters on the approval redirect (e.g. TikTok's `scopes`, Google's `prompt`).
    approval_params: Callable[[dict[str, str]], dict[str, str]] | None = None
    # What a new consent does to a persona the user had revoked (default: restores it).
    on_consent: Callable[[SandboxStore, SandboxUser], None] | None = None


class ConsentScreen:
    """The GET (show) and POST (decide) handlers of one platform's consent screen."""

    def __init__(self, spec: ConsentSpec, store: SandboxStore, settings: Settings):
        self.spec = spec
        self.store = store
        self.settings = settings
        self.registered = f"{settings.base_url}/api/social-accounts/callback"

    def routes(self) -> APIRouter:
        router = APIRouter()
        router.add_api_route(self.spec.path, self.show, methods=["GET"], response_model=None)
        router.add_api_route(self.spec.path, self.decide, methods=["POST"], response_model=None)
        return router

    def _redirect_ok(self, uri: str | None) -> bool:
        if not uri:
            return False
        if self.spec.extra_redirects is None:
            return True
        return uri in {self.registered, *self.spec.extra_redirects(self.store)}

    def _scopes(self, raw: str) -> list[str]:
        return [s for s in re.split(self.spec.scope_split, raw) if s]

    async def show(self, request: Request) -> Response:
        spec, q = self.spec, request.query_params
        latency = self.settings.sandbox_latency_ms
        await apply_latency(self.store, spec.platform, request.url.path, latency)
        problem = self._query_problem(request, q)
        scopes = self._scopes(q.get("scope", ""))
        unknown = [s for s in scopes if s not in spec.known_scopes]
        if problem is None and (unknown or not scopes):
            if spec.scope_error_redirect is not None:
                bad = unknown[0] if unknown else ""
                params = {k: v.format(scope=bad) for k, v in spec.scope_error_redirect.items()}
                return consent_redirect(q["redirect_uri"], {**params, "state": q.get("state", "")})
            problem = spec.scope_error_message.format(scopes=", ".join(unknown) or "(none)")
        if problem:
            return spec.error_page(problem)
        names = (spec.client_param, "redirect_uri", "state", "code_challenge")
        hidden = {k: q.get(k, "") for k in (*names, "code_challenge_method", *spec.carried)}
        hidden["scope"] = spec.scope_join.join(scopes)
        return consent_page(
            platform_name=spec.title,
            action=request.url.path,
            hidden=hidden,
            scopes=scopes,
            default_username=spec.default_username,
        )

    def _query_problem(self, request: Request, q: Mapping[str, str]) -> str | None:
        spec = self.spec
        if spec.check and (problem := spec.check(request, q)):
            return problem
        if q.get(spec.client_param) != spec.client_id:
            return f"{spec.client_param}: the app is not registered with {spec.title} (sandbox)."
        if q.get("response_type", "code") != "code":
            return "response_type must be code."
        if not self._redirect_ok(q.get("redirect_uri")):
            return "redirect_uri: not registered for this app."
        state = q.get("state", "")
        if spec.require_state and not state:
            return "state is required."
        if spec.max_state is not None and len(state) > spec.max_state:
            return f"state must be at most {spec.max_state} characters."
        challenge, method = q.get("code_challenge"), q.get("code_challenge_method")
        if spec.pkce == "required" and not challenge:
            return "PKCE code_challenge and code_challenge_method are required."
        if spec.pkce != "none" and challenge and method not in spec.challenge_methods:
            return f"code_challenge_method must be {' or '.join(spec.challenge_methods)}."
        return None

    async def decide(self, request: Request) -> Response:
        spec = self.spec
        form = await request.form()
        f = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        redirect_uri, state = f.get("redirect_uri", ""), f.get("state", "")
        if f.get(spec.client_param) != spec.client_id or not self._redirect_ok(redirect_uri):
            return spec.error_page("Invalid request.")
        if spec.check and (problem := spec.check(request, f)):
            return spec.error_page(problem)
        if f.get("decision") != "approve":
            return consent_redirect(redirect_uri, {**spec.denial, "state": state})
        username = f.get("username") or spec.default_username
        if not USERNAME.fullmatch(username):
            return spec.error_page("Invalid account name.")
        user = self.store.user(spec.platform, username)
        if spec.on_consent:
            spec.on_consent(self.store, user)
        else:
            self.store.unrevoke(spec.platform, user.id)  # consenting again re-grants
        grant = {
            "platform": spec.platform,
            "sub": user.id,
            "username": username,
            "client_id": spec.client_id,
            "redirect_uri": redirect_uri,
            "scope": f.get("scope", ""),
            "challenge": f.get("code_challenge") or None,
            "method": f.get("code_challenge_method") or None,
            "issued": time.time(),
            **{k: f.get(k, "") for k in spec.carried},
        }
        code = spec.code_prefix + self.store.new_code(grant)
        params = {"code": code, "state": state}
        if spec.approval_params:
            params.update(spec.approval_params(f))
        target = consent_redirect(redirect_uri, params).headers["location"]
        return RedirectResponse(target + spec.fragment, status_code=302)


def take_grant(
    store: SandboxStore, platform: str, code: str, prefix: str = ""
) -> dict[str, Any] | None:
    """The grant of a single-use code issued by `platform`'s consent screen, or None."""
    grant = store.take_code(code.removeprefix(prefix) if prefix else code)
    if grant is None or grant.get("platform") != platform:
        return None
    return grant
