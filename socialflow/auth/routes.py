"""HTTP for auth: parse, call one service function, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Cookie, Depends, Request, Response, status

from socialflow.auth import service, throttle
from socialflow.auth.schemas import (
    AcceptedOut,
    LoginIn,
    PasswordChangeIn,
    ProfileIn,
    RefreshIn,
    RegisterIn,
    ResetConfirmIn,
    ResetRequestIn,
    TokenIn,
    TokenPairOut,
    UserOut,
)
from socialflow.core.deps import ContextDep, CurrentUser, SessionDep, same_origin

router = APIRouter(prefix="/api/auth", tags=["auth"])

REFRESH_COOKIE = "sf_refresh"
COOKIE_PATH = "/api/auth"
RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE, include_in_schema=False)]
DeviceCookie = Annotated[str | None, Cookie(alias=throttle.DEVICE_COOKIE, include_in_schema=False)]


def _issue(ctx: ContextDep, response: Response, s: service.Session_) -> TokenPairOut:
    response.set_cookie(
        REFRESH_COOKIE,
        s.refresh_token,
        max_age=ctx.settings.refresh_token_days * 86400,
        path=COOKIE_PATH,
        httponly=True,
        secure=ctx.settings.secure_cookies,
        samesite="lax",
    )
    response.headers["Cache-Control"] = "no-store"
    return TokenPairOut(
        access_token=s.access_token,
        refresh_token=s.refresh_token,
        expires_in=s.expires_in,
        user=UserOut.model_validate(s.user),
    )


def _client_ip(request: Request) -> str | None:
    """The caller's address; behind a proxy listed in FORWARDED_ALLOW_IPS, the one it reports."""
    return request.client.host if request.client else None


def _remember_device(ctx: ContextDep, response: Response, email: str) -> None:
    """A device cookie: this browser's later log-ins to the account escape lock-outs that an
    attacker elsewhere causes (auth/throttle.py)."""
    response.set_cookie(
        throttle.DEVICE_COOKIE,
        throttle.new_device_cookie(ctx.settings, email),
        max_age=throttle.DEVICE_COOKIE_DAYS * 86400,
        path=COOKIE_PATH,
        httponly=True,
        secure=ctx.settings.secure_cookies,
        samesite="strict",
    )


@router.post("/register", status_code=status.HTTP_201_CREATED)
def register(
    body: RegisterIn, request: Request, response: Response, ctx: ContextDep, session: SessionDep
) -> TokenPairOut:
    """Create an account and log it in; a confirmation e-mail is sent."""
    s = service.register(ctx, session, body, request.headers.get("user-agent"), _client_ip(request))
    _remember_device(ctx, response, s.user.email)
    return _issue(ctx, response, s)


@router.post("/login")
def login(
    body: LoginIn,
    request: Request,
    response: Response,
    ctx: ContextDep,
    session: SessionDep,
    device: DeviceCookie = None,
) -> TokenPairOut:
    """Exchange e-mail and password for an access token and a refresh token."""
    s = service.login(
        ctx,
        session,
        str(body.email),
        body.password,
        _client_ip(request),
        request.headers.get("user-agent"),
        device,
    )
    if throttle.trusted_device(ctx.settings, s.user.email, device) is None:
        _remember_device(ctx, response, s.user.email)
    return _issue(ctx, response, s)


@router.post("/refresh")
def refresh(
    request: Request,
    response: Response,
    ctx: ContextDep,
    session: SessionDep,
    cookie: RefreshCookie = None,
    body: Annotated[RefreshIn | None, Body()] = None,
) -> TokenPairOut:
    """Trade a refresh token (body or cookie) for a new pair; the old one stops working."""
    raw = (body.refresh_token if body else None) or cookie
    s = service.refresh(
        ctx,
        session,
        raw,
        request.headers.get("user-agent"),
        binding=request.headers.get("x-refresh-binding"),
    )
    return _issue(ctx, response, s)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, dependencies=[Depends(same_origin)])
def logout(
    response: Response,
    session: SessionDep,
    cookie: RefreshCookie = None,
    body: Annotated[RefreshIn | None, Body()] = None,
) -> None:
    """End the session of this refresh token (body or cookie)."""
    service.logout(session, (body.refresh_token if body else None) or cookie)
    response.delete_cookie(REFRESH_COOKIE, path=COOKIE_PATH)


@router.get("/me")
async def me(user: CurrentUser) -> UserOut:
    """The logged-in user."""
    return UserOut.model_validate(user)


@router.patch("/me")
def update_me(body: ProfileIn, user: CurrentUser, session: SessionDep) -> UserOut:
    """Change name, time zone or brand voice."""
    return UserOut.model_validate(service.update_profile(session, user.id, body))


@router.post("/password")
def change_password(
    body: PasswordChangeIn,
    request: Request,
    response: Response,
    user: CurrentUser,
    ctx: ContextDep,
    session: SessionDep,
) -> TokenPairOut:
    """Change the password; every other session is logged out, this one gets new tokens."""
    s = service.change_password(
        ctx,
        session,
        user.id,
        body.current_password,
        body.new_password,
        request.headers.get("user-agent"),
    )
    return _issue(ctx, response, s)


@router.post("/verify-email")
def verify_email(body: TokenIn, session: SessionDep) -> UserOut:
    """Confirm the e-mail address with the token from the confirmation e-mail."""
    return UserOut.model_validate(service.verify_email(session, body.token))


@router.post("/verify-email/resend", status_code=status.HTTP_202_ACCEPTED)
def resend_verification(
    request: Request, user: CurrentUser, ctx: ContextDep, session: SessionDep
) -> AcceptedOut:
    """Send the confirmation e-mail again (at most once a minute)."""
    service.resend_verification(ctx, session, user.id, _client_ip(request))
    return AcceptedOut(detail="A new confirmation e-mail is on its way.")


@router.post("/password-reset/request", status_code=status.HTTP_202_ACCEPTED)
def request_reset(
    body: ResetRequestIn, request: Request, ctx: ContextDep, session: SessionDep
) -> AcceptedOut:
    """E-mail a reset link if the account exists; the answer is the same either way.

    A few per address per hour: past that nothing more is sent (the answer stays the same).
    """
    service.request_password_reset(ctx, session, str(body.email), _client_ip(request))
    return AcceptedOut(detail="If an account uses this address, a reset link is on its way.")


@router.post("/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
def confirm_reset(body: ResetConfirmIn, ctx: ContextDep, session: SessionDep) -> None:
    """Set a new password with the token from the reset e-mail; all sessions end."""
    service.confirm_password_reset(ctx, session, body.token, body.new_password)
