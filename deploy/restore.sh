#!/usr/bin/env bash
# Restore a Borgerpanel backup (deploy/backup.sh) into an EMPTY database, then
# migrate it to the code's schema. Refuses a database that already has tables:
# restoring over live data mixes two states.
#
#   deploy/restore.sh /var/backups/borgerpanel/borgerpanel-20250101T023000Z.dump postgresql://borgerpanel@db/borgerpanel_restore
#
# Stop the processes (or point them elsewhere) first; afterwards run
# `flask --app wsgi db upgrade` with DATABASE_URL set to the restored database
# (this script does it when FLASK is set, e.g. FLASK="/opt/borgerpanel/.venv/bin/flask").
set -euo pipefail

dump="${1:?usage: restore.sh DUMP_FILE DATABASE_URL}"
url="${2:?usage: restore.sh DUMP_FILE DATABASE_URL}"
url="${url/postgresql+psycopg:/postgresql:}"

pg_restore --list "$dump" >/dev/null
tables="$(psql "$url" -XAtc "select count(*) from pg_tables where schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "restore.sh: the database has $tables tables; restore into an empty one (createdb NAME)" >&2
  exit 2
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$dump"
echo "restore.sh: restored $dump"
if [ -n "${FLASK:-}" ]; then
  DATABASE_URL="$url" $FLASK --app wsgi db upgrade
  echo "restore.sh: migrated"
fi
