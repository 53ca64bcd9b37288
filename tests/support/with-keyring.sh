#!/usr/bin/env bash
# Runs a command against the real Secret Service: a private D-Bus session with gnome-keyring started and
# unlocked, HOME and the XDG directories in a fresh temporary directory (removed afterwards). CTest uses
# it for every test labelled "keyring" (see twinbridge_add_test(... KEYRING)).
set -euo pipefail

tmp="$(mktemp -d "${TMPDIR:-/tmp}/twinbridge-keyring.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export TWINBRIDGE_TEST_HOME="$HOME"

status=0
dbus-run-session -- sh -c '
    eval "$(printf "%s" "twinbridge-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    "$@"
    rc=$?
    exit $rc
' sh "$@" || status=$?
exit "$status"
