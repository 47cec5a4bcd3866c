#!/usr/bin/env bash
# Runs a compiled benchmark entry from a clean clone with one command:
#   installs dependencies when missing, makes the local Postgres and Redis reachable (scripts/ensure-services.sh,
#   loopback only), builds, raises the open-files limit for the benchmark and its children, then runs it.
# Usage (through package.json): npm run bench:realtime -- [--quick] [options]   |   npm run bench   |   npm run bench:editor
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
entry="$1"
shift

# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
ensure_node_runtime # Node 24 LTS, as in production
[ -d node_modules ] || npm ci

export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export BENCH_REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379}"
DATABASE_URL="$BENCH_DATABASE_URL" REDIS_URL="$BENCH_REDIS_URL" bash scripts/ensure-services.sh

# BENCH_BUILD_WEB=1 (npm run bench:editor): the browser client too, which the api serves.
if [ -n "${BENCH_BUILD_WEB:-}" ]; then node scripts/build.js server web; else node scripts/build.js server; fi

# 10,000 idle connections need ~10,000 descriptors in the api and as many in the client process.
hard="$(ulimit -Hn)"
if [ "$hard" = unlimited ]; then hard=1048576; fi
want=65536
if [ "$hard" -lt "$want" ]; then want="$hard"; fi
ulimit -n "$want" 2>/dev/null || true
if [ "$(ulimit -n)" -lt 12000 ]; then
  echo "[bench] warning: open-files limit is $(ulimit -n); the 10,000-connection phase may fail (raise ulimit -Hn)" >&2
fi

exec node "$entry" "$@"
