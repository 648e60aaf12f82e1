"""Staff accounts. Passwords are hashed with argon2id and never stored or shown again."""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from ..models import StaffUser

ROLES = ("admin", "manager", "keyer", "board")

_hasher = PasswordHasher()


def create_staff_user(session: Session, email: str, role: str, password: str) -> StaffUser:
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}")
    user = StaffUser(email=email.strip().lower(), role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.commit()
    return user
