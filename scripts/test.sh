#!/usr/bin/env bash
# `make test`: installs what the tests need, builds with AddressSanitizer and UBSan, starts a
# throwaway PostgreSQL on loopback (always stopped at the end), runs every test, and ends with
# the line "N passed, N failed". Exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${ZHITONG_TEST_BUILD:-build/test}
jobs=$(nproc)

scripts/install-deps.sh test || { echo "install-deps failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== build (ASan + UBSan) in $build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DZHITONG_SANITIZE=ON -DZHITONG_TESTS=ON \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
if ! cmake --build "$build" -j"$jobs"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

pgdir="$root/$build/pg"
cleanup() { scripts/pg-stop.sh "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM
scripts/pg-stop.sh "$pgdir" >/dev/null 2>&1 || true
rm -rf "$pgdir"
echo "== PostgreSQL"
if ! pg_url=$(scripts/pg-start.sh "$pgdir" | tail -n 1); then
  echo "could not start PostgreSQL"
  echo "0 passed, 1 failed"
  exit 1
fi
export ZHITONG_TEST_PG_URL="$pg_url"
export ZHITONG_BINARY="$root/$build/zhitong"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
echo "   $pg_url"

passed=0
failed=0
log="$build/ctest.log"
echo "== C++ tests (ctest)"
ctest --test-dir "$build" --output-on-failure -j"$jobs" --timeout 300 2>&1 | tee "$log"
summary=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -n 1)
if [[ $summary =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
  failed=$((failed + BASH_REMATCH[1]))
  passed=$((passed + BASH_REMATCH[2] - BASH_REMATCH[1]))
else
  failed=$((failed + 1))
fi

# Web unit and browser tests join here once the web app exists.
if [ -x scripts/test-web.sh ] && [ -f web/package.json ]; then
  echo "== web tests"
  web_out=$(mktemp)
  scripts/test-web.sh 2>&1 | tee "$web_out"
  web_line=$(grep -E "^web: [0-9]+ passed, [0-9]+ failed" "$web_out" | tail -n 1)
  if [[ $web_line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    failed=$((failed + 1))
  fi
  rm -f "$web_out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
