#!/usr/bin/env bash
# The sandbox benchmark, from the repository root:
#
#   tests/bench/sandbox.sh [sandbox_load options…]     e.g. --devices 2000 --seconds 5, --soak-seconds 600
#
# Builds twinbridge-sandbox and the load generator (tests/bench/sandbox_load.cpp) in a Release tree
# (build/bench, or $TWINBRIDGE_BENCH_BUILD_DIR), raises the descriptor limit, starts the sandbox with
# --no-throttle in a temporary state directory, runs the load generator against it (10,000 devices created
# through the REST bulk import, 10,000 TLS MQTT connections, then D2C only, reported patches only, both) and
# stops everything. Both processes run on Qt's own event dispatcher (QT_NO_GLIB=1). The last line is
#   RESULT connections=<n> d2c_per_s=<x> patches_per_s=<y> kb_per_connection=<z>
# Exit status: the load generator's (non-zero if a connection or an operation failed).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${TWINBRIDGE_BENCH_BUILD_DIR:-$root/build/bench}"

export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
echo "== build (Release) in $build"
mkdir -p "$build"
if ! { cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTWINBRIDGE_GUI=OFF -DTWINBRIDGE_TESTS=ON &&
       cmake --build "$build" -j"${JOBS:-2}" --target twinbridge-sandbox sandbox_load; } >"$build/bench-build.log" 2>&1; then
    tail -40 "$build/bench-build.log" >&2
    echo "sandbox.sh: the build failed (log: $build/bench-build.log)" >&2
    exit 1
fi

# Each process holds one descriptor per connection (plus a few): 10,000 connections need more than 1024.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 10200 ]; then
    echo "sandbox.sh: the descriptor limit is $(ulimit -n); 10,000 connections need about 10,100 per process" >&2
fi

state="$(mktemp -d "${TMPDIR:-/tmp}/twinbridge-bench-XXXXXX")"
sandbox_pid=""
cleanup() {
    if [ -n "$sandbox_pid" ] && kill -0 "$sandbox_pid" 2>/dev/null; then
        kill -TERM "$sandbox_pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$sandbox_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores," \
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM; load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo '+changes')"

export QT_NO_GLIB=1
"$build/app/twinbridge-sandbox/twinbridge-sandbox" --state-dir "$state" --no-throttle >"$state/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 600); do
    [ -f "$state/sandbox.json" ] && break
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
        echo "sandbox.sh: the sandbox did not start:" >&2
        cat "$state/sandbox.log" >&2
        exit 1
    fi
    sleep 0.1
done
[ -f "$state/sandbox.json" ] || { echo "sandbox.sh: no sandbox.json after 60 s" >&2; exit 1; }
echo "== sandbox pid $sandbox_pid, state $state"

status=0
"$build/tests/bench/sandbox_load" --sandbox-json "$state/sandbox.json" --server-pid "$sandbox_pid" "$@" || status=$?
exit "$status"
