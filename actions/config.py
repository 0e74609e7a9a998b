"""Every setting, read from the environment (and `.env`) in one place.

Nothing here opens a connection or a file at import time: `settings()` reads the environment on
first use and caches it, so tests can set variables and call `settings.cache_clear()`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _load_dotenv() -> None:
    try:
        from dotenv import load_dotenv
    except ImportError:  # pragma: no cover - python-dotenv is a pinned dependency
        return
    # Variables already in the environment win over .env, so tests and deployments can override.
    load_dotenv(PROJECT_ROOT / ".env", override=False)


def _bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _str(name: str, default: str = "") -> str:
    raw = os.environ.get(name)
    return raw.strip() if raw is not None and raw.strip() != "" else default


def _positive_float(name: str, default: float) -> float:
    """A positive number of hours or seconds; the default when unset, malformed or not > 0."""
    try:
        value = float(_str(name, str(default)))
    except ValueError:
        return default
    return value if value > 0 else default


def _non_negative_float(name: str, default: float) -> float:
    """A number >= 0 (0 switches something off); the default when unset or malformed."""
    try:
        value = float(_str(name, str(default)))
    except ValueError:
        return default
    return value if value >= 0 else default


def _list(name: str) -> tuple[str, ...]:
    """A comma-separated setting as a tuple of its non-empty items."""
    return tuple(item.strip() for item in _str(name).split(",") if item.strip())


def sqlite_url(path: str) -> str:
    p = Path(path)
    if not p.is_absolute():
        p = PROJECT_ROOT / p
    return f"sqlite:///{p}"


@dataclass(frozen=True)
class Settings:
    # The firm: every firm-specific word the assistant says comes from here.
    firm_name: str
    firm_phone: str
    firm_hours: str
    firm_response_promise: str
    firm_privacy_url: str
    firm_website: str
    # Storage.
    database_url: str  # the lead store (SQLAlchemy URL)
    tracker_store_url: (
        str  # the Rasa tracker store, read by the inbox for transcripts and erasure
    )
    spool_dir: (
        Path  # leads that could not be written yet wait here (one JSON file each)
    )
    lock_store_type: str  # in_memory | redis
    redis_host: str
    redis_port: int
    redis_db: int
    # The channels (bot/channels/): their Redis (rate limits, turn lock), timeouts and limits.
    redis_password: str  # empty: none
    redis_timeout: float  # seconds to connect and per command; then count in memory
    rate_limit_per_address_per_minute: int | None  # None: 4 x rate_limit_per_minute
    turn_lock_lifetime: float  # seconds; Rasa's own TICKET_LOCK_LIFETIME
    turn_lock_wait: float  # seconds a turn waits for the conversation's lock
    twilio_turn_timeout: float  # seconds before an SMS turn is answered early
    rasa_public_url: (
        str  # where browsers reach the Rasa REST channel (the widget's data-server)
    )
    # Services and secrets.
    rasa_url: str
    action_server_url: str
    rasa_api_token: str
    inbox_api_token: str
    inbox_secret_key: str
    inbox_port: int
    inbox_public_url: str
    allowed_origins: tuple[str, ...]
    # Notifications.
    intake_email: str
    mail_from: str
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    smtp_timeout: float
    email_include_details: bool
    clio_lead_inbox_url: str
    clio_lead_inbox_token: str
    clio_timeout: float  # seconds to wait for Clio Grow
    # SMS.
    twilio_account_sid: str
    twilio_auth_token: str
    twilio_webhook_url: str
    twilio_from_number: str
    twilio_api_base: str
    # Abuse limits and privacy.
    max_message_chars: int
    rate_limit_per_minute: int
    retention_days: int
    extra: dict = field(default_factory=dict)
    # The staff inbox's web server (bot/inbox).
    inbox_host: str = "127.0.0.1"
    inbox_log_level: str = "INFO"
    inbox_max_body_bytes: int = 64 * 1024  # larger request bodies get a 413
    inbox_session_hours: float = 8.0  # a staff sign-in lasts this long
    # How often the inbox drains the spool and sends due notifications.
    inbox_background_seconds: float = 5.0
    inbox_widget_dir: Path = PROJECT_ROOT / "bot" / "widget"  # /, /privacy, /widget.*
    # The background worker (outbox, spool, retention) inside the inbox; false when it runs
    # alone (`python -m bot.leads worker`). Several copies are safe either way.
    inbox_run_worker: bool = True
    # Staff sign-in (bot/inbox/auth.py explains the choice). Failed sign-ins per client address
    # per window, then 429 (behind a reverse proxy set SANIC_PROXIES_COUNT=1, or every client
    # is the proxy's address).
    inbox_login_address_attempts: int = 30
    inbox_login_address_window_seconds: float = 900.0
    # One account from one address: this many failures lock that account for that address.
    inbox_login_account_address_failures: int = 5
    # One account from all addresses within 15 minutes: this many lock it everywhere.
    inbox_login_account_failures: int = 50
    # Threads that hash passwords, apart from the ones that serve staff pages.
    inbox_login_hash_workers: int = 2
    # SMS consent, Twilio replay and log identifiers (bot/channels/twilio.py, bot/channels/limits.py).
    # Days a Twilio MessageSid is remembered, so a replayed request is answered once: far longer
    # than Twilio ever retries, and never shortened by RETENTION_DAYS.
    twilio_sid_retention_days: int = 400
    # Who answers STOP/START/HELP: "app" (Twilio's own keyword handling turned off: this server
    # answers every keyword once) or "twilio" (Twilio answers its own keywords; this server
    # records them and answers only the words Twilio does not know). See README, Channels.
    twilio_keyword_replies: str = "app"
    # The key of the hashes that stand for phone numbers and conversation ids in logs and Redis.
    log_hash_secret: str = ""
    # The action server (bot/action_server.py): where it listens (the internal network's
    # address when scaled out) and the token every call must carry (empty: it does not start).
    action_server_host: str = "127.0.0.1"
    action_server_port: int = 5055
    action_server_token: str = ""
    # The HMAC key of spooled leads (bot/leads/spool.py); empty: a key file next to the spool.
    lead_spool_key: str = ""

    # --- Speed to lead: the firm's clock, urgent alerts and the contact promise. ---
    firm_timezone: str = "UTC"  # IANA name (America/New_York): the inbox's local time
    # The open hours, "mon-fri 08:00-18:00" or several ranges separated by commas
    # ("mon-fri 08:00-18:00, sat 09:00-12:00"): bot.leads.firmtime.parse_hours for the inbox,
    # actions/hours.py for the assistant's time-aware words ("call us today" only while open;
    # otherwise when they open).
    firm_open_hours: str = "mon-fri 08:00-18:00"
    alert_sms_to: tuple[str, ...] = ()  # on-call numbers (E.164) texted about a lead
    alert_email_to: tuple[str, ...] = ()  # on-call addresses emailed about a lead
    alert_all_leads_hours: str = ""  # any lead alerts in these hours; "": urgent only
    twilio_timeout: float = 10.0  # seconds to wait for Twilio's Messages API
    contact_promise_hours: float = 24.0  # a lead not contacted by then is overdue
    urgent_contact_promise_hours: float = 1.0  # the same for an urgent lead
    # A screening idle this long after a phone or email and consent: an incomplete lead.
    partial_lead_idle_minutes: float = 30.0  # 0: never
    # Callback times (actions/callback.py): the open hours cut into slots this long, each
    # holding this many calls, offered over this many open days from today; the firm's
    # holidays (ISO dates) are never offered.
    callback_slot_minutes: int = 30
    callback_slot_capacity: int = 2
    callback_days_ahead: int = 3
    firm_holidays: tuple[str, ...] = ()

    # The website's REST channel (bot/channels/rest.py, bot/channels/conversation_ids.py): the
    # key that signs the conversation ids it issues (empty: derived from another secret, see
    # conversation_ids.signing_key), and how much `metadata` a message may carry.
    conversation_id_secret: str = ""
    rest_metadata_max_bytes: int = 4 * 1024  # serialised as JSON; larger gets a 413
    rest_json_max_depth: int = 8  # levels of nesting in `metadata`; deeper gets a 400


# Values `make setup` replaces with random secrets: never a key.
_PLACEHOLDERS = frozenset({"change-me", "changeme"})


def _log_hash_secret() -> str:
    """`LOG_HASH_SECRET`, else one derived from a secret an older `.env` already has, else ""."""
    explicit = _str("LOG_HASH_SECRET")
    if explicit and explicit not in _PLACEHOLDERS:
        return explicit
    for name in (
        "INBOX_SECRET_KEY",
        "RASA_API_TOKEN",
        "INBOX_API_TOKEN",
        "TWILIO_AUTH_TOKEN",
    ):
        value = _str(name)
        if value and value not in _PLACEHOLDERS:
            return hmac.new(
                value.encode("utf-8"), b"intake-log-hash-secret-v1", hashlib.sha256
            ).hexdigest()
    return ""


@lru_cache(maxsize=1)
def settings() -> Settings:
    _load_dotenv()
    db_path = _str("LEAD_DB_PATH", "var/leads.db")
    origins = tuple(
        o.strip()
        for o in _str("ALLOWED_ORIGINS", "http://localhost:8080").split(",")
        if o.strip()
    )
    return Settings(
        firm_name=_str("FIRM_NAME", "Harbor & Lane Medical Injury Law"),
        firm_phone=_str("FIRM_PHONE", "(555) 010-0199"),
        firm_hours=_str("FIRM_HOURS", "Monday to Friday, 8am to 6pm"),
        firm_response_promise=_str("FIRM_RESPONSE_PROMISE", "within one business day"),
        firm_privacy_url=_str("FIRM_PRIVACY_URL", "/privacy"),
        firm_website=_str("FIRM_WEBSITE", "http://localhost:8080/"),
        database_url=_str("DATABASE_URL", sqlite_url(db_path)),
        tracker_store_url=_str("TRACKER_STORE_URL", sqlite_url("var/rasa.db")),
        spool_dir=Path(_str("LEAD_SPOOL_DIR", str(PROJECT_ROOT / "var" / "spool"))),
        lock_store_type=_str("LOCK_STORE_TYPE", "in_memory"),
        redis_host=_str("REDIS_HOST", "127.0.0.1"),
        redis_port=_int("REDIS_PORT", 6379),
        redis_db=_int("REDIS_DB", 1),
        redis_password=_str("REDIS_PASSWORD"),
        redis_timeout=float(_str("RATE_LIMIT_REDIS_TIMEOUT", "0.5")),
        rate_limit_per_address_per_minute=(
            _int("RATE_LIMIT_PER_ADDRESS_PER_MINUTE", 0)
            if _str("RATE_LIMIT_PER_ADDRESS_PER_MINUTE")
            else None
        ),
        turn_lock_lifetime=float(_str("TICKET_LOCK_LIFETIME", "60")),
        turn_lock_wait=float(
            _str("TURN_LOCK_WAIT_SECONDS", _str("TICKET_LOCK_LIFETIME", "60"))
        ),
        twilio_turn_timeout=float(_str("TWILIO_TURN_TIMEOUT", "12")),
        rasa_public_url=_str("RASA_PUBLIC_URL", "http://localhost:5005"),
        rasa_url=_str("RASA_URL", "http://localhost:5005"),
        action_server_url=_str("ACTION_SERVER_URL", "http://localhost:5055/webhook"),
        rasa_api_token=_str("RASA_API_TOKEN"),
        inbox_api_token=_str("INBOX_API_TOKEN"),
        inbox_secret_key=_str("INBOX_SECRET_KEY"),
        inbox_port=_int("INBOX_PORT", 8080),
        inbox_public_url=_str("INBOX_PUBLIC_URL", "http://localhost:8080"),
        allowed_origins=origins,
        intake_email=_str("INTAKE_EMAIL", "intake@example.com"),
        mail_from=_str("MAIL_FROM", "assistant@example.com"),
        smtp_host=_str("SMTP_HOST", "localhost"),
        smtp_port=_int("SMTP_PORT", 2525),
        smtp_user=_str("SMTP_USER"),
        smtp_password=_str("SMTP_PASSWORD"),
        smtp_starttls=_bool("SMTP_STARTTLS", False),
        smtp_timeout=float(_str("SMTP_TIMEOUT", "10")),
        email_include_details=_bool("EMAIL_INCLUDE_DETAILS", False),
        clio_lead_inbox_url=_str("CLIO_LEAD_INBOX_URL"),
        clio_lead_inbox_token=_str("CLIO_LEAD_INBOX_TOKEN"),
        clio_timeout=float(_str("CLIO_TIMEOUT", "15")),
        twilio_account_sid=_str("TWILIO_ACCOUNT_SID"),
        twilio_auth_token=_str("TWILIO_AUTH_TOKEN"),
        twilio_webhook_url=_str(
            "TWILIO_WEBHOOK_URL", "http://localhost:5005/webhooks/twilio/webhook"
        ),
        twilio_from_number=_str("TWILIO_FROM_NUMBER"),
        twilio_api_base=_str("TWILIO_API_BASE", "https://api.twilio.com"),
        max_message_chars=_int("MAX_MESSAGE_CHARS", 5000),
        rate_limit_per_minute=_int("RATE_LIMIT_PER_MINUTE", 30),
        retention_days=_int("RETENTION_DAYS", 30),
        inbox_host=_str("INBOX_HOST", "127.0.0.1"),
        inbox_log_level=_str("INBOX_LOG_LEVEL", "INFO").upper(),
        inbox_max_body_bytes=_int("INBOX_MAX_BODY_BYTES", 64 * 1024),
        inbox_session_hours=_positive_float("INBOX_SESSION_HOURS", 8.0),
        inbox_background_seconds=_positive_float("INBOX_BACKGROUND_SECONDS", 5.0),
        inbox_widget_dir=Path(
            _str("INBOX_WIDGET_DIR", str(PROJECT_ROOT / "bot" / "widget"))
        ),
        inbox_run_worker=_bool("INBOX_RUN_WORKER", True),
        inbox_login_address_attempts=max(1, _int("INBOX_LOGIN_ADDRESS_ATTEMPTS", 30)),
        inbox_login_address_window_seconds=_positive_float(
            "INBOX_LOGIN_ADDRESS_WINDOW_SECONDS", 900.0
        ),
        inbox_login_account_address_failures=max(
            1, _int("INBOX_LOGIN_ACCOUNT_ADDRESS_FAILURES", 5)
        ),
        inbox_login_account_failures=max(1, _int("INBOX_LOGIN_ACCOUNT_FAILURES", 50)),
        inbox_login_hash_workers=max(1, _int("INBOX_LOGIN_HASH_WORKERS", 2)),
        twilio_sid_retention_days=max(2, _int("TWILIO_SID_RETENTION_DAYS", 400)),
        twilio_keyword_replies=(
            "twilio"
            if _str("TWILIO_KEYWORD_REPLIES", "app").lower() == "twilio"
            else "app"
        ),
        log_hash_secret=_log_hash_secret(),
        action_server_host=_str("ACTION_SERVER_HOST", "127.0.0.1"),
        action_server_port=_int("ACTION_SERVER_PORT", 5055),
        action_server_token=_str("ACTION_SERVER_TOKEN"),
        lead_spool_key=_str("LEAD_SPOOL_KEY"),
        # --- Speed to lead. ---
        firm_timezone=_str("FIRM_TIMEZONE", "UTC"),
        firm_open_hours=_str("FIRM_OPEN_HOURS", "mon-fri 08:00-18:00"),
        alert_sms_to=_list("ALERT_SMS_TO"),
        alert_email_to=_list("ALERT_EMAIL_TO"),
        alert_all_leads_hours=_str("ALERT_ALL_LEADS_HOURS"),
        twilio_timeout=_positive_float("TWILIO_TIMEOUT", 10.0),
        contact_promise_hours=_positive_float("CONTACT_PROMISE_HOURS", 24.0),
        urgent_contact_promise_hours=_positive_float(
            "URGENT_CONTACT_PROMISE_HOURS", 1.0
        ),
        partial_lead_idle_minutes=_non_negative_float(
            "PARTIAL_LEAD_IDLE_MINUTES", 30.0
        ),
        callback_slot_minutes=max(5, _int("CALLBACK_SLOT_MINUTES", 30)),
        callback_slot_capacity=max(1, _int("CALLBACK_SLOT_CAPACITY", 2)),
        callback_days_ahead=max(0, _int("CALLBACK_DAYS_AHEAD", 3)),
        firm_holidays=_list("FIRM_HOLIDAYS"),
        conversation_id_secret=_str("CONVERSATION_ID_SECRET"),
        rest_metadata_max_bytes=_int("REST_METADATA_MAX_BYTES", 4 * 1024),
        rest_json_max_depth=_int("REST_JSON_MAX_DEPTH", 8),
    )
