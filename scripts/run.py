#!/usr/bin/env python3
"""`make run`: starts Envoy with the gateway filter on 127.0.0.1:$PORT.

With OPENAI_API_KEY or ANTHROPIC_API_KEY set it uses envoy/gateway.yaml
(real providers over TLS). With neither it starts the bundled mock provider
and uses envoy/demo.yaml with the demo plugin configuration
envoy/demo-features.json (cache, a limit and a DLP policy on: see README
"Try it"). Ctrl-C stops everything it started.

Several runs can share a machine: each Envoy takes a dynamic base id (no
shared-memory clash), the admin listener and the mock take free ports unless
ADMIN_PORT / MOCK_PORT say otherwise, and each run writes its own files.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import envoy_config  # noqa: E402

PORT = int(os.environ.get("PORT", "10000"))
# 0: a free port, found before start (the admin port) or by the OS.
ADMIN_PORT = int(os.environ.get("ADMIN_PORT", "0"))
MOCK_PORT = int(os.environ.get("MOCK_PORT", "0"))
DEMO_PLUGIN = ROOT / "envoy/demo-features.json"
# Access-log lines show up within this many ms (Envoy's default is 10 s).
FLUSH_MS = "100"
ENVOY = os.environ.get("ENVOY") or str(ROOT / ".venv/bin/envoy")
WASM = ROOT / "dist/aigw.wasm"
MOCK = ROOT / "target/release/aigw-mock"
KEYS = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, proc, what, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"run: {what} exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"run: {what} did not become ready within {seconds}s")


def main():
    procs = []
    files = []

    def cleanup():
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
        for f in files:
            f.unlink(missing_ok=True)

    def stop(*_):
        cleanup()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        serve(procs, files, stop)
    finally:
        # Also when something failed to start: nothing is left behind.
        cleanup()


def serve(procs, files, stop):
    """Starts the mock (without provider keys) and Envoy, then waits."""
    keys = [k for k in KEYS if os.environ.get(k)]
    if keys:
        cfg = envoy_config.load(ROOT / "envoy/gateway.yaml")
        print(f"run: provider keys found ({', '.join(keys)}): routing to the real providers over TLS")
        missing = [k for k in KEYS if k not in keys]
        if missing:
            print(f"run: {', '.join(missing)} not set: those providers pass the client's own key through")
    else:
        mock_port = MOCK_PORT or free_port()
        cfg = envoy_config.load(ROOT / "envoy/demo.yaml")
        envoy_config.set_cluster_endpoint(cfg, "mock", "127.0.0.1", mock_port)
        envoy_config.set_plugin_config(cfg, json.loads(DEMO_PLUGIN.read_text()))
        print(f"run: no provider keys set (OPENAI_API_KEY, ANTHROPIC_API_KEY):")
        print(f"run: starting the bundled mock provider on 127.0.0.1:{mock_port} and routing to it")
        print(f"run: demo features on ({DEMO_PLUGIN.relative_to(ROOT)}): cache, a per-user limit, "
              "a DLP policy; see README \"Try it\"")
        mock = subprocess.Popen([str(MOCK), "--listen", f"127.0.0.1:{mock_port}"], stdout=subprocess.DEVNULL)
        procs.append(mock)
        wait_ready(f"http://127.0.0.1:{mock_port}/__mock/health", mock, "the mock provider")

    admin_port = ADMIN_PORT or free_port()
    envoy_config.set_listener_port(cfg, "gateway", PORT)
    envoy_config.set_admin_port(cfg, admin_port)
    envoy_config.set_wasm_path(cfg, WASM)
    run_dir = ROOT / ".run"
    run_dir.mkdir(exist_ok=True)
    conf = run_dir / f"envoy-{PORT}.yaml"
    envoy_config.dump(cfg, conf)
    files.append(conf)

    # A dynamic base id: another Envoy on this machine (a second `make
    # run`, the tests) has its own shared memory. Prompt log flushes.
    envoy = subprocess.Popen([ENVOY, "-c", str(conf), "--use-dynamic-base-id",
                              "--file-flush-interval-msec", FLUSH_MS,
                              "--log-level", "warning", "--component-log-level", "wasm:info"])
    procs.append(envoy)
    wait_ready(f"http://127.0.0.1:{admin_port}/ready", envoy, "Envoy")
    print(f"run: gateway listening on http://127.0.0.1:{PORT} (Envoy admin on 127.0.0.1:{admin_port})")
    print(f"run: try  curl -s http://127.0.0.1:{PORT}/openai/v1/chat/completions "
          "-H 'content-type: application/json' "
          "-d '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'")
    print("run: Ctrl-C stops the gateway" + ("" if keys else " and the mock"), flush=True)
    while True:
        for p in procs:
            if p.poll() is not None:
                print(f"run: {p.args[0]} exited with status {p.returncode}", file=sys.stderr)
                stop()
        time.sleep(0.5)


if __name__ == "__main__":
    main()
