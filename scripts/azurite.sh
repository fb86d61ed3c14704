#!/usr/bin/env bash
# Azure Storage emulator (Azurite, npm) for the blob tests and local runs.
#
#   scripts/azurite.sh start    install azurite if missing, start it in memory, wait until the blob port answers
#                               (idempotent: an Azurite already serving the blob port, ours or another worktree's, is used)
#   scripts/azurite.sh stop     stop the instance this script started
#   scripts/azurite.sh status   say whether it runs
#   scripts/azurite.sh env      print FLEXMIGRATE_BLOB (the blob connection string) and FLEXMIGRATE_STATE_STORE (blob,
#                               queue and table endpoints: the durable state store of `flexmigrate --state-store`) as exports
#
# Settings (env): FLEXMIGRATE_AZURITE_DIR (default .local/azurite: install and pid/log files),
# FLEXMIGRATE_AZURITE_LOCATION (unset: state in memory; a folder: state kept on disk there, so it survives an
# Azurite restart, as the state-store crash tests need),
# FLEXMIGRATE_AZURITE_BLOB_PORT (10400), FLEXMIGRATE_AZURITE_QUEUE_PORT (10401), FLEXMIGRATE_AZURITE_TABLE_PORT (10402).
# The default ports are not Azurite's own 10000-10002, so a developer's emulator there is not disturbed; tests default to
# 10400 when FLEXMIGRATE_BLOB is unset. Ports stay outside 30000-40000 (the in-process durable engine's gRPC range).
# Flags (stack-facts): --skipApiVersionCheck because Azure.Storage.Blobs 12.30.1 sends a newer API version than Azurite
# 3.37.0 knows; --inMemoryPersistence by default because tests need no state across runs (it excludes --location).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=3.37.0
DIR=${FLEXMIGRATE_AZURITE_DIR:-$PWD/.local/azurite}
BLOB_PORT=${FLEXMIGRATE_AZURITE_BLOB_PORT:-10400}
QUEUE_PORT=${FLEXMIGRATE_AZURITE_QUEUE_PORT:-10401}
TABLE_PORT=${FLEXMIGRATE_AZURITE_TABLE_PORT:-10402}
BIN="$DIR/node_modules/.bin/azurite"
PIDF="$DIR/azurite-$BLOB_PORT.pid"
LOG="$DIR/azurite-$BLOB_PORT.log"
# The well-known development account key, public in Azure's documentation; Azurite accepts only it by default.
KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

ensure_installed() {
  if [ -x "$BIN" ] && grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/azurite/package.json" 2>/dev/null; then return; fi
  command -v npm >/dev/null 2>&1 || { echo "azurite: npm is required (apt-get install -y nodejs npm)" >&2; exit 1; }
  echo "azurite: installing azurite@$VERSION into $DIR" >&2
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-audit --no-fund --loglevel=error "azurite@$VERSION" >"$DIR/npm-install.log" 2>&1 \
    || { echo "azurite: npm install failed, see $DIR/npm-install.log" >&2; tail -n 20 "$DIR/npm-install.log" >&2; exit 1; }
}

running() { [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; }

# True when something accepts TCP connections on the blob port (bash's /dev/tcp, no extra tools needed).
blob_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$BLOB_PORT") 2>/dev/null; }

# True when the process on the blob port is an Azurite (its responses carry "Server: Azurite-Blob/<version>").
blob_port_is_azurite() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$BLOB_PORT" || exit 1
    printf 'GET /devstoreaccount1?comp=list HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    timeout 5 cat <&3 | tr -d '\r' | grep -qi '^server: azurite-blob'
  ) 2>/dev/null
}

start() {
  if running; then echo "azurite: already running (blob 127.0.0.1:$BLOB_PORT)" >&2; return; fi
  if blob_port_open; then
    # Another worktree's or user's Azurite: tests use containers of their own, so sharing it is safe.
    if blob_port_is_azurite; then echo "azurite: another Azurite already serves 127.0.0.1:$BLOB_PORT; using it" >&2; return; fi
    echo "azurite: port $BLOB_PORT is taken by a process that is not Azurite; set FLEXMIGRATE_AZURITE_BLOB_PORT" >&2; exit 1
  fi
  ensure_installed
  local persistence=(--inMemoryPersistence)
  if [ -n "${FLEXMIGRATE_AZURITE_LOCATION:-}" ]; then
    mkdir -p "$FLEXMIGRATE_AZURITE_LOCATION"; persistence=(--location "$FLEXMIGRATE_AZURITE_LOCATION")
  fi
  setsid "$BIN" --silent --disableTelemetry --skipApiVersionCheck "${persistence[@]}" --loose \
    --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
    --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" </dev/null >"$LOG" 2>&1 &
  echo $! >"$PIDF"
  # Usually ready in about a second; on a loaded 2-core machine node's start-up took over 10 s, so wait up to 60 s.
  for _ in $(seq 1 600); do
    if blob_port_open; then echo "azurite: ready (blob 127.0.0.1:$BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT)" >&2; return; fi
    if ! running; then break; fi
    sleep 0.1
  done
  echo "azurite: did not start on port $BLOB_PORT within 60 s; last lines of $LOG:" >&2
  tail -n 20 "$LOG" >&2 || true
  stop
  exit 1
}

stop() {
  if running; then
    local pid; pid=$(cat "$PIDF"); kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "azurite: stopped" >&2
  fi
  rm -f "$PIDF"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "azurite: running (blob 127.0.0.1:$BLOB_PORT)"; else echo "azurite: stopped"; fi ;;
  env)
    echo "export FLEXMIGRATE_BLOB='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;'"
    echo "export FLEXMIGRATE_STATE_STORE='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;'" ;;
  *) echo "usage: scripts/azurite.sh start|stop|status|env" >&2; exit 2 ;;
esac
