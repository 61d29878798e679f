"""checkins: a covering index for the monthly report and the dashboard (issue 16: every admin
page <= 200 ms at 200,000 members; they read each check-in row of the month or day through the
day index)

Revision ID: 0012_i16_report
Revises: 0004_i19
Create Date: 2026-12-04

"""
from typing import Sequence, Union

from alembic import op


revision: str = '0012_i16_report'
down_revision: Union[str, Sequence[str], None] = '0004_i19'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = [
    'day', 'admitted', 'counted', 'reason', 'space_id', 'member_number', 'annulled_at', 'kiosk_id',
    'day_pass_number', 'replaced_at', 'occurred_at',
]


def upgrade() -> None:
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index('ix_checkins_report', COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index('ix_checkins_report')
