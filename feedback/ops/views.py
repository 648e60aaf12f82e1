"""Health check for load balancers: is the database reachable and migrated?"""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError

from ..db import get_engine
from ..migrations import head_revision, schema_revision

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz():
    try:
        revision = schema_revision(get_engine())
    except SQLAlchemyError:
        return jsonify(status="unavailable", database="unreachable"), 503
    if revision != head_revision():
        return jsonify(status="unavailable", database="not migrated", revision=revision), 503
    return jsonify(status="ok", database="ok", revision=revision)
