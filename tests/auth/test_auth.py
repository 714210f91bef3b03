"""Auth end to end through the HTTP API: the wire contract the dashboard relies on."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.models import OutboxEmail, RefreshToken, User
from tests.fixtures.smtp import Mailbox

Register = Callable[..., dict[str, Any]]
PASSWORD = "correct horse battery"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _link_tokens(mailbox: Mailbox, email: str, path: str) -> list[str]:
    """The tokens of every `path?token=` link mailed to `email`, oldest first."""
    mailbox.wait_for(email, rf"{path}\?token=")
    bodies = [
        body.get_content()
        for m in list(mailbox.messages)
        if email in str(m["To"]) and (body := m.get_body(("plain",))) is not None
    ]
    return [t for b in bodies for t in re.findall(rf"{path}\?token=([\w-]+)", b)]


def _link_token(mailbox: Mailbox, email: str, path: str) -> str:
    return _link_tokens(mailbox, email, path)[-1]


# --------------------------------------------------------------------------- register


def test_register_returns_session_and_user(client: TestClient) -> None:
    r = client.post(
        "/api/auth/register",
        json={"email": "Ann@Example.com", "password": PASSWORD, "full_name": "  Ann   Lee "},
    )
    assert r.status_code == 201
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["user"]["email"] == "ann@example.com"
    assert body["user"]["full_name"] == "Ann Lee"
    assert body["user"]["email_verified"] is False
    assert body["user"]["subscription_tier"] == "free"
    assert "password" not in r.text and "password_hash" not in r.text
    me = client.get("/api/auth/me", headers=_bearer(body["access_token"]))
    assert me.status_code == 200 and me.json()["id"] == body["user"]["id"]


def test_password_is_stored_as_argon2id(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    user = register()["user"]
    with ctx.db.session() as s:
        stored = s.get(User, uuid.UUID(user["id"]))
        assert stored is not None
        assert stored.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_duplicate_email_is_409(client: TestClient, register: Register) -> None:
    register("dup@example.com")
    r = client.post(
        "/api/auth/register",
        json={"email": "DUP@example.com", "password": PASSWORD, "full_name": "X"},
    )
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "email_taken"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "not-an-email", "password": PASSWORD, "full_name": "A"}, "email"),
        ({"email": "a@example.com", "password": "short", "full_name": "A"}, "password"),
        ({"email": "a@example.com", "password": "aaaaaaaaaaaa", "full_name": "A"}, "password"),
        ({"email": "a@example.com", "password": PASSWORD, "full_name": "   "}, "full_name"),
        ({"email": "a@example.com", "password": PASSWORD}, "full_name"),
    ],
)
def test_invalid_registration_names_the_field(
    client: TestClient, ctx: AppContext, payload: dict[str, str], field: str
) -> None:
    r = client.post("/api/auth/register", json=payload)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "validation_error"
    assert field in [d["field"] for d in error["details"]]
    assert field in error["message"]
    with ctx.db.session() as s:
        assert s.scalar(select(User).where(User.email == "a@example.com")) is None


def test_malformed_json_is_a_clear_422(client: TestClient) -> None:
    r = client.post(
        "/api/auth/login", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "validation_error"


# --------------------------------------------------------------------------- login


def test_login_sets_httponly_cookie_and_returns_pair(
    client: TestClient, register: Register
) -> None:
    register("log@example.com")
    r = client.post("/api/auth/login", json={"email": "log@example.com", "password": PASSWORD})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in", "user"}
    cookie = r.headers["set-cookie"]
    assert "sf_refresh=" in cookie and "HttpOnly" in cookie and "Path=/api/auth" in cookie
    assert "samesite=lax" in cookie.lower()
    assert r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("email", ["log@example.com", "nobody@example.com"])
def test_wrong_credentials_do_not_say_which_part(
    client: TestClient, register: Register, email: str
) -> None:
    register("log@example.com")
    r = client.post("/api/auth/login", json={"email": email, "password": "wrong password!"})
    assert r.status_code == 401
    assert r.json()["error"] == {
        "code": "invalid_credentials",
        "message": "The e-mail or password is not correct.",
        "details": None,
    }


def test_unknown_email_runs_the_same_argon2_work(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    """No timing oracle: an unknown e-mail is checked against a dummy hash of the same cost."""
    register("timing@example.com")
    real = ctx.security.passwords.hasher
    seen: list[str] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def verify(self, hash_: str, password: str) -> bool:
            seen.append(hash_)
            return real.verify(hash_, password)

    ctx.security.passwords.hasher = Spy()  # type: ignore[assignment]
    for email in ("timing@example.com", "ghost@example.com"):
        r = client.post("/api/auth/login", json={"email": email, "password": "nope nope nope"})
        assert r.status_code == 401
    assert len(seen) == 2
    params = [h.split("$")[3] for h in seen]  # m=...,t=...,p=...
    assert params[0] == params[1] == "m=19456,t=2,p=1"


def test_throttle_after_five_failures_per_account(client: TestClient, register: Register) -> None:
    register("victim@example.com")
    for _ in range(5):
        r = client.post("/api/auth/login", json={"email": "victim@example.com", "password": "x"})
        assert r.status_code == 401
    r = client.post("/api/auth/login", json={"email": "victim@example.com", "password": PASSWORD})
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "too_many_attempts"
    assert 1 <= int(r.headers["retry-after"]) <= 15 * 60


def test_throttle_per_ip_across_accounts(client: TestClient, ctx: AppContext) -> None:
    for i in range(ctx.settings.login_ip_max_failures):
        client.post("/api/auth/login", json={"email": f"n{i}@example.com", "password": "x"})
    r = client.post("/api/auth/login", json={"email": "fresh@example.com", "password": "x"})
    assert r.status_code == 429


def test_success_resets_the_account_counter(client: TestClient, register: Register) -> None:
    register("ok@example.com")
    for _ in range(4):
        client.post("/api/auth/login", json={"email": "ok@example.com", "password": "x"})
    ok = client.post("/api/auth/login", json={"email": "ok@example.com", "password": PASSWORD})
    assert ok.status_code == 200
    # The per-account count started over; one more failure is a plain 401, not 429.
    r = client.post("/api/auth/login", json={"email": "ok@example.com", "password": "x"})
    assert r.status_code == 401


def test_login_rehashes_when_parameters_change(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    user = register("re@example.com")["user"]
    old = ctx.security.passwords.hasher
    from argon2 import PasswordHasher, Type

    ctx.security.passwords.hasher = PasswordHasher(
        time_cost=3, memory_cost=old.memory_cost, parallelism=1, type=Type.ID
    )
    r = client.post("/api/auth/login", json={"email": "re@example.com", "password": PASSWORD})
    assert r.status_code == 200
    with ctx.db.session() as s:
        stored = s.get(User, uuid.UUID(user["id"]))
        assert stored is not None and ",t=3," in stored.password_hash


# --------------------------------------------------------------------------- tokens


def test_me_requires_a_token(client: TestClient) -> None:
    r = client.get("/api/auth/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"


def _forge(
    ctx: AppContext, claims: dict[str, Any], key: bytes | str | None = None, alg: str = "HS256"
) -> str:
    return jwt.encode(claims, key if key is not None else ctx.security.access.key, algorithm=alg)


def test_expired_tampered_and_alg_none_tokens_are_rejected(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    session = register()
    user_id = session["user"]["id"]
    now = utcnow()
    base = {"sub": user_id, "iss": "socialflow", "aud": "socialflow-api", "typ": "access"}
    expired = _forge(
        ctx, {**base, "iat": now - timedelta(hours=1), "exp": now - timedelta(minutes=1)}
    )
    wrong_key = _forge(ctx, {**base, "iat": now, "exp": now + timedelta(minutes=5)}, key=b"x" * 32)
    header, payload, sig = session["access_token"].split(".")
    tampered = ".".join(
        [header, payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB"), sig]
    )
    unsigned = jwt.encode(
        {**base, "iat": now, "exp": now + timedelta(minutes=5)}, None, algorithm="none"
    )
    wrong_type = _forge(
        ctx, {**base, "typ": "refresh", "iat": now, "exp": now + timedelta(minutes=5)}
    )
    for token in (expired, wrong_key, tampered, unsigned, wrong_type, "garbage"):
        r = client.get("/api/auth/me", headers=_bearer(token))
        assert r.status_code == 401, token
        assert r.json()["error"]["code"] == "invalid_token"
    good = _forge(ctx, {**base, "iat": now, "exp": now + timedelta(minutes=5)})
    assert client.get("/api/auth/me", headers=_bearer(good)).status_code == 200


def test_refresh_rotates(client: TestClient, register: Register) -> None:
    first = register()
    r = client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert client.get("/api/auth/me", headers=_bearer(second["access_token"])).status_code == 200
    third = client.post("/api/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert third.status_code == 200


def test_refresh_from_cookie(client: TestClient, register: Register) -> None:
    register("cookie@example.com")
    client.post("/api/auth/login", json={"email": "cookie@example.com", "password": PASSWORD})
    assert client.cookies.get("sf_refresh")
    r = client.post("/api/auth/refresh")
    assert r.status_code == 200
    assert client.cookies.get("sf_refresh") == r.json()["refresh_token"]


def test_refresh_reuse_revokes_the_whole_family(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    first = register()
    second = client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    reuse = client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "refresh_token_reused"
    # The legitimate newest token died with its family.
    r = client.post("/api/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert r.status_code == 401
    with ctx.db.session() as s:
        tokens = s.scalars(
            select(RefreshToken).where(RefreshToken.user_id == uuid.UUID(first["user"]["id"]))
        ).all()
        assert tokens and all(t.revoked_at is not None for t in tokens)


def test_refresh_tokens_are_stored_hashed(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    session = register()
    with ctx.db.session() as s:
        hashes = s.scalars(select(RefreshToken.token_hash)).all()
    assert session["refresh_token"] not in hashes
    assert all(len(h) == 64 for h in hashes)


def test_logout_kills_the_refresh_token(client: TestClient, register: Register) -> None:
    session = register()
    other_device = client.post(
        "/api/auth/login", json={"email": session["user"]["email"], "password": PASSWORD}
    ).json()
    r = client.post("/api/auth/logout", json={"refresh_token": session["refresh_token"]})
    assert r.status_code == 204
    assert 'sf_refresh=""' in r.headers["set-cookie"] or "Max-Age=0" in r.headers["set-cookie"]
    dead = client.post("/api/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert dead.status_code == 401
    # Another device's session is its own family and lives on.
    alive = client.post("/api/auth/refresh", json={"refresh_token": other_device["refresh_token"]})
    assert alive.status_code == 200


def test_refresh_without_token_or_with_garbage_is_401(client: TestClient) -> None:
    assert client.post("/api/auth/refresh").status_code == 401
    r = client.post("/api/auth/refresh", json={"refresh_token": "nope"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_refresh_token"


def test_expired_refresh_token_is_401(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    session = register()
    with ctx.db.session() as s:
        for token in s.scalars(select(RefreshToken)):
            token.expires_at = utcnow() - timedelta(seconds=1)
    r = client.post("/api/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert r.status_code == 401


# --------------------------------------------------------------------------- profile


def test_update_profile_and_timezone(client: TestClient, auth_headers: dict[str, str]) -> None:
    r = client.patch(
        "/api/auth/me",
        json={"full_name": "Ann B", "timezone": "Europe/Paris", "brand_voice": "warm"},
        headers=auth_headers,
    )
    assert r.status_code == 200
    assert (r.json()["full_name"], r.json()["timezone"]) == ("Ann B", "Europe/Paris")
    bad = client.patch("/api/auth/me", json={"timezone": "Mars/Olympus"}, headers=auth_headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "timezone"
    # The rejected request lost nothing already saved.
    assert client.get("/api/auth/me", headers=auth_headers).json()["timezone"] == "Europe/Paris"


def test_change_password_ends_other_sessions(client: TestClient, register: Register) -> None:
    session = register()
    wrong = client.post(
        "/api/auth/password",
        json={"current_password": "not it at all", "new_password": "a brand new secret"},
        headers=_bearer(session["access_token"]),
    )
    assert (
        wrong.status_code == 422
        and wrong.json()["error"]["details"][0]["field"] == "current_password"
    )
    r = client.post(
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": "a brand new secret"},
        headers=_bearer(session["access_token"]),
    )
    assert r.status_code == 200
    assert (
        client.post(
            "/api/auth/refresh", json={"refresh_token": session["refresh_token"]}
        ).status_code
        == 401
    )
    email = session["user"]["email"]
    assert (
        client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).status_code
        == 401
    )
    ok = client.post("/api/auth/login", json={"email": email, "password": "a brand new secret"})
    assert ok.status_code == 200


# --------------------------------------------------------------------------- e-mail flows


def test_verification_flow(client: TestClient, mailbox: Mailbox, register: Register) -> None:
    session = register("verify@example.com")
    token = _link_token(mailbox, "verify@example.com", "/verify-email")
    r = client.post("/api/auth/verify-email", json={"token": token})
    assert r.status_code == 200 and r.json()["email_verified"] is True
    me = client.get("/api/auth/me", headers=_bearer(session["access_token"])).json()
    assert me["email_verified"] is True
    again = client.post("/api/auth/verify-email", json={"token": token})
    assert again.status_code == 400 and again.json()["error"]["code"] == "invalid_token"


def test_resend_verification_is_rate_limited(
    client: TestClient, ctx: AppContext, register: Register
) -> None:
    session = register("resend@example.com")
    r = client.post("/api/auth/verify-email/resend", headers=_bearer(session["access_token"]))
    assert r.status_code == 429  # one was sent at sign-up seconds ago
    with ctx.db.session() as s:
        from socialflow.models import EmailToken

        for t in s.scalars(select(EmailToken)):
            t.created_at = utcnow() - timedelta(minutes=2)
    r = client.post("/api/auth/verify-email/resend", headers=_bearer(session["access_token"]))
    assert r.status_code == 202
    with ctx.db.session() as s:
        count = len(
            s.scalars(
                select(OutboxEmail).where(OutboxEmail.to_address == "resend@example.com")
            ).all()
        )
    assert count == 2


def test_password_reset_flow(client: TestClient, mailbox: Mailbox, register: Register) -> None:
    session = register("reset@example.com")
    for email in ("reset@example.com", "nobody@example.com"):
        r = client.post("/api/auth/password-reset/request", json={"email": email})
        assert r.status_code == 202  # same answer whether or not the account exists
    token = _link_token(mailbox, "reset@example.com", "/reset-password")
    weak = client.post(
        "/api/auth/password-reset/confirm", json={"token": token, "new_password": "x"}
    )
    assert weak.status_code == 422
    r = client.post(
        "/api/auth/password-reset/confirm",
        json={"token": token, "new_password": "another long secret"},
    )
    assert r.status_code == 204
    assert (
        client.post(
            "/api/auth/refresh", json={"refresh_token": session["refresh_token"]}
        ).status_code
        == 401
    )
    login = client.post(
        "/api/auth/login", json={"email": "reset@example.com", "password": "another long secret"}
    )
    assert login.status_code == 200 and login.json()["user"]["email_verified"] is True
    reused = client.post(
        "/api/auth/password-reset/confirm",
        json={"token": token, "new_password": "yet another secret"},
    )
    assert reused.status_code == 400


def test_expired_reset_link_is_rejected(
    client: TestClient, ctx: AppContext, mailbox: Mailbox, register: Register
) -> None:
    register("late@example.com")
    client.post("/api/auth/password-reset/request", json={"email": "late@example.com"})
    token = _link_token(mailbox, "late@example.com", "/reset-password")
    with ctx.db.session() as s:
        from socialflow.models import EmailToken

        for t in s.scalars(select(EmailToken).where(EmailToken.purpose == "password_reset")):
            t.expires_at = utcnow() - timedelta(seconds=1)
    r = client.post(
        "/api/auth/password-reset/confirm",
        json={"token": token, "new_password": "another long secret"},
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_token"


def test_e_mail_is_not_sent_when_the_request_fails(client: TestClient, ctx: AppContext) -> None:
    """The outbox is written in the request's transaction: a failed sign-up sends nothing."""
    client.post(
        "/api/auth/register", json={"email": "x@example.com", "password": "short", "full_name": "X"}
    )
    with ctx.db.session() as s:
        assert s.scalars(select(OutboxEmail)).all() == []
