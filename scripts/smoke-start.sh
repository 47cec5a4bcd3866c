#!/usr/bin/env bash
# CI's smoke test of README command 1: runs `npm start` on this checkout as a new user would, waits for the URL,
# checks that / serves the German browser client and that the demo account signs in, stops it with Ctrl-C
# (SIGINT to its process group) and checks that nothing it started is left running. Exits non-zero otherwise.
#   SMOKE_PORT (default 3999), SMOKE_TIMEOUT seconds until the URL is printed (default 900: includes npm ci).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${SMOKE_PORT:-3999}"
TIMEOUT="${SMOKE_TIMEOUT:-900}"
LOG="$(mktemp -t runde-smoke.XXXXXX.log)"
BASE="http://localhost:$PORT"

say() { printf '[smoke] %s\n' "$*"; }
fail() {
  printf '[smoke] FAILED: %s\n' "$*" >&2
  printf '[smoke] last lines of npm start:\n' >&2
  tail -n 40 "$LOG" | sed 's/^/[smoke]   /' >&2
  stop_start || true
  exit 1
}

# Parent pid of a process.
ppid_of() { awk '{print $4}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Whether $1 is this script, one of its subshells or one of its callers (CI's shell runs in this folder too).
related() {
  local p="$1"
  while [ -n "$p" ] && [ "$p" -gt 1 ]; do
    [ "$p" = "$$" ] && return 0
    p="$(ppid_of "$p")"
  done
  p="$$"
  while [ -n "$p" ] && [ "$p" -gt 1 ]; do
    [ "$p" = "$1" ] && return 0
    p="$(ppid_of "$p")"
  done
  return 1
}

# The processes whose working folder is this checkout (npm, the start script, api, worker), except related ones.
leftovers() {
  local pid dir
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    [ "$(readlink "$dir/cwd" 2>/dev/null || true)" = "$ROOT" ] || continue
    related "$pid" && continue
    printf '%s %s\n' "$pid" "$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null | cut -c1-120)"
  done
}

START_PID=""
stop_start() {
  [ -n "$START_PID" ] || return 0
  kill -INT -- "-$START_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$START_PID" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$START_PID" 2>/dev/null || true
}

say "npm start on port $PORT (log: $LOG)"
PORT="$PORT" setsid npm start </dev/null >"$LOG" 2>&1 &
START_PID=$!

deadline=$((SECONDS + TIMEOUT))
until grep -q "runde is running: $BASE" "$LOG"; do
  kill -0 "$START_PID" 2>/dev/null || fail "npm start exited before printing the URL"
  [ "$SECONDS" -lt "$deadline" ] || fail "no URL within ${TIMEOUT}s"
  sleep 1
done
say "npm start printed the URL after ${SECONDS}s"
grep -qE '^\[runde\] Node v24\.' "$LOG" || fail "npm start did not run on Node 24"

# Node 24 is on PATH for the checks as well (fetch).
source "$ROOT/scripts/lib.sh"
ensure_node_runtime
BASE="$BASE" node -e '
  const base = process.env.BASE;
  const must = (ok, what) => { if (!ok) { console.error(what); process.exit(1); } };
  (async () => {
    const health = await fetch(`${base}/health`);
    must(health.status === 200, `/health answered ${health.status}`);
    const page = await fetch(`${base}/`, { headers: { accept: "text/html" } });
    const html = await page.text();
    must(page.status === 200, `/ answered ${page.status}`);
    must(/<html lang="de"/.test(html) && html.includes("<div id=\"app\">"), "/ is not the German browser client");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    must(script, "/ names no script");
    const js = await fetch(`${base}${script}`);
    must(js.status === 200 && (await js.text()).includes("Anmelden"), `${script} is not the client (German)`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@runde.demo", password: "runde-demo-2026" }),
    });
    const body = await login.json().catch(() => ({}));
    must(login.status === 200 && typeof body.accessToken === "string", `demo sign-in answered ${login.status}`);
    console.log("[smoke] / serves the German client, the demo account signs in");
  })().catch((e) => { console.error(e); process.exit(1); });
' || fail "the running system did not answer as it should"

# The same as a person in a browser: Debian's Chromium (installed when missing, as npm test does).
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  say "installing chromium with apt-get"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
node scripts/smoke-browser.js "$BASE" || fail "signing in with the demo account in Chromium failed"

say "Ctrl-C"
kill -INT -- "-$START_PID" 2>/dev/null || true
code=0
for _ in $(seq 1 150); do kill -0 "$START_PID" 2>/dev/null || break; sleep 0.2; done
kill -0 "$START_PID" 2>/dev/null && fail "npm start did not stop within 30s of Ctrl-C"
wait "$START_PID" || code=$?
START_PID=""
grep -q '\[runde\] stopped' "$LOG" || fail "npm start did not report that it stopped api and worker (exit $code)"
left="$(leftovers)"
[ -z "$left" ] || fail "still running after Ctrl-C: $left"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then fail "port $PORT still answers after Ctrl-C"; fi
say "stopped cleanly (exit $code), nothing left running"
# A healthy start fits on one screen after the install: count from the line after npm ci's to the URL.
lines="$(sed -n '/runde is running/q;p' "$LOG" | sed -n '/^\[runde\] Node v/,$p' |
  grep -vcE '^(npm (warn|notice)|added [0-9]+ packages|\[runde\] installing|$)' || true)"
say "npm start printed $lines lines from Node's line to the URL"
[ "$lines" -le 40 ] || fail "npm start printed $lines lines before the URL (more than a screen)"
rm -f "$LOG"
