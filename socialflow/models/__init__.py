"""All models, imported so `Base.metadata` knows every table."""

# Registers the e-mail outbox: messages queued with Mailer.send become rows in their transaction.
from socialflow.models import outbox  # noqa: F401
from socialflow.models.accounts import FollowerSnapshot, OAuthState, SocialAccount
from socialflow.models.ai import AICacheEntry
from socialflow.models.analytics import PostMetricsLatest
from socialflow.models.base import Base
from socialflow.models.billing import (
    ScheduledJob,
    StripeWebhookLog,
    Subscription,
    SubscriptionPlan,
    UsageLog,
)
from socialflow.models.posts import (
    ContentItem,
    MediaAsset,
    PlatformPost,
    PlatformPostPart,
    Post,
    PostAnalytics,
    PostComment,
    PublishAttempt,
    ReviewLink,
)
from socialflow.models.users import (
    EmailToken,
    Notification,
    OutboxEmail,
    RefreshToken,
    ThrottleEvent,
    User,
)
from socialflow.models.workspaces import ActivityEvent, Invitation, Workspace, WorkspaceMember

__all__ = [
    "AICacheEntry",
    "ActivityEvent",
    "Base",
    "ContentItem",
    "EmailToken",
    "FollowerSnapshot",
    "Invitation",
    "MediaAsset",
    "Notification",
    "OAuthState",
    "OutboxEmail",
    "PlatformPost",
    "PlatformPostPart",
    "Post",
    "PostAnalytics",
    "PostComment",
    "PostMetricsLatest",
    "PublishAttempt",
    "RefreshToken",
    "ReviewLink",
    "ScheduledJob",
    "SocialAccount",
    "StripeWebhookLog",
    "Subscription",
    "SubscriptionPlan",
    "ThrottleEvent",
    "UsageLog",
    "User",
    "Workspace",
    "WorkspaceMember",
]
