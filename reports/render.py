"""Render: a stored report as a printable PDF, from the same template body as its web page.

Rendering reads only the stored figures. The PDF is made once, when the report
is built, and stored with it, so a download never waits for WeasyPrint and the
emailed copy is the one on the page.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from typing import Any

from flask import render_template

log = logging.getLogger(__name__)


def print_css() -> str:
    return (files("feedback") / "static" / "css" / "report-print.css").read_text(encoding="utf-8")


def document_html(report: Any) -> str:
    """The standalone printable page: no site header, no scripts, styles inline."""
    return render_template(
        "reports/document.html", report=report, c=report.content, print_css=print_css()
    )


def pdf_bytes(html: str) -> bytes | None:
    """The PDF of `html`, or None when WeasyPrint or its system libraries are missing.

    A digest without its PDF is still a digest: the page, easy read and CSV work,
    and the failure is logged rather than losing the month's build.
    """
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as missing:
        log.warning("No PDF for this report: WeasyPrint cannot load (%s)", missing)
        return None
    return HTML(string=html).write_pdf()
