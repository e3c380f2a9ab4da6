#!/usr/bin/env bash
# Starts the local services the tests need and prints their settings as `export` lines:
#   eval "$(deploy/local/start.sh)"
# Everything except those lines goes to stderr.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$LOCAL_DIR/postgres.sh" start >&2
node_tools_install >&2
"$LOCAL_DIR/azurite.sh" start >&2
"$LOCAL_DIR/oidc.sh" start >&2
"$LOCAL_DIR/ffmpeg.sh" install >&2
"$LOCAL_DIR/swiftclient.sh" install >&2
"$LOCAL_DIR/chromium.sh" install >&2
"$LOCAL_DIR/go.sh" install >&2

# Azurite's fixed, publicly documented development account key.
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
echo "export BODYCAM_TEST_POSTGRES=\"Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=bodycam-local\""
echo "export BODYCAM_TEST_AZURITE=\"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;\""
echo "export BODYCAM_TEST_OIDC=\"$OIDC_ISSUER\""
