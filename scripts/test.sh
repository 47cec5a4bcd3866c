#!/usr/bin/env bash
# README command 2: runs every test (unit, integration, end-to-end) against real Postgres and Redis.
# Makes them reachable first (as the start command does) when none answers.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-services.sh
npm run build --silent
exec npx jest "$@"
