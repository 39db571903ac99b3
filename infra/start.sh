#!/usr/bin/env bash
# `npm start`: the main job on one machine. Prepares everything (infra/prepare.sh), starts the partner sandboxes
# and the three services, waits until each is ready, runs the monthly payment run on sample data
# (infra/scripts/main-job.ts) and prints its summary. The services are stopped at the end, unless
# `npm start -- --keep` asks to leave them running for a look at their APIs (Ctrl-C stops them). Other arguments go
# to the main job: `npm start -- --month 2026-06 --beneficiaries 5000`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
KEEP=no
JOB_ARGS=() # the rest goes to the main job, e.g. --month 2026-06 --beneficiaries 5000
for arg in "$@"; do
  if [[ $arg == --keep ]]; then KEEP=yes; else JOB_ARGS+=("$arg"); fi
done

bash infra/prepare.sh
LOGS="$ROOT/infra/.run/logs"
mkdir -p "$LOGS"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT

# The services' Node.js options (libs/platform/src/node-options.ts: the heap size that keeps each under 512 MB).
SERVICE_NODE_OPTIONS="$(node -p "require('./dist/libs/platform/src/node-options').SERVICE_NODE_OPTIONS.join(' ')")"

# Whether GET http://127.0.0.1:PORT/PATH answers 2xx. Node's fetch rather than curl, which not every machine has.
http_ok() {
  node -e "fetch('http://127.0.0.1:$1$2', { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
}

# name port entrypoint [node options]
start_process() {
  local name=$1 port=$2 entry=$3 node_options=${4:-}
  if http_ok "$port" /health/live || http_ok "$port" /health; then
    echo "start: $name already answers on port $port, using it"
    return
  fi
  # The sandboxes call disbursement back when a file's or list's outcomes are final (it then polls at once);
  # they take batches faster than the conservative default rate limit meant for real partners.
  PORT=$port BANK_PORT=4101 POST_OFFICE_PORT=4102 \
    BANK_CALLBACK_URL=http://127.0.0.1:3003/partners/bank/status-reports \
    POST_OFFICE_CALLBACK_URL=http://127.0.0.1:3003/partners/post-office/settlement-reports \
    BANK_RATE_MAX="${BANK_RATE_MAX:-20}" POST_OFFICE_RATE_MAX="${POST_OFFICE_RATE_MAX:-20}" \
    node $node_options -r ./infra/paths.js "$entry" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}
start_process bank-sandbox 4101 dist/infra/sandboxes/bank/main.js
start_process post-office-sandbox 4102 dist/infra/sandboxes/post-office/main.js
start_process eligibility 3001 dist/services/eligibility/src/main.js "$SERVICE_NODE_OPTIONS"
start_process entitlement 3002 dist/services/entitlement/src/main.js "$SERVICE_NODE_OPTIONS"
start_process disbursement 3003 dist/services/disbursement/src/main.js "$SERVICE_NODE_OPTIONS"

# Ready means the service's dependencies answer too (GET /health is readiness).
for target in bank-sandbox:4101 post-office-sandbox:4102 eligibility:3001 entitlement:3002 disbursement:3003; do
  name=${target%%:*} port=${target##*:}
  deadline=$((SECONDS + 60))
  until http_ok "$port" /health; do
    if ((SECONDS >= deadline)); then
      echo "start: $name is not ready on port $port after 60 s; last lines of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  printf 'ready: %-20s http://127.0.0.1:%s  (API docs: /docs)\n' "$name" "$port"
done

node -r ./infra/paths.js dist/infra/scripts/main-job.js "${JOB_ARGS[@]}"

if [[ $KEEP == yes ]]; then
  echo "The platform keeps running; logs in $LOGS. Ctrl-C stops the services."
  wait
fi
