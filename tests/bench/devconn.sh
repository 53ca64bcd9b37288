#!/usr/bin/env bash
# Load probe of the engine's device connections, from the repository root:
#
#   tests/bench/devconn.sh [devconn_probe options…]     e.g. --devices 10000 --uplinks 50000 --strict-uplinks 3000
#
# Builds twinbridge-sandbox and tests/bench/devconn_probe.cpp in a Release tree (build/bench, or
# $TWINBRIDGE_BENCH_BUILD_DIR), raises the descriptor limit, starts the sandbox with --no-throttle in a
# temporary state directory and runs the probe against it: RSS per pooled connection, pooled and strict
# uplinks/s (D2C + reported patch each), latency at a fixed pooled rate. Both processes run on Qt's own event
# dispatcher (QT_NO_GLIB=1). DEVCONN_PROBE_WRAPPER runs the probe under a tool, e.g. DEVCONN_PROBE_WRAPPER=heaptrack
# or "valgrind --tool=massif"; DEVCONN_SANDBOX runs another twinbridge-sandbox binary (e.g. an older build, for
# a before/after under the same load). The last line is
#   RESULT connections=<n> rss_mb=<r> kb_per_connection=<k> pooled_ups=<x> strict_ups=<y> p50_ms=<a> p99_ms=<b>
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${TWINBRIDGE_BENCH_BUILD_DIR:-$root/build/bench}"

export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
echo "== build in $build"
mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTWINBRIDGE_GUI=OFF -DTWINBRIDGE_TESTS=ON \
        >"$build/devconn-build.log" 2>&1 || { tail -40 "$build/devconn-build.log" >&2; exit 1; }
fi
if ! cmake --build "$build" -j"${JOBS:-2}" --target twinbridge-sandbox devconn_probe >>"$build/devconn-build.log" 2>&1; then
    tail -40 "$build/devconn-build.log" >&2
    echo "devconn.sh: the build failed (log: $build/devconn-build.log)" >&2
    exit 1
fi

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

state="$(mktemp -d "${TMPDIR:-/tmp}/twinbridge-devconn-XXXXXX")"
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

echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

export QT_NO_GLIB=1
"${DEVCONN_SANDBOX:-$build/app/twinbridge-sandbox/twinbridge-sandbox}" --state-dir "$state" --no-throttle >"$state/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 600); do
    [ -f "$state/sandbox.json" ] && break
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
        echo "devconn.sh: the sandbox did not start:" >&2
        cat "$state/sandbox.log" >&2
        exit 1
    fi
    sleep 0.1
done
[ -f "$state/sandbox.json" ] || { echo "devconn.sh: no sandbox.json after 60 s" >&2; exit 1; }

status=0
${DEVCONN_PROBE_WRAPPER:-} "$build/tests/bench/devconn_probe" --sandbox-json "$state/sandbox.json" "$@" || status=$?
exit "$status"
