"""sync key (txid, seq): a txid column and an index on every synced table; on PostgreSQL the
SEQUENCE change_seq replaces the change_counter row (issue 14: no network-wide write lock)

Revision ID: 0004_i14
Revises: 0005_i13
Create Date: 2026-12-03

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0004_i14'
down_revision: Union[str, Sequence[str], None] = '0005_i13'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SYNCED = ('network', 'spaces', 'plans', 'members', 'staff', 'checkins', 'overshoots', 'day_passes',
          'events', 'equipment', 'tombstones')


def upgrade() -> None:
    for table in SYNCED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('txid', sa.BigInteger(), nullable=False, server_default='0'))
        op.create_index(f'ix_{table}_txid_seq', table, ['txid', 'seq'])
    if op.get_bind().dialect.name == 'postgresql':
        # existing rows keep txid 0 and their numbers, so the kiosks' cursors stay valid
        op.execute("CREATE SEQUENCE change_seq AS bigint")
        op.execute("SELECT setval('change_seq', (SELECT value FROM change_counter WHERE id = 1) + 1, false)")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("UPDATE change_counter SET value = (SELECT last_value FROM change_seq) WHERE id = 1")
        op.execute("DROP SEQUENCE change_seq")
    for table in SYNCED:
        op.drop_index(f'ix_{table}_txid_seq', table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column('txid')
