#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs and starts PostgreSQL, Azurite, ffmpeg and the Swift client on 127.0.0.1
# (deploy/local/start.sh), runs every test, and ends with one line "N passed, N failed, N skipped".
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_DIR"

eval "$("$LOCAL_DIR/start.sh")"

results="$STATE_DIR/test-results"
rm -rf "$results"
status=0
dotnet test BodyCam.Evidence.sln --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  skipped=$((skipped + $(attr notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the run broke before any result was written (a build error, a crashed host)
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
