#!/usr/bin/env bash
# README command 2: runs every test (unit, integration, end-to-end) against real Postgres and Redis.
# Makes them reachable first (as the start command does) when none answers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
# Node 24 LTS first on PATH (from the npm registry when the system's is older): jest and every process the tests
# start run on it.
ensure_node_runtime
log "tests run on Node $(node -v)"
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/ensure-services.sh
node scripts/build.js server web
# The browser tests drive Debian's Chromium (never a downloaded browser); the compose file is validated by
# Compose itself (Debian's docker-compose when the docker plugin is not there). The drafts' ODT and PDF exports
# need LibreOffice; their tests read the PDFs back with poppler's pdftotext/pdfinfo and parse the documents' XML
# with xmllint.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then missing+=(docker-compose); fi
have_office || missing+=("${OFFICE_PACKAGES[@]}")
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} with apt-get"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
exec npx jest "$@"
