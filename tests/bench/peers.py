#!/usr/bin/env python3
"""`make bench-peers`: the gateway beside bare Envoy and two peer gateways,
LiteLLM's proxy and Portkey's gateway, against the same mock with the same
load tool (wrk), each system alone on core 0 (taskset) while the mock and wrk
share core 1.

Each rotation loads every system in turn (the order rotating, so the drift of
a shared machine hits all alike): a throughput run (32 connections) and a
latency run (1 connection). A figure is the median over the rotations (three
by default). CPU per request is the utime+stime delta of the system's whole
process tree over the throughput run divided by its requests.

The peers run their best documented setup for one core (see SETUPS; the
installed versions come from `scripts/setup.sh peers`). Writes
docs/perf/peers.md and docs/perf/peers.json.
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench  # tests/bench/bench.py: wrk, lua_script, CHAT, cpu_seconds
from bench import ROOT, envoy_config
from harness import ENVOY, MOCK_BIN, WASM, Mock, free_port, wait_for

import requests

PEERS = ROOT / "target/peers"
LITELLM = PEERS / "litellm"
PORTKEY = PEERS / "portkey/node_modules/@portkey-ai/gateway"
OUT = ROOT / "docs/perf"
CHAT = bench.CHAT
KEY = "sk-bench-peers"  # a stand-in: the mock takes any key
MASTER_KEY = "sk-bench-peers-master"  # LiteLLM's admin/client key in this run

SETUPS = {
    "bare": "Envoy 1.40, one worker (--concurrency 1), router only: the floor for any proxy",
    "gateway": "Envoy 1.40, one worker, dist/aigw.wasm with envoy/bench.yaml's plain "
               "config (provider key held by the gateway, metrics and log record on)",
    "litellm": "LiteLLM proxy {version}: `litellm --config … --num_workers 1` (its default "
               "server, uvicorn, one worker), a master key (required), no database, no callbacks, "
               "set_verbose false, LITELLM_LOG=ERROR, spend and error logs off, the local "
               "model cost map (LiteLLM's Production Best Practices and CLI docs)",
    "litellm_granian": "the same LiteLLM proxy with `--run_granian` (the Rust ASGI server "
                       "its Server Tuning docs offer instead of uvicorn), one worker",
    "portkey": "Portkey gateway {version}: its Node.js server (`build/start-server.js`, what "
               "`npx @portkey-ai/gateway` runs) with --headless and NODE_ENV=production (no UI, "
               "no request-log console), provider and custom "
               "host in x-portkey-* headers",
}


def tree(root):
    """`root` and every process below it (LiteLLM's server may run its
    worker as a child)."""
    parents = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parents[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    pids, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in pids]
        pids.update(kids)
        frontier.extend(kids)
    return pids


def tree_cpu_seconds(root):
    total = 0.0
    for p in tree(root):
        try:
            total += bench.cpu_seconds(p)
        except OSError:
            pass
    return total


class System:
    def __init__(self, name, proc, url, headers, body=CHAT, log=None):
        self.name, self.proc, self.url, self.headers, self.body = name, proc, url, headers, body
        self.log = log
        self.script = bench.lua_script("/", body, headers)

    def check(self):
        r = requests.post(self.url, json=self.body, headers=self.headers, timeout=30)
        if r.status_code != 200 or "choices" not in r.text:
            raise RuntimeError(f"{self.name} answered {r.status_code}: {r.text[:300]}")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.log:
            self.log.close()


def wait_up(proc, url, what, seconds):
    """Until `url` answers below 500; fails at once if the server exits."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"peers: {what} exited ({proc.returncode}); see its log in the work dir")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    sys.exit(f"peers: {what} not up after {seconds} s")


def pinned(cmd):
    return ["taskset", "-c", "0"] + cmd


def start_envoy(work, mock_port):
    """bench.yaml's bare and gateway listeners, one worker on core 0. The
    two never run load at once, so one process serves both."""
    cfg = envoy_config.load(ROOT / "envoy/bench.yaml")
    cfg["static_resources"]["listeners"] = [
        lst for lst in envoy_config.listeners(cfg) if lst["name"] in ("bare", "gateway")]
    ports = {n: free_port() for n in ("bare", "gateway")}
    for n, p in ports.items():
        envoy_config.set_listener_port(cfg, n, p)
    admin = free_port()
    envoy_config.set_admin_port(cfg, admin)
    envoy_config.set_cluster_endpoint(cfg, "mock", "127.0.0.1", mock_port)
    envoy_config.set_wasm_path(cfg, WASM)
    conf = work / "envoy.yaml"
    envoy_config.dump(cfg, conf)
    log = open(work / "envoy.log", "w")
    proc = subprocess.Popen(pinned([ENVOY, "-c", str(conf), "--concurrency", "1",
                                    "--disable-hot-restart", "--log-level", "warning"]),
                            stdout=log, stderr=subprocess.STDOUT)
    wait_for(lambda: requests.get(f"http://127.0.0.1:{admin}/ready", timeout=1).ok,
             what="Envoy")
    path = "/openai/v1/chat/completions"
    return (System("bare", proc, f"http://127.0.0.1:{ports['bare']}{path}", {}, log=log),
            System("gateway", proc, f"http://127.0.0.1:{ports['gateway']}{path}", {}))


