"""What Facebook Pages and Instagram share: Meta's Graph OAuth, its error bodies and usage headers.

Both connectors speak the Graph API (`{api_base}/{graph_version}/...`) with a Facebook Login user
token: authorize on the dialog, exchange the code for a short-lived token, swap that for a
long-lived one (`fb_exchange_token`, about 60 days). There are no refresh tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlencode

import httpx

from socialflow.platforms.base import (
    AuthExpired,
    Connector,
    ConnectorConfig,
    Disconnected,
    PlatformError,
    RateLimited,
    Rejected,
    TokenSet,
    Transient,
)

log = logging.getLogger(__name__)

DEFAULT_GRAPH_VERSION = "v23.0"

# Throttling: 4 app, 17 user, 32 page, 613 custom; 80000-80014 Business Use Case limits
# (80001 Pages, 80002 Instagram).
THROTTLE_CODES: frozenset[int] = frozenset({4, 17, 32, 613, *range(80000, 80015)})
# Code 190 subcodes after which only a new login helps (de-authorised, password changed,
# checkpoint, unconfirmed user, invalid token, lost admin role). 463 (expired) and 490 are
# left to AuthExpired so the engine tries `refresh()` first, which raises Disconnected itself
# when the user token cannot be renewed.
DISCONNECT_SUBCODES: frozenset[int] = frozenset({452, 458, 459, 460, 464, 467, 492})
DUPLICATE_CODES: frozenset[int] = frozenset({506, 368})
DUPLICATE_SUBCODES: frozenset[int] = frozenset({1366051, 2207051})
TRANSIENT_CODES: frozenset[int] = frozenset({1, 2})
TRANSIENT_SUBCODES: frozenset[int] = frozenset({2207001, 2207003, 1363047, 1609010})
# Permission problems the user fixes somewhere other than our consent screen.
ACTIONABLE_PERMISSION_SUBCODES: frozenset[int] = frozenset({1404078, 1404102})
IG_PUBLISH_LIMIT_SUBCODE = 2207042
DEFAULT_THROTTLE_MINUTES = 10
USAGE_WARN_PERCENT = 80


def usage_reset_at(
    headers: httpx.Headers, default_minutes: int = DEFAULT_THROTTLE_MINUTES
) -> datetime:
    """When a throttled caller regains access, from `X-Business-Use-Case-Usage` (minutes)."""
    minutes = 0
    for name in ("x-business-use-case-usage", "x-ad-account-usage"):
        usage = _json_header(headers.get(name))
        if not isinstance(usage, dict):
            continue
        # {"<page-or-ig-id>": [{"type": "pages", ..., "estimated_time_to_regain_access": 7}]}
        for entries in usage.values():
            for entry in entries if isinstance(entries, list) else [entries]:
                if isinstance(entry, dict):
                    minutes = max(minutes, _int(entry.get("estimated_time_to_regain_access")))
    if minutes <= 0:
        retry = headers.get("retry-after", "").strip()
        if retry.isdigit():
            return datetime.now(UTC) + timedelta(seconds=int(retry))
        # X-App-Usage carries percentages only; the app window is a rolling hour.
        minutes = default_minutes
    return datetime.now(UTC) + timedelta(minutes=minutes)


def usage_percent(headers: httpx.Headers) -> int:
    """The highest usage percentage any Meta usage header reports (0 when none)."""
    highest = 0
    for name in ("x-app-usage", "x-page-usage", "x-business-use-case-usage"):
        usage = _json_header(headers.get(name))
        stack: list[Any] = [usage]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for key, value in item.items():
                    if key in ("call_count", "total_cputime", "total_time"):
                        highest = max(highest, _int(value))
                    else:
                        stack.append(value)
            elif isinstance(item, list):
                stack.extend(item)
    return highest


def graph_error(platform: str, response: httpx.Response) -> PlatformError | None:
    """Map a Graph error body `{"error": {code, error_subcode, ...}}` onto our error kinds."""
    try:
        body = response.json()
    except (json.JSONDecodeError, ValueError):
        return None
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        return None
    code = _int(err.get("code"))
    sub = _int(err.get("error_subcode"))
    text = str(err.get("error_user_msg") or err.get("message") or "unknown error")[:500]
    message = f"{display(platform)}: {text}"
    tag = f"{code}/{sub}" if sub else str(code)
    status = response.status_code
    if code in (190, 102):
        if sub in DISCONNECT_SUBCODES:
            return Disconnected(message, code=tag, status=status)
        return AuthExpired(message, code=tag, status=status)
    if sub == IG_PUBLISH_LIMIT_SUBCODE:
        # The cap is a rolling 24 h window; the oldest post leaves it at an unknown time.
        return RateLimited(message, reset_at=usage_reset_at(response.headers, 60), code=tag)
    if code in THROTTLE_CODES:
        return RateLimited(message, reset_at=usage_reset_at(response.headers), code=tag)
    if code in DUPLICATE_CODES or sub in DUPLICATE_SUBCODES:
        return Rejected(message, code="duplicate" if code == 506 else tag, status=status)
    if sub in ACTIONABLE_PERMISSION_SUBCODES:
        return Rejected(message, code=tag, status=status)
    # Codes 1/2 are "unknown error"/"service unavailable" only with a 5xx; a 400 with code 1
    # is e.g. "Error validating client secret", which retrying will not fix.
    unknown_5xx = code in TRANSIENT_CODES and status >= 500
    if unknown_5xx or sub in TRANSIENT_SUBCODES or err.get("is_transient") is True:
        return Transient(message, code=tag, status=status)
    if 200 <= code <= 299:
        # A permission was removed or the Page role lost: a new consent is needed.
        return Disconnected(message, code=tag, status=status)
    if status >= 500:
        return Transient(message, code=tag, status=status)
    return Rejected(message, code=tag, status=status)


def parse_graph_time(value: Any) -> datetime | None:
    """Graph timestamps look like `2026-11-24T10:00:00+0000`."""
    if not isinstance(value, str) or not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z"):
        try:
            return datetime.strptime(value, fmt).astimezone(UTC)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def display(platform: str) -> str:
    return {"facebook": "Facebook", "instagram": "Instagram"}.get(platform, platform)


def _json_header(value: str | None) -> Any:
    if not value:
        return None
    try:
        return json.loads(value)
    except (json.JSONDecodeError, ValueError):
        return None


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class MetaConnector(Connector):
    """Graph OAuth, calls and error mapping shared by the Facebook and Instagram connectors."""

    # Permissions without which the account is useless to us (checked on /me/permissions).
    required_scopes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: ConnectorConfig, client: httpx.Client | None = None):
        super().__init__(config, client)
        self.version = str(config.options.get("graph_version") or DEFAULT_GRAPH_VERSION)

    # ------------------------------------------------------------------ URLs and calls

    def graph_url(self, path: str) -> str:
        return f"{self.config.api_base}/{self.version}/{path.lstrip('/')}"

    def classify(self, response: httpx.Response) -> PlatformError | None:
        return graph_error(self.platform, response)

    def _auth_params(self, token: str, params: dict[str, Any] | None) -> dict[str, Any]:
        # appsecret_proof lets apps with "Require App Secret" on keep working; harmless otherwise.
        proof = hmac.new(
            self.config.client_secret.encode(), token.encode(), hashlib.sha256
        ).hexdigest()
        return {**(params or {}), "appsecret_proof": proof}

    def call(
        self,
        method: str,
        path_or_url: str,
        token: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        unsafe: bool = False,
    ) -> dict[str, Any]:
        """One Graph call with the token in the Authorization header (never in the URL)."""
        url = path_or_url if "://" in path_or_url else self.graph_url(path_or_url)
        response = self.http.request(
            method,
            url,
            unsafe=unsafe,
            classify=self.classify,
            params=self._auth_params(token, params),
            json=json_body,
            data=data,
            headers={"Authorization": f"Bearer {token}"},
        )
        self._note_usage(response)
        try:
            body = response.json()
        except (json.JSONDecodeError, ValueError) as exc:
            if unsafe:
                # The write went through; only its answer is unreadable.
                return {}
            raise Transient(f"{display(self.platform)} sent an unreadable answer") from exc
        return body if isinstance(body, dict) else {"data": body}

    def _note_usage(self, response: httpx.Response) -> None:
        percent = usage_percent(response.headers)
        if percent >= USAGE_WARN_PERCENT:
            log.warning("%s Graph usage at %s%% of its limit", self.platform, percent)

    def all_pages(self, user_token: str, fields: str) -> list[dict[str, Any]]:
        """Pages the user manages: by a role of their own (`/me/accounts`) and through the
        Business Managers they work in (`/me/businesses` -> `owned_pages`, `client_pages`,
        which `/me/accounts` does not list; issue 18 #10). One per id, direct roles first."""
        pages = self.paged("me/accounts", user_token, {"fields": fields, "limit": 100})
        try:
            businesses = self.paged("me/businesses", user_token, {"fields": "id,name"})
            for business in businesses:
                for edge in ("owned_pages", "client_pages"):
                    pages += self.paged(
                        f"{business['id']}/{edge}", user_token, {"fields": fields, "limit": 100}
                    )
        except (Rejected, Disconnected) as exc:
            # No business_management grant, or no business: the direct Pages still count.
            log.info("%s: business Pages not read: %s", self.platform, exc.message)
        seen: set[str] = set()
        unique = []
        for page in pages:
            page_id = str(page.get("id") or "")
            if page_id and page_id not in seen:
                seen.add(page_id)
                unique.append(page)
        return unique

    def paged(
        self, path: str, token: str, params: dict[str, Any], max_pages: int = 5
    ) -> list[dict[str, Any]]:
        """Items of a Graph edge, following `paging.next` for a few pages."""
        items: list[dict[str, Any]] = []
        body = self.call("GET", path, token, params=params)
        for _ in range(max_pages):
            items.extend(x for x in body.get("data") or [] if isinstance(x, dict))
            after = ((body.get("paging") or {}).get("cursors") or {}).get("after")
            if not (body.get("paging") or {}).get("next") or not after:
                break
            body = self.call("GET", path, token, params={**params, "after": after})
        return items

    # ------------------------------------------------------------------ OAuth

    def authorization_url(self, state: str, code_challenge: str) -> str:
        """The Facebook Login dialog; Meta's server flow takes no PKCE challenge."""
        query = urlencode(
            {
                "client_id": self.config.client_id,
                "redirect_uri": self.config.redirect_uri,
                "state": state,
                "response_type": "code",
                "scope": ",".join(self.scopes),
            }
        )
        return f"{self.config.auth_base}/{self.version}/dialog/oauth?{query}"

    def _token_endpoint(self) -> str:
        return f"{self.config.token_base or self.config.api_base}/{self.version}/oauth/access_token"

    def _token_call(self, params: dict[str, str]) -> dict[str, Any]:
        response = self.http.request(
            "GET",
            self._token_endpoint(),
            classify=self.classify,
            params={
                "client_id": self.config.client_id,
                "client_secret": self.config.client_secret,
                **params,
            },
        )
        body = response.json()
        if not isinstance(body, dict) or not body.get("access_token"):
            raise Transient(f"{display(self.platform)} returned no access token")
        return body

    def long_lived_user_token(self, code: str) -> tuple[str, datetime | None]:
        """Code -> short-lived user token -> long-lived (~60 day) user token."""
        short = self._token_call({"redirect_uri": self.config.redirect_uri, "code": code})
        long = self.exchange_user_token(str(short["access_token"]))
        return long

    def exchange_user_token(self, user_token: str) -> tuple[str, datetime | None]:
        """`fb_exchange_token`: a valid user token in, a fresh long-lived one out."""
        body = self._token_call(
            {"grant_type": "fb_exchange_token", "fb_exchange_token": user_token}
        )
        return str(body["access_token"]), TokenSet.expiry_from(body.get("expires_in"))

    def renew_user_token(self, user_token: str) -> tuple[str, datetime | None]:
        """Re-exchange a long-lived user token; Disconnected when Meta will not renew it."""
        try:
            return self.exchange_user_token(user_token)
        except (AuthExpired, Disconnected) as exc:
            raise Disconnected(
                f"{display(self.platform)} access has expired; please reconnect the account",
                code=exc.code,
            ) from exc

    def granted_scopes(self, user_token: str) -> list[str]:
        """Permissions the user granted (`/me/permissions`); declined ones are left out."""
        body = self.call("GET", "me/permissions", user_token)
        return [
            str(p.get("permission"))
            for p in body.get("data") or []
            if isinstance(p, dict) and p.get("status") == "granted"
        ]

    def check_grants(self, user_token: str) -> str:
        """The granted scope string; Rejected if a permission we cannot work without is missing."""
        granted = self.granted_scopes(user_token)
        missing = [s for s in self.required_scopes if s not in granted]
        if missing:
            raise Rejected(
                f"{display(self.platform)}: please allow these permissions when connecting: "
                + ", ".join(missing),
                code="missing_permissions",
            )
        return ",".join(granted)

    def revoke(self, tokens: TokenSet) -> None:
        """De-authorise the app for this user (`DELETE /me/permissions`)."""
        try:
            self.call("DELETE", "me/permissions", tokens.access_token)
        except (AuthExpired, Disconnected):
            # The token is already dead: nothing left to revoke.
            return

    @staticmethod
    def unix(moment: datetime) -> int:
        return int(moment.timestamp())
