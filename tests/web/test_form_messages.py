"""WTForms' own messages come from a catalogue kept per language (feedback/html_forms.py):
the same words Flask-WTF would read from disk on each request."""

from __future__ import annotations

import pytest
from flask_wtf.i18n import translations as flask_wtf_translations

from feedback.resident.forms import FeedbackForm

MESSAGES = ["This field is required.", "Not a valid choice.", "Invalid input."]


@pytest.mark.parametrize("language", ["en", "pl", "ro", "sk", "ar"])
def test_wtforms_messages_are_the_ones_flask_wtf_gives(app, language):
    with app.test_request_context(f"/f/?lang={language}"):
        form = FeedbackForm()
        for message in MESSAGES:
            assert form.meta.get_translations(form).gettext(message) == (
                flask_wtf_translations.gettext(message)
            )


def test_a_language_with_its_own_wtforms_catalogue_is_translated(app):
    with app.test_request_context("/f/?lang=pl"):
        form = FeedbackForm()
        assert form.meta.get_translations(form).gettext("This field is required.") != (
            "This field is required."
        )
