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


def test_a_card_scores_the_same_on_arrival_after_a_re_score_and_on_either_channel(
    app, client, session, source, sign_in
):
    from .pages import submit
    from .test_keying import _key, _open_batch

    comments = ("Nothing.", "Not really, it was fine I suppose", "Could not fault them")
    for comment in comments:
        assert submit(client, "/f/FD", rating="3", comment=comment).status_code == 302
    keyer = app.test_client()
    sign_in(keyer, "keyer")
    batch_url = _open_batch(keyer)
    for serial, comment in enumerate(comments, start=1):
        card = {"reference": f"FD-B12-{serial:04d}", "rating": "3", "comment": comment}
        assert _key(keyer, batch_url, **card).status_code == 302

    def scores() -> dict[tuple[str, str], tuple[object, ...]]:
        session.expire_all()
        return {
            (row.channel, row.comment): (row.sentiment_label, row.sentiment_score, row.themes)
            for row in session.scalars(select(Response))
        }

    on_arrival = scores()
    assert app.test_cli_runner().invoke(args=["reanalyse"]).exit_code == 0
    assert scores() == on_arrival
    for comment in comments:
        assert on_arrival["web", comment] == on_arrival["paper", comment]
