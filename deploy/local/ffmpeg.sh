#!/usr/bin/env bash
# ffmpeg/ffprobe from Debian, used by the media processing code and its tests.
# Usage: ffmpeg.sh install|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
  install)
    command -v ffprobe >/dev/null || apt_install ffmpeg
    log "$(ffprobe -version | head -n 1)"
    ;;
  status)
    command -v ffprobe >/dev/null || { log "not installed"; exit 3; }
    log "$(ffprobe -version | head -n 1)"
    ;;
  *) echo "usage: $0 install|status" >&2; exit 2 ;;
esac
