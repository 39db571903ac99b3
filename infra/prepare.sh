#!/usr/bin/env bash
# Everything the platform needs before a service can start, idempotent: dependencies installed from the
# lockfile (only when missing or stale), PostgreSQL/Redis/Kafka answering, code built, topics created,
# every service's schema migrated. Used by `npm start` and `npm test`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# npm ci when node_modules is missing or older than the lockfile (a fresh clone, or a pull that changed it).
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "prepare: installing dependencies from package-lock.json ..."
  npm ci --no-audit --no-fund
fi

bash infra/up.sh
echo "prepare: building ..."
npx tsc -p tsconfig.build.json
node -r ./infra/paths.js dist/infra/scripts/create-topics.js | node -e "
  // one short line per topic instead of raw JSON logs
  require('readline').createInterface({ input: process.stdin }).on('line', (l) => {
    try { const j = JSON.parse(l); console.log('topic: ' + j.topic + ' (' + j.partitions + ' partitions) ' + j.msg); } catch { console.log(l); }
  });"
for service in eligibility entitlement disbursement; do
  node -r ./infra/paths.js "dist/services/$service/src/migrate.js" | node -e "
    require('readline').createInterface({ input: process.stdin }).on('line', (l) => {
      try { const j = JSON.parse(l); console.log('$service: ' + j.msg); } catch { console.log(l); }
    });"
done
