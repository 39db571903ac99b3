#!/usr/bin/env bash
# Stops what infra/up.sh started: Kafka if infra/kafka.sh started it (its pid file), Redis and PostgreSQL only if
# infra/.run/started lists them. Servers that were already running before up.sh are left alone.
set -euo pipefail

INFRA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STARTED="$INFRA/.run/started"

started_by_us() { grep -qx "$1" "$STARTED" 2>/dev/null; }
forget() { [[ ! -f $STARTED ]] || sed -i "/^$1\$/d" "$STARTED"; }

"$INFRA/kafka.sh" stop

if started_by_us redis; then
  # SHUTDOWN works however the server was started (by us, or by the package's install scripts).
  redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 50); do [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" == PONG ]] || break; sleep 0.2; done
  [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" != PONG ]] || { echo "down: redis did not stop" >&2; exit 1; }
  forget redis
  echo "redis: stopped"
else
  echo "redis: not started by infra/up.sh, left alone"
fi

if started_by_us postgres; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main stop
  forget postgres
  echo "postgres: stopped"
else
  echo "postgres: not started by infra/up.sh, left alone"
fi
