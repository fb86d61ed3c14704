#!/usr/bin/env bash
# Scale benchmark (issue 20): many small tables, side by side in one run, RUNS times each (median):
#   (a) mydumper + myloader, both with -t $PARALLELISM (dump to $WORK, then load)
#   (b) `flexmigrate migrate --no-validate --parallelism $PARALLELISM` (precheck, schema, copy, indexes, metadata)
# on this helper's server pair. The schema is DATABASES databases x TABLES tables, each table ROWS rows with a
# primary key and one secondary index, made by one SQL script. After each tool the target is checked equal to the
# source by an independent path (CHECKSUM TABLE of every table on both servers, and the count of index columns).
# Prints wall seconds and peak RSS (MiB, /usr/bin/time -v) per tool; mydumper+myloader's RSS is the larger of the two;
# and the CPU seconds of the tool (user + system) and of each server during its run: on a loaded machine wall time is
# mostly the load's, CPU seconds are the work each tool made.
#
#   bench/scale/run.sh                                  DATABASES=1 TABLES=1000 ROWS=5 PARALLELISM=4 RUNS=1
#   DATABASES=1 TABLES=10000 RUNS=3 bench/scale/run.sh
#   DATABASES=1000 TABLES=10 bench/scale/run.sh
#   ONLY=flexmigrate MODE=online bench/scale/run.sh     (online: copy, catch-up, then cutover at once)
#   CLI_DLL=/path/flexmigrate.dll bench/scale/run.sh    (a CLI built beforehand instead of building the worktree's)
#   BASELINE_DLL=/path/flexmigrate.dll ONLY=mydumper,flexmigrate,baseline bench/scale/run.sh
#                                                       (also `flexmigrate migrate` of another build, e.g. main's, for a
#                                                        change's before/after in the same script run)
#   ONLY=prepare bench/scale/run.sh                     (only make the source's tables, e.g. for bench/scale/profile.sh)
#   REPORT_DIR=/path bench/scale/run.sh                 (keep each flexmigrate run's --json report there)
# Both servers run with TABLE_OPEN_CACHE (default 4000) as table_open_cache and table_definition_cache, set at run time:
# Azure Database for MySQL Flexible Server's defaults are 4,000 or more, while scripts/servers.sh starts the test
# servers with 400, where 10,000 tables are opened again and again and sessions wait in "Opening tables".
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh,
# FLEXMIGRATE_BUFFER_POOL (1G) and BENCH_WORK (/tmp/fm-bench-scale) for mydumper's files.
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh

DATABASES=${DATABASES:-1}
TABLES=${TABLES:-1000}
ROWS=${ROWS:-5}
PARALLELISM=${PARALLELISM:-4}
RUNS=${RUNS:-1}
ONLY=${ONLY:-mydumper,flexmigrate}
MODE=${MODE:-offline}
PREFIX=${PREFIX:-fm_s${DATABASES}x${TABLES}}
WORK=${BENCH_WORK:-/tmp/fm-bench-scale}
TABLE_OPEN_CACHE=${TABLE_OPEN_CACHE:-4000}

bench_servers
cache_setting="SET GLOBAL table_open_cache = $TABLE_OPEN_CACHE, GLOBAL table_definition_cache = $TABLE_OPEN_CACHE"
"${SRC[@]}" -e "$cache_setting"
"${DST[@]}" -e "$cache_setting"

db_name() { printf '%s_%04d\n' "$PREFIX" "$1"; }
dbs() { for d in $(seq 1 "$DATABASES"); do db_name "$d"; done; }
db_list() { dbs | paste -sd, -; }

