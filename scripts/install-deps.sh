#!/usr/bin/env bash
# Installs the Debian packages Zhitong needs, only those missing; fast when all are present.
# Usage: scripts/install-deps.sh build|test|demo|bench
set -euo pipefail

build_pkgs=(g++ cmake make pkg-config ccache
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev nlohmann-json3-dev libexpected-dev
  libsqlite3-dev libpq-dev libsodium-dev libcli11-dev libtomlplusplus-dev libspdlog-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev prometheus-cpp-dev
  libcurl4-openssl-dev
  libmagic-dev
  libgtest-dev libgmock-dev libbenchmark-dev)
# libreoffice-calc-nogui: the monthly report test opens the generated .xlsx with `soffice --headless`.
test_pkgs=(postgresql curl procps libreoffice-calc-nogui)
web_pkgs=(nodejs npm)
browser_pkgs=(chromium fonts-noto-cjk)
bench_pkgs=(wrk)

mode=${1:-build}
want=("${build_pkgs[@]}")
case "$mode" in
  build) ;;
  test) want+=("${test_pkgs[@]}" "${browser_pkgs[@]}") ;;
  demo) ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|demo|bench" >&2; exit 2 ;;
esac
# Node.js: keep a newer one already on the machine (the web build needs Node 20); otherwise Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  want+=("${web_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
