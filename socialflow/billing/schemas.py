"""Billing wire shapes: plans, checkout/portal links, the user's subscription and usage."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PaidPlan = Literal["starter", "pro", "business"]
Interval = Literal["month", "year"]


class PlanOut(BaseModel):
    slug: str
    name: str
    currency: str = "usd"
    price_monthly: int = Field(description="cents per month")
    price_yearly: int | None = Field(description="cents per year")
    posts_per_month: int = Field(description="-1 = unlimited")
    connected_accounts_limit: int
    seat_limit: int = Field(description="members a workspace on this plan may have")
    features: list[str]


class PlansOut(BaseModel):
    plans: list[PlanOut]


class CheckoutIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: PaidPlan
    interval: Interval = "month"


class UrlOut(BaseModel):
    url: str


class UsageOut(BaseModel):
    posts_this_month: int
    posts_per_month: int = Field(description="-1 = unlimited")
    connected_accounts: int
    connected_accounts_limit: int
    paused_accounts: int
    seats_used: int = Field(description="members and pending invitations")
    seat_limit: int
    period_start: datetime


class SubscriptionOut(BaseModel):
    tier: str = Field(description="the plan whose limits apply now")
    plan: str = Field(description="the plan subscribed to (may differ from tier when restricted)")
    plan_name: str
    status: str = Field(description="Stripe's status, or inactive on Free")
    interval: Interval | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    grace_until: datetime | None = Field(description="past_due: limits stay until then")
    restricted: bool = Field(description="past_due beyond grace: Free limits apply")
    usage: UsageOut
    features: list[str]
