#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what is missing (scripts/prerequisites.sh: Chromium and poppler-utils
# through apt-get, Azurite through npm ci), checks the Bicep, builds and tests the solution, then runs the
# small crash test (scripts/crash-test.sh: the host SIGKILLed under load, then a storage audit) on that build.
# Prints a closing line "N passed, N failed" summed over all test assemblies, the crash test counting as one.
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/prerequisites.sh

bash scripts/bicep-check.sh

log="$(mktemp)"
set +e
dotnet test Backoffice.slnx -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"

# The small crash test (100 orders, 5 SIGKILLs; about two minutes on two cores), on the Release build just made.
set +e
BENCH_PREBUILT=1 bash scripts/crash-test.sh small
crash=$?
set -e
if [ "$crash" -eq 0 ]; then
  passed=$((passed + 1))
else
  echo "crash test (small) failed with exit code ${crash}"
  failed=$((failed + 1))
fi

echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
