#!/usr/bin/env bash
# Turn a Debian 12/13 PC or a Raspberry Pi OS Bookworm (aarch64) box into the kiosk at the door.
#
#   sudo bash packaging/kiosk/install.sh [--enroll SERVER_URL CODE]
#   bash packaging/kiosk/install.sh --root DIR     # write every file under DIR, run nothing (CI)
#   bash packaging/kiosk/install.sh --dry-run      # print what it would do
#
# It installs cage, Xwayland and the system libraries; creates the user coworking-kiosk (groups
# video, render, input: camera and screen); a virtual environment in /opt/coworking-kiosk/venv
# from the lock (requirements/kiosk.txt, hashes checked); the systemd unit (cage on tty1,
# watchdog, restart on failure) and a .desktop file; switches console blanking off; checks that
# the clock is synchronised (the kiosk refuses to decide with a clock minutes off). Idempotent.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
ROOT="" DRY_RUN=0 ENROLL_URL="" ENROLL_CODE=""
KIOSK_USER=coworking-kiosk
PREFIX=/opt/coworking-kiosk
STATE=/var/lib/coworking-kiosk
while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    --enroll) ENROLL_URL="$2"; ENROLL_CODE="$3"; shift 3 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# --root: files only; the commands that change the running system are printed, not run
ACT=1; { [ -n "$ROOT" ] || [ "$DRY_RUN" = 1 ]; } && ACT=0

say() { printf '== %s\n' "$*"; }
run() { if [ "$ACT" = 1 ]; then "$@"; else printf '+ %s\n' "$*"; fi; }
put() {  # put MODE PATH < content
  local mode="$1" path="$ROOT$2"
  if [ "$DRY_RUN" = 1 ]; then printf '+ write %s (%s)\n' "$2" "$mode"; cat >/dev/null; return; fi
  mkdir -p "$(dirname "$path")"
  cat > "$path.tmp.$$"; chmod "$mode" "$path.tmp.$$"; mv "$path.tmp.$$" "$path"
}

# -- the system --------------------------------------------------------------------------------
OS_RELEASE="$ROOT/etc/os-release"; [ -f "$OS_RELEASE" ] || OS_RELEASE=/etc/os-release
# shellcheck disable=SC1090
. "$OS_RELEASE"
ARCH="$(uname -m)"
say "system: ${PRETTY_NAME:-unknown} on $ARCH"
case "${ID:-}:${VERSION_ID:-}" in
  debian:12|debian:13|raspbian:12) ;;
  *) echo "warning: tested on Debian 12/13 and Raspberry Pi OS Bookworm, not ${ID:-?} ${VERSION_ID:-?}" >&2 ;;
esac
case "$ARCH" in x86_64|aarch64) ;; *) echo "unsupported architecture $ARCH (x86_64 or aarch64)" >&2; exit 3 ;; esac
if [ "$ACT" = 1 ] && [ "$(id -u)" != 0 ]; then echo "run as root (sudo), or with --root DIR / --dry-run" >&2; exit 4; fi

say "packages"
PACKAGES=(python3-venv cage xwayland systemd-timesyncd fonts-dejavu-core libgl1 libegl1 libxkbcommon0
  libfontconfig1 libdbus-1-3 libpulse0 libxcb-cursor0 v4l-utils)
run apt-get update -qq
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"

say "user $KIOSK_USER (groups video, render, input)"
if [ "$ACT" = 1 ] && id "$KIOSK_USER" >/dev/null 2>&1; then
  run usermod -a -G video,render,input "$KIOSK_USER"
else
  run useradd --system --home-dir "$STATE" --create-home --shell /usr/sbin/nologin \
    --groups video,render,input "$KIOSK_USER"
fi

say "virtual environment $PREFIX/venv from the lock"
run python3 -m venv "$PREFIX/venv"
run "$PREFIX/venv/bin/pip" install --quiet --require-hashes -r "$SRC/requirements/kiosk.txt"
run "$PREFIX/venv/bin/pip" install --quiet --no-deps "$SRC"
run mkdir -p "$PREFIX/docs"
run cp "$SRC/docs/operations.md" "$PREFIX/docs/operations.md"

say "systemd unit, .desktop file, credential store"
put 0644 /etc/systemd/system/coworking-kiosk.service < "$HERE/coworking-kiosk.service"
put 0644 /usr/share/applications/coworking-kiosk.desktop < "$HERE/coworking-kiosk.desktop"
# an empty token until enrollment (LoadCredential= needs the file to exist)
[ -f "$ROOT$STATE/credstore/coworking-kiosk-token" ] || put 0600 "$STATE/credstore/coworking-kiosk-token" < /dev/null
run chown -R "$KIOSK_USER:$KIOSK_USER" "$STATE"
run chmod 0700 "$STATE/credstore"

say "screen blanking off"
if [ -f "$ROOT/boot/firmware/cmdline.txt" ] || [ "${ID:-}" = raspbian ]; then
  CMDLINE="$ROOT/boot/firmware/cmdline.txt"
  if [ -f "$CMDLINE" ] && ! grep -q consoleblank=0 "$CMDLINE"; then
    [ "$DRY_RUN" = 1 ] && echo "+ append consoleblank=0 to /boot/firmware/cmdline.txt" \
      || sed -i '1 s/$/ consoleblank=0/' "$CMDLINE"
  fi
else
  printf '%s\n' '# coworking kiosk: the door screen never blanks' \
    'GRUB_CMDLINE_LINUX_DEFAULT="$GRUB_CMDLINE_LINUX_DEFAULT consoleblank=0"' |
    put 0644 /etc/default/grub.d/coworking-kiosk.cfg
  run update-grub
fi
run setterm --blank 0 --powerdown 0 --term linux

say "services"
if [ -n "$ROOT" ] && [ "$DRY_RUN" = 0 ] && [ -e "$ROOT/usr/lib/systemd/system/graphical.target" ]; then
  # a real image or chroot: enable offline with systemctl --root
  systemctl --root="$ROOT" set-default graphical.target
  systemctl --root="$ROOT" enable coworking-kiosk.service
else
  run systemctl daemon-reload
  run systemctl set-default graphical.target
  run systemctl disable getty@tty1.service
  run systemctl enable coworking-kiosk.service
  run systemctl enable --now systemd-timesyncd.service
fi

say "time synchronisation"
if [ "$ACT" = 1 ]; then
  synced="$(timedatectl show -p NTPSynchronized --value 2>/dev/null || echo no)"
  if [ "$synced" != yes ]; then
    echo "warning: the clock is not synchronised yet (timedatectl: NTPSynchronized=$synced)." >&2
    echo "         The kiosk refuses to decide with a clock more than 5 minutes off the server's." >&2
  else
    echo "clock synchronised"
  fi
else
  echo "+ timedatectl show -p NTPSynchronized --value   # must say yes"
fi

if [ -n "$ENROLL_URL" ]; then
  say "enroll at $ENROLL_URL"
  run runuser -u "$KIOSK_USER" -- env PYTHON_KEYRING_BACKEND=kiosk.services.credstore.CredentialsKeyring \
    COWORKING_CREDSTORE="$STATE/credstore" "$PREFIX/venv/bin/coworking-kiosk" --data-dir "$STATE" \
    enroll "$ENROLL_URL" "$ENROLL_CODE"
fi
run systemctl restart coworking-kiosk.service
say "done: the kiosk starts on tty1 (journalctl -u coworking-kiosk); without --enroll it shows the enrollment screen"
