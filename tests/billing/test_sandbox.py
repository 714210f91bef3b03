"""The Stripe sandbox speaks Stripe to the official SDK: shapes, errors, idempotency, signing."""

from __future__ import annotations

import calendar
import json
import time

import pytest
import stripe

from socialflow.billing import gateway
from socialflow.core.config import Settings
from socialflow.sandbox.stripe import decode_form
from socialflow.sandbox.stripe_delivery import sign
from socialflow.sandbox.stripe_state import StripeState, add_interval
from tests.billing.conftest import Live


def test_form_decoding_matches_the_sdks_encoding() -> None:
    pairs = [
        ("mode", "subscription"),
        ("line_items[0][price]", "price_1"),
        ("line_items[0][quantity]", "1"),
        ("metadata[user_id]", "u1"),
        ("lookup_keys[0]", "a"),
        ("lookup_keys[1]", "b"),
        ("expand[]", "x"),
    ]
    assert decode_form(pairs) == {
        "mode": "subscription",
        "line_items": [{"price": "price_1", "quantity": "1"}],
        "metadata": {"user_id": "u1"},
        "lookup_keys": ["a", "b"],
        "expand": ["x"],
    }


def test_calendar_month_periods_clamp_the_day() -> None:
    jan31 = calendar.timegm((2026, 1, 31, 12, 0, 0))  # UTC, whatever the machine's TZ
    feb = time.gmtime(add_interval(jan31, "month"))
    assert (feb.tm_mon, feb.tm_mday) == (2, 28)
    year = time.gmtime(add_interval(jan31, "year"))
    assert (year.tm_year, year.tm_mon, year.tm_mday) == (2027, 1, 31)


def test_idempotency_key_replays_and_refuses_other_parameters(live: Live) -> None:
    client = live.stripe
    first = client.v1.customers.create(
        params={"email": "a@example.com"}, options={"idempotency_key": "same-key"}
    )
    again = client.v1.customers.create(
        params={"email": "a@example.com"}, options={"idempotency_key": "same-key"}
    )
    assert first.id == again.id and first.id.startswith("cus_")
    assert again.last_response.headers.get("Idempotent-Replayed") == "true"
    with pytest.raises(stripe.IdempotencyError) as refused:
        client.v1.customers.create(
            params={"email": "b@example.com"}, options={"idempotency_key": "same-key"}
        )
    assert "same parameters" in str(refused.value.user_message)
    other = client.v1.customers.create(params={"email": "a@example.com"})
    assert other.id != first.id


def test_errors_have_stripes_shape(live: Live) -> None:
    with pytest.raises(stripe.InvalidRequestError) as missing:
        live.stripe.v1.subscriptions.retrieve("sub_nope")
    assert missing.value.http_status == 404
    assert missing.value.code == "resource_missing"
    body = json.loads(str(missing.value.http_body))
    assert body["error"]["type"] == "invalid_request_error"
    assert body["error"]["message"] == "No such subscription: 'sub_nope'"

    with pytest.raises(stripe.InvalidRequestError) as bad:
        live.stripe.v1.checkout.sessions.create(
            params={
                "mode": "subscription",
                "success_url": "http://x",
                "line_items": [{"price": "price_nope", "quantity": 1}],
            },
        )
    assert bad.value.param == "line_items[0][price]"

    wrong_key = stripe.StripeClient(
        "sk_test_wrong", base_addresses={"api": f"{live.base_url}/sandbox/stripe"}
    )
    with pytest.raises(stripe.AuthenticationError):
        wrong_key.v1.customers.create(params={"email": "x@example.com"})


def test_prices_by_lookup_key_and_key_conflicts(live: Live) -> None:
    client = live.stripe
    params = {
        "currency": "usd",
        "unit_amount": 500,
        "recurring": {"interval": "month"},
        "product_data": {"name": "Thing"},
        "lookup_key": "thing_month",
    }
    price = client.v1.prices.create(params=params)
    assert (price.object, price.type, price.recurring.interval) == ("price", "recurring", "month")
    with pytest.raises(stripe.InvalidRequestError) as taken:
        client.v1.prices.create(params=params)
    assert taken.value.param == "lookup_key"
    moved = client.v1.prices.create(params={**params, "transfer_lookup_key": True})
    listed = client.v1.prices.list(params={"lookup_keys": ["thing_month"]})
    assert [p.id for p in listed.data] == [moved.id]


def test_events_are_signed_so_the_sdk_accepts_them(live: Live) -> None:
    who = live.user()
    live.hold_deliveries()
    url = live.checkout_url(who, "starter")
    live.press(url, "Pay")
    event = live.events()[0]
    payload = json.dumps({k: v for k, v in event.items() if k != "delivery"})
    secret = gateway.sandbox_keys(live.ctx.settings)[1]
    parsed = stripe.Webhook.construct_event(payload, sign(payload, secret), secret)
    assert parsed.id.startswith("evt_") and parsed.type == "customer.subscription.created"
    sub = parsed.data.object
    assert sub.id.startswith("sub_") and sub.status == "active"
    assert sub["items"].data[0].current_period_end > time.time()


def test_state_survives_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "stripe.json"
    state = StripeState(path)
    state.put({"id": "cus_1", "object": "customer", "email": "a@example.com"})
    state.save()
    again = StripeState(path)
    assert again.get("cus_1", "customer")["email"] == "a@example.com"


def test_sandbox_keys_are_stable_per_signing_key(settings: Settings) -> None:
    first = gateway.sandbox_keys(settings)
    assert first == gateway.sandbox_keys(settings.model_copy())
    assert first[0].startswith("sk_test_") and first[1].startswith("whsec_")
    other = settings.model_copy(update={"secret_key": "another"})
    assert gateway.sandbox_keys(other) != first
    config = gateway.stripe_config(settings)
    assert config is not None and config.sandbox
    assert config.api_base == "http://testserver/sandbox/stripe"
    real = settings.model_copy(
        update={"stripe_secret_key": "sk_live_x", "stripe_webhook_secret": "whsec_real"}
    )
    config = gateway.stripe_config(real)
    assert config is not None and not config.sandbox
    assert config.api_base == "https://api.stripe.com"


def test_billing_off_without_key_or_sandbox(settings: Settings) -> None:
    off = settings.model_copy(update={"sandbox": False})
    assert gateway.stripe_config(off) is None
