"""Staff see London time on every page, whatever the database hands back."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, text

from feedback.models import AuditEvent, Response, SafeguardingAlert

from .pages import page


def test_the_database_session_speaks_utc(app):
    engine = app.extensions["feedback.engine"]
    if engine.dialect.name != "postgresql":
        return  # SQLite stores what it is given; feedback.times reads it as UTC
    with engine.connect() as connection:
        assert connection.execute(text("SHOW TIME ZONE")).scalar() == "UTC"


def test_the_safeguarding_queue_and_audit_log_show_london_time(
    client, session, source, sign_in, make_user
):
    # 11:30 UTC on 1 July is 12:30 in London (British Summer Time).
    summer = datetime(2026, 7, 1, 11, 30, tzinfo=UTC)
    response = Response(source_id=source.id, channel="web", rating=2, comment="Left alone")
    session.add(response)
    session.flush()
    alert = SafeguardingAlert(response_id=response.id, categories=["neglect"], raised_at=summer)
    session.add(alert)
    session.commit()

    sign_in(client, "manager")
    queue = page(client.get("/staff/safeguarding")).get_text(" ", strip=True)
    assert "1 July 2026, 12:30" in queue
    assert "11:30" not in queue and "UTC" not in queue

    admin = client.application.test_client()
    sign_in(admin, "admin")
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).first()
    event.at = summer
    session.commit()
    audit = page(admin.get("/staff/audit")).get_text(" ", strip=True)
    assert "1 July 2026, 12:30" in audit and "UTC" not in audit
