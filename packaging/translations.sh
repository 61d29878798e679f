#!/usr/bin/env bash
# The kiosk's Qt translations: .ts sources (edited by hand) compiled to the .qm files that ship.
#
#   bash packaging/translations.sh compile   # kiosk/translations/*.ts -> *.qm (commit both)
#   bash packaging/translations.sh check     # fail if a committed .qm differs from its .ts (CI)
#
# Needs pyside6-lrelease (PySide6-Essentials, in the dev environment); its output is
# byte-for-byte reproducible, so the check compares bytes.
set -euo pipefail
DIR="$(cd "$(dirname "$0")/../kiosk/translations" && pwd)"
LRELEASE="${LRELEASE:-pyside6-lrelease}"
case "${1:-}" in
  compile)
    for ts in "$DIR"/*.ts; do "$LRELEASE" -silent "$ts" -qm "${ts%.ts}.qm"; done
    ;;
  check)
    tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
    for ts in "$DIR"/*.ts; do
      name="$(basename "${ts%.ts}").qm"
      "$LRELEASE" -silent "$ts" -qm "$tmp/$name"
      cmp -s "$tmp/$name" "$DIR/$name" || { echo "$name is not current: bash packaging/translations.sh compile"; exit 1; }
    done
    echo "translations are current"
    ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
