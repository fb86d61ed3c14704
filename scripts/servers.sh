#!/usr/bin/env bash
# Local MariaDB pair for tests, the demo and benchmarks: a binlog source and a target, started without systemd.
#
#   scripts/servers.sh start    install mariadb if missing, init data dirs once, start both (idempotent)
#   scripts/servers.sh stop     stop both cleanly
#   scripts/servers.sh status   say what runs where
#   scripts/servers.sh env      print the connection strings and the servers' directory as FLEXMIGRATE_* exports
#   scripts/servers.sh start-replica   also start a third server (no binlog, server_id 3) to be a native
#                                      replica of the source, for benchmarks beside MariaDB's own replication and
#                                      the throttle tests of --max-replica-lag (FLEXMIGRATE_REPLICA in env)
#   scripts/servers.sh kill source|target   SIGKILL that server (a crash: no clean shutdown), for the crash tests;
#                                      `start` then restarts it with crash recovery
#
# Settings (env): FLEXMIGRATE_SERVERS_DIR (default /tmp/flexmigrate-servers), FLEXMIGRATE_SOURCE_PORT (13306),
# FLEXMIGRATE_TARGET_PORT (13307), FLEXMIGRATE_REPLICA_PORT (13308), FLEXMIGRATE_BUFFER_POOL (64M; benchmarks want more).
# Ports stay outside 30000-40000, where the in-process durable engine picks its gRPC port unchecked.
set -euo pipefail

DIR=${FLEXMIGRATE_SERVERS_DIR:-/tmp/flexmigrate-servers}
SOURCE_PORT=${FLEXMIGRATE_SOURCE_PORT:-13306}
TARGET_PORT=${FLEXMIGRATE_TARGET_PORT:-13307}
REPLICA_PORT=${FLEXMIGRATE_REPLICA_PORT:-13308}
POOL=${FLEXMIGRATE_BUFFER_POOL:-64M}

ensure_installed() {
  if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then return; fi
  echo "servers: installing mariadb-server and mariadb-client (apt)" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "servers: need root to apt-get install mariadb-server" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq mariadb-server mariadb-client >/dev/null
}

mariadbd_bin() { command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd; }

# role port extra-options...
start_one() {
  local role=$1 port=$2; shift 2
  local data="$DIR/$role/data" sock="$DIR/$role/mysqld.sock" pidf="$DIR/$role/mysqld.pid" tmp="$DIR/$role/tmp"
  # Each server keeps its temporary files (#sql-temptable-*, filesort) in its own folder, not in the shared /tmp
  # where another job's clean-up of /tmp could delete them under a running query (seen: Errcode 2 on delete).
  mkdir -p "$DIR/$role" "$tmp"
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
    echo "servers: $role already running on 127.0.0.1:$port" >&2; return
  fi
  if [ ! -d "$data/mysql" ]; then
    mariadb-install-db --no-defaults --user=root --datadir="$data" --tmpdir="$tmp" \
      --auth-root-authentication-method=normal --skip-test-db >"$DIR/$role/install.log" 2>&1 \
      || { echo "servers: mariadb-install-db failed for $role, see $DIR/$role/install.log" >&2; exit 1; }
  fi
  "$(mariadbd_bin)" --no-defaults --user=root --datadir="$data" --socket="$sock" --pid-file="$pidf" --tmpdir="$tmp" \
    --port="$port" --bind-address=127.0.0.1 --log-error="$DIR/$role/error.log" \
    --innodb-buffer-pool-size="$POOL" --key-buffer-size=1M --aria-pagecache-buffer-size=1M \
    --query-cache-size=0 --table-open-cache=400 --max-connections=100 --innodb-log-file-size=64M \
    --max-allowed-packet=256M --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --innodb-flush-log-at-trx-commit=2 --sync-binlog=0 "$@" >/dev/null 2>&1 &
  for _ in $(seq 1 200); do
    if mariadb --no-defaults -h127.0.0.1 -P"$port" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
      echo "servers: $role ready on 127.0.0.1:$port" >&2; return
    fi
    sleep 0.1
  done
  echo "servers: $role did not start; last lines of $DIR/$role/error.log:" >&2
  tail -n 20 "$DIR/$role/error.log" >&2 || true
  exit 1
}

