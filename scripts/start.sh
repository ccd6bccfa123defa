#!/usr/bin/env bash
# npm start: everything on this machine's PostgreSQL and RabbitMQ, with the
# Front sandbox (when FRONT_API_URL is unset) and the embedded responder.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies…"; npm ci --no-audit --no-fund
fi
if [ ! -f apps/integration-settings/web/dist/index.html ]; then
  echo "Building the dashboard…"; npm run -s build:web >/dev/null
fi
start_flag=""; [ "$(id -u)" = "0" ] && start_flag="--start"
bash scripts/ensure-services.sh $start_flag
exec node -r @swc-node/register scripts/start-all.ts "$@"
