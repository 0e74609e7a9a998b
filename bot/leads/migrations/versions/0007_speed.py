"""Speed to lead: the outbox row's ``target``, the number or address an on-call alert goes to.

Added nullable in place (no table copy on SQLite): the email and Clio rows have none.

Revision ID: 0007
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("target", sa.String(254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("target")
