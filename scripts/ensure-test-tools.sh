#!/usr/bin/env bash
# Install what the browser and print tests need, where we are allowed to:
# Debian's chromium (driven by Playwright, never downloaded) and poppler-utils (PDF to PNG).
# Elsewhere, say why those tests will be skipped.
set -uo pipefail

# The nginx example's syntax test (tests/deploy) needs the nginx program, not a running
# server: Debian's package is unpacked into .venv/nginx, so nothing is installed or started.
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ] \
    && [ ! -x "$root/.venv/nginx/usr/sbin/nginx" ] \
    && command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1; then
    scratch="$(mktemp -d)"
    if ! { (cd "$scratch" && apt-get download -qq nginx >/dev/null 2>&1) \
        && dpkg-deb -x "$scratch"/nginx_*.deb "$root/.venv/nginx"; }; then
        echo "Could not unpack Debian's nginx: the nginx example's syntax test will be skipped." >&2
    fi
    rm -rf "$scratch"
fi

needed=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || needed+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || needed+=(poppler-utils)
[ ${#needed[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${needed[*]} from Debian for the browser and print tests..."
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null; then
        exit 0
    fi
    echo "Could not install ${needed[*]}: the tests that need them will be skipped." >&2
else
    echo "Not root on Debian, so ${needed[*]} cannot be installed here:" \
         "the browser/print tests that need them will be skipped." >&2
fi
exit 0
