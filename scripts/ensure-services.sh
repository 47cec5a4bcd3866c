#!/usr/bin/env bash
# Makes PostgreSQL and Redis reachable for runde, in this order:
#   1. whatever already answers at DATABASE_URL / REDIS_URL is used as it is;
#   2. else, when a Docker engine runs: `docker compose -f docker/compose.yml up -d postgres redis`;
#   3. else Debian's packages (installed when missing), run from .data/ inside the project.
# Only local URLs (localhost, 127.x, ::1) are ever provisioned. Idempotent; stop with scripts/stop-services.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DATA="${RUNDE_DATA_DIR:-$ROOT/.data}" # where provisioned servers keep their data (tests point it elsewhere)
PGDATA_DIR="$DATA/postgres"
REDIS_DIR="$DATA/redis"
RUN_DIR="$DATA/run"
LOG_DIR="$DATA/logs"
WAIT_SECONDS="${RUNDE_SERVICES_WAIT_SECONDS:-60}"

# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

load_dotenv "$ROOT/.env"
# Empty counts as unset, as in the app's own environment parsing.
if [ -z "${DATABASE_URL:-}" ]; then DATABASE_URL='postgres://postgres@127.0.0.1:5432/runde'; fi
if [ -z "${REDIS_URL:-}" ]; then REDIS_URL='redis://127.0.0.1:6379'; fi
export DATABASE_URL REDIS_URL

command -v node >/dev/null 2>&1 || die "node is not installed (runde needs Node 24)"

# Prints "host port user" of a URL (brackets of IPv6 hosts removed, default port filled in).
url_parts() {
  RUNDE_URL="$1" RUNDE_DEFAULT_PORT="$2" node -e '
    let u;
    try { u = new URL(process.env.RUNDE_URL); } catch { process.exit(2); }
    const host = u.hostname.replace(/^\[|\]$/g, "") || "localhost";
    console.log([host, u.port || process.env.RUNDE_DEFAULT_PORT, decodeURIComponent(u.username) || "-"].join(" "));
  ' || return 1
}

read -r PG_HOST PG_PORT PG_USER < <(url_parts "$DATABASE_URL" 5432) || die "DATABASE_URL is not a valid URL"
read -r REDIS_HOST REDIS_PORT _ < <(url_parts "$REDIS_URL" 6379) || die "REDIS_URL is not a valid URL"
[ -n "${PG_HOST:-}" ] || die "DATABASE_URL is not a valid URL: $DATABASE_URL"
[ -n "${REDIS_HOST:-}" ] || die "REDIS_URL is not a valid URL: $REDIS_URL"
[ "$PG_USER" = "-" ] && PG_USER=postgres

is_local() {
  case "$1" in
    localhost | 127.* | ::1 | 0:0:0:0:0:0:0:1) return 0 ;;
    *) return 1 ;;
  esac
}

# URL with its password masked, for log lines.
redact() { printf '%s' "$1" | sed -E 's#(//[^:/@]*):[^@/]*@#\1:***@#'; }

# --- checks: exit status 0 = answers, 3 = nothing (usable) listening, 1 = answers but fails -----------

LAST_ERROR=""

check_pg() {
  local out rc=0
  if out="$(RUNDE_URL="$DATABASE_URL" node -e '
    let pg;
    try { pg = require("pg"); } catch { process.exit(42); }
    const u = new URL(process.env.RUNDE_URL);
    u.pathname = "/postgres";
    setTimeout(() => { console.error("no answer within 8 s"); process.exit(3); }, 8000).unref();
    const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 3000 });
    client.on("error", () => {});
    client.connect()
      .then(() => client.query("SELECT 1"))
      .then(() => client.end())
      .then(() => process.exit(0), (e) => {
        const down = ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET",
          "EAI_AGAIN", "57P03"].includes(e.code) || /timeout|terminated unexpectedly/i.test(e.message);
        console.error((e.code ? e.code + ": " : "") + e.message);
        process.exit(down ? 3 : 1);
      });
  ' 2>&1)"; then rc=0; else rc=$?; fi
  if [ "$rc" -eq 42 ]; then
    # node_modules not installed yet: fall back to pg_isready, or a bare TCP connect.
    if command -v pg_isready >/dev/null 2>&1; then
      out="$(pg_isready -h "$PG_HOST" -p "$PG_PORT" -t 3 2>&1)" && rc=0 || rc=3
    elif (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null; then rc=0; else out="port closed"; rc=3; fi
  fi
  LAST_ERROR="$out"
  return "$rc"
}

