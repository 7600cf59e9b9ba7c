#!/usr/bin/env bash
# A PostgreSQL backup of Borgerpanel: pg_dump's custom format (-Fc: compressed,
# restored with pg_restore, table by table if need be), written to a temporary
# name and renamed when complete, then dumps older than BACKUP_KEEP_DAYS removed.
# Never removes the newest dump, even when it is old (a stopped timer must not
# end with no backup at all).
#
#   DATABASE_URL=postgresql://borgerpanel@db/borgerpanel BACKUP_DIR=/var/backups/borgerpanel deploy/backup.sh
#
# The passwords are not in the command line: use ~/.pgpass or PGPASSWORD in the
# environment file. Restore: deploy/restore.sh (README "Backups and restore").
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/borgerpanel}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
PG_DUMP="${PG_DUMP:-pg_dump}"

case "$DATABASE_URL" in
  postgresql://*|postgresql+psycopg://*|postgres://*) ;;
  *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL (SQLite: copy the file while stopped)" >&2; exit 2 ;;
esac
# SQLAlchemy's driver suffix means nothing to libpq.
url="${DATABASE_URL/postgresql+psycopg:/postgresql:}"

mkdir -p "$BACKUP_DIR"
umask 077
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/borgerpanel-$stamp.dump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

"$PG_DUMP" --format=custom --no-owner --no-privileges --file="$partial" "$url"
# A dump that pg_restore cannot list is not a backup.
pg_restore --list "$partial" >/dev/null
mv "$partial" "$target"
echo "backup.sh: wrote $target ($(du -h "$target" | cut -f1))"

newest="$(ls -1t "$BACKUP_DIR"/borgerpanel-*.dump | head -n 1)"
find "$BACKUP_DIR" -maxdepth 1 -name 'borgerpanel-*.dump' -mtime +"$BACKUP_KEEP_DAYS" \
  ! -path "$newest" -print -delete | sed 's/^/backup.sh: removed /'
