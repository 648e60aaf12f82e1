"""A response's language may be unknown: a keyed card whose batch cannot be found.

Before this, such a card was stored as English, which it may not have been; now its
language is NULL, shown to staff as "Not known" and left empty in the export.

SQLite cannot drop NOT NULL with ALTER TABLE, and a batch rebuild of `response`
would drop the comment-search triggers 0002 put on it. SQLite documents a way to
remove (or, when every row complies, restore) a NOT NULL constraint that leaves
the stored rows alone: edit the table's definition in the schema and bump the
schema version (https://www.sqlite.org/lang_altertable.html#otheralter).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 13:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_NOT_NULL = "language VARCHAR(12) NOT NULL,"
_NULLABLE = "language VARCHAR(12),"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _edit_sqlite_definition(_NOT_NULL, _NULLABLE)
        return
    op.alter_column("response", "language", existing_type=sa.String(length=12), nullable=True)


def downgrade() -> None:
    # Before 0011 a card of unknown language counted as English.
    op.execute("UPDATE response SET language = 'en' WHERE language IS NULL")
    if op.get_bind().dialect.name == "sqlite":
        _edit_sqlite_definition(_NULLABLE, _NOT_NULL)
        return
    op.alter_column("response", "language", existing_type=sa.String(length=12), nullable=False)


def _edit_sqlite_definition(old: str, new: str) -> None:
    connection = op.get_bind()
    definition = connection.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'response'")
    ).scalar_one()
    if definition.count(old) != 1:
        raise RuntimeError(f"response's definition does not say {old!r} once; not changed")
    version = connection.execute(sa.text("PRAGMA schema_version")).scalar_one()
    connection.execute(sa.text("PRAGMA writable_schema = ON"))
    connection.execute(
        sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'response'"),
        {"sql": definition.replace(old, new)},
    )
    # A new schema version makes every connection read the changed definition.
    connection.execute(sa.text(f"PRAGMA schema_version = {int(version) + 1}"))
    connection.execute(sa.text("PRAGMA writable_schema = OFF"))
    problems = connection.execute(sa.text("PRAGMA integrity_check")).scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"response's changed definition failed SQLite's check: {problems}")
