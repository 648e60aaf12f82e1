#!/usr/bin/env bash
# Security checks `make test` runs before the suite: bandit over the service's own code
# (no medium or high finding may stand) and pip-audit over the locked dependencies.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

echo "== bandit: feedback/ qr/ reports/, medium and high =="
# A reviewed false positive carries `# nosec <test id>` with the reason beside it.
if .venv/bin/bandit --quiet --recursive --severity-level medium feedback qr reports; then
    echo "bandit: no medium or high findings"
else
    status=1
fi

echo "== pip-audit: constraints.txt =="
# pip-audit asks PyPI for each pinned release's known vulnerabilities at
# https://pypi.org/pypi/<name>/<version>/json. Where that cannot be reached (no internet,
# or a mirror that serves packages but not that data) say so and skip, not fail.
why_not=$(.venv/bin/python - <<'PY'
import urllib.error
import urllib.request
from pathlib import Path

name, version = next(
    line.split("==")
    for line in Path("constraints.txt").read_text().split()
    if line.startswith("flask==")
)
url = f"https://pypi.org/pypi/{name}/{version}/json"
try:
    urllib.request.urlopen(url, timeout=15).close()  # noqa: S310 - a fixed https URL
except urllib.error.HTTPError as error:
    print(f"{url} answered HTTP {error.code}")
except OSError as error:
    print(f"{url} could not be reached ({getattr(error, 'reason', error)})")
PY
)
if [ -n "$why_not" ]; then
    echo "pip-audit skipped: PyPI's vulnerability data cannot be read from here: ${why_not}." \
         "Run scripts/security.sh where pypi.org is reachable to audit constraints.txt."
else
    # --no-deps: constraints.txt is the whole closure already; --strict: a pin that
    # could not be audited fails the check rather than passing unseen.
    PIP_AUDIT_LOGLEVEL=error .venv/bin/pip-audit --strict --no-deps --disable-pip \
        --progress-spinner off --requirement constraints.txt || status=1
fi
exit "$status"
