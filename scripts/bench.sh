#!/usr/bin/env bash
# The load benchmark, one command: builds (Release), starts a fresh Azurite (data in a temporary folder) and the local host in
# Development on free ports, runs bench/LoadGenerator in load mode, stops both by PID. Results go to
# bench/results/<date>-<HHmm>-load.md. Extra arguments go to the generator, e.g. --merchants 20 --step-seconds 30.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/crash/local-azurite.sh

artifacts=${BENCH_ARTIFACTS:-/tmp/backoffice-bench-artifacts}
build_bench "$artifacts"

HOST_PID=""
cleanup() { stop_pid "$HOST_PID"; stop_azurite; }
trap cleanup EXIT
start_azurite

# The load generator is one client address standing in for every storefront and person: the per-client limiter is off.
port=$(free_port)
dev_key=$(head -c 32 /dev/urandom | base64)
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:${port}" \
  Storage__ConnectionString="$STORAGE" Storage__Prefix=bench Auth__DevSigningKey="$dev_key" Diagnostics__Enabled=true RateLimits__Enabled=false \
  Azurite__Start=false Demo__Seed=false Web__Enabled=false Web__Root=/nonexistent Logging__LogLevel__Default=Warning \
  dotnet "$HOST_DLL" >/tmp/backoffice-bench-host.log 2>&1 &
HOST_PID=$!
echo "host pid ${HOST_PID} on port ${port} (log /tmp/backoffice-bench-host.log)"

BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) \
  dotnet "$GENERATOR_DLL" load --base-url "http://127.0.0.1:${port}" --storage "$STORAGE" --prefix bench --dev-key "$dev_key" "$@"
