"""Sources and printable QR cards, for administrators."""

from .views import bp

__all__ = ["bp"]
