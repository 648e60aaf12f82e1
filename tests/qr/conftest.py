import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qr.cards import CardSettings


@pytest.fixture
def make_settings():
    def make(**overrides) -> CardSettings:
        values = {
            "council_name": "Example Borough Council",
            "base_url": "https://feedback.example.gov.uk",
            "short_base_url": "example.gov.uk",
            "freepost_address": ("Freepost HOW DID WE DO", "Example Borough Council"),
            "privacy_line": "We use your answers only to improve our services.",
        }
        return CardSettings(**(values | overrides))

    return make


@pytest.fixture
def poppler():
    """Run a poppler-utils tool, or skip when poppler-utils is not installed."""
    missing = [
        tool for tool in ("pdftoppm", "pdftotext", "pdfinfo", "pdffonts") if not shutil.which(tool)
    ]
    if missing:
        pytest.skip(f"needs poppler-utils ({', '.join(missing)}): apt-get install poppler-utils")

    def run(*args: str) -> bytes:
        return subprocess.run(args, check=True, capture_output=True).stdout

    return run


@pytest.fixture
def rasterise(poppler, tmp_path):
    """Render one page of a PDF to an 8-bit grey bitmap (a 2-D memoryview) at ``dpi``."""

    def render(pdf: Path, page: int, dpi: int = 200) -> memoryview:
        stem = tmp_path / f"{pdf.stem}-{page}"
        poppler(
            "pdftoppm", "-r", str(dpi), "-gray", "-singlefile",
            "-f", str(page), "-l", str(page), str(pdf), str(stem),
        )  # fmt: skip
        data = (stem.with_suffix(".pgm")).read_bytes()
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
        width, height = int(header[1]), int(header[2])
        return memoryview(data[header.end() :]).cast("B", (height, width))

    return render