def start_litellm(work, mock_port, granian=False):
    port = free_port()
    conf = work / "litellm.yaml"
    conf.write_text(json.dumps({
        "model_list": [{"model_name": "gpt-4o-mini", "litellm_params": {
            "model": "openai/gpt-4o-mini", "api_base": f"http://127.0.0.1:{mock_port}/v1",
            "api_key": KEY}}],
        "litellm_settings": {"set_verbose": False, "request_timeout": 600},
        # A master key, as its production docs require (it refuses to start
        # without one); no database, so requests are checked against it alone.
        "general_settings": {"master_key": MASTER_KEY, "disable_spend_logs": True,
                             "disable_error_logs": True},
    }))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "LITELLM_"))}
    # No network here: the packaged model cost map instead of fetching it.
    env.update(LITELLM_LOG="ERROR", LITELLM_MODE="PRODUCTION", NO_DOCS="True",
               DISABLE_ADMIN_UI="True", LITELLM_TELEMETRY="False",
               LITELLM_LOCAL_MODEL_COST_MAP="True")
    name = "litellm_granian" if granian else "litellm"
    log = open(work / f"{name}.log", "w")
    proc = subprocess.Popen(pinned([str(LITELLM / "bin/litellm"), "--config", str(conf),
                                    "--host", "127.0.0.1", "--port", str(port),
                                    "--num_workers", "1"] + (["--run_granian"] if granian else [])),
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work)
    url = f"http://127.0.0.1:{port}"
    wait_up(proc, url + "/health/liveliness", name, 180)
    return System(name, proc, url + "/v1/chat/completions",
                  {"authorization": f"Bearer {MASTER_KEY}"}, log=log)


def start_portkey(work, mock_port):
    port = free_port()
    env = dict(os.environ, NODE_ENV="production")
    log = open(work / "portkey.log", "w")
    proc = subprocess.Popen(pinned(["node", str(PORTKEY / "build/start-server.js"),
                                    f"--port={port}", "--headless"]),
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work)
    url = f"http://127.0.0.1:{port}"
    wait_up(proc, url + "/", "Portkey", 60)
    headers = {"x-portkey-provider": "openai", "authorization": f"Bearer {KEY}",
               "x-portkey-custom-host": f"http://127.0.0.1:{mock_port}/v1"}
    return System("portkey", proc, url + "/v1/chat/completions", headers, log=log)


