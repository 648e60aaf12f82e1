""" "You said, we did": what people told us, what we changed, and the feedback behind it.

Managers record actions and link them to responses. Residents see completed
actions only, and only the action's own words: never a comment or a response.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Action, Response, Source, StaffUser, action_response
from . import audit

STATUSES = {"planned": "Planned", "in_progress": "In progress", "completed": "Completed"}


class ActionError(ValueError):
    """The action cannot be saved as asked; the message says what to change."""


@dataclass(frozen=True)
class ActionDetails:
    you_said: str
    we_did: str
    source_id: int | None
    theme: str | None
    status: str
    action_date: date


def all_actions(session: Session) -> list[Action]:
    query = (
        select(Action)
        .options(selectinload(Action.source))
        .order_by(Action.action_date.desc(), Action.id.desc())
    )
    return list(session.scalars(query))


def completed_actions(session: Session) -> list[Action]:
    """What residents may see: completed actions, newest first, with their team."""
    query = (
        select(Action)
        .options(selectinload(Action.source))
        .where(Action.status == "completed")
        .order_by(Action.action_date.desc(), Action.id.desc())
    )
    return list(session.scalars(query))


def actions_for_response(session: Session, response_id: int) -> list[Action]:
    query = (
        select(Action)
        .join(action_response, action_response.c.action_id == Action.id)
        .where(action_response.c.response_id == response_id)
        .order_by(Action.action_date.desc(), Action.id.desc())
    )
    return list(session.scalars(query))


def response_ids_for_action(session: Session, action_id: int) -> list[int]:
    query = (
        select(action_response.c.response_id)
        .where(action_response.c.action_id == action_id)
        .order_by(action_response.c.response_id.desc())
    )
    return list(session.scalars(query))


def team_choices(session: Session) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.name)))


def create_action(
    session: Session, details: ActionDetails, by: StaffUser, response_ids: Sequence[int] = ()
) -> Action:
    action = Action(created_by_id=by.id)
    _apply(action, details)
    action.responses = _responses(session, response_ids)
    session.add(action)
    session.flush()
    audit.record(
        session,
        by,
        "action.created",
        f"action:{action.id}",
        status=action.status,
        responses=sorted(r.id for r in action.responses),
    )
    for response in action.responses:
        # Also under the response, so its own audit trail shows the link.
        audit.record(session, by, "action.linked", f"response:{response.id}", action_id=action.id)
    session.commit()
    return action


def update_action(
    session: Session, action: Action, details: ActionDetails, by: StaffUser
) -> Action:
    before = action.status
    _apply(action, details)
    audit.record(
        session, by, "action.updated", f"action:{action.id}", status=action.status, was=before
    )
    session.commit()
    return action


def link_response(session: Session, action: Action, response: Response, by: StaffUser) -> bool:
    """Link a response to an action; False when it was linked already."""
    if response in action.responses:
        return False
    action.responses.append(response)
    audit.record(session, by, "action.linked", f"response:{response.id}", action_id=action.id)
    session.commit()
    return True


def _apply(action: Action, details: ActionDetails) -> None:
    if details.status not in STATUSES:
        raise ValueError(f"unknown action status {details.status!r}")
    action.you_said = details.you_said.strip()
    action.we_did = details.we_did.strip()
    action.source_id = details.source_id
    action.theme = details.theme or None
    action.status = details.status
    action.action_date = details.action_date


def _responses(session: Session, response_ids: Sequence[int]) -> list[Response]:
    if not response_ids:
        return []
    found = list(session.scalars(select(Response).where(Response.id.in_(response_ids))))
    missing = sorted(set(response_ids) - {response.id for response in found})
    if missing:
        numbers = ", ".join(str(number) for number in missing)
        raise ActionError(f"There is no feedback numbered {numbers}. Check the numbers")
    return found
