"""Deadlines a firm can rely on: the latest possible deadline of a date range, and whether an
object was left in the body (``bot.leads.vocabulary``: ``deadline_latest``, ``foreign_object``).

Two nullable columns on ``leads``; older leads keep them empty (their deadline is a single day).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: added in place on SQLite and PostgreSQL alike (no table copy).
    op.add_column("leads", sa.Column("deadline_latest", sa.Date))
    op.add_column("leads", sa.Column("foreign_object", sa.Boolean))


def downgrade() -> None:
    for column in ("foreign_object", "deadline_latest"):
        op.drop_column("leads", column)
