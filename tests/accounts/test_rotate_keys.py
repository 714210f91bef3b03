"""`socialflow rotate-keys`: every secret re-encrypted under the new first key; old keys keep
decrypting until then."""

from __future__ import annotations

import uuid

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select

from socialflow import cli
from socialflow.accounts.oauth import start_connect
from socialflow.accounts.schemas import ConnectIn
from socialflow.accounts.tokens import store_tokens, tokens_for
from socialflow.core.clock import utcnow
from socialflow.core.config import Settings, get_settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from socialflow.core.permissions import Scope
from socialflow.models import OAuthState, SocialAccount, User
from socialflow.models.workspaces import add_personal_workspace
from socialflow.platforms.base import TokenSet

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def _context(settings: Settings, db: Database, keys: str) -> AppContext:
    return AppContext.build(settings.model_copy(update={"token_encryption_keys": keys}), db)


def _seed(ctx: AppContext) -> tuple[uuid.UUID, TokenSet]:
    tokens = TokenSet(
        access_token="access-" + uuid.uuid4().hex,
        refresh_token="refresh-" + uuid.uuid4().hex,
        extra={"page_access_token": "page-" + uuid.uuid4().hex},
    )
    with ctx.db.session() as session:
        user = User(
            email=f"k-{uuid.uuid4().hex[:6]}@example.com", full_name="Keys", password_hash="x"
        )
        session.add(user)
        session.flush()
        add_personal_workspace(session, user.id, utcnow())
        account = SocialAccount(
            workspace_id=user.id, platform="facebook", platform_user_id="1", meta={}
        )
        store_tokens(ctx, account, tokens)
        session.add(account)
        start_connect(ctx, session, Scope(user.id, user.id, "owner"), ConnectIn(platform="twitter"))
        session.flush()
        return account.id, tokens


def _raw(db: Database) -> list[str]:
    with db.read_sessions() as session:
        account = session.scalars(select(SocialAccount)).one()
        state = session.scalars(select(OAuthState)).one()
        values = [account.access_token, account.refresh_token, account.token_extra]
        return [v for v in values if v] + [state.code_verifier]


def test_rotate_keys_reencrypts_everything(
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old_ctx = _context(settings, db, OLD_KEY)
    account_id, tokens = _seed(old_ctx)
    before = _raw(db)
    assert len(before) == 4

    # The new key goes first; the old one stays, so nothing stops working meanwhile.
    both = _context(settings, db, f"{NEW_KEY},{OLD_KEY}")
    with db.read_sessions() as session:
        account = session.get(SocialAccount, account_id)
        assert account is not None
        assert tokens_for(both, session, account) == tokens
    for value in before:
        Fernet(OLD_KEY.encode()).decrypt(value.encode())
        with pytest.raises(InvalidToken):
            Fernet(NEW_KEY.encode()).decrypt(value.encode())

    # The command reads its settings from the environment, as an operator runs it.
    monkeypatch.setenv("DATABASE_URL", settings.sqlalchemy_url)
    monkeypatch.setenv("SECRET_KEY", settings.signing_key)
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TOKEN_ENCRYPTION_KEYS", f"{NEW_KEY},{OLD_KEY}")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    get_settings.cache_clear()
    try:
        assert cli.main(["rotate-keys"]) == 0
    finally:
        get_settings.cache_clear()
    out = capsys.readouterr().out
    assert "social_accounts.access_token: 1 re-encrypted" in out
    assert "social_accounts.refresh_token: 1 re-encrypted" in out
    assert "social_accounts.token_extra: 1 re-encrypted" in out
    assert "oauth_states.code_verifier: 1 re-encrypted" in out
    assert "4 values now under the first key" in out

    after = _raw(db)
    assert all(a != b for a, b in zip(after, before, strict=True))
    for value, old in zip(after, before, strict=True):
        # Same secret, now under the new key alone.
        plain = Fernet(NEW_KEY.encode()).decrypt(value.encode())
        assert plain == Fernet(OLD_KEY.encode()).decrypt(old.encode())
        with pytest.raises(InvalidToken):
            Fernet(OLD_KEY.encode()).decrypt(value.encode())
    new_only = _context(settings, db, NEW_KEY)
    with db.read_sessions() as session:
        account = session.get(SocialAccount, account_id)
        assert account is not None
        assert tokens_for(new_only, session, account) == tokens


def test_rotate_keys_reports_unreadable_values(
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _seed(_context(settings, db, OLD_KEY))
    monkeypatch.setenv("DATABASE_URL", settings.sqlalchemy_url)
    monkeypatch.setenv("SECRET_KEY", settings.signing_key)
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TOKEN_ENCRYPTION_KEYS", NEW_KEY)  # the old key was dropped too early
    monkeypatch.setenv("LOG_LEVEL", "CRITICAL")
    get_settings.cache_clear()
    try:
        assert cli.main(["rotate-keys"]) == 1
    finally:
        get_settings.cache_clear()
    out = capsys.readouterr().out
    assert "social_accounts.access_token: 0 re-encrypted, 1 UNREADABLE" in out
    assert _raw(db)[0]  # left as it was, not destroyed
