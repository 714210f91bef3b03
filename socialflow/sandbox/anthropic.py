"""A local Anthropic Messages API: `POST /v1/messages`, validated and answered like the real one.

Mounted at /sandbox/anthropic; point ANTHROPIC_BASE_URL at `{PUBLIC_URL}/sandbox/anthropic`
(with any ANTHROPIC_API_KEY starting "sk-") and the official SDK talks to it over HTTP.

What it checks, as the real API does: the key, as `x-api-key` or `Authorization: Bearer`
(401 authentication_error), the
`anthropic-version` headers, a JSON body with `model`, `max_tokens`, `messages` (roles, text
blocks, first turn from the user), optional `system`, `temperature`, `output_config`; unknown
fields are refused (400 invalid_request_error); an unknown model is 404 not_found_error.

What it answers: the post it finds in the prompt's data block (`<<<POST id>>> ... <<<END POST
id>>>`) rewritten for the platform(s) named on "Target platform(s):" lines by its own simple
rules, read from the prompt as a model would (the "Length limit", "Hashtags" and title lines),
as JSON when the request asks for a JSON schema. It shares no code with the product's
optimizer. Like a careless model, it *obeys* an "ignore ... instructions" sentence found
outside a data block: the prompt-injection tests rely on that. Usage counts are estimated
(4 characters a token).

Faults, armed through `POST /sandbox/anthropic/_admin/faults` ({"kind", "times", "seconds"}) or
an `x-sandbox-fault: <kind>` request header: rate_limit (429 + retry-after), overloaded (529),
slow (sleep `seconds` first: a client timeout), over_limit (an answer over the prompt's limit),
cut_url (an answer whose link was cut short), malformed (an answer that is not the JSON asked
for), cut_entity (a thread whose part boundary falls inside a link, @mention or #hashtag).
A brief with a "Format: thread" line gets `{"parts": [...]}`: the post in whole words, each
part within the limit, numbered "i/n". `PUT /_admin/latency` simulates a model's
speed (a base delay plus milliseconds per output token); `GET /_admin/requests` lists what came in.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from socialflow.core.config import Settings
from socialflow.sandbox.core import SandboxStore

FaultKind = Literal[
    "rate_limit", "overloaded", "slow", "over_limit", "cut_url", "malformed", "cut_entity"
]
KNOWN_FIELDS = frozenset(
    {
        "model",
        "max_tokens",
        "messages",
        "system",
        "temperature",
        "top_p",
        "top_k",
        "stop_sequences",
        "metadata",
        "output_config",
        "stream",
    }
)
DATA_BLOCK = re.compile(r"<<<POST ([0-9a-f]{8,64})>>>\n(.*?)\n<<<END POST \1>>>", re.S)
_TARGETS = re.compile(r"^Target platforms?: *([a-z, ]+)$", re.M)
_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:of )?(?:the |your |my )?(?:previous |prior |above |earlier )?"
    r"(?:instructions|rules|prompts?)(?:[^.\n]*?(?:say|reply|respond|write|output)"
    r"(?: only)?(?: with)?[: ]+[\"“']?(?P<say>[^\"”'\n]+))?",
    re.I,
)


@dataclass
class AIFault:
    kind: FaultKind
    times: int = 1  # -1: until cleared
    seconds: float = 0.0  # slow: how long; rate_limit/overloaded: the retry-after


@dataclass
class AnthropicState:
    """Requests received, armed faults and simulated speed; cleared by /sandbox/_admin/reset."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    faults: list[AIFault] = field(default_factory=list)
    base_latency_ms: float = 0.0
    ms_per_output_token: float = 0.0


class FaultIn(BaseModel):
    kind: FaultKind
    times: int = Field(default=1, ge=-1)
    seconds: float = Field(default=0.0, ge=0, le=600)


class LatencyIn(BaseModel):
    base_ms: float = Field(default=0.0, ge=0, le=60_000)
    ms_per_output_token: float = Field(default=0.0, ge=0, le=1000)


