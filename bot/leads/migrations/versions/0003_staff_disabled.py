"""Staff users can be disabled: ``staff_users.disabled_at`` (null: active).

Set and cleared by ``python -m bot.leads user disable|enable NAME``; a disabled user cannot sign
in and the inbox refuses their sessions. Adding a nullable column needs no table copy on SQLite.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("disabled_at", sa.DateTime, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("disabled_at")
