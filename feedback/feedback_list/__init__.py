"""Finding and acting on feedback: the list, one response, moderation, export, actions."""

from .views import bp

__all__ = ["bp"]
