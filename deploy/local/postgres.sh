#!/usr/bin/env bash
# Private PostgreSQL cluster for local dev and tests (not the Debian system cluster).
# Usage: postgres.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PG_PASSWORD=bodycam-local
# PostgreSQL's default of 128 MB holds a fraction of a 1M-item agency's hot tables (about 1.5 GB for the evidence
# detail alone), so every benchmark read would miss into the operating system's cache or the disk. Memory is
# taken only as pages are used: a small test database costs no more than with the default.
PG_SHARED_BUFFERS="${BODYCAM_PG_SHARED_BUFFERS:-2GB}"

find_pg_bin() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -Vr); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
}

# PostgreSQL refuses to run as root.
as_pg() { runuser -u postgres -- "$@"; }

# Sets PGDATA, RUN_DIR (log, socket) and SOCKET_DIR; creates them owned by postgres.
choose_dirs() {
  PGDATA="$STATE_DIR/postgres"
  RUN_DIR="$STATE_DIR/postgres-run"
  mkdir -p "$PGDATA" "$RUN_DIR"
  chown postgres:postgres "$PGDATA" "$RUN_DIR"
  chmod 700 "$PGDATA"
  if ! su postgres -s /bin/sh -c "test -w '$PGDATA' -a -x '$PGDATA' -a -w '$RUN_DIR' -a -x '$RUN_DIR'"; then
    # e.g. the repo lives under /root, which the postgres user cannot traverse.
    log "postgres user cannot use $STATE_DIR; using /var/lib/postgresql instead"
    PGDATA=/var/lib/postgresql/bodycam-evidence-local
    RUN_DIR=/var/lib/postgresql/bodycam-evidence-local-run
    install -d -o postgres -g postgres -m 700 "$PGDATA" "$RUN_DIR"
  fi
  LOG_FILE="$RUN_DIR/postgres.log"
  # Unix socket paths are limited to ~107 bytes.
  SOCKET_DIR="$RUN_DIR"
  [ "${#SOCKET_DIR}" -le 80 ] || SOCKET_DIR=/tmp
}

is_running() { as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

init_cluster() {
  log "initdb $PGDATA"
  local pwfile="$RUN_DIR/initdb.pw"
  echo "$PG_PASSWORD" >"$pwfile"
  chown postgres:postgres "$pwfile"
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  rm -f "$pwfile"
}

start() {
  if is_running; then
    log "already running on 127.0.0.1:$PG_PORT (data: $PGDATA)"
    return
  fi
  # Otherwise pg_isready below could be answered by whatever else holds the port.
  port_open "$PG_PORT" && die "port $PG_PORT is already in use by another process"
  [ -s "$PGDATA/PG_VERSION" ] || init_cluster
  touch "$LOG_FILE" && chown postgres:postgres "$LOG_FILE"
  log "starting on 127.0.0.1:$PG_PORT (data: $PGDATA, log: $LOG_FILE, shared_buffers: $PG_SHARED_BUFFERS)"
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG_FILE" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=$PG_SHARED_BUFFERS -p $PG_PORT -k '$SOCKET_DIR'" start >&2
  local _
  for _ in $(seq 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
      log "ready"
      return
    fi
    is_running || break
    sleep 1
  done
  log "PostgreSQL did not become ready; tail of $LOG_FILE:"
  tail -n 30 "$LOG_FILE" >&2
  exit 1
}

cd /  # postgres cannot necessarily read the caller's working directory
PG_BIN="$(find_pg_bin)"
case "${1:-}" in
  start)
    if [ -z "$PG_BIN" ]; then
      apt_install postgresql
      PG_BIN="$(find_pg_bin)"
      [ -n "$PG_BIN" ] || die "initdb/pg_ctl still missing after installing postgresql"
    fi
    choose_dirs
    start
    ;;
  stop)
    [ -n "$PG_BIN" ] || { log "not installed"; exit 0; }
    choose_dirs
    if is_running; then
      as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast stop >&2
    else
      log "not running"
    fi
    ;;
  status)
    [ -n "$PG_BIN" ] || { log "not installed"; exit 3; }
    choose_dirs
    if is_running; then log "running on 127.0.0.1:$PG_PORT (data: $PGDATA)"; else log "not running"; exit 3; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
