"""Re-scoring stored responses with the current analyser."""

from __future__ import annotations

from sqlalchemy import func, select, update

from feedback.models import Response


def test_reanalyse_rescores_every_response_in_batches(app, session):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    session.execute(update(Response).values(analyser_version=None, sentiment_label=None))
    session.commit()

    result = runner.invoke(args=["reanalyse", "--batch-size", "128"])
    assert result.exit_code == 0, result.output
    assert "Re-scored 600 responses" in result.output
    assert "128 responses re-scored" in result.output
    session.expire_all()
    missing = session.scalar(
        select(func.count()).select_from(Response).where(Response.analyser_version.is_(None))
    )
    assert missing == 0
    labels = set(session.scalars(select(Response.sentiment_label).distinct()))
    assert {"positive", "negative"} <= labels