def version(kind):
    try:
        if kind == "litellm":
            return subprocess.run(
                [str(LITELLM / "bin/python"), "-c",
                 "import importlib.metadata as m; print(m.version('litellm'))"],
                capture_output=True, text=True, timeout=60).stdout.strip()
        return json.loads((PORTKEY / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def signal_tree(root, sig):
    for p in tree(root):
        try:
            os.kill(p, sig)
        except OSError:
            pass


def only_running(s, systems):
    """Stops every other system's processes while `s` is measured: an idle
    peer still does work (timers, garbage collection, background tasks) on
    the shared core, which would land on whoever runs next."""
    for o in systems:
        if o.proc.pid != s.proc.pid:
            signal_tree(o.proc.pid, signal.SIGSTOP)
    signal_tree(s.proc.pid, signal.SIGCONT)
    time.sleep(0.5)


def run_one(s, args, cpu_root):
    before = tree_cpu_seconds(cpu_root)
    t = bench.wrk(s.url, s.script, args.connections, args.seconds, "1", timeout_s=30)
    t["cpu_us"] = (tree_cpu_seconds(cpu_root) - before) / max(t["rps"] * args.seconds, 1) * 1e6
    lat = bench.wrk(s.url, s.script, 1, max(2, args.seconds // 2), "1", timeout_s=30)
    return {"rps": t["rps"], "cpu_us": t["cpu_us"], "p50_ms": t["p50_ms"], "p99_ms": t["p99_ms"],
            "p50_ms_c1": lat["p50_ms"], "p99_ms_c1": lat["p99_ms"],
            "errors": t["errors"] + lat["errors"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--rotations", type=int, default=3)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--only", nargs="*", help="systems (bare always runs)")
    args = ap.parse_args()
    for path in (WASM, MOCK_BIN, LITELLM / "bin/litellm", PORTKEY / "build/start-server.js"):
        if not path.exists():
            sys.exit(f"{path} is missing: run `make build mock` and `scripts/setup.sh peers`")
    work = Path(tempfile.mkdtemp(prefix="aigw-peers-"))
    mock = Mock(work, threads=1)
    subprocess.run(["taskset", "-p", "-c", "1", str(mock.proc.pid)], capture_output=True)
    systems = []
    try:
        systems.extend(start_envoy(work, mock.port))
        wanted = args.only or ["litellm", "litellm_granian", "portkey"]
        if "litellm" in wanted:
            systems.append(start_litellm(work, mock.port))
        if "litellm_granian" in wanted:
            systems.append(start_litellm(work, mock.port, granian=True))
        if "portkey" in wanted:
            systems.append(start_portkey(work, mock.port))
        systems = [s for s in systems if s.name == "bare" or not args.only or s.name in args.only]
        for s in systems:
            only_running(s, systems)
            s.check()
            bench.wrk(s.url, s.script, args.connections, 2, "1")  # warm up
        runs = {s.name: [] for s in systems}
        for rot in range(args.rotations):
            order = systems[rot % len(systems):] + systems[:rot % len(systems)]
            for s in order:
                only_running(s, systems)
                runs[s.name].append(run_one(s, args, s.proc.pid))
            print(f"peers: rotation {rot + 1}/{args.rotations} done "
                  f"({' '.join(s.name for s in order)})", file=sys.stderr)
    finally:
        for s in systems:
            signal_tree(s.proc.pid, signal.SIGCONT)
        for s in systems:
            if s.name != "gateway":  # shares the bare Envoy's process
                s.stop()
        mock.stop()

    versions = {"litellm": version("litellm"), "portkey": version("portkey")}
    versions["litellm_granian"] = versions["litellm"]
    summary = {}
    for n, rs in runs.items():
        summary[n] = {k: statistics.median(r[k] for r in rs) for k in rs[0] if k != "errors"}
        summary[n]["errors"] = sum(r["errors"] for r in rs)
        summary[n]["setup"] = SETUPS[n].format(version=versions.get(n, ""))
    bare = summary["bare"]
    for n, s in summary.items():
        s["added_p50_ms_c1"] = s["p50_ms_c1"] - bare["p50_ms_c1"]
        s["rps_vs_bare"] = s["rps"] / bare["rps"]
        if "gateway" in summary:
            s["gateway_rps_ratio"] = summary["gateway"]["rps"] / s["rps"]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    machine = (f"{os.cpu_count()} cores, " + next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), "?"))
    md = table(summary, args, when, machine)
    print(md)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "peers.md").write_text(md)
    (OUT / "peers.json").write_text(json.dumps(
        {"time": when, "machine": machine, "seconds": args.seconds, "rotations": args.rotations,
         "connections": args.connections, "versions": versions, "summary": summary,
         "raw": runs}, indent=1))
    print("peers: docs/perf/peers.md and docs/perf/peers.json written")
    # A rare socket timeout of a slow peer at 32 connections is reported,
    # not fatal; more than 1% of its requests is.
    if any(s["errors"] > 0.01 * s["rps"] * args.seconds for s in summary.values()):
        sys.exit("peers: some system answered errors (see the table)")


NAMES = {"bare": "bare Envoy", "gateway": "aigw (this gateway)", "litellm": "LiteLLM proxy",
         "litellm_granian": "LiteLLM proxy (Granian)", "portkey": "Portkey gateway"}


def table(summary, args, when, machine):
    lines = [
        f"Measured {when} on {machine} (shared machine), `make bench-peers`: each system "
        f"alone on core 0, mock and wrk on core 1, the same small chat request; median of "
        f"{args.rotations} rotations; throughput with {args.connections} connections for "
        f"{args.seconds} s, latency with 1 connection. CPU µs/req is the system's own CPU "
        f"time per request (its whole process tree): the figure least disturbed by other "
        f"work on a shared machine; `req/s per core from CPU` is 10⁶ / that.",
        "",
        "| system | req/s | aigw's req/s ÷ this | p50 / p99 ms (32 conn) | p50 / p99 ms (1 conn) "
        "| added p50 vs bare Envoy (1 conn) | CPU µs/req | req/s per core from CPU | errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n, s in summary.items():
        lines.append(
            f"| {NAMES.get(n, n)} | {s['rps']:.0f} | {s.get('gateway_rps_ratio', 0):.2f} "
            f"| {s['p50_ms']:.2f} / {s['p99_ms']:.2f} | {s['p50_ms_c1']:.3f} / {s['p99_ms_c1']:.3f} "
            f"| {s['added_p50_ms_c1']:+.3f} ms | {s['cpu_us']:.0f} | {1e6 / s['cpu_us']:.0f} "
            f"| {s['errors']} |")
    lines += ["", "Setups:", ""]
    lines += [f"- **{NAMES.get(n, n)}**: {s['setup']}" for n, s in summary.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
