#!/usr/bin/env bash
# Chromium from Debian: the headless browser the console's tests drive through Playwright (which cannot download
# its own browser here), and a font for the pages it renders.
# Usage: chromium.sh install|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
  install)
    [ -x /usr/bin/chromium ] || apt_install chromium
    { command -v fc-match >/dev/null && fc-match -f '%{family}' sans-serif | grep -q DejaVu; } || apt_install fontconfig fonts-dejavu-core
    log "$(/usr/bin/chromium --version)"
    ;;
  status)
    [ -x /usr/bin/chromium ] || { log "not installed"; exit 3; }
    log "$(/usr/bin/chromium --version)"
    ;;
  *) echo "usage: $0 install|status" >&2; exit 2 ;;
esac
