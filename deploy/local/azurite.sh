#!/usr/bin/env bash
# Azurite blob emulator (pinned in node/package-lock.json) for local dev and tests.
# Usage: azurite.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NODE_DIR="$LOCAL_DIR/node"
PID_FILE="$STATE_DIR/azurite.pid"
LOG_FILE="$STATE_DIR/azurite.log"

# Checks the command line too, so a stale pid file whose pid was reused is not trusted.
is_running() {
  [ -s "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && grep -q azurite "/proc/$pid/cmdline" 2>/dev/null
}

start() {
  if is_running; then
    log "already running on 127.0.0.1:$AZURITE_PORT (pid $(cat "$PID_FILE"))"
    return
  fi
  node_tools_install
  port_open "$AZURITE_PORT" && die "port $AZURITE_PORT is already in use by another process"
  mkdir -p "$STATE_DIR/azurite"
  log "starting on 127.0.0.1:$AZURITE_PORT (log: $LOG_FILE)"
  # setsid + redirections: detach from the caller's terminal and from its stdout,
  # so `eval "$(start.sh)"` does not wait for Azurite to exit.
  setsid "$NODE_DIR/node_modules/.bin/azurite-blob" \
    --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" \
    --location "$STATE_DIR/azurite" --skipApiVersionCheck --loose \
    </dev/null >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  local _
  for _ in $(seq 60); do
    if port_open "$AZURITE_PORT"; then
      log "ready"
      return
    fi
    is_running || break
    sleep 1
  done
  log "Azurite did not become ready; tail of $LOG_FILE:"
  tail -n 30 "$LOG_FILE" >&2
  exit 1
}

case "${1:-}" in
  start) start ;;
  stop) stop_service ;;
  status)
    if is_running; then log "running on 127.0.0.1:$AZURITE_PORT (pid $(cat "$PID_FILE"))"; else log "not running"; exit 3; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