# The whole schema as one script: every table's CREATE and its rows.
prepare() {
  local want=$((DATABASES * TABLES)) have
  have=$("${SRC[@]}" -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA LIKE '${PREFIX}\_%'")
  [ "$have" = "$want" ] && return
  echo "bench: making $DATABASES database(s) x $TABLES tables x $ROWS rows on the source" >&2
  "${SRC[@]}" -N -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${PREFIX}\_%'" \
    | while read -r db; do echo "DROP DATABASE \`$db\`;"; done | "${SRC[@]}"
  awk -v dbs="$DATABASES" -v tables="$TABLES" -v rows="$ROWS" -v prefix="$PREFIX" 'BEGIN {
    print "SET SESSION sql_log_bin = 0;"
    for (d = 1; d <= dbs; d++) {
      db = sprintf("%s_%04d", prefix, d)
      printf "CREATE DATABASE `%s` CHARACTER SET utf8mb4;\nUSE `%s`;\n", db, db
      for (t = 1; t <= tables; t++) {
        printf "CREATE TABLE t%05d (id INT NOT NULL PRIMARY KEY, k INT NOT NULL, v VARCHAR(64) NOT NULL, KEY k (k)) ENGINE=InnoDB;\n", t
        printf "INSERT INTO t%05d VALUES ", t
        for (r = 1; r <= rows; r++) printf "%s(%d,%d,'\''row %d of table %d'\'')", (r > 1 ? "," : ""), r, (r * 7) % 5, r, t
        print ";"
      }
    }
  }' | "${SRC[@]}"
}

# Each run is a new migration (its own id), so the ledger on the target (flexmigrate_state) is left alone: other
# migrations on the same server (tests) keep theirs.
drop_target() {
  "${DST[@]}" -N -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${PREFIX}\_%'" \
    | while read -r db; do echo "DROP DATABASE \`$db\`;"; done | "${DST[@]}"
}

