#!/usr/bin/env bash
# Wheel smoke test: build the wheel, install it with the locked requirements into brand-new
# virtual environments (kiosk box, server, demo), and run what a new user runs first.
#
#   bash packaging/smoke-test.sh            # from a checkout, with a python3 that has venv
#
# Needs: python3 (-m venv), a Python with setuptools+wheel to build (PYTHON_BUILD, default the
# active venv's python), Qt's Debian libraries (.ci/run installs them). Prints the size of each
# environment; the README quotes those figures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_PY="${PYTHON_BUILD:-python3}"
WORK="$(mktemp -d /tmp/coworking-smoke.XXXXXX)"
DEMO_PID=""
cleanup() {
  if [ -n "$DEMO_PID" ] && kill -0 "$DEMO_PID" 2>/dev/null; then kill -KILL "$DEMO_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }

echo "== build the wheel"
"$BUILD_PY" -m pip wheel -q --no-deps --no-build-isolation "$ROOT" -w "$WORK/dist"
WHEEL="$(ls "$WORK"/dist/coworking_network_kiosk-*.whl)"
contents="$("$BUILD_PY" -m zipfile -l "$WHEEL")"
for needed in kiosk/translations/kiosk_de.qm kiosk/translations/kiosk_en.qm \
    kiosk/assets/sounds/admitted.wav kiosk/assets/sounds/denied.wav kiosk/assets/icons/admitted.svg \
    netserver/migrations/env.py netserver/migrations/versions/0001_initial_schema.py \
    netserver/printing/fonts/DejaVuSans.ttf netserver/printing/fonts/DejaVuSans-Bold.ttf \
    netserver/printing/fonts/DejaVuSansMono-Bold.ttf netserver/printing/fonts/LICENSE.txt \
    netserver/web/templates/signin.html netserver/web/static/htmx.min.js \
    netserver/member/templates/page.html netserver/member/static/sw.js; do
  grep -q "$needed" <<<"$contents" || fail "the wheel lacks $needed"
done

venv_with() {  # $1: name, $2: requirements file -> a fresh venv with the wheel installed
  local env="$WORK/venv-$1"
  python3 -m venv "$env"
  "$env/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements/$2.txt"
  "$env/bin/pip" install -q --disable-pip-version-check --no-deps "$WHEEL"
  echo "$env"
}
size_of() { du -sm "$1" | cut -f1; }

# Run from an unrelated directory with an empty HOME: nothing may come from the checkout.
mkdir -p "$WORK/home" "$WORK/elsewhere"
cd "$WORK/elsewhere"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
export XDG_CACHE_HOME="$WORK/home/.cache" XDG_STATE_HOME="$WORK/home/.local/state"
export QT_QPA_PLATFORM=offscreen PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring

echo "== kiosk box (requirements/kiosk.txt)"
KIOSK="$(venv_with kiosk kiosk)"
"$KIOSK/bin/coworking-kiosk" --version
! "$KIOSK/bin/python" -c "import fastapi" 2>/dev/null || fail "the kiosk box has the server's packages"
! "$KIOSK/bin/python" -c "import pytest" 2>/dev/null || fail "the kiosk box has the test packages"
set +e; "$KIOSK/bin/coworking-kiosk" status --data-dir "$WORK/kiosk-data" >/dev/null; rc=$?; set -e
[ "$rc" = 3 ] || fail "status of an unenrolled kiosk exited $rc, expected 3"
kiosk_mb="$(size_of "$KIOSK")"

echo "== server (requirements/server.txt)"
SERVER="$(venv_with server server)"
"$SERVER/bin/coworking-netserver" --help >/dev/null
! "$SERVER/bin/python" -c "import PySide6" 2>/dev/null || fail "the server has PySide6"
! "$SERVER/bin/python" -c "import cv2" 2>/dev/null || fail "the server has OpenCV"
"$SERVER/bin/coworking-netserver" --data-dir "$WORK/server-data" init --name "Smoke" >/dev/null
PORT="$("$SERVER/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$SERVER/bin/coworking-netserver" --data-dir "$WORK/server-data" serve --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
"$SERVER/bin/python" - "$PORT" <<'PY' || { kill "$SERVE_PID"; cat "$WORK/serve.log" >&2; fail "the installed server does not serve the web admin"; }
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/admin/signin"
for _ in range(300):  # 30 s at most
    try:
        page = urllib.request.urlopen(url, timeout=2).read().decode()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("no answer from " + url)
assert "<form" in page and "htmx" in page, page[:300]  # rendered from the wheel's templates
PY
kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true
server_mb="$(size_of "$SERVER")"

echo "== demo (requirements/demo.txt): start headless, wait for scanning, SIGTERM"
DEMO="$(venv_with demo demo)"
demo_mb="$(size_of "$DEMO")"
"$DEMO/bin/coworking-kiosk" --demo >"$WORK/demo.out" 2>"$WORK/demo.err" &
DEMO_PID=$!
for _ in $(seq 1 600); do
  grep -q "kiosk started" "$WORK/demo.err" && break
  kill -0 "$DEMO_PID" 2>/dev/null || { cat "$WORK/demo.err" >&2; fail "the demo exited before scanning"; }
  sleep 0.1
done
grep -q "kiosk started" "$WORK/demo.err" || { cat "$WORK/demo.err" >&2; fail "the demo did not reach scanning in 60 s"; }
grep -q "decoder started\|kiosk started" "$WORK/demo.err"
kill -TERM "$DEMO_PID"
for _ in $(seq 1 100); do kill -0 "$DEMO_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$DEMO_PID" 2>/dev/null; then fail "the demo did not stop within 10 s of SIGTERM"; fi
set +e; wait "$DEMO_PID"; rc=$?; set -e
DEMO_PID=""
[ "$rc" = 0 ] || { cat "$WORK/demo.err" >&2; fail "the demo exited $rc after SIGTERM"; }
! grep -q "Traceback" "$WORK/demo.err" || { cat "$WORK/demo.err" >&2; fail "the demo printed a traceback"; }
grep -q "shutting down" "$WORK/demo.err" || fail "the demo did not run its shutdown"

echo "== sizes of fresh environments (python $(python3 -c 'import sys; print(sys.version.split()[0])'), $(uname -m))"
echo "kiosk box: ${kiosk_mb} MB   server: ${server_mb} MB   demo (kiosk + server): ${demo_mb} MB"
if [ -d "$ROOT/.venv" ]; then echo "full (dev: kiosk + server + tests, $ROOT/.venv): $(size_of "$ROOT/.venv") MB"; fi
echo "SMOKE OK"
