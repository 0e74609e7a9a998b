"""The website's channel: Rasa's REST channel with abuse limits and strict input checks.

Registered in credentials.yml as `bot.channels.rest.RestInput:` (in place of `rest:`). Its name is
"rest", so it serves `POST /webhooks/rest/webhook` and `GET /webhooks/rest/` like the stock one and
answers with the same JSON list of bot messages.

A client first asks for its conversation id: `POST /webhooks/rest/conversations` answers 201
`{"sender": "web-..."}`, an id the server signed (`conversation_ids`), and is counted against the
client address's rate limit (429 `{"error": ...}` with `Retry-After` beyond it). The webhook only
takes a `sender` the server issued, so a browser can never write into an SMS conversation (whose id
is the texter's phone number) or another visitor's. Before a message reaches the conversation:

- body over `limits.MAX_BODY_BYTES` (200 KB) -> 413 `{"error": ...}`;
- invalid UTF-8, malformed JSON, JSON nested deeper than `REST_JSON_MAX_DEPTH` (8) levels inside
  the body (in `metadata` or anywhere else), not an object, a missing/empty/non-string `sender`
  (or one longer than the tracker store's 255 characters, or with control characters or lone
  surrogates), a missing/empty/non-string `message` -> 400 `{"error": ...}`;
- `metadata` larger than `REST_METADATA_MAX_BYTES` (4 KB) serialised -> 413 `{"error": ...}`:
  Rasa stores it with the message in the tracker, so nothing larger is kept;
- a `sender` the server did not issue -> 403 `{"error": ...}`;
- control characters are dropped from the message and lone surrogates replaced (`limits.clean_text`):
  PostgreSQL cannot store them, and Rasa's SQL tracker store exits on that error;
- more than `RATE_LIMIT_PER_MINUTE` messages in 60 s from one sender, or from one client address
  (`RATE_LIMIT_PER_ADDRESS_PER_MINUTE`, default the same) -> 429 with a `Retry-After` header and a
  one-message list `[{"recipient_id": sender, "text": "You're sending messages faster ..."}]`;
- a message longer than `MAX_MESSAGE_CHARS` (5,000) -> 413 with a one-message list
  `[{"recipient_id": sender, "text": "That message is too long for me ..."}]`, so a chat client
  can show the text and keep the user's draft.

Unlike the stock channel, the input channel is always "rest" (a browser cannot label itself as
another channel), and message text is never logged. Nothing answers with a 500: a failed turn
returns what the bot said so far, as the stock channel does.
"""

from __future__ import annotations

import json
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from actions.config import Settings, settings
from bot.channels import conversation_ids, limits
from bot.channels.turnlock import TurnLock

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 255  # the SQL tracker store's sender_id column


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def client_address(request: Request) -> str:
    """The client's address: from forwarding headers when Sanic is told to trust them
    (`SANIC_PROXIES_COUNT`/`SANIC_FORWARDED_SECRET`), else the connection's peer."""
    return request.remote_addr or request.ip or "unknown"


