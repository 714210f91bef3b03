"""Who may use the emulators' /_admin endpoints (read every tenant's posts and Stripe objects,
cancel subscriptions, arm faults): a caller with `Bearer SANDBOX_ADMIN_TOKEN`, or, when no
token is set, a caller on this machine that no proxy stands in front of. The documented
`SANDBOX=true` demo is reachable by anyone; its admin surface must not be."""

from __future__ import annotations

import hmac
import json

from starlette.types import ASGIApp, Receive, Scope, Send

# Starlette's TestClient reports "testclient": an in-process caller, never a network one.
LOCAL_CLIENTS = {"127.0.0.1", "::1", "testclient"}
PROXY_HEADERS = (b"x-forwarded-for", b"forwarded", b"x-real-ip")


def admin_allowed(scope: Scope, token: str | None) -> bool:
    headers = dict(scope.get("headers") or [])
    if token:
        sent = headers.get(b"authorization", b"").decode("latin-1")
        return hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())
    client = scope.get("client")
    local = client is not None and client[0] in LOCAL_CLIENTS
    return local and not any(h in headers for h in PROXY_HEADERS)


FORBIDDEN = json.dumps(
    {
        "error": {
            "code": "sandbox_admin_forbidden",
            "message": "The sandbox's admin endpoints need 'Authorization: Bearer "
            "SANDBOX_ADMIN_TOKEN' (or a direct call from this machine when no token is set).",
            "details": None,
        }
    }
).encode()


class AdminGuard:
    def __init__(self, app: ASGIApp, token: str | None):
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = (
            scope["type"] == "http"
            and "/_admin" in scope["path"]
            and not admin_allowed(scope, self.token)
        )
        if not refused:
            await self.app(scope, receive, send)
            return
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 403, "headers": headers})
        await send({"type": "http.response.body", "body": FORBIDDEN})
