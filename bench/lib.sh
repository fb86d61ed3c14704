# Sourced by bench/*/run.sh and bench/*/profile.sh (from the repository root): what every benchmark shares, so each
# script says only what it measures. Nothing here runs on its own.
#
#   bench_servers [DIR PORT [POOL]]
#                            the scripts/servers.sh pair: FLEXMIGRATE_SERVERS_DIR (default DIR), FLEXMIGRATE_SOURCE_PORT
#                            (default PORT), FLEXMIGRATE_TARGET_PORT (default PORT + 1), FLEXMIGRATE_REPLICA_PORT
#                            (default PORT + 2), FLEXMIGRATE_BUFFER_POOL (default POOL, else 1G); without DIR and PORT,
#                            scripts/servers.sh's own defaults. Starts source and target (its output on stderr, so a
#                            script's stdout stays its figures), exports FLEXMIGRATE_SOURCE / _TARGET / _REPLICA,
#                            the three ports and FLEXMIGRATE_SERVERS_DIR as the servers use them, and sets SRC / DST / REP, the mariadb client of
#                            each as an array: "${SRC[@]}" -e "..." (the replica starts only on `scripts/servers.sh
#                            start-replica`)
#   bench_cli                CLI=(dotnet <flexmigrate.dll>): CLI_DLL when given (a build made beforehand, so edits in
#                            the worktree during a long run change nothing), else a Release build of this checkout
#   bench_baseline_cli       when BASELINE=<another checkout> is set: a Release build there, BASELINE_CLI=(dotnet <its
#                            flexmigrate.dll>), for a change's before/after side by side; without BASELINE, nothing
#   now / elapsed A [B]      a timestamp; B - A in seconds with two decimals (B defaults to now)
#   median                   the median of the numbers on stdin, one a line (the mean of the middle two when even)
#   spread                   "median min max" of the numbers on stdin, one a line
#   timed CMD...             runs CMD under /usr/bin/time -v, its stdout kept in KEEP_OUT (when set), and prints
#                            "seconds peak_rss_mib"; on failure prints the command's last lines to stderr and fails;
#                            with CPU_OUT set, writes CMD's CPU seconds (user + system, children included) there
#   server_cpu               "source_cpu_s target_cpu_s": the two servers' CPU seconds so far (from /proc), so a
#                            run's share is the difference; figures to read beside wall time on a loaded machine
#   checksum SIDE TABLES     one short digest of CHECKSUM TABLE of the comma-separated TABLES on SIDE (SRC, DST or REP)
#   checksums_equal TABLES   CHECKSUM TABLE of TABLES is the same on source and target (fails otherwise); prints it
#   load_average             the machine's 1/5/15-minute load averages and its core count, for every figure's context
#   statement_log_on SIDE / statement_log_off SIDE / statement_log_dump SIDE NAME
#                            SIDE's slow query log at long_query_time=0 into mysql.slow_log (every statement with its
#                            start and duration to the microsecond); the dump prints one line per statement: NAME, start
#                            (epoch s), connection id, seconds, the statement's first 400 characters (bench/profile.py
#                            reads them), then empties the log

