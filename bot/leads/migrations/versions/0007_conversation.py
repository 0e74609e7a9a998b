"""The conversation following the person: a lawyer they want a second opinion from or to leave,
the summary they confirmed, the facts they were not sure of, the photos they sent.

Three nullable columns on ``leads`` (``bot.leads.vocabulary``: ``summary_confirmed``,
``unknown_facts`` and ``media_urls``, the last two JSON lists of strings); older leads keep them
empty. ``represented_intent`` came with the case evaluation (0006).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: added in place on SQLite and PostgreSQL alike (no table copy).
    op.add_column("leads", sa.Column("summary_confirmed", sa.Boolean))
    op.add_column("leads", sa.Column("unknown_facts", sa.Text))
    op.add_column("leads", sa.Column("media_urls", sa.Text))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35+), so a refused downgrade further down
    # (0002) leaves no half-copied table behind.
    for column in (
        "media_urls",
        "unknown_facts",
        "summary_confirmed",
    ):
        op.drop_column("leads", column)
