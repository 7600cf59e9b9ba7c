"""campaign recipients remember the survey conversation: skipped questions, questions with staff, unclear answers

Revision ID: 0004_conversation_state
Revises: 0003_names_privacy_holds
Create Date: 2026-12-07 07:00:00

One nullable JSON column on ``campaign_recipient``; NULL means nothing
skipped, nothing with staff and no unclear answers yet (every existing row).
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_conversation_state'
down_revision = '0003_names_privacy_holds'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('campaign_recipient', schema=None) as batch_op:
        batch_op.add_column(sa.Column('conversation', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('campaign_recipient', schema=None) as batch_op:
        batch_op.drop_column('conversation')
