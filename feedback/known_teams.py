"""The teams this app has looked up lately (services.sources.KnownTeams): one set per app,
so two apps in one process, on two databases, never share a team's id."""

from __future__ import annotations

from flask import Flask, current_app

from .services.sources import KnownTeams

_KEY = "feedback.known_teams"


def init_app(app: Flask) -> None:
    app.extensions[_KEY] = KnownTeams()


def known_teams() -> KnownTeams:
    return current_app.extensions[_KEY]
