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

if [ -x $build/bench/zhitong_bench_storage ]; then
  echo "== storage (Google Benchmark)"
  (cd $build && ./bench/zhitong_bench_storage --benchmark_min_time=2 | tee "$root/$out/storage.txt")
fi

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
