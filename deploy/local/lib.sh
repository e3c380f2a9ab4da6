# Shared helpers for deploy/local/*.sh (sourced, not executed).
# shellcheck disable=SC2034  # variables are used by the scripts that source this file
LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$LOCAL_DIR/../.." && pwd)"
STATE_DIR="$REPO_DIR/.local"
PG_PORT="${BODYCAM_PG_PORT:-55432}"
AZURITE_PORT="${BODYCAM_AZURITE_PORT:-10010}"
OIDC_PORT="${BODYCAM_OIDC_PORT:-10020}"
OIDC_ISSUER="http://127.0.0.1:$OIDC_PORT"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log() { echo "[$(basename "$0" .sh)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The stamp file is named once by the outermost script and inherited by the scripts it
# runs, so `apt-get update` happens at most once per start.sh run.
if [ -z "${BODYCAM_APT_STAMP:-}" ]; then
  export BODYCAM_APT_STAMP="${TMPDIR:-/tmp}/bodycam-apt-updated.$$"
  trap 'rm -f "$BODYCAM_APT_STAMP"' EXIT
fi

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -e "$BODYCAM_APT_STAMP" ]; then
    log "apt-get update"
    apt-get update >&2
    touch "$BODYCAM_APT_STAMP"
  fi
  log "apt-get install $*"
  apt-get install -y --no-install-recommends "$@" >&2
}

# The npm tools (Azurite, the OpenID provider, and the tus client and OpenAPI linter the tests run), installed from node/package-lock.json
# when node_modules is missing or older than the lock file, so a tool added later reaches existing checkouts too.
node_tools_install() {
  local dir="$LOCAL_DIR/node"
  [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ] && return
  command -v npm >/dev/null || die "node/npm not found"
  log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund >&2)
}

# Stops the service whose pid is in $PID_FILE (the calling script's), as the script's is_running sees it: TERM, up to
# ten seconds, then KILL.
stop_service() {
  if ! is_running; then
    log "not running"
    rm -f "$PID_FILE"
    return
  fi
  local pid _
  pid="$(cat "$PID_FILE")"
  kill "$pid"
  for _ in $(seq 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PID_FILE"
  log "stopped"
}
