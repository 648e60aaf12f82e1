"""The resident's journey: from a card's QR code to a stored answer."""

from .views import bp

__all__ = ["bp"]
