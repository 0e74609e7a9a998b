"""The SMS channel: Twilio's incoming-message webhook, answered with TwiML.

Registered in credentials.yml as `bot.channels.twilio.TwilioInput:` (keys `account_sid`,
`auth_token`, `twilio_number` are optional; empty ones fall back to `actions.config.settings()`);
it serves `POST /webhooks/twilio/webhook`.

Why TwiML and not the REST API: a turn of this assistant (rules and a form, no LLM) takes well under
a second, so the reply fits in the HTTP response to Twilio's webhook, well inside Twilio's 15-second
limit. Answering in the response needs no outbound call to api.twilio.com, no account SID/number on
this server and no retry logic of our own; Twilio sends each `<Message>` from the number that was
texted. If a turn is ever slower than `TWILIO_TURN_TIMEOUT` seconds (default 12), the reply carries
whatever the bot said so far (or a short apology with the firm's phone number) and the turn finishes
in the background.

What happens to a request, in order:
1. body over `limits.MAX_BODY_BYTES` -> 413; not a well-formed UTF-8 form body -> 400;
2. `X-Twilio-Signature` checked with Twilio's `RequestValidator` against `TWILIO_WEBHOOK_URL` (the
   public URL typed into Twilio's console, so it is right behind a TLS-terminating proxy) plus the
   request's query string, and the POSTed form params; missing or wrong -> 403;
3. missing `From`/`Body`/`MessageSid` or a `From` that is not an E.164 phone number -> 400;
4. in one transaction of the lead store (`receive_sms`): the `MessageSid` is claimed, the number's
   opt-out state read, and an opt-out or opt-in recorded with a dated row of the consent record.
   A repeated MessageSid gets an empty `<Response/>` (answered once; ids are kept for
   `TWILIO_SID_RETENTION_DAYS`, 400 by default). A database error answers 503 with nothing
   kept, so Twilio's retry is processed in full: a message is never processed unrecorded;
5. opt-outs in any words (the rule is in `bot.channels.sms`: STOP, REVOKE, "opt out", "stop
   texting me"...) are confirmed once, when the number opts out; START/UNSTOP (and YES while
   opted out) opt back in, with a short welcome back and the question the conversation was
   waiting on asked again; while opted out, everything else gets an empty `<Response/>` and
   never reaches Rasa; HELP/INFO -> firm's name, phone and how to stop. With
   `TWILIO_KEYWORD_REPLIES=twilio`, Twilio's own keywords are recorded but not answered here
   (Twilio has answered them), except that START still gets the pending question;
6. the same per-sender rate limit and length cap as the REST channel (told once per window);
7. a reply of "2" (or a button's title) to the last bot message's numbered choices is replaced by
   that button's payload, read from the tracker store so it works across replicas; a reply to
   "Start over?" (asked by text as the website's widget asks it: "1", "yes", "no", "keep
   going") is sent as "/restart" with the answer in the message's metadata;
8. the turn runs; the bot's messages (buttons as "Reply 1 for ..., 2 for ...") are joined and split
   at sentence breaks into `<Message>` parts of at most 1,600 characters; the first reply of a
   conversation (no earlier message from the person in the tracker) ends with "Reply STOP to
   opt out.".

Only the client-address limit of the REST channel is not applied: every request comes from Twilio's
own addresses, so it would throttle all texters together.

Logs name a message by its MessageSid and a sender by a short keyed hash (`limits.log_id`),
never by number or text.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl

from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    UserMessage,
)
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from actions.config import settings
from actions.parsing.control import START_OVER_ANSWER, START_OVER_PAYLOAD
from bot.channels import limits, sms
from bot.channels.turnlock import TurnLock

logger = logging.getLogger(__name__)

TWIML_CONTENT_TYPE = "text/xml; charset=utf-8"


class _FormParams:
    """Form fields in order, with Twilio's `getall` so repeated fields are signed correctly."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(k for k, _ in self.pairs))

    def getall(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]

    def get(self, name: str) -> str | None:
        values = self.getall(name)
        return values[0] if values else None


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def parse_form(request: Request) -> _FormParams:
    body: bytes = request.body or b""
    if len(body) > limits.MAX_BODY_BYTES:
        raise BadRequest(
            f"Request body too large (limit {limits.MAX_BODY_BYTES // 1024} KB).", 413
        )
    content_type = (
        (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    )
    if content_type != "application/x-www-form-urlencoded":
        raise BadRequest(
            "Expected a form-encoded body (application/x-www-form-urlencoded)."
        )
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=bool(text),
            encoding="utf-8",
            errors="strict",
            max_num_fields=500,
        )
    except UnicodeDecodeError:
        raise BadRequest("The request body is not valid UTF-8.") from None
    except ValueError:
        raise BadRequest("The request body is not a well-formed form.") from None
    return _FormParams(pairs)


