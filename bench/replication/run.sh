#!/usr/bin/env bash
# Replication apply benchmark: prepares a sysbench database on the source and copies it to the target
# (mariadb-dump | mariadb), records the source position P0, runs sysbench oltp_write_only for N seconds, then replays
# P0..end onto the target with ReplicationApplier (bench/FlexMigrate.ReplicationBench) and prints transactions/s and
# rows/s; finally checks both sides with CHECKSUM TABLE. Native replication beside it: H3's side-by-side benchmark.
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
mariadb-dump --no-defaults -h127.0.0.1 -P"$SP" -uroot --single-transaction "$DB" | $MT "$DB"
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
