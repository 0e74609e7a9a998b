"""The case evaluation: the facts an attorney decides on, the store's triage, summary,
pre-suit requirements and conflict matches on each lead, and the firm's conflict list.

Every new ``leads`` column is nullable (unknown for older leads), so SQLite adds them in place
without copying the table. ``conflict_entries`` is new.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LEAD_COLUMNS = (
    ("harm_description", sa.Text),
    ("harm_severity", lambda: sa.String(16)),
    ("providers", sa.Text),
    ("treatment_since", sa.Text),
    ("work_impact", sa.Boolean),
    ("has_records", sa.Boolean),
    ("patient_name", lambda: sa.String(200)),
    ("patient_age", sa.Integer),
    ("estate_representative", lambda: sa.String(200)),
    ("represented_intent", lambda: sa.String(16)),
    ("suit_filed", sa.Boolean),
    ("case_strength", lambda: sa.String(8)),
    ("case_strength_reasons", sa.Text),
    ("case_summary", sa.Text),
    ("conflict_matches", sa.Text),
    ("pre_suit", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("leads") as batch:
        for name, kind in LEAD_COLUMNS:
            batch.add_column(sa.Column(name, kind(), nullable=True))
    op.create_index("ix_leads_case_strength", "leads", ["case_strength"])
    op.create_table(
        "conflict_entries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("note", sa.String(300), nullable=False, server_default=""),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_conflict_entries"),
        sa.ForeignKeyConstraint(
            ["added_by"],
            ["staff_users.id"],
            name="fk_conflict_entries_added_by",
            ondelete="SET NULL",
        ),
    )


def downgrade() -> None:
    op.drop_table("conflict_entries")
    op.drop_index("ix_leads_case_strength", table_name="leads")
    with op.batch_alter_table("leads") as batch:
        for name, _kind in reversed(LEAD_COLUMNS):
            batch.drop_column(name)
