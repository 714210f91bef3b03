"""The sandbox as one ASGI app: every platform emulator under /<platform>, admin under /_admin."""

from __future__ import annotations

import hashlib
from importlib import import_module

from fastapi import FastAPI

from socialflow.core.config import Settings
from socialflow.sandbox.admin_guard import AdminGuard
from socialflow.sandbox.core import SandboxStore, admin_router

# platform -> module in socialflow/sandbox/ exposing `router(store, settings) -> APIRouter`.
EMULATORS: dict[str, str] = {
    "twitter": "socialflow.sandbox.twitter",
    "instagram": "socialflow.sandbox.instagram",
    "instagram-login": "socialflow.sandbox.instagram_login",  # Business Login for Instagram
    "tiktok": "socialflow.sandbox.tiktok",
    "linkedin": "socialflow.sandbox.linkedin",
    "facebook": "socialflow.sandbox.facebook",
    "youtube": "socialflow.sandbox.youtube",
    "stripe": "socialflow.sandbox.stripe",  # billing: Stripe API, checkout/portal pages
    "anthropic": "socialflow.sandbox.anthropic",
}


def sandbox_secret(settings: Settings) -> bytes:
    return hashlib.sha256(b"socialflow-sandbox:" + settings.signing_key.encode()).digest()


def create_sandbox_app(settings: Settings, store: SandboxStore | None = None) -> FastAPI:
    store = store or SandboxStore(sandbox_secret(settings))
    app = FastAPI(title="Socialflow platform sandbox", docs_url=None, redoc_url=None)
    app.state.store = store
    app.add_middleware(AdminGuard, token=settings.sandbox_admin_token)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(admin_router(store))
    for platform, module_name in EMULATORS.items():
        module = import_module(module_name)
        app.include_router(module.router(store, settings), prefix=f"/{platform}")
    return app