def json_depth(value: Any) -> int:
    """Levels of nesting: 0 for a scalar, 1 for `{}` or `[1, 2]`, 2 for `{"a": [1]}`..."""
    depth = 0
    todo: list[tuple[Any, int]] = [(value, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth = max(depth, level)
        todo.extend((c, level + 1) for c in children if isinstance(c, (dict, list)))
    return depth


def too_deep(config: Settings) -> BadRequest:
    return BadRequest(
        "The request's JSON is nested too deeply (at most "
        f"{config.rest_json_max_depth} levels inside the body)."
    )


def check_metadata(data: dict[str, Any], config: Settings) -> None:
    """`metadata` (and everything else in the body) within the size and nesting limits."""
    # The body's own object is one level: `metadata` may nest `rest_json_max_depth` more.
    if json_depth(data) > config.rest_json_max_depth + 1:
        raise too_deep(config)
    if "metadata" not in data:
        return
    size = len(
        json.dumps(data["metadata"], ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogatepass"
        )
    )
    if size > config.rest_metadata_max_bytes:
        raise BadRequest(
            f"'metadata' is too large ({size:,} bytes serialised; the limit is "
            f"{config.rest_metadata_max_bytes:,}).",
            413,
        )


def parse_body(request: Request, config: Settings | None = None) -> dict[str, Any]:
    config = config or settings()
    body: bytes = request.body or b""
    if len(body) > limits.MAX_BODY_BYTES:
        raise BadRequest(
            f"Request body too large (limit {limits.MAX_BODY_BYTES // 1024} KB).", 413
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The request body is not valid UTF-8.") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise BadRequest("The request body is not valid JSON.") from None
    except RecursionError:
        # Thousands of nested brackets: a 400, not a traceback and a 503.
        raise too_deep(config) from None
    if not isinstance(data, dict):
        raise BadRequest(
            'Expected a JSON object like {"sender": "...", "message": "..."}.'
        )
    check_metadata(data, config)
    sender = data.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest("'sender' is required and must be a non-empty string.")
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f"'sender' must be at most {MAX_SENDER_CHARS} characters.")
    if limits.has_unstorable_chars(sender):
        raise BadRequest(
            "'sender' must not contain control characters or invalid Unicode."
        )
    message = data.get("message")
    if not isinstance(message, str):
        raise BadRequest("'message' is required and must be a string.")
    return data


NOT_ISSUED = (
    "Unknown conversation: 'sender' must be a conversation id this server issued. "
    "Ask for one with POST /webhooks/rest/conversations."
)


class RestInput(RasaRestInput):
    """`rest` channel with a length cap, rate limits and 4xx (never 500) for bad requests."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        from bot import rasa_speedups

        rasa_speedups.install()  # the Rasa server builds this channel once, at start
        self.limiter = limits.RateLimiter()
        self.turn_lock = (
            TurnLock()
        )  # one turn at a time per conversation, across replicas

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        metadata = (getattr(request.ctx, "intake_body", None) or {}).get("metadata")
        return metadata if isinstance(metadata, dict) else None

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        on_new_message = self.turn_lock.serialise(on_new_message)
        webhook = Blueprint("intake_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/conversations", methods=["POST"])
        async def new_conversation(request: Request) -> HTTPResponse:
            try:
                return await self.issue_id(request)
            except Exception:
                logger.exception("REST: issuing a conversation id failed unexpectedly.")
                return response.json(
                    {"error": "Something went wrong on our side. Please try again."},
                    status=503,
                )

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> ResponseStream | HTTPResponse:
            try:
                return await self.handle(request, on_new_message)
            except BadRequest as e:
                return response.json({"error": e.message}, status=e.status)
            except Exception:
                logger.exception("REST webhook failed unexpectedly.")
                return response.json(
                    {"error": "Something went wrong on our side. Please try again."},
                    status=503,
                )

        return webhook

    async def issue_id(self, request: Request) -> HTTPResponse:
        """201 `{"sender": <a new conversation id>}`; the request's body is not read."""
        s = settings()
        decision = await self.limiter.hit(
            [(f"addr:{client_address(request)}", limits.address_limit_per_minute(s))]
        )
        if not decision.allowed:
            return response.json(
                {"error": limits.rate_limited_text(decision.retry_after)},
                status=429,
                headers={"Retry-After": str(max(1, int(decision.retry_after + 0.999)))},
            )
        return response.json({"sender": conversation_ids.issue(s)}, status=201)

    async def handle(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> ResponseStream | HTTPResponse:
        s = settings()
        data = parse_body(request, s)
        request.ctx.intake_body = data
        sender: str = data["sender"]
        if not conversation_ids.is_issued(sender, s):
            # Not even a hash of it in the log: a refused sender may be someone's phone number.
            logger.info("REST: refused a sender this server did not issue.")
            return response.json({"error": NOT_ISSUED}, status=403)
        text: str = limits.clean_text(data["message"])

        decision = await self.limiter.hit(
            [
                (f"rest:{sender}", s.rate_limit_per_minute),
                (
                    f"addr:{client_address(request)}",
                    limits.address_limit_per_minute(s),
                ),
            ]
        )
        if not decision.allowed:
            logger.info("REST: sender %s rate limited.", limits.hash_key(sender)[:12])
            return response.json(
                [
                    {
                        "recipient_id": sender,
                        "text": limits.rate_limited_text(decision.retry_after),
                    }
                ],
                status=429,
                headers={"Retry-After": str(max(1, int(decision.retry_after + 0.999)))},
            )
        if len(text) > s.max_message_chars:
            return response.json(
                [
                    {
                        "recipient_id": sender,
                        "text": limits.too_long_text(len(text), s.max_message_chars),
                    }
                ],
                status=413,
            )

        if not text.strip():
            return response.json(
                [{"recipient_id": sender, "text": limits.empty_message_text()}]
            )

        input_channel = self._extract_input_channel(request)
        metadata = self.get_metadata(request)
        if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
            return response.stream(
                self.stream_response(
                    on_new_message, text, sender, input_channel, metadata
                ),
                content_type="text/event-stream",
            )
        collector = CollectingOutputChannel()
        try:
            await on_new_message(
                UserMessage(
                    text,
                    collector,
                    sender,
                    input_channel=input_channel,
                    metadata=metadata,
                )
            )
        except CancelledError:
            logger.error(
                "REST: the turn for %s timed out.", limits.hash_key(sender)[:12]
            )
        except Exception as e:
            logger.error(
                "REST: the turn for %s failed (%s).",
                limits.hash_key(sender)[:12],
                type(e).__name__,
            )
        if not collector.messages:
            # Every turn of this assistant says something; silence means a part is down (the
            # action server, most often). Say so, with the firm's number, instead of nothing.
            logger.error(
                "REST: the turn for %s produced no reply.", limits.hash_key(sender)[:12]
            )
            return response.json(
                [{"recipient_id": sender, "text": limits.trouble_text()}], status=503
            )
        return response.json(collector.messages)
