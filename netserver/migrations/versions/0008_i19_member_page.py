"""member_links, member_link_failures, skill_optins, skill_board, spaces.opening_hours (issue 19)

Revision ID: 0004_i19
Revises: 0004_i16
Create Date: 2026-12-03

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004_i19'
down_revision: Union[str, Sequence[str], None] = '0004_i16'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('member_link_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_link_failures'))
    )
    with op.batch_alter_table('member_link_failures', schema=None) as batch_op:
        batch_op.create_index('ix_member_link_failures_client_at', ['client', 'at'], unique=False)

    op.create_table('member_links',
    sa.Column('member_number', sa.Integer(), nullable=False),
    sa.Column('link_hash', sa.String(length=64), nullable=False),
    sa.Column('sealed_pass', sa.Text(), nullable=False),
    sa.Column('pass_serial', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_number'], ['members.number'], name=op.f('fk_member_links_member_number_members')),
    sa.PrimaryKeyConstraint('member_number', name=op.f('pk_member_links')),
    sa.UniqueConstraint('link_hash', name=op.f('uq_member_links_link_hash'))
    )
    op.create_table('skill_board',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_number', sa.Integer(), nullable=False),
    sa.Column('space_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('first_name', sa.String(length=50), nullable=False),
    sa.Column('topics', sa.String(length=300), nullable=False),
    sa.Column('shown', sa.Boolean(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('txid', sa.BigInteger(), nullable=False, server_default='0'),  # the sync key (0006_i14)
    sa.ForeignKeyConstraint(['member_number'], ['members.number'], name=op.f('fk_skill_board_member_number_members')),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_skill_board_space_id_spaces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_board')),
    sa.UniqueConstraint('member_number', 'space_id', 'day', name=op.f('uq_skill_board_member_number'))
    )
    with op.batch_alter_table('skill_board', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skill_board_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_skill_board_member_number'), ['member_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_skill_board_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_skill_board_space_id'), ['space_id'], unique=False)
    op.create_index('ix_skill_board_txid_seq', 'skill_board', ['txid', 'seq'])

    op.create_table('skill_optins',
    sa.Column('member_number', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=50), nullable=False),
    sa.Column('topics', sa.String(length=300), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_number'], ['members.number'], name=op.f('fk_skill_optins_member_number_members')),
    sa.PrimaryKeyConstraint('member_number', name=op.f('pk_skill_optins'))
    )
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opening_hours', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('capacity', sa.Integer(), nullable=False, server_default='0'))



def downgrade() -> None:
    with op.batch_alter_table('spaces', schema=None) as batch_op:
        batch_op.drop_column('capacity')
        batch_op.drop_column('opening_hours')

    op.drop_table('skill_optins')
    with op.batch_alter_table('skill_board', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skill_board_space_id'))
        batch_op.drop_index(batch_op.f('ix_skill_board_seq'))
        batch_op.drop_index(batch_op.f('ix_skill_board_member_number'))
        batch_op.drop_index(batch_op.f('ix_skill_board_day'))
    op.drop_index('ix_skill_board_txid_seq', table_name='skill_board')

    op.drop_table('skill_board')
    op.drop_table('member_links')
    with op.batch_alter_table('member_link_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_member_link_failures_client_at')

    op.drop_table('member_link_failures')