class _ApiError(Exception):
    def __init__(self, status: int, kind: str, message: str, headers: dict[str, str] | None = None):
        self.status, self.kind, self.message, self.headers = status, kind, message, headers or {}


def _state(store: SandboxStore) -> AnthropicState:
    with store.lock:
        # The fake's whole state; not in store.objects, which holds the platforms' API objects
        # (dicts the Meta emulators scan: an AnthropicState there broke Facebook/Instagram).
        state = store.states.get("anthropic")
        if not isinstance(state, AnthropicState):
            state = store.states["anthropic"] = AnthropicState()
        return state


def _take_fault(store: SandboxStore, state: AnthropicState, header: str | None) -> AIFault | None:
    if header:
        return AIFault(kind=header, seconds=0.05)  # type: ignore[arg-type]
    with store.lock:
        if not state.faults:
            return None
        fault = state.faults[0]
        if fault.times > 0:
            fault.times -= 1
            if fault.times == 0:
                state.faults.pop(0)
        return fault


def _error(exc: _ApiError, request_id: str) -> JSONResponse:
    body = {"type": "error", "error": {"type": exc.kind, "message": exc.message}}
    return JSONResponse(body, exc.status, headers={"request-id": request_id, **exc.headers})


# --------------------------------------------------------------------------- validation


def _text_of(content: Any, where: str) -> str:
    if isinstance(content, str):
        return content
    if not isinstance(content, list) or not content:
        raise _ApiError(400, "invalid_request_error", f"{where}: Input should be a valid list")
    parts = []
    for i, block in enumerate(content):
        if not isinstance(block, dict) or block.get("type") != "text":
            raise _ApiError(
                400, "invalid_request_error", f"{where}.{i}: only text blocks are supported here"
            )
        if not isinstance(block.get("text"), str) or not block["text"]:
            raise _ApiError(400, "invalid_request_error", f"{where}.{i}.text: Field required")
        parts.append(block["text"])
    return "\n".join(parts)


def validate_request(body: Any) -> tuple[str, str, list[tuple[str, str]], bool]:
    """(model, system, [(role, text)], wants JSON) or an _ApiError as the real API words it."""
    if not isinstance(body, dict):
        raise _ApiError(400, "invalid_request_error", "The request body is not valid JSON.")
    extra = sorted(set(body) - KNOWN_FIELDS)
    if extra:
        raise _ApiError(400, "invalid_request_error", f"{extra[0]}: Extra inputs are not permitted")
    for name in ("model", "max_tokens", "messages"):
        if name not in body:
            raise _ApiError(400, "invalid_request_error", f"{name}: Field required")
    model = body["model"]
    if not isinstance(model, str) or not model:
        raise _ApiError(400, "invalid_request_error", "model: Input should be a valid string")
    if not model.startswith("claude-"):
        raise _ApiError(404, "not_found_error", f"model: {model}")
    max_tokens = body["max_tokens"]
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        raise _ApiError(400, "invalid_request_error", "max_tokens: must be a positive integer")
    if body.get("stream"):
        raise _ApiError(400, "invalid_request_error", "stream: the sandbox does not stream")
    temperature = body.get("temperature")
    if temperature is not None and not (
        isinstance(temperature, int | float) and 0 <= temperature <= 1
    ):
        raise _ApiError(400, "invalid_request_error", "temperature: must be between 0 and 1")
    messages = body["messages"]
    if not isinstance(messages, list) or not messages:
        raise _ApiError(400, "invalid_request_error", "messages: at least one message is required")
    turns = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise _ApiError(
                400, "invalid_request_error", f"messages.{i}.role: must be 'user' or 'assistant'"
            )
        turns.append((message["role"], _text_of(message.get("content"), f"messages.{i}.content")))
    if turns[0][0] != "user":
        raise _ApiError(
            400, "invalid_request_error", 'messages: first message must use the "user" role'
        )
    system = _text_of(body["system"], "system") if body.get("system") is not None else ""
    output_format = (body.get("output_config") or {}).get("format")
    if output_format is not None and (
        not isinstance(output_format, dict)
        or output_format.get("type") != "json_schema"
        or not isinstance(output_format.get("schema"), dict)
    ):
        raise _ApiError(
            400,
            "invalid_request_error",
            "output_config.format: expected {'type': 'json_schema', 'schema': {...}}",
        )
    return model, system, turns, output_format is not None


