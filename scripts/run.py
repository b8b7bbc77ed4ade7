#!/usr/bin/env python3
"""`make run`: starts Envoy with the gateway filter on 127.0.0.1:$PORT.

With OPENAI_API_KEY or ANTHROPIC_API_KEY set it uses envoy/gateway.yaml
(real providers over TLS). With neither it starts the bundled mock provider
and uses envoy/demo.yaml. Ctrl-C stops everything it started.
"""
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import envoy_config  # noqa: E402

PORT = int(os.environ.get("PORT", "10000"))
ADMIN_PORT = int(os.environ.get("ADMIN_PORT", "9901"))
MOCK_PORT = int(os.environ.get("MOCK_PORT", "18080"))
ENVOY = os.environ.get("ENVOY") or str(ROOT / ".venv/bin/envoy")
WASM = ROOT / "dist/aigw.wasm"
MOCK = ROOT / "target/release/aigw-mock"
KEYS = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY")


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

    def stop(*_):
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    keys = [k for k in KEYS if os.environ.get(k)]
    if keys:
        cfg = envoy_config.load(ROOT / "envoy/gateway.yaml")
        print(f"run: provider keys found ({', '.join(keys)}): routing to the real providers over TLS")
        missing = [k for k in KEYS if k not in keys]
        if missing:
            print(f"run: {', '.join(missing)} not set: those providers pass the client's own key through")
    else:
        cfg = envoy_config.load(ROOT / "envoy/demo.yaml")
        envoy_config.set_cluster_endpoint(cfg, "mock", "127.0.0.1", MOCK_PORT)
        print(f"run: no provider keys set (OPENAI_API_KEY, ANTHROPIC_API_KEY):")
        print(f"run: starting the bundled mock provider on 127.0.0.1:{MOCK_PORT} and routing to it")
        mock = subprocess.Popen([str(MOCK), "--listen", f"127.0.0.1:{MOCK_PORT}"], stdout=subprocess.DEVNULL)
        procs.append(mock)
        wait_ready(f"http://127.0.0.1:{MOCK_PORT}/__mock/health", mock, "the mock provider")

    envoy_config.set_listener_port(cfg, "gateway", PORT)
    envoy_config.set_admin_port(cfg, ADMIN_PORT)
    envoy_config.set_wasm_path(cfg, WASM)
    run_dir = ROOT / ".run"
    run_dir.mkdir(exist_ok=True)
    conf = run_dir / "envoy.yaml"
    envoy_config.dump(cfg, conf)

    envoy = subprocess.Popen([ENVOY, "-c", str(conf), "--log-level", "warning",
                              "--component-log-level", "wasm:info"])
    procs.append(envoy)
    wait_ready(f"http://127.0.0.1:{ADMIN_PORT}/ready", envoy, "Envoy")
    print(f"run: gateway listening on http://127.0.0.1:{PORT} (Envoy admin on 127.0.0.1:{ADMIN_PORT})")
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
