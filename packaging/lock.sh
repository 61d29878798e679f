#!/usr/bin/env bash
# The dependency lock: uv.lock (one universal lock for Linux x86_64/aarch64, CPython 3.11-3.13)
# and the pip-installable, hash-pinned exports in requirements/ that the README installs from.
#
#   bash packaging/lock.sh export    # write requirements/*.txt from uv.lock
#   bash packaging/lock.sh check     # fail if uv.lock or an export is out of date (CI runs this)
#   bash packaging/lock.sh upgrade   # re-resolve to today's newest versions and run the whole
#                                    # suite in a throwaway clone; on success the new lock and
#                                    # exports are copied here, ready to commit (a tested upgrade)
#
# uv is installed into a tool venv of its own (never the system Python); set UV to use another.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
UV_VERSION="0.13.9"
TOOLS="${COWORKING_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/coworking-kiosk-tools}"

uv_bin() {
  if [ -n "${UV:-}" ]; then echo "$UV"; return; fi
  if [ ! -x "$TOOLS/bin/uv" ] || [ "$("$TOOLS/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
    python3 -m venv "$TOOLS" >&2
    "$TOOLS/bin/pip" install -q --disable-pip-version-check "uv==$UV_VERSION" >&2
  fi
  echo "$TOOLS/bin/uv"
}

# name: extras. The kiosk box gets no server and no test packages; the server no Qt or OpenCV.
EXPORTS=(
  "kiosk:kiosk build"
  "server:server build"
  "demo:kiosk server build"
  "dev:kiosk server dev build"
)

export_to() {  # $1: directory to write requirements/*.txt into (run in $ROOT)
  local uv dir="$1" name extras args
  uv="$(uv_bin)"
  mkdir -p "$dir"
  for entry in "${EXPORTS[@]}"; do
    name="${entry%%:*}"; extras="${entry#*:}"; args=()
    for e in $extras; do args+=(--extra "$e"); done
    (cd "$ROOT" && "$uv" export --quiet --frozen --format requirements.txt --no-emit-project \
       --no-header "${args[@]}" -o "$dir/$name.txt")
    sed -i "1i # Generated from uv.lock by 'bash packaging/lock.sh export' (extras: $extras). Do not edit.\n# Install: pip install -r requirements/$name.txt && pip install --no-deps --no-build-isolation ." "$dir/$name.txt"
  done
}

case "${1:-}" in
  uv-path)
    uv_bin
    ;;
  export)
    export_to "$ROOT/requirements"
    ;;
  check)
    uv="$(uv_bin)"
    (cd "$ROOT" && "$uv" lock --check --quiet) || { echo "uv.lock is out of date with pyproject.toml: run 'uv lock' (packaging/lock.sh)"; exit 1; }
    tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
    export_to "$tmp"
    diff -ru "$ROOT/requirements" "$tmp" || { echo "requirements/ is out of date: run 'bash packaging/lock.sh export'"; exit 1; }
    echo "lock and exports are current"
    ;;
  upgrade)
    uv="$(uv_bin)"
    work="$(mktemp -d /tmp/coworking-upgrade.XXXXXX)"
    echo "== throwaway clone in $work"
    git -C "$ROOT" ls-files -z | (cd "$ROOT" && tar --null -T - -cf -) | tar -C "$work" -xf -
    (cd "$work" && "$uv" lock --upgrade)
    ROOT="$work" export_to "$work/requirements"
    echo "== the README's test block in a fresh venv there"
    (cd "$work" && rm -rf .venv && bash .ci/readme_block.sh "Run the tests" | bash -euo pipefail)
    cp "$work/uv.lock" "$ROOT/uv.lock"
    cp "$work"/requirements/*.txt "$ROOT/requirements/"
    echo "== upgraded and tested; review 'git diff uv.lock requirements/' and commit"
    ;;
  *)
    sed -n '2,12p' "$0"; exit 2
    ;;
esac
