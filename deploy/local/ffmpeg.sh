#!/usr/bin/env bash
# ffmpeg/ffprobe from Debian, used by the media processing code and its tests, and a font for its drawtext filter.
# Usage: ffmpeg.sh install|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
  install)
    command -v ffprobe >/dev/null || apt_install ffmpeg
    # drawtext (clip watermarks) finds its sans-serif face through fontconfig.
    { command -v fc-match >/dev/null && fc-match -f '%{family}' sans-serif | grep -q DejaVu; } || apt_install fontconfig fonts-dejavu-core
    log "$(ffprobe -version | head -n 1)"
    ;;
  status)
    command -v ffprobe >/dev/null || { log "not installed"; exit 3; }
    log "$(ffprobe -version | head -n 1)"
    ;;
  *) echo "usage: $0 install|status" >&2; exit 2 ;;
esac
