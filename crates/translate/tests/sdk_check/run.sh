#!/usr/bin/env bash
# Runs the SDK check: builds the manifest of translated outputs, then lets the
# official OpenAI and Anthropic Python SDKs parse it. A throwaway virtualenv
# is created under /tmp unless VENV names an existing one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${VENV:-/tmp/aigw-translate-sdk-check}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r "$here/requirements.txt"
fi
manifest="$(mktemp /tmp/aigw-translate-manifest.XXXXXX.json)"
trap 'rm -f "$manifest"' EXIT
cargo run -q -p aigw-translate --example sdk_fixtures > "$manifest"
"$venv/bin/python" "$here/check.py" "$manifest"
