"""Staff accounts: argon2id passwords, throttled sign-in, disabling and resets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import StaffUser
from ..times import as_utc, utcnow
from . import audit

ROLES = ("admin", "manager", "keyer", "board")
ROLE_NAMES = {
    "admin": "Administrator",
    "manager": "Manager",
    "keyer": "Keyer",
    "board": "Board member",
}
MIN_PASSWORD_LENGTH = 12
# After this many wrong passwords in a row an account waits before it may try again;
# the wait doubles with each further failure, up to an hour.
FREE_ATTEMPTS = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)

_hasher = PasswordHasher()


class AccountError(ValueError):
    """A request about an account that cannot be done; the message says why."""


def set_hasher(hasher: PasswordHasher) -> None:
    """Tests use cheap argon2 parameters; production keeps the library's defaults."""
    global _hasher
    _hasher = hasher


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters")


def find_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))


def create_staff_user(
    session: Session, email: str, role: str, password: str, *, by: StaffUser | None = None
) -> StaffUser:
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}")
    if "@" not in email:
        raise AccountError("Enter an email address in the correct format, like name@example.gov.uk")
    if find_by_email(session, email) is not None:
        raise AccountError(f"There is already an account for {email}")
    _check_password(password)
    user = StaffUser(email=email, role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    audit.record(session, by, "user.created", f"user:{user.id}", email=email, role=role)
    session.commit()
    return user


@dataclass(frozen=True)
class SignIn:
    user: StaffUser | None
    locked: bool = False


def authenticate(session: Session, email: str, password: str) -> SignIn:
    """Check a password, counting failures per account so guessing is slowed down."""
    user = find_by_email(session, email)
    now = utcnow()
    if user is None:
        _hasher.hash(password)  # same work as a real check, so timing reveals nothing
        audit.record(session, None, "sign_in.failed", None, email=email.strip().lower()[:254])
        session.commit()
        return SignIn(user=None)
    locked_until = as_utc(user.locked_until)
    if locked_until is not None and locked_until > now:
        audit.record(session, user, "sign_in.locked", f"user:{user.id}")
        session.commit()
        return SignIn(user=None, locked=True)
    try:
        _hasher.verify(user.password_hash, password)
        ok = user.active
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        user.failed_sign_ins += 1
        over = user.failed_sign_ins - FREE_ATTEMPTS
        if over >= 0:
            user.locked_until = now + min(FIRST_LOCK * (2**over), LONGEST_LOCK)
        audit.record(session, user, "sign_in.failed", f"user:{user.id}")
        session.commit()
        return SignIn(user=None)
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    audit.record(session, user, "sign_in", f"user:{user.id}")
    session.commit()
    return SignIn(user=user)


def record_sign_out(session: Session, user: StaffUser) -> None:
    audit.record(session, user, "sign_out", f"user:{user.id}")
    session.commit()


def set_active(session: Session, user: StaffUser, active: bool, *, by: StaffUser) -> None:
    if user.id == by.id and not active:
        raise AccountError("You cannot disable your own account")
    user.active = active
    user.session_version += 1  # signed-in sessions end at their next request
    audit.record(session, by, "user.enabled" if active else "user.disabled", f"user:{user.id}")
    session.commit()


def reset_password(session: Session, user: StaffUser, password: str, *, by: StaffUser) -> None:
    _check_password(password)
    user.password_hash = _hasher.hash(password)
    user.session_version += 1
    user.failed_sign_ins = 0
    user.locked_until = None
    audit.record(session, by, "user.password_reset", f"user:{user.id}")
    session.commit()


def all_users(session: Session) -> list[StaffUser]:
    return list(session.scalars(select(StaffUser).order_by(func.lower(StaffUser.email))))
