#!/usr/bin/env bash
# Pack a built bundle with its desktop integration into a tarball, after
# validating the .desktop file and the AppStream metainfo.
#
#   installers/linux/package.sh BUNDLE VERSION ARCH OUTDIR
#
# The tarball unpacks to SupNotes-VERSION/ holding:
#   supnotes/                    the one-folder bundle (run supnotes/supnotes)
#   share/applications/          org.supnotes.SupNotes.desktop
#   share/metainfo/              org.supnotes.SupNotes.metainfo.xml
#   share/icons/hicolor/*/apps/  org.supnotes.SupNotes.{png,svg}
#   install.sh                   copies it all under a prefix (default /opt + /usr/local)
set -euo pipefail
bundle="$1"; version="$2"; arch="$3"; out="$4"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
linux="$root/resources/linux"
icons="$root/resources/icons"
id=org.supnotes.SupNotes
fail() { printf 'package: %s\n' "$*" >&2; exit 1; }

command -v desktop-file-validate >/dev/null || fail "desktop-file-validate is needed (Debian desktop-file-utils)"
command -v appstreamcli >/dev/null || fail "appstreamcli is needed (Debian appstream)"
desktop-file-validate "$linux/$id.desktop"
appstreamcli validate --no-net --pedantic "$linux/$id.metainfo.xml" >/dev/null \
    || appstreamcli validate --no-net "$linux/$id.metainfo.xml"
grep -q "<release version=\"$version\"" "$linux/$id.metainfo.xml" \
    || fail "the metainfo has no release notes for $version"
echo "desktop-file-validate and appstreamcli validate --no-net: passed"

name="SupNotes-$version"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
top="$stage/$name"
mkdir -p "$top/share/applications" "$top/share/metainfo" "$top/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$top/supnotes"
cp "$linux/$id.desktop" "$top/share/applications/"
cp "$linux/$id.metainfo.xml" "$top/share/metainfo/"
cp "$icons/supnotes.svg" "$top/share/icons/hicolor/scalable/apps/$id.svg"
for png in "$icons"/supnotes-*.png; do
    size="$(basename "$png" .png)"; size="${size#supnotes-}"
    mkdir -p "$top/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$top/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
install -m 0755 "$here/install.sh" "$top/install.sh"
tarball="$out/$name-linux-$arch.tar.gz"
tar -C "$stage" --owner=0 --group=0 -czf "$tarball" "$name"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1); bundle $(du -sh "$bundle" | cut -f1))"
