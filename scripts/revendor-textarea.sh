#!/usr/bin/env bash
# Re-vendoring the editor widget (vendor/tui-textarea-2, see its PATCHES.md).
#
#   scripts/revendor-textarea.sh            recompute vendor/tui-textarea-2/reportbench.patch:
#                                           the vendored src/ against upstream at the
#                                           vendored version (run after changing a patch)
#   scripts/revendor-textarea.sh VERSION    move to upstream VERSION: its src/ with the
#                                           patch applied replaces the vendored src/ when
#                                           every hunk applies; else the rejects are shown
#                                           and nothing changes
#
# Upstream is fetched by cargo (the registry cargo reaches), into a scratch
# project, so nothing here downloads anything else.
set -euo pipefail
cd "$(dirname "$0")/.."
vendor=vendor/tui-textarea-2
patchfile=$vendor/reportbench.patch
current=$(sed -n 's/^version = "\(.*\)"/\1/p' "$vendor/Cargo.toml" | head -n1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The upstream sources of tui-textarea-2 at version $1, printed as a path.
upstream() {
  local v=$1 p=$scratch/fetch-$1
  mkdir -p "$p/src"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ntui-textarea-2 = { version = "=%s", default-features = false }\n' "$v" > "$p/Cargo.toml"
  : > "$p/src/lib.rs"
  cargo fetch --quiet --manifest-path "$p/Cargo.toml" >&2
  local home=${CARGO_HOME:-$HOME/.cargo}
  local dir
  dir=$(ls -d "$home"/registry/src/*/tui-textarea-2-"$v" 2>/dev/null | head -n1)
  [ -n "$dir" ] || { echo "revendor: upstream $v not found after cargo fetch" >&2; exit 1; }
  echo "$dir"
}

if [ $# -eq 0 ]; then
  up=$(upstream "$current")
  # The patch is the difference of src/ only: examples, upstream's
  # integration tests and dev-dependencies are left out on purpose.
  (cd "$scratch" && mkdir -p a b && cp -r "$up/src" a/src && cp -r "$OLDPWD/$vendor/src" b/src \
    && diff -ruN a/src b/src > patch || true)
  # Without the files' times, so that the same patches give the same file.
  sed -E 's/^(---|\+\+\+) ([^\t]+)\t.*/\1 \2/' "$scratch/patch" > "$patchfile"
  echo "wrote $patchfile: $(grep -c '^@@' "$patchfile") hunks against upstream $current"
  exit 0
fi

next=$1
up=$(upstream "$next")
work=$scratch/work
mkdir -p "$work"
cp -r "$up/src" "$work/src"
if ! (cd "$work" && patch -p1 --dry-run --forward < "$OLDPWD/$patchfile" > "$scratch/dry" 2>&1); then
  cat "$scratch/dry"
  echo "revendor: the patch does not apply to $next as it is; nothing changed. Port the hunks above by hand (PATCHES.md says what each one is for)." >&2
  exit 1
fi
(cd "$work" && patch -p1 --forward --quiet < "$OLDPWD/$patchfile")
rm -rf "$vendor/src"
cp -r "$work/src" "$vendor/src"
sed -i "0,/^version = \"$current\"/s//version = \"$next\"/" "$vendor/Cargo.toml"
echo "vendored tui-textarea-2 $next with the patches; now: update PATCHES.md, cargo update -p tui-textarea-2, and run the tests (cargo test; cargo test -p tui-textarea-2 --lib --features search), then scripts/revendor-textarea.sh to refresh the patch file"
