#!/usr/bin/env bash
# Stops the local services started by start.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rc=0
"$LOCAL_DIR/oidc.sh" stop || rc=1
"$LOCAL_DIR/azurite.sh" stop || rc=1
"$LOCAL_DIR/postgres.sh" stop || rc=1
exit "$rc"
