"""Fuzzing the `flask --app feedback analyse` command's CSV input (issue 12, bad input).

Each case is a file written byte by byte: a 'text' column or not, ratings as digits,
words or junk, invalid UTF-8, NUL bytes, a byte order mark, quotes left open, ragged
rows, fields past the csv module's limit and odd Unicode. The command either writes
every row with its analysis, text as read, or stops with a message saying what to
change: never a traceback.
"""

from __future__ import annotations

import csv
import io
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.insight.csvfile import ADDED_COLUMNS

from .fuzz import counted, fuzz_settings, odd_bytes, odd_text

ANALYSE_CASES = 4_000

_HEADERS = [b"text", b"rating", b"id", b"Text", b"\xef\xbb\xbftext", b'"text"', b"sentiment", b""]
_RATINGS = [b"1", b"6", b"7", b"0", b"Very good", b"dont know", b"Don\xe2\x80\x99t know", b"-1"]
_CELL = st.one_of(
    odd_text(30).map(lambda text: text.encode("utf-8")),
    st.sampled_from(_RATINGS),
    odd_bytes(20),
    st.just(b'"an open quote, never closed'),
    st.just(b'"quoted, with ""quotes"" and\nnew lines"'),
    st.sampled_from([200, 140_000]).map(lambda n: b"x" * n),
)
_SEPARATOR = st.sampled_from([b",", b",", b",", b";", b"\t"])
_NEWLINE = st.sampled_from([b"\n", b"\r\n", b"\r"])
_BOM = st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"\xff\xfe"])


@st.composite
def csv_bytes(draw) -> bytes:  # type: ignore[no-untyped-def]
    separator, newline = draw(_SEPARATOR), draw(_NEWLINE)
    header = draw(st.lists(st.sampled_from(_HEADERS), min_size=1, max_size=3))
    rows = draw(st.lists(st.lists(_CELL, max_size=4), max_size=4))
    lines = [separator.join(header), *(separator.join(row) for row in rows)]
    return draw(_BOM) + newline.join(lines) + draw(st.sampled_from([b"", newline]))


@pytest.fixture
def analyse(app, tmp_path):
    runner = app.test_cli_runner()
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"

    def run(data: bytes):  # type: ignore[no-untyped-def]
        source.write_bytes(data)
        target.unlink(missing_ok=True)
        return runner.invoke(args=["analyse", str(source), str(target)]), target

    return run


@pytest.mark.skipif(
    bool(os.environ.get("FEEDBACK_TEST_DATABASE_URL")),
    reason="the analyse command reads and writes files, no database: fuzzed in the SQLite pass",
)
def test_analyse_survives_bad_csv(analyse) -> None:
    @fuzz_settings(ANALYSE_CASES)
    @given(data=csv_bytes())
    def case(data: bytes) -> None:
        with counted("analyse CSV"):
            result, target = analyse(data)
            # A ClickException is the command's own message (SystemExit); anything else is a crash.
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                result.output,
                repr(result.exception),
            )
            if result.exit_code != 0:
                assert result.output.strip(), "stopped without saying why"
                return
            written = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
            assert all(set(ADDED_COLUMNS) <= set(row) for row in written)
            assert f"Analysed {len(written):,} rows" in result.output

    case()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfetext\nfine\n", "The file is not UTF-8 text"),
        (b"text\nfine\nnot \xe9 fine\n", "The file is not UTF-8 text"),
        (b"text\nfine\n" + b"x" * 140_000 + b"\n", "Near line 3, the file cannot be read as CSV"),
        (b"text,rating\nfine,1,surplus\n", "Line 2 has more fields than the header row names"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_message(analyse, data, message) -> None:
    """Found by fuzzing: these stopped the command with a traceback."""
    result, _target = analyse(data)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert message in result.output


def test_the_fuzz_tests_run_ten_thousand_cases_between_them() -> None:
    """Issue 12 asks for 10,000 or more; the session's summary prints how many ran."""
    from .test_fuzz_resident import EASY_READ_CASES, PATH_CASES, RESIDENT_CASES
    from .test_fuzz_staff import CASES_PER_FORM, FILTER_CASES, FORMS

    planned = (
        RESIDENT_CASES
        + EASY_READ_CASES
        + PATH_CASES
        + CASES_PER_FORM * len(FORMS)
        + FILTER_CASES
        + ANALYSE_CASES
    )
    assert planned >= 10_000
