#!/usr/bin/env bash
# `make bench`: builds in Release with the benchmarks and runs them on this machine, loopback only,
# each bounded in time. Results go to stdout and build/bench/results/; docs/BENCHMARKS.md records
# the figures with the machine they were measured on.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=build/bench
out=$build/results
scripts/install-deps.sh bench
cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release -DZHITONG_TESTS=OFF -DZHITONG_BENCH=ON >/dev/null
cmake --build $build -j"$(nproc)"
mkdir -p $out
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

echo "== storage (Google Benchmark): SQLite file in $build/data, PostgreSQL 15 on loopback"
pgdir="$root/$build/pg"
scripts/pg-stop.sh "$pgdir" >/dev/null 2>&1 || true
rm -rf "$pgdir" "$build/data"
mkdir -p "$build/data"
pg_url=$(scripts/pg-start.sh "$pgdir" | tail -n 1)
ZHITONG_BENCH_DIR="$root/$build/data" ZHITONG_BENCH_PG_URL="$pg_url" \
  $build/bench/zhitong_bench_storage --benchmark_min_time=2 | tee "$out/storage.txt"
scripts/pg-stop.sh "$pgdir" >/dev/null 2>&1 || true

echo "== liaison assignment engine (Google Benchmark): demo city, 2,000 × 300, 100,000 × 10,000"
$build/bench/zhitong_bench_liaison | tee "$out/liaison.txt"

echo "== HTTP: GET /healthz with wrk, 2 threads, 32 keep-alive connections, 10 s"
tmp=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$build/zhitong serve --listen 127.0.0.1:$port --database "sqlite:$tmp/bench.db" --data-dir "$tmp" \
  --web-dir "" --log-level warn >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do grep -q "is serving" "$tmp/serve.out" && break; sleep 0.1; done
wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$port/healthz" | tee "$out/http_healthz.txt"
rss=$(ps -o rss= -p $pid | xargs)
echo "server resident memory after the run: $((rss / 1024)) MB" | tee -a "$out/http_healthz.txt"

echo "== HTTP: POST /api/v1/requests (durable intake) with wrk, 2 threads, 64 connections, 10 s"
# The demo city (one enterprise user), an API key for it, then new requests as fast as they are
# answered. Every 201 is a committed, fsync'd request (SQLite WAL, synchronous=FULL).
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
db="$tmp/intake.db"
$build/zhitong demo --database "sqlite:$db" >/dev/null
key=$($build/zhitong apikey create --database "sqlite:$db" --login enterprise --name bench --scopes read,write | tail -n 1)
$build/zhitong serve --listen 127.0.0.1:$port --database "sqlite:$db" --data-dir "$tmp" \
  --web-dir "" --log-level warn >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 1 100); do grep -q "is serving" "$tmp/serve.out" && break; sleep 0.1; done
ZHITONG_BENCH_KEY=$key wrk -t2 -c64 -d10s --latency -s bench/wrk/submit_request.lua \
  "http://127.0.0.1:$port" | tee "$out/http_intake.txt"
rss=$(ps -o rss= -p $pid | xargs)
hwm=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
echo "server resident memory after the run: $((rss / 1024)) MB (peak $((hwm / 1024)) MB)" | tee -a "$out/http_intake.txt"
echo "storage: $(curl -s "http://127.0.0.1:$port/metrics" | grep -E '^zhitong_storage\{counter="(commits|writes|commit_seconds)"' | tr '\n' ' ')" \
  | tee -a "$out/http_intake.txt"

kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
scripts/bench-requests.sh

echo "== results: dashboards over a generated history (zhitong bench generate), SQLite file"
# ZHITONG_BENCH_RESULTS_REQUESTS (default 10,000,000) requests over 12 months, without timelines
# (the dashboards read only the aggregates and the open requests); then 100,000 requests in one
# month, with timelines, for the hot issues. Generating 10M takes long on 2 cores: lower it to
# measure less, and say so.
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
n=${ZHITONG_BENCH_RESULTS_REQUESTS:-10000000}
rdb="$tmp/results.db"
$build/zhitong demo --database "sqlite:$rdb" >/dev/null
/usr/bin/time -f "generate: %e s, peak %M KB" $build/zhitong bench generate --database "sqlite:$rdb" \
  --requests "$n" --months 12 --seed 1 --end 2025-07-01 --no-events | tee "$out/results_generate.txt"
$build/bench/zhitong_bench_results "sqlite:$rdb" 2025-06 20 | tee "$out/results_dashboards.txt"
hdb="$tmp/hot.db"
$build/zhitong demo --database "sqlite:$hdb" >/dev/null
$build/zhitong bench generate --database "sqlite:$hdb" --requests 100000 --months 1 --seed 2 \
  --end 2025-07-01 | tee -a "$out/results_generate.txt"
$build/bench/zhitong_bench_results "sqlite:$hdb" 2025-06 5 | tee "$out/results_hot.txt"
