#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (+ ASan + UBSan) in build/fuzz and runs each one for N seconds.
#
#   tests/fuzz/run.sh [seconds] [target…]     default: 60 s, every target declared in tests/fuzz/CMakeLists.txt
#
# Each target mutates a working corpus in build/fuzz/corpus/<target> seeded from tests/fuzz/corpus/<target>
# (the seeds in the repository are never modified). Crashes go to build/fuzz/artifacts/<target>/, logs to
# build/fuzz/logs/<target>.log, and a Markdown summary (runs, execs/s, findings) to build/fuzz/summary.md.
# Exit status: 0 if no target found anything. JOBS (default 2) sets the build parallelism.
set -euo pipefail

seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$root/build/fuzz"

cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DTWINBRIDGE_FUZZ=ON -DTWINBRIDGE_GUI=OFF -DTWINBRIDGE_TESTS=ON >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target twinbridge_fuzzers

mkdir -p "$build/logs"
summary="$build/summary.md"
{
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
    echo "Compiler: $(clang++ --version | head -1); $seconds s per target"
    echo
    echo "| Target | Runs | Execs/s | New corpus inputs | Coverage (edges) | Findings |"
    echo "|---|---:|---:|---:|---:|---|"
} >"$summary"

failed=0
while IFS='|' read -r name binary corpus dict; do
    [ -n "$name" ] || continue
    if [ "$#" -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
    work="$build/corpus/$name"
    artifacts="$build/artifacts/$name"
    log="$build/logs/$name.log"
    mkdir -p "$work" "$artifacts"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
          -artifact_prefix="$artifacts/")
    if [ -n "$dict" ]; then args+=(-dict="$dict"); fi
    echo "== $name: fuzzing for $seconds s"
    status=0
    "$binary" "${args[@]}" "$work" "$corpus" >"$log" 2>&1 || status=$?
    runs="$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    speed="$(grep -m1 -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')"
    inputs="$(find "$work" -type f | wc -l)"
    crashes="$(find "$artifacts" -type f | wc -l)"
    if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        findings="**$crashes** (exit $status, see $log)"
        failed=1
    else
        findings="none"
    fi
    echo "| $name | $runs | $speed | $inputs | $cov | $findings |" >>"$summary"
    echo "   runs=$runs execs/s=$speed corpus=$inputs cov=$cov findings=$findings"
done <"$build/fuzzers.txt"

echo
cat "$summary"
exit "$failed"
