#!/usr/bin/env bash
# Makes PostgreSQL (5432), Redis (6379) and Kafka (9092) answer on 127.0.0.1, starting only what does not answer
# yet, so it is safe to run any number of times. What it starts is listed in infra/.run/started, and
# infra/down.sh stops only that. PostgreSQL and Redis are installed with apt-get when missing (root only).
set -euo pipefail

INFRA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$INFRA/.run"
STARTED="$RUN/started"
DATABASE=benefits # the database in the services' default DATABASE_URL
mkdir -p "$RUN"

die() { echo "up: $*" >&2; exit 1; }
record() { grep -qx "$1" "$STARTED" 2>/dev/null || echo "$1" >>"$STARTED"; }

# wait_for SECONDS NAME COMMAND...: retries COMMAND until it succeeds.
wait_for() {
  local secs=$1 name=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$name was started but does not answer on 127.0.0.1 after ${secs}s"
    sleep 0.3
  done
}

apt_install() {
  [[ $EUID -eq 0 ]] || die "$* not installed; as a non-root user run 'sudo apt-get install -y $*' (or start it yourself) and retry"
  command -v apt-get >/dev/null || die "$* not installed and no apt-get here: install it yourself and retry"
  echo "up: installing $* with apt-get ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q "$@"; } >"$RUN/apt.log" 2>&1 || die "apt-get failed, see $RUN/apt.log"
}

pg_answers() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_answers() { [[ "$(timeout 3 redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" == PONG ]]; }
psql_postgres() { psql -h 127.0.0.1 -p 5432 -U postgres -w -X -q -v ON_ERROR_STOP=1 "$@"; }

postgres_up() {
  if command -v pg_isready >/dev/null && pg_answers; then
    echo "postgres: already running"
  else
    local fresh=no version
    if ! command -v pg_ctlcluster >/dev/null || [[ -z "$(ls /etc/postgresql 2>/dev/null)" ]]; then
      apt_install postgresql
      fresh=yes
    fi
    version="$(ls /etc/postgresql | head -1)"
    if [[ $fresh == yes ]]; then
      # A fresh Debian cluster wants a password on TCP (scram-sha-256); the services connect as postgres without
      # one, as in docker-compose.yml (POSTGRES_HOST_AUTH_METHOD=trust). Loopback only, so this stays local.
      sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "/etc/postgresql/$version/main/pg_hba.conf"
    fi
    # The package's install scripts may already have started the cluster (with the old pg_hba): restart covers both.
    local action=start
    pg_answers && action=restart
    pg_ctlcluster --skip-systemctl-redirect "$version" main "$action" || die "could not $action PostgreSQL $version/main"
    wait_for 30 postgres pg_answers
    record postgres
    echo "postgres: started"
  fi
  # The services' default DATABASE_URL points at this database; create it on a fresh machine.
  command -v psql >/dev/null || { echo "up: psql not found, cannot check that database $DATABASE exists" >&2; return; }
  psql_postgres -tAc "select 1 from pg_database where datname = '$DATABASE'" | grep -qx 1 \
    || psql_postgres -c "create database $DATABASE" \
    || die "cannot create database $DATABASE as user postgres on 127.0.0.1 (does pg_hba.conf trust 127.0.0.1?)"
}

redis_up() {
  if command -v redis-cli >/dev/null && redis_answers; then echo "redis: already running"; return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  # The package's install scripts may already have started a daemon; start ours only when nothing answers.
  if ! redis_answers; then
    # A throw-away cache/queue store for development: no snapshots, no append-only file.
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir "$RUN" --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log" || die "could not start redis-server"
  fi
  wait_for 15 redis redis_answers
  record redis
  echo "redis: started"
}

postgres_up
redis_up
"$INFRA/kafka.sh" start || die "Kafka did not start"
