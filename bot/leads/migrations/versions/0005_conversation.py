"""The conversation following the person: a lawyer they want a second opinion from or to leave,
the summary they confirmed, the facts they were not sure of, the photos they sent.

Four nullable columns on ``leads`` (``bot.leads.vocabulary``: ``represented_intent``,
``summary_confirmed``, ``unknown_facts`` and ``media_urls``, the last two JSON lists of
strings); older leads keep them empty.

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("leads") as batch:
        batch.add_column(sa.Column("represented_intent", sa.String(32)))
        batch.add_column(sa.Column("summary_confirmed", sa.Boolean))
        batch.add_column(sa.Column("unknown_facts", sa.Text))
        batch.add_column(sa.Column("media_urls", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("leads") as batch:
        batch.drop_column("media_urls")
        batch.drop_column("unknown_facts")
        batch.drop_column("summary_confirmed")
        batch.drop_column("represented_intent")
