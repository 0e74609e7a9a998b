"""The lead store's first schema: leads, their history and notes, staff, audit, outbox, SMS.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_login_at", sa.DateTime),
        sa.Column("failed_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed_window_start", sa.DateTime),
        sa.Column("locked_until", sa.DateTime),
        sa.PrimaryKeyConstraint("id", name="pk_staff_users"),
        sa.UniqueConstraint("username", name="uq_staff_users_username"),
    )
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("channel", sa.String(16)),
        sa.Column("status", sa.String(32), nullable=False, server_default="new"),
        sa.Column("outcome", sa.String(32)),
        sa.Column("priority_band", sa.Integer, nullable=False),
        sa.Column("incident_type", sa.String(40)),
        sa.Column("incident_description", sa.Text),
        sa.Column("state", sa.String(8)),
        sa.Column("incident_date", sa.String(10)),
        sa.Column("discovery_date", sa.String(10)),
        sa.Column("patient_role", sa.String(32)),
        sa.Column("patient_dob", sa.String(10)),
        sa.Column("patient_deceased", sa.Boolean),
        sa.Column("death_date", sa.String(10)),
        sa.Column("government_facility", sa.Boolean),
        sa.Column("already_represented", sa.Boolean),
        sa.Column("deadline", sa.Date),
        sa.Column("days_left", sa.Integer),
        sa.Column("limitation_status", sa.String(64)),
        sa.Column("explanation", sa.Text),
        sa.Column("citation", sa.Text),
        sa.Column("caveats", sa.Text),
        sa.Column("contact_name", sa.String(200)),
        sa.Column("contact_phone", sa.String(32)),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("contact_consent", sa.Boolean),
        sa.Column("assigned_to", sa.Integer),
        sa.Column("transcript_snapshot", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_leads"),
        sa.UniqueConstraint("reference", name="uq_leads_reference"),
        sa.UniqueConstraint("conversation_id", name="uq_leads_conversation_id"),
        sa.ForeignKeyConstraint(
            ["assigned_to"],
            ["staff_users.id"],
            name="fk_leads_assigned_to",
            ondelete="SET NULL",
        ),
    )
    op.create_index(
        "ix_leads_queue", "leads", ["priority_band", "deadline", "created_at"]
    )
    op.create_index("ix_leads_status", "leads", ["status"])

    op.create_table(
        "lead_status_history",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("lead_id", sa.Integer, nullable=False),
        sa.Column("from_status", sa.String(32)),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("staff_id", sa.Integer),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lead_status_history"),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["leads.id"],
            name="fk_lead_status_history_lead_id",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_users.id"],
            name="fk_lead_status_history_staff_id",
            ondelete="SET NULL",
        ),
    )
    op.create_index(
        "ix_lead_status_history_lead_id", "lead_status_history", ["lead_id"]
    )

    op.create_table(
        "lead_notes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("lead_id", sa.Integer, nullable=False),
        sa.Column("staff_id", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lead_notes"),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name="fk_lead_notes_lead_id", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_users.id"],
            name="fk_lead_notes_staff_id",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_lead_notes_lead_id", "lead_notes", ["lead_id"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("staff_id", sa.Integer),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("lead_id", sa.Integer),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_users.id"],
            name="fk_audit_log_staff_id",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_audit_log_lead_id", "audit_log", ["lead_id"])

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("lead_id", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("last_error", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("lead_id", "channel", name="uq_outbox_lead_channel"),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name="fk_outbox_lead_id", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])

    op.create_table(
        "notification_attempts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("outbox_id", sa.Integer, nullable=False),
        sa.Column("lead_id", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("error", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_notification_attempts"),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["outbox.id"],
            name="fk_notification_attempts_outbox_id",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["leads.id"],
            name="fk_notification_attempts_lead_id",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_notification_attempts_lead_id", "notification_attempts", ["lead_id"]
    )

    op.create_table(
        "sms_opt_outs",
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("opted_out", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("phone", name="pk_sms_opt_outs"),
    )
    op.create_table(
        "inbound_messages",
        sa.Column("sid", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("sid", name="pk_inbound_messages"),
    )
    op.create_index(
        "ix_inbound_messages_received_at", "inbound_messages", ["received_at"]
    )


def downgrade() -> None:
    for table in (
        "inbound_messages",
        "sms_opt_outs",
        "notification_attempts",
        "outbox",
        "audit_log",
        "lead_notes",
        "lead_status_history",
        "leads",
        "staff_users",
    ):
        op.drop_table(table)
