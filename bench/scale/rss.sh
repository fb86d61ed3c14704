#!/usr/bin/env bash
# Memory timeline of a running `flexmigrate migrate` (issue 20): run it beside bench/scale/run.sh. Every POLL seconds
# (default 1) prints "<UTC time> <RSS MiB> <ledger phase>" of the newest migrate process (the CLI's relaunched child,
# `dotnet .../flexmigrate.dll migrate`, whose RSS /usr/bin/time reports), and at the end the peak and the phase it was in.
# With GCDUMP_AT=<MiB> and GCDUMP_OUT=<file>, takes one dotnet-gcdump (GCDUMP, default dotnet-gcdump on PATH; install
# with `dotnet tool install --tool-path <dir> dotnet-gcdump`) the first time RSS reaches GCDUMP_AT: what the heap holds
# at the peak. Stops when the process ends (after it was seen) or after MAX_WAIT seconds without one.
#   bench/scale/rss.sh > rss.log & ONLY=flexmigrate MODE=online DATABASES=1 TABLES=10000 bench/scale/run.sh; wait
# MATCH (default 'flexmigrate\.dll migrate') picks the process by its command line: on a machine shared with other
# runs give the CLI's own path, e.g. MATCH='/tmp/my-build/flexmigrate\.dll migrate'. Uses FLEXMIGRATE_TARGET_PORT like phases.sh.
set -euo pipefail
DST=(mariadb --no-defaults -h127.0.0.1 -P"${FLEXMIGRATE_TARGET_PORT:-13307}" -uroot -N)
POLL=${POLL:-1}
MAX_WAIT=${MAX_WAIT:-600}
GCDUMP=${GCDUMP:-dotnet-gcdump}
MATCH=${MATCH:-'flexmigrate\.dll migrate'}
seen="" peak=0 peak_phase="" waited=0
while true; do
  pid=$(pgrep -n -f "$MATCH" || true)
  if [ -z "$pid" ] || [ ! -r "/proc/$pid/status" ]; then
    [ -n "$seen" ] && break
    waited=$((waited + POLL)); [ "$waited" -ge "$MAX_WAIT" ] && break
    sleep "$POLL"; continue
  fi
  seen=$pid
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo 0)
  phase=$("${DST[@]}" -e "SELECT phase FROM flexmigrate_state.migration_ledger ORDER BY created_at DESC LIMIT 1" 2>/dev/null || true)
  echo "$(date -u +%H:%M:%S) ${rss} MiB ${phase}"
  if [ "${rss:-0}" -gt "$peak" ]; then peak=$rss peak_phase=$phase; fi
  if [ -n "${GCDUMP_AT:-}" ] && [ -n "${GCDUMP_OUT:-}" ] && [ ! -e "$GCDUMP_OUT" ] && [ "${rss:-0}" -ge "$GCDUMP_AT" ]; then
    "$GCDUMP" collect -p "$pid" -o "$GCDUMP_OUT" >&2 || true
  fi
  sleep "$POLL"
done
echo "peak RSS ${peak} MiB (phase ${peak_phase:-unknown})"
