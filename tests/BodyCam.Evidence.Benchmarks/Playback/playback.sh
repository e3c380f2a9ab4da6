#!/usr/bin/env bash
# Playback side by side with a reference: builds the server (Release), starts it on a fresh data folder with the
# chosen database and store, uploads one recording as a dock would, waits until it is verified, then measures random
# byte ranges of it through our content endpoint against the reference serving the same bytes.
#
#   tests/BodyCam.Evidence.Benchmarks/Playback/playback.sh [--database sqlite|postgres] [--store fs|azure]
#       [--viewers one|many] [--size-mib N] [--concurrency "1 4 16"] [--seconds N]
#
# --store fs (the default): the reference is nginx, run by the shared compare.sh on the stored file's copy.
# --store azure: the server keeps the recording in a fresh container on Azurite (Storage:Provider=AzureBlob); the
#   reference is the Azure SDK's own ranged download of the same blob, run by the benchmarks' playback-azure mode
#   (AzurePlaybackComparison.cs). compare.sh is not run: nginx cannot serve a blob. The blob's name is read from the
#   item's row in the database (the API does not show it); the container is deleted afterwards. Default size 256 MiB,
#   as Azurite keeps every blob on disk.
# --viewers one: every request carries one custodian's token (one session; a player's parallel requests).
# --viewers many: 16 custodians, requests take their tokens in turn (16 sessions at once); compare.sh is run from
#   a copy whose request script rotates the tokens, everything else as the shared script has it.
# postgres and azure need the local services: eval "$(deploy/local/start.sh)"; export BODYCAM_TEST_POSTGRES
#   BODYCAM_TEST_AZURITE.
set -euo pipefail
database=sqlite store=fs viewers=one size_mib="" conc="1 4 16" seconds=15
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database=$2; shift 2;; --store) store=$2; shift 2;; --viewers) viewers=$2; shift 2;; --size-mib) size_mib=$2; shift 2;;
    --concurrency) conc=$2; shift 2;; --seconds) seconds=$2; shift 2;;
    *) echo "unknown argument $1" >&2; exit 2;;
  esac
done
[ "$store" = fs ] || [ "$store" = azure ] || { echo "--store is fs or azure" >&2; exit 2; }
[ -n "$size_mib" ] || { [ "$store" = azure ] && size_mib=256 || size_mib=1024; }
repo=$(cd "$(dirname "$0")/../../.." && pwd)
compare=$(cd "$repo/.." && pwd)/shared/bench/playback/compare.sh
[ "$store" = azure ] || [ -x "$compare" ] || { echo "compare.sh not found at $compare (../shared beside the repository)" >&2; exit 2; }
work=$(mktemp -d /tmp/bodycam-playback.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
server="" dropdb="" dropcontainer=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; $dropdb; $dropcontainer; rm -rf "$work"' EXIT

dotnet build -c Release "$repo/src/BodyCam.Evidence.Api" -v q -nologo >/dev/null
dotnet build -c Release "$repo/src/BodyCam.Evidence.Cli" -v q -nologo >/dev/null
[ "$store" = fs ] || dotnet build -c Release "$repo/tests/BodyCam.Evidence.Benchmarks" -v q -nologo >/dev/null
api="$repo/src/BodyCam.Evidence.Api/bin/Release/net10.0/BodyCam.Evidence.Api.dll"
cli="$repo/src/BodyCam.Evidence.Cli/bin/Release/net10.0/bodycam.dll"

export Data__Root="$work/data" Ingestion__RequiredMetadata=""
if [ "$database" = postgres ]; then
  [ -n "${BODYCAM_TEST_POSTGRES:-}" ] || { echo 'set BODYCAM_TEST_POSTGRES: eval "$(deploy/local/start.sh)"' >&2; exit 2; }
  name="bench_playback_$$"
  field() { tr ';' '\n' <<<"$BODYCAM_TEST_POSTGRES" | sed -n "s/^$1=//p"; }
  dropdb="env PGPASSWORD=$(field Password) dropdb -h $(field Host) -p $(field Port) -U $(field Username) --if-exists $name"
  export Database__Provider=PostgreSql Database__MigrateOnStartup=true ConnectionStrings__Evidence="$BODYCAM_TEST_POSTGRES;Database=$name"
fi
if [ "$store" = azure ]; then
  [ -n "${BODYCAM_TEST_AZURITE:-}" ] || { echo 'set BODYCAM_TEST_AZURITE: eval "$(deploy/local/start.sh)"' >&2; exit 2; }
  container="bench-playback-$$"
  # Azure's Delete Container, signed with the account key (Shared Key); the SDK is not at hand in a shell.
  cat >"$work/delete-container.py" <<'PY'
import base64, email.utils, hashlib, hmac, sys, urllib.error, urllib.parse, urllib.request
fields = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
endpoint, account, container = fields["BlobEndpoint"].rstrip("/"), fields["AccountName"], sys.argv[2]
date, version = email.utils.formatdate(usegmt=True), "2021-08-06"
signed = "DELETE\n" + "\n" * 11 + f"x-ms-date:{date}\nx-ms-version:{version}\n" \
    + f"/{account}{urllib.parse.urlparse(endpoint).path}/{container}\nrestype:container"
key = base64.b64encode(hmac.new(base64.b64decode(fields["AccountKey"]), signed.encode(), hashlib.sha256).digest()).decode()
try:
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/{container}?restype=container", method="DELETE",
        headers={"x-ms-date": date, "x-ms-version": version, "Authorization": f"SharedKey {account}:{key}"}))
