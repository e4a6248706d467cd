#!/usr/bin/env bash
# The crash test: drives orders through the local host process, SIGKILLs it at random moments, restarts it each
# time, lets everything finish, then audits storage (every acknowledged webhook exactly one order, every order in the
# state the simulated people drove it to, no duplicated CashLedger entry, the ledger reconciles).
#   scripts/crash-test.sh          small: 100 orders, 5 kills (./test.sh and CI; about 2 minutes once built: 200 orders
#                                  took 6.6 minutes on the shared 2-core machine at load 25 and ran out of time)
#   scripts/crash-test.sh large    1,000 orders, 8 kills (4 of them armed fault points right after a commit), results in
#                                  bench/results/<date>-crash-large.md (870 s on the Durable engine, quiet 2-core machine)
# Extra arguments go to the generator (e.g. --seed 7). Exit code 0 only when the audit passes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/crash/local-azurite.sh

size=${1:-small}
[ $# -gt 0 ] && shift
case "$size" in
  small) args=(--orders 100 --kills 5 --merchants 4 --workers 2 --limit-seconds 300) ;;
  large) args=(--orders 1000 --kills 8 --merchants 10 --limit-seconds 2400 --label crash-large) ;;
  *) echo "usage: $0 [small|large] [generator options]" >&2; exit 2 ;;
esac

artifacts=${BENCH_ARTIFACTS:-/tmp/backoffice-bench-artifacts}
build_bench "$artifacts"
trap stop_azurite EXIT
start_azurite

BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) \
  dotnet "$GENERATOR_DLL" crash --host-dll "$HOST_DLL" --storage "$STORAGE" "${args[@]}" "$@"