bench_servers() {
  [ -n "${1:-}" ] && export FLEXMIGRATE_SERVERS_DIR=${FLEXMIGRATE_SERVERS_DIR:-$1}
  if [ -n "${2:-}" ]; then
    export FLEXMIGRATE_SOURCE_PORT=${FLEXMIGRATE_SOURCE_PORT:-$2}
    export FLEXMIGRATE_TARGET_PORT=${FLEXMIGRATE_TARGET_PORT:-$(($2 + 1))}
    export FLEXMIGRATE_REPLICA_PORT=${FLEXMIGRATE_REPLICA_PORT:-$(($2 + 2))}
  fi
  export FLEXMIGRATE_BUFFER_POOL=${FLEXMIGRATE_BUFFER_POOL:-${3:-1G}}
  scripts/servers.sh start >&2
  eval "$(scripts/servers.sh env)"
  export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET FLEXMIGRATE_REPLICA
  # The ports as scripts/servers.sh resolved them (its defaults when none was given): one reader of its settings.
  export FLEXMIGRATE_SOURCE_PORT=${FLEXMIGRATE_SOURCE#*Port=} FLEXMIGRATE_TARGET_PORT=${FLEXMIGRATE_TARGET#*Port=}
  export FLEXMIGRATE_REPLICA_PORT=${FLEXMIGRATE_REPLICA#*Port=}
  FLEXMIGRATE_SOURCE_PORT=${FLEXMIGRATE_SOURCE_PORT%%;*} FLEXMIGRATE_TARGET_PORT=${FLEXMIGRATE_TARGET_PORT%%;*}
  FLEXMIGRATE_REPLICA_PORT=${FLEXMIGRATE_REPLICA_PORT%%;*}
  SRC=(mariadb --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_SOURCE_PORT" -uroot)
  DST=(mariadb --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_TARGET_PORT" -uroot)
  REP=(mariadb --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_REPLICA_PORT" -uroot)
}

bench_cli() {
  if [ -z "${CLI_DLL:-}" ]; then
    dotnet build -c Release src/FlexMigrate.Cli -v q -nologo >/dev/null
    CLI_DLL=src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll
  fi
  CLI=(dotnet "$CLI_DLL")
}

bench_baseline_cli() {
  [ -n "${BASELINE:-}" ] || return 0
  dotnet build -c Release "$BASELINE/src/FlexMigrate.Cli" -v q -nologo >/dev/null
  BASELINE_CLI=(dotnet "$BASELINE/src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll")
}

now() { date +%s.%N; }

elapsed() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.2f", b - a }'; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

spread() {
  sort -g | awk '{ v[NR] = $1 } END { print ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'
}

timed() {
  local log
  log=$(mktemp)
  # On failure the tool's own last lines (a precheck finding, an error) come first, then /usr/bin/time's.
  /usr/bin/time -v "$@" >"$log.out" 2>"$log" || { tail -30 "$log.out" >&2; tail -20 "$log" >&2; rm -f "$log" "$log.out"; return 1; }
  if [ -n "${KEEP_OUT:-}" ]; then mv "$log.out" "$KEEP_OUT"; else rm -f "$log.out"; fi
  [ -z "${CPU_OUT:-}" ] || awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f\n", u + s }' "$log" >"$CPU_OUT"
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /Maximum resident set size/ { r = $2 / 1024 } END { printf "%.2f %.0f\n", s, r }' "$log"
  rm -f "$log"
}

server_cpu() {
  local side pid ticks out=""
  ticks=$(getconf CLK_TCK)
  for side in source target; do
    pid=$(cat "$FLEXMIGRATE_SERVERS_DIR/$side/mysqld.pid")
    # /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (the command name, field 2, has no spaces: mariadbd).
    out+=$(awk -v t="$ticks" '{ printf "%.2f ", ($14 + $15) / t }' "/proc/$pid/stat")
  done
  echo "${out% }"
}

checksum() {
  local -n side=$1
  # On stdin: thousands of table names are longer than one argument may be (MAX_ARG_STRLEN, 128 KiB).
  echo "CHECKSUM TABLE $2" | "${side[@]}" -N | awk '{print $2}' | md5sum | cut -c1-12
}

checksums_equal() {
  local s d
  s=$(checksum SRC "$1") d=$(checksum DST "$1")
  [ "$s" = "$d" ] || { echo "bench: the target does NOT equal the source (CHECKSUM TABLE $1)" >&2; return 1; }
  echo "$s"
}

load_average() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"; }

statement_log_on() {
  local -n side=$1
  "${side[@]}" -e "SET GLOBAL log_output='TABLE', GLOBAL long_query_time=0, GLOBAL log_slow_admin_statements=ON;
    TRUNCATE mysql.slow_log; SET GLOBAL slow_query_log=1"
}

statement_log_off() {
  local -n side=$1
  "${side[@]}" -e "SET GLOBAL slow_query_log=0; SET GLOBAL long_query_time=10"
}

statement_log_dump() {
  local -n side=$1
  # TIME_TO_SEC of a TIME(6) keeps the microseconds (adding MICROSECOND() as well, as the profiles did before
  # 2026-12-07, counted every duration's fraction twice).
  "${side[@]}" -N -B -e "SELECT '$2', UNIX_TIMESTAMP(start_time), thread_id, TIME_TO_SEC(query_time),
      REPLACE(REPLACE(REPLACE(LEFT(CONVERT(sql_text USING utf8mb4), 400), '\t', ' '), '\n', ' '), '\r', ' ')
    FROM mysql.slow_log WHERE sql_text NOT LIKE '%slow_query_log%' ORDER BY start_time"
  "${side[@]}" -e "TRUNCATE mysql.slow_log"
}
