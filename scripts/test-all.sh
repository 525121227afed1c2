#!/usr/bin/env bash
# The one test command (README: `npm test`). Installs what the tests need, then runs
# lint, type-check, unit + integration tests (Vitest, real Prometheus, simulated cluster, the real
# kubectl from Debian's kubernetes-client against it),
# the production build and the browser tests (Playwright in Debian Chromium).
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="prometheus chromium fonts-noto-color-emoji nginx openssl kubernetes-client"
missing=()
for bin in prometheus promtool chromium nginx openssl kubectl; do command -v "$bin" >/dev/null 2>&1 || missing+=("$bin"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian packages: $APT_PACKAGES"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $APT_PACKAGES >/dev/null || { echo "apt-get failed"; exit 1; }
  else
    echo "Missing: ${missing[*]}. Install them with:"
    echo "  sudo apt-get install -y $APT_PACKAGES"
    exit 1
  fi
fi
[ -d node_modules ] || npm ci --no-audit --no-fund

mkdir -p test-results .reports
status=0
step() { echo; echo "== $*"; }

step "lint"
npx eslint . || status=1
step "type-check"
npx tsc --noEmit || status=1

step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json || status=1

step "production build"
if npm run build >test-results/build.log 2>&1; then
  tail -n 30 test-results/build.log
  step "production build under a sub-path (BASE_PATH=/ambient-lens, for the Route tests)"
  cp tsconfig.json .reports/tsconfig.json  # next build adds its dist dir to tsconfig's include: put it back after
  BASE_PATH=/ambient-lens NEXT_DIST_DIR=.next-subpath npx next build >test-results/build-subpath.log 2>&1 \
    && NEXT_DIST_DIR=.next-subpath node scripts/prepare-standalone.mjs \
    || { tail -n 30 test-results/build-subpath.log; status=1; }
  cp .reports/tsconfig.json tsconfig.json
  step "browser tests (playwright, chromium)"
  npx playwright test || status=1
else
  cat test-results/build.log
  echo "build failed: browser tests not run"
  status=1
fi

node scripts/count-results.mjs .reports/vitest.json test-results/e2e-results.json || status=1
exit $status
