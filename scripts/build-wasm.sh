#!/usr/bin/env bash
# Builds a filter crate for wasm32-wasip1: by default the gateway into
# dist/aigw.wasm; `build-wasm.sh PACKAGE OUT` builds another (the benchmark's
# no-op filter).
#
# Uses rustup's wasm32-wasip1 target where it is installed (a normal laptop).
# Otherwise (machines that cannot download rustup targets) it uses Debian's
# rust-web toolchain, which builds std for the target from source
# (-Zbuild-std); scripts/setup.sh installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=wasm32-wasip1
PACKAGE=${1:-aigw-filter}
OUT=${2:-dist/aigw.wasm}
ARTIFACT=${PACKAGE//-/_}.wasm
mkdir -p "$(dirname "$OUT")"

if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    echo "build-wasm: rustup target $TARGET"
    cargo build --release --target "$TARGET" -p "$PACKAGE"
    cp "target/$TARGET/release/$ARTIFACT" "$OUT"
else
    if [ ! -x /usr/bin/cargo ] || [ ! -d /usr/lib/wasm32-wasi ]; then
        scripts/setup.sh wasm-toolchain
    fi
    echo "build-wasm: Debian rust-web toolchain with -Zbuild-std"
    # A separate target dir keeps the two toolchains' artefacts apart.
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=target/wasm-debian \
        RUSTFLAGS="-C link-self-contained=no -L /usr/lib/wasm32-wasi" \
        /usr/bin/cargo build --release --target "$TARGET" -p "$PACKAGE" \
        -Zbuild-std=std,panic_abort
    cp "target/wasm-debian/$TARGET/release/$ARTIFACT" "$OUT"
fi
echo "build-wasm: $OUT ($(wc -c < "$OUT") bytes)"
