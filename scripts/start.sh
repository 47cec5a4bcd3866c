#!/usr/bin/env bash
# README command 1 (`npm start`): brings Node 24 when the system's is older, installs, makes Postgres and Redis
# reachable, builds the server and the browser client (what is out of date), migrates, seeds the demo data, then
# runs the api and the worker in the foreground with their output prefixed [api] / [worker]. The URL is printed
# once `/` serves the browser client.
# Ctrl-C (or SIGTERM) stops both; if either one dies, the other is stopped and the script exits non-zero.
# Environment (DATABASE_URL, REDIS_URL, PORT, …) is passed through; an .env file in the project root is
# read first (variables already set win).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

STARTUP_TIMEOUT="${RUNDE_STARTUP_TIMEOUT:-120}" # seconds for /health to answer 200
STOP_TIMEOUT="${RUNDE_STOP_TIMEOUT:-10}"        # seconds between SIGTERM and SIGKILL

# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
load_dotenv "$ROOT/.env"

command -v npm >/dev/null 2>&1 || die "npm is not installed (apt-get install npm)"
ensure_node_runtime
log "Node $(node -v)"

# 1. dependencies
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

# 2. Postgres and Redis
bash scripts/ensure-services.sh

# 2b. LibreOffice for the drafts' ODT and PDF exports, installed like Postgres when missing. Optional: where apt-get
# cannot run without a password prompt (or fails), runde starts anyway and those exports answer 503
# EXPORT_UNAVAILABLE naming the package.
if ! have_office; then
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
    office_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
    log "installing LibreOffice for the ODT/PDF exports with apt-get (once)"
    if ! {
      office_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        office_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
          "${OFFICE_PACKAGES[@]}" >/dev/null
    }; then
      log "WARNING: LibreOffice could not be installed; ODT/PDF exports answer 503 until ${OFFICE_PACKAGES[*]} are"
    fi
  else
    log "LibreOffice is not installed: ODT/PDF exports answer 503 until it is (apt-get install ${OFFICE_PACKAGES[*]})"
  fi
fi

# 3. build, migrate, seed
node scripts/build.js server web || die "the build failed"
log "migrating the database"
node dist/libs/database/src/cli/migrate.js || die "migrations failed"
log "seeding demo data"
node dist/apps/api/src/cli/seed.js || die "seeding failed"

# 4. api and worker
PORT="${PORT:-3000}"
case "${HOST:-}" in
  "" | 0.0.0.0 | :: | "[::]" | localhost) probe_host=127.0.0.1 ;;
  *) probe_host="${HOST#[}" && probe_host="${probe_host%]}" ;;
esac
base_url="${PUBLIC_URL:-http://localhost:$PORT}"
base_url="${base_url%/}"

api_pid=""
worker_pid=""

# Prefixes each line of stdin; ignores INT/TERM so that the children's last lines still come through.
prefix() {
  trap '' INT TERM HUP
  exec sed -u "s/^/[$1] /"
}

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

stop_children() {
  local pids=() p deadline
  for p in "$api_pid" "$worker_pid"; do alive "$p" && pids+=("$p"); done
  [ "${#pids[@]}" -eq 0 ] && return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    local any=0
    for p in "${pids[@]}"; do alive "$p" && any=1; done
    [ "$any" -eq 0 ] && break
    sleep 0.2
  done
  for p in "${pids[@]}"; do
    if alive "$p"; then
      log "pid $p did not stop within ${STOP_TIMEOUT}s: killing it"
      kill -KILL "$p" 2>/dev/null || true
    fi
  done
  wait "${pids[@]}" 2>/dev/null || true
  sleep 0.2 # let the prefixers print the last lines
}

on_signal() {
  trap '' INT TERM HUP
  log "$1: stopping api and worker"
  stop_children
  log "stopped"
  trap - EXIT
  exit 0
}
trap 'on_signal SIGINT' INT
trap 'on_signal SIGTERM' TERM
trap 'on_signal SIGHUP' HUP
trap 'stop_children' EXIT

# Each in its own session (setsid), so that a Ctrl-C reaches only this script, which then stops both in order.
log "starting api and worker"
setsid node dist/apps/api/src/main.js > >(prefix api) 2>&1 &
api_pid=$!
setsid node dist/apps/worker/src/main.js > >(prefix worker) 2>&1 &
worker_pid=$!

# Exits non-zero after stopping the other process, when one of them ended.
# child_ended NAME PID [STATUS]: STATUS when already reaped (by wait -n), else it is collected here.
child_ended() {
  local name="$1" pid="$2" code="${3:-}"
  if [ -z "$code" ]; then
    code=0
    wait "$pid" 2>/dev/null || code=$?
  fi
  [ "$code" -eq 0 ] && code=1
  trap '' INT TERM HUP
  printf '[runde] ERROR: the %s exited (status %s): stopping\n' "$name" "$code" >&2
  stop_children
  trap - EXIT
  exit "$code"
}

# "ready" when /health answers 200 and / answers 200 with the browser client's page; else what was seen
# (plain bash: no curl needed).
readiness() {
  (
    get() {
      exec 3<>"/dev/tcp/$probe_host/$PORT" || exit 1
      printf 'GET %s HTTP/1.0\r\nHost: localhost:%s\r\nAccept: text/html\r\nConnection: close\r\n\r\n' "$1" "$PORT" >&3
      timeout 5 cat <&3
      exec 3<&-
    }
    health="$(get /health | head -n 1)"
    case "$health" in *" 200 "*) ;; *) printf '/health: %s' "${health:-no answer}"; exit 0 ;; esac
    page="$(get /)"
    case "$page" in
      "HTTP/1."?" 200 "*'<div id="app">'*) printf ready ;;
      *) printf '/: %s (not the browser client)' "$(printf '%s' "$page" | head -n 1 | tr -d '\r')" ;;
    esac
  ) 2>/dev/null || true
}

deadline=$((SECONDS + STARTUP_TIMEOUT))
last=""
while :; do
  alive "$api_pid" || child_ended api "$api_pid"
  alive "$worker_pid" || child_ended worker "$worker_pid"
  last="$(readiness)"
  [ "$last" = "ready" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    printf '[runde] ERROR: %s did not serve the browser client within %ss (last answer: %s): stopping\n' \
      "$base_url" "$STARTUP_TIMEOUT" "${last:-none}" >&2
    trap '' INT TERM HUP
    stop_children
    trap - EXIT
    exit 1
  fi
  sleep 1 &
  wait $! || true
done

log "================================================================"
log "runde is running: $base_url  (API docs: $base_url/api/docs)"
log "press Ctrl-C to stop"
log "================================================================"

# Both run until a signal arrives (handled by on_signal) or one of them ends.
while :; do
  ended=""
  code=0
  wait -n -p ended "$api_pid" "$worker_pid" 2>/dev/null || code=$?
  if [ "$ended" = "$api_pid" ]; then child_ended api "$api_pid" "$code"; fi
  if [ "$ended" = "$worker_pid" ]; then child_ended worker "$worker_pid" "$code"; fi
  alive "$api_pid" || child_ended api "$api_pid"
  alive "$worker_pid" || child_ended worker "$worker_pid"
done
