#!/usr/bin/env bash
# `npm test`: prepares the machine (infra/prepare.sh), then runs every test — unit, integration against the real
# PostgreSQL/Redis/Kafka, and end-to-end across the running services — in one jest run.
# Extra arguments go to jest, e.g. `npm test -- libs/money`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash infra/prepare.sh
# Two workers on two cores: integration specs start brokers and services of their own.
exec npx jest --maxWorkers=2 "$@"
