#!/usr/bin/env bash
# Installs the Debian packages, builds TwinBridge twice with -Werror — the full build and the engine-only
# build (-DTWINBRIDGE_GUI=OFF, proving services/models/twinbridged need no Qt Widgets) — and runs every
# test with CTest. The last lines are CTest's summary. Used by the README and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

jobs="$(nproc)"
build_dir="${TWINBRIDGE_BUILD_DIR:-build/test}"
nogui_dir="${build_dir}-nogui"

echo "== configure and build: full (GUI on) in ${build_dir}"
cmake -S . -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWINBRIDGE_WERROR=ON >/dev/null
cmake --build "${build_dir}" -j"${jobs}"

echo "== configure and build: engine only (TWINBRIDGE_GUI=OFF) in ${nogui_dir}"
cmake -S . -B "${nogui_dir}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWINBRIDGE_WERROR=ON \
    -DTWINBRIDGE_GUI=OFF >/dev/null
cmake --build "${nogui_dir}" -j"${jobs}"

echo "== tests: engine-only build"
ctest --test-dir "${nogui_dir}" --output-on-failure -j"${jobs}" --timeout 600

echo "== tests: full build"
ctest --test-dir "${build_dir}" --output-on-failure -j"${jobs}" --timeout 600
