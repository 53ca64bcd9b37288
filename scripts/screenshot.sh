#!/usr/bin/env bash
# Builds the console and saves screenshots of it, shown in a real X window on a virtual X server
# (xvfb-run) with a private, unlocked keychain, into docs/screenshots/:
#   main-window.png  — a fresh start (no profile)
#   connections.png  — the Connections page with the profiles of scripts/screenshots/connections.ini
# English, fixed locale and window size, settings in a temporary file: every run shows the same window.
# Usage: scripts/screenshot.sh [output-directory]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

output_dir="${1:-docs/screenshots}"
build_dir="${TWINBRIDGE_BUILD_DIR:-build/screenshot}"
if [ ! -f "${build_dir}/CMakeCache.txt" ]; then
    cmake -S . -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWINBRIDGE_TESTS=OFF >/dev/null
fi
cmake --build "${build_dir}" -j"$(nproc)" --target twinbridge
app="$(pwd)/${build_dir}/app/twinbridge/twinbridge"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "${output_dir}"

# shot <name> <settings fixture or empty> [secret-tool store commands…]
shot() {
    local name="$1" fixture="$2"
    cp "${fixture:-/dev/null}" "$work/$name.ini"
    cat > "$work/$name.sh" <<SCENE
#!/bin/sh
# The API key of the first profile, stored the way QtKeychain stores it, so the page shows it as stored.
printf 'NNSXS.SCREENSHOTEXAMPLEKEYSCREENSHOTEXAMPLEKE.EXAMPLE' | secret-tool store --label=TwinBridge \
    user 4f1d2a3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/tts-api-key server TwinBridge type plaintext
LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=xcb \
    xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    "$app" --settings "$work/$name.ini" --screenshot "$work/$name.png"
SCENE
    chmod +x "$work/$name.sh"
    bash tests/support/with-keyring.sh "$work/$name.sh" 2>/dev/null
    cp "$work/$name.png" "${output_dir}/$name.png"
    echo "screenshot: ${output_dir}/$name.png ($(file -b "${output_dir}/$name.png"))"
}

shot main-window ""
shot connections scripts/screenshots/connections.ini
