# Shared by the scripts in this folder (sourced, not run): log lines, fatal errors and the .env file.

log() { printf '[runde] %s\n' "$*"; }
die() {
  printf '[runde] ERROR: %s\n' "$*" >&2
  exit 1
}

# Loads KEY=VALUE lines from .env without overriding variables already set in the environment.
load_dotenv() {
  local file="$1" line key value
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line#export }"
    [[ "$line" == *=* ]] || continue
    key="${line%%=*}"
    key="${key%"${key##*[![:space:]]}"}"
    value="${line#*=}"
    value="${value#"${value%%[![:space:]]*}"}"
    value="${value%"${value##*[![:space:]]}"}"
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [[ "$value" =~ ^\"(.*)\"$ ]] || [[ "$value" =~ ^\'(.*)\'$ ]]; then value="${BASH_REMATCH[1]}"; fi
    if [ -z "${!key+x}" ]; then export "$key=$value"; fi
  done <"$file"
}

# The ODT and PDF exports of drafts convert with LibreOffice headless: Debian's Writer without the GUI, and the
# Liberation fonts, which have the metrics of Arial and Courier New (the fonts the DOCX names), so that a PDF is laid
# out as Word lays out the DOCX.
OFFICE_PACKAGES=(libreoffice-writer-nogui fonts-liberation2)
have_office() { command -v soffice >/dev/null 2>&1; }

# shellcheck source=scripts/node-runtime.sh
source "$(dirname "${BASH_SOURCE[0]}")/node-runtime.sh"
