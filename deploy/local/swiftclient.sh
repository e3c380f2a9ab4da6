#!/usr/bin/env bash
# python-swiftclient from Debian: the `swift` CLI, a real Swift client the Axis API tests talk to.
# Usage: swiftclient.sh install|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
  install)
    [ -x /usr/bin/swift ] || apt_install python3-swiftclient
    log "$(/usr/bin/swift --version)"
    ;;
  status)
    [ -x /usr/bin/swift ] || { log "not installed"; exit 3; }
    log "$(/usr/bin/swift --version)"
    ;;
  *) echo "usage: $0 install|status" >&2; exit 2 ;;
esac
