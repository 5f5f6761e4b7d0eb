#!/usr/bin/env bash
# Builds the web app into web/dist for `zhitong serve`: `npm ci` when node_modules is missing or
# package-lock.json changed (a stamp remembers the lock it installed), `vite build` when a source
# changed since the last build, then a .gz beside every text file (the server sends it to
# clients that accept gzip). Does nothing when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm is missing (install Node.js 20 and npm)" >&2
  exit 1
fi

stamp=node_modules/.zhitong-lock.sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "== web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi

# Rebuild when any input is newer than the last build (or there is none).
built=dist/.zhitong-built
if [ -f "$built" ] && [ -f dist/index.html ] && [ -z "$(find src public index.html vite.config.js package-lock.json "$stamp" -newer "$built" -print -quit)" ]; then
  echo "== web: dist is up to date"
  exit 0
fi

echo "== web: vite build"
npx vite build --logLevel warn
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
  ! -name '*.gz' -exec gzip -9 -k -f {} +
touch "$built"

# The initial JavaScript: the entry script and the modules index.html preloads.
initial=0
for f in $(grep -oE '(src|href)="/assets/[^"]+\.js"' dist/index.html | sed -E 's/.*"\/(assets\/[^"]+)"/\1/'); do
  initial=$((initial + $(stat -c %s "dist/$f.gz")))
done
echo "== web: built web/dist (initial JS $((initial / 1024)) KB gzipped)"
