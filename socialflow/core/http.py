"""ASGI middleware that guards every request: body size caps and the browser security headers.

Both are pure ASGI (no BaseHTTPMiddleware: that costs a task per request and breaks streaming).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from socialflow.core.config import Settings
from socialflow.core.errors import error_body


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a body passes its cap (FastAPI lets HTTPException through
    its body parsing, so the error handlers answer it as a 413)."""

    def __init__(self, limit: int):
        super().__init__(413, f"The request body is larger than {limit // 1024} KB.")
        self.limit = limit


@dataclass(frozen=True, slots=True)
class BodyRule:
    """Requests whose path starts with `prefix` may send at most `limit` bytes; `required_header`
    (if any) must be present before a byte of the body is read."""

    prefix: str
    limit: int
    required_header: bytes | None = None
    missing_code: str = "missing_header"


def body_rules(
    settings: Settings, upload_paths: tuple[str, ...], stripe_webhooks: bool
) -> list[BodyRule]:
    """Longest prefix first; the last rule is the default for everything else.

    `stripe_webhooks`: billing is on, so an unsigned Stripe event is refused unread (when it
    is off, the route says so with a 503 instead).
    """
    upload = settings.max_upload_mb * 1024 * 1024 + 1024 * 1024  # multipart framing
    signature = b"stripe-signature" if stripe_webhooks else None
    rules = [
        BodyRule(
            "/api/webhooks/stripe",
            settings.max_webhook_body_kb * 1024,
            signature,
            "invalid_signature",
        ),
        *(BodyRule(path, upload) for path in upload_paths),
        # The emulators stand in for platforms that take whole videos.
        BodyRule("/sandbox/", upload),
        BodyRule("", settings.max_body_kb * 1024),
    ]
    return sorted(rules, key=lambda r: len(r.prefix), reverse=True)


def _json_response(status: int, code: str, message: str) -> tuple[Message, Message]:
    body = json.dumps(error_body(code, message)).encode()
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ],
    }
    return start, {"type": "http.response.body", "body": body}


class BodyLimit:
    """413 before reading past the cap: at once from Content-Length, else while streaming."""

    def __init__(self, app: ASGIApp, rules: list[BodyRule]):
        self.app = app
        self.rules = rules

    def _rule(self, path: str) -> BodyRule:
        return next(r for r in self.rules if path.startswith(r.prefix))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        rule = self._rule(scope["path"])
        headers = dict(scope["headers"])
        if rule.required_header is not None and rule.required_header not in headers:
            name = "-".join(p.capitalize() for p in rule.required_header.decode().split("-"))
            for message in _json_response(400, rule.missing_code, f"Missing {name} header."):
                await send(message)
            return
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > rule.limit:
            await self._refuse(send, rule.limit)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > rule.limit:
                    raise BodyTooLarge(rule.limit)
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except BodyTooLarge as exc:
            # Raised where no handler turned it into a response (a mounted app, a stream).
            if not started:
                await self._refuse(send, exc.limit)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        message = f"The request body is larger than {limit // 1024} KB."
        for part in _json_response(413, "body_too_large", message):
            await send(part)


# --------------------------------------------------------------------------- security headers

# The dashboard: its own scripts only (Vite emits no inline script); styles may be inline
# (components set style attributes); images and video from our origin, data/blob previews and
# the platforms' avatar hosts (https); no framing; forms and <base> only to ourselves.
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; media-src 'self' blob: https:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Server-rendered pages (sandbox consent and checkout, the connect refusal page, API docs):
# forms may post to the platforms' consent endpoints and back; still never framed.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
# JSON, media and everything else: nothing to run, nothing to frame.
API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"


class SecurityHeaders:
    """nosniff, no framing, a referrer policy, CSP by kind of response, HSTS under https."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.hsts = settings.base_url.startswith("https://")

    def _csp(self, path: str, content_type: bytes) -> bytes:
        if not content_type.startswith(b"text/html"):
            return API_CSP.encode()
        if path.startswith(("/sandbox/", "/api/")):
            return PAGE_CSP.encode()
        return DASHBOARD_CSP.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
                add: list[tuple[bytes, Callable[[], bytes]]] = [
                    (b"x-content-type-options", lambda: b"nosniff"),
                    (b"x-frame-options", lambda: b"DENY"),
                    (b"referrer-policy", lambda: b"strict-origin-when-cross-origin"),
                    (b"content-security-policy", lambda: self._csp(path, content_type)),
                ]
                if self.hsts:
                    add.append((b"strict-transport-security", lambda: b"max-age=31536000"))
                headers += [(name, value()) for name, value in add if name not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
