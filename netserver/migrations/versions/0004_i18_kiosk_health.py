"""kiosks.health, kiosks.health_at: what each kiosk reports with its sync (issue 18)

Revision ID: 0004_i18
Revises: 0003_i15
Create Date: 2026-12-03

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "0004_i18"
down_revision: Union[str, Sequence[str], None] = "0003_i15"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("kiosks") as batch_op:
        batch_op.add_column(sa.Column("health", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("health_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("kiosks") as batch_op:
        batch_op.drop_column("health_at")
        batch_op.drop_column("health")
