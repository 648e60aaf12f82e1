"""Jinja strictness for our templates, leniency for GOV.UK Frontend's macros.

Our templates use StrictUndefined, so a misspelt variable fails loudly. The
GOV.UK Frontend macros were ported from Nunjucks and rely on undefined values
being falsy (`params.idPrefix`, `caller`, names set only in some branches), so
an undefined value created while one of those templates runs stays lenient.
"""

from __future__ import annotations

import sys
from typing import Any

from flask import Flask
from jinja2 import ChainableUndefined, StrictUndefined
from jinja2.utils import missing
from markupsafe import Markup

from reports.pictures import picture_svg

from .phones import phone_links
from .times import format_day, format_london

_LENIENT_TEMPLATES = ("govuk_frontend_jinja/", "govuk_frontend_wtf/")
_FRAMES_TO_SEARCH = 8


def _rendering_template() -> str | None:
    """The name of the template whose compiled code is running nearest on the stack."""
    frame = sys._getframe(2)
    for _ in range(_FRAMES_TO_SEARCH):
        if frame is None:
            return None
        names = frame.f_globals
        if "environment" in names and isinstance(names.get("name"), str):
            return names["name"]
        frame = frame.f_back
    return None


class StrictExceptGovukMacros(StrictUndefined):
    __slots__ = ()

    def __new__(
        cls,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[Exception] | None = None,
    ) -> Any:  # type: ignore[misc]
        # Jinja makes the "no caller" value while calling a macro, from the caller's frame.
        template = _rendering_template() if hint != "No caller defined" else _LENIENT_TEMPLATES[0]
        if template is not None and template.startswith(_LENIENT_TEMPLATES):
            if exc is None:
                return ChainableUndefined(hint=hint, obj=obj, name=name)
            return ChainableUndefined(hint=hint, obj=obj, name=name, exc=exc)
        return super().__new__(cls)


# Names the GOV.UK macros borrow from Nunjucks. An absent optional value is a
# ChainableUndefined, which equals this one.
NUNJUCKS_NAMES = {"undefined": ChainableUndefined(), "null": None}


def picture(name: str, label: str, id_prefix: str | None = None) -> Markup:
    """An easy read picture, drawn in the project (reports.pictures), inline in the page."""
    # The SVG is our own drawing; picture_svg escapes the label it is given.
    svg = picture_svg(name, label=label, id_prefix=id_prefix)
    return Markup(svg)  # noqa: S704  # nosec B704


def init_app(app: Flask) -> None:
    """Every staff time and date is shown in London, through these two filters."""
    app.add_template_filter(format_london, "london")
    app.add_template_filter(format_day, "day")
    app.add_template_global(picture, "picture")
    app.add_template_filter(phone_links, "phone_links")
