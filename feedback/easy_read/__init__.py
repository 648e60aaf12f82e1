"""Easy read: the Friends and Family Test one question a screen, a picture beside each answer."""

from .views import bp

__all__ = ["bp"]
