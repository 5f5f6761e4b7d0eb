#!/usr/bin/env bash
# Stops the PostgreSQL started by scripts/pg-start.sh DIR (fast shutdown). Safe to call twice,
# or on a folder where nothing runs.
set -uo pipefail
dir=${1:?usage: pg-stop.sh DIR}
bin=/usr/lib/postgresql/15/bin
if [ ! -f "$dir/data/postmaster.pid" ]; then
  exit 0
fi
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || {
  # Already stopped, or a stale pid file: report only if a server still answers.
  [ -f "$dir/data/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && exit 1
}
exit 0
