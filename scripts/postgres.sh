#!/usr/bin/env bash
# Start or stop a throw-away PostgreSQL server on 127.0.0.1 for tests and benchmarks.
#   scripts/postgres.sh start DIR PORT   → prints the database URL
#   scripts/postgres.sh stop DIR
set -euo pipefail
action=$1 dir=$2 port=${3:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_owner() {  # PostgreSQL refuses to run as root
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir" -U cchc --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w start \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off \
          -c full_page_writes=off -c shared_buffers=512MB -c work_mem=64MB \
          -c max_parallel_workers_per_gather=2" >/dev/null
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U cchc cchc 2>/dev/null || true
    echo "postgresql://cchc@127.0.0.1:$port/cchc"
    ;;
  stop)
    [ -f "$dir/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
