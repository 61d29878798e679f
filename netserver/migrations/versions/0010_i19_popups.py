"""popups; kiosks.popup_id/expires_at, enrollment_codes.popup_id, checkins.popup_id,
network.popup_guest_day: pop-up coworking (issue 19)

Revision ID: 0010_i19_popups
Revises: 0009_i19_presence
Create Date: 2026-12-04

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "0010_i19_popups"
down_revision: Union[str, Sequence[str], None] = "0009_i19_presence"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "popups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("town", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("host_member", sa.Integer(), nullable=True),
        sa.Column("host_name", sa.String(length=200), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(["space_id"], ["spaces.id"], name=op.f("fk_popups_space_id_spaces")),
        sa.ForeignKeyConstraint(
            ["host_member"], ["members.number"], name=op.f("fk_popups_host_member_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_popups")),
    )
    op.create_index("ix_popups_space_id", "popups", ["space_id"])
    op.create_index("ix_popups_ends_at", "popups", ["ends_at"])
    op.create_index("ix_popups_seq", "popups", ["seq"])
    op.create_index("ix_popups_txid_seq", "popups", ["txid", "seq"])

    with op.batch_alter_table("network") as batch_op:
        batch_op.add_column(
            sa.Column("popup_guest_day", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("kiosks") as batch_op:
        batch_op.add_column(sa.Column("popup_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key("fk_kiosks_popup_id_popups", "popups", ["popup_id"], ["id"])
    with op.batch_alter_table("enrollment_codes") as batch_op:
        batch_op.add_column(sa.Column("popup_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_enrollment_codes_popup_id_popups", "popups", ["popup_id"], ["id"])
    with op.batch_alter_table("checkins") as batch_op:
        batch_op.add_column(sa.Column("popup_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_checkins_popup_id_popups", "popups", ["popup_id"], ["id"])
        batch_op.create_index("ix_checkins_popup_id", ["popup_id"])


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch_op:
        batch_op.drop_index("ix_checkins_popup_id")
        batch_op.drop_constraint("fk_checkins_popup_id_popups", type_="foreignkey")
        batch_op.drop_column("popup_id")
    with op.batch_alter_table("enrollment_codes") as batch_op:
        batch_op.drop_constraint("fk_enrollment_codes_popup_id_popups", type_="foreignkey")
        batch_op.drop_column("popup_id")
    with op.batch_alter_table("kiosks") as batch_op:
        batch_op.drop_constraint("fk_kiosks_popup_id_popups", type_="foreignkey")
        batch_op.drop_column("expires_at")
        batch_op.drop_column("popup_id")
    with op.batch_alter_table("network") as batch_op:
        batch_op.drop_column("popup_guest_day")
    op.drop_table("popups")
