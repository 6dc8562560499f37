#!/usr/bin/env bash
# Renders the default scenario's HTML report and screenshots it into docs/report.png.
#
# Needs chromium, imagemagick and pngquant (Debian: apt-get install -y chromium imagemagick
# pngquant).
# Usage: docs/screenshot.sh [OUT.png]     (default docs/report.png)
set -euo pipefail
cd "$(dirname "$0")/.."
png=${1:-docs/report.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The built-in KC+CZ resumption scenario, 2022-06-01 to 2023-12-31, seed 2022.
cargo run --release --quiet -- run --out "$work/run" --report "$work/report.html" >/dev/null

# A window taller than the page; the page background below the footer is cut off afterwards.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size=1400,9000 \
  --screenshot="$work/full.png" "file://$work/report.html" 2>/dev/null

# Bounding box of everything that is not page background: WxH+X+Y.
box=$(convert "$work/full.png" -format '%@' info:)
height=${box#*x}; height=${height%%+*}
top=${box##*+}
convert "$work/full.png" -crop "1400x$((top + height + 24))+0+0" +repage "$work/page.png"
# A 256-colour palette keeps the file well under 1 MB without visible loss.
pngquant --quality 70-95 --speed 1 --force --output "$png" "$work/page.png"
identify "$png"
