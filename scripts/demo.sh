#!/usr/bin/env bash
# Installs the Debian packages, builds TwinBridge and opens the console.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

build_dir="${TWINBRIDGE_BUILD_DIR:-build/demo}"
cmake -S . -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWINBRIDGE_TESTS=OFF >/dev/null
cmake --build "${build_dir}" -j"$(nproc)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "demo: no display found (DISPLAY/WAYLAND_DISPLAY unset). Run this from a desktop session," >&2
    echo "      or wrap it in a virtual X server: xvfb-run -a bash scripts/demo.sh" >&2
    exit 1
fi

exec "${build_dir}/app/twinbridge/twinbridge" "$@"
