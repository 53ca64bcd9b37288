#!/usr/bin/env bash
# Console model benchmarks (issue 7), from the repository root:
#
#   tests/bench/console.sh [ROWS]          ROWS merged device rows, default 100000
#
# Builds tests/bench/mirror_bench.cpp and tests/bench/live_bench.cpp in a Release tree with the GUI
# (build/bench-console, or $TWINBRIDGE_BENCH_BUILD_DIR) and runs both offscreen:
# - mirror_bench: ROWS merged rows (TTS devices + IoT Hub identities) built into the Devices model, one filter
#   keystroke through the proxy, peak RSS;
# - live_bench: 5,000 events/s into the Live data model + proxy + a shown table while a timer probe records the
#   longest event-loop stall.
# The last line is machine-readable:
#   RESULT rows=<n> build_ms=<b> filter_ms=<f> rss_mb=<m> live_eps=<e> max_stall_ms=<s>
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${TWINBRIDGE_BENCH_BUILD_DIR:-$root/build/bench-console}"
rows="${1:-100000}"

export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
echo "== build in $build"
mkdir -p "$build"
log="$build/console-build.log"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
        -DTWINBRIDGE_TESTS=ON >"$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }
fi
if ! cmake --build "$build" -j"${JOBS:-2}" --target mirror_bench live_bench >>"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "console.sh: the build failed (log: $build/console-build.log)" >&2
    exit 1
fi

echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown);" \
     "$(date -u '+%Y-%m-%d %H:%M UTC')"

export QT_QPA_PLATFORM=offscreen
mirror_out="$("$build/tests/bench/mirror_bench" "$rows" | tee /dev/stderr | grep '^MIRROR ' | tail -1)"
live_out="$("$build/tests/bench/live_bench" | tee /dev/stderr | grep '^LIVE ' | tail -1)"
[ -n "$mirror_out" ] || { echo "console.sh: mirror_bench printed no MIRROR line" >&2; exit 1; }
[ -n "$live_out" ] || { echo "console.sh: live_bench printed no LIVE line" >&2; exit 1; }

field() { # field <line> <name>
    sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" <<<" $1"
}
echo "RESULT rows=$(field "$mirror_out" rows) build_ms=$(field "$mirror_out" build_ms)" \
     "filter_ms=$(field "$mirror_out" filter_ms) rss_mb=$(field "$mirror_out" rss_mb)" \
     "live_eps=$(field "$live_out" live_eps) max_stall_ms=$(field "$live_out" max_stall_ms)"
