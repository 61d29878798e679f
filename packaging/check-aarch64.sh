#!/usr/bin/env bash
# Raspberry Pi OS Bookworm (aarch64, glibc 2.36, Python 3.11) installs the kiosk box from the
# lock: install requirements/kiosk.txt for that platform into a folder (hashes required, wheels
# only), then check that no shared library in it needs a glibc symbol newer than 2.36.
#
#   bash packaging/check-aarch64.sh [GLIBC_MINOR (36)] [PYTHON (3.11)]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GLIBC_MINOR="${1:-36}"
PYTHON="${2:-3.11}"
UV="$(bash "$ROOT/packaging/lock.sh" uv-path)"
TARGET="$(mktemp -d /tmp/coworking-aarch64.XXXXXX)"
trap 'rm -rf "$TARGET"' EXIT
"$UV" pip install --quiet --target "$TARGET" --python-platform "aarch64-manylinux_2_$GLIBC_MINOR" \
  --python-version "$PYTHON" --only-binary :all: --require-hashes -r "$ROOT/requirements/kiosk.txt"
versions="$(find "$TARGET" -name '*.so*' -type f -print0 \
  | xargs -0 -n 50 readelf -V --wide 2>/dev/null | grep -oE 'GLIBC_2\.[0-9]+' | sort -u -t. -k2 -n)"
newest="$(tail -1 <<<"$versions" | cut -d. -f2)"
pyside="$(ls -d "$TARGET"/PySide6_Essentials-*.dist-info | sed 's/.*Essentials-\(.*\)\.dist-info/\1/')"
echo "aarch64 py$PYTHON: PySide6 $pyside, $(du -sm "$TARGET" | cut -f1) MB, newest glibc symbol needed: 2.$newest"
[ "$newest" -le "$GLIBC_MINOR" ] || { echo "needs glibc 2.$newest > 2.$GLIBC_MINOR"; exit 1; }
