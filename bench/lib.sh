# Sourced by bench/*/run.sh (from the repository root): what every benchmark shares, so each script says only what it
# measures. Nothing here runs on its own.
#
#   bench_servers DIR PORT   the scripts/servers.sh pair: FLEXMIGRATE_SERVERS_DIR (default DIR), FLEXMIGRATE_SOURCE_PORT
#                            (default PORT), FLEXMIGRATE_TARGET_PORT (default PORT + 1), FLEXMIGRATE_BUFFER_POOL (1G);
#                            starts them, exports FLEXMIGRATE_SOURCE / FLEXMIGRATE_TARGET and sets SRC / DST, the
#                            mariadb client of each as an array: "${SRC[@]}" -e "..."
#   bench_cli                CLI=(dotnet <flexmigrate.dll>): CLI_DLL when given (a build made beforehand, so edits in
#                            the worktree during a long run change nothing), else a Release build of this checkout
#   now / elapsed A [B]      a timestamp; B - A in seconds with two decimals (B defaults to now)
#   median                   the median of the numbers on stdin, one a line (the mean of the middle two when even)
#   checksums_equal TABLES   CHECKSUM TABLE of the comma-separated TABLES is the same on both servers (fails otherwise)

bench_servers() {
  export FLEXMIGRATE_SERVERS_DIR=${FLEXMIGRATE_SERVERS_DIR:-$1}
  export FLEXMIGRATE_SOURCE_PORT=${FLEXMIGRATE_SOURCE_PORT:-$2}
  export FLEXMIGRATE_TARGET_PORT=${FLEXMIGRATE_TARGET_PORT:-$(($2 + 1))}
  export FLEXMIGRATE_BUFFER_POOL=${FLEXMIGRATE_BUFFER_POOL:-1G}
  SRC=(mariadb --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_SOURCE_PORT" -uroot)
  DST=(mariadb --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_TARGET_PORT" -uroot)
  scripts/servers.sh start
  eval "$(scripts/servers.sh env)"
  export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET
}

bench_cli() {
  if [ -z "${CLI_DLL:-}" ]; then
    dotnet build -c Release src/FlexMigrate.Cli -v q -nologo >/dev/null
    CLI_DLL=src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll
  fi
  CLI=(dotnet "$CLI_DLL")
}

now() { date +%s.%N; }

elapsed() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.2f", b - a }'; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

checksums_equal() {
  local s d
  s=$("${SRC[@]}" -N -e "CHECKSUM TABLE $1" | awk '{print $2}' | md5sum | cut -c1-12)
  d=$("${DST[@]}" -N -e "CHECKSUM TABLE $1" | awk '{print $2}' | md5sum | cut -c1-12)
  [ "$s" = "$d" ] || { echo "bench: the target does NOT equal the source (CHECKSUM TABLE $1)" >&2; return 1; }
  echo "$s"
}
