#!/usr/bin/env bash
# Compile supnotes.wxs into an MSI on Linux with wixl (Debian wixl), against
# a stand-in of the Windows bundle: the real resources, and placeholder
# executables and DLLs with the names PyInstaller gives them. This checks the
# WiX source (and what IT will see in the MSI's tables) without Windows; the
# real MSI is built on Windows by build-windows.ps1.
#
#   installers/windows/wixl-build.sh OUTDIR [DEFAULTS.toml]
#
# Writes OUTDIR/SupNotes-<version>-stand-in.msi. Inspect it with msiinfo
# (Debian msitools): msiinfo export FILE.msi Property
set -euo pipefail
out="$(mkdir -p "$1" && cd "$1" && pwd)"
defaults="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
for tool in wixl wixl-heat; do
    command -v "$tool" >/dev/null || { echo "wixl-build: $tool is needed (Debian wixl)" >&2; exit 1; }
done
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n1)"

stage="$out/stage"
rm -rf "$stage"
bundle="$stage/supnotes"
mkdir -p "$bundle/_internal/PySide6/Qt/plugins/platforms"
printf 'stand-in\n' >"$bundle/SupNotes.exe"
printf 'stand-in\n' >"$bundle/supnotes-cli.exe"
printf 'stand-in\n' >"$bundle/_internal/python311.dll"
printf 'stand-in\n' >"$bundle/_internal/PySide6/Qt/plugins/platforms/qwindows.dll"
mkdir -p "$bundle/_internal/supnotes"
cp -a "$root/resources" "$bundle/_internal/supnotes/resources"
cp "$root/resources/icons/supnotes.ico" "$stage/supnotes.ico"

# wixl resolves sources relative to the working directory.
cd "$stage"
find supnotes -type f | sort | wixl-heat -p supnotes/ --component-group BundleFiles \
    --directory-ref INSTALLDIR --var var.BundleDir --win64 >bundle.wxs
fragment="$here/no-defaults.wxs"
defines=(-D Win64=yes -D "Version=$version" -D BundleDir=supnotes -D IconFile=supnotes.ico)
if [ -n "$defaults" ]; then
    cp "$defaults" defaults.toml
    fragment="$here/defaults.wxs"
    defines+=(-D DefaultsFile=defaults.toml)
fi
msi="$out/SupNotes-$version-stand-in.msi"
# wixl warns that it ignores Permanent/NeverOverwrite (WiX on Windows honours them).
wixl -a x64 "${defines[@]}" -o "$msi" "$here/supnotes.wxs" "$fragment" bundle.wxs \
    2> >(grep -v "Permanent\|NeverOverwrite\|^$" >&2)
echo "$msi"
