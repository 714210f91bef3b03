"""LinkedIn Pages as accounts of their own, end to end (issue 19 §5): at connect the Pages
the member administers are offered, several are connected at once, posts go out as the
organisation, and a Page the member no longer administers asks for a reconnect while the
member's own profile keeps posting."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from socialflow.models import Workspace
from tests.publishing.conftest import Live


@pytest.fixture
def grace(live: Live) -> dict[str, Any]:
    who = live.user("grace@example.com")
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    live.connect(who, "linkedin", "grace_hopper")
    return who


def _accounts(live: Live, who: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = live.http.get(
        "/api/social-accounts", headers=who["headers"]
    ).json()["items"]
    return items


def _publish(live: Live, who: dict[str, Any], account_id: str, text: str) -> dict[str, Any]:
    r = live.http.post(
        "/api/posts",
        json={"content": text, "social_account_ids": [account_id], "publish": True},
        headers=who["headers"],
    )
    assert r.status_code == 201, r.text
    live.run()
    post: dict[str, Any] = live.http.get(
        f"/api/posts/{r.json()['id']}", headers=who["headers"]
    ).json()
    return post


def test_pages_are_offered_and_connected_as_accounts_of_their_own(
    live: Live, grace: dict[str, Any]
) -> None:
    (member,) = _accounts(live, grace)
    names = [c["name"] for c in member["choices"]]
    assert names == ["Grace Hopper (profile)", "Grace Hopper Inc", "Grace Hopper Labs"]
    pages = [c["id"] for c in member["choices"][1:]]
    r = live.http.post(
        f"/api/social-accounts/{member['id']}/choices",
        json={"choice_ids": pages},
        headers=grace["headers"],
    )
    assert r.status_code == 201, r.text
    made = r.json()["items"]
    assert [a["platform_user_id"] for a in made] == pages
    assert [a["display_name"] for a in made] == ["Grace Hopper Inc", "Grace Hopper Labs"]
    assert all(a["follower_count"] and a["username"] for a in made)
    accounts = _accounts(live, grace)
    assert len(accounts) == 3  # the member's profile stays
    assert member["id"] in {a["id"] for a in accounts}
    # Adding them again changes nothing; a choice the login does not offer is refused.
    again = live.http.post(
        f"/api/social-accounts/{member['id']}/choices",
        json={"choice_ids": pages[:1]},
        headers=grace["headers"],
    )
    assert again.status_code == 201 and len(_accounts(live, grace)) == 3
    bad = live.http.post(
        f"/api/social-accounts/{member['id']}/choices",
        json={"choice_ids": ["urn:li:organization:1"]},
        headers=grace["headers"],
    )
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "choice_ids"


def test_a_page_post_goes_out_as_the_organisation(live: Live, grace: dict[str, Any]) -> None:
    (member,) = _accounts(live, grace)
    page_urn = member["choices"][1]["id"]
    page = live.http.post(
        f"/api/social-accounts/{member['id']}/choices",
        json={"choice_ids": [page_urn]},
        headers=grace["headers"],
    ).json()["items"][0]
    post = _publish(live, grace, page["id"], "Company news: we are hiring #jobs")
    (target,) = post["platform_posts"]
    assert target["status"] == "published", target
    assert target["platform_url"].endswith(target["platform_post_id"])
    (record,) = live.published("linkedin")
    assert record["extra"]["body"]["author"] == page_urn
    assert record["user_id"] == page_urn


def test_a_page_no_longer_administered_asks_for_a_reconnect(
    live: Live, grace: dict[str, Any]
) -> None:
    (member,) = _accounts(live, grace)
    page_urn = member["choices"][1]["id"]
    page = live.http.post(
        f"/api/social-accounts/{member['id']}/choices",
        json={"choice_ids": [page_urn]},
        headers=grace["headers"],
    ).json()["items"][0]
    # An admin of the Page removes Grace's role on LinkedIn.
    for key, box in live.store.objects.items():
        if key.startswith("linkedin:orgs:"):
            for org in box["orgs"]:
                if f"urn:li:organization:{org['id']}" == page_urn:
                    org["state"] = "REVOKED"
    post = _publish(live, grace, page["id"], "Can I still post as the company?")
    (target,) = post["platform_posts"]
    assert target["status"] == "failed" and target["error_code"] == "reconnect_needed"
    assert "no longer an administrator of the Page Grace Hopper Inc" in target["error_message"]
    accounts = {a["id"]: a for a in _accounts(live, grace)}
    assert accounts[page["id"]]["status"] == "needs_reauth"
    assert "reconnect" in accounts[page["id"]]["status_reason"]
    assert accounts[member["id"]]["status"] == "active"
    mine = _publish(live, grace, member["id"], "My own profile still works")
    assert mine["platform_posts"][0]["status"] == "published"
    assert live.published("linkedin")[0]["extra"]["body"]["author"].startswith("urn:li:person:")
