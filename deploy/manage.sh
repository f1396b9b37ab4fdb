#!/usr/bin/env bash
# Accès Direct: run a management command as the services run: user accesdirect, the variables of
# /etc/accesdirect/accesdirect.env, the state folder /var/lib/accesdirect.
#   sudo /srv/accesdirect/deploy/manage.sh migrate
#   sudo /srv/accesdirect/deploy/manage.sh createsuperuser
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# Interactive from a terminal (createsuperuser asks questions), piped otherwise (cron, scripts).
if [ -t 0 ] && [ -t 1 ]; then io=--pty; else io=--pipe; fi
exec systemd-run --quiet --wait --collect "$io" \
  --uid=accesdirect --gid=accesdirect \
  --working-directory="$root" \
  --property=EnvironmentFile=/etc/accesdirect/accesdirect.env \
  --property=StateDirectory=accesdirect \
  "$root/.venv/bin/python" manage.py "$@"
