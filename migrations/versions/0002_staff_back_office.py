"""Staff back office: audit log, keying batches, moderation, "You said, we did", text search.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:10:16.565260
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("theme", sa.String(length=80), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'completed')", name=op.f("ck_action_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_action_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_action_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_email", sa.String(length=254), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff_user.id"], name=op.f("fk_audit_event_actor_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)

    op.create_table(
        "keying_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=True),
        sa.Column("opened_by_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["staff_user.id"],
            name=op.f("fk_keying_batch_opened_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keying_batch")),
    )
    op.create_table(
        "action_response",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_response_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_action_response_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "response_id", name=op.f("pk_action_response")),
    )
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keying_batch_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("keyed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "moderation_status", sa.String(length=12), nullable=False, server_default="pending"
            )
        )
        batch_op.add_column(sa.Column("quote_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("moderated_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("moderated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_response_channel_received", ["channel", "received_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_response_keying_batch_id"), ["keying_batch_id"], unique=False
        )
        batch_op.create_index(
            "ix_response_moderation", ["moderation_status", "received_at"], unique=False
        )
        batch_op.create_index(
            "ix_response_rating_received", ["rating", "received_at"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_response_keying_batch_id_keying_batch"),
            "keying_batch",
            ["keying_batch_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_response_keyed_by_id_staff_user"), "staff_user", ["keyed_by_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_response_moderated_by_id_staff_user"),
            "staff_user",
            ["moderated_by_id"],
            ["id"],
        )

    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True))

    _create_comment_search()


def _create_comment_search() -> None:
    """Word search over comments that stays fast at a million rows.

    PostgreSQL: a GIN index on the comment's English text-search vector.
    SQLite: an FTS5 table kept in step with the response table by triggers.
    """
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_response_comment_search ON response "
            "USING gin (to_tsvector('english', coalesce(comment, '')))"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE response_search USING fts5("
        "comment, content='response', content_rowid='id', tokenize='porter unicode61')"
    )
    op.execute("INSERT INTO response_search(rowid, comment) SELECT id, comment FROM response")
    op.execute(
        "CREATE TRIGGER response_search_insert AFTER INSERT ON response BEGIN "
        "INSERT INTO response_search(rowid, comment) VALUES (new.id, new.comment); END"
    )
    op.execute(
        "CREATE TRIGGER response_search_delete AFTER DELETE ON response BEGIN "
        "INSERT INTO response_search(response_search, rowid, comment) "
        "VALUES ('delete', old.id, old.comment); END"
    )
    op.execute(
        "CREATE TRIGGER response_search_update AFTER UPDATE OF comment ON response BEGIN "
        "INSERT INTO response_search(response_search, rowid, comment) "
        "VALUES ('delete', old.id, old.comment); "
        "INSERT INTO response_search(rowid, comment) VALUES (new.id, new.comment); END"
    )


def _drop_comment_search() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_response_comment_search")
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS response_search_{trigger}")
    op.execute("DROP TABLE IF EXISTS response_search")


def downgrade() -> None:
    _drop_comment_search()
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("last_sign_in_at")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_sign_ins")
        batch_op.drop_column("session_version")

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_response_moderated_by_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_response_keyed_by_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_response_keying_batch_id_keying_batch"), type_="foreignkey"
        )
        batch_op.drop_index("ix_response_rating_received")
        batch_op.drop_index("ix_response_moderation")
        batch_op.drop_index(batch_op.f("ix_response_keying_batch_id"))
        batch_op.drop_index("ix_response_channel_received")
        batch_op.drop_column("moderated_at")
        batch_op.drop_column("moderated_by_id")
        batch_op.drop_column("quote_text")
        batch_op.drop_column("moderation_status")
        batch_op.drop_column("keyed_by_id")
        batch_op.drop_column("keying_batch_id")

    op.drop_table("action_response")
    op.drop_table("keying_batch")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))
        batch_op.drop_index(batch_op.f("ix_audit_event_action"))

    op.drop_table("audit_event")
    op.drop_table("action")
