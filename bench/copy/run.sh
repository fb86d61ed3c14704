#!/usr/bin/env bash
# Copy benchmark: the same sysbench datasets copied from the source to a fresh target database by
#   dump        mariadb-dump --single-transaction | mariadb
#   mydumper    mydumper + myloader, both with -t P (--rows CHUNK_ROWS); time = dump + load
#   flexmigrate FlexMigrate's TableCopier alone (bench/FlexMigrate.Bench), P chunks at a time
#   cli         `flexmigrate migrate` end to end (process start, precheck, schema, chunk planning, copy, indexes,
#               metadata; --no-validate), --parallelism P --chunk-rows CHUNK_ROWS
#   ingest      the target's ingest limit: the same rows, exported beforehand (outside the timing) as LOAD DATA files of
#               CHUNK_ROWS rows, loaded with LOAD DATA LOCAL over P streams into tables created beforehand with their
#               primary key only; nothing else (no schema, no planning, no secondary index, no source read)
#   baseline    `flexmigrate migrate` as `cli`, built from another checkout BASELINE=<dir> (e.g. a `git worktree` of
#               an older commit): before/after figures of a change, paired like every other tool
# on this machine's server pair (scripts/servers.sh, started with a 1G buffer pool). Every run is checked equal to the
# source by CHECKSUM TABLE of every table (the script fails otherwise). Runs are paired: within one repetition every
# tool runs back to back at the same parallelism, so ratios compare the same machine conditions.
#
#   bench/copy/run.sh      DATASETS="8x200000 1x5000000" PARALLELISMS="2 4" RUNS=3 ONLY=mydumper,cli,ingest CHUNK_ROWS=100000
# A dataset is TABLESxROWS (sysbench tables of that many rows, prepared once in database fm_bench_TABLESxROWS).
# Prints one line per run, then per dataset and parallelism the median (min-max) of each tool and the ratios.
# CLI_DLL=<a flexmigrate.dll built beforehand> runs that build as `cli` instead of building this checkout's.
# myloader loads with SQL_LOG_BIN=0 unless given -e, which a Flexible Server account may not do (no SUPER) and
# FlexMigrate never does (the target's binlog serves its replicas and point-in-time restore); MYLOADER_BINLOG=1 runs
# myloader with -e so both write the target's binlog (default 0: myloader as it runs by default).
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh,
# FLEXMIGRATE_BUFFER_POOL (1G) and BENCH_WORK (/tmp/fm-bench-copy) for the dumps, LOAD DATA files and results.
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh

DATASETS=${DATASETS:-8x200000 1x5000000}
PARALLELISMS=${PARALLELISMS:-2 4}
CHUNK_ROWS=${CHUNK_ROWS:-100000}
RUNS=${RUNS:-3}
ONLY=${ONLY:-mydumper,cli,ingest}
MYLOADER_BINLOG=${MYLOADER_BINLOG:-0}
WORK=${BENCH_WORK:-/tmp/fm-bench-copy}
RESULTS="$WORK/results.tsv"

bench_servers
SRC_PORT=$FLEXMIGRATE_SOURCE_PORT DST_PORT=$FLEXMIGRATE_TARGET_PORT

# Set per dataset by use_dataset.
DB='' TABLES=0 TABLE_SIZE=0 ROWS=0 P=0

