"""Declarative base, the UTC datetime type and the `Synced` mixin (change sequence column)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Index, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (no zone support) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Rows that kiosks pull: the sync key `(txid, seq)` is set on every write (see
    netserver/db/sequence.py), so a delta sync is `WHERE (txid, seq) > cursor`."""

    seq: Mapped[int] = mapped_column(BigInteger, index=True, default=0)
    txid: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


def sync_key_indexes(metadata: MetaData) -> None:
    """An index on `(txid, seq)` for every synced table (the delta sync's range scan)."""
    for table in metadata.tables.values():
        name = f"ix_{table.name}_txid_seq"
        if "txid" in table.c and not any(index.name == name for index in table.indexes):
            Index(name, table.c.txid, table.c.seq)
