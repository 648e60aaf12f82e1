"""The first visit to the form stays small enough for a phone on a weak signal."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

BUDGET_BYTES = 35_000  # HTML, CSS, JavaScript and favicon, as transferred, headers included


def _bench():  # type: ignore[no-untyped-def]
    """bench/first_visit.py measures; this test holds its figure to the budget."""
    path = Path(__file__).resolve().parents[2] / "bench" / "first_visit.py"
    spec = importlib.util.spec_from_file_location("bench_first_visit", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_the_first_visit_to_the_form_is_under_35_kb(browser, live_server, source):
    transfers = _bench().first_visit(browser, f"{live_server}/f/FD")

    kinds = {t.content_type for t in transfers}
    assert {"text/html", "text/css", "text/javascript", "image/svg+xml"} <= kinds
    for transfer in transfers:
        if transfer.content_type in ("text/html", "text/css", "text/javascript"):
            assert transfer.encoding in ("br", "gzip"), transfer
    total = sum(t.body_bytes + t.header_bytes for t in transfers)
    assert total < BUDGET_BYTES, [(t.url, t.body_bytes, t.header_bytes) for t in transfers]
