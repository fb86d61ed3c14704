#!/usr/bin/env bash
# Replication apply benchmark: prepares a sysbench database on the source and copies it to the target
# (mariadb-dump | mariadb), records the source position P0, runs sysbench oltp_write_only for N seconds, then replays
# P0..end onto the target with ReplicationApplier (bench/FlexMigrate.ReplicationBench) and prints transactions/s and
# rows/s; checks both sides with CHECKSUM TABLE. Then, for comparison, reloads the target from the P0 dump and lets
# MariaDB's native replication (CHANGE MASTER TO the same P0, START SLAVE UNTIL the same end) apply the same range.
#
#   FLEXMIGRATE_SERVERS_DIR=... FLEXMIGRATE_SOURCE_PORT=... FLEXMIGRATE_TARGET_PORT=... bench/replication/run.sh [seconds, default 60] [threads, default 4] [group, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_OF_LOAD=${1:-60}
THREADS=${2:-4}
GROUP=${3:-200}
SP=${FLEXMIGRATE_SOURCE_PORT:-13306}
TP=${FLEXMIGRATE_TARGET_PORT:-13307}
DB=fm_repl_bench
MS="mariadb --no-defaults -h127.0.0.1 -P$SP -uroot"
MT="mariadb --no-defaults -h127.0.0.1 -P$TP -uroot"
SB="sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=$SP --mysql-user=root --mysql-db=$DB --tables=4 --table-size=100000"

scripts/servers.sh start
eval "$(scripts/servers.sh env)"; export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET
dotnet build -c Release bench/FlexMigrate.ReplicationBench -v q -nologo >/dev/null

$MS -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
$MT -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
$SB oltp_write_only prepare >/dev/null
DUMP=$(mktemp /tmp/fm_repl_bench.XXXXXX.sql)
trap 'rm -f "$DUMP"' EXIT
mariadb-dump --no-defaults -h127.0.0.1 -P"$SP" -uroot --single-transaction "$DB" >"$DUMP"
$MT "$DB" <"$DUMP"
$MS -e "FLUSH BINARY LOGS"
FROM=$($MS -N -e "SHOW MASTER STATUS" | awk '{print $1":"$2}')
$SB --threads="$THREADS" --time="$SECONDS_OF_LOAD" --report-interval=0 oltp_write_only run | grep -E "transactions:|queries:"
UNTIL=$($MS -N -e "SHOW MASTER STATUS" | awk '{print $1":"$2}')
echo "binlog $FROM .. $UNTIL"
dotnet bench/FlexMigrate.ReplicationBench/bin/Release/net10.0/FlexMigrate.ReplicationBench.dll "$DB" "$FROM" "$UNTIL" "$GROUP"
for t in sbtest1 sbtest2 sbtest3 sbtest4; do
  s=$($MS -N -e "CHECKSUM TABLE $DB.$t" | cut -f2); d=$($MT -N -e "CHECKSUM TABLE $DB.$t" | cut -f2)
  [ "$s" = "$d" ] && echo "$t equal ($s)" || { echo "$t DIFFERS: source $s target $d"; exit 1; }
done

# Native replication of the same range onto the same target, from the same starting data.
$MT -e "STOP SLAVE; RESET SLAVE ALL" 2>/dev/null || true
$MT -e "DROP DATABASE $DB; CREATE DATABASE $DB"
$MT "$DB" <"$DUMP"
$MT -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$SP, MASTER_USER='root', MASTER_LOG_FILE='${FROM%:*}', MASTER_LOG_POS=${FROM##*:}"
START=$(date +%s.%N)
$MT -e "START SLAVE UNTIL MASTER_LOG_FILE='${UNTIL%:*}', MASTER_LOG_POS=${UNTIL##*:}"
while :; do
  ST=$($MT -e "SHOW SLAVE STATUS\G")
  FILE=$(echo "$ST" | awk '/Relay_Master_Log_File:/ {print $2}')
  POS=$(echo "$ST" | awk '/Exec_Master_Log_Pos:/ {print $2}')
  ERR=$(echo "$ST" | awk -F': ' '/Last_SQL_Error:/ {print $2}')
  [ -n "$ERR" ] && { echo "native replication failed: $ERR"; exit 1; }
  # The SQL thread waits at exactly the UNTIL position when no event follows it: done once it gets there.
  [ "$FILE" = "${UNTIL%:*}" ] && [ "${POS:-0}" -ge "${UNTIL##*:}" ] && break
  sleep 0.05
done
END=$(date +%s.%N)
$MT -e "STOP SLAVE; RESET SLAVE ALL"
awk -v s="$START" -v e="$END" 'BEGIN { printf "native-replication seconds=%.2f\n", e - s }'
for t in sbtest1 sbtest2 sbtest3 sbtest4; do
  s=$($MS -N -e "CHECKSUM TABLE $DB.$t" | cut -f2); d=$($MT -N -e "CHECKSUM TABLE $DB.$t" | cut -f2)
  [ "$s" = "$d" ] && echo "$t equal after native replication" || { echo "$t DIFFERS after native replication"; exit 1; }
done
