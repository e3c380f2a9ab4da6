#!/usr/bin/env bash
# The local OpenID provider (oidc/provider.mjs on npm oidc-provider, pinned in node/package-lock.json) for the
# sign-in tests. In memory: a restart forgets registered clients and sessions.
# Usage: oidc.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PID_FILE="$STATE_DIR/oidc.pid"
LOG_FILE="$STATE_DIR/oidc.log"
DISCOVERY_URL="$OIDC_ISSUER/.well-known/openid-configuration"

# Checks the command line too, so a stale pid file whose pid was reused is not trusted.
is_running() {
  [ -s "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && grep -q provider.mjs "/proc/$pid/cmdline" 2>/dev/null
}

discovery_answers() { curl -sf -o /dev/null "$DISCOVERY_URL"; }

start() {
  if is_running; then
    log "already running at $OIDC_ISSUER (pid $(cat "$PID_FILE"))"
    return
  fi
  node_tools_install
  port_open "$OIDC_PORT" && die "port $OIDC_PORT is already in use by another process"
  mkdir -p "$STATE_DIR"
  log "starting at $OIDC_ISSUER (log: $LOG_FILE)"
  # setsid + redirections: detach from the caller's terminal and stdout, as azurite.sh does.
  BODYCAM_OIDC_PORT="$OIDC_PORT" setsid node "$LOCAL_DIR/oidc/provider.mjs" </dev/null >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  local _
  for _ in $(seq 60); do
    if discovery_answers; then
      log "ready"
      return
    fi
    is_running || break
    sleep 0.5
  done
  log "the OpenID provider did not become ready; tail of $LOG_FILE:"
  tail -n 30 "$LOG_FILE" >&2
  exit 1
}

case "${1:-}" in
  start) start ;;
  stop) stop_service ;;
  status)
    if is_running; then log "running at $OIDC_ISSUER (pid $(cat "$PID_FILE"))"; else log "not running"; exit 3; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
