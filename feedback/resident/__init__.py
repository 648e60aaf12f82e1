"""The resident's journey: from a card's QR code to a stored answer."""

from . import blank_form
from .views import bp

bp.record_once(lambda state: blank_form.init_app(state.app))

__all__ = ["bp"]
