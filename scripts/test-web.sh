#!/usr/bin/env bash
# The web app's tests: vitest unit tests (jsdom), the initial-JS budget, then the browser tests
# (playwright-core driving Debian's Chromium against a real `zhitong serve`). Ends with the line
# "web: N passed, M failed" (all of them together) and exits non-zero on any failure.
# The server binary is $ZHITONG_BINARY (default build/test/zhitong, built when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
passed=0
failed=0
finish() {
  echo "web: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

# Chromium and the CJK fonts come from Debian (never a downloaded browser).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== web: installing ${missing[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "web: could not install ${missing[*]}"
    failed=$((failed + 1))
  fi
fi

if ! scripts/build-web.sh; then
  echo "web: the web app does not build"
  failed=$((failed + 1))
  finish
fi

echo "== web: unit tests (vitest)"
report=$(mktemp)
(cd web && npx vitest run --reporter=default --reporter=json --outputFile.json="$report")
counts=$(node -e '
  try { const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites || 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0));
  } catch { console.log("0 1"); }' "$report")
rm -f "$report"
read -r unit_passed unit_failed <<<"$counts"
passed=$((passed + unit_passed))
failed=$((failed + unit_failed))
echo "   unit: $unit_passed passed, $unit_failed failed"

echo "== web: initial JavaScript budget (500 KB gzipped)"
initial=0
for f in $(grep -oE '(src|href)="/assets/[^"]+\.js"' web/dist/index.html | sed -E 's/.*"\/(assets\/[^"]+)"/\1/'); do
  initial=$((initial + $(gzip -9 -c "web/dist/$f" | wc -c)))
done
if [ "$initial" -gt 0 ] && [ "$initial" -lt $((500 * 1024)) ]; then
  echo "   ok: $((initial / 1024)) KB"
  passed=$((passed + 1))
else
  echo "   FAILED: $((initial / 1024)) KB"
  failed=$((failed + 1))
fi

echo "== web: browser tests (playwright-core + /usr/bin/chromium)"
export ZHITONG_BINARY=${ZHITONG_BINARY:-$root/build/test/zhitong}
tap=$(mktemp)
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" tests/e2e/
e2e_pass=$(grep -E '^# pass [0-9]+' "$tap" | tail -n1 | awk '{print $3}')
e2e_fail=$(grep -E '^# fail [0-9]+' "$tap" | tail -n1 | awk '{print $3}')
e2e_cancelled=$(grep -E '^# cancelled [0-9]+' "$tap" | tail -n1 | awk '{print $3}')
rm -f "$tap"
if [ -z "$e2e_pass" ]; then
  echo "   the browser tests did not report"
  e2e_pass=0 e2e_fail=1 e2e_cancelled=0
fi
passed=$((passed + e2e_pass))
failed=$((failed + e2e_fail + ${e2e_cancelled:-0}))
echo "   browser: $e2e_pass passed, $((e2e_fail + ${e2e_cancelled:-0})) failed"
finish