# --------------------------------------------------------------------------- the "model"
# Its own simple rules, read from the prompt the way a model reads it (never the product's
# optimizer or text counting: an emulator that runs the code under test cannot catch its bugs).

_LIMIT = re.compile(r"^Length limit: *(\d+)", re.M)
_HASHTAGS = re.compile(r"^Hashtags: *(?:(\d+)-(\d+)|(none))", re.M)
_WANTS_TITLE = re.compile(r'"title" is an SEO title of at most (\d+)')
_URL = re.compile(r"https?://\S+")
_TAG = re.compile(r"(?<!\w)#(\w+)")
_PADDING = " And there is so much more to say about this."


def _tokens(value: str) -> int:
    return max(1, math.ceil(len(value) / 4))


def _fit(content: str, limit: int) -> str:
    """Whole words (links included) up to `limit` characters, then an ellipsis."""
    if len(content) <= limit:
        return content
    kept = ""
    for word in content.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) > limit - 1:
            break
        kept = candidate
    return kept.rstrip(" ,;:") + "…"


def _title(post: str, limit: int) -> str:
    """The first sentence without links, hashtags or angle brackets."""
    plain = _TAG.sub(r"\1", _URL.sub("", post)).replace("<", "").replace(">", "")
    first = re.split(r"(?<=[.!?])\s", plain.strip(), maxsplit=1)[0].strip()
    return _fit(first or "A new video", limit)


def _styled(post: str, brief: str) -> dict[str, Any]:
    """One platform's version: the hashtag rule, a platform touch, the length limit."""
    content = " ".join(post.split())
    tags = _HASHTAGS.search(brief)
    if tags and tags.group(3):  # "none": hashtags become plain words
        content = _TAG.sub(r"\1", content)
    elif tags:
        most = int(tags.group(2))
        found = _TAG.findall(content)
        for extra in found[most:]:
            content = content.replace(f"#{extra}", extra, 1)
    if "Target platform: facebook" in brief and "?" not in content:
        content = f"{content}\n\nWhat do you think? 💬"
    limit = _LIMIT.search(brief)
    if limit:
        content = _fit(content, int(limit.group(1)))
    title_limit = _WANTS_TITLE.search(brief)
    title = _title(post, int(title_limit.group(1))) if title_limit else None
    return {"content": content, "title": title}


_THREAD = re.compile(r"^Format: *thread$", re.M)
_ENTITY = re.compile(r"^(?:https?://\S+|[@#$]\w+)")


def _thread(post: str, brief: str) -> dict[str, Any]:
    """The post as a thread: whole words (links are words) up to the limit less room for the
    " i/n" numbering, numbered. Plain character counts: its own naive way, not X's weights."""
    limit = _LIMIT.search(brief)
    budget = (int(limit.group(1)) if limit else 280) - 6
    parts: list[str] = []
    current = ""
    for word in post.split():
        candidate = f"{current} {word}" if current else word
        if current and len(candidate) > budget:
            parts.append(current)
            current = word
        else:
            current = candidate
    if current:
        parts.append(current)
    return {"parts": [f"{part} {n}/{len(parts)}" for n, part in enumerate(parts, start=1)]}


def _cut_entity(answer: dict[str, Any]) -> dict[str, Any]:
    """A thread whose first link, @mention or #hashtag is split between two parts."""
    parts = list(answer["parts"])
    for i, part in enumerate(parts):
        words = part.split(" ")
        for j, word in enumerate(words):
            if _ENTITY.match(word) and len(word) > 3:
                half = len(word) // 2
                head = " ".join([*words[:j], word[:half]])
                tail = " ".join([word[half:], *words[j + 1 :]])
                if i + 1 < len(parts):
                    return {"parts": [*parts[:i], head, f"{tail} {parts[i + 1]}", *parts[i + 2 :]]}
                return {"parts": [*parts[:i], head, tail]}
    return answer


