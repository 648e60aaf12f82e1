"""GOV.UK form widgets that render each distinct set of params once.

govuk-frontend-wtf draws a field by calling a GOV.UK Jinja macro with a params dict
through `render_template`: milliseconds a field, on every request. What the macro
writes depends on those params alone, and a form's params repeat: the same labels in
one language, the same answer ticked, the same error. So each app keeps the markup,
keyed by the params themselves with the translated words in them: a page in another
language, or with another error or answer, has other params and so another entry. It
cannot be given the wrong one.

A typed comment is the one value that does not repeat: the field is drawn once with a
placeholder, and the comment, escaped as the macro would, is put in its place.

Off while templates reload (development), so an edited macro shows at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup, escape

EXTENSION = "feedback.widget_renders"
_PLACEHOLDER = "\ue000typed\ue001"  # private-use characters: escaping leaves them alone


class RenderCache:
    """Markup by frozen params, the least recently used dropped beyond `size`."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[tuple, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Markup | None:
        with self._lock:
            markup = self._entries.get(key)
            if markup is not None:
                self._entries.move_to_end(key)
            return markup

    def put(self, key: tuple, markup: Markup) -> None:
        with self._lock:
            self._entries[key] = markup
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


class _Unkeyable(Exception):
    """A params value we cannot vouch for as a key: that field is drawn uncached."""


def _frozen(value: Any) -> Any:
    """A hashable copy of params that tells apart whatever the macro would draw differently."""
    if isinstance(value, dict):
        # In order: attributes are written in the order given.
        return ("dict", tuple((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return ("list", tuple(_frozen(item) for item in value))
    if hasattr(value, "__html__"):  # Markup and lazy gettext strings are written unescaped
        return ("html", value.__html__())
    if value is None or isinstance(value, str | bool | int | float):
        return (type(value).__name__, value)  # True and 1 draw differently
    raise _Unkeyable(type(value).__name__)


class CachedRender:
    """Mix in before a govuk_frontend_wtf widget: its `render(params)` is looked up first.

    `typed` names the params key holding free text a person typed (drawn by a placeholder).
    """

    typed: str | None = None

    def render(self, params: dict[str, Any]) -> Markup:
        cache = current_app.extensions.get(EXTENSION)
        if cache is None:
            return super().render(params)  # type: ignore[misc]
        typed = params.get(self.typed) if self.typed else None
        if typed:
            params = {**params, self.typed: _PLACEHOLDER}
        try:
            key = (self.template, _frozen(params))  # type: ignore[attr-defined]
        except _Unkeyable:
            return super().render({**params, self.typed: typed} if typed else params)  # type: ignore[misc]
        markup = cache.get(key)
        if markup is None:
            markup = super().render(params)  # type: ignore[misc]
            if typed and markup.count(_PLACEHOLDER) != 1:
                # The macro used the value in some other way: never guess where it goes.
                return super().render({**params, self.typed: typed})  # type: ignore[misc]
            cache.put(key, markup)
        if typed:
            # The macro's own markup with the typed text, escaped, in the placeholder's place.
            # str.replace: Markup.replace would escape the escaped text a second time.
            html = str(markup).replace(_PLACEHOLDER, str(escape(typed)))
            return Markup(html)  # noqa: S704  # nosec B704
        return markup


def init_app(app: Flask) -> None:
    if not app.jinja_env.auto_reload:
        app.extensions[EXTENSION] = RenderCache()
