#!/usr/bin/env bash
# Build, sign, package and notarise SupNotes for macOS, on a Mac.
#
# Needs: Xcode command-line tools (codesign, hdiutil, xcrun notarytool,
# stapler), uv, a "Developer ID Application" certificate in the keychain and
# a notarytool keychain profile (xcrun notarytool store-credentials).
#
#   SIGN_IDENTITY="Developer ID Application: Org (TEAMID)" \
#   NOTARY_PROFILE=supnotes-notary installers/macos/build-macos.sh
#
# Without SIGN_IDENTITY the app is ad-hoc signed and not notarised (for a
# local trial only: Gatekeeper will refuse it on other Macs).
# Output: installers/build/dist/SupNotes.app, installers/build/SupNotes-<version>.dmg
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
installers="$(cd "$here/.." && pwd)"
root="$(cd "$installers/.." && pwd)"
build="${SUPNOTES_BUILD_DIR:-$installers/build}"
mkdir -p "$build"
venv="$build/venv"
py="$venv/bin/python"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n1)"

echo "== build environment"
(cd "$root" && uv export --locked --no-dev --no-emit-project --format requirements-txt \
    --quiet -o "$build/requirements-app.txt")
rm -rf "$venv"
uv venv --quiet --python 3.11 "$venv"
uv pip install --quiet --python "$py" --require-hashes \
    -r "$build/requirements-app.txt" -r "$installers/requirements-build.txt"
uv pip install --quiet --python "$py" --no-deps "$root"

echo "== PyInstaller"
rm -rf "$build/dist"
(cd "$build" && "$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$build/dist" --workpath "$build/work" "$installers/supnotes.spec")
app="$build/dist/SupNotes.app"

echo "== checks of the bundle"
"$installers/check-bundle.sh" "$app/Contents/MacOS/supnotes" "$version"

echo "== codesign"
if [ -n "${SIGN_IDENTITY:-}" ]; then
    # Hardened runtime (required for notarisation). Qt and Python load
    # their own libraries, so library validation stays on and no JIT is asked for.
    codesign --force --deep --options runtime --timestamp \
        --entitlements "$here/entitlements.plist" --sign "$SIGN_IDENTITY" "$app"
else
    codesign --force --deep --sign - "$app"
fi
codesign --verify --deep --strict --verbose=2 "$app"

echo "== dmg"
dmg="$build/SupNotes-$version.dmg"
stage="$(mktemp -d)"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "SupNotes $version" -srcfolder "$stage" -ov -format UDZO "$dmg"
rm -rf "$stage"

if [ -n "${SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$SIGN_IDENTITY" "$dmg"
    if [ -n "${NOTARY_PROFILE:-}" ]; then
        echo "== notarisation"
        xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$dmg"
        spctl --assess --type open --context context:primary-signature --verbose "$dmg"
    fi
fi
echo "dmg: $dmg"
