#!/usr/bin/env bash
# Copies the dashboard's third-party files from npm into the page (src/FlexMigrate.Api/wwwroot/dashboard/vendor),
# from the exact versions pinned in src/FlexMigrate.Api/dashboard-vendor/package-lock.json (integrity-checked by
# `npm ci`). The page needs no build step: the copied files are committed. Today: uPlot (MIT), the lag chart.
#   scripts/vendor-dashboard.sh          -> (re)write the vendored files
#   scripts/vendor-dashboard.sh --check  -> fail if the committed files differ from the pinned package
set -euo pipefail
cd "$(dirname "$0")/.."
src=src/FlexMigrate.Api/dashboard-vendor
dest=src/FlexMigrate.Api/wwwroot/dashboard/vendor
work=$(mktemp -d /tmp/flexmigrate-vendor.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$src/package.json" "$src/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
uplot="$work/node_modules/uplot"
mkdir -p "$work/out"
cp "$uplot/dist/uPlot.iife.min.js" "$uplot/dist/uPlot.min.css" "$work/out/"
cp "$uplot/LICENSE" "$work/out/uPlot.LICENSE"
if [ "${1:-}" = "--check" ]; then
  diff -r "$work/out" "$dest" >/dev/null || { echo "vendor-dashboard: $dest differs from the pinned packages; run scripts/vendor-dashboard.sh" >&2; exit 1; }
  echo "vendor-dashboard: $dest matches the pinned packages" >&2
else
  mkdir -p "$dest"
  cp "$work/out/"* "$dest/"
  echo "vendor-dashboard: wrote $(ls "$work/out" | tr '\n' ' ')to $dest" >&2
fi