def _over_limit(answer: dict[str, Any], brief: str) -> dict[str, Any]:
    """The same answer padded well past the prompt's limit (a model ignoring the limit)."""
    limit = _LIMIT.search(brief)
    target = int(limit.group(1)) if limit else 280
    if "parts" in answer:
        first = answer["parts"][0]
        while len(first) <= target + 40:
            first += _PADDING
        return {"parts": [first, *answer["parts"][1:]]}
    padded = answer["content"]
    while len(padded) <= target + 40:
        padded += _PADDING * max(1, target // 200)
    return {**answer, "content": padded}


def _cut_url(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with its first link cut short (a model trimming a URL to fit)."""
    if "parts" in answer:
        joined = _cut_url({"content": "\n".join(answer["parts"])})["content"]
        return {"parts": joined.split("\n")}
    content = answer["content"]
    link = _URL.search(content)
    if link is None:
        return {**answer, "content": content + " https://exa"}
    url = link.group(0)
    return {**answer, "content": content.replace(url, url[: max(10, len(url) // 2)], 1)}


def respond(system: str, turns: list[tuple[str, str]]) -> tuple[dict[str, Any] | str, str]:
    """(the answer, the brief it followed): per-platform objects keyed by platform, or what an
    injection demanded."""
    prompt = "\n".join(t for role, t in turns if role == "user")
    outside = DATA_BLOCK.sub(" ", prompt)  # the user turns; the system prompt is the app's
    injected = _INJECTION.search(outside)
    if injected:  # naive obedience: the text was not kept inside a data block
        return (injected.group("say") or "Instructions ignored.").strip(), ""
    block = DATA_BLOCK.search(prompt)
    brief = system + "\n" + prompt
    targets = _TARGETS.findall(brief)
    if not block or not targets:
        return "Please send the post inside a data block and name the target platform.", brief
    platforms = [p.strip() for p in targets[-1].split(",") if p.strip()]
    if _THREAD.search(brief):
        return {p: _thread(block.group(2), brief) for p in platforms}, brief
    return {p: _styled(block.group(2), brief) for p in platforms}, brief


def _render(
    answer: dict[str, Any] | str, brief: str, wants_json: bool, fault: AIFault | None
) -> str:
    if isinstance(answer, str):
        return json.dumps({"content": answer, "title": None}) if wants_json else answer
    if fault and fault.kind == "over_limit":
        answer = {p: _over_limit(a, brief) for p, a in answer.items()}
    if fault and fault.kind == "cut_url":
        answer = {p: _cut_url(a) for p, a in answer.items()}
    if fault and fault.kind == "cut_entity":
        answer = {p: _cut_entity(a) if "parts" in a else a for p, a in answer.items()}
    if fault and fault.kind == "malformed":
        return '{"content": "Here is your optimized post' if wants_json else ""
    if len(answer) == 1:
        only = next(iter(answer.values()))
        if wants_json:
            return json.dumps(only, ensure_ascii=False)
        return "\n\n".join(only["parts"]) if "parts" in only else str(only["content"])
    return json.dumps(answer, ensure_ascii=False)


# --------------------------------------------------------------------------- routes


class AnthropicEmulator:
    """The Messages API and its admin endpoints, as methods over the emulator's state."""

    def __init__(self, store: SandboxStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.api = APIRouter(tags=["sandbox"])
        self.api.add_api_route("/v1/messages", self.create_message, methods=["POST"])
        self.api.add_api_route("/_admin/faults", self.add_fault, methods=["POST"], status_code=201)
        self.api.add_api_route(
            "/_admin/faults", self.clear_faults, methods=["DELETE"], status_code=204
        )
        self.api.add_api_route("/_admin/latency", self.set_latency, methods=["PUT"])
        self.api.add_api_route("/_admin/requests", self.requests_received, methods=["GET"])
        self.api.add_api_route(
            "/_admin/requests", self.clear_requests, methods=["DELETE"], status_code=204
        )

    async def create_message(self, request: Request) -> JSONResponse:
        state = _state(self.store)
        request_id = "req_sbx_" + secrets.token_hex(12)
        try:
            return await self._handle(request, state, request_id)
        except _ApiError as exc:
            return _error(exc, request_id)

    async def _handle(
        self, request: Request, state: AnthropicState, request_id: str
    ) -> JSONResponse:
        # The API takes the key as `x-api-key` or, as current SDKs send it, a Bearer token.
        bearer = request.headers.get("authorization", "")
        key = request.headers.get("x-api-key") or bearer.removeprefix("Bearer ").strip()
        if not key:
            raise _ApiError(
                401, "authentication_error", "x-api-key or Authorization header is required"
            )
        if not key.startswith("sk-"):
            raise _ApiError(401, "authentication_error", "invalid x-api-key")
        if not request.headers.get("anthropic-version"):
            raise _ApiError(400, "invalid_request_error", "anthropic-version: header is required")
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        record = {
            "headers": {
                "anthropic-version": request.headers.get("anthropic-version"),
                "auth": ("x-api-key" if request.headers.get("x-api-key") else "bearer"),
                "key_suffix": key[-4:],
                "content-type": request.headers.get("content-type"),
            },
            "body": body,
        }
        with self.store.lock:
            state.requests.append(record)
        model, system, turns, wants_json = validate_request(body)
        fault = _take_fault(self.store, state, request.headers.get("x-sandbox-fault"))
        if fault and fault.kind in ("rate_limit", "overloaded"):
            wait = fault.seconds or 1.0
            status, kind = (
                (429, "rate_limit_error")
                if fault.kind == "rate_limit"
                else (529, "overloaded_error")
            )
            raise _ApiError(
                status,
                kind,
                "Number of requests has exceeded your rate limit."
                if status == 429
                else "Overloaded",
                {"retry-after": str(math.ceil(wait)), "retry-after-ms": str(int(wait * 1000))},
            )
        if fault and fault.kind == "slow":
            await asyncio.sleep(fault.seconds)
        answer, brief = respond(system, turns)
        answer_text = _render(answer, brief, wants_json, fault)
        output_tokens = _tokens(answer_text)
        delay = state.base_latency_ms + state.ms_per_output_token * output_tokens
        if delay:
            await asyncio.sleep(delay / 1000)
        input_tokens = _tokens(system) + sum(_tokens(t) for _, t in turns)
        message = {
            "id": "msg_sbx_" + secrets.token_hex(12),
            "type": "message",
            "role": "assistant",
            "content": [{"type": "text", "text": answer_text}],
            "model": model,
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        }
        return JSONResponse(message, headers={"request-id": request_id})

    def add_fault(self, body: FaultIn) -> dict[str, Any]:
        state = _state(self.store)
        fault = AIFault(kind=body.kind, times=body.times, seconds=body.seconds)
        with self.store.lock:
            state.faults.append(fault)
        return asdict(fault)

    def clear_faults(self) -> None:
        state = _state(self.store)
        with self.store.lock:
            state.faults.clear()

    def set_latency(self, body: LatencyIn) -> dict[str, float]:
        state = _state(self.store)
        with self.store.lock:
            state.base_latency_ms = body.base_ms
            state.ms_per_output_token = body.ms_per_output_token
        return {"base_ms": body.base_ms, "ms_per_output_token": body.ms_per_output_token}

    def requests_received(self) -> list[dict[str, Any]]:
        state = _state(self.store)
        with self.store.lock:
            return list(state.requests)

    def clear_requests(self) -> None:
        state = _state(self.store)
        with self.store.lock:
            state.requests.clear()


def router(store: SandboxStore, settings: Settings) -> APIRouter:
    """The Messages API and its admin endpoints."""
    return AnthropicEmulator(store, settings).api
