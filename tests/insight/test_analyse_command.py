"""The `analyse` command: same rows, in order, with the analysis added."""

from __future__ import annotations

import csv
import io

import pytest

from feedback.insight.csvfile import InputProblem, analyse_csv, parse_rating
from feedback.insight.redaction import redact
from feedback.insight.safeguarding import check_safeguarding


def _run(text: str) -> tuple[list[dict[str, str]], object]:
    out = io.StringIO()
    summary = analyse_csv(io.StringIO(text), out)
    return list(csv.DictReader(io.StringIO(out.getvalue()))), summary


def test_rows_keep_their_order_and_columns_and_gain_the_analysis():
    rows, summary = _run(
        "id,text,rating\n"
        '7,"Nothing, you were amazing",Very good\n'
        '3,"Waited 3 hours for transport. Rubbish.",5\n'
        "9,My son takes all her pension and she has no food,\n"
    )
    assert [row["id"] for row in rows] == ["7", "3", "9"]
    assert list(rows[0]) == [
        "id",
        "text",
        "rating",
        "sentiment",
        "sentiment_score",
        "themes",
        "safeguarding",
        "safeguarding_tier",
        "redacted",
    ]
    assert [row["sentiment"] for row in rows[:2]] == ["positive", "negative"]
    assert -1.0 <= float(rows[1]["sentiment_score"]) < 0
    assert "waiting-getting-through" in rows[1]["themes"].split(";")
    assert [row["safeguarding"] for row in rows] == ["false", "false", "true"]
    assert summary.rows == 3 and summary.flagged == 1


def test_safeguarding_is_true_for_either_tier_and_the_tier_says_which():
    alert = "My son takes all her pension and she has no food"
    review = "He is not allowed to see his friends."
    assert (check_safeguarding(alert).tier, check_safeguarding(review).tier) == ("alert", "review")
    rows, summary = _run(f"text\n{alert}\n{review}\nThe carers were lovely\n")
    assert [(row["safeguarding"], row["safeguarding_tier"]) for row in rows] == [
        ("true", "alert"),
        ("true", "review"),
        ("false", ""),
    ]
    assert summary.flagged == 2


def test_personal_data_is_redacted_in_the_output():
    rows, _ = _run('text\n"Call Mrs Patel on 07700 900123 at S60 1AE"\n')
    assert rows[0]["redacted"] == "Call [name] on [phone] at [postcode]"


def test_ratings_may_be_codes_or_words_and_odd_ones_are_reported():
    assert [parse_rating(v) for v in ("1", "6", "very POOR", "Don’t know", "", "7", "meh")] == [
        1,
        6,
        5,
        6,
        None,
        None,
        None,
    ]
    _rows, summary = _run("text,rating\ngood,1\nfine,banana\nok,\n")
    assert summary.unrecognised_ratings == [2]


def test_a_file_without_a_text_column_gets_a_clear_error():
    with pytest.raises(InputProblem, match="needs a column called 'text'.*comment, score"):
        _run("comment,score\nhello,1\n")


def test_the_command_writes_the_output_file(app, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("text\nThe carers were lovely\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = app.test_cli_runner().invoke(args=["analyse", str(source), str(target)])
    assert result.exit_code == 0, result.output
    assert "Analysed 1 rows" in result.output
    assert "positive" in target.read_text(encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("words\nx\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["analyse", str(bad), str(tmp_path / "o.csv")])
    assert result.exit_code != 0 and "needs a column called 'text'" in result.output


KEPT_SERVICE = "Marsh Lane Friends"
KEPT_COMMENT = f"Thanks to {KEPT_SERVICE} for ringing mum every week."


def _analyse(app, tmp_path, *options: str):  # type: ignore[no-untyped-def]
    source = tmp_path / "in.csv"
    source.write_text(f"text\n{KEPT_COMMENT}\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = app.test_cli_runner().invoke(args=["analyse", *options, str(source), str(target)])
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    return result, rows


def test_the_command_keeps_the_names_in_a_keep_terms_file(make_app, tmp_path):
    assert redact(KEPT_COMMENT).text != KEPT_COMMENT
    keep = tmp_path / "keep.txt"
    keep.write_text(f"{KEPT_SERVICE}\n", encoding="utf-8")

    result, rows = _analyse(make_app(), tmp_path, "--keep-terms", str(keep))
    assert result.exit_code == 0, result.output
    assert rows[0]["redacted"] == KEPT_COMMENT
    # Without the option it uses the app's FEEDBACK_KEEP_TERMS_FILE ...
    result, rows = _analyse(make_app(FEEDBACK_KEEP_TERMS_FILE=str(keep)), tmp_path)
    assert rows[0]["redacted"] == KEPT_COMMENT
    # ... and without either, nothing extra is kept.
    result, rows = _analyse(make_app(), tmp_path)
    assert rows[0]["redacted"] == redact(KEPT_COMMENT).text


def test_a_bad_keep_terms_file_is_refused_naming_the_line(app, tmp_path):
    keep = tmp_path / "keep.txt"
    keep.write_text(f"{KEPT_SERVICE}\nHope\n", encoding="utf-8")
    source = tmp_path / "in.csv"
    source.write_text("text\nfine\n", encoding="utf-8")
    args = ["analyse", "--keep-terms", str(keep), str(source), str(tmp_path / "out.csv")]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code != 0
    assert f"{keep}: line 2: 'Hope' is a given name" in " ".join(result.output.split())
