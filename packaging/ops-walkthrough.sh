#!/usr/bin/env bash
# The procedures of docs/operations.md carried out on one machine (SQLite, two workers, a kiosk
# without a screen): init, space, member, pass, staff, enrollment code, serve, enroll, sync,
# status, metrics, revoke, PIN rotation, report, backup, restore. Run from a checkout:
#   bash packaging/ops-walkthrough.sh
set -x
cd "$(dirname "$0")/.."
export PYTHONPATH=$PWD
PY="${PYTHON:-python3}"
D=/tmp/ops18; rm -rf $D; mkdir -p $D
export COWORKING_DATA_DIR=$D/server
NS="$PY -m netserver.cli"
$NS init --name Altmark | sed 's/cwa_.*/cwa_…(admin token, shown once)/'
$NS space add stendal Stendal
$NS space add werben Werben
$NS member add "Anna Beispiel" --home stendal
$NS pass issue 10001 --out $D/cards
$NS staff add Maria --space werben --pin 135790
CODE=$($NS kiosk code werben --png $D/code.png | head -1)
echo "code: $CODE"
PORT=18765
COWORKING_FEED_FETCH=false $NS serve --host 127.0.0.1 --port $PORT --workers 2 > $D/server.log 2>&1 &
SPID=$!
for i in $(seq 50); do curl -sf http://127.0.0.1:$PORT/api/v1/health >/dev/null && break; sleep 0.2; done
export PYTHON_KEYRING_BACKEND=kiosk.services.credstore.CredentialsKeyring COWORKING_CREDSTORE=$D/credstore
K="$PY -m kiosk --data-dir $D/kiosk"
$K enroll http://127.0.0.1:$PORT "$CODE"
$K sync
$K status
$NS kiosk list
curl -s http://127.0.0.1:$PORT/metrics | grep -E "^coworking_(sync_seconds_count|kiosks_offline|http_requests_total)" | head -5
$NS kiosk revoke 1
$K sync; echo "sync exit $?"
$K status
$NS staff list
$NS staff pin 1 --pin 246802
$NS report $(date +%Y-%m) | head -3
$NS backup $D/backup/network.dump
COWORKING_DATA_DIR=$D/restored $NS restore $D/backup/network.dump
COWORKING_DATA_DIR=$D/restored $NS kiosk list
kill $SPID; wait $SPID 2>/dev/null
head -c 600 $D/server.log; echo
grep -c "Anna\|cwk_\|Bearer" $D/server.log
