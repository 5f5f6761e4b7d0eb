#!/usr/bin/env bash
# The requests benchmarks of issue 4 at ZHITONG_BENCH_REQUESTS requests (default 1,000,000): a
# generated history with timelines and their search index (`zhitong bench generate`, SQLite file),
# then over HTTP with wrk: the queue page (50 rows, filtered by department and status, as the
# dispatcher) and Chinese search (one- to six-character queries), each with its latency
# percentiles, and the server's resident and peak memory while serving them.
# Part of `make bench`; alone (after a `make bench` build): scripts/bench-requests.sh
# ZHITONG_BENCH_DB=FILE reuses a history generated before (the same `zhitong bench generate`
# command as below) instead of generating one; the file is migrated by the server, never deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/bench
out=$build/results
mkdir -p "$out"
n=${ZHITONG_BENCH_REQUESTS:-1000000}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
db="${ZHITONG_BENCH_DB:-$tmp/requests.db}"

if [ -n "${ZHITONG_BENCH_DB:-}" ]; then
  n=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM requests").fetchone()[0])' "$db")
  echo "== requests: the history in $db ($n requests)"
else
  echo "== requests: $n generated requests with timelines and search index, SQLite file"
  $build/zhitong demo --database "sqlite:$db" >/dev/null
  /usr/bin/time -f "generate: %e s, peak %M KB" $build/zhitong bench generate --database "sqlite:$db" \
    --requests "$n" --months 12 --seed 3 --end 2026-11-01 2>&1 | tail -n 2 | tee "$out/requests_generate.txt"
  echo "database file: $(du -m "$db" | cut -f1) MB" | tee -a "$out/requests_generate.txt"
fi

# The 40 (department, status) pairs with most requests, and search queries of 1 to 6 characters
# (alone, and with a status filter).
python3 - "$db" "$tmp" <<'PY'
import sqlite3, sys, urllib.parse
db, tmp = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
with open(f"{tmp}/queue", "w") as f:
    for dep, status, _ in c.execute(
            "SELECT handling_department_id, status, COUNT(*) AS n FROM requests"
            " WHERE handling_department_id IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC LIMIT 40"):
        f.write(f"/api/v1/requests?department_id={dep}&status={status}&limit=50\n")
queries = ["电", "税", "用工", "贷款", "审批", "招工", "许可证", "出口退税", "融资担保", "安全生产检查",
           "园区道路", "科技项目", "供电线路老化", "增容", "专利转化"]
with open(f"{tmp}/search", "w") as f:
    for q in queries:
        f.write(f"/api/v1/requests?q={urllib.parse.quote(q)}&limit=50\n")
        f.write(f"/api/v1/requests?q={urllib.parse.quote(q)}&status=closed&limit=50\n")
PY

key=$($build/zhitong apikey create --database "sqlite:$db" --login dispatcher --name bench --scopes read | tail -n 1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$build/zhitong serve --listen 127.0.0.1:$port --database "sqlite:$db" --data-dir "$tmp" \
  --web-dir "" --log-level warn >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 1 600); do grep -q "is serving" "$tmp/serve.out" && break; sleep 0.1; done
memory() {
  echo "server memory: resident $(( $(ps -o rss= -p $pid | xargs) / 1024 )) MB," \
    "peak $(( $(grep VmHWM /proc/$pid/status | awk '{print $2}') / 1024 )) MB"
}
memory | tee "$out/requests_serve.txt"

# get WHAT PATHS OUTPUT: the paths in turn with wrk for 10 s, with 16 connections on 2 threads
# (then the server's memory) and with one connection (each page's own time, no queueing).
get() {
  echo "== requests: $1 at $n requests, wrk 2 threads, 16 connections, 10 s"
  ZHITONG_BENCH_KEY=$key ZHITONG_BENCH_PATHS="$2" wrk -t2 -c16 -d10s --latency \
    -s bench/wrk/get_paths.lua "http://127.0.0.1:$port" | tee "$out/$3.txt"
  memory | tee -a "$out/$3.txt"
  echo "== requests: $1 at $n requests, one connection, 10 s"
  ZHITONG_BENCH_KEY=$key ZHITONG_BENCH_PATHS="$2" wrk -t1 -c1 -d10s --latency \
    -s bench/wrk/get_paths.lua "http://127.0.0.1:$port" | tee "$out/$3_one.txt"
}
get "the queue page" "$tmp/queue" requests_queue
get "Chinese search" "$tmp/search" requests_search
