#!/bin/sh
# Install SupNotes from the unpacked tarball, machine-wide (run as root):
#   sudo ./install.sh            -> /opt/supnotes, /usr/local/bin/supnotes, /usr/local/share
#   PREFIX=$HOME/.local ./install.sh   (one user: ~/.local/opt, ~/.local/bin, ~/.local/share)
# Uninstall: remove $PREFIX/opt/supnotes (or /opt/supnotes), the supnotes link
# and the files under share/ it lists. Vaults and settings are never touched.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-/usr/local}"
if [ "$prefix" = /usr/local ]; then opt=/opt/supnotes; else opt="$prefix/opt/supnotes"; fi
rm -rf "$opt"
mkdir -p "$(dirname "$opt")" "$prefix/bin" "$prefix/share"
cp -a "$here/supnotes" "$opt"
ln -sf "$opt/supnotes" "$prefix/bin/supnotes"
cp -a "$here/share/." "$prefix/share/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$prefix/share/icons/hicolor" || true
echo "SupNotes installed in $opt; run 'supnotes' or find it in the applications menu."
