"""A SQLite database at an older migration, for tests that upgrade real rows through it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import Engine

from feedback.migrations import alembic_config

TEAM_FD = (
    "INSERT INTO source (id, code, name, active, created_at) "
    "VALUES (7, 'FD', 'F', 1, '2026-01-01 00:00:00')"
)


def sqlite_at(tmp_path: Path, revision: str, *rows: str) -> tuple[Config, Engine]:
    """A SQLite file migrated to `revision` holding team FD (id 7) and what `rows` insert."""
    url = f"sqlite:///{tmp_path / f'at-{revision}.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, revision)
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in (TEAM_FD, *rows):
            connection.execute(text(statement))
    return config, engine


def search(connection: Connection, word: str) -> list[int]:
    """The ids of the responses the staff search finds for `word`."""
    found = connection.execute(
        text("SELECT rowid FROM response_search WHERE response_search MATCH :word"), {"word": word}
    )
    return list(found.scalars())
