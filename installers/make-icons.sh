#!/usr/bin/env bash
# Make the app icon's platform formats from resources/icons/supnotes.svg:
# PNGs at the hicolor sizes, supnotes.ico (Windows) and supnotes.icns (macOS).
# Needs rsvg-convert (Debian librsvg2-bin) and Pillow (in the project's
# environment through reportlab). The results are committed; run this after
# changing the SVG.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
icons="$root/resources/icons"
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" "$icons/supnotes.svg" -o "$icons/supnotes-$size.png"
done
cd "$root" && uv run python - "$icons" <<'PY'
import sys
from pathlib import Path

from PIL import Image

icons = Path(sys.argv[1])
big = Image.open(icons / "supnotes-512.png")
big.save(icons / "supnotes.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
big.save(icons / "supnotes.icns")
PY
