"""constraints.txt pins every dependency, so `make test` and production install the same.

`make install` installs with it and the README tells production to
(`pip install -c constraints.txt .`); `make lock` rewrites it from .venv.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def pins() -> dict[str, str]:
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, exact, version = line.partition("==")
            assert exact and version, f"constraints.txt: {line!r} is not name==version"
            pinned[canonicalize_name(name)] = version
    return pinned


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [line for lines in project["optional-dependencies"].values() for line in lines]
    return [Requirement(line) for line in project["dependencies"] + extras]


def test_every_dependency_in_pyproject_is_pinned_at_a_version_it_allows():
    pinned = pins()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not in constraints.txt: run `make lock`"
        version = Version(pinned[name])
        assert requirement.specifier.contains(version, prereleases=True), (
            f"constraints.txt pins {name}=={version}, outside {requirement}"
        )


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def test_the_tests_run_on_the_pinned_versions():
    different = {
        name: (pinned, installed_version(name))
        for name, pinned in pins().items()
        if installed_version(name) != pinned
    }
    assert not different, (
        f"installed here differs from constraints.txt (pinned, installed): {different}; "
        "`make install` installs the pins, `make lock` pins what is installed"
    )
