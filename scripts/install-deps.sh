#!/usr/bin/env bash
# Installs every Debian 12 package TwinBridge needs to build, test and run its demo.
# Idempotent and non-interactive: packages already present are skipped, apt-get update runs at most once.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git file clang lld libclang-rt-14-dev
  # Qt 6.4 (Widgets, Network, HttpServer, Sql+SQLite, Charts, Svg, Test, LinguistTools)
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite libqt6svg6
  qt6-qpa-plugins libqt6opengl6-dev libgl-dev libegl-dev libxkbcommon-dev
  # secrets, TLS, MQTT
  qtkeychain-qt6-dev libssl-dev openssl libmosquitto-dev mosquitto mosquitto-clients
  # real Secret Service for keychain tests, X server for screenshots
  dbus dbus-x11 gnome-keyring libsecret-tools xvfb xauth imagemagick
  # installer checks
  dpkg-dev fakeroot appstream desktop-file-utils
)

# Node 20 for the conformance tests and the Azure Function: keep an existing Node (e.g. NodeSource's 20)
# rather than replacing it with Debian's older one.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
