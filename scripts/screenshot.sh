#!/usr/bin/env bash
# Builds the console and saves a screenshot of its main window, shown in a real X window on a virtual
# X server (xvfb-run), as docs/screenshots/main-window.png. English, default size, fresh settings.
# Usage: scripts/screenshot.sh [output.png]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

output="${1:-docs/screenshots/main-window.png}"
build_dir="${TWINBRIDGE_BUILD_DIR:-build/screenshot}"
if [ ! -f "${build_dir}/CMakeCache.txt" ]; then
    cmake -S . -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWINBRIDGE_TESTS=OFF >/dev/null
fi
cmake --build "${build_dir}" -j"$(nproc)" --target twinbridge

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "${output}")"

# A fixed locale and an empty settings file, so that every run shows the same window.
LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=xcb XDG_CONFIG_HOME="$work/config" \
    xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    "${build_dir}/app/twinbridge/twinbridge" --settings "$work/settings.ini" --screenshot "$work/main-window.png"

cp "$work/main-window.png" "${output}"
echo "screenshot: ${output} ($(file -b "${output}"))"
