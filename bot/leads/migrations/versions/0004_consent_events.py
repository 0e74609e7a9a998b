"""A dated SMS consent record per phone number: ``sms_consent_events``.

One row per opt-out or opt-in texted (STOP, "stop texting me", START...) and per consent to be
contacted given or refused in a screening (written with the lead). Rows are only added; the
current state of a number stays in ``sms_opt_outs``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sms_consent_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False, server_default=""),
        sa.Column("lead_id", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_sms_consent_events"),
    )
    op.create_index("ix_sms_consent_events_phone", "sms_consent_events", ["phone"])
    op.create_index("ix_sms_consent_events_lead_id", "sms_consent_events", ["lead_id"])


def downgrade() -> None:
    op.drop_index("ix_sms_consent_events_lead_id", table_name="sms_consent_events")
    op.drop_index("ix_sms_consent_events_phone", table_name="sms_consent_events")
    op.drop_table("sms_consent_events")
