"""Callback times: when the person chose to be called (``bot.leads.vocabulary``:
``callback_time``, ISO 8601 with the firm's UTC offset).

One nullable column on ``leads``; older leads keep it empty (no time was chosen).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("leads", sa.Column("callback_time", sa.String(32)))


def downgrade() -> None:
    op.drop_column("leads", "callback_time")
