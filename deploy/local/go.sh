#!/usr/bin/env bash
# Go from Debian, with the sumdb note and tlog packages of golang.org/x/mod: the tests build an independent
# tlog-witness from them (tests/BodyCam.Evidence.Tests/Witnessing/GoWitness), offline, in GOPATH mode.
# Usage: go.sh install|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MOD_DIR=/usr/share/gocode/src/golang.org/x/mod/sumdb

case "${1:-}" in
  install)
    { command -v go >/dev/null && [ -d "$MOD_DIR/note" ] && [ -d "$MOD_DIR/tlog" ]; } || apt_install golang-go golang-golang-x-mod-dev
    log "$(go version)"
    ;;
  status)
    { command -v go >/dev/null && [ -d "$MOD_DIR/note" ]; } || { log "not installed"; exit 3; }
    log "$(go version)"
    ;;
  *) echo "usage: $0 install|status" >&2; exit 2 ;;
esac
