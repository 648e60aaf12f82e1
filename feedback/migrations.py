"""Running Alembic from the app, and refusing to serve an unmigrated database."""

from __future__ import annotations

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from .resources import MIGRATIONS_DIR

UPGRADE_COMMAND = "flask --app feedback db upgrade"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


@cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


class DatabaseNotMigrated(RuntimeError):
    pass


def require_current(database_url: str, current: str | None) -> None:
    head = head_revision()
    if current == head:
        return
    if current is None:
        problem = "has no tables yet"
    else:
        problem = f"is at migration {current}, but this code needs {head}"
    raise DatabaseNotMigrated(
        f"The database {_display_url(database_url)} {problem}. "
        f"Run `{UPGRADE_COMMAND}` (with the same FEEDBACK_DATABASE_URL) and start again."
    )


def ensure_migrated(database_url: str, engine: Engine) -> None:
    """Refuse to work on a database that is not at the latest migration, saying what to run."""
    require_current(database_url, schema_revision(engine))


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, or None when it was never migrated."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _display_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
