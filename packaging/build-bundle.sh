#!/usr/bin/env bash
# Builds the one-folder bundle: DIST/taketwo/taketwo runs Take Two with no Python installed.
#   bash packaging/build-bundle.sh [--with-words] [DIST]   (default: dist/; needs setup.sh --dev)
# --with-words also bundles the words (faster-whisper and the Whisper base model, ~145 MB).
# Prints the build time and the bundle's size.
set -euo pipefail
cd "$(dirname "$0")/.."
export TAKETWO_BUNDLE_WORDS=0
if [ "${1:-}" = "--with-words" ]; then
  TAKETWO_BUNDLE_WORDS=1
  shift
fi
dist=$(realpath -m "${1:-dist}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

SECONDS=0
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" \
  packaging/taketwo.spec
notice="$dist/taketwo/NOTICE-bundled-libraries.txt"
cp packaging/NOTICE-bundled-libraries.txt "$notice"
.venv/bin/python packaging/bundle-versions.py >>"$notice"
mkdir -p "$dist/taketwo/licenses"
for licence in GPL-2 GPL-3 LGPL-2.1 LGPL-3; do
  cp "/usr/share/common-licenses/$licence" "$dist/taketwo/licenses/$licence"
done
printf 'bundle  %s\nwords   %s\nbuild   %d s\nsize    %s\n' "$dist/taketwo" \
  "$([ "$TAKETWO_BUNDLE_WORDS" = 1 ] && echo included || echo left out)" "$SECONDS" \
  "$(du -sh "$dist/taketwo" | cut -f1)"
