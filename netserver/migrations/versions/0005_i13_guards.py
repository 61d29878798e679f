"""closed_months, fact_conflicts, enroll_attempts, annulments.space_id (issue 13)

Revision ID: 0005_i13
Revises: 0004_i18
Create Date: 2026-12-03

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "0005_i13"
down_revision: Union[str, Sequence[str], None] = "0004_i18"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "closed_months",
        sa.Column("month", sa.Date(), primary_key=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "fact_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("nonce", sa.String(32), nullable=False, unique=True),
        sa.Column("space_id", sa.Integer(), sa.ForeignKey("spaces.id"), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), sa.ForeignKey("kiosks.id"), nullable=True),
        sa.Column("member_number", sa.Integer(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("problem", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("fact", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_fact_conflicts_space_id", "fact_conflicts", ["space_id"])
    op.create_index("ix_fact_conflicts_received_at", "fact_conflicts", ["received_at"])
    op.create_table(
        "enroll_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_enroll_attempts_client", "enroll_attempts", ["client"])
    op.create_index("ix_enroll_attempts_at", "enroll_attempts", ["at"])
    with op.batch_alter_table("annulments") as batch_op:
        batch_op.add_column(sa.Column("space_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("annulments") as batch_op:
        batch_op.drop_column("space_id")
    op.drop_table("enroll_attempts")
    op.drop_table("fact_conflicts")
    op.drop_table("closed_months")
