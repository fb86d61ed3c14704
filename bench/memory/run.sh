#!/usr/bin/env bash
# Memory benchmark (issue 20): the CLI's peak RSS copying one table must not grow with the table's size or its rows'.
# For each SCALE (default "1 2"), two tables, each migrated alone by `flexmigrate migrate --no-validate`:
#   wide:   SCALE x WIDE_ROWS rows of 64 MiB (LONGBLOB): rows as large as the tool supports by default
#   narrow: SCALE x NARROW_MB MiB of ~1 KiB rows
# and prints wall seconds, peak RSS (/usr/bin/time -v) and the table's bytes; each target is checked equal to the
# source by CHECKSUM TABLE on both servers. RSS that stays flat while SCALE doubles is the figure to read: a larger
# table extrapolates. Both servers need max_allowed_packet above 64 MiB (the precheck says so; scripts/servers.sh
# starts them at 256 MiB).
#
#   bench/memory/run.sh                          WIDE_ROWS=4 NARROW_MB=512 SCALES="1 2" PARALLELISM=4
#   CLI_DLL=/path/flexmigrate.dll bench/memory/run.sh
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh and
# FLEXMIGRATE_BUFFER_POOL (1G).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh

WIDE_ROWS=${WIDE_ROWS:-4}
NARROW_MB=${NARROW_MB:-512}
SCALES=${SCALES:-1 2}
PARALLELISM=${PARALLELISM:-4}

bench_servers
bench_cli

# 256 distinct bytes repeated to 64 MiB, each row different (its id in front), so no row compresses to nothing.
make_wide() {
  local db=$1 rows=$2
  "${SRC[@]}" -e "SET SESSION sql_log_bin = 0; DROP DATABASE IF EXISTS $db; CREATE DATABASE $db; USE $db;
    CREATE TABLE t (id INT NOT NULL PRIMARY KEY, b LONGBLOB NOT NULL);
    SET @all = (SELECT UNHEX(GROUP_CONCAT(LPAD(HEX(seq), 2, '0') ORDER BY seq SEPARATOR '')) FROM seq_0_to_255);
    INSERT INTO t SELECT seq, CONCAT(LPAD(seq, 8, '0'), SUBSTRING(REPEAT(@all, 262144), 9)) FROM seq_1_to_$rows;
    ANALYZE TABLE t;" >/dev/null
}

make_narrow() {
  local db=$1 mib=$2
  "${SRC[@]}" -e "SET SESSION sql_log_bin = 0; DROP DATABASE IF EXISTS $db; CREATE DATABASE $db; USE $db;
    CREATE TABLE t (id INT NOT NULL PRIMARY KEY, k INT NOT NULL, v VARCHAR(1000) NOT NULL, KEY k (k));
    INSERT INTO t SELECT seq, seq % 1000, RPAD(MD5(seq), 1000, MD5(seq * 7)) FROM seq_1_to_$((mib * 1024));
    ANALYZE TABLE t;" >/dev/null
}

run() {
  local db=$1 result
  "${DST[@]}" -e "DROP DATABASE IF EXISTS $db"
  result=$(timed "${CLI[@]}" migrate --databases "$db" --no-validate --parallelism "$PARALLELISM") || exit 1
  checksums_equal "$db.t" >/dev/null || { echo "bench: both servers are left as they are" >&2; exit 1; }
  local bytes
  bytes=$("${SRC[@]}" -N -e "SELECT SUM(LENGTH(b)) FROM $db.t" 2>/dev/null || true)
  [ "$bytes" != "" ] && [ "$bytes" != NULL ] || bytes=$("${SRC[@]}" -N -e "SELECT SUM(4 + 4 + LENGTH(v)) FROM $db.t")
  awk -v db="$db" -v bytes="$bytes" -v result="$result" 'BEGIN { split(result, r, " ")
    printf "%-16s %8.0f MiB of rows  wall %8.2f s  peak RSS %5.0f MiB\n", db, bytes / 1048576, r[1], r[2] }'
  "${DST[@]}" -e "DROP DATABASE $db"
}

echo "load before: $(load_average)"
for scale in $SCALES; do
  make_wide fm_mem_wide "$((WIDE_ROWS * scale))"
  run fm_mem_wide
  "${SRC[@]}" -e "DROP DATABASE fm_mem_wide"
  make_narrow fm_mem_narrow "$((NARROW_MB * scale))"
  run fm_mem_narrow
  "${SRC[@]}" -e "DROP DATABASE fm_mem_narrow"
done
echo "load after: $(load_average)"
