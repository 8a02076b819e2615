#!/usr/bin/env bash
# Check a built SupNotes executable: version, every command's --help, the
# app's --smoke (offscreen), a sealed demo record's verify, and check.
#
#   installers/check-bundle.sh PATH/TO/supnotes VERSION
set -euo pipefail
app="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
version="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { printf 'check-bundle: %s\n' "$*" >&2; exit 1; }

# Nothing from the developer's machine leaks in: a fresh home, no source tree
# on the path, the offscreen Qt platform.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME"
unset PYTHONPATH VIRTUAL_ENV
export QT_QPA_PLATFORM=offscreen
export SUPNOTES_PASSPHRASE="correct horse battery staple 7"
export SUPNOTES_DEFAULTS="$work/no-defaults.toml"
cd "$work"

got="$("$app" --version)"
[ "$got" = "SupNotes $version" ] || fail "--version says '$got', pyproject.toml says $version"
echo "version: $got"

# Every command and sub-action answers --help (each imports its module).
"$app" --help >/dev/null
commands="$("$app" --help | sed -n 's/^    \([a-z][a-z-]*\) .*/\1/p; s/^    \([a-z][a-z-]*\)$/\1/p' | sort -u)"
[ -n "$commands" ] || fail "no commands found in --help"
for name in $commands; do
    "$app" "$name" --help >/dev/null || fail "$name --help failed"
done
for action in list import remove; do
    "$app" trust "$action" --help >/dev/null || fail "trust $action --help failed"
done
echo "help: $(echo $commands | wc -w) commands answer --help"

# Milliseconds (macOS date has no %N: whole seconds there).
now_ms() {
    local n
    n="$(date +%s%N)"
    case "$n" in
        *N) echo $(($(date +%s) * 1000)) ;;
        *) echo $((n / 1000000)) ;;
    esac
}
start=$(now_ms)
"$app" --smoke --demo >"$work/smoke.txt" 2>&1 || { cat "$work/smoke.txt" >&2; fail "--smoke failed"; }
end=$(now_ms)
echo "smoke: $(grep -v 'This plugin does not support' "$work/smoke.txt" | tr '\n' ' ')(wall $((end - start)) ms)"

# A demo vault with really sealed records; one is exported and verified
# against the supervisor's certificate as the trust register. A decision is
# taken: the demo has one one-to-one counter-signed by its supervisee, whose
# certificate is not in that register (verify would rightly say exit 3), and
# which record is listed first depends on the day the demo is made.
"$app" demo --days 30 --vault "$work/vault" >/dev/null
record="$("$app" list --vault "$work/vault" --status signed | grep -m1 'ad-hoc-decision@' | cut -f1)"
[ -n "$record" ] || fail "the demo vault has no signed record"
"$app" export --vault "$work/vault" --format pdf --record "$record" --out "$work/record.pdf" >/dev/null
"$app" certificate --vault "$work/vault" --out "$work/supervisor.pem" >/dev/null
set +e
"$app" verify "$work/record.pdf" --trust "$work/supervisor.pem" >"$work/verify.txt"
code=$?
set -e
case $code in
    0 | 3) echo "verify: exit $code ($(grep -c -i intact "$work/verify.txt") 'intact' lines)" ;;
    *) cat "$work/verify.txt" >&2; fail "verify of a sealed demo record exited $code" ;;
esac
"$app" check --vault "$work/vault" >"$work/check.txt" || { cat "$work/check.txt" >&2; fail "check failed"; }
echo "check: $(tail -n1 "$work/check.txt")"
