#!/usr/bin/env bash
# Installs the Debian packages, builds TwinBridge twice with -Werror — the full build and the engine-only
# build (-DTWINBRIDGE_GUI=OFF, proving services/models/twinbridged need no Qt Widgets) — and runs every
# test with CTest. The last lines are CTest's summary. Used by the README and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

jobs="$(nproc)"
# Let ccache share objects between the two build directories (same depth, paths made relative).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
build_dir="${TWINBRIDGE_BUILD_DIR:-build/test}"
nogui_dir="${build_dir}-nogui"
# Optimised, without debug information: every test links the static service and sandbox libraries, and with
# -g the test tree alone grew past 12 GB, more than a CI machine's disk may hold (a CI run failed with
# "No space left on device"). Without -g it is about 0.6 GB. For a debugger, build RelWithDebInfo by hand.
build_type=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG")

echo "== configure and build: full (GUI on) in ${build_dir}"
cmake -S . -B "${build_dir}" -G Ninja "${build_type[@]}" -DTWINBRIDGE_WERROR=ON >/dev/null
cmake --build "${build_dir}" -j"${jobs}"

# The engine-only build proves that the services, the models and the headless programs need no Qt Widgets
# (qBittorrent's GUI=OFF job). Its object files are the full build's, so ccache makes it cheap; the same
# code is tested once, in the full build.
echo "== configure and build: engine only (TWINBRIDGE_GUI=OFF, no tests) in ${nogui_dir}"
cmake -S . -B "${nogui_dir}" -G Ninja "${build_type[@]}" -DTWINBRIDGE_WERROR=ON \
    -DTWINBRIDGE_GUI=OFF -DTWINBRIDGE_TESTS=OFF >/dev/null
cmake --build "${nogui_dir}" -j"${jobs}"
if ldd "${nogui_dir}/app/twinbridged/twinbridged" | grep -q 'libQt6Widgets'; then
    echo "test: twinbridged links Qt Widgets in the engine-only build" >&2
    exit 1
fi

echo "== tests: full build"
ctest --test-dir "${build_dir}" --output-on-failure -j"${jobs}" --timeout 600
