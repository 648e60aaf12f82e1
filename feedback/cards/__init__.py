"""Sources and printable QR cards: administrators keep sources, managers order cards."""

from .views import bp

__all__ = ["bp"]
