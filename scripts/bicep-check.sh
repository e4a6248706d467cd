#!/usr/bin/env bash
# Builds and lints the Bicep templates; fails on any diagnostic (error, warning or info).
#
#   scripts/bicep-check.sh [file.bicep]     (default: bicep/main.bicep; modules are checked through it)
#
# The bicep binary comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, which
# tests/Infrastructure.Tests downloads on restore (PackageDownload). Override with BICEP=/path/to/bicep.
set -euo pipefail

BICEP_VERSION="0.49.2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:-$root/bicep/main.bicep}"

find_bicep() {
  if [[ -n "${BICEP:-}" ]]; then
    echo "$BICEP"; return 0
  fi
  local cached="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
  if [[ -f "$cached" ]]; then
    echo "$cached"; return 0
  fi
  if command -v bicep >/dev/null 2>&1; then
    command -v bicep; return 0
  fi
  return 1
}

if ! bicep="$(find_bicep)"; then
  echo "bicep-check: bicep $BICEP_VERSION not in the NuGet cache; restoring tests/Infrastructure.Tests to download it" >&2
  dotnet restore "$root/tests/Infrastructure.Tests/Infrastructure.Tests.csproj" --verbosity quiet >&2
  bicep="$(find_bicep)" || { echo "bicep-check: bicep binary not found" >&2; exit 2; }
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"

if [[ ! -f "$file" ]]; then
  echo "bicep-check: no such file: $file" >&2
  exit 2
fi

echo "bicep-check: $("$bicep" --version) on ${file#"$root"/}"

diag_pattern=': (Error|Warning|Info) [A-Za-z0-9-]+:'
failed=0

build_out="$("$bicep" build "$file" --stdout 2>&1 >/dev/null)" || failed=1
lint_out="$("$bicep" lint "$file" 2>&1)" || failed=1

# bicep exits 0 on warnings: count the diagnostics it printed.
diagnostics="$(printf '%s\n%s\n' "$build_out" "$lint_out" | grep -E "$diag_pattern" | sort -u || true)"
count=0
if [[ -n "$diagnostics" ]]; then
  count="$(printf '%s\n' "$diagnostics" | wc -l)"
  printf '%s\n' "$diagnostics" >&2
  failed=1
fi

if [[ "$failed" -ne 0 ]]; then
  # Show anything else bicep said (e.g. a crash) when there were no parsed diagnostics.
  if [[ "$count" -eq 0 ]]; then
    printf '%s\n%s\n' "$build_out" "$lint_out" >&2
  fi
  echo "bicep-check: FAILED ($count diagnostic(s); zero are allowed)" >&2
  exit 1
fi

echo "bicep-check: OK (build and lint clean)"
