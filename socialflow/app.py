"""create_app(): the FastAPI app, its routers and middleware, and the built dashboard."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from sqlalchemy import text
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from socialflow import api_docs
from socialflow.accounts import routes as accounts_routes
from socialflow.analytics import routes as analytics_routes
from socialflow.auth import routes as auth_routes
from socialflow.billing import routes as billing_routes
from socialflow.billing.gateway import stripe_config
from socialflow.core import metrics, migrate
from socialflow.core.config import Settings, get_settings
from socialflow.core.context import AppContext
from socialflow.core.errors import document_errors, error_body, install_error_handlers
from socialflow.core.http import BodyLimit, SecurityHeaders, body_rules
from socialflow.core.logging import request_id_var
from socialflow.core.runtime import settle_heap
from socialflow.library import routes as library_routes
from socialflow.media import routes as media_routes
from socialflow.notifications import routes as notifications_routes
from socialflow.optimizer import routes as optimizer_routes
from socialflow.posts import review as review_routes
from socialflow.posts import routes as posts_routes
from socialflow.workspaces import routes as workspaces_routes

log = logging.getLogger("socialflow.http")

PACKAGE_DIR = Path(__file__).resolve().parent
DIST_DIR = PACKAGE_DIR.parent / "frontend" / "dist"


# Every domain's routes, in the order their paths are matched.
ROUTERS: tuple[APIRouter, ...] = (
    auth_routes.router,
    accounts_routes.router,
    media_routes.router,
    posts_routes.router,
    review_routes.router,
    library_routes.router,
    optimizer_routes.router,
    billing_routes.router,
    analytics_routes.router,
    notifications_routes.router,
    workspaces_routes.router,
)
# Uploads stream up to MAX_UPLOAD_MB; every other body is capped far lower (core/http.py).
UPLOAD_PATHS = ("/api/posts/upload-media",)


def create_app(
    settings: Settings | None = None, ctx: AppContext | None = None, start_jobs: bool = True
) -> FastAPI:
    """The app. `start_jobs=False` leaves the job runner to the caller (tests, workers)."""
    settings = settings or (ctx.settings if ctx else get_settings())
    ctx = ctx or AppContext.build(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.auto_migrate:
            migrate.upgrade(ctx.db.engine)
        runner = ctx.extras.get("runner")
        if runner is None and start_jobs:
            runner = ctx.extras["runner"] = make_runner(ctx)
        if runner is not None and start_jobs:
            runner.start()
        if settings.gc_freeze:
            settle_heap()
        yield
        if runner is not None and start_jobs:
            runner.stop()
        # The publisher's per-process call threads and platform HTTP client (made on first use).
        if (calls := ctx.extras.pop("publish_calls", None)) is not None:
            calls.shutdown(wait=False, cancel_futures=True)
        if (client := ctx.extras.pop("platform_http", None)) is not None:
            client.close()
        await ctx.users.dispose()
        ctx.db.dispose()

    app = FastAPI(
        title="Socialflow API",
        version="0.1.0",
        description="Write once, publish everywhere. Errors are always "
        '`{"error": {"code", "message", "details"}}`.',
        openapi_url="/api/openapi.json",
        docs_url=None,  # self-hosted below: no script from a CDN on this origin
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    install_error_handlers(app)
    # Added innermost first: a request meets RequestContext, then the headers, the CORS
    # preflight, and the body caps.
    stripe_on = stripe_config(settings) is not None
    app.add_middleware(BodyLimit, rules=body_rules(settings, UPLOAD_PATHS, stripe_on))
    if settings.cors_origins:
        # Other origins may call the API with a bearer token; cookies never go cross-site.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Workspace-Id"],
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(SecurityHeaders, settings=settings)
    app.add_middleware(RequestContext)
    for router in ROUTERS:
        app.include_router(document_errors(router))
    if settings.api_docs_enabled:
        api_docs.install(app)
    _health_routes(app, ctx)
    _metrics_route(app, settings)
    if settings.sandbox_mounted:  # else off, or served by `socialflow sandbox` at SANDBOX_URL
        from socialflow.sandbox.app import create_sandbox_app

        sandbox = ctx.extras.get("sandbox_app") or create_sandbox_app(settings)
        ctx.extras["sandbox_app"] = sandbox
        app.mount("/sandbox", sandbox)
        # First in line: an emulated platform call must not be matched against every API
        # route before reaching the mount (that was a fifth of the sandbox's CPU in the
        # spike benchmark). No API path starts with /sandbox.
        app.router.routes.insert(0, app.router.routes.pop())
    _dashboard(app)
    return app


def make_runner(ctx: AppContext) -> Any:
    """Celery when REDIS_URL is set (workers run elsewhere), else threads in this process."""
    if ctx.settings.redis_url:
        from socialflow.jobs.celery import CeleryRunner

        return CeleryRunner(ctx)
    from socialflow.jobs.inline import InlineRunner

    return InlineRunner(ctx, workers=ctx.settings.job_workers)


class RequestContext:
    """Pure ASGI middleware: a request id on every response and log line, one access line.

    (Not BaseHTTPMiddleware: that costs a task per request and breaks streaming responses.)
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = (incoming or uuid.uuid4().hex)[:64]
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            metrics.observe_request(scope["method"], metrics.route_template(scope), status, elapsed)
            if log.isEnabledFor(logging.INFO):
                path = scope.get("path", "")
                log.info(
                    "%s %s %s",
                    scope.get("method"),
                    path,
                    status,
                    extra={
                        "method": scope.get("method"),
                        "path": path,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                    },
                )
            request_id_var.reset(token)


def _health_routes(app: FastAPI, ctx: AppContext) -> None:
    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"], responses={503: {"description": "not ready"}})
    def readyz() -> JSONResponse:
        """The database answers and its schema is at the newest migration."""
        try:
            with ctx.db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            current = migrate.current_revision(ctx.db.engine)
        except Exception as exc:
            body = error_body("database_unreachable", f"database: {type(exc).__name__}")
            return JSONResponse(body, status_code=503)
        head = migrate.head_revision()
        if current != head:
            body = error_body(
                "migrations_pending", f"database at {current}, code expects {head}: run migrate"
            )
            return JSONResponse(body, status_code=503)
        return JSONResponse({"status": "ready", "database": "ok", "migration": current})


def _metrics_route(app: FastAPI, settings: Settings) -> None:
    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics(request: Request) -> Response:
        """Prometheus text format; loopback callers or `Bearer METRICS_TOKEN` only."""
        client = request.client.host if request.client else None
        auth = request.headers.get("authorization")
        if not metrics.allowed(client, auth, settings.metrics_token):
            message = "Metrics are served to loopback callers or with the METRICS_TOKEN bearer."
            return JSONResponse(error_body("forbidden", message), status_code=403)
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)


def _dashboard(app: FastAPI) -> None:
    """Serve the built React app: hashed assets cached for a year, index.html never cached."""
    index = DIST_DIR / "index.html"

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> Response:
        if path.startswith(("api/", "sandbox/")) or path in ("api", "sandbox"):
            return JSONResponse(error_body("not_found", f"No route /{path}."), status_code=404)
        if not index.exists():
            return HTMLResponse(
                "<!doctype html><title>Socialflow</title><h1>Socialflow</h1>"
                "<p>The dashboard is not built yet. Run <code>make run</code> (it builds it), "
                "or use the API at <a href='/api/docs'>/api/docs</a>.</p>",
                status_code=503,
            )
        candidate = (DIST_DIR / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(DIST_DIR):
            immutable = candidate.parent.name == "assets"
            cache = "public, max-age=31536000, immutable" if immutable else "public, max-age=300"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
