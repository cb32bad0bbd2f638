#!/usr/bin/env bash
# Screenshots a study's report.html with headless Chromium (Debian: apt-get install -y chromium), so a
# person (or a reviewer without a browser) can look at the page as rendered.
#   scripts/screenshot-report.sh STUDY_DIR [OUT.png] [HEIGHT]
set -euo pipefail
dir="${1:?usage: $0 STUDY_DIR [OUT.png] [HEIGHT]}"
out="${2:-$dir/report-screenshot.png}"
height="${3:-5000}"
page="$(cd "$dir" && pwd)/report.html"
[ -f "$page" ] || { echo "$page: no report (run: winnow report $dir)" >&2; exit 1; }
chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$chrome" ] || { echo "chromium not found (Debian: apt-get install -y chromium)" >&2; exit 1; }
"$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --no-first-run --hide-scrollbars --window-size="1280,$height" --screenshot="$out" "file://$page" >/dev/null 2>&1
echo "$out"
