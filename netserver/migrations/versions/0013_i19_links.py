"""members.name_key (the admin's indexed name search), fact_conflicts resolution (issue 19/16)

Revision ID: 0011_i19_links
Revises: 0012_i16_report
Create Date: 2026-12-04

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from netserver.db.name_key import name_key


revision: str = '0011_i19_links'
down_revision: Union[str, Sequence[str], None] = '0012_i16_report'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NAME_KEY = sa.String(200).with_variant(sa.String(200, collation='C'), 'postgresql')
BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', NAME_KEY, nullable=False, server_default=''))
    members = sa.table('members', sa.column('number', sa.Integer), sa.column('display_name', sa.String),
                       sa.column('name_key', sa.String))
    connection = op.get_bind()
    last = -1
    while True:  # in batches by number: bounded memory at any size
        rows = connection.execute(
            sa.select(members.c.number, members.c.display_name)
            .where(members.c.number > last).order_by(members.c.number).limit(BATCH)
        ).all()
        if not rows:
            break
        connection.execute(
            members.update().where(members.c.number == sa.bindparam('n')).values(name_key=sa.bindparam('k')),
            [{'n': number, 'k': name_key(name or '')} for number, name in rows],
        )
        last = rows[-1][0]
    op.create_index('ix_members_name_key', 'members', ['name_key', 'home_space_id', 'number'])

    with op.batch_alter_table('fact_conflicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolution', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('resolved_by', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('fact_conflicts', schema=None) as batch_op:
        batch_op.drop_column('resolved_by')
        batch_op.drop_column('resolved_at')
        batch_op.drop_column('resolution')
    op.drop_index('ix_members_name_key', table_name='members')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('name_key')
