"""The platform connector interface, the errors every connector raises, and the shared HTTP base.

Connectors never touch the database: they take tokens and content, return results, and raise
one of the errors below. The publishing engine decides what each error means for a post.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import re
import secrets
import socket
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx

from socialflow.platforms.text import validate as validate_text
from socialflow.platforms.types import (
    AuthExpired,
    Capabilities,
    Disconnected,
    FollowUp,
    Identity,
    MediaItem,
    MediaKind,
    OutcomeUnknown,
    Pending,
    PlatformError,
    PostMetrics,
    Problem,
    Published,
    RateLimited,
    RecentPost,
    Rejected,
    TokenSet,
    Transient,
    Variant,
)

__all__ = [
    "AuthExpired",
    "Capabilities",
    "Connector",
    "ConnectorConfig",
    "Disconnected",
    "FollowUp",
    "Identity",
    "MediaItem",
    "MediaKind",
    "OutcomeUnknown",
    "Pending",
    "PlatformError",
    "PlatformHTTP",
    "PostMetrics",
    "Problem",
    "Published",
    "RateLimited",
    "RecentPost",
    "Rejected",
    "TokenSet",
    "Transient",
    "Variant",
    "code_challenge_s256",
    "default_classify",
    "error_text",
    "is_public_address",
    "new_code_verifier",
    "new_state",
    "retry_after",
    "same_text",
]

# --------------------------------------------------------------------------- PKCE / state


def new_state() -> str:
    """A random OAuth state of 256 bits."""
    return secrets.token_urlsafe(32)


def new_code_verifier() -> str:
    return secrets.token_urlsafe(64)[:96]


def code_challenge_s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


# --------------------------------------------------------------------------- settings


@dataclass(slots=True)
class ConnectorConfig:
    """Everything a connector needs from settings; base URLs point at the sandbox by default."""

    platform: str
    client_id: str
    client_secret: str
    redirect_uri: str
    api_base: str  # e.g. https://api.x.com
    auth_base: str  # where the consent page lives, e.g. https://x.com
    token_base: str | None = None  # where tokens are exchanged, if not api_base
    upload_base: str | None = None  # e.g. YouTube's upload host
    sandbox: bool = False  # True: talking to the built-in emulator (private addresses allowed)
    timeout_seconds: float = 20.0
    options: dict[str, Any] = field(default_factory=dict)  # e.g. {"linkedin_version": "202601"}


# --------------------------------------------------------------------------- HTTP base


def is_public_address(host: str) -> bool:
    """True if every address `host` resolves to is public (not loopback/private/link-local)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if not addr.is_global or addr.is_multicast:
            return False
    return True


