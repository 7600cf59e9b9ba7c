"""inbound queue: retry_at on inbound_message

Inbound workers claim stored messages (``FOR UPDATE SKIP LOCKED``); a message
that failed on our side waits until ``retry_at`` before it is claimed again.

Revision ID: 0002_inbound_retry_at
Revises: 0001
Create Date: 2026-12-07 03:40:00
"""
from alembic import op
import sqlalchemy as sa
import engagement.db


revision = '0002_inbound_retry_at'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retry_at', engagement.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.drop_column('retry_at')
