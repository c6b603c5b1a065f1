#!/usr/bin/env bash
# A PostgreSQL cluster of its own, under a folder, from Debian's packages: for production/run.sh, the
# production-path test and the benchmark's production mode. Production itself uses a managed database
# (KC_DB_URL); this is the same PostgreSQL, run locally without touching the machine's own clusters.
#
#   local-postgres.sh start DIR PORT DATABASE USER PASSWORD   initdb on first use, start, create role and database
#   local-postgres.sh stop DIR                                 fast shutdown
#   local-postgres.sh pid DIR                                  the postmaster's pid (for CPU accounting)
#
# Installs Debian's `postgresql` with apt-get when no /usr/lib/postgresql/*/bin is found (needs root).
# As root the cluster runs as the `postgres` user (initdb refuses root); otherwise as the caller.
# Listens on 127.0.0.1:PORT only, socket in DIR/socket; password (scram) over TCP, trust on the socket.
set -euo pipefail

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed and this is not root: apt-get install postgresql first" >&2
      exit 1
    fi
    echo "Installing PostgreSQL from Debian's packages…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends postgresql >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd=${1:?usage: local-postgres.sh start|stop|pid DIR …}
dir=${2:?DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data
socket=$dir/socket

case "$cmd" in
  start)
    port=${3:?PORT}; database=${4:?DATABASE}; user=${5:?USER}; password=${6:?PASSWORD}
    bin=$(pg_bin)
    if [ ! -s "$data/PG_VERSION" ]; then
      mkdir -p "$data" "$socket"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" "$data" "$socket"
      as_owner "$bin/initdb" -D "$data" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 120 start \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$socket" >/dev/null \
        || { tail -n 30 "$dir/postgres.log" >&2; exit 1; }
    fi
    psql=("$bin/psql" -q -v ON_ERROR_STOP=1 -h "$socket" -p "$port" -U postgres -d postgres)
    role=${user//\"/}
    secret=${password//\'/\'\'}
    as_owner "${psql[@]}" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
        CREATE ROLE \"$role\" LOGIN PASSWORD '$secret'; ELSE ALTER ROLE \"$role\" LOGIN PASSWORD '$secret'; END IF; END \$\$;"
    if [ -z "$(as_owner "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '${database//\'/}'")" ]; then
      as_owner "${psql[@]}" -c "CREATE DATABASE \"${database//\"/}\" OWNER \"$role\" ENCODING 'UTF8' TEMPLATE template0;"
    fi
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, database $database (data: $data)" >&2
    ;;
  stop)
    if [ -s "$data/PG_VERSION" ]; then
      bin=$(pg_bin)
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  pid)
    head -n 1 "$data/postmaster.pid"
    ;;
  *)
    echo "unknown command $cmd" >&2; exit 2 ;;
esac
