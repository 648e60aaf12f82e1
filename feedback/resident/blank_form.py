"""The resident form as a card's QR code first shows it, drawn once per language and team.

Almost every GET of /f/<reference> draws the same page: no answers, no errors, no
notice, in one of a few languages, for one of a few dozen teams. Drawing it through
Jinja and WTForms was most of a GET's time. So each app draws it once per (language,
team, with or without a reference) with a marker in place of each value that belongs
to one request: the CSP nonce, the CSRF token, the one-time token, and the form's and
easy read link's addresses, which carry the card reference. The page is split on the
markers once; each GET joins the pieces with its own values, escaped as the template
would escape them.

Markers are random for each app. A page is not kept when a marker (or the card
reference itself) turns up anywhere else than where it is replaced, so a template that
starts using a value some other way is simply drawn each time, never given the wrong
page. Pages with answers, errors or a notice are always drawn afresh. Off while
templates reload (development), like the kept fields in feedback/widgets.py.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, g, request, url_for
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from ..security import csp_nonce
from ..services.answers import new_submission_token
from ..widgets import RenderCache

EXTENSION = "feedback.blank_forms"
# The form's own address and the easy read link: the two places a card reference goes.
ADDRESSED = ("resident.feedback", "easy_read.journey")


@dataclass(frozen=True)
class Markers:
    """Letters and digits only, so escaping and URL building leave them as they are."""

    stem: str

    @classmethod
    def new(cls) -> Markers:
        return cls(stem=f"hdwd{secrets.token_hex(12)}")

    @property
    def nonce(self) -> str:
        return f"{self.stem}nonce"

    @property
    def csrf(self) -> str:
        return f"{self.stem}csrf"

    @property
    def token(self) -> str:
        return f"{self.stem}token"

    @property
    def reference(self) -> str:  # a stand-in card reference
        return f"{self.stem}ref"


@dataclass(frozen=True)
class KeptPage:
    """The page as text between slots: pieces[0] slot[0] pieces[1] ... pieces[-1]."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]

    def join(self, values: dict[str, str]) -> str:
        parts = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            parts.append(values[slot])
            parts.append(piece)
        return "".join(parts)


class BlankForms:
    """One app's kept blank forms and the markers it drew them with."""

    def __init__(self, size: int = 256) -> None:
        self.markers = Markers.new()
        self.pages = RenderCache(size)


# Draws the form page: (reference, the form's one-time token, its CSRF token) -> HTML.
Draw = Callable[[str | None, str, str], str]


def blank_form(reference: str | None, team: str | None, draw: Draw) -> str:
    """The blank form for this card, from the kept page when there is one."""
    kept: BlankForms | None = current_app.extensions.get(EXTENSION)
    if kept is None or not set(request.args) <= {"lang"}:
        return draw(reference, new_submission_token(), generate_csrf())
    key = (str(get_locale()), team, reference is None)
    page = kept.pages.get(key)
    if page is None:
        page = _draw_with_markers(kept.markers, reference, draw)
        if page is None:
            return draw(reference, new_submission_token(), generate_csrf())
        kept.pages.put(key, page)
    return page.join(_values(reference))


def _values(reference: str | None) -> dict[str, str]:
    values = {
        "nonce": str(escape(csp_nonce())),
        "csrf": str(escape(generate_csrf())),
        "token": str(escape(new_submission_token())),
    }
    if reference is not None:
        for endpoint in ADDRESSED:
            values[endpoint] = str(escape(url_for(endpoint, reference=reference)))
    return values


def _draw_with_markers(markers: Markers, reference: str | None, draw: Draw) -> KeptPage | None:
    """The page drawn with markers for this request's values, split on them; None when
    a marker or the reference shows up anywhere it would not be replaced."""
    had_nonce = g.pop("csp_nonce", None)
    g.csp_nonce = markers.nonce
    try:
        html = draw(None if reference is None else markers.reference, markers.token, markers.csrf)
    finally:
        g.pop("csp_nonce", None)
        if had_nonce is not None:
            g.csp_nonce = had_nonce
    found = {markers.nonce: "nonce", markers.csrf: "csrf", markers.token: "token"}
    if reference is not None:
        for endpoint in ADDRESSED:
            found[str(escape(url_for(endpoint, reference=markers.reference)))] = endpoint
    # Longest first, so an address is taken whole rather than as its marker alone.
    pattern = re.compile("|".join(re.escape(text) for text in sorted(found, key=len, reverse=True)))
    parts = pattern.split(html)
    slots = tuple(found[match] for match in pattern.findall(html))
    pieces = tuple(parts)
    if slots.count("csrf") != 1 or slots.count("token") != 1 or "nonce" not in slots:
        return None
    if reference is not None and any(endpoint not in slots for endpoint in ADDRESSED):
        return None
    stray = [markers.stem]
    if reference:
        stray.append(str(escape(reference)))  # the real reference, drawn some other way
    if any(text in piece for piece in pieces for text in stray):
        return None
    return KeptPage(pieces=pieces, slots=slots)


def init_app(app: Flask) -> None:
    if not app.jinja_env.auto_reload:
        app.extensions[EXTENSION] = BlankForms()
