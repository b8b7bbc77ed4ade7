#!/usr/bin/env bash
# Builds the gateway module of another git revision into
# target/bench/base/dist/aigw.wasm (for `make bench-compare BASE=<rev>`),
# from a plain export of that revision; its build cache is kept between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:-HEAD}
DIR=target/bench/base
SHA=$(git rev-parse --verify "$REV^{commit}")
if [ -f "$DIR/.rev" ] && [ "$(cat "$DIR/.rev")" = "$SHA" ] && [ -f "$DIR/dist/aigw.wasm" ]; then
    echo "build-base: $REV ($SHA) already built"
    exit 0
fi
mkdir -p "$DIR"
# Replace the sources, keep target/ (incremental builds).
find "$DIR" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
git archive "$SHA" | tar -x -C "$DIR"
(cd "$DIR" && scripts/build-wasm.sh)
echo "$SHA" > "$DIR/.rev"
