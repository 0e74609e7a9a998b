"""One lead per screening, not per conversation; and whether the person asked for a call back.

``leads.screening_key`` (the handoff's ``dedupe_key``, ``"<conversation_id>:<screening_id>"``)
becomes the unique key that makes ``create_lead`` idempotent; existing rows get their
``conversation_id``, which is what old callers without a ``dedupe_key`` fall back to. The unique
constraint on ``leads.conversation_id`` goes (an SMS number can screen two matters), a plain
index ``ix_leads_conversation_id`` stays for lookups. ``leads.callback_requested`` is new
(nullable: unknown for older leads).

SQLite cannot drop a constraint in place, so the batch operation copies ``leads`` into a new
table and drops the old one. With foreign keys enforced, that DROP would cascade into
``lead_notes``, ``lead_status_history``, ``outbox`` and ``notification_attempts``, so the
migration environment switches enforcement off first and this migration refuses to run if it is
still on, then checks every foreign key afterwards.

Downgrade refuses while two leads share a conversation id (the old unique constraint cannot be
restored without erasing a lead).

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _sqlite_guard() -> bool:
    """True on SQLite, after making sure the table copy cannot cascade-delete child rows."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "migration 0002 rebuilds the leads table; on SQLite that needs PRAGMA foreign_keys=OFF "
            "(set by the migration environment before any transaction), else dropping the old "
            "table would cascade-delete notes, history and the outbox"
        )
    return True


def _sqlite_check_foreign_keys() -> None:
    problems = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        tables = sorted({str(row[0]) for row in problems})
        raise RuntimeError(
            f"foreign key check failed after rebuilding leads: {len(problems)} rows in {tables}"
        )


def upgrade() -> None:
    sqlite = _sqlite_guard()
    # Nullable first (SQLite adds these in place, no copy), then backfill, then tighten.
    with op.batch_alter_table("leads") as batch:
        batch.add_column(sa.Column("screening_key", sa.String(300), nullable=True))
        batch.add_column(sa.Column("callback_requested", sa.Boolean, nullable=True))
    op.execute(
        sa.text(
            "UPDATE leads SET screening_key = conversation_id WHERE screening_key IS NULL"
        )
    )
    with op.batch_alter_table("leads") as batch:
        batch.alter_column(
            "screening_key", existing_type=sa.String(300), nullable=False
        )
        batch.create_unique_constraint("uq_leads_screening_key", ["screening_key"])
        batch.drop_constraint("uq_leads_conversation_id", type_="unique")
        batch.create_index("ix_leads_conversation_id", ["conversation_id"])
    if sqlite:
        _sqlite_check_foreign_keys()


def downgrade() -> None:
    sqlite = _sqlite_guard()
    shared = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT count(*) FROM (SELECT conversation_id FROM leads "
                "GROUP BY conversation_id HAVING count(*) > 1) AS shared"
            )
        )
        .scalar()
    )
    if shared:
        raise RuntimeError(
            f"cannot downgrade to 0001: {shared} conversations have more than one lead, and 0001 "
            "allows one lead per conversation; erase or merge those leads first"
        )
    with op.batch_alter_table("leads") as batch:
        batch.drop_index("ix_leads_conversation_id")
        batch.drop_constraint("uq_leads_screening_key", type_="unique")
        batch.drop_column("screening_key")
        batch.drop_column("callback_requested")
        batch.create_unique_constraint("uq_leads_conversation_id", ["conversation_id"])
    if sqlite:
        _sqlite_check_foreign_keys()
