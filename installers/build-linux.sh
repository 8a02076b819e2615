#!/usr/bin/env bash
# Build SupNotes' Linux bundle and tarball, then check them.
#
#   installers/build-linux.sh            build, check, package
#   SUPNOTES_BUILD_DIR=/tmp/b installers/build-linux.sh
#
# Output: $BUILD/dist/supnotes/ (the one-folder bundle) and
# $BUILD/SupNotes-<version>-linux-<arch>.tar.gz. $BUILD defaults to
# installers/build (git ignores it).
#
# The build runs in a throwaway environment, $BUILD/venv: the app's runtime
# dependencies exactly as uv.lock pins them (no dev group, so no test
# libraries), SupNotes itself as a wheel, and PyInstaller from
# requirements-build.txt (pinned with hashes). Nothing here touches the
# project's .venv or uv.lock.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${SUPNOTES_BUILD_DIR:-$here/build}"
mkdir -p "$build"
build="$(cd "$build" && pwd)"
venv="$build/venv"
py="$venv/bin/python"

say() { printf '== %s\n' "$*"; }
fail() { printf 'build-linux: %s\n' "$*" >&2; exit 1; }

for tool in uv objdump; do
    command -v "$tool" >/dev/null || fail "$tool is needed (objdump: Debian package binutils)"
done

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n1)"
[ -n "$version" ] || fail "no version in pyproject.toml"
arch="$(uname -m)"

say "build environment ($venv)"
(cd "$root" && uv export --locked --no-dev --no-emit-project --format requirements-txt \
    --quiet -o "$build/requirements-app.txt")
stamp="$( (cat "$build/requirements-app.txt" "$here/requirements-build.txt") | sha256sum | cut -c1-16)"
if [ ! -x "$py" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$venv"
    uv venv --quiet --python "$(cd "$root" && uv python find)" "$venv"
    uv pip install --quiet --python "$py" --require-hashes \
        -r "$build/requirements-app.txt" -r "$here/requirements-build.txt"
    echo "$stamp" >"$venv/.stamp"
fi
# SupNotes itself, as a wheel would install it (resources inside the package).
uv pip install --quiet --python "$py" --no-deps --reinstall-package supnotes "$root"

say "PyInstaller"
rm -rf "$build/dist/supnotes"
(cd "$build" && "$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$build/dist" --workpath "$build/work" "$here/supnotes.spec")
bundle="$build/dist/supnotes"
app="$bundle/supnotes"
[ -x "$app" ] || fail "the bundle has no executable"

say "checks of the bundle"
"$here/check-bundle.sh" "$app" "$version"

say "tarball"
"$here/linux/package.sh" "$bundle" "$version" "$arch" "$build"
