#!/usr/bin/env bash
# Installs the Debian packages, builds TwinBridge, starts twinbridge-sandbox (the local stand-in for The Things
# Stack and Azure) with 50 virtual devices, and opens the console with the "Sandbox" connection profile
# imported from the sandbox's sandbox.json (secrets into the OS keychain) and the integration engine running
# on the Bridge page (twinbridge --start-bridge): uplinks flow to the sandbox's IoT hub, and the sandbox's
# Function posts twin changes back to the engine. Closing the console (the engine drains first), Ctrl+C or
# SIGTERM stops the sandbox.
#
# Environment: TWINBRIDGE_BUILD_DIR (default build/demo), TWINBRIDGE_DEMO_DEVICES (default 50),
# TWINBRIDGE_DEMO_UPLINK_INTERVAL (seconds between two uplinks of a virtual device, default 15),
# TWINBRIDGE_DEMO_TIMEOUT (seconds to wait for the sandbox, default 60). Arguments go to the console, e.g.
# `--screenshot FILE` saves a picture of the Bridge page after 20 s of traffic and quits.
# The sandbox keeps its state in ${XDG_STATE_HOME:-~/.local/state}/twinbridge/sandbox and logs to
# ${XDG_STATE_HOME:-~/.local/state}/twinbridge/sandbox.log.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

build_dir="${TWINBRIDGE_BUILD_DIR:-build/demo}"
# Optimised without debug information, like the test build (scripts/test.sh), so that ccache shares objects.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
    -DTWINBRIDGE_TESTS=OFF >/dev/null
cmake --build "${build_dir}" -j"$(nproc)" --target twinbridge twinbridge-sandbox

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "demo: no display found (DISPLAY/WAYLAND_DISPLAY unset). Run this from a desktop session," >&2
    echo "      or wrap it in a virtual X server: xvfb-run -a bash scripts/demo.sh" >&2
    exit 1
fi

devices="${TWINBRIDGE_DEMO_DEVICES:-50}"
uplink_interval="${TWINBRIDGE_DEMO_UPLINK_INTERVAL:-15}"
timeout="${TWINBRIDGE_DEMO_TIMEOUT:-60}"
state_root="${XDG_STATE_HOME:-$HOME/.local/state}/twinbridge"
state_dir="${state_root}/sandbox"
description="${state_dir}/sandbox.json"
log_file="${state_root}/sandbox.log"
mkdir -p "${state_dir}"
# A sandbox.json left by a sandbox that was killed names ports nobody listens on: wait for a fresh one.
rm -f "${description}"

sandbox_pid=""
console_pid=""
# stop <pid> <what>: SIGTERM, then wait until it has stopped.
stop() {
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        echo "demo: stopping the $2 (pid $1)…" >&2
        kill -TERM "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
stop_all() {
    stop "${console_pid}" console
    console_pid=""
    stop "${sandbox_pid}" sandbox
    sandbox_pid=""
}
show_log() {
    echo "demo: the last lines of its log (${log_file}):" >&2
    tail -n 40 "${log_file}" >&2 || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "demo: starting twinbridge-sandbox with ${devices} devices (state in ${state_dir})…"
"${build_dir}/app/twinbridge-sandbox/twinbridge-sandbox" --state-dir "${state_dir}" --devices "${devices}" \
    --uplink-interval "${uplink_interval}" >"${log_file}" 2>&1 &
sandbox_pid=$!

deadline=$((SECONDS + timeout))
until [ -f "${description}" ]; do
    if ! kill -0 "${sandbox_pid}" 2>/dev/null; then
        status=0
        wait "${sandbox_pid}" || status=$?
        sandbox_pid=""
        echo "demo: twinbridge-sandbox stopped (exit status ${status}) before it was ready." >&2
        show_log
        exit 1
    fi
    if [ "${SECONDS}" -ge "${deadline}" ]; then
        echo "demo: twinbridge-sandbox did not write ${description} within ${timeout} s" \
             "(set TWINBRIDGE_DEMO_TIMEOUT to wait longer)." >&2
        show_log
        exit 1
    fi
    sleep 0.2
done
echo "demo: the sandbox is ready; opening the console with the profile from ${description} and starting the bridge."

# In the background, so that a signal to this script is handled at once (not only after the console exits).
"${build_dir}/app/twinbridge/twinbridge" --import-sandbox "${description}" --start-bridge "$@" &
console_pid=$!
status=0
wait "${console_pid}" || status=$?
console_pid=""
exit "${status}" # the EXIT trap stops the sandbox
