"""Settings from the environment and an optional `.env`; every external base URL is one of them."""

from __future__ import annotations

import hmac
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLATFORMS: tuple[str, ...] = ("twitter", "instagram", "tiktok", "linkedin", "facebook", "youtube")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    # --- the app
    env: Literal["development", "production", "test"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    data_dir: Path = Path("var")
    database_url: str | None = None  # default: sqlite file in data_dir
    redis_url: str | None = None  # set: Celery + Redis; unset: in-process jobs
    secret_key: str | None = None  # unset: generated once into data_dir/secret_key
    public_url: str | None = None  # default: http://{host}:{port}
    log_level: str = "INFO"
    auto_migrate: bool = True  # embedded default migrates on start
    # gc.freeze() once started (core/runtime.py): no full-collection pauses over startup objects
    gc_freeze: bool = True
    # Other origins (e.g. an admin tool) allowed to call the API from a browser with a bearer
    # token (CORS, no cookies). The dashboard is same-origin and needs none.
    cors_origins: list[str] = Field(default_factory=list)
    # Addresses of the reverse proxies whose X-Forwarded-For / -Proto are believed (comma-
    # separated IPs or networks, "*" for any): without it, behind a proxy every caller has the
    # proxy's address (one shared log-in throttle for everybody).
    forwarded_allow_ips: str = "127.0.0.1"
    # Requests bodies past these are refused with 413 before they are read (core/limits.py);
    # the upload route has MAX_UPLOAD_MB.
    max_body_kb: int = Field(default=1024, ge=1)
    max_webhook_body_kb: int = Field(default=64, ge=1)
    # The interactive API docs at /api/docs (self-hosted Swagger UI); off in production unless
    # set, as the docs page runs a large script on the origin that holds the refresh cookie.
    api_docs: bool | None = None

    # --- auth
    access_token_minutes: int = Field(default=15, ge=1, le=1440)
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    # Log-in throttle (auth/throttle.py): failures per (account, address) or per trusted
    # device, failures per address across accounts, and the soft delay on an account that
    # fails from everywhere.
    login_max_failures: int = Field(default=5, ge=1)
    login_window_seconds: int = Field(default=15 * 60, ge=1)
    login_ip_max_failures: int = Field(default=20, ge=1)
    login_account_slow_after: int = Field(default=10, ge=1)
    login_slow_seconds: int = Field(default=5, ge=1)
    # E-mails anyone can make us send (sign-up, reset, confirmation): per address, per client.
    mail_per_address_per_hour: int = Field(default=3, ge=1)
    mail_per_client_per_hour: int = Field(default=20, ge=1)
    # Sent mail is kept this long (its links redacted once sent), then deleted.
    outbox_retention_days: int = Field(default=30, ge=1)
    argon2_memory_kib: int = Field(default=19 * 1024, ge=19 * 1024)
    argon2_time_cost: int = Field(default=2, ge=2)
    argon2_parallelism: int = Field(default=1, ge=1)
    cookie_secure: bool | None = None  # default: True when public_url is https

    # --- e-mail (unset SMTP_HOST: the log and the outbox table)
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    mail_from: str = "Socialflow <no-reply@socialflow.local>"

    # --- tokens at rest: comma-separated Fernet keys, first encrypts, all decrypt
    token_encryption_keys: str | None = None  # unset: derived from secret_key

    # --- platforms: unset client id -> the built-in sandbox emulator
    twitter_client_id: str | None = None
    twitter_client_secret: str | None = None
    twitter_api_base: str = "https://api.x.com"
    twitter_auth_base: str = "https://x.com"
    instagram_client_id: str | None = None
    instagram_client_secret: str | None = None
    instagram_api_base: str = "https://graph.facebook.com"
    instagram_auth_base: str = "https://www.facebook.com"
    # Business Login for Instagram (accounts without a Facebook Page): the Instagram app's own
    # id/secret (App Dashboard > Instagram > API setup with Instagram login); unset: the sandbox
    instagram_login_client_id: str | None = None
    instagram_login_client_secret: str | None = None
    instagram_login_api_base: str = "https://graph.instagram.com"
    instagram_login_auth_base: str = "https://www.instagram.com"
    instagram_login_token_base: str = "https://api.instagram.com"  # noqa: S105 (a host)
    tiktok_client_id: str | None = None  # TikTok calls it client_key
    tiktok_client_secret: str | None = None
    tiktok_api_base: str = "https://open.tiktokapis.com"
    tiktok_auth_base: str = "https://www.tiktok.com"
    # Photo posts: TikTok pulls each photo from its URL (PULL_FROM_URL), only from a domain or
    # URL prefix verified in the TikTok developer portal; the media URLs' prefixes verified
    # there (e.g. "https://media.example.com/"). Empty: photo posts are refused (real TikTok).
    tiktok_verified_url_prefixes: list[str] = Field(default_factory=list)
    linkedin_client_id: str | None = None
    linkedin_client_secret: str | None = None
    linkedin_api_base: str = "https://api.linkedin.com"
    linkedin_auth_base: str = "https://www.linkedin.com"
    # LinkedIn-Version (YYYYMM); unset: the month before last, stepping on a 426 (sunset)
    linkedin_version: str | None = None
    facebook_client_id: str | None = None
    facebook_client_secret: str | None = None
    facebook_api_base: str = "https://graph.facebook.com"
    facebook_auth_base: str = "https://www.facebook.com"
    meta_graph_version: str = "v23.0"
    youtube_client_id: str | None = None
    youtube_client_secret: str | None = None
    youtube_api_base: str = "https://www.googleapis.com"
    youtube_auth_base: str = "https://accounts.google.com"
    youtube_token_base: str = "https://oauth2.googleapis.com"  # noqa: S105 - a URL
    platform_timeout_seconds: float = Field(default=20.0, gt=0)
    sandbox_latency_ms: int = Field(default=0, ge=0)
    # The built-in emulators (platforms, Stripe, Anthropic) at /sandbox. Default: on, except
    # with ENV=production, where a platform without credentials is simply unavailable.
    sandbox: bool | None = None
    # An external emulator process (`socialflow sandbox`) instead of the mounted one: set it
    # when several API processes or machines serve the app, so that all of them (and the
    # workers) share one sandbox state (OAuth codes, published posts, Stripe objects).
    sandbox_url: str | None = None
    # The emulators' /_admin endpoints (inspect and steer their state): with this bearer token,
    # or from loopback without a proxy in between when it is unset.
    sandbox_admin_token: str | None = None
    linkedin_member_read: bool = False  # r_member_social granted: reconciliation and metrics

    # --- the publishing engine
    publish_lease_seconds: int = Field(default=300, ge=5)  # longest a publish call may take
    claim_batch: int = Field(default=200, ge=1, le=1000)
    # Rows per publish job: taken in one commit, called concurrently, answers recorded
    # together. The 10,000-post spike (bench/spike.py) ran at ~340 posts/s with 10, ~530
    # with 25 and ~630 with 50: the per-job statements and commits are what a post costs.
    publish_batch: int = Field(default=50, ge=1, le=200)
    # Platform calls in flight per process (a thread pool the batches share).
    publish_concurrency: int = Field(default=32, ge=1, le=256)
    max_publish_attempts: int = Field(default=5, ge=1)
    retry_base_seconds: float = Field(default=10.0, gt=0)
    retry_cap_seconds: float = Field(default=900.0, gt=0)
    # After an unknown outcome: look for the post at the platform after each of these delays;
    # absent every time -> proven absent -> a new attempt.
    reconcile_delays: list[float] = Field(default_factory=lambda: [10.0, 60.0, 300.0])
    scheduler_interval_seconds: float = Field(default=1.0, gt=0)
    job_workers: int = Field(default=8, ge=1, le=64)  # in-process runner threads
    celery_queue: str = "socialflow"  # one queue per deployment sharing a Redis
    # Posts per rolling 24 h the platforms allow (platform-contracts.md): per account, and
    # for YouTube per app (videos.insert has its own bucket: 100 calls a day by default; a
    # project granted more sets DAILY_CAPS_PER_APP). Work over a cap is held until the window
    # frees, and the user is told, instead of failing at the platform; a quotaExceeded 403
    # still holds uploads until Pacific midnight (the old 1,600-unit rule ends there too).
    daily_caps_per_account: dict[str, int] = Field(
        default_factory=lambda: {"instagram": 50, "tiktok": 15, "twitter": 2400}
    )
    daily_caps_per_app: dict[str, int] = Field(default_factory=lambda: {"youtube": 100})

    # --- analytics (issue 7): metric fetches claimed from scheduled_jobs
    analytics_claim_batch: int = Field(default=200, ge=1, le=5000)  # rows per claim
    analytics_lease_seconds: int = Field(default=300, ge=5)  # longest one fetch job may take
    analytics_max_attempts: int = Field(default=5, ge=1)  # transient failures before giving up
    analytics_refresh_cooldown_seconds: int = Field(default=300, ge=0)  # "refresh now" per user

    # --- billing (unset STRIPE_SECRET_KEY: the built-in Stripe sandbox)
    stripe_secret_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str | None = None
    # A Stripe event whose handling failed is retried by billing.retry_webhooks after
    # base * (2^attempts - 1) seconds from its arrival (12 attempts: about 34 hours).
    billing_retry_base_seconds: float = Field(default=30.0, ge=0)

    # --- AI (unset ANTHROPIC_API_KEY: the offline optimizer)
    anthropic_api_key: str | None = None
    anthropic_base_url: str | None = None
    anthropic_model: str = "claude-sonnet-5-5"  # the newest Sonnet the pinned SDK lists
    anthropic_timeout_seconds: float = Field(default=30.0, gt=0)  # per attempt; SDK retries 2x
    ai_cache_days: int = Field(default=30, ge=0)  # 0: never reuse a cached Claude answer

    # --- media (unset S3_BUCKET: local folder under data_dir/media)
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    max_upload_mb: int = Field(default=512, ge=1)
    # Media checks and URLs (media package). Images over this many pixels are refused before
    # any decoding (decompression bombs); Pillow's own limit is a backstop.
    max_image_pixels: int = Field(default=50_000_000, ge=1)
    media_url_ttl_seconds: int = Field(default=3600, ge=10)  # URLs the dashboard gets
    # URLs handed to a platform, which may fetch them late (queued video processing).
    media_platform_url_ttl_seconds: int = Field(default=6 * 3600, ge=60)
    media_import_timeout_seconds: float = Field(default=30.0, gt=0)  # whole import, all hops
    media_import_max_redirects: int = Field(default=5, ge=0, le=20)
    # TEST ONLY: networks the URL importer may reach although they are not public (tests serve
    # files on loopback). Never set this in a deployment: it re-opens SSRF to those networks.
    media_import_test_only_allow_cidrs: list[str] = Field(default_factory=list)

    # --- operations (issue 9): /metrics is served to loopback callers, or to anyone sending
    # `Authorization: Bearer METRICS_TOKEN` (a Prometheus on another host or container).
    metrics_token: str | None = None

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            url = self.database_url
            # Operators write postgres:// or postgresql://; we speak psycopg 3.
            for prefix in ("postgres://", "postgresql://"):
                if url.startswith(prefix):
                    return "postgresql+psycopg://" + url[len(prefix) :]
            return url
        return f"sqlite:///{self.data_dir / 'socialflow.db'}"

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.base_url.startswith("https://")

    @property
    def api_docs_enabled(self) -> bool:
        return self.api_docs if self.api_docs is not None else self.env != "production"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def signing_key(self) -> str:
        """SECRET_KEY, or one generated once and kept in DATA_DIR (mode 0600)."""
        if self.secret_key:
            return self.secret_key
        return _stored_secret(self.data_dir)

    @property
    def sandbox_enabled(self) -> bool:
        """Off in production unless SANDBOX=true (or SANDBOX_URL is set): real users must not
        land on fake platforms."""
        if self.sandbox is not None:
            return self.sandbox
        if self.sandbox_url:
            return True
        return self.env != "production"

    @property
    def sandbox_base(self) -> str:
        """Where the emulators answer: SANDBOX_URL, else mounted in the app at /sandbox.

        `{sandbox_base}/<platform>`, `/stripe` and `/anthropic` are the emulators' roots.
        """
        return (self.sandbox_url or f"{self.base_url}/sandbox").rstrip("/")

    def stripe_sandbox_keys(self) -> tuple[str, str]:
        """(test secret key, webhook signing secret) the Stripe emulator and the app share:
        stable across restarts (derived from the signing key), distinct per purpose."""

        def derived(purpose: str) -> str:
            mac = hmac.new(
                self.signing_key.encode(), f"stripe-sandbox:{purpose}".encode(), "sha256"
            )
            return mac.hexdigest()[:40]

        return f"sk_test_sbx_{derived('api')}", f"whsec_{derived('webhook')}"

    @property
    def sandbox_mounted(self) -> bool:
        """True when this app serves the emulators itself at /sandbox."""
        return self.sandbox_enabled and not self.sandbox_url

    def platform_configured(self, platform: str) -> bool:
        """True when real credentials are set; False means the sandbox emulator serves it."""
        return bool(getattr(self, f"{platform}_client_id", None)) and bool(
            getattr(self, f"{platform}_client_secret", None)
        )


@lru_cache(maxsize=8)
def _stored_secret(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    # O_EXCL: two processes starting at once agree on one key.
    try:
        with path.open("x") as fh:
            fh.write(value)
        path.chmod(0o600)
    except FileExistsError:
        return path.read_text().strip()
    return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
