"""Write constraints.txt: the exact versions .venv has for the project and its dev extras.

`make install` installs with these constraints and production should too
(`pip install -c constraints.txt .`), so the tests and the live service run the same
versions. Only the project's dependency closure is written, never whatever else
happens to be in the virtual environment. `make lock` runs this.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "how-did-we-do"
EXTRAS = ("dev",)
HEADER = """\
# The versions `make test` ran with: the dependency closure of how-did-we-do[dev].
# Written by `make lock` (scripts/lock.py) from .venv; do not edit by hand.
# Production: pip install -c constraints.txt .
"""


def closure(project: str, extras: tuple[str, ...]) -> dict[str, str]:
    """Each distribution the project needs here (markers for this Python), name → version."""
    pinned: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    todo = [(project, extra) for extra in ("", *extras)]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        dist = metadata.distribution(name)
        if canonicalize_name(name) != PROJECT:
            pinned[canonicalize_name(dist.metadata["Name"])] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None and extra:
                continue  # the base requirements were walked with extra ""
            if marker is not None and not marker.evaluate({"extra": extra}):
                continue
            for wanted in ("", *requirement.extras):
                todo.append((canonicalize_name(requirement.name), wanted))
    return pinned


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: lock.py constraints.txt", file=sys.stderr)
        return 2
    pins = closure(PROJECT, EXTRAS)
    lines = [f"{name}=={version}\n" for name, version in sorted(pins.items())]
    target = Path(argv[1])
    partial = target.with_suffix(".tmp")
    partial.write_text(HEADER + "".join(lines))
    partial.replace(target)
    print(f"{target}: {len(lines)} pinned")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
