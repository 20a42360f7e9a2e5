#!/usr/bin/env bash
# Renders an HTML report with headless Chromium into a PNG, to look at the page as a reader
# would. The page needs no network; Chromium is kept off it all the same.
#
#   cargo run --release -- report corpus/ -o dossier-report.html
#   scripts/screenshot.sh dossier-report.html dossier-report.png [WIDTH,HEIGHT]
#
# Chromium: `apt-get install -y chromium` (Debian/Ubuntu).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
report=$1
out=$2
size=${3:-1280,2400}

if [ ! -f "$report" ]; then
  echo "$0: $report: no such file" >&2
  exit 2
fi
browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$candidate
    break
  fi
done
if [ -z "$browser" ]; then
  echo "$0: Chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi

abs_report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
case "$out" in
  /*) abs_out=$out ;;
  *) abs_out=$(pwd)/$out ;;
esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size="$size" --hide-scrollbars \
  --screenshot="$abs_out" "file://$abs_report" >/dev/null 2>&1 || true

if [ ! -s "$abs_out" ]; then
  echo "$0: Chromium wrote no screenshot to $abs_out" >&2
  exit 1
fi
echo "$abs_out"