except urllib.error.HTTPError as e:
    if e.status != 404: print(f"deleting container {container}: HTTP {e.status}", file=sys.stderr)
PY
  dropcontainer="python3 $work/delete-container.py $BODYCAM_TEST_AZURITE $container"
  export Storage__Provider=AzureBlob ConnectionStrings__Blobs="$BODYCAM_TEST_AZURITE" Storage__Container="$container"
fi

dotnet "$api" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { tail -n 20 "$work/server.log" >&2; exit 1; }

admin=$(dotnet "$cli" token --role Admin --sub bench-admin | tail -1)
key=$(curl -sf -X POST "http://127.0.0.1:$port/api/docks" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"name":"bench","site":"lab"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
mkdir -p "$work/camera"
head -c "$((size_mib * 1048576))" /dev/urandom >"$work/camera/recording.mp4"
dotnet "$cli" upload "$work/camera" --server "http://127.0.0.1:$port" --dock-key "$key" --officer officer-1 --device BENCH-1 --wait-verified >/dev/null
custodian=$(dotnet "$cli" token --role Custodian --sub bench-viewer-1 | tail -1)
id=$(curl -sf "http://127.0.0.1:$port/api/evidence?pageSize=1" -H "Authorization: Bearer $custodian" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
tokens=$custodian
script=$compare
if [ "$viewers" = many ]; then
  for i in $(seq 2 16); do tokens="$tokens,$(dotnet "$cli" token --role Custodian --sub "bench-viewer-$i" | tail -1)"; done
  # The same script, but each request takes the next viewer's token; the whole-file run uses the first.
  # (playback-azure takes comma-separated tokens in turn itself.)
  [ "$store" = azure ] || sed -e 's|^local counter = 0$|local counter = 0\nlocal tokens, turn = {}, 0\nfor t in string.gmatch(auth or "", "[^,]+") do table.insert(tokens, t) end|' \
      -e 's|h\["Authorization"\] = "Bearer " .. auth|turn = turn % #tokens + 1; h["Authorization"] = "Bearer " .. tokens[turn]|' \
      -e 's|Authorization: Bearer \$token|Authorization: Bearer ${token%%,*}|' "$compare" >"$work/compare-many.sh"
  script="$work/compare-many.sh"
fi
# A server that has been running is warm; nginx has nothing to warm. 2,000 ranges first, so that the first cell
# measures serving, not the JIT compiling the path.
python3 - "$port" "$id" "${tokens%%,*}" "$((size_mib * 1048576))" <<'PY'
import http.client, random, sys
port, item, token, size = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(2000):
    start = random.randrange(0, size - 1048576)
    connection.request("GET", f"/api/evidence/{item}/content?reason=warm-up",
                       headers={"Authorization": f"Bearer {token}", "Range": f"bytes={start}-{start + 1048575}"})
    response = connection.getresponse(); response.read()
    assert response.status == 206, response.status
PY
echo "$database, $store store, viewers: $viewers, commit $(git -C "$repo" rev-parse --short HEAD), $(nproc) cores, $(uptime | sed 's/.*load/load/')"
# The item's blob, from its database row (the API does not show it).
if [ "$database" = postgres ]; then
  blob=$(PGPASSWORD=$(field Password) psql -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$name" -tAc \
    "select blob_name from evidence_items where id = '$id'")
else
  blob=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select blob_name from evidence_items where lower(id) = lower(?)", (sys.argv[2],)).fetchone()[0])' \
    "$work/data/evidence.db" "$id")
fi
if [ "$store" = azure ]; then
  dotnet "$repo/tests/BodyCam.Evidence.Benchmarks/bin/Release/net10.0/BodyCam.Evidence.Benchmarks.dll" playback-azure \
    --ours "http://127.0.0.1:$port/api/evidence/$id/content?reason=benchmark" --token "$tokens" \
    --connection "$BODYCAM_TEST_AZURITE" --container "$container" --blob "$blob" --concurrency "$conc" --seconds "$seconds"
else
  # nginx serves the stored file itself: the same bytes from the same page cache (the verify job, having read the
  # blob through, asked the kernel to drop it; nginx's first pass brings it back for both).
  bash "$script" --ours "http://127.0.0.1:$port/api/evidence/$id/content?reason=benchmark" --token "$tokens" \
    --file "$work/data/blobs/blobs/$blob" --concurrency "$conc" --seconds "$seconds"
fi
echo "server log: $(grep -c -i 'fail:\|exception' "$work/server.log" || true) lines naming a failure or an exception"
