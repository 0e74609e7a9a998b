"""The conversation following the person: a lawyer they want a second opinion from or to leave,
the summary they confirmed, the facts they were not sure of, the photos they sent.

Four nullable columns on ``leads`` (``bot.leads.vocabulary``: ``represented_intent``,
``summary_confirmed``, ``unknown_facts`` and ``media_urls``, the last two JSON lists of
strings); older leads keep them empty.

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


def upgrade() -> None:
    # Nullable columns: added in place on SQLite and PostgreSQL alike (no table copy).
    op.add_column("leads", sa.Column("represented_intent", sa.String(32)))
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
        "represented_intent",
    ):
        op.drop_column("leads", column)
