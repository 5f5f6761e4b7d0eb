#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for tests: `scripts/pg-start.sh DIR`.
# initdb into DIR/data as the postgres user (we run as root), listens on 127.0.0.1 at a free port
# with its unix socket inside DIR, fsync on; creates role `zhitong` and database `zhitong_test`
# (UTF-8, C.UTF-8, with pg_trgm). Prints the connection URL as the last line and writes it to
# DIR/url. Stop it with scripts/pg-stop.sh DIR.
set -euo pipefail
dir=${1:?usage: pg-start.sh DIR}
bin=/usr/lib/postgresql/15/bin
role=zhitong
db=zhitong_test

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
as_pg() { runuser -u postgres --whitelist-environment=PGOPTIONS -- "$@"; }

# The postgres user must be able to reach DIR.
if ! as_pg test -x "$dir"; then
  echo "pg-start: user postgres cannot enter $dir (check the permissions of its parents)" >&2
  exit 1
fi
chown postgres:postgres "$dir"
mkdir -p "$dir/sock"
chown postgres:postgres "$dir/sock"
chmod 700 "$dir/sock"

if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
fi

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

started=0
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  cat >"$dir/data/zhitong.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
shared_buffers = 128MB
CONF
  grep -q "include_if_exists = 'zhitong.conf'" "$dir/data/postgresql.conf" ||
    echo "include_if_exists = 'zhitong.conf'" >>"$dir/data/postgresql.conf"
  if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null 2>&1; then
    started=1
    break
  fi
  echo "pg-start: start on port $port failed (attempt $attempt), retrying" >&2
done
if [ "$started" -ne 1 ]; then
  tail -n 20 "$dir/postgres.log" >&2 || true
  exit 1
fi

if ! command -v psql >/dev/null; then
  echo "pg-start: psql not found" >&2
  exit 1
fi
psql_su() { PGOPTIONS="-c client_min_messages=warning" as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$dir/sock" -p "$port" -U postgres "$@"; }
psql_su -d postgres -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role LOGIN; END IF;
END \$\$;"
if [ -z "$(psql_su -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
  psql_su -d postgres -c "CREATE DATABASE $db OWNER $role ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
fi
psql_su -d "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"

url="postgresql://$role@127.0.0.1:$port/$db"
echo "$url" >"$dir/url"
echo "$url"
