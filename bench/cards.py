"""Benchmark: a 1,000-card batch to a print-ready PDF.

    .venv/bin/python bench/cards.py [--cards 1000] [--size a6] [--sheet a4] [--out batch.pdf]

Reports the wall time of an untraced run (target: under 5 seconds), the process's
peak resident memory, and the peak Python allocation of a second run under
tracemalloc (which is slower, so it is timed separately).
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qr.cards import CardSettings, CardSpec, render_batch_pdf  # noqa: E402
from qr.reference import make_reference  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--size", choices=["a6", "85x55"], default="a6")
    parser.add_argument("--sheet", choices=["a4", "sra3"], default="a4")
    parser.add_argument("--large-print", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the PDF here")
    args = parser.parse_args()

    settings = CardSettings(
        council_name="Example Borough Council",
        base_url="https://feedback.example.gov.uk",
        short_base_url="example.gov.uk",
        freepost_address=("Freepost HOW DID WE DO", "Example Borough Council"),
        size=args.size,
        sheet=args.sheet,
        large_print=args.large_print,
    )
    cards = [
        CardSpec(make_reference("FD", 12, serial), "Front Door")
        for serial in range(1, args.cards + 1)
    ]

    out = io.BytesIO()
    started = time.perf_counter()
    render_batch_pdf(cards, settings, out)
    elapsed = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    tracemalloc.start()
    render_batch_pdf(cards, settings, io.BytesIO())
    _, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    if args.out:
        args.out.write_bytes(out.getvalue())
    layout = f"{args.size}{' large print' if args.large_print else ''} on {args.sheet}"
    print(f"{args.cards} cards, {layout}: {len(out.getvalue()) / 1e6:.1f} MB PDF")
    print(f"wall time         {elapsed:.2f} s  ({elapsed / args.cards * 1000:.2f} ms a card)")
    print(f"peak RSS          {peak_rss_mb:.0f} MB (whole process, first run)")
    print(f"peak traced heap  {peak_traced / 1e6:.1f} MB (tracemalloc, second run)")


if __name__ == "__main__":
    main()
