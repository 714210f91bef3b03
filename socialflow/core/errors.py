"""One error shape everywhere: {"error": {"code", "message", "details"}}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("socialflow.errors")


class AppError(Exception):
    """Base of every error the API returns on purpose; carries its HTTP status."""

    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
        persist: bool = False,
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.details = details
        self.headers = headers
        # True: the request failed, but what it wrote must stay (a failed login attempt,
        # a token family revoked after reuse). The unit of work commits instead of rolling back.
        self.persist = persist


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"

    def __init__(self, message: str = "Authentication required.", **kw: Any):
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(message, **kw)


class PaymentRequired(AppError):
    status_code = 402
    code = "plan_limit"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class Unprocessable(AppError):
    status_code = 422
    code = "validation_error"


class TooManyRequests(AppError):
    status_code = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int, **kw: Any):
        kw.setdefault("headers", {"Retry-After": str(max(1, retry_after))})
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServiceUnavailable(AppError):
    status_code = 503
    code = "unavailable"


def field_error(field: str, message: str, code: str = "validation_error") -> Unprocessable:
    """A 422 naming one field, shaped like request-validation errors."""
    return Unprocessable(
        f"{field}: {message}", code=code, details=[{"field": field, "message": message}]
    )


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


class ErrorInfo(BaseModel):
    """What went wrong: a stable code, a sentence for people, and optional structured details."""

    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    """The one error body every API route answers with."""

    error: ErrorInfo


# The statuses any API route may answer with, documented on every route so clients (and the
# schemathesis run in bench/) see the real error shape instead of FastAPI's default 422 schema.
ERROR_RESPONSES: dict[int, str] = {
    400: "bad request",
    401: "missing, expired or invalid access token",
    402: "not in the user's plan",
    403: "not allowed",
    404: "no such object for this user",
    409: "conflicts with the object's current state",
    422: "invalid input; `details` names each field",
    429: "too many requests; see Retry-After",
}


def document_errors(router: APIRouter) -> APIRouter:
    """Add the error statuses, with the ErrorResponse body, to each route's OpenAPI responses.

    A route's own description of a status is kept; only the body model is filled in. Call
    before `include_router`, which builds the served routes (and their response models) from
    these entries.
    """
    for route in router.routes:
        nested = getattr(route, "original_router", None)  # FastAPI >= 0.16x includes lazily
        if isinstance(nested, APIRouter):
            document_errors(nested)
        if isinstance(route, APIRoute):
            for status, description in ERROR_RESPONSES.items():
                own = route.responses.get(status, {})
                route.responses[status] = {"description": description, **own}
            for code in list(route.responses):
                if isinstance(code, int) and code >= 400:
                    route.responses[code].setdefault("model", ErrorResponse)
    return router


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "request"


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return JSONResponse(
        error_body(exc.code, exc.message, exc.details), exc.status_code, headers=exc.headers
    )


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = []
    for err in exc.errors():
        message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        details.append({"field": _field_name(tuple(err.get("loc", ()))), "message": message})
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:5])
    return JSONResponse(
        error_body("validation_error", f"Invalid input — {summary}.", details), status_code=422
    )


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(
        exc.status_code, "http_error"
    )
    return JSONResponse(
        error_body(code, str(exc.detail)), exc.status_code, headers=getattr(exc, "headers", None)
    )


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse(
        error_body("internal_error", "Something went wrong on our side; it has been logged."),
        status_code=500,
    )


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    # PostgreSQL refuses NUL (\x00) in text columns, which a client can send in any JSON
    # string: that is bad input, not our fault (found by bench/schemathesis_run.py).
    if "NUL" in str(getattr(exc, "orig", exc)):
        return JSONResponse(
            error_body("invalid_text", "Text must not contain NUL (\\u0000) characters."), 422
        )
    return await _unhandled(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(Exception, _unhandled)
