#!/usr/bin/env bash
# Stops the Postgres and Redis that scripts/ensure-services.sh started from .data/ (no-op otherwise).
# Servers it did not start (the machine's own, Docker's) are left alone. The data in .data/ is kept.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${RUNDE_DATA_DIR:-$ROOT/.data}" # where provisioned servers keep their data (tests point it elsewhere)
PGDATA_DIR="$DATA/postgres"
REDIS_PIDFILE="$DATA/run/redis.pid"

# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

stopped=0

# Postgres: the server whose data folder is .data/postgres.
if [ -f "$PGDATA_DIR/PG_VERSION" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
  ver="$(cat "$PGDATA_DIR/PG_VERSION")"
  pg_ctl="/usr/lib/postgresql/$ver/bin/pg_ctl"
  if [ ! -x "$pg_ctl" ]; then
    log "cannot stop .data/postgres: $pg_ctl is missing"
  else
    as_owner=()
    if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u "$(stat -c %U "$PGDATA_DIR")" --); fi
    if "${as_owner[@]}" "$pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
      log "stopping Postgres (.data/postgres)"
      if ! "${as_owner[@]}" "$pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 30 stop >/dev/null; then
        log "fast shutdown timed out: sending immediate shutdown"
        "${as_owner[@]}" "$pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 30 stop >/dev/null || true
      fi
      stopped=1
    fi
  fi
fi

# Redis: the server whose pid file ensure-services.sh put in .data/run/.
if [ -f "$REDIS_PIDFILE" ]; then
  pid="$(cat "$REDIS_PIDFILE" 2>/dev/null || true)"
  cmdline=""
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ]; then cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" || true)"; fi
  if [[ "$cmdline" == *redis-server* ]] && kill -0 "$pid" 2>/dev/null; then
    log "stopping Redis (.data/redis, pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "Redis did not stop within 10 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    stopped=1
  fi
  rm -f "$REDIS_PIDFILE"
fi

if [ "$stopped" -eq 1 ]; then
  log "stopped (data kept in .data/; remove that folder to start afresh)"
else
  log "nothing to stop: no server started from .data/ is running"
fi
