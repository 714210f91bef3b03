"""Content library: CRUD, validation, search, tags, templates, "use", tenancy, roles."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from socialflow.core.context import AppContext
from socialflow.models import ContentItem, Workspace, WorkspaceMember

Headers = dict[str, str]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


def _media(client: TestClient, headers: Headers) -> str:
    response = client.post(
        "/api/posts/upload-media", files={"file": ("a.png", _png(), "image/png")}, headers=headers
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _create(client: TestClient, headers: Headers, **body: Any) -> dict[str, Any]:
    response = client.post("/api/library", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_crud_round_trip(client: TestClient, auth_headers: Headers, ctx: AppContext) -> None:
    media_id = _media(client, auth_headers)
    item = _create(
        client,
        auth_headers,
        title="Launch day",
        content="We launch on Monday 🚀",
        tags=["  Launch ", "launch", "Product News", ""],
        media_ids=[media_id, media_id],
    )
    assert item["tags"] == ["launch", "product news"]
    assert item["media_ids"] == [media_id]
    assert item["is_template"] is False
    got = client.get(f"/api/library/{item['id']}", headers=auth_headers).json()
    assert got == item

    updated = client.put(
        f"/api/library/{item['id']}", json={"content": "Now on Tuesday"}, headers=auth_headers
    ).json()
    assert updated["content"] == "Now on Tuesday"
    assert updated["title"] == "Launch day"  # not sent: unchanged
    assert updated["tags"] == ["launch", "product news"]
    assert updated["updated_at"] >= item["updated_at"]

    cleared = client.put(
        f"/api/library/{item['id']}", json={"title": None, "media_ids": []}, headers=auth_headers
    ).json()
    assert (cleared["title"], cleared["media_ids"]) == (None, [])

    assert client.delete(f"/api/library/{item['id']}", headers=auth_headers).status_code == 204
    assert client.get(f"/api/library/{item['id']}", headers=auth_headers).status_code == 404
    with ctx.db.read_sessions() as session:
        assert session.get(ContentItem, uuid.UUID(item["id"])) is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "content"),
        ({"content": "   "}, "content"),
        ({"content": "x" * 63_207}, "content"),
        ({"content": "x", "tags": [f"t{i}" for i in range(21)]}, "tags"),
        ({"content": "x", "tags": ["a" * 51]}, "tags"),
        ({"content": "x", "title": "t" * 256}, "title"),
        ({"content": "x", "media_ids": ["not-a-uuid"]}, "media_ids.0"),
    ],
)
def test_validation_names_the_field(
    body: dict[str, Any], field: str, client: TestClient, auth_headers: Headers
) -> None:
    response = client.post("/api/library", json=body, headers=auth_headers)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == field
    assert client.get("/api/library", headers=auth_headers).json()["total"] == 0


def test_limits_are_inclusive(client: TestClient, auth_headers: Headers) -> None:
    item = _create(
        client,
        auth_headers,
        content="x" * 63_206,
        tags=[f"tag{i}" for i in range(20)] + ["TAG0"],  # 21 given, 20 after de-duplication
    )
    assert len(item["tags"]) == 20
    assert len(item["content"]) == 63_206


def test_media_must_be_the_users_own(
    client: TestClient, auth_headers: Headers, register: Callable[..., dict[str, Any]]
) -> None:
    other = {"Authorization": f"Bearer {register()['access_token']}"}
    theirs = _media(client, other)
    for media_ids in ([theirs], [str(uuid.uuid4())]):
        response = client.post(
            "/api/library", json={"content": "x", "media_ids": media_ids}, headers=auth_headers
        )
        assert response.status_code == 422
        assert response.json()["error"]["details"][0]["field"] == "media_ids"
    item = _create(client, auth_headers, content="x")
    response = client.put(
        f"/api/library/{item['id']}", json={"media_ids": [theirs]}, headers=auth_headers
    )
    assert response.status_code == 422
    assert client.get(f"/api/library/{item['id']}", headers=auth_headers).json()["media_ids"] == []


def test_update_refuses_clearing_content(client: TestClient, auth_headers: Headers) -> None:
    item = _create(client, auth_headers, content="keep me")
    for body in ({"content": None}, {"content": ""}):
        response = client.put(f"/api/library/{item['id']}", json=body, headers=auth_headers)
        assert response.status_code == 422
    assert client.get(f"/api/library/{item['id']}", headers=auth_headers).json()["content"] == (
        "keep me"
    )


def test_search_tags_templates_and_paging(client: TestClient, auth_headers: Headers) -> None:
    a = _create(
        client, auth_headers, title="Summer SALE", content="Everything 50% off", tags=["promo"]
    )
    b = _create(client, auth_headers, content="Hiring: a backend engineer", tags=["jobs", "promo"])
    c = _create(
        client,
        auth_headers,
        title="Weekly tip",
        content="Tip of the week: {tip}",
        tags=["tips"],
        is_template=True,
        template_name="Weekly tip",
    )

    def ids(**params: Any) -> list[str]:
        page = client.get("/api/library", params=params, headers=auth_headers).json()
        return [i["id"] for i in page["items"]]

    assert ids() == [c["id"], b["id"], a["id"]]  # most recently changed first
    assert ids(q="sale") == [a["id"]]  # title, any case
    assert ids(q="BACKEND") == [b["id"]]  # content, any case
    assert ids(q="50%") == [a["id"]]  # a literal %, not a wildcard
    assert ids(q="_") == []
    assert ids(tag="promo") == [b["id"], a["id"]]
    assert ids(tag=" PROMO ") == [b["id"], a["id"]]
    assert ids(tag="pro") == []  # whole tags only
    assert ids(is_template=True) == [c["id"]]
    assert ids(is_template=False) == [b["id"], a["id"]]
    assert ids(q="tip", is_template=True, tag="tips") == [c["id"]]
    page = client.get("/api/library?limit=2&offset=1", headers=auth_headers).json()
    assert (page["total"], [i["id"] for i in page["items"]]) == (3, [b["id"], a["id"]])

    tags = client.get("/api/library/tags", headers=auth_headers).json()["tags"]
    assert tags == [
        {"tag": "promo", "count": 2},
        {"tag": "jobs", "count": 1},
        {"tag": "tips", "count": 1},
    ]

    # Editing moves an item to the top; un-templating drops the template name.
    edited = client.put(
        f"/api/library/{a['id']}",
        json={"is_template": True, "template_name": "Sale"},
        headers=auth_headers,
    ).json()
    assert (edited["is_template"], edited["template_name"]) == (True, "Sale")
    assert ids()[0] == a["id"]
    plain = client.put(
        f"/api/library/{a['id']}", json={"is_template": False}, headers=auth_headers
    ).json()
    assert plain["template_name"] is None


def test_use_returns_the_editor_payload_without_creating_a_post(
    client: TestClient, auth_headers: Headers
) -> None:
    media_id = _media(client, auth_headers)
    item = _create(
        client, auth_headers, title="T", content="Body", media_ids=[media_id], tags=["x"]
    )
    draft = client.post(f"/api/library/{item['id']}/use", headers=auth_headers)
    assert draft.status_code == 200
    assert draft.json() == {
        "content": "Body",
        "title": "T",
        "media_ids": [media_id],
        "tags": ["x"],
        "library_item_id": item["id"],
    }
    posts = client.get("/api/posts", headers=auth_headers)
    assert posts.status_code == 200
    assert posts.json()["total"] == 0  # the editor saves the post; "use" does not


def test_another_users_items_are_404_everywhere(
    client: TestClient, auth_headers: Headers, register: Callable[..., dict[str, Any]]
) -> None:
    item = _create(client, auth_headers, content="mine", tags=["secret"])
    other = {"Authorization": f"Bearer {register()['access_token']}"}
    path = f"/api/library/{item['id']}"
    assert client.get(path, headers=other).status_code == 404
    assert client.put(path, json={"content": "theirs"}, headers=other).status_code == 404
    assert client.delete(path, headers=other).status_code == 404
    assert client.post(f"{path}/use", headers=other).status_code == 404
    assert client.get("/api/library", headers=other).json()["total"] == 0
    assert client.get("/api/library?tag=secret", headers=other).json()["items"] == []
    assert client.get("/api/library/tags", headers=other).json()["tags"] == []
    assert client.get(path, headers=auth_headers).json()["content"] == "mine"


def test_needs_login(client: TestClient) -> None:
    assert client.get("/api/library").status_code == 401
    assert client.post("/api/library", json={"content": "x"}).status_code == 401


def _team(ctx: AppContext, owner: dict[str, Any], members: dict[str, dict[str, Any]]) -> str:
    """A team workspace of `owner` with these members (role -> registered user); its id."""
    with ctx.db.session() as s:
        ws = Workspace(name="Client A", owner_id=uuid.UUID(owner["user"]["id"]))
        s.add(ws)
        s.flush()
        s.add(WorkspaceMember(workspace_id=ws.id, user_id=ws.owner_id, role="owner"))
        for role, who in members.items():
            s.add(
                WorkspaceMember(workspace_id=ws.id, user_id=uuid.UUID(who["user"]["id"]), role=role)
            )
        return str(ws.id)


def _as(who: dict[str, Any], workspace_id: str | None = None) -> Headers:
    headers = {"Authorization": f"Bearer {who['access_token']}"}
    return {**headers, "X-Workspace-Id": workspace_id} if workspace_id else headers


def test_the_library_is_the_workspaces_editors_write_viewers_read(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    owner, editor, viewer = register(), register(), register()
    team = _team(ctx, owner, {"editor": editor, "viewer": viewer})
    item = _create(client, _as(editor, team), content="Team template", tags=["promo"])
    with ctx.db.session() as s:
        row = s.get(ContentItem, uuid.UUID(item["id"]))
        assert row is not None
        assert str(row.workspace_id) == team and str(row.created_by) == editor["user"]["id"]
    path = f"/api/library/{item['id']}"
    # Every member sees it in the team workspace; nobody sees it in their personal one.
    for who in (owner, editor, viewer):
        assert client.get(path, headers=_as(who, team)).json()["content"] == "Team template"
        assert client.get("/api/library", headers=_as(who, team)).json()["total"] == 1
        assert client.get("/api/library/tags", headers=_as(who, team)).json()["tags"] == [
            {"tag": "promo", "count": 1}
        ]
        assert client.get(path, headers=_as(who)).status_code == 404
        assert client.get("/api/library", headers=_as(who)).json()["total"] == 0
    # The owner edits the editor's item (it is the workspace's, not the author's).
    r = client.put(path, json={"content": "Edited"}, headers=_as(owner, team))
    assert r.status_code == 200 and r.json()["content"] == "Edited"
    # A viewer reads but may not write, nor start a post from it.
    for method, url, body in (
        ("POST", "/api/library", {"content": "x"}),
        ("PUT", path, {"content": "viewer"}),
        ("DELETE", path, None),
        ("POST", f"{path}/use", None),
    ):
        r = client.request(method, url, json=body, headers=_as(viewer, team))
        assert r.status_code == 403, (method, url, r.text)
        error = r.json()["error"]
        assert error["code"] == "forbidden_role" and error["details"]["required_role"] == "editor"
    assert client.get(path, headers=_as(viewer, team)).json()["content"] == "Edited"
    assert client.post(f"{path}/use", headers=_as(editor, team)).status_code == 200
    assert client.delete(path, headers=_as(editor, team)).status_code == 204
    assert client.get(path, headers=_as(owner, team)).status_code == 404


def test_a_non_member_gets_404_for_the_workspace(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    owner, outsider = register(), register()
    team = _team(ctx, owner, {})
    item = _create(client, _as(owner, team), content="private")
    for method, url in (
        ("GET", "/api/library"),
        ("GET", f"/api/library/{item['id']}"),
        ("POST", "/api/library"),
    ):
        r = client.request(method, url, json={"content": "x"}, headers=_as(outsider, team))
        assert r.status_code == 404 and r.json()["error"]["code"] == "workspace_not_found"
    with ctx.db.session() as s:
        assert s.query(ContentItem).count() == 1


def test_media_of_another_workspace_is_refused(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    """A member's own personal media is not the team's: referencing it from the team's
    library is refused (and the reverse)."""
    owner = register()
    team = _team(ctx, owner, {})
    personal_media = _media(client, _as(owner))
    r = client.post(
        "/api/library",
        json={"content": "x", "media_ids": [personal_media]},
        headers=_as(owner, team),
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "media_not_found"
    team_media = _media(client, _as(owner, team))
    item = _create(client, _as(owner, team), content="ok", media_ids=[team_media])
    assert item["media_ids"] == [team_media]
