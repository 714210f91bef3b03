"""The media library API (list, show, delete), tenancy, and the publisher's media_items."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from socialflow.core.context import AppContext
from socialflow.core.errors import NotFound
from socialflow.media import service
from socialflow.models import ContentItem, PlatformPost, Post
from tests.media import files
from tests.media.conftest import Upload, stored_files


def _uid(register_answer: dict[str, Any]) -> uuid.UUID:
    return uuid.UUID(register_answer["user"]["id"])


def test_list_is_paginated_newest_first_and_filtered(
    upload: Upload, client: TestClient, auth_headers: dict[str, str]
) -> None:
    ids = [upload(files.image("PNG", (40 + i, 40))).json()["id"] for i in range(3)]
    ids.append(upload(files.mp4()).json()["id"])
    page = client.get("/api/media?limit=2", headers=auth_headers).json()
    assert page["total"] == 4
    assert (page["limit"], page["offset"]) == (2, 0)
    assert [m["id"] for m in page["items"]] == [ids[3], ids[2]]
    rest = client.get("/api/media?limit=2&offset=2", headers=auth_headers).json()
    assert [m["id"] for m in rest["items"]] == [ids[1], ids[0]]
    videos = client.get("/api/media?kind=video", headers=auth_headers).json()
    assert [m["id"] for m in videos["items"]] == [ids[3]]
    assert client.get("/api/media?kind=pdf", headers=auth_headers).status_code == 422
    assert client.get("/api/media?limit=1000", headers=auth_headers).status_code == 422


def test_get_gives_fresh_signed_urls(
    upload: Upload, client: TestClient, auth_headers: dict[str, str]
) -> None:
    data = files.image("JPEG", (90, 60))
    media_id = upload(data).json()["id"]
    body = client.get(f"/api/media/{media_id}", headers=auth_headers).json()
    assert (body["width"], body["height"]) == (90, 60)
    assert client.get(body["url"]).content == data


def test_delete_removes_row_and_files(
    upload: Upload, client: TestClient, auth_headers: dict[str, str], ctx: AppContext, settings
) -> None:
    media_id = upload(files.image("PNG", (50, 50))).json()["id"]
    assert len(stored_files(settings)) == 2  # file + preview
    assert client.delete(f"/api/media/{media_id}", headers=auth_headers).status_code == 204
    assert stored_files(settings) == []
    assert client.get(f"/api/media/{media_id}", headers=auth_headers).status_code == 404
    assert client.delete(f"/api/media/{media_id}", headers=auth_headers).status_code == 404


def _post_using(ctx: AppContext, user_id: uuid.UUID, media_id: str, status: str) -> uuid.UUID:
    with ctx.db.session() as session:
        post = Post(
            workspace_id=user_id, content="hello", media_ids=[media_id], platforms=["twitter"]
        )
        session.add(post)
        session.flush()
        session.add(
            PlatformPost(
                post_id=post.id,
                workspace_id=user_id,
                platform="twitter",
                content="hello",
                media_ids=[media_id],
                status=status,
            )
        )
        return post.id


@pytest.mark.parametrize("status", ["pending", "queued", "publishing", "processing", "retry_wait"])
def test_delete_is_409_while_a_post_will_use_it(
    status: str,
    upload: Upload,
    client: TestClient,
    register: Callable[..., dict[str, Any]],
    ctx: AppContext,
    settings,
) -> None:
    user = register()
    headers = {"Authorization": f"Bearer {user['access_token']}"}
    media_id = upload(files.image("PNG"), headers=headers).json()["id"]
    post_id = _post_using(ctx, _uid(user), media_id, status)
    response = client.delete(f"/api/media/{media_id}", headers=headers)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "media_in_use"
    assert error["details"]["post_ids"] == [str(post_id)]
    assert client.get(f"/api/media/{media_id}", headers=headers).status_code == 200
    assert len(stored_files(settings)) == 2


@pytest.mark.parametrize("status", ["published", "failed", "cancelled", "draft"])
def test_delete_allowed_once_posts_are_done(
    status: str,
    upload: Upload,
    client: TestClient,
    register: Callable[..., dict[str, Any]],
    ctx: AppContext,
) -> None:
    user = register()
    headers = {"Authorization": f"Bearer {user['access_token']}"}
    media_id = upload(files.image("PNG"), headers=headers).json()["id"]
    _post_using(ctx, _uid(user), media_id, status)
    assert client.delete(f"/api/media/{media_id}", headers=headers).status_code == 204


def test_delete_takes_the_media_out_of_library_items(
    upload: Upload, client: TestClient, auth_headers: dict[str, str], ctx: AppContext
) -> None:
    keep = upload(files.image("PNG", (30, 30))).json()["id"]
    gone = upload(files.image("PNG", (31, 30))).json()["id"]
    item = client.post(
        "/api/library", json={"content": "x", "media_ids": [keep, gone]}, headers=auth_headers
    ).json()
    assert client.delete(f"/api/media/{gone}", headers=auth_headers).status_code == 204
    again = client.get(f"/api/library/{item['id']}", headers=auth_headers).json()
    assert again["media_ids"] == [keep]
    with ctx.db.read_sessions() as session:
        assert session.get(ContentItem, uuid.UUID(item["id"])).media_ids == [keep]


def test_another_users_media_is_404_everywhere(
    upload: Upload, client: TestClient, register: Callable[..., dict[str, Any]], settings
) -> None:
    media_id = upload(files.image("PNG")).json()["id"]
    other = {"Authorization": f"Bearer {register()['access_token']}"}
    assert client.get(f"/api/media/{media_id}", headers=other).status_code == 404
    assert client.delete(f"/api/media/{media_id}", headers=other).status_code == 404
    assert client.get("/api/media", headers=other).json()["total"] == 0
    assert len(stored_files(settings)) == 2  # still there
    assert client.get(f"/api/media/{uuid.uuid4()}", headers=other).status_code == 404
    assert client.get("/api/media/not-a-uuid", headers=other).status_code == 422


def test_media_items_for_the_publisher(
    upload: Upload, client: TestClient, register: Callable[..., dict[str, Any]], ctx: AppContext
) -> None:
    owner = register()
    headers = {"Authorization": f"Bearer {owner['access_token']}"}
    image = files.image("JPEG", (120, 80))
    video = files.mp4(1080, 1920, 42.0, payload_bytes=3 * 1024 * 1024)
    ids = [
        upload(video, headers=headers).json()["id"],
        upload(image, headers=headers).json()["id"],
    ]
    with ctx.db.read_sessions() as session:
        items = service.media_items(ctx, session, _uid(owner), ids)
        assert [i.kind for i in items] == ["video", "image"]  # the order asked for
        assert (items[0].width, items[0].height, items[0].duration_seconds) == (1080, 1920, 42.0)
        assert items[0].size_bytes == len(video)
        assert items[1].read_all() == image
        assert b"".join(items[0].open()) == video
        # The platform fetches this URL itself: absolute, on PUBLIC_URL, valid for hours.
        assert items[0].url.startswith(ctx.settings.base_url + "/media/")
        expires = int(items[0].url.split("exp=")[1].split("&")[0])
        import time

        assert expires - time.time() > 5 * 3600
        assert client.get(items[0].url).content == video

        stranger = _uid(register())
        with pytest.raises(NotFound):
            service.media_items(ctx, session, stranger, ids[:1])
        with pytest.raises(NotFound):
            service.media_items(ctx, session, _uid(owner), [str(uuid.uuid4())])
        with pytest.raises(NotFound):
            service.media_items(ctx, session, _uid(owner), ["garbage"])
        assert service.media_items(ctx, session, _uid(owner), []) == []


def test_stored_bytes_go_when_the_unit_of_work_rolls_back(
    register: Callable[..., dict[str, Any]], ctx: AppContext, settings
) -> None:
    """A request that fails after the file was stored (or whose commit fails) leaves no file."""
    from socialflow.media.intake import Staged

    user_id = _uid(register())
    with ctx.db.sessions() as session:
        staged = Staged(settings, "a.png")
        with staged:
            staged.write(files.image("PNG", (30, 30)))
            staged.finish()
            asset = service.ingest(ctx, session, user_id, staged)
        assert (settings.media_dir / asset.storage_key).is_file()
        assert len(stored_files(settings)) == 2
        session.rollback()
    assert stored_files(settings) == []


def test_platform_fetcher_gets_the_media_over_real_http(
    register: Callable[..., dict[str, Any]], ctx: AppContext, settings
) -> None:
    """The URL handed to a platform works for a fetcher that is not us: the sandbox's own
    Meta-style media fetcher, over real HTTP, against the app served on PUBLIC_URL."""
    import asyncio

    import httpx

    from socialflow.app import create_app
    from socialflow.sandbox.meta import fetch_media, is_jpeg
    from tests.fixtures.servers import LoopbackPort, serve_app

    port = LoopbackPort()
    settings.public_url = port.url
    with serve_app(create_app(ctx=ctx, start_jobs=False), port=port) as base:
        user = register_over_http(base)
        headers = {"Authorization": f"Bearer {user['access_token']}"}
        data = files.image("JPEG", (1080, 1080))
        uploaded = httpx.post(
            f"{base}/api/posts/upload-media",
            files={"file": ("square.jpg", data, "image/jpeg")},
            headers=headers,
        )
        assert uploaded.status_code == 201, uploaded.text
        with ctx.db.read_sessions() as session:
            (item,) = service.media_items(
                ctx, session, uuid.UUID(user["user"]["id"]), [uploaded.json()["id"]]
            )
        assert item.url.startswith(base + "/media/")
        fetched = asyncio.run(fetch_media(item.url, 8 * 1024 * 1024))
        assert fetched.ok, fetched.error
        assert fetched.size == len(data)
        assert is_jpeg(fetched.head)
        assert fetched.content_type == "image/jpeg"


def register_over_http(base: str) -> dict[str, Any]:
    import httpx

    response = httpx.post(
        f"{base}/api/auth/register",
        json={
            "email": f"u-{uuid.uuid4().hex[:8]}@example.com",
            "password": "correct horse battery",
            "full_name": "Fetch Test",
        },
    )
    assert response.status_code == 201, response.text
    return dict(response.json())
