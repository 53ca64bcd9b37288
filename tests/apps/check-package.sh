#!/usr/bin/env bash
# Builds the Debian package and the tarball with CPack from an already built tree, checks the package's
# control data and contents, and runs the programs extracted from it (not the build tree's).
# Usage: check-package.sh <build dir> <cpack> <version> <app id> <gui: ON|OFF>
set -euo pipefail
build_dir=$1 cpack=$2 version=$3 app_id=$4 gui=$5

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-package: $*" >&2; exit 1; }

echo "== cpack -G DEB;TGZ"
if ! "$cpack" -G "DEB;TGZ" -B "$work/out" --config "$build_dir/CPackConfig.cmake" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack failed"
fi
deb=$(ls "$work"/out/twinbridge_"$version"_*.deb 2>/dev/null | head -n1)
tgz=$(ls "$work"/out/twinbridge-"$version"-*.tar.gz 2>/dev/null | head -n1)
[ -n "$deb" ] || { ls -l "$work/out" >&2; fail "no twinbridge_${version}_*.deb was built"; }
[ -n "$tgz" ] || { ls -l "$work/out" >&2; fail "no twinbridge-${version}-*.tar.gz was built"; }

echo "== control data of $(basename "$deb")"
dpkg-deb -f "$deb" | tee "$work/control"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = twinbridge ] || fail "Package is not twinbridge"
[ "$(field Version)" = "$version" ] || fail "Version is not $version"
[ "$(field Section)" = net ] || fail "Section is not net"
[ -n "$(field Maintainer)" ] || fail "Maintainer is empty"
[ -n "$(field Description)" ] || fail "Description is empty"
depends=$(field Depends)
# From dpkg-shlibdeps (shared libraries the programs link) and from the explicit list (plugins).
for dep in libc6 libqt6core6 libqt6sql6-sqlite; do
    grep -Eq "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
if [ "$gui" = ON ]; then
    for dep in libqt6widgets6 libqt6svg6; do
        grep -Eq "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
    done
fi

echo "== contents"
dpkg-deb -x "$deb" "$work/root"
(cd "$work/root" && find . -type f | sort)
expect() { [ -f "$work/root/$1" ] || fail "the package lacks /$1"; }
expect usr/bin/twinbridged
expect usr/share/doc/twinbridge/twinbridged.md
if [ "$gui" = ON ]; then
    expect usr/bin/twinbridge
    expect "usr/share/applications/$app_id.desktop"
    expect "usr/share/metainfo/$app_id.metainfo.xml"
    expect "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    desktop-file-validate "$work/root/usr/share/applications/$app_id.desktop" || fail "invalid desktop file"
    appstreamcli validate --no-net "$work/root/usr/share/metainfo/$app_id.metainfo.xml" \
        || fail "invalid AppStream metainfo"
fi
tar -tzf "$tgz" | grep -q '/bin/twinbridged$' || fail "the tarball lacks bin/twinbridged"

echo "== run the extracted programs"
"$work/root/usr/bin/twinbridged" --help >"$work/help.txt" || fail "twinbridged --help failed"
grep -q "Exit codes" "$work/help.txt" || fail "twinbridged --help does not explain the exit codes"
head -n1 "$work/help.txt"
if [ "$gui" = ON ]; then
    QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/twinbridge" --version >"$work/version.txt" \
        || fail "twinbridge --version failed"
    cat "$work/version.txt"
    [ "$(head -n1 "$work/version.txt")" = "twinbridge $version" ] || fail "twinbridge --version prints no version"
    for component in Qt OpenSSL libmosquitto QtKeychain; do
        grep -q "^$component [0-9]" "$work/version.txt" || fail "twinbridge --version lacks $component"
    done
fi
echo "check-package: OK"
