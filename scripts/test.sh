#!/usr/bin/env bash
# README command 2: runs every test (unit, integration, end-to-end) against real Postgres and Redis.
# Makes them reachable first (as the start command does) when none answers.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-services.sh
npm run build --silent
npm run build:web --silent
# The browser tests drive Debian's Chromium (never a downloaded browser).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
fi
exec npx jest "$@"
