#!/usr/bin/env bash
# `make demo`: creates the demo database if it is missing, then serves it in the foreground.
# Usage: scripts/demo.sh BINARY DB_PATH LISTEN
set -euo pipefail
bin=$1 db=$2 listen=$3
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
  if "$bin" demo --help >/dev/null 2>&1; then
    echo "Creating the demo city in $db …"
    "$bin" demo --database "sqlite:$db"
  else
    echo "This build has no demo loader yet: starting on an empty database in $db"
    "$bin" migrate --database "sqlite:$db"
  fi
fi
echo
echo "  直通 Zhitong — http://$listen"
"$bin" demo --database "sqlite:$db" --print-logins 2>/dev/null || true
echo "  Stop with Ctrl-C."
echo
exec "$bin" serve --database "sqlite:$db" --listen "$listen" --data-dir "$(dirname "$db")"