# What must be equal: every table's checksum, and every index column, read from each server independently.
fingerprint() {
  local client=("$@") tables
  tables=$("${client[@]}" -N -e "SELECT GROUP_CONCAT(CONCAT('\`', TABLE_SCHEMA, '\`.\`', TABLE_NAME, '\`') ORDER BY TABLE_SCHEMA, TABLE_NAME SEPARATOR ',')
    FROM information_schema.TABLES WHERE TABLE_SCHEMA LIKE '${PREFIX}\_%'" --init-command="SET SESSION group_concat_max_len = 1073741824")
  [ -n "$tables" ] && [ "$tables" != NULL ] || { echo "no tables"; return; }
  # On stdin: 10,000 table names are longer than one argument may be (MAX_ARG_STRLEN, 128 KiB).
  echo "CHECKSUM TABLE $tables" | "${client[@]}" -N | md5sum
  "${client[@]}" -N -e "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA LIKE '${PREFIX}\_%' ORDER BY 1, 2, 3, 4" | md5sum
}

# A difference stops the benchmark with both servers left as they are, says which part differs and lists the first
# tables whose checksums differ.
check_equal() {
  local src dst
  src=$(fingerprint "${SRC[@]}") dst=$(fingerprint "${DST[@]}")
  if [ "$src" != "$dst" ]; then
    [ "$(head -1 <<<"$src")" = "$(head -1 <<<"$dst")" ] && what="index columns" || what="table checksums"
    echo "bench: $1 left a target that differs from the source ($what); both servers are left as they are" >&2
    diff <(checksums "${SRC[@]}") <(checksums "${DST[@]}") | head -20 >&2
    return 1
  fi
}

# Every table's checksum, one line each.
checksums() {
  local client=("$@")
  "${client[@]}" -N -e "SELECT CONCAT('CHECKSUM TABLE \`', TABLE_SCHEMA, '\`.\`', TABLE_NAME, '\`;') FROM information_schema.TABLES
    WHERE TABLE_SCHEMA LIKE '${PREFIX}\_%' ORDER BY TABLE_SCHEMA, TABLE_NAME" | "${client[@]}" -N
}

run_mydumper() {
  drop_target
  rm -rf "$WORK" && mkdir -p "$WORK"
  local dump load
  dump=$(CPU_OUT=$WORK.cpu1 timed mydumper -h 127.0.0.1 -P "$FLEXMIGRATE_SOURCE_PORT" -u root --regex "^${PREFIX}_" -t "$PARALLELISM" -o "$WORK/dump")
  load=$(CPU_OUT=$WORK.cpu2 timed myloader -h 127.0.0.1 -P "$FLEXMIGRATE_TARGET_PORT" -u root -t "$PARALLELISM" -d "$WORK/dump" -o)
  rm -rf "$WORK"
  check_equal mydumper+myloader || return 1
  awk -v a="$dump" -v b="$load" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.2f %.0f\n", x[1] + y[1], (x[2] > y[2] ? x[2] : y[2]) }'
  cat "$WORK.cpu1" "$WORK.cpu2" | awk '{ c += $1 } END { printf "%.2f\n", c }' >"$WORK.cpu"
  rm -f "$WORK.cpu1" "$WORK.cpu2"
}

run_flexmigrate() {
  drop_target
  local args=(migrate --databases "$(db_list)" --no-validate --parallelism "$PARALLELISM")
  [ "$MODE" = online ] && args+=(--mode online --cutover-when-lag-below 5)
  # REPORT_DIR: keep each run's --json report there (phase times: load, catch-up, cutover steps).
  [ -n "${REPORT_DIR:-}" ] && args+=(--json)
  local result
  result=$(CPU_OUT=$WORK.cpu KEEP_OUT=${REPORT_DIR:+$REPORT_DIR/flexmigrate-$MODE-$(date +%H%M%S).json} timed "${CLI[@]}" "${args[@]}") || return 1
  check_equal "flexmigrate ($MODE)" || return 1
  echo "$result"
}

# The same run with another build's CLI (BASELINE_DLL).
run_baseline() {
  [ -n "${BASELINE_DLL:-}" ] || { echo "bench: ONLY has baseline but BASELINE_DLL=<flexmigrate.dll> is not set" >&2; return 1; }
  local CLI=(dotnet "$BASELINE_DLL")
  run_flexmigrate
}

prepare
[ "$ONLY" = prepare ] && exit 0
bench_cli

declare -A wall rss cpu srccpu dstcpu
for _ in $(seq 1 "$RUNS"); do
  for tool in ${ONLY//,/ }; do
    read -r s0 d0 < <(server_cpu)
    "run_$tool" >"$WORK.run" || { rm -f "$WORK.run"; exit 1; }
    read -r s1 d1 < <(server_cpu)
    read -r s r <"$WORK.run"
    read -r c <"$WORK.cpu"
    rm -f "$WORK.run" "$WORK.cpu"
    sc=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.2f", b - a }') dc=$(awk -v a="$d0" -v b="$d1" 'BEGIN { printf "%.2f", b - a }')
    echo "run: $tool ${s} s ${r} MiB, CPU ${c} s (source server ${sc} s, target server ${dc} s; both include the target check), $(load_average)" >&2
    wall[$tool]+="$s "
    rss[$tool]+="$r "
    cpu[$tool]+="$c "
    srccpu[$tool]+="$sc "
    dstcpu[$tool]+="$dc "
  done
done
drop_target

echo "tables: $DATABASES database(s) x $TABLES tables x $ROWS rows, one secondary index each; -t/--parallelism $PARALLELISM; runs: $RUNS (median); mode: $MODE; table_open_cache: $("${SRC[@]}" -N -e 'SELECT @@table_open_cache')"
for tool in ${ONLY//,/ }; do
  w=$(printf '%s\n' ${wall[$tool]} | median)
  m=$(printf '%s\n' ${rss[$tool]} | sort -n | tail -1)
  c=$(printf '%s\n' ${cpu[$tool]} | median) sc=$(printf '%s\n' ${srccpu[$tool]} | median) dc=$(printf '%s\n' ${dstcpu[$tool]} | median)
  printf '%-12s wall %8.2f s  peak RSS %6s MiB  CPU %7.2f s  source server CPU %7.2f s  target server CPU %7.2f s  (runs: %s)\n' \
    "$tool" "$w" "$m" "$c" "$sc" "$dc" "${wall[$tool]% }"
  echo "$tool $w" >>"$WORK.medians"
done
if [ -f "$WORK.medians" ] && grep -q mydumper "$WORK.medians" && grep -q flexmigrate "$WORK.medians"; then
  awk '{ v[$1] = $2 } END { printf "ratio flexmigrate / mydumper+myloader: %.2f\n", v["flexmigrate"] / v["mydumper"] }' "$WORK.medians"
fi
if [ -f "$WORK.medians" ] && grep -q baseline "$WORK.medians"; then
  awk '{ v[$1] = $2 } END { if (v["mydumper"]) printf "ratio baseline / mydumper+myloader: %.2f\n", v["baseline"] / v["mydumper"];
    if (v["flexmigrate"]) printf "ratio flexmigrate / baseline: %.2f\n", v["flexmigrate"] / v["baseline"] }' "$WORK.medians"
fi
rm -f "$WORK.medians"
