"""Where the files the app reads at run time live: its templates and its migrations.

The repository keeps templates/ and migrations/ at its top level, where readers
look for them. An installed wheel has no repository around it, so pyproject.toml
ships them inside the package as feedback/templates and feedback/alembic. The
copy inside the package wins; without one this is a source checkout (editable
install, `make run`, the tests) and the top-level folders are used.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _find(in_package: str, in_checkout: str) -> Path:
    packaged = _PACKAGE / in_package
    return packaged if packaged.is_dir() else _CHECKOUT / in_checkout


TEMPLATES_DIR = _find("templates", "templates")
MIGRATIONS_DIR = _find("alembic", "migrations")
