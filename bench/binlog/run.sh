#!/usr/bin/env bash
# Binlog decoder benchmark: writes a few hundred MB of binlog with sysbench oltp_write_only against the local source,
# then decodes that one binlog file with `flexmigrate binlog` (from the file, and over the network) and with
# `mariadb-binlog -v` (same file, and --read-from-remote-server), all output to /dev/null. Prints events, MB, seconds,
# events/s, MB/s. Generated data stays in the server's datadir; nothing is committed.
#
#   FLEXMIGRATE_SERVERS_DIR=... FLEXMIGRATE_SOURCE_PORT=... bench/binlog/run.sh [seconds of sysbench, default 150]
# (FLEXMIGRATE_BUFFER_POOL 1G; CLI_DLL=<a flexmigrate.dll built beforehand> instead of a Release build of the checkout)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_OF_LOAD=${1:-150}
DB=fm_binlog_bench

. bench/lib.sh
bench_servers
bench_cli
PORT=$FLEXMIGRATE_SOURCE_PORT
SB="sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=$PORT --mysql-user=root --mysql-db=$DB --tables=4 --table-size=100000"

"${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
$SB oltp_write_only prepare >/dev/null
"${SRC[@]}" -e "FLUSH BINARY LOGS"
FILE=$("${SRC[@]}" -N -e "SHOW MASTER STATUS" | cut -f1)
$SB --threads=4 --time="$SECONDS_OF_LOAD" --report-interval=0 oltp_write_only run >/dev/null
"${SRC[@]}" -e "FLUSH BINARY LOGS"
PATH_TO_FILE="$FLEXMIGRATE_SERVERS_DIR/source/data/$FILE"
BYTES=$(stat -c %s "$PATH_TO_FILE")
EVENTS=$(mariadb-binlog --no-defaults "$PATH_TO_FILE" | grep -c '^# at ' || true)
echo "file $FILE: $BYTES bytes, $EVENTS events"

measure() { # name command...
  local name=$1; shift
  local start end
  start=$(now); "$@" >/dev/null; end=$(now)
  awk -v n="$name" -v s="$start" -v e="$end" -v b="$BYTES" -v ev="$EVENTS" \
    'BEGIN { t = e - s; printf "%-44s %7.2f s  %10.0f events/s  %7.1f MB/s\n", n, t, ev / t, b / 1048576 / t }'
}

SOURCE_CONNECTION="Server=127.0.0.1;Port=$PORT;User ID=root"
measure "flexmigrate binlog --file --json" "${CLI[@]}" binlog --file "$PATH_TO_FILE" --json
measure "mariadb-binlog -v (file)" mariadb-binlog --no-defaults -v "$PATH_TO_FILE"
measure "flexmigrate binlog --from --to-end --json" "${CLI[@]}" binlog --source "$SOURCE_CONNECTION" --from "$FILE:4" --to-end --json
measure "mariadb-binlog -v --read-from-remote-server" mariadb-binlog --no-defaults -v --read-from-remote-server -h127.0.0.1 -P"$PORT" -uroot "$FILE"
"${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB"
