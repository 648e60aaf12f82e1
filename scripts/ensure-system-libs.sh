#!/usr/bin/env bash
# WeasyPrint (the digests' PDFs) needs Pango and HarfBuzz's subsetter from the system.
# Install them where we may (root on Debian); elsewhere say that digests will have no PDF.
set -uo pipefail
needed=()
have() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have libpango-1.0.so.0 || needed+=(libpango-1.0-0)
have libpangoft2-1.0.so.0 || needed+=(libpangoft2-1.0-0)
have libharfbuzz-subset.so.0 || needed+=(libharfbuzz-subset0)
[ ${#needed[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${needed[*]} from Debian for the digests' PDFs..."
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null; then
        exit 0
    fi
fi
echo "Could not install ${needed[*]}: digests will be built without their PDF." >&2
exit 0
