"""Forms for signing in and managing staff accounts."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length

from ..html_forms import HtmlForm
from ..services.staff import MIN_PASSWORD_LENGTH, ROLE_NAMES


def _new_password(label: str, missing: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            InputRequired(message=missing),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=f"The password must be at least {MIN_PASSWORD_LENGTH} characters",
            ),
        ],
        widget=GovPasswordInput(),
    )


class SignInForm(HtmlForm):
    email = StringField(
        "Email address",
        validators=[InputRequired(message="Enter your email address")],
        widget=GovTextInput(),
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired(message="Enter your password")],
        widget=GovPasswordInput(),
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class NewUserForm(HtmlForm):
    email = StringField(
        "Email address",
        validators=[
            InputRequired(message="Enter an email address"),
            Email(message="Enter an email address in the correct format, like name@example.gov.uk"),
        ],
        widget=GovTextInput(),
    )
    role = RadioField(
        "Role",
        choices=[SelectChoice(role, name) for role, name in ROLE_NAMES.items()],
        validators=[InputRequired(message="Select a role")],
        invalid_choice_message="Select a role",
        widget=GovRadioInput(),
    )
    password = _new_password("Temporary password", "Enter a temporary password")
    submit = SubmitField("Add user", widget=GovSubmitInput())


class ResetPasswordForm(HtmlForm):
    password = _new_password("New password", "Enter a new password")
    submit = SubmitField("Reset password", widget=GovSubmitInput())


class ConfirmForm(HtmlForm):
    """A button that changes something: CSRF-protected, nothing else to fill in."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())