async def _in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(fn, *args))


def _store() -> Any:
    from bot.leads.store import get_store  # imported on use: nothing connects at import

    return get_store()


class TwilioReplies(CollectingOutputChannel):
    """Collects a turn's replies for the TwiML answer. Named after the channel, so that a
    response with a ``channel: twilio`` variation in domain.yml is said that way by text ("Is
    this number the best one to reach you?" rather than "What's the best phone number?")."""

    @classmethod
    def name(cls) -> str:
        return "twilio"


class TwilioInput(InputChannel):
    """Twilio SMS webhook with signature checks, opt-out, numbered choices and TwiML replies."""

    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            credentials.get("account_sid"),
            credentials.get("auth_token"),
            credentials.get("twilio_number"),
        )

    def __init__(
        self,
        account_sid: str | None = None,
        auth_token: str | None = None,
        twilio_number: str | None = None,
    ) -> None:
        # Empty values fall back to settings() when used (read per request, so tests can change them).
        self._account_sid = account_sid or None
        self._auth_token = auth_token or None
        self._twilio_number = twilio_number or None
        self.limiter = limits.RateLimiter()
        self.turn_lock = (
            TurnLock()
        )  # one turn at a time per conversation, across replicas
        self._rate_notified: dict[str, float] = {}

    @property
    def auth_token(self) -> str:
        return self._auth_token or settings().twilio_auth_token

    @property
    def account_sid(self) -> str:
        return self._account_sid or settings().twilio_account_sid

    @property
    def twilio_number(self) -> str:
        return self._twilio_number or settings().twilio_from_number

    def get_output_channel(self) -> None:
        """None: this channel only answers inside the webhook response (TwiML), never pushes."""
        return None

    # --- checks -------------------------------------------------------------------------------
    def signed_url(self, request: Request) -> str:
        url = settings().twilio_webhook_url
        if request.query_string and "?" not in url:
            url = f"{url}?{request.query_string}"
        return url

    def signature_ok(self, request: Request, params: _FormParams) -> bool:
        signature = request.headers.get("X-Twilio-Signature")
        token = self.auth_token
        if not signature or not token:
            if not token:
                logger.error("Twilio webhook refused: no TWILIO_AUTH_TOKEN configured.")
            return False
        try:
            return bool(
                RequestValidator(token).validate(
                    self.signed_url(request), params, signature
                )
            )
        except Exception:  # a malformed header must not become a 500
            return False

    # --- the webhook --------------------------------------------------------------------------
    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        on_new_message = self.turn_lock.serialise(on_new_message)
        twilio_webhook = Blueprint("intake_twilio_webhook", __name__)

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            try:
                return await self.handle(request, on_new_message)
            except BadRequest as e:
                return response.text(e.message, status=e.status)
            except Exception:
                logger.exception("Twilio webhook failed unexpectedly.")
                return self._reply(self._sorry_text())

        return twilio_webhook

    def _reply(self, *texts: str) -> HTTPResponse:
        parts: list[str] = []
        for text in texts:
            parts.extend(sms.split_sms(text))
        return response.text(sms.twiml(parts), content_type=TWIML_CONTENT_TYPE)

    def _sorry_text(self) -> str:
        s = settings()
        return (
            "Sorry, something went wrong on our side. Please try again in a few minutes, "
            f"or call {s.firm_name} at {s.firm_phone}."
        )

    async def handle(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        params = parse_form(request)
        if not self.signature_ok(request, params):
            logger.warning(
                "Twilio webhook: missing or invalid signature; request refused."
            )
            return response.text("Invalid or missing X-Twilio-Signature.", status=403)

        sender = params.get("From")
        text = params.get("Body")
        sid = (params.get("MessageSid") or params.get("SmsMessageSid") or "").strip()
        if sender is None or not sender.strip():
            raise BadRequest("Missing 'From'.")
        if text is None:
            raise BadRequest("Missing 'Body'.")
        if not sid:
            raise BadRequest("Missing 'MessageSid'.")
        # Twilio's ids are 34 printable characters ("SM" + 32 hex digits); a NUL or a control
        # character would only reach the message store to be refused there.
        if len(sid) > 64 or not (sid.isascii() and sid.isprintable()):
            raise BadRequest("Invalid 'MessageSid'.")
        text = text.replace("\x00", "")
        sender = sender.strip()
        if not sms.is_e164(sender):
            raise BadRequest(
                "Unsupported sender: 'From' must be an E.164 phone number."
            )
        who = sms.phone_hash(sender)

        word = sms.keyword(text)
        phrase = sms.opt_out_phrase(text) if word == "stop" else None
        action = {"stop": "opt_out", "start": "opt_in", "yes": "opt_in"}.get(word or "")
        try:
            receipt = await _in_thread(
                functools.partial(
                    _store().receive_sms,
                    sid,
                    sender,
                    action,
                    f"texted {phrase or text.strip().upper()}"[:200] if action else "",
                    only_if_opted_out=word == "yes",
                )
            )
        except Exception as e:
            # Nothing was kept, not even the MessageSid: Twilio's retry is processed in full.
            # Never processed here unrecorded: it may be a repeat, or an opt-out to honour.
            logger.error(
                "Twilio %s: lead store unavailable (%s); answered 503.",
                sid,
                type(e).__name__,
            )
            return response.text(
                "The message store is unavailable; please retry.",
                status=503,
                headers={"Retry-After": "30"},
            )
        if not receipt.first_time:
            logger.info("Twilio %s: repeated MessageSid, already handled.", sid)
            return self._reply()

        # Twilio answers its own keywords itself when its keyword handling is on.
        twilio_answered = settings().twilio_keyword_replies == "twilio" and bool(
            params.get("OptOutType") or sms.is_twilio_keyword(text)
        )
        if word == "stop":
            logger.info("Twilio %s: sender %s opted out.", sid, who)
            if receipt.was_opted_out or twilio_answered:
                return self._reply()  # confirmed once, when the opt-out happened
            return self._reply(self._opted_out_text())
        if receipt.opted_out:
            logger.info("Twilio %s: sender %s is opted out; ignored.", sid, who)
            return self._reply()
        if action == "opt_in" and (word == "start" or receipt.changed):
            logger.info("Twilio %s: sender %s opted back in.", sid, who)
            pending = await self._pending_question(request, sender)
            if twilio_answered:
                # Twilio said "re-subscribed"; the question is asked again all the same, so
                # that the next reply answers a question it was given after.
                return (
                    self._reply(sms.render_turn(pending)) if pending else self._reply()
                )
            welcome = self._welcome_back_text(bool(pending))
            return self._reply(f"{welcome}\n\n{sms.render_turn(pending)}".strip())
        if word == "help":
            if twilio_answered:
                return self._reply()
            s = settings()
            return self._reply(
                f"{s.firm_name}: for help call {s.firm_phone} ({s.firm_hours}). "
                "Reply STOP to stop messages, START to resume. Msg & data rates may apply. "
                "Not legal advice; in an emergency call 911."
            )

        limit = settings().rate_limit_per_minute
        decision = await self.limiter.hit([(f"sms:{sender}", limit)])
        if not decision.allowed:
            logger.info("Twilio %s: sender %s rate limited.", sid, who)
            now = time.monotonic()
            if now - self._rate_notified.get(who, 0.0) < limits.WINDOW_SECONDS:
                return self._reply()  # told already in this window: no SMS flood back
            self._rate_notified[who] = now
            if len(self._rate_notified) > 10000:
                self._rate_notified.clear()
            return self._reply(limits.rate_limited_text(decision.retry_after))

        max_chars = settings().max_message_chars
        if len(text) > max_chars:
            logger.info(
                "Twilio %s: message over the length cap (%d chars).", sid, len(text)
            )
            return self._reply(limits.too_long_text(len(text), max_chars))

        # Some carriers turn '@' into '¡' (as in Rasa's own Twilio channel). Characters no store
        # can keep (NUL, lone surrogates) are dropped, as on the REST channel.
        text = limits.clean_text(text).replace("¡", "@")
        events = await self._tracker_events(request, sender)
        buttons = sms.last_buttons(events or [])
        metadata: dict[str, Any] = {"message_sid": sid}
        start_over = sms.start_over_answer(text, buttons)
        if start_over is not None:
            # The answer to "Start over?" (asked by text as the widget asks it): yes clears,
            # no keeps everything (actions.conversation.ActionRestart).
            text = START_OVER_PAYLOAD
            metadata[START_OVER_ANSWER] = start_over
        elif (payload := sms.match_choice(text, buttons)) is not None:
            text = payload
        else:
            text = sms.with_choice(text, buttons) or text
        # The first reply of a conversation says how to stop (once, not on every reply).
        first_reply = events is None or not sms.has_user_messages(events)

        collector = TwilioReplies()
        user_message = UserMessage(
            text,
            collector,
            sender,
            input_channel=self.name(),
            message_id=sid,
            metadata=metadata,
        )
        timeout = settings().twilio_turn_timeout
        task = asyncio.ensure_future(on_new_message(user_message))
        done, _pending = await asyncio.wait({task}, timeout=timeout)
        if not done:
            logger.warning(
                "Twilio %s: turn still running after %.0f s; replying early.",
                sid,
                timeout,
            )
            task.add_done_callback(_log_late_failure)
            if not collector.messages:
                return self._reply(self._sorry_text())
        elif task.cancelled() or task.exception() is not None:
            reason = (
                "cancelled" if task.cancelled() else type(task.exception()).__name__
            )
            logger.error("Twilio %s: the turn failed (%s).", sid, reason)
            return self._reply(self._sorry_text())
        if not collector.messages:
            # Every turn of this assistant says something; silence means a part is down (the action
            # server, most often: Rasa then ends the turn quietly). Say so, as the REST channel does.
            logger.error("Twilio %s: the turn produced no reply.", sid)
            return self._reply(self._sorry_text())
        logger.info(
            "Twilio %s: answered %s with %d message(s).",
            sid,
            who,
            len(collector.messages),
        )
        return response.text(
            sms.twiml_for_turn(
                list(collector.messages),
                notice=sms.STOP_NOTICE if first_reply else "",
            ),
            content_type=TWIML_CONTENT_TYPE,
        )

    async def _tracker_events(self, request: Request, sender: str) -> list[Any] | None:
        """The conversation's events from the tracker store the Rasa server shares with its
        replicas: [] for a new conversation, None when the store cannot be read."""
        agent = getattr(request.app.ctx, "agent", None)
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return None
        try:
            tracker = await store.retrieve(sender)
        except Exception as e:
            logger.error("Twilio: could not read the tracker (%s).", type(e).__name__)
            return None
        return [] if tracker is None else list(tracker.events)

    async def _pending_question(
        self, request: Request, sender: str
    ) -> list[dict[str, Any]]:
        return sms.pending_question(await self._tracker_events(request, sender) or [])

    def _opted_out_text(self) -> str:
        s = settings()
        return (
            f"You're unsubscribed from {s.firm_name} text messages and won't get any more. "
            f"Reply START to resume, or call {s.firm_phone}."
        )

    def _welcome_back_text(self, pending: bool) -> str:
        s = settings()
        if pending:
            return (
                f"Welcome back to {s.firm_name}. You will get our messages again "
                "(HELP for help, STOP to stop). Here is where we left off:"
            )
        return (
            f"Welcome back to {s.firm_name}. You will get our messages again. "
            "Send any message to continue, HELP for help, or STOP to stop."
        )


def _log_late_failure(task: asyncio.Future[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error(
            "Twilio: a late turn failed (%s).", type(task.exception()).__name__
        )