check_redis() {
  local out rc=0
  if out="$(RUNDE_URL="$REDIS_URL" node -e '
    let Redis;
    try { ({ Redis } = require("ioredis")); } catch { process.exit(42); }
    setTimeout(() => { console.error("no answer within 8 s"); process.exit(3); }, 8000).unref();
    const r = new Redis(process.env.RUNDE_URL, { lazyConnect: true, connectTimeout: 3000, commandTimeout: 3000,
      maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    r.on("error", () => {});
    r.connect()
      .then(() => r.ping())
      .then(() => { r.disconnect(); process.exit(0); }, (e) => {
        const down = ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET",
          "EAI_AGAIN"].includes(e.code) || /timeout|LOADING|Connection is closed/i.test(e.message);
        console.error((e.code ? e.code + ": " : "") + e.message);
        process.exit(down ? 3 : 1);
      });
  ' 2>&1)"; then rc=0; else rc=$?; fi
  if [ "$rc" -eq 42 ]; then
    # node_modules not installed yet: plain PING over /dev/tcp (no TLS, no password).
    local reply=""
    if reply="$( (exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT" || exit 3
      printf 'PING\r\n' >&3
      IFS= read -r -t 3 line <&3 || true
      printf '%s' "${line:-}") 2>/dev/null)"; then
      case "$reply" in +PONG*) rc=0 ;; *) out="unexpected reply: ${reply%$'\r'}"; rc=1 ;; esac
    else
      out="port closed"
      rc=3
    fi
  fi
  LAST_ERROR="$out"
  return "$rc"
}

# Waits until the named check passes; returns 1 after WAIT_SECONDS.
wait_for() {
  local name="$1" fn="$2" deadline=$((SECONDS + WAIT_SECONDS))
  until "$fn"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      printf '[runde] %s did not answer within %ss: %s\n' "$name" "$WAIT_SECONDS" "$LAST_ERROR" >&2
      return 1
    fi
    sleep 1
  done
}

# --- step 1: already running? ------------------------------------------------------------------------

PG_STATE=0
REDIS_STATE=0
check_pg || PG_STATE=$?
PG_ERROR="$LAST_ERROR"
check_redis || REDIS_STATE=$?
REDIS_ERROR="$LAST_ERROR"

if [ "$PG_STATE" -eq 0 ] && [ "$REDIS_STATE" -eq 0 ]; then
  log "Postgres answers at $PG_HOST:$PG_PORT (DATABASE_URL=$(redact "$DATABASE_URL")): using it"
  log "Redis answers at $REDIS_HOST:$REDIS_PORT (REDIS_URL=$(redact "$REDIS_URL")): using it"
  exit 0
fi

NEED_PG=0
NEED_REDIS=0
if [ "$PG_STATE" -eq 0 ]; then
  log "Postgres answers at $PG_HOST:$PG_PORT (DATABASE_URL): using it"
else
  is_local "$PG_HOST" ||
    die "DATABASE_URL points to $PG_HOST:$PG_PORT, which does not answer ($PG_ERROR). runde only starts local servers: start that server or change DATABASE_URL."
  NEED_PG=1
fi
if [ "$REDIS_STATE" -eq 0 ]; then
  log "Redis answers at $REDIS_HOST:$REDIS_PORT (REDIS_URL): using it"
else
  is_local "$REDIS_HOST" ||
    die "REDIS_URL points to $REDIS_HOST:$REDIS_PORT, which does not answer ($REDIS_ERROR). runde only starts local servers: start that server or change REDIS_URL."
  NEED_REDIS=1
fi

# Something listens on the port but refuses us (wrong password, not Postgres/Redis…): starting another
# server there cannot work, so say what is wrong instead.
occupied_error() {
  local var="$1" host="$2" port="$3" err="$4" example
  if [ "$var" = DATABASE_URL ]; then example='postgres://postgres@127.0.0.1:55432/runde'; else example='redis://127.0.0.1:56379'; fi
  die "$var: a server answers at $host:$port but the check failed: $err. Fix $var, or point it to a free local port (e.g. $var=$example) so that runde starts its own server there."
}
[ "$NEED_REDIS" -eq 1 ] && [ "$REDIS_STATE" -eq 1 ] && occupied_error REDIS_URL "$REDIS_HOST" "$REDIS_PORT" "$REDIS_ERROR"

