"""panel municipality and privacy notice, consents name the notice, campaigns count who was held back

Revision ID: 0003_names_privacy_holds
Revises: 0002_inbound_retry_at
Create Date: 2026-12-07 04:00:00

Existing panels were named after their municipality ("Aarhus Kommune"):
that name becomes the municipality and the panel is called "Borgerpanelet",
so citizen texts read "Borgerpanelet i Aarhus Kommune" (staff can rename it
on the settings page).
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import engagement.db


revision = '0003_names_privacy_holds'
down_revision = '0002_inbound_retry_at'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('panel', schema=None) as batch_op:
        batch_op.add_column(sa.Column('municipality', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('dpo_contact', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('privacy_notice_da', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('privacy_notice_en', sa.Text(), nullable=True))
    op.execute("UPDATE panel SET municipality = name, name = 'Borgerpanelet'")

    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_version', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))

    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_back', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))

    op.create_table('privacy_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('version', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('text_da', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('created_at', engagement.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['panel_id'], ['panel.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('panel_id', 'version', name='uq_privacy_notice_panel_version')
    )
    with op.batch_alter_table('privacy_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_notice_panel_id'), ['panel_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('privacy_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_notice_panel_id'))
    op.drop_table('privacy_notice')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('held_back')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_column('privacy_version')
    op.execute("UPDATE panel SET name = municipality WHERE municipality <> ''")
    with op.batch_alter_table('panel', schema=None) as batch_op:
        batch_op.drop_column('privacy_notice_en')
        batch_op.drop_column('privacy_notice_da')
        batch_op.drop_column('dpo_contact')
        batch_op.drop_column('municipality')
