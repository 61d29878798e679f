"""presence_counts (hourly counts of who is here) and spaces.checkout_by_scan (issue 19)

Revision ID: 0009_i19_presence
Revises: 0011_i19_links
Create Date: 2026-12-04

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0009_i19_presence'
down_revision: Union[str, Sequence[str], None] = '0011_i19_links'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('presence_counts',
    sa.Column('kiosk_id', sa.Integer(), nullable=False),
    sa.Column('hour', sa.DateTime(timezone=True), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=False),
    sa.Column('present', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_presence_counts_kiosk_id_kiosks')),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_presence_counts_space_id_spaces')),
    sa.PrimaryKeyConstraint('kiosk_id', 'hour', name=op.f('pk_presence_counts'))
    )
    op.create_index('ix_presence_counts_space_hour', 'presence_counts', ['space_id', 'hour'], unique=False)
    op.create_index('ix_presence_counts_hour', 'presence_counts', ['hour'], unique=False)
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkout_by_scan', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.drop_column('checkout_by_scan')
    op.drop_index('ix_presence_counts_hour', table_name='presence_counts')
    op.drop_index('ix_presence_counts_space_hour', table_name='presence_counts')
    op.drop_table('presence_counts')
