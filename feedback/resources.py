"""Where the files the app reads at run time live: its templates and its migrations."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent

TEMPLATES_DIR = _ROOT / "templates"
MIGRATIONS_DIR = _ROOT / "migrations"
