#!/usr/bin/env bash
# Replication apply benchmark: the same source binlog range applied by MariaDB's own replication (a third server as
# native replica, SQL thread single and parallel) and by FlexMigrate's ReplicationApplier (`flexmigrate replicate`),
# on this machine. Steps:
#   1. a source (binlog ROW/FULL), a FlexMigrate target and a native replica, all on their own dir/ports;
#   2. sysbench tables on the source, dumped once at position P0 (nothing writes between the two);
#   3. a sysbench write workload on the source while nothing applies it, ending at P1;
#   4. for each applier: load the P0 dump, apply P0..P1, time it, and check every table equals the source
#      (CHECKSUM TABLE on both sides; a run that does not end equal fails the script).
# Each applier runs RUNS times (default 3) from a fresh P0 load, the appliers taking turns (round 1: each once, then
# round 2, ...) so a load peak on a shared machine falls on all of them alike; prints the median seconds with min-max, transactions,
# row changes, rates at the median, and the ratio to native single-threaded replication's median; with
# ONLY=...,decode also the time FlexMigrate takes to only read and decode the range (`flexmigrate binlog --json`
# to /dev/null), i.e. how much of the apply time is the stream rather than the target's SQL.
#
#   bench/replication/run.sh      TABLES=4 TABLE_SIZE=250000 EVENTS=100000 THREADS=4 PARALLEL=4 APPLY_THREADS=1,2,4 RUNS=3
#                                 ONLY=native,parallel,flexmigrate,decode
# APPLY_THREADS lists the --apply-threads values FlexMigrate runs with (1 = one connection, strictly in order).
# BASELINE=/path/to/checkout also runs the CLI built there (one connection), side by side: a change's before/after.
# REUSE=1 skips steps 2-3 when the previous run's range is still the source's end (P0 dump and counts are kept in
# $FLEXMIGRATE_SERVERS_DIR/work/range.env), to compare appliers again on the same binlog.
# Servers: FLEXMIGRATE_SERVERS_DIR (default /tmp/fm-replbench), FLEXMIGRATE_SOURCE_PORT (13356),
# FLEXMIGRATE_TARGET_PORT (13357), FLEXMIGRATE_REPLICA_PORT (13358), FLEXMIGRATE_BUFFER_POOL (1G); REPLICA_BINLOG
# (default 1: the native replica logs binlogs like the target).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh
TABLES=${TABLES:-4}
TABLE_SIZE=${TABLE_SIZE:-250000}
EVENTS=${EVENTS:-100000}
THREADS=${THREADS:-4}
PARALLEL=${PARALLEL:-4}
ONLY=${ONLY:-native,parallel,flexmigrate,decode}
APPLY_THREADS=${APPLY_THREADS:-1,2,4}
RUNS=${RUNS:-3}
DB=fm_replbench
TABLE_LIST=$(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")

bench_servers /tmp/fm-replbench 13356
WORK=$FLEXMIGRATE_SERVERS_DIR/work
# The native replica logs binlogs like the FlexMigrate target (scripts/servers.sh: ROW, FULL images; Flexible Server
# always logs them), with log_slave_updates, so both appliers pay the same binlog writes; REPLICA_BINLOG=0 runs it
# without (the comparison before 2026-12-07, when the target did not log either).
export FLEXMIGRATE_REPLICA_BINLOG=${REPLICA_BINLOG:-1}
scripts/servers.sh start-replica
if [ "$("${REP[@]}" -N -e 'SELECT @@log_bin')" != "$FLEXMIGRATE_REPLICA_BINLOG" ]; then
  scripts/servers.sh stop-replica
  scripts/servers.sh start-replica
fi
bench_cli
bench_baseline_cli
mkdir -p "$WORK"

master_status() { "${SRC[@]}" -N -e "SHOW MASTER STATUS" | awk '{print $1 ":" $2}'; }

# Loads the P0 dump into a server's (DST or REP) fresh database (the state a copy would have left).
load_p0() {
  local -n server=$1
  "${server[@]}" -e "STOP SLAVE" 2>/dev/null || true
  # RESET MASTER: the target's (and a logging replica's) binlogs of earlier runs go (these servers are the bench's own).
  "${server[@]}" -e "DROP DATABASE IF EXISTS $DB; DROP DATABASE IF EXISTS flexmigrate_state; CREATE DATABASE $DB"
  "${server[@]}" -e "RESET MASTER" 2>/dev/null || true
  "${server[@]}" "$DB" <"$WORK/p0.sql"
}

verify() { # name side (DST or REP)
  local got; got=$(checksum "$2" "$TABLE_LIST")
  if [ "$got" != "$SOURCE_SUM" ]; then
    echo "bench: $1 does NOT equal the source (checksum $got, source $SOURCE_SUM)" >&2; exit 1
  fi
}

declare -A SECONDS_OF
report() { # name seconds... (one per run): the median, with min-max when there are several
  local median lo hi range=""
  read -r median lo hi < <(printf '%s\n' "${@:2}" | spread)
  [ $# -gt 2 ] && range=$(awk -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.2f-%.2f", lo, hi }')
  SECONDS_OF[$1]=$median
  awk -v n="$1" -v s="$median" -v range="$range" -v t="$TRANSACTIONS" -v r="$ROW_CHANGES" -v base="${SECONDS_OF[native]:-}" 'BEGIN {
    ratio = base == "" ? "" : sprintf("%.2fx", base / s)
    printf "%-36s %9d %10d %8.2f %13s %10.0f %10.0f  %s\n", n, t, r, s, range, t / s, r / s, ratio }'
}

# The appliers of this run, in turn order: "label|command args" (the command prints the seconds of one run).
APPLIERS=()
declare -A RUNS_OF

# --- 1-3: data, P0, dump, workload, P1 ---------------------------------------------------------------------------
prepare_range() {
  echo "bench: preparing $TABLES x $TABLE_SIZE rows" >&2
  "${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB; RESET MASTER; CREATE DATABASE $DB"
  SB="sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=$FLEXMIGRATE_SOURCE_PORT --mysql-user=root --mysql-db=$DB --tables=$TABLES --table-size=$TABLE_SIZE"
  $SB oltp_write_only prepare >/dev/null
  P0=$(master_status)
  mariadb-dump --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_SOURCE_PORT" -uroot --single-transaction "$DB" >"$WORK/p0.sql"
  [ "$(master_status)" = "$P0" ] || { echo "bench: the source moved during the dump" >&2; exit 1; }
  echo "bench: sysbench oltp_write_only, $EVENTS events, $THREADS threads, from $P0" >&2
  $SB --threads="$THREADS" --events="$EVENTS" --time=0 --report-interval=0 oltp_write_only run >"$WORK/sysbench.txt"
  P1=$(master_status)
  SOURCE_SUM=$(checksum SRC "$TABLE_LIST")
  F0=${P0%:*}; O0=${P0#*:}; F1=${P1%:*}; O1=${P1#*:}
  DECODED=$(mariadb-binlog --no-defaults --base64-output=decode-rows -v --start-position="$O0" --stop-position="$O1" \
    "$FLEXMIGRATE_SERVERS_DIR/source/data/$F0")
  TRANSACTIONS=$(grep -c 'Xid = ' <<<"$DECODED" || true)
  ROW_CHANGES=$(grep -cE '^### (INSERT|UPDATE|DELETE) ' <<<"$DECODED" || true)
  unset DECODED
  echo "bench: binlog $P0 .. $P1 ($((O1 - O0)) bytes): $TRANSACTIONS transactions, $ROW_CHANGES row changes; source ran $(grep -E 'transactions:' "$WORK/sysbench.txt" | sed 's/ \+/ /g')" >&2
  [ "$F0" = "$F1" ] || { echo "bench: the workload rotated the binlog; lower EVENTS" >&2; exit 1; }
  declare -p P0 P1 SOURCE_SUM F0 O0 F1 O1 TRANSACTIONS ROW_CHANGES >"$WORK/range.env"
}

if [ "${REUSE:-0}" = 1 ] && [ -f "$WORK/range.env" ] && . "$WORK/range.env" && [ "$(master_status)" = "$P1" ]; then
  echo "bench: reusing the range $P0 .. $P1: $TRANSACTIONS transactions, $ROW_CHANGES row changes" >&2
else
  prepare_range
fi

echo "bench: median of $RUNS runs each (min-max); the machine's other load is whatever else runs on it" >&2
printf "%-36s %9s %10s %8s %13s %10s %10s  %s\n" applier transactions rows seconds "min-max" "trx/s" "rows/s" "vs native"

# --- 4: MariaDB native replication (SQL thread single, then parallel) ------------------------------------------------
native() { # name parallel-threads: prints the seconds
  load_p0 REP
  "${REP[@]}" -e "RESET SLAVE ALL; SET GLOBAL slave_parallel_threads = $2; SET GLOBAL slave_parallel_mode = '$([ "$2" -gt 0 ] && echo optimistic || echo conservative)';
    CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $FLEXMIGRATE_SOURCE_PORT, MASTER_USER = 'root',
    MASTER_LOG_FILE = '$F0', MASTER_LOG_POS = $O0, MASTER_USE_GTID = no"
  local t0; t0=$(now)
  "${REP[@]}" -e "START SLAVE UNTIL MASTER_LOG_FILE = '$F1', MASTER_LOG_POS = $O1"
  local waited; waited=$("${REP[@]}" -N -e "SELECT MASTER_POS_WAIT('$F1', $O1, 3600)")
  local s; s=$(elapsed "$t0")
  [ "$waited" != "NULL" ] && [ "$waited" -ge 0 ] || { "${REP[@]}" -e "SHOW SLAVE STATUS\G" >&2; echo "bench: $1 did not reach $P1" >&2; exit 1; }
  "${REP[@]}" -e "STOP SLAVE"
  verify "$1" REP
  echo "$s"
}

case ",$ONLY," in *,native,*) APPLIERS+=("native|native native 0") ;; esac
case ",$ONLY," in *,parallel,*) APPLIERS+=("native parallel $PARALLEL optimistic|native native-parallel $PARALLEL") ;; esac

