#!/usr/bin/env bash
# Accès Direct: dump the PostgreSQL database of DATABASE_URL into BACKUP_DIR, then delete the
# dumps older than BACKUP_KEEP_DAYS days. Prints the dump's path. Run daily by
# deploy/systemd/accesdirect-backup.timer; restore with deploy/restore.sh.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL doit désigner la base PostgreSQL (postgres://utilisateur:motdepasse@hôte:5432/base)}"
backup_dir="${BACKUP_DIR:-/var/backups/accesdirect}"
keep_days="${BACKUP_KEEP_DAYS:-30}"

# The dumps hold personal data: readable by their owner only.
umask 077
mkdir -p "$backup_dir"
target="$backup_dir/accesdirect-$(date +%Y%m%d-%H%M%S).dump"

# Custom format: compressed, restorable table by table; ownership and grants are the target
# server's business.
pg_dump --format=custom --no-owner --no-privileges --file="$target.partial" --dbname="$DATABASE_URL"
# A dump that pg_restore cannot read is not a backup: check it before it replaces older ones.
pg_restore --list "$target.partial" > /dev/null
mv "$target.partial" "$target"

find "$backup_dir" -maxdepth 1 -name 'accesdirect-*.dump' -mtime +"$keep_days" -delete
echo "$target"