use_dataset() {
  TABLES=${1%x*} TABLE_SIZE=${1#*x} DB="fm_bench_$1" ROWS=$((${1%x*} * ${1#*x}))
}

table_list() { seq -s, -f "$DB.sbtest%g" 1 "$TABLES"; }

prepare() {
  if [ "$("${SRC[@]}" -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$DB'")" = "$TABLES" ]; then
    return
  fi
  echo "bench: preparing $DB: $TABLES x $TABLE_SIZE rows with sysbench (once)" >&2
  "${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
  sysbench oltp_read_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$SRC_PORT" --mysql-user=root \
    --mysql-db="$DB" --tables="$TABLES" --table-size="$TABLE_SIZE" --threads=2 prepare >/dev/null
  "${SRC[@]}" -e "ANALYZE TABLE $(table_list)" >/dev/null
}

# The ingest tool's input: every table as LOAD DATA files of CHUNK_ROWS rows (sysbench ids are 1..TABLE_SIZE),
# written by the source server itself, once per dataset and chunk size.
export_chunks() {
  local dir="$WORK/ingest/$DB-$CHUNK_ROWS"
  [ -f "$dir/done" ] && return
  rm -rf "$dir"; mkdir -p "$dir"
  local t from
  for t in $(seq 1 "$TABLES"); do
    for ((from = 1; from <= TABLE_SIZE; from += CHUNK_ROWS)); do
      "${SRC[@]}" -e "SELECT * FROM $DB.sbtest$t WHERE id >= $from AND id < $((from + CHUNK_ROWS)) ORDER BY id
        INTO OUTFILE '$dir/sbtest$t.$from.tsv'"
    done
  done
  touch "$dir/done"
}

fresh_target() { "${DST[@]}" -e "DROP DATABASE IF EXISTS $DB; DROP DATABASE IF EXISTS flexmigrate_state; SET GLOBAL innodb_max_dirty_pages_pct=90"; }

# tool seconds
report() {
  printf '%s\t%s\t%s\t%s\t%s\n' "$DB" "$P" "$1" "$2" "$ROWS" >>"$RESULTS"
  awk -v d="$DB" -v p="$P" -v n="$1" -v s="$2" -v r="$ROWS" \
    'BEGIN { printf "%-22s -p %s %-22s rows=%d seconds=%.2f rows_per_s=%.0f\n", d, p, n, r, s, r / s }'
}


run_dump() {
  fresh_target
  local t0; t0=$(now)
  "${DST[@]}" -e "CREATE DATABASE $DB"
  mariadb-dump --no-defaults -h127.0.0.1 -P"$SRC_PORT" -uroot --single-transaction "$DB" | "${DST[@]}" "$DB"
  report "mariadb-dump|mariadb" "$(elapsed "$t0")"
}

run_mydumper() {
  fresh_target
  rm -rf "$WORK/dump"; mkdir -p "$WORK"
  local t0 t1; t0=$(now)
  mydumper -h 127.0.0.1 -P "$SRC_PORT" -u root -B "$DB" -t "$P" --rows "$CHUNK_ROWS" -o "$WORK/dump" >/dev/null
  t1=$(now)
  local binlog=()
  [ "$MYLOADER_BINLOG" = 1 ] && binlog=(-e)
  myloader -h 127.0.0.1 -P "$DST_PORT" -u root -B "$DB" -t "$P" -d "$WORK/dump" -o "${binlog[@]}" >/dev/null
  report "mydumper" "$(elapsed "$t0" "$t1")"
  report "myloader" "$(elapsed "$t1")"
  report "mydumper+myloader" "$(elapsed "$t0")"
  rm -rf "$WORK/dump"
}

run_flexmigrate() {
  fresh_target
  local t0; t0=$(now)
  dotnet bench/FlexMigrate.Bench/bin/Release/net10.0/FlexMigrate.Bench.dll "$DB" "$P" "$CHUNK_ROWS" >&2
  report "flexmigrate-copier" "$(elapsed "$t0")"
}

# `flexmigrate migrate` (this checkout's build, or BASELINE's), reported as its wall time and, as cpu:<tool>, the
# CPU seconds (user + sys) of its process: on a shared machine the CPU seconds are the steadier figure.
run_migrate() {
  local tool=$1; shift
  fresh_target
  local t0 cpu; t0=$(now)
  /usr/bin/time -f '%U %S' -o "$WORK/migrate.cpu" "$@" migrate --databases "$DB" --parallelism "$P" \
    --chunk-rows "$CHUNK_ROWS" --no-validate >/dev/null 2>"$WORK/migrate.err" || { cat "$WORK/migrate.err" >&2; exit 1; }
  report "$tool" "$(elapsed "$t0")"
  cpu=$(awk 'END { printf "%.2f", $1 + $2 }' "$WORK/migrate.cpu")
  report "cpu:$tool" "$cpu"
}

run_cli() { run_migrate flexmigrate-migrate "${CLI[@]}"; }

run_baseline() { run_migrate baseline-migrate "${BASELINE_CLI[@]}"; }

run_ingest() {
  fresh_target
  local dir="$WORK/ingest/$DB-$CHUNK_ROWS" t
  "${DST[@]}" -e "CREATE DATABASE $DB"
  for t in $(seq 1 "$TABLES"); do
    "${DST[@]}" "$DB" -e "CREATE TABLE sbtest$t (id INT NOT NULL AUTO_INCREMENT, k INT NOT NULL DEFAULT 0,
      c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', PRIMARY KEY (id)) ENGINE=InnoDB"
  done
  local t0; t0=$(now)
  find "$dir" -name '*.tsv' | sort -V | xargs -P "$P" -I{} sh -c \
    'f={}; t=$(basename "$f" | cut -d. -f1); '"${DST[*]}"' --local-infile=1 '"$DB"' -e "LOAD DATA LOCAL INFILE '"'"'$f'"'"' INTO TABLE $t"'
  report "ingest-limit" "$(elapsed "$t0")"
}

# The times of one dataset, parallelism and tool, one a line.
times_of() { awk -F'\t' -v d="$1" -v p="$2" -v t="$3" '$1 == d && $2 == p && $3 == t { print $4 }' "$RESULTS"; }

summary() {
  echo
  echo "median (min-max) seconds of $RUNS runs; ratio = the other tool's median / flexmigrate-migrate's median"
  echo "(cpu:<tool> = CPU seconds of that migrate process, its ratio to cpu:flexmigrate-migrate's median)"
  local db p tool m lo hi fm
  cut -f1-3 "$RESULTS" | sort -u | while IFS=$'\t' read -r db p tool; do
    read -r m lo hi < <(times_of "$db" "$p" "$tool" | spread)
    local base=flexmigrate-migrate
    [[ $tool == cpu:* ]] && base=cpu:flexmigrate-migrate
    fm=$(times_of "$db" "$p" "$base" | median)
    printf "%-30s %-22s %7.2f (%.2f-%.2f)" "$db -p $p" "$tool" "$m" "$lo" "$hi"
    [ -n "$fm" ] && [ "$tool" != "$base" ] && awk -v t="$tool" -v b="$base" -v m="$m" -v f="$fm" \
      'BEGIN { printf "  %s/%s = %.2fx", t, b, m / f }'
    printf "\n"
  done
}

mkdir -p "$WORK"; : >"$RESULTS"
bench_cli
[[ ",$ONLY," == *,flexmigrate,* ]] && dotnet build bench/FlexMigrate.Bench -c Release -v q -nologo >/dev/null
if [[ ",$ONLY," == *,baseline,* ]]; then
  [ -n "${BASELINE:-}" ] || { echo "bench: ONLY has baseline but BASELINE=<checkout dir> is not set" >&2; exit 2; }
  bench_baseline_cli
fi
echo "bench: $(date -u +%FT%TZ), $(load_average)" >&2
for dataset in $DATASETS; do
  use_dataset "$dataset"
  prepare
  [[ ",$ONLY," == *,ingest,* ]] && export_chunks
  SOURCE_SUM=$(checksum SRC "$(table_list)")
  for _ in $(seq 1 "$RUNS"); do
    for P in $PARALLELISMS; do
      for tool in ${ONLY//,/ }; do
        "run_$tool"
        [ "$(checksum DST "$(table_list)")" = "$SOURCE_SUM" ] || { echo "bench: $tool left a target that differs from the source" >&2; exit 1; }
      done
    done
  done
  fresh_target
done
echo "bench: done $(date -u +%FT%TZ), $(load_average)" >&2
summary
