"""The lead store's tables (SQLAlchemy Core).

The schema itself is created by the Alembic migrations in ``bot/leads/migrations``; these
definitions are what the store queries with, and ``tests/leads/test_migrations.py`` checks that
the two agree. The columns of the screening's facts are made from ``bot.leads.vocabulary``
(``SLOT_FIELDS``), so a new fact is one field there plus its migration. Times are naive UTC
``DateTime`` values throughout.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.leads import vocabulary as v

# Deterministic constraint names, so the migrations can name them and both dialects agree.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)

STATUSES = v.STATUSES
OUTCOMES = v.OUTCOMES
CHANNELS = v.CHANNELS


def _column(field: v.Field) -> sa.Column:
    """The nullable ``leads`` column of a screening fact (a migration must add it too)."""
    kind: sa.types.TypeEngine
    if field.type == "bool":
        kind = sa.Boolean()
    elif field.type == "int":
        kind = sa.Integer()
    elif field.type == "date" and field.max_length is None:
        kind = sa.Date()
    elif field.type in ("text", "date") and field.max_length is not None:
        kind = sa.String(
            field.max_length
        )  # a date kept as the text given: ISO, 10 long
    else:
        kind = sa.Text()  # unbounded text, or a list as JSON
    return sa.Column(field.name, kind)


staff_users = sa.Table(
    "staff_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(80), nullable=False, unique=True),
    sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_login_at", sa.DateTime),
    # Lock-out: failures counted within a window that starts at the first failure.
    sa.Column("failed_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed_window_start", sa.DateTime),
    sa.Column("locked_until", sa.DateTime),
    # Set: the account is disabled (no sign-in, sessions refused); `python -m bot.leads user`.
    sa.Column("disabled_at", sa.DateTime),
)

leads = sa.Table(
    "leads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("reference", sa.String(16), nullable=False, unique=True),
    # Not unique: one conversation (an SMS number) can screen more than one matter.
    sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
    # The handoff's dedupe_key ("<conversation_id>:<screening_id>"), or the conversation id for
    # callers without one: create_lead is idempotent on it.
    sa.Column("screening_key", sa.String(300), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("channel", sa.String(16)),
    sa.Column("status", sa.String(32), nullable=False, server_default=v.INITIAL_STATUS),
    # 0 urgent, 1 qualified/unknown, 2 represented, 3 time_barred, 4 not_medmal; within a band
    # leads sort by deadline (= days left), see ``vocabulary.priority``.
    sa.Column("priority_band", sa.Integer, nullable=False),
    # The screening's facts, one column per field the handoff takes from a slot (outcome,
    # incident_*, patient_*, deadline, days_left as computed at handoff, limitation_status,
    # explanation, citation, caveats as a JSON list of str, contact_*, callback_requested).
    *(_column(field) for field in v.SLOT_FIELDS),
    # The case evaluation the store works out when the lead is written (strength, reasons,
    # summary, conflict matches, pre-suit requirements).
    *(_column(field) for field in v.FIELDS if field.origin == "evaluated"),
    sa.Column(
        "assigned_to", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    ),
    sa.Column("transcript_snapshot", sa.Text),  # JSON list of {at, from, text, channel}
    sa.Index("ix_leads_queue", "priority_band", "deadline", "created_at"),
    sa.Index("ix_leads_status", "status"),
    sa.Index("ix_leads_case_strength", "case_strength"),
)

lead_status_history = sa.Table(
    "lead_status_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "lead_id",
        sa.Integer,
        sa.ForeignKey("leads.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("from_status", sa.String(32)),
    sa.Column("to_status", sa.String(32), nullable=False),
    sa.Column(
        "staff_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    ),
    sa.Column("at", sa.DateTime, nullable=False),
)

lead_notes = sa.Table(
    "lead_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "lead_id",
        sa.Integer,
        sa.ForeignKey("leads.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "staff_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    ),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# No foreign key to leads: the audit trail outlives an erased lead.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column(
        "staff_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    ),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("lead_id", sa.Integer, index=True),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # None for what is about no one lead: the weekly insights summary (bot.leads.insights).
    sa.Column(
        "lead_id",
        sa.Integer,
        sa.ForeignKey("leads.id", ondelete="CASCADE"),
        nullable=True,
    ),
    sa.Column(
        "channel", sa.String(16), nullable=False
    ),  # email | clio | alert_sms:<n> | alert_email:<n>
    sa.Column(
        "status", sa.String(16), nullable=False, server_default="pending"
    ),  # pending|sent|failed
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.DateTime, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("sent_at", sa.DateTime),
    sa.Column("last_error", sa.Text),
    # The on-call alerts' number or address (channels alert_sms:<n>, alert_email:<n>).
    sa.Column("target", sa.String(254)),
    sa.UniqueConstraint("lead_id", "channel", name="uq_outbox_lead_channel"),
    sa.Index("ix_outbox_due", "status", "next_attempt_at"),
)

notification_attempts = sa.Table(
    "notification_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "outbox_id",
        sa.Integer,
        sa.ForeignKey("outbox.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column(
        "lead_id",
        sa.Integer,
        sa.ForeignKey("leads.id", ondelete="CASCADE"),
        nullable=True,  # as its outbox row's
        index=True,
    ),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("error", sa.Text),
)

sms_opt_outs = sa.Table(
    "sms_opt_outs",
    metadata,
    sa.Column("phone", sa.String(32), primary_key=True),
    sa.Column("opted_out", sa.Boolean, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

inbound_messages = sa.Table(
    "inbound_messages",
    metadata,
    sa.Column("sid", sa.String(64), primary_key=True),
    sa.Column("received_at", sa.DateTime, nullable=False, index=True),
)

# A dated consent record per phone number: every opt-out and opt-in by text, and the consent to
# be contacted given (or refused) in a screening. No foreign key to leads: opt-outs outlive an
# erased lead (they must still be honoured); a screening's own rows go with its lead.
sms_consent_events = sa.Table(
    "sms_consent_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("phone", sa.String(32), nullable=False, index=True),
    sa.Column("at", sa.DateTime, nullable=False),
    # opt_out | opt_in | consent_given | consent_refused
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),  # sms | web | ...
    # How: the opt-out words matched ("STOP", "stop texting me"), or "screening"; never a message.
    sa.Column("detail", sa.String(200), nullable=False, server_default=""),
    sa.Column("lead_id", sa.Integer, index=True),
)

# The firm's conflict list (clients, former clients, adverse parties), uploaded in the inbox;
# each lead's names are matched against it (bot/leads/conflicts.py).
conflict_entries = sa.Table(
    "conflict_entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # vocabulary.CONFLICT_KINDS
    sa.Column("note", sa.String(300), nullable=False, server_default=""),
    sa.Column("added_at", sa.DateTime, nullable=False),
    sa.Column(
        "added_by", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="SET NULL")
    ),
)
