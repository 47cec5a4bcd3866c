#!/usr/bin/env bash
# Runs a command with the project's Node (24 LTS, see scripts/node-runtime.sh) first on PATH:
#   bash scripts/with-node.sh node dist/apps/api/src/main.js
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
ensure_node_runtime
exec "$@"
