"""Print a fixed-seed sample of comments with their themes, for checking by hand.

    python -m feedback.insight.evaluate_themes path/to/comments.csv [--sample 100] [--seed 7]

Also reports how fast the tagger runs over the whole file and how often each theme is used.
THEMES_EVALUATION.md records a hand check of the default sample.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter
from pathlib import Path

from feedback.insight.themes import load_taxonomy, tag_themes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="a CSV with a text column")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--taxonomy", type=Path, help="a theme file other than themes.toml")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy(args.taxonomy)
    with args.csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    started = time.perf_counter()
    tagged = [tag_themes(row["text"], taxonomy) for row in rows]
    elapsed = time.perf_counter() - started
    print(f"{len(rows)} comments in {elapsed:.2f}s: {len(rows) / elapsed:,.0f} comments/s")
    print(f"with at least one theme: {sum(bool(t) for t in tagged) / len(rows):.1%}")
    print("theme use:", dict(Counter(m.slug for t in tagged for m in t).most_common()))
    for n, i in enumerate(random.Random(args.seed).sample(range(len(rows)), args.sample), 1):
        themes = "; ".join(f"{m.slug} ({', '.join(m.terms)})" for m in tagged[i]) or "-"
        print(f"\n{n}. [row {rows[i].get('row_index', i)}] {rows[i]['text']!r}\n   -> {themes}")


if __name__ == "__main__":
    main()
