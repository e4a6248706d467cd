#!/usr/bin/env bash
# Sourced by scripts/bench.sh and scripts/crash-test.sh: a fresh Azurite on free ports, stopped by its PID.
# Sets AZURITE_PID and STORAGE (a full connection string); call stop_azurite (the callers' EXIT trap does).
#
# Its data goes to a temporary folder (removed on stop), as `dotnet run --project local` keeps it on disk: with
# --inMemoryPersistence, Azurite 3.35's queue garbage collector deletes consumed messages' extents one by one on its
# only thread (each delete O(n)), and after a few thousand messages it stops answering for tens of seconds
# (seen in bench runs: 3,307 extents, 25 s). AZURITE_IN_MEMORY=1 restores in-memory persistence.

free_port() {
  local port
  for port in $(shuf -i 20000-45000 -n 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

wait_for_port() {
  local port=$1 pid=$2 tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited before port $port opened" >&2; return 1; }
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || { echo "port $port did not open" >&2; return 1; }
    sleep 0.1
  done
}

start_azurite() {
  local blob queue table
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  local debug=() persistence=(--inMemoryPersistence)
  if [ -z "${AZURITE_IN_MEMORY:-}" ]; then
    AZURITE_DIR=$(mktemp -d /tmp/backoffice-azurite.XXXXXX)
    persistence=(--location "$AZURITE_DIR")
  fi
  # AZURITE_DEBUG_LOG=/path: Azurite's own debug log (every request), to find what a stalled Azurite was doing.
  [ -z "${AZURITE_DEBUG_LOG:-}" ] || debug=(--debug "$AZURITE_DEBUG_LOG")
  node_modules/.bin/azurite --silent "${persistence[@]}" --skipApiVersionCheck --disableTelemetry --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" "${debug[@]}" >/dev/null 2>&1 &
  AZURITE_PID=$!
  for port in "$blob" "$queue" "$table"; do wait_for_port "$port" "$AZURITE_PID"; done
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};BlobEndpoint=http://127.0.0.1:${blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${table}/devstoreaccount1;"
  echo "Azurite pid ${AZURITE_PID} (blob ${blob}, queue ${queue}, table ${table})"
}

stop_pid() {
  local pid=${1:-}
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

stop_azurite() {
  stop_pid "${AZURITE_PID:-}"
  if [ -n "${AZURITE_DIR:-}" ] && [ -d "$AZURITE_DIR" ]; then rm -rf "$AZURITE_DIR"; fi
}

# Builds the host and the load generator (Release) into a private artifacts folder; sets HOST_DLL and GENERATOR_DLL.
# BENCH_PREBUILT=1 uses the Release outputs a solution build already made (./test.sh runs the crash test right after
# `dotnet test Backoffice.slnx -c Release`), and builds only when they are missing.
build_bench() {
  local artifacts=$1
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
  if [ -n "${BENCH_PREBUILT:-}" ]; then
    HOST_DLL="$PWD/local/bin/Release/net10.0/Backoffice.Local.dll"
    GENERATOR_DLL="$PWD/bench/LoadGenerator/bin/Release/net10.0/Backoffice.LoadGenerator.dll"
    if [ -f "$HOST_DLL" ] && [ -f "$GENERATOR_DLL" ]; then
      return 0
    fi
    echo "BENCH_PREBUILT: no Release build of the host and the generator found; building them" >&2
  fi
  dotnet build local/Backoffice.Local.csproj -c Release --artifacts-path "$artifacts" -nologo -v q -clp:ErrorsOnly
  dotnet build bench/LoadGenerator/Backoffice.LoadGenerator.csproj -c Release --artifacts-path "$artifacts" -nologo -v q -clp:ErrorsOnly
  HOST_DLL="$artifacts/bin/Backoffice.Local/release/Backoffice.Local.dll"
  GENERATOR_DLL="$artifacts/bin/Backoffice.LoadGenerator/release/Backoffice.LoadGenerator.dll"
}
