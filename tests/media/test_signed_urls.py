"""Local files are served only through short-lived signed links; Range works for video."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from socialflow.core.context import AppContext
from socialflow.media.storage import LocalStorage, storage_for
from tests.media import files
from tests.media.conftest import Upload


def _parts(url: str) -> tuple[str, dict[str, str]]:
    split = urlsplit(url)
    return split.path, {k: v[0] for k, v in parse_qs(split.query).items()}


def test_valid_link_serves_bytes_and_head(upload: Upload, client: TestClient) -> None:
    data = files.image("PNG", (50, 50))
    url = upload(data).json()["url"]
    assert url.startswith("http://testserver/media/")
    got = client.get(url)
    assert got.status_code == 200
    assert got.content == data
    assert got.headers["accept-ranges"] == "bytes"
    assert "private" in got.headers["cache-control"]
    head = client.head(url)
    assert head.status_code == 200
    assert int(head.headers["content-length"]) == len(data)


def test_tampered_links_are_403(upload: Upload, client: TestClient) -> None:
    url = upload(files.image("PNG", (50, 50))).json()["url"]
    path, query = _parts(url)
    later = str(int(query["exp"]) + 3600)  # stretch the expiry: the signature no longer fits
    for bad in (
        f"{path}?exp={later}&sig={query['sig']}",
        f"{path}?exp={query['exp']}&sig={query['sig'][:-2]}AA",
        f"{path}?exp={query['exp']}",
        path,
    ):
        response = client.get(bad)
        assert response.status_code == 403, bad
        assert response.json()["error"]["code"] == "bad_signature"


def test_signature_is_bound_to_the_file(upload: Upload, client: TestClient) -> None:
    first = _parts(upload(files.image("PNG", (50, 50))).json()["url"])
    second_path, _ = _parts(upload(files.image("PNG", (60, 50))).json()["url"])
    response = client.get(f"{second_path}?exp={first[1]['exp']}&sig={first[1]['sig']}")
    assert response.status_code == 403


def test_expired_link_is_403(upload: Upload, client: TestClient, ctx: AppContext) -> None:
    path, _ = _parts(upload(files.image("PNG", (50, 50))).json()["url"])
    storage = storage_for(ctx)
    assert isinstance(storage, LocalStorage)
    key = path.removeprefix("/media/")
    past = int(time.time()) - 5
    response = client.get(f"{path}?exp={past}&sig={storage.signer.sign(key, past)}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "link_expired"
    # The same file with a fresh link from the API works again.
    fresh = storage.url(key, 60)
    assert client.get(fresh).status_code == 200


def test_range_request_is_206(upload: Upload, client: TestClient) -> None:
    data = files.mp4(640, 360, 10.0, payload_bytes=100_000)
    url = upload(data).json()["url"]
    response = client.get(url, headers={"Range": "bytes=100-1099"})
    assert response.status_code == 206
    assert response.content == data[100:1100]
    assert response.headers["content-range"] == f"bytes 100-1099/{len(data)}"
    assert response.headers["content-type"] == "video/mp4"
    tail = client.get(url, headers={"Range": "bytes=-500"})
    assert tail.status_code == 206
    assert tail.content == data[-500:]
    beyond = client.get(url, headers={"Range": f"bytes={len(data) + 10}-"})
    assert beyond.status_code == 416


def test_keys_outside_the_media_folder_are_not_served(client: TestClient) -> None:
    for path in ("/media/..%2fsecret_key", "/media/%2e%2e/secret_key", "/media/abc/def.png"):
        assert client.get(f"{path}?exp=9999999999&sig=x").status_code in (403, 404), path
    assert client.get("/media/" + "a" * 32 + "/" + "b" * 32 + ".png?exp=1&sig=x").status_code == 403


def test_deleted_file_link_is_404(
    upload: Upload, client: TestClient, auth_headers: dict[str, str]
) -> None:
    body = upload(files.image("PNG", (50, 50))).json()
    assert client.delete(f"/api/media/{body['id']}", headers=auth_headers).status_code == 204
    assert client.get(body["url"]).status_code == 404
