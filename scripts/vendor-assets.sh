#!/usr/bin/env bash
# Vendor the web app's JavaScript from the npm registry (`npm pack`), with their licences, into
# src/cchc/web/static/vendor/. The results are committed: the app never links to a CDN.
#   scripts/vendor-assets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX_VERSION=${HTMX_VERSION:-2.0.11}
CHARTJS_VERSION=${CHARTJS_VERSION:-4.5.0}
vendor=src/cchc/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$vendor"

fetch() {  # fetch PACKAGE VERSION → unpacked in $work/NAME/package
  local name=$1 version=$2
  mkdir -p "$work/$name"
  (cd "$work/$name" && npm pack --silent "$name@$version" >/dev/null && tar -xzf ./*.tgz)
}

fetch htmx.org "$HTMX_VERSION"
cp "$work/htmx.org/package/dist/htmx.min.js" "$vendor/htmx.min.js"
cp "$work/htmx.org/package/LICENSE" "$vendor/htmx.LICENSE"

fetch chart.js "$CHARTJS_VERSION"
cp "$work/chart.js/package/dist/chart.umd.min.js" "$vendor/chart.umd.min.js" 2>/dev/null \
  || cp "$work/chart.js/package/dist/chart.umd.js" "$vendor/chart.umd.min.js"
cp "$work/chart.js/package/LICENSE.md" "$vendor/chart.js.LICENSE.md"

cat > "$vendor/VERSIONS" <<TXT
htmx.org $HTMX_VERSION (BSD Zero Clause) — dist/htmx.min.js
chart.js $CHARTJS_VERSION (MIT) — dist/chart.umd.min.js
TXT
ls -l "$vendor"
