#!/usr/bin/env bash
# PostgreSQL for the network server: a login role and a database it owns, a random password,
# and the env file the systemd units read (COWORKING_DATABASE_URL). Idempotent: run again, the
# role gets a new password and the env file is rewritten (restart the server afterwards).
#
#   sudo bash packaging/server/postgresql-setup.sh                 # local cluster, as postgres
#   bash postgresql-setup.sh --admin-url postgresql://postgres@db.example/postgres --host db.example
#
# Options: --db NAME (coworking), --role NAME (coworking), --host HOST (127.0.0.1), --port N (5432),
#          --env-file PATH (/etc/coworking/netserver.env), --admin-url URL (default: sudo -u postgres psql),
#          --dry-run (print what would run; the password is shown as ***).
set -euo pipefail

DB=coworking ROLE=coworking HOST=127.0.0.1 PORT=5432 ENV_FILE=/etc/coworking/netserver.env
ADMIN_URL="" DRY_RUN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB="$2"; shift 2 ;;
    --role) ROLE="$2"; shift 2 ;;
    --host) HOST="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --env-file) ENV_FILE="$2"; shift 2 ;;
    --admin-url) ADMIN_URL="$2"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for name in "$DB" "$ROLE"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "not a plain PostgreSQL name: $name" >&2; exit 2; }
done
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "not a port: $PORT" >&2; exit 2; }

PASSWORD="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"  # 192 bits, hex: no quoting issues
URL="postgresql+psycopg://${ROLE}:${PASSWORD}@${HOST}:${PORT}/${DB}"

psql_admin() {
  if [ -n "$ADMIN_URL" ]; then psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -qAt "$@"
  else sudo -u postgres psql -v ON_ERROR_STOP=1 -qAt "$@"; fi
}

SQL="DO \$\$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
    ALTER ROLE ${ROLE} WITH LOGIN PASSWORD '${PASSWORD}';
  ELSE
    CREATE ROLE ${ROLE} WITH LOGIN PASSWORD '${PASSWORD}';
  END IF;
END \$\$;"

if [ "$DRY_RUN" = 1 ]; then
  echo "psql: ${SQL//$PASSWORD/***}"
  echo "psql: CREATE DATABASE ${DB} OWNER ${ROLE} ENCODING 'UTF8' TEMPLATE template0 (unless it exists)"
  echo "write ${ENV_FILE}: COWORKING_DATABASE_URL=${URL//$PASSWORD/***} (mode 0640)"
  exit 0
fi

psql_admin -c "$SQL" >/dev/null
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" ]; then
  psql_admin -c "CREATE DATABASE ${DB} OWNER ${ROLE} ENCODING 'UTF8' TEMPLATE template0" >/dev/null
fi
psql_admin -d "$DB" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO ${ROLE}" \
  >/dev/null 2>&1 || true  # with --admin-url the -d is ignored by a URL: harmless

mkdir -p "$(dirname "$ENV_FILE")"
umask 027
tmp="$(mktemp "${ENV_FILE}.XXXXXX")"
printf 'COWORKING_DATABASE_URL=%s\n' "$URL" > "$tmp"
if getent group coworking >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then chgrp coworking "$tmp"; fi
chmod 0640 "$tmp"
mv "$tmp" "$ENV_FILE"
echo "database ${DB} (owner ${ROLE}) ready; ${ENV_FILE} written. Next: coworking-netserver migrate"
