"""outbox: the claim's index walks due rows in order (status, next_attempt_at, id, channel)

Revision ID: 0005_outbox_queue_index
Revises: 0004_conversation_state
Create Date: 2026-12-07 19:00:00

``ix_outbox_claim`` (status, channel, next_attempt_at) could not give a worker for every
channel its rows in claiming order, so each claim read and sorted every due row.
``ix_outbox_queue`` can (``engagement.delivery.outbox.claim``); it keeps channel so the
metrics' counts per channel and status stay index-only.
"""
from alembic import op


revision = '0005_outbox_queue_index'
down_revision = '0004_conversation_state'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_queue', ['status', 'next_attempt_at', 'id', 'channel'], unique=False)
        batch_op.drop_index('ix_outbox_claim')


def downgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_claim', ['status', 'channel', 'next_attempt_at'], unique=False)
        batch_op.drop_index('ix_outbox_queue')