class PlatformHTTP:
    """Shared HTTP for connectors: timeouts, no redirects to private hosts, error mapping.

    Subclasses (or connectors) supply `classify(response)` for the platform's error bodies; this
    base maps transport failures. A request that may have taken effect and got no answer raises
    `OutcomeUnknown` when `unsafe=True` (publishes), `Transient` otherwise.
    """

    max_redirects: ClassVar[int] = 5

    def __init__(self, config: ConnectorConfig, client: httpx.Client | None = None):
        self.config = config
        self.client = client or self.new_client(config.timeout_seconds)

    @staticmethod
    def new_client(timeout_seconds: float, connections: int = 20) -> httpx.Client:
        """The client connectors use (also shared per process by the publishing engine).

        `connections`: how many keep-alive connections per host it holds on to; set it to the
        calls the process makes at once, or every call past it opens (and closes) one.
        """
        return httpx.Client(
            timeout=httpx.Timeout(timeout_seconds, connect=5.0),
            follow_redirects=False,
            headers={"User-Agent": "Socialflow/0.1"},
            limits=httpx.Limits(
                max_connections=max(100, connections), max_keepalive_connections=connections
            ),
        )

    def _check_target(self, url: str) -> None:
        if self.config.sandbox:
            return
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or not is_public_address(parts.hostname):
            raise Rejected(f"refusing to contact non-public address {parts.hostname!r}")

    def request(
        self,
        method: str,
        url: str,
        *,
        unsafe: bool = False,
        classify: Callable[[httpx.Response], PlatformError | None] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send a request, following redirects only to public hosts; map failures to errors."""
        for _ in range(self.max_redirects + 1):
            self._check_target(url)
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.TimeoutException as exc:
                if unsafe and not isinstance(exc, httpx.ConnectTimeout):
                    raise OutcomeUnknown(
                        f"{self.config.platform} did not answer in time", code="timeout"
                    ) from exc
                raise Transient(f"{self.config.platform} timed out", code="timeout") from exc
            except httpx.TransportError as exc:
                if unsafe and not isinstance(exc, httpx.ConnectError):
                    raise OutcomeUnknown(
                        f"connection to {self.config.platform} broke", code="network"
                    ) from exc
                raise Transient(f"could not reach {self.config.platform}", code="network") from exc
            if response.is_redirect and "location" in response.headers:
                url = str(response.url.join(response.headers["location"]))
                if response.status_code in (301, 302, 303):
                    method, kwargs = "GET", {k: v for k, v in kwargs.items() if k == "headers"}
                continue
            break
        else:
            raise Transient(f"{self.config.platform} redirected too many times", code="redirects")
        if response.is_success or response.status_code == 308:
            return response
        error = classify(response) if classify else None
        raise error or default_classify(self.config.platform, response)


def retry_after(headers: Mapping[str, str], default_seconds: int = 60) -> datetime:
    """The reset time from `x-rate-limit-reset` (epoch), `Retry-After` (seconds), or a default."""
    now = datetime.now(UTC)
    for name in ("x-rate-limit-reset", "x-ratelimit-reset"):
        value = headers.get(name)
        if value and value.strip().isdigit():
            stamp = int(value.strip())
            # Some send an epoch, some a number of seconds.
            return (
                datetime.fromtimestamp(stamp, UTC)
                if stamp > 10**9
                else now + timedelta(seconds=stamp)
            )
    value = headers.get("retry-after")
    if value and value.strip().isdigit():
        return now + timedelta(seconds=int(value.strip()))
    return now + timedelta(seconds=default_seconds)


def error_text(response: httpx.Response) -> str:
    """A short human-readable message from a platform's error body."""
    try:
        body = response.json()
    except (json.JSONDecodeError, ValueError):
        return response.text[:300] or response.reason_phrase
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            return str(err.get("message") or err.get("error_user_msg") or err)[:300]
        for key in ("detail", "message", "error_description", "title", "error"):
            if body.get(key):
                return str(body[key])[:300]
    return str(body)[:300]


def default_classify(platform: str, response: httpx.Response) -> PlatformError:
    """Status-code mapping used when a platform has no more specific rule."""
    status = response.status_code
    message = f"{platform}: {error_text(response)}"
    if status == 401:
        return AuthExpired(message, status=status)
    if status == 429:
        return RateLimited(message, reset_at=retry_after(response.headers))
    if status >= 500 or status == 408:
        return Transient(message, status=status)
    return Rejected(message, status=status)


def same_text(ours: str, theirs: str) -> bool:
    """Whether a post or comment found at the platform is the one we sent: links (which
    platforms shorten), backslash escapes (LinkedIn's) and spacing aside."""

    def norm(value: str) -> str:
        value = re.sub(r"https?://\S+", "", value)
        value = re.sub(r"\\([\\|{}@\[\]()<>#*_~])", r"\1", value)
        return " ".join(value.split()).casefold()

    a, b = norm(ours), norm(theirs)
    return bool(a) and bool(b) and (a == b or a[:80] == b[:80])


# --------------------------------------------------------------------------- the interface


class Connector(ABC):
    """One platform. Implementations live in `socialflow/platforms/<platform>.py`."""

    platform: ClassVar[str]
    display_name: ClassVar[str]
    capabilities: ClassVar[Capabilities]
    scopes: ClassVar[tuple[str, ...]]

    def __init__(self, config: ConnectorConfig, client: httpx.Client | None = None):
        self.config = config
        self.http = PlatformHTTP(config, client)

    # OAuth
    @abstractmethod
    def authorization_url(self, state: str, code_challenge: str) -> str: ...

    @abstractmethod
    def exchange_code(self, code: str, code_verifier: str) -> TokenSet: ...

    @abstractmethod
    def refresh(self, tokens: TokenSet) -> TokenSet:
        """New tokens; raises Disconnected if the refresh token is dead."""

    @abstractmethod
    def identity(self, tokens: TokenSet) -> Identity: ...

    def revoke(self, tokens: TokenSet) -> None:  # noqa: B027 - optional, not every platform has it
        """Revoke tokens at the platform where it offers an endpoint; a no-op otherwise."""

    # Content
    def validate(self, variant: Variant) -> list[Problem]:
        return validate_text(self.platform, variant)

    @abstractmethod
    def publish(self, tokens: TokenSet, variant: Variant) -> Published | Pending: ...

    def check(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        raise NotImplementedError(f"{self.platform} has no asynchronous publishing")

    def find_recent(self, tokens: TokenSet, since: datetime) -> list[RecentPost]:
        """Posts made by the account since `since`, for reconciliation; [] if unsupported."""
        return []

    # Follow-ups: thread parts and first comments, posted after the post itself
    def follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | Pending:
        """Post `item` under `item.parent_id` (a reply, or a comment as the account)."""
        raise Rejected(
            f"{self.display_name} has no API to comment on a post", code="comments_unsupported"
        )

    def check_follow_up(self, tokens: TokenSet, ref: dict[str, Any]) -> Published | Pending:
        """Poll a follow-up whose media the platform is still processing."""
        return self.check(tokens, ref)

    def find_follow_up(self, tokens: TokenSet, item: FollowUp) -> Published | None:
        """`item` if it is already under its parent (its answer was lost), else None.

        Raises NotImplementedError where the platform offers no way to look."""
        raise NotImplementedError(f"{self.platform} cannot look up its comments")

    # Analytics
    @abstractmethod
    def follower_count(self, tokens: TokenSet) -> int | None: ...

    @abstractmethod
    def post_metrics(self, tokens: TokenSet, ids: list[str]) -> list[PostMetrics]: ...
