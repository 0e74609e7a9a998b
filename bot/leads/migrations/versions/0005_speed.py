"""Speed to lead: the outbox row's ``target`` (the number or address an on-call alert goes to),
and outbox rows about no one lead (the weekly insights summary: ``lead_id`` may be NULL, in the
outbox and in its attempts).

``target`` is added in place. Making ``lead_id`` nullable rebuilds both tables on SQLite (a
batch copy); the migration environment has foreign keys off for it, so the copy cannot cascade,
and every foreign key is checked afterwards.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _check_foreign_keys() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    problems = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        tables = sorted({str(row[0]) for row in problems})
        raise RuntimeError(f"foreign key check failed after 0007: {tables}")


def upgrade() -> None:
    op.add_column("outbox", sa.Column("target", sa.String(254), nullable=True))
    for table in ("outbox", "notification_attempts"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("lead_id", existing_type=sa.Integer, nullable=True)
    _check_foreign_keys()


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM notification_attempts WHERE lead_id IS NULL"))
    op.execute(sa.text("DELETE FROM outbox WHERE lead_id IS NULL"))
    for table in ("notification_attempts", "outbox"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("lead_id", existing_type=sa.Integer, nullable=False)
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("target")
    _check_foreign_keys()
