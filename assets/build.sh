#!/usr/bin/env bash
# Build the front-end assets into feedback/static/.
#
# Compiles scss/council.scss with Dart Sass (Python libsass cannot compile
# GOV.UK Frontend 6 and fails silently) and copies GOV.UK Frontend's
# JavaScript bundle and our own images. The outputs are committed, so the app
# never needs Node at runtime: run this only when the Sass, the images or the
# pinned govuk-frontend version change, and commit the result.
set -euo pipefail

assets_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
static_dir="$(cd "${assets_dir}/.." && pwd)/feedback/static"
frontend_dir="${assets_dir}/node_modules/govuk-frontend/dist/govuk"

cd "${assets_dir}"
npm ci --no-audit --no-fund --ignore-scripts

mkdir -p "${static_dir}/css" "${static_dir}/js" "${static_dir}/images"

npx --no-install sass \
  --no-source-map \
  --style=compressed \
  --load-path=node_modules \
  --fatal-deprecation=import \
  scss/council.scss "${static_dir}/css/council.css"

# The ES module bundle only: the page loads it with <script type="module">.
# Its source map comes too, so browser dev tools do not log a 404 for it.
cp "${frontend_dir}/govuk-frontend.min.js" "${frontend_dir}/govuk-frontend.min.js.map" \
  "${static_dir}/js/"

# Our own images only. GOV.UK Frontend's images (crest, GOV.UK icons and
# favicon) are Crown branding and are deliberately not copied.
cp images/favicon.svg "${static_dir}/images/favicon.svg"

# Refuse to produce a stylesheet that would load GOV.UK's font, declare any
# web font, or fetch anything from another origin.
css="${static_dir}/css/council.css"
if grep -qi 'GDS Transport' "${css}"; then
  echo "build.sh: council.css mentions GDS Transport" >&2; exit 1
fi
if grep -qi '@font-face' "${css}"; then
  echo "build.sh: council.css declares a web font" >&2; exit 1
fi
if grep -Eqi 'url\( *["'\'']? *(https?:)?//' "${css}"; then
  echo "build.sh: council.css loads something from another origin" >&2; exit 1
fi

echo "Built:"
ls -l "${css}" "${static_dir}/js/govuk-frontend.min.js" "${static_dir}/images/favicon.svg"