# --- 5: FlexMigrate's applier ---------------------------------------------------------------------------------------
flexmigrate() { # name apply-threads [baseline]: prints the seconds
  local cli=("${CLI[@]}")
  [ "${3:-}" = baseline ] && cli=("${BASELINE_CLI[@]}")
  load_p0 DST
  local t0; t0=$(now)
  "${cli[@]}" replicate --database "$DB" --from "$P0" --until "$P1" --idle-ms 100 --migration-id bench --apply-threads "$2" --json \
    >"$WORK/$1.json" 2>"$WORK/flexmigrate.log" || { cat "$WORK/flexmigrate.log" >&2; exit 1; }
  local s; s=$(elapsed "$t0")
  verify "$1" DST
  echo "$s"
}

if [[ ",$ONLY," == *,flexmigrate,* ]]; then
  for threads in ${APPLY_THREADS//,/ }; do
    APPLIERS+=("flexmigrate replicate, $threads thread(s)|flexmigrate flexmigrate-$threads $threads")
  done
  [ -n "${BASELINE:-}" ] && APPLIERS+=("baseline replicate, 1 thread(s)|flexmigrate baseline-1 1 baseline")
fi

for run in $(seq "$RUNS"); do
  for applier in "${APPLIERS[@]}"; do
    # shellcheck disable=SC2086 # the command and its words
    RUNS_OF[${applier%%|*}]+=" $(${applier#*|})"
  done
  echo "bench: round $run done ($(load_average))" >&2
done
for applier in "${APPLIERS[@]}"; do
  # shellcheck disable=SC2086 # one word per run
  report "${applier%%|*}" ${RUNS_OF[${applier%%|*}]}
done
for json in "$WORK"/flexmigrate-*.json "$WORK"/baseline-*.json; do
  [ -f "$json" ] && echo "bench: $(basename "$json" .json)'s own summary (last run): $(tr -d '\n ' <"$json")" >&2
done

# --- reference: the stream alone (read + decode P0..P1, nothing applied) ---------------------------------------------
if [[ ",$ONLY," == *,decode,* ]]; then
  t0=$(now)
  "${CLI[@]}" binlog --from "$P0" --to-end --json >/dev/null
  report "flexmigrate binlog (decode only)" "$(elapsed "$t0")"
fi
