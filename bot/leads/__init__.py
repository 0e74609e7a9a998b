"""The lead store and everything around it: outbox, spool, transcripts, staff users, audit.

Nothing in this package opens a connection or a file at import time.

Store (``bot.leads.store``, a package with one part per concern: ``base``, ``leads``, ``staff``,
``audit``, ``consent``, ``privacy``, ``outbox``; ``LeadStore`` composes them)::

    from bot.leads.store import LeadStore, get_store
    store = get_store()              # process-wide store for settings().database_url, made on first call
    store = LeadStore(url, settings=None)   # SQLite or PostgreSQL URL; engine made on first use;
                                            # settings overrides actions.config.settings() (tests)
    store.migrate()                  # alembic upgrade head; idempotent; serialised across processes

    store.create_lead(payload) -> dict           # idempotent per screening (race-safe): on
        # payload["dedupe_key"] ("<conversation_id>:<screening_id>" from the handoff), else on
        # payload["conversation_id"] (older callers); stored as leads.screening_key. So one
        # conversation can hold several leads (an SMS number screening a second matter), and a
        # retried or restarted handoff of one screening returns the lead it already made.
    store.leads_for_conversation(conversation_id) -> list[dict]   # oldest first, no transcript_snapshot
    store.get_lead(lead_id) -> dict | None       # includes "transcript_snapshot"
    store.get_lead_by_reference(reference) -> dict | None
    store.list_leads(status=None, outcome=None, channel=None, state=None, q=None, limit=500) -> list[dict]
    store.set_status(lead_id, status, staff_id) -> bool        # ValueError for an unknown status
    store.status_history(lead_id) -> list[dict]  # {id, lead_id, from_status, to_status, staff_id, username, display_name, at}
    store.add_note(lead_id, staff_id, text) -> dict | None     # None: no such lead; ValueError: empty text
    store.notes(lead_id) -> list[dict]           # {id, lead_id, staff_id, username, display_name, text, created_at}
    store.assign(lead_id, staff_id | None) -> bool              # ValueError: unknown staff id
    store.notification_attempts(lead_id) -> list[dict]         # {channel, attempt, at, ok, error}
    store.notifications(lead_id) -> list[dict]   # outbox rows {channel, status pending|sent|failed, attempts,
                                                 #              next_attempt_at, sent_at, last_error}
    store.retry_notification(lead_id, channel) -> bool         # re-queue a failed notification

    store.create_user(username, password, display_name="") -> dict   # ValueError: taken/empty
    store.authenticate(username, password) -> dict | None      # argon2id; 5 failures in 15 min lock 15 min
    store.set_password(user_id, password) -> bool ; store.unlock_user(user_id) -> bool
    bot.leads.store.set_password_hasher(argon2.PasswordHasher | None)   # tests: cheaper parameters
    store.get_user(user_id) / store.get_user_by_username(name) -> dict | None ; store.list_users() -> list[dict]
        # user dict: {id, username, display_name, created_at, last_login_at, locked, locked_until}

    store.audit(staff_id | None, action, lead_id=None, detail="")
    store.audit_log(lead_id=None, limit=200) -> list[dict]     # newest first:
        # {id, at, staff_id, username, action, lead_id, detail}

    store.is_opted_out(phone) -> bool ; store.set_opt_out(phone, opted_out) ; store.list_opt_outs() -> list[dict]
    store.receive_sms(sid, phone, action=None, detail="") -> SmsReceipt  # one transaction:
        # claims the MessageSid, reads the opt-out state, applies "opt_out"/"opt_in" + its row
    store.consent_history(phones=None, limit=200) -> list[dict]  # the dated consent record
    store.claim_message_sid(sid) -> bool         # True only the first time (race-safe)
    store.prune_message_sids(days=TWILIO_SID_RETENTION_DAYS) -> int

    store.erase_lead(lead_id, staff_id) -> bool  # lead + notes/history/outbox + its spool file + the
        # tracker conversation, which is kept while another lead has the same conversation_id
    store.purge_stale_conversations(days) -> int # tracker conversations older than N days, never leads

Lead dicts have exactly the inbox API's fields: id, reference ("ML-" + 6 characters of
23456789ABCDEFGHJKMNPQRSTUVWXYZ), created_at (ISO 8601 UTC), channel (web|sms|shell; Rasa's
"rest"/"twilio"/"cmdline" are mapped), conversation_id, status, outcome, priority, the intake
slots, deadline (ISO date), days_left, limitation_status, explanation, citation, caveats (list),
contact_*, callback_requested (bool, None for leads from before it was recorded: the person asked
to be called back), assigned_to, and (get_lead / create_lead only) transcript_snapshot.
``screening_key`` is stored but not part of the dict.

``days_left`` is recomputed from ``deadline`` against today's UTC date on every read (the stored
handoff value is used only when there is no deadline), and so is ``priority``:
``band * 10000 + clamp(days_left, 0, 9998)`` (9999 without a deadline), bands urgent 0,
qualified or unscreened 1, represented 2, time_barred 3, not_medmal 4, incomplete 5. ``list_leads`` orders by
band, then deadline (none last), then newest.

Auditing: the store writes audit rows itself for lead_created, lead_erased, account_locked and
conversations_purged. Status changes, notes and assignments have their own history tables; who
viewed or changed what from the inbox is the caller's to audit with ``store.audit``.
Never put contact data or health details in an audit ``detail`` or a log line.

Other modules:
    bot.leads.transcripts: transcript(sender_id, url=None) -> list[{at, from, text, channel}];
        delete_conversation(sender_id, url=None) -> int; stale_sender_ids; delete_conversations
    bot.leads.spool: spool_lead(payload, spool_dir=None) -> Path (one file per screening key);
        drain_spool(store, spool_dir=None) -> int (each file claimed by a rename first);
        discard_spooled(screening_key, spool_dir=None);
        pending(spool_dir=None) -> int
    bot.leads.fields.screening_key(payload) -> str: payload["dedupe_key"] or its conversation_id
    bot.leads.notify: send_email(lead, settings); send_to_clio(lead, settings); email_subject; email_body
    bot.leads.vocabulary: FIELDS, STATUSES, OUTCOMES, CHANNELS, INCIDENT_TYPES, priority(...)
    bot.leads.fields: LEAD_FIELDS, STATUSES, OUTCOMES, clean_payload(payload), screening_key(payload),
        priority(outcome, days_left), lead_dict(row)
    bot.leads.outbox: process_due(store, settings=None, now=None) -> int (notifications delivered)
    bot.leads.alerts: the on-call alerts (SMS through Twilio's Messages API, email) queued by
        create_lead for urgent leads (any lead in ALERT_ALL_LEADS_HOURS); urgency_reasons(lead)
    bot.leads.firmtime: parse_hours("mon-fri 08:00-18:00"), zone, is_open, fmt_local, fmt_age
    bot.leads.worker: run_once(store, now=None, retention=True) -> {"spool", "outbox", "retention"};
        async run_forever(store, stop: asyncio.Event, interval=5.0): the background work (spool
        drain, outbox, hourly retention purge); safe to run in several copies at once
    python -m bot.leads migrate | user add NAME [--password-stdin] | erase ID --staff NAME |
        purge [--days N] | outbox | drain | worker [--once] [--interval SECONDS]

What a lead is (its fields, statuses, outcomes, channels) is defined once, in
``bot.leads.vocabulary``; every setting comes from ``actions.config``.
"""