# Creates the URL's role when it is not the bootstrap superuser "postgres" (the server trusts local logins).
ensure_pg_role() {
  [ "$PG_USER" = "postgres" ] && return 0
  RUNDE_URL="$DATABASE_URL" RUNDE_ROLE="$PG_USER" node -e '
    const { Client } = require("pg");
    const u = new URL(process.env.RUNDE_URL);
    u.username = "postgres"; u.password = ""; u.pathname = "/postgres";
    const c = new Client({ connectionString: u.toString(), connectionTimeoutMillis: 3000 });
    const role = process.env.RUNDE_ROLE;
    (async () => {
      await c.connect();
      const found = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      if (found.rowCount === 0) {
        await c.query(`CREATE ROLE "${role.replace(/"/g, "\"\"")}" LOGIN SUPERUSER`);
        console.log(`[runde] created Postgres role ${role}`);
      }
      await c.end();
    })().catch((e) => { console.error(`[runde] could not create role ${role}: ${e.message}`); process.exit(1); });
  ' 2>&1 || true
}

if [ "$NEED_PG" -eq 1 ] && [ "$PG_STATE" -eq 1 ]; then
  # Our own .data/postgres server runs there but lacks the URL's role (DATABASE_URL changed): create it.
  if [[ "$PG_ERROR" == *"does not exist"* ]] && [ -f "$PGDATA_DIR/postmaster.pid" ] &&
    [ "$(sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)" = "$PG_PORT" ]; then
    ensure_pg_role
    if check_pg; then
      log "Postgres answers at $PG_HOST:$PG_PORT (.data/postgres): using it"
      NEED_PG=0
    fi
  fi
  [ "$NEED_PG" -eq 1 ] && occupied_error DATABASE_URL "$PG_HOST" "$PG_PORT" "$PG_ERROR"
fi
if [ "$NEED_PG" -eq 0 ] && [ "$NEED_REDIS" -eq 0 ]; then exit 0; fi

# True once the server answers at all (a missing role still counts: ensure_pg_role creates it).
pg_answers() {
  local rc=0
  check_pg || rc=$?
  [ "$rc" -ne 3 ]
}

wait_needed() {
  if [ "$NEED_PG" -eq 1 ]; then
    wait_for Postgres pg_answers || die "Postgres at $PG_HOST:$PG_PORT (DATABASE_URL) did not come up${1:+; see $1}"
    ensure_pg_role
    if ! check_pg; then die "Postgres at $PG_HOST:$PG_PORT answers, but DATABASE_URL does not work: $LAST_ERROR"; fi
    log "Postgres is ready at $PG_HOST:$PG_PORT"
  fi
  if [ "$NEED_REDIS" -eq 1 ]; then
    wait_for Redis check_redis || die "Redis at $REDIS_HOST:$REDIS_PORT (REDIS_URL) did not come up${1:+; see $1}"
    log "Redis is ready at $REDIS_HOST:$REDIS_PORT"
  fi
}

# --- step 2: Docker ------------------------------------------------------------------------------------

compose_cmd() {
  if docker compose version >/dev/null 2>&1; then
    echo "docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then
    echo "docker-compose"
  else
    return 1
  fi
}

if [ "${RUNDE_NO_DOCKER:-}" != "1" ] && command -v docker >/dev/null 2>&1 && timeout 15 docker info >/dev/null 2>&1; then
  if COMPOSE="$(compose_cmd)"; then
    services=()
    [ "$NEED_PG" -eq 1 ] && services+=(postgres)
    [ "$NEED_REDIS" -eq 1 ] && services+=(redis)
    log "Docker is available: starting ${services[*]} with docker/compose.yml"
    export RUNDE_POSTGRES_PORT="$PG_PORT" RUNDE_REDIS_PORT="$REDIS_PORT"
    # shellcheck disable=SC2086 # COMPOSE is "docker compose" or "docker-compose"
    if $COMPOSE -f docker/compose.yml up -d "${services[@]}"; then
      wait_needed
      log "services run in Docker (stop them with: docker compose -f docker/compose.yml stop postgres redis)"
      exit 0
    fi
    log "docker compose failed; falling back to Debian's packages in .data/"
  else
    log "Docker runs but neither 'docker compose' nor 'docker-compose' is installed; using Debian's packages"
  fi