stop_one() {
  local role=$1 pidf="$DIR/$1/mysqld.pid"
  # A stale pid file can name a process id the kernel has since given to another server (another pair's mariadbd):
  # only stop the process whose command line is this pair's server.
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null \
     && tr '\0' ' ' <"/proc/$(cat "$pidf")/cmdline" 2>/dev/null | grep -qF -- "$DIR/$role/"; then
    local pid; pid=$(cat "$pidf"); kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "servers: $role stopped" >&2
  fi
}

# SIGKILL, guarded like stop_one; waits until the process is gone so a following start sees it dead.
kill_one() {
  local role=$1 pidf="$DIR/$1/mysqld.pid"
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null \
     && tr '\0' ' ' <"/proc/$(cat "$pidf")/cmdline" 2>/dev/null | grep -qF -- "$DIR/$role/"; then
    local pid; pid=$(cat "$pidf"); kill -9 "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    echo "servers: $role killed" >&2
  fi
}

case "${1:-}" in
  kill)
    case "${2:-}" in source|target) kill_one "$2" ;; *) echo "usage: scripts/servers.sh kill source|target" >&2; exit 2 ;; esac ;;
  start)
    ensure_installed
    start_one source "$SOURCE_PORT" --server-id=1 --log-bin=mysql-bin --binlog-format=ROW \
      --binlog-row-image=FULL --binlog-row-metadata=FULL --expire-logs-days=7
    # The target logs ROW binlogs too, like Flexible Server: reverse replication after a cutover (issue 16) reads them.
    # With binlogs on, routines and triggers created by an account without SUPER need log_bin_trust_function_creators,
    # which Flexible Server users set ON (precheck compat.log-bin-trust-function-creators; scratch servers test the rule).
    start_one target "$TARGET_PORT" --server-id=2 --log-bin=mysql-bin --binlog-format=ROW \
      --binlog-row-image=FULL --binlog-row-metadata=FULL --expire-logs-days=1 --log-bin-trust-function-creators=1
    ;;
  start-replica)
    ensure_installed
    # FLEXMIGRATE_REPLICA_BINLOG=1 (bench/replication): the native replica logs what it applies like the target logs
    # what FlexMigrate applies (ROW, FULL images), so both appliers pay the same binlog writes.
    binlog=()
    [ "${FLEXMIGRATE_REPLICA_BINLOG:-0}" = 1 ] && binlog=(--log-bin=mysql-bin --log-slave-updates --binlog-format=ROW --binlog-row-image=FULL --binlog-row-metadata=FULL --expire-logs-days=1)
    start_one replica "$REPLICA_PORT" --server-id=3 --relay-log=relay-bin --skip-slave-start "${binlog[@]}"
    ;;
  stop) stop_one source; stop_one target; stop_one replica ;;
  stop-replica) stop_one replica ;;
  status)
    for r in source target replica; do
      if [ -f "$DIR/$r/mysqld.pid" ] && kill -0 "$(cat "$DIR/$r/mysqld.pid")" 2>/dev/null; then echo "$r: running"; else echo "$r: stopped"; fi
    done ;;
  env)
    echo "export FLEXMIGRATE_SOURCE='Server=127.0.0.1;Port=$SOURCE_PORT;User ID=root;AllowLoadLocalInfile=true'"
    echo "export FLEXMIGRATE_TARGET='Server=127.0.0.1;Port=$TARGET_PORT;User ID=root;AllowLoadLocalInfile=true'"
    echo "export FLEXMIGRATE_REPLICA='Server=127.0.0.1;Port=$REPLICA_PORT;User ID=root'"
    echo "export FLEXMIGRATE_SERVERS_DIR='$DIR'" ;;
  *) echo "usage: scripts/servers.sh start|start-replica|stop|stop-replica|status|env|kill source|target" >&2; exit 2 ;;
esac
