"""The base of every form here: one a browser posts, read from the form body only."""

from __future__ import annotations

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto


class HtmlForm(FlaskForm):
    """Flask-WTF would also read a JSON body as the form, where a value can be a number,
    a list or null; the fields expect text and failed with a server error. No page here
    posts JSON, so such a body reads as an empty form and gets the form's own errors."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):  # type: ignore[no-untyped-def]
            if formdata is _Auto and request.is_json:
                return None
            return super().wrap_formdata(form, formdata)