fi

# --- step 3: Debian's packages, data in .data/ ----------------------------------------------------------

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (install sudo, or install the packages yourself)"
  fi
}

pg_bindir() {
  local ver="${1:-}"
  if [ -n "$ver" ]; then
    [ -x "/usr/lib/postgresql/$ver/bin/pg_ctl" ] && echo "/usr/lib/postgresql/$ver/bin"
    return 0
  fi
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && dirname "$dir"
  return 0
}

redis_bin() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; } || true; }

packages=()
[ "$NEED_PG" -eq 1 ] && [ -z "$(pg_bindir)" ] && packages+=(postgresql)
[ "$NEED_REDIS" -eq 1 ] && [ -z "$(redis_bin)" ] && packages+=(redis-server)
INSTALLED_PG=0
if [ "${#packages[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "${packages[*]} missing and apt-get not found: install them yourself, or set DATABASE_URL/REDIS_URL"
  log "installing ${packages[*]} with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  [[ " ${packages[*]} " == *" postgresql "* ]] && INSTALLED_PG=1
fi

# Installing the packages may have started Debian's own servers: use them if they answer.
if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$NEED_PG" -eq 1 ]; then
    PG_STATE=0
    check_pg || PG_STATE=$?
    if [ "$PG_STATE" -eq 0 ]; then
      log "Postgres installed by apt answers at $PG_HOST:$PG_PORT: using it"
      NEED_PG=0
    elif [ "$PG_STATE" -eq 1 ] && [ "$INSTALLED_PG" -eq 1 ] && command -v pg_lsclusters >/dev/null 2>&1; then
      # Debian's fresh "main" cluster took our port but wants a password: stop it, runde runs its own.
      while read -r ver name port _; do
        if [ "$port" = "$PG_PORT" ]; then
          log "stopping Debian's new cluster $ver/$name on port $port (it asks for a password); runde runs its own in .data/postgres"
          as_root pg_ctlcluster "$ver" "$name" stop || true
          echo manual | as_root tee "/etc/postgresql/$ver/$name/start.conf" >/dev/null || true
        fi
      done < <(pg_lsclusters -h 2>/dev/null || true)
      PG_STATE=0
      check_pg || PG_STATE=$?
      [ "$PG_STATE" -eq 1 ] && occupied_error DATABASE_URL "$PG_HOST" "$PG_PORT" "$LAST_ERROR"
    elif [ "$PG_STATE" -eq 1 ]; then
      occupied_error DATABASE_URL "$PG_HOST" "$PG_PORT" "$LAST_ERROR"
    fi
  fi
  if [ "$NEED_REDIS" -eq 1 ] && check_redis; then
    log "Redis installed by apt answers at $REDIS_HOST:$REDIS_PORT: using it"
    NEED_REDIS=0
  fi
fi

mkdir -p "$DATA" "$RUN_DIR" "$LOG_DIR"

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

# Runs a command as the owner of the Postgres data (Postgres refuses to run as root).
as_pg() {
  if [ "$IS_ROOT" -eq 1 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local bindir ver listen sockdir
  if [ "$IS_ROOT" -eq 1 ]; then
    id postgres >/dev/null 2>&1 ||
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash --user-group postgres
    chown postgres: "$RUN_DIR" "$LOG_DIR"
    chmod 0755 "$RUN_DIR" "$LOG_DIR"
  fi

  if [ -f "$PGDATA_DIR/PG_VERSION" ]; then
    ver="$(cat "$PGDATA_DIR/PG_VERSION")"
    bindir="$(pg_bindir "$ver")"
    [ -n "$bindir" ] || die ".data/postgres was made by Postgres $ver, which is not installed (/usr/lib/postgresql/$ver/bin). Install postgresql-$ver, or remove .data/postgres to start afresh."
  else
    bindir="$(pg_bindir)"
    [ -n "$bindir" ] || die "Postgres binaries not found under /usr/lib/postgresql/*/bin"
    log "creating a Postgres cluster in .data/postgres ($("$bindir/postgres" --version))"
    rm -rf "$PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    [ "$IS_ROOT" -eq 1 ] && chown postgres: "$PGDATA_DIR"
    chmod 0700 "$PGDATA_DIR"
    if [ "$IS_ROOT" -eq 1 ] && ! runuser -u postgres -- test -w "$PGDATA_DIR"; then
      die "the postgres system user cannot reach $PGDATA_DIR (a parent folder is closed to other users, e.g. /root). Move the project, or open the parents with chmod o+x, or set DATABASE_URL to a server of your own."
    fi
    local locale=C
    if grep -qiE '^c\.utf-?8$' <(locale -a 2>/dev/null || true); then locale=C.UTF-8; fi
    as_pg "$bindir/initdb" -D "$PGDATA_DIR" --auth=trust --username=postgres -E UTF8 --locale="$locale" \
      >"$LOG_DIR/initdb.log" 2>&1 || { tail -n 20 "$LOG_DIR/initdb.log" >&2; die "initdb failed (log: .data/logs/initdb.log)"; }
    printf "\n# runde: host, port and socket folder are written by scripts/ensure-services.sh on each start\ninclude_if_exists = 'runde.conf'\n" |
      as_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
  fi

  listen="$PG_HOST"
  [ "$listen" = "0:0:0:0:0:0:0:1" ] && listen="::1"
  sockdir="$RUN_DIR"
  # Unix socket paths are limited to ~107 bytes: go without a socket when the project path is too long.
  [ "${#sockdir}" -gt 90 ] && sockdir=""
  printf "listen_addresses = '%s'\nport = %s\nunix_socket_directories = '%s'\n" "$listen" "$PG_PORT" "$sockdir" |
    as_pg tee "$PGDATA_DIR/runde.conf" >/dev/null

  if as_pg "$bindir/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    # Running, but not answering at the URL (we only get here then): the port or host changed.
    log "restarting the .data/postgres server for $PG_HOST:$PG_PORT"
    as_pg "$bindir/pg_ctl" -D "$PGDATA_DIR" -l "$LOG_DIR/postgres.log" -w -t "$WAIT_SECONDS" -m fast restart >/dev/null ||
      { tail -n 20 "$LOG_DIR/postgres.log" >&2; die "Postgres did not restart (log: .data/logs/postgres.log)"; }
  else
    log "starting Postgres from .data/postgres on $PG_HOST:$PG_PORT"
    as_pg "$bindir/pg_ctl" -D "$PGDATA_DIR" -l "$LOG_DIR/postgres.log" -w -t "$WAIT_SECONDS" start >/dev/null ||
      { tail -n 20 "$LOG_DIR/postgres.log" >&2; die "Postgres did not start (log: .data/logs/postgres.log)"; }
  fi
}

start_redis() {
  local bin pidfile="$RUN_DIR/redis.pid" pid bind
  bin="$(redis_bin)"
  [ -n "$bin" ] || die "redis-server not found"
  mkdir -p "$REDIS_DIR"
  # A server we started earlier on another port: stop it first.
  if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)" == *redis-server* ]]; then
      log "stopping the .data/redis server (pid $pid) to restart it on port $REDIS_PORT"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$pidfile"
  fi
  bind="$REDIS_HOST"
  case "$bind" in localhost | 0:0:0:0:0:0:0:1) bind=127.0.0.1 ;; esac
  log "starting Redis from .data/redis on $bind:$REDIS_PORT"
  # Append-only file, fsync once a second: a restart keeps the queued jobs (at most a second of writes at risk).
  "$bin" --daemonize yes --port "$REDIS_PORT" --bind "$bind" --dir "$REDIS_DIR" \
    --appendonly yes --appendfsync everysec \
    --pidfile "$pidfile" --logfile "$LOG_DIR/redis.log" >/dev/null ||
    { tail -n 20 "$LOG_DIR/redis.log" >&2 2>/dev/null || true; die "Redis did not start (log: .data/logs/redis.log)"; }
}

[ "$NEED_PG" -eq 1 ] && start_postgres
[ "$NEED_REDIS" -eq 1 ] && start_redis
wait_needed ".data/logs/"
log "services run from .data/ (stop them with: bash scripts/stop-services.sh)"
