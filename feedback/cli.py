"""Flask commands: thin wrappers over services."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from reports import jobs as report_jobs
from reports.annual import year_of
from reports.monthly import month_of

from . import demo, jobs
from .analysis_setup import analysis_setup, keep_terms
from .cards.setup import card_setup
from .db import get_engine, get_session
from .insight import analysis_version
from .insight.csvfile import InputProblem, analyse_csv
from .insight.redaction import KeepTermsError, load_keep_terms
from .migrations import DatabaseNotMigrated, ensure_migrated, upgrade
from .models import CardBatch
from .services import cards, tone
from .services import safeguarding_outcomes as alert_outcomes
from .services.analysis import reanalyse_all
from .services.responses import EXPORT_COLUMNS, export_rows
from .services.staff import ROLE_NAMES, ROLES, AccountError, create_staff_user
from .spreadsheets import write_csv
from .times import london_today, next_month

db_group = AppGroup("db", help="Database schema (Alembic migrations).")


@db_group.command("upgrade", help="Create or migrate the database to the latest schema.")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    url = current_app.config["FEEDBACK_DATABASE_URL"]
    upgrade(url, revision)
    click.echo("Database is at the latest schema.")


@click.command("seed-demo", help="Load demo teams, responses and one staff account (once).")
@with_appcontext
def seed_demo() -> None:
    _require_schema()
    result = demo.load(get_session(), analysis_setup())
    if not result.created:
        click.echo("Demo data is already loaded; nothing changed.")
        return
    click.echo(f"Loaded {result.sources} teams and {result.responses} demo responses.")
    click.echo(
        f"Demo staff account: {result.staff_email}  password: {result.staff_password}\n"
        "This password is shown only once."
    )


@click.command("export", help="Print every stored response as CSV to standard output.")
@with_appcontext
def export() -> None:
    _require_schema()
    count = write_csv(sys.stdout, EXPORT_COLUMNS, export_rows(get_session()))
    click.echo(f"Exported {count} responses.", err=True)


@click.command("create-user", help="Add a staff account. Reads the password from standard input.")
@click.option("--email", required=True, help="The person's work email address.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What they may do.")
@with_appcontext
def create_user(email: str, role: str) -> None:
    _require_schema()
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_staff_user(get_session(), email, role, password)
    except AccountError as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Added {user.email} as {ROLE_NAMES[user.role].lower()}.")


@click.command("send-alerts", help="Email pending safeguarding alerts and escalate overdue ones.")
@with_appcontext
def send_alerts() -> None:
    _require_schema()
    sent = jobs.deliver_alerts()
    escalated = jobs.escalate_alerts()
    click.echo(f"Sent {sent} alert emails; escalated {escalated} unacknowledged alerts.")


@click.command("scheduler", help="Run scheduled jobs (alerts every minute) in this process.")
@with_appcontext
def scheduler() -> None:
    _require_schema()
    from .scheduler import run

    run(current_app._get_current_object())  # type: ignore[attr-defined]


@click.command("analyse", help="Analyse a CSV with a 'text' column (and optional 'rating').")
@click.argument("source", type=click.File("r", encoding="utf-8-sig"))
@click.argument("target", type=click.File("w", encoding="utf-8", lazy=True))
@click.option(
    "--keep-terms",
    "keep_file",
    type=click.Path(dir_okay=False),
    help="Names redaction keeps, one a line (default: FEEDBACK_KEEP_TERMS_FILE's).",
)
@with_appcontext
def analyse_file(source, target, keep_file: str | None) -> None:  # type: ignore[no-untyped-def]
    try:
        keep = load_keep_terms(keep_file) if keep_file else keep_terms()
    except KeepTermsError as problem:
        raise click.BadParameter(str(problem), param_hint="--keep-terms") from None
    show = sys.stderr.isatty()
    try:
        summary = analyse_csv(
            source,
            target,
            keep=keep,
            mixed=current_app.config["FEEDBACK_MIXED_READING"],
            progress=(lambda rows: click.echo(f"\r{rows:,} rows analysed", nl=False, err=True))
            if show
            else None,
        )
    except InputProblem as problem:
        raise click.ClickException(str(problem)) from None
    if show:
        click.echo("", err=True)
    click.echo(f"Analysed {summary.rows:,} rows; {summary.flagged:,} may disclose harm.", err=True)
    if summary.unrecognised_ratings:
        rows = ", ".join(str(row) for row in summary.unrecognised_ratings[:10])
        more = "…" if len(summary.unrecognised_ratings) > 10 else ""
        click.echo(
            f"{len(summary.unrecognised_ratings):,} rows had a rating that is not 1–6 or an FFT "
            f"answer (rows {rows}{more}); they were scored on their text alone.",
            err=True,
        )


@click.command(
    "reanalyse",
    help="Re-score every stored response with the current analyser. A possible disclosure "
    "it newly finds in a comment more than a day old goes to the safeguarding queue for "
    "review today, without an email.",
)
@click.option("--batch-size", default=500, show_default=True)
@with_appcontext
def reanalyse(batch_size: int) -> None:
    _require_schema()
    setup = analysis_setup()
    done = reanalyse_all(
        get_session(),
        setup,
        batch_size=batch_size,
        progress=lambda rows: click.echo(f"{rows:,} responses re-scored", err=True),
    )
    version = analysis_version(setup.mixed)
    click.echo(f"Re-scored {done.responses:,} responses with analyser {version}.")
    if done.alerts or done.reviews:
        click.echo(
            f"New possible disclosures in the safeguarding queue: {done.reviews:,} to review "
            f"today (not emailed) and {done.alerts:,} alerts the duty team is emailed about."
        )


@click.command(
    "tone-agreement",
    help="How often the analyser's tone agrees with the tone staff chose when they checked "
    "a comment: real comments, read by people, as a measure of the analyser.",
)
@click.option(
    "--export",
    "export_to",
    type=click.File("w", encoding="utf-8", lazy=True),
    help="Also write the checked comments (redacted words, tick box, staff's tone) as a CSV "
    "that evaluate_sentiment reads. Redaction can miss a name: keep the file as personal data.",
)
@with_appcontext
def tone_agreement(export_to) -> None:  # type: ignore[no-untyped-def]
    _require_schema()
    for line in tone.agreement_lines(tone.agreement(get_session())):
        click.echo(line)
    if export_to is not None:
        written = write_csv(export_to, tone.CHECKED_COLUMNS, tone.checked_rows(get_session()))
        click.echo(f"Wrote {written:,} checked comments to {export_to.name}.", err=True)


@click.command(
    "safeguarding-outcomes",
    help="What the duty team found when they read the alerts the detector raised (its "
    "precision on real comments, by tier and kind of harm), and how many comments staff "
    "raised that the detector had not flagged.",
)
@with_appcontext
def safeguarding_outcomes() -> None:
    _require_schema()
    for line in alert_outcomes.outcome_lines(alert_outcomes.outcomes(get_session())):
        click.echo(line)


@click.command("cards", help="Order a batch of cards for a source and write its print file.")
@click.option("--source", "source_code", help="The source's code, e.g. FD (orders a new batch).")
@click.option("--quantity", type=click.IntRange(1, 9999), help="How many cards to order.")
@click.option("--batch", "batch_id", type=int, help="Reprint this existing batch instead.")
@click.option(
    "--size", type=click.Choice(["a6", "large", "easy", "85x55"]), default="a6", show_default=True
)
@click.option("--sheet", type=click.Choice(["a4", "sra3"]), default="a4", show_default=True)
@click.option(
    "--language", default="en", show_default=True, help="The language printed on the cards."
)
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def cards_command(
    source_code: str | None,
    quantity: int | None,
    batch_id: int | None,
    size: str,
    sheet: str,
    language: str,
    output: Path,
) -> None:
    _require_schema()
    session = get_session()
    if batch_id is not None:
        batch = session.get(CardBatch, batch_id)
        if batch is None:
            raise click.ClickException(f"There is no batch {batch_id}.")
    elif source_code and quantity:
        try:
            source = cards.source_by_code(session, source_code)
            batch = cards.order_batch(
                session,
                source,
                quantity,
                setup=card_setup(),
                variant=size,
                sheet=sheet,
                language=language,
            )
        except cards.CardError as problem:
            raise click.ClickException(str(problem)) from None
    else:
        raise click.UsageError(
            "Give --source and --quantity to order cards, or --batch to reprint."
        )
    # Write beside the target and rename, so a failed run never leaves half a print file.
    partial = output.with_name(output.name + ".partial")
    with partial.open("wb") as out:
        cards.write_batch_pdf(batch, card_setup(), out)
    partial.replace(output)
    references = cards.batch_references(batch)
    click.echo(
        f"Batch {batch.id}: {batch.quantity:,} cards for {batch.source.code} "
        f"({references[0]} to {references[-1]}) written to {output}"
    )


reports_group = AppGroup("reports", help="The board's monthly digests: build, backfill, send.")


@reports_group.command("build", help="Build one period's summary (a backfill), once.")
@click.option(
    "--kind", type=click.Choice(["monthly", "annual"]), default="monthly", show_default=True
)
@click.option("--period", required=True, help="A month as YYYY-MM, a year as YYYY-YY (2025-26).")
@click.option("--reissue", is_flag=True, help="Build a new version even if one is stored.")
@click.option("--reason", help="Why it is re-issued (shown on the summary).")
def reports_build(kind: str, period: str, reissue: bool, reason: str | None) -> None:
    _require_schema()
    try:
        start = month_of(period) if kind == "monthly" else date(year_of(period), 4, 1)
    except ValueError as problem:
        raise click.BadParameter(str(problem), param_hint="--period") from None
    ends = next_month(start) if kind == "monthly" else date(start.year + 1, 4, 1)
    if ends > london_today():
        raise click.BadParameter(
            f"{period} has not finished yet: a summary covers the whole period.",
            param_hint="--period",
        )
    if kind == "monthly":
        report = report_jobs.build_monthly(start, reissue=reissue, reason=reason)
    else:
        report = report_jobs.build_annual(start.year, reissue=reissue, reason=reason)
    if report is None:
        click.echo(
            f"The {period} {kind} summary is already built (or being built): nothing changed. "
            "Use --reissue to make a new version."
        )
        return
    click.echo(
        f"Built the {period} {kind} summary, version {report.version} (summary {report.id})."
    )


@reports_group.command(
    "due", help="Build every finished month and year not yet built (what the schedule runs)."
)
def reports_due() -> None:
    _require_schema()
    built = report_jobs.build_due()
    names = ", ".join(f"{r.period} ({r.kind})" for r in built) or "none due"
    click.echo(f"Built {len(built)} summaries: {names}.")


@reports_group.command("send", help="Email the board every digest whose preview time has passed.")
def reports_send() -> None:
    _require_schema()
    result = report_jobs.deliver_due()
    click.echo(f"Sent {result.sent} digest(s); {result.failed} will be tried again.")


@click.command(
    "retention", help="Clear comments older than FEEDBACK_RETENTION_MONTHS; keep counts."
)
@with_appcontext
def retention() -> None:
    _require_schema()
    result = jobs.apply_retention()
    click.echo(
        f"Cleared the words of {result.responses_cleared} answers and "
        f"{result.audit_events_cleared} audit entries received before {result.cutoff:%Y-%m-%d}."
    )


def _require_schema() -> None:
    try:
        ensure_migrated(current_app.config["FEEDBACK_DATABASE_URL"], get_engine())
    except DatabaseNotMigrated as problem:
        raise click.ClickException(str(problem)) from None


def init_app(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(seed_demo)
    app.cli.add_command(export)
    app.cli.add_command(create_user)
    app.cli.add_command(send_alerts)
    app.cli.add_command(scheduler)
    app.cli.add_command(analyse_file)
    app.cli.add_command(reanalyse)
    app.cli.add_command(tone_agreement)
    app.cli.add_command(safeguarding_outcomes)
    app.cli.add_command(cards_command)
    app.cli.add_command(reports_group)
    app.cli.add_command(retention)
