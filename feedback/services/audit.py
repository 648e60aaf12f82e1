"""The audit log: who did what, when. Entries join the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuditEvent, StaffUser
from ..times import utcnow


def record(
    session: Session,
    actor: StaffUser | None,
    action: str,
    target: str | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add an entry; it is committed with the change it describes, or not at all."""
    event = AuditEvent(
        at=utcnow(),
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else detail.pop("email", None),
        action=action,
        target=target,
        detail=detail or None,
    )
    session.add(event)
    return event


def recent(session: Session, limit: int = 200, offset: int = 0) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return list(session.scalars(query.limit(limit).offset(offset)))


def for_target(session: Session, target: str) -> list[AuditEvent]:
    """Everything done to one thing ("response:12", "report:3"), oldest first."""
    query = select(AuditEvent).where(AuditEvent.target == target)
    return list(session.scalars(query.order_by(AuditEvent.at, AuditEvent.id)))
