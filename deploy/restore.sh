#!/usr/bin/env bash
# Accès Direct: restore a dump made by deploy/backup.sh into the database of DATABASE_URL,
# which must be empty (a new one: createdb). Check the restored site, then point the services'
# DATABASE_URL at it; the damaged database is kept until then.
#   DATABASE_URL=postgres://accesdirect@localhost:5432/accesdirect_restauree deploy/restore.sh FICHIER.dump
set -euo pipefail

dump="${1:?usage : deploy/restore.sh FICHIER.dump (avec DATABASE_URL de la base neuve)}"
: "${DATABASE_URL:?DATABASE_URL doit désigner la base PostgreSQL neuve où restaurer}"

tables="$(psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "La base cible contient déjà $tables table(s) : restaurez dans une base neuve (createdb)." >&2
  exit 1
fi

# All or nothing: a restore that fails halfway leaves the new database empty, not half-filled.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$dump"
# A dump carries no planner statistics: compute them before the site serves from this database.
psql --no-psqlrc --quiet --dbname="$DATABASE_URL" --command="ANALYZE"
echo "Restauré : $dump"
