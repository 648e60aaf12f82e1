"""Alembic environment: the URL comes from the app's settings (see feedback/migrations.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from feedback import models  # noqa: F401  (registers the tables)
from feedback.models import Base

config = context.config
target_metadata = Base.metadata

# Comment search lives outside the models (an FTS5 table on SQLite, an expression
# index on PostgreSQL): autogenerate must not propose dropping it.
_SEARCH_OBJECTS = ("response_search", "ix_response_comment_search")


def include_name(name, type_, parent_names):  # type: ignore[no-untyped-def]
    return not (name or "").startswith(_SEARCH_OBJECTS)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        include_name=include_name,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_name=include_name,
            # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
