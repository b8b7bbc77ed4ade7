#!/usr/bin/env python3
"""`make bench-curves`: how the gateway's cost grows with each dimension of
the work, the others held small, beside bare Envoy (and the floor filter
where it does the same work).

Three Envoys, one worker each, all pinned to core 0 (only one is loaded at a
time): bare Envoy (`bare` and `direct` listeners), the floor filter
(dist/noop.wasm in its `floor` and `floor_hit` modes) and the gateway, whose
configuration is rebuilt for every point of a configuration dimension
(limit rules, custom detectors, tenants, L1 cache). The mock and the load
(wrk, or the asyncio client for open SSE streams) share core 1. At each point
the systems are loaded in turn, the order rotating each round; a figure is the
median over the rounds. Envoy CPU per request is the utime+stime delta of that
Envoy's process over the run divided by the requests (tests/bench/bench.py's
`wrk`), which a shared machine disturbs far less than req/s. RSS is the Envoy
process's VmRSS after the point (one worker: what a worker costs, plus the
main thread).

Writes docs/perf/curves.json and one PNG per curve (docs/perf/<curve>.png).
`--only body tenants` runs some curves; `--seconds`/`--rounds` trade time for
noise.
"""
import argparse
import asyncio
import copy
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench  # tests/bench/bench.py: wrk, lua_script, cpu_seconds, add_floor
from bench import ROOT, NOOP_WASM, envoy_config
from harness import ENVOY, MOCK_BIN, WASM, Mock, free_port

import requests

OUT = ROOT / "docs/perf"
PATH = "/openai/v1/chat/completions"
SHORT_REPLY = {"x-mock-reply": "Noted."}
PROSE = bench.PROSE


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def prompt(n_bytes):
    """A chat request whose user text is `n_bytes` of prose."""
    text = (PROSE * (n_bytes // len(PROSE) + 1))[:n_bytes]
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]}


# ---------------------------------------------------------------- Envoys

class Envoy:
    """One Envoy (one worker, core 0) with some listeners of envoy/bench.yaml."""

    def __init__(self, work, name, cfg, keep, mock_port):
        cfg = copy.deepcopy(cfg)
        cfg["static_resources"]["listeners"] = [
            lst for lst in envoy_config.listeners(cfg) if lst["name"] in keep]
        # Thousands of concurrent streams: lift the upstream circuit breakers
        # (1024 by default) so the curve measures Envoy, not its limits.
        for c in cfg["static_resources"]["clusters"]:
            c["circuit_breakers"] = {"thresholds": [{
                "max_connections": 100000, "max_pending_requests": 100000,
                "max_requests": 100000}]}
        self.ports = {}
        for n in keep:
            self.ports[n] = free_port()
            envoy_config.set_listener_port(cfg, n, self.ports[n])
        self.admin = free_port()
        envoy_config.set_admin_port(cfg, self.admin)
        envoy_config.set_cluster_endpoint(cfg, "mock", "127.0.0.1", mock_port)
        envoy_config.set_wasm_path(cfg, WASM)
        envoy_config.set_wasm_path(cfg, NOOP_WASM, module="noop.wasm")
        d = Path(tempfile.mkdtemp(prefix=name + "-", dir=work))
        envoy_config.dump(cfg, d / "envoy.yaml")
        self.log = open(d / "envoy.log", "w")
        started = time.time()
        self.proc = subprocess.Popen(
            ["taskset", "-c", "0", ENVOY, "-c", str(d / "envoy.yaml"), "--concurrency", "1",
             "--disable-hot-restart", "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = started + 120
        while not self._ready():
            if self.proc.poll() is not None:
                sys.exit(f"curves: Envoy ({name}) exited: {Path(self.log.name).read_text()[-2000:]}")
            if time.time() > deadline:
                self.stop()
                sys.exit(f"curves: Envoy ({name}) not ready after 120 s")
            time.sleep(0.05)
        self.start_s = time.time() - started

    def _ready(self):
        try:
            return requests.get(f"http://127.0.0.1:{self.admin}/ready", timeout=1).ok
        except requests.RequestException:
            return False

    def url(self, listener, path=PATH):
        return f"http://127.0.0.1:{self.ports[listener]}{path}"

    def counter(self, name):
        r = requests.get(f"http://127.0.0.1:{self.admin}/stats",
                         params={"filter": f"^{name}$"}, timeout=5)
        for line in r.text.splitlines():
            k, _, v = line.partition(": ")
            if k == name:
                return int(v)
        return 0

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def gateway_cfg(base, change=None):
    """bench.yaml with the gateway listener's plugin config changed."""
    cfg = copy.deepcopy(base)
    if change:
        plugin = envoy_config.plugin_config(cfg, "gateway")
        change(plugin)
        envoy_config.set_plugin_config(cfg, plugin, "gateway")
    return cfg


# ------------------------------------------------------------- load scripts

def lua_rotating(path, bodies, headers=None, header_values=None):
    """A wrk script sending `bodies` (and, per request, one of
    `header_values` as header `(name, [values])`) in turn."""
    lines = ['wrk.method = "POST"', 'wrk.headers["Content-Type"] = "application/json"']
    for k, v in (headers or {}).items():
        lines.append(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}")
    lines.append("local bodies = {" + ",".join(json.dumps(json.dumps(b)) for b in bodies) + "}")
    name, values = header_values or (None, [])
    lines.append("local hv = {" + ",".join(json.dumps(v) for v in values) + "}")
    lines.append(f"local hname = {json.dumps(name) if name else 'nil'}")
    lines.append("local i = 0")
    lines.append("request = function()\n"
                 "  i = i + 1\n"
                 "  local h = {}\n"
                 "  for k, v in pairs(wrk.headers) do h[k] = v end\n"
                 "  if hname then h[hname] = hv[(i % #hv) + 1] end\n"
                 f"  return wrk.format(nil, {json.dumps(path)}, h, bodies[(i % #bodies) + 1])\n"
                 "end")
    fd, name = tempfile.mkstemp(suffix=".lua")
    os.write(fd, "\n".join(lines).encode())
    os.close(fd)
    return name


class Point:
    """One x value of a curve: a target (url, lua script, Envoy) per system."""

    def __init__(self, x, targets, check=True, connections=None):
        self.x, self.targets, self.check, self.connections = x, targets, check, connections


def measure(point, args, pid_of):
    """Loads every system of the point in turn, `args.rounds` rounds with the
    order rotating; the medians, and each Envoy's RSS after."""
    names = list(point.targets)
    conns = point.connections or args.connections
    if point.check:
        for n, (url, script, body, headers, _) in point.targets.items():
            r = requests.post(url, data=json.dumps(body), timeout=30,
                              headers={"content-type": "application/json", **headers})
            if r.status_code != 200:
                raise RuntimeError(f"{n} at x={point.x} answered {r.status_code}: {r.text[:300]}")
    for n in names:  # warm up (JIT, caches, connections)
        url, script, _, _, env = point.targets[n]
        bench.wrk(url, script, conns, 1, "1")
    runs = {n: [] for n in names}
    for rnd in range(args.rounds):
        order = names[rnd % len(names):] + names[:rnd % len(names)]
        for n in order:
            url, script, _, _, env = point.targets[n]
            runs[n].append(bench.wrk(url, script, conns, args.seconds, "1", pid_of[env]))
    out = {}
    for n, rs in runs.items():
        env = point.targets[n][4]
        out[n] = {k: statistics.median(r[k] for r in rs if r.get(k) is not None)
                  for k in ("rps", "cpu_us", "p50_ms", "p99_ms")}
        out[n]["errors"] = sum(r["errors"] for r in rs)
        out[n]["rss_mib"] = rss_mib(pid_of[env])
    return out


# ------------------------------------------------------------------- curves

def target(env, listener, path, body, headers=None, script=None):
    headers = headers or {}
    return (env.url(listener, path), script or bench.lua_script(path, body, headers), body,
            headers, env.name)


def workload_curve(ctx, name, xs, make, connections=None):
    """A curve whose config is fixed: `make(x)` -> {system: (listener, body, headers)}.
    `connections`: fewer for long answers, so that the requests still in
    flight when a run ends (counted in the CPU, not in the requests) stay few."""
    gw = ctx.gateway(name, None)
    points = []
    for x in xs:
        systems = make(x)
        t = {}
        for sysname, (env, listener, body, headers) in systems.items():
            e = {"bare": ctx.bare, "floor": ctx.floor, "gateway": gw}[env]
            t[sysname] = target(e, listener, PATH, body, headers)
        points.append((x, ctx.measure(Point(x, t, connections=connections))))
        ctx.progress(name, x)
    ctx.stop_gateway(gw)
    return points


def config_curve(ctx, name, xs, change, body, headers=None, script=None, extra=None):
    """A curve whose gateway config grows: a fresh gateway Envoy per point."""
    points = []
    for x in xs:
        gw = ctx.gateway(f"{name}-{x}", lambda p, x=x: change(p, x))
        s = script(x) if script else None
        t = {"bare": target(ctx.bare, "bare", PATH, body, headers, s),
             "gateway": target(gw, "gateway", PATH, body, headers, s)}
        if extra:
            t.update(extra(x, gw))
        res = ctx.measure(Point(x, t))
        res["gateway"]["start_s"] = gw.start_s
        points.append((x, res))
        ctx.stop_gateway(gw)
        ctx.progress(name, x)
    return points


def limit_rules(p, n):
    # Far above the load: the cost of counting, not of denying. The three
    # shapes of bench.py's limits_3 in turn, each rule its own counter.
    rules = []
    for i in range(n):
        shape = i % 3
        if shape == 0:
            rules.append({"name": f"rpm-{i}", "key": [{"header": "x-user"}], "limit": 10**9,
                          "window": "1m"})
        elif shape == 1:
            rules.append({"name": f"tokens-{i}", "key": ["model"], "unit": "total_tokens",
                          "limit": 10**12, "window": "1h"})
        else:
            rules.append({"name": f"rps-{i}", "key": ["provider"], "limit": 10**9,
                          "window": "1s", "window_type": "fixed"})
    p["limits"] = {"rules": rules}


def custom_detectors(p, n):
    # Each detector its own literal-prefixed pattern (the common shape of an
    # in-house identifier), all redacting, on requests and responses.
    dets = {f"id{i:03d}": {"pattern": f"ID{i:03d}-[0-9]{{6}}", "category": "pii",
                           "mask": "INTERNAL_ID"} for i in range(n)}
    p["dlp"] = {"profiles": {"custom": {"detectors": [], "custom": sorted(dets)}},
                "custom_detectors": dets}
    p["policies"] = {"c": {"profile": "custom", "request": {"*": "redact"},
                           "response": {"*": "redact"}}}
    p["policy"] = "c"


def token(i):
    return f"tok-curve-{i:05d}"


def tenants(p, n):
    p["auth"] = {"tokens": [{"name": f"t{i:05d}",
                             "sha256": hashlib.sha256(token(i).encode()).hexdigest()}
                            for i in range(n)]}


# max_bytes, max_entry_bytes: 8192 slots. Each answer is ~1.6 KB (a 190-word
# reply; its stored entry ~1.7 KB), so 8192 entries fill L1 to most of its
# byte bound.
L1_SLOTS_BYTES = (16 * 1024 * 1024, 2048)
CACHE_REPLY = {"x-mock-reply": " ".join(["cached"] * 190)}


def l1_cache(p, _):
    p["cache"] = {"enabled": True, "ttl_s": 3600,
                  "l1": {"max_bytes": L1_SLOTS_BYTES[0], "max_entry_bytes": L1_SLOTS_BYTES[1]}}


def cache_bodies(n):
    return [{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Hello {i}"}]}
            for i in range(n)]


# ----------------------------------------------------------- open streams

async def hold_streams(port, n, hold_s, envoy_pid, concurrency=200):
    """Opens `n` streamed chat requests (one event per second each), waits
    until every one has its first event, then holds them `hold_s` seconds:
    the Envoy's RSS with them open and its CPU per event while they flow."""
    body = json.dumps({"model": "gpt-4o-mini", "stream": True,
                       "messages": [{"role": "user", "content": "Hello"}]}).encode()
    reply = " ".join(["tick"] * 120)
    head = (f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"x-mock-reply: {reply}\r\nx-mock-chunk-delay-ms: 1000\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    gate = asyncio.Semaphore(concurrency)
    opened, events, failed = asyncio.Event(), [0], [0]
    ready = [0]
    writers = []

    async def one():
        try:
            async with gate:
                r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
                writers.append(w)
                w.write(head)
                await w.drain()
                status = await asyncio.wait_for(r.readuntil(b"\r\n"), 30)
                if b" 200 " not in status:
                    failed[0] += 1
                    return
                await asyncio.wait_for(r.readuntil(b"data:"), 30)
            ready[0] += 1
            if ready[0] + failed[0] == n:
                opened.set()
            while True:
                chunk = await r.read(65536)
                if not chunk:
                    return
                events[0] += chunk.count(b"data:")
        except (asyncio.TimeoutError, OSError, asyncio.IncompleteReadError):
            failed[0] += 1
            if ready[0] + failed[0] == n:
                opened.set()

    rss0 = rss_mib(envoy_pid)
    t0 = time.time()
    tasks = [asyncio.create_task(one()) for _ in range(n)]
    await asyncio.wait_for(opened.wait(), 120)
    open_s = time.time() - t0
    cpu0, ev0, t1 = bench.cpu_seconds(envoy_pid), events[0], time.time()
    await asyncio.sleep(hold_s)
    cpu1, ev1, t2 = bench.cpu_seconds(envoy_pid), events[0], time.time()
    rss1 = rss_mib(envoy_pid)
    for w in writers:
        w.close()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    ev = max(ev1 - ev0, 1)
    return {"open": ready[0], "failed": failed[0], "open_s": open_s, "rss_mib": rss1,
            "rss_before_mib": rss0, "rss_per_stream_kib": (rss1 - rss0) * 1024 / max(ready[0], 1),
            # The CPU clock ticks at 10 ms: too few events say nothing.
            "cpu_us_per_event": (cpu1 - cpu0) / ev * 1e6 if ev >= 1000 else None,
            "cpu_pct": (cpu1 - cpu0) / (t2 - t1) * 100, "events_per_s": ev / (t2 - t1)}


def streams_curve(ctx, xs):
    gw = ctx.gateway("streams", None)
    envs = {"bare": (ctx.bare, "bare"), "floor": (ctx.floor, "floor"), "gateway": (gw, "gateway")}
    points = []
    for x in xs:
        res = {}
        for n, (env, listener) in envs.items():
            res[n] = asyncio.run(hold_streams(env.ports[listener], x, ctx.args.hold, env.proc.pid))
            time.sleep(1)  # let the closed streams drain
        points.append((x, res))
        ctx.progress("streams", x)
    ctx.stop_gateway(gw)
    return points


# --------------------------------------------------------------------- run

class Ctx:
    def __init__(self, args, work, mock):
        self.args, self.work, self.mock = args, work, mock
        self.base = envoy_config.load(ROOT / "envoy/bench.yaml")
        bench.add_floor(self.base, "floor")
        bench.add_floor(self.base, "floor_hit")
        self.bare = self.start("bare", self.base, ("bare", "direct"))
        self.floor = self.start("floor", self.base, ("floor", "floor_hit"))
        self.pids = {"bare": self.bare.proc.pid, "floor": self.floor.proc.pid}

    def start(self, name, cfg, keep):
        e = Envoy(self.work, name, cfg, keep, self.mock.port)
        e.name = name
        return e

    def gateway(self, name, change):
        e = self.start("gateway", gateway_cfg(self.base, change), ("gateway",))
        self.pids["gateway"] = e.proc.pid
        return e

    def stop_gateway(self, e):
        e.stop()

    def measure(self, point):
        return measure(point, self.args, self.pids)

    def progress(self, name, x):
        print(f"curves: {name} x={x} done ({time.time() - self.t0:.0f} s)", file=sys.stderr)

    def stop(self):
        self.bare.stop()
        self.floor.stop()


def plain(body, headers=SHORT_REPLY, floor=True):
    s = {"bare": ("bare", "bare", body, headers), "gateway": ("gateway", "gateway", body, headers)}
    if floor:
        s["floor"] = ("floor", "floor", body, headers)
    return s


CURVES = {
    # x: request body bytes (the answer held short).
    "body": ("request body (bytes)", [1024, 10240, 102400, 1048576, 4194304],
             lambda ctx, xs: workload_curve(ctx, "body", xs, lambda x: plain(prompt(x)),
                                            connections=4)),
    # x: words in a non-streamed answer (scripted by model at the mock).
    "answer": ("answer size (words, non-streamed)", [1, 10, 100, 1000, 10000],
               lambda ctx, xs: workload_curve(ctx, "answer", xs, lambda x: plain(
                   {"model": f"curve-{x}", "messages": [{"role": "user", "content": "Hello"}]},
                   {}), connections=4)),
    # x: events in a streamed answer (one word per event).
    "events": ("streamed events per answer", [1, 10, 100, 1000, 10000],
               lambda ctx, xs: workload_curve(ctx, "events", xs, lambda x: plain(
                   {"model": f"curve-{x}", "stream": True,
                    "messages": [{"role": "user", "content": "Hello"}]}, {}), connections=4)),
    # Up to the config's bound (64 rules and budgets together).
    "rules": ("limit rules", [1, 4, 16, 64],
              lambda ctx, xs: config_curve(ctx, "rules", xs, limit_rules, bench.CHAT,
                                           {"x-user": "u1"})),
    # The detectors scan the bench's typical 10 KB prompt (both directions).
    "detectors": ("custom DLP detectors (10 KB prompt)", [1, 3, 10, 30, 100],
                  lambda ctx, xs: config_curve(ctx, "detectors", xs, custom_detectors,
                                               bench.prompt_10k(False), SHORT_REPLY)),
    # Every request presents one of the N tokens, in turn.
    "tenants": ("gateway tokens (tenants)", [10, 100, 1000, 10000],
                lambda ctx, xs: config_curve(
                    ctx, "tenants", xs, tenants, bench.CHAT,
                    {"x-aigw-authorization": f"Bearer {token(0)}"},
                    script=lambda n: lua_rotating(PATH, [bench.CHAT], None, (
                        "x-aigw-authorization", [f"Bearer {token(i)}" for i in range(n)])))),
    # N distinct small requests in turn, all L1 hits once stored; beside
    # bare (forwarding them), direct_response and the floor's hit.
    "cache": ("L1 cache entries in use (8192 slots)", [1, 64, 1024, 8192],
              lambda ctx, xs: cache_curve(ctx, xs)),
}


def cache_curve(ctx, xs):
    points = []
    for x in xs:
        gw = ctx.gateway(f"cache-{x}", lambda p: l1_cache(p, x))
        bodies = cache_bodies(x)
        script = lua_rotating(PATH, bodies, CACHE_REPLY)
        # Fill: every entry stored once before the measured runs.
        bench.wrk(gw.url("gateway"), script, ctx.args.connections, 1 + x // 4000, "1")
        miss0 = gw.counter("wasmcustom.aigw.cache.miss")
        hit0 = gw.counter("wasmcustom.aigw.cache.hit")
        t = {"bare": target(ctx.bare, "bare", PATH, bodies[0], CACHE_REPLY, script),
             "direct": target(ctx.bare, "direct", PATH, bodies[0], CACHE_REPLY, script),
             "floor_hit": target(ctx.floor, "floor_hit", PATH, bodies[0], CACHE_REPLY, script),
             "gateway": target(gw, "gateway", PATH, bodies[0], CACHE_REPLY, script)}
        res = ctx.measure(Point(x, t))
        hits = gw.counter("wasmcustom.aigw.cache.hit") - hit0
        misses = gw.counter("wasmcustom.aigw.cache.miss") - miss0
        res["gateway"]["hit_ratio"] = hits / max(hits + misses, 1)
        res["gateway"]["l1_mib"] = gw.counter("wasmcustom.aigw.cache.l1_bytes") / 2**20
        res["gateway"]["start_s"] = gw.start_s
        points.append((x, res))
        ctx.stop_gateway(gw)
        ctx.progress("cache", x)
    return points


STREAMS = ("concurrent open SSE streams", [10, 100, 1000, 5000])


def slopes(points, system, key="cpu_us"):
    """The added cost per unit of x between successive points."""
    out = []
    for (x0, a), (x1, b) in zip(points, points[1:]):
        if system in a and system in b and a[system].get(key) is not None:
            out.append((b[system][key] - a[system][key]) / (x1 - x0))
    return out


def plot(name, label, points, streams=False):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    xs = [x for x, _ in points]
    systems = list(points[0][1])
    panels = ([("cpu_us_per_event", "Envoy CPU µs per event"), ("cpu_pct", "Envoy CPU % (one core)"),
               ("rss_mib", "Envoy RSS MiB (streams open)"), ("rss_per_stream_kib", "RSS KiB per stream")]
              if streams else
              [("cpu_us", "Envoy CPU µs per request"), ("p50_ms", "p50 ms"), ("p99_ms", "p99 ms"),
               ("rss_mib", "Envoy RSS MiB (one worker)")])
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    styles = {"bare": ("tab:gray", "o"), "floor": ("tab:green", "^"), "floor_hit": ("tab:green", "^"),
              "direct": ("tab:blue", "s"), "gateway": ("tab:red", "D")}
    for ax, (key, title) in zip(axes.flat, panels):
        for s in systems:
            ys = [float("nan") if p[s].get(key) is None else p[s][key] for _, p in points]
            color, marker = styles.get(s, (None, "x"))
            ax.plot(xs, ys, marker=marker, color=color, label=s)
        ax.set_xscale("log")
        if key in ("cpu_us", "p50_ms", "p99_ms") and max(xs) / min(xs) >= 100:
            ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel(label)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"{label}: gateway beside bare Envoy")
    fig.tight_layout()
    fig.savefig(OUT / f"{name}.png", dpi=80)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--hold", type=float, default=3.0, help="seconds the streams are held open")
    ap.add_argument("--only", nargs="*", help=f"curves to run: {' '.join(CURVES)} streams")
    args = ap.parse_args()
    for path in (WASM, MOCK_BIN, NOOP_WASM):
        if not path.exists():
            sys.exit(f"{path} is missing: run `make build mock dist/noop.wasm`")
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="aigw-curves-"))
    mock = Mock(work, threads=1)
    subprocess.run(["taskset", "-p", "-c", "1", str(mock.proc.pid)], capture_output=True)
    # Answers of N words for the model `curve-N` (answer and events curves).
    mock.script([{"model": f"curve-{n}", "reply": " ".join(["word"] * n)}
                 for n in CURVES["answer"][1]])
    out_json = OUT / "curves.json"
    data = json.loads(out_json.read_text()) if out_json.exists() and args.only else {"curves": {}}
    ctx = Ctx(args, work, mock)
    ctx.t0 = time.time()
    try:
        wanted = args.only or list(CURVES) + ["streams"]
        for name in wanted:
            if name == "streams":
                label, xs = STREAMS
                points = streams_curve(ctx, xs)
            else:
                label, xs, run = CURVES[name]
                points = run(ctx, xs)
            curve = {"label": label, "points": [{"x": x, **p} for x, p in points],
                     # Its own run's (`--only` reruns some curves; the top
                     # level's are the last run's).
                     "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                     "seconds": args.seconds, "rounds": args.rounds}
            if name != "streams":
                curve["slope_us_per_unit"] = {s: slopes(points, s) for s in points[0][1]}
            data["curves"][name] = curve
            plot(name, label, points, streams=name == "streams")
            data.update(time=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                        seconds=args.seconds, rounds=args.rounds, connections=args.connections,
                        machine=machine())
            out_json.write_text(json.dumps(data, indent=1))
    finally:
        ctx.stop()
        mock.stop()
    print(summary(data))
    print(f"curves: {out_json.relative_to(ROOT)} and docs/perf/*.png written "
          f"({time.time() - ctx.t0:.0f} s)")


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?")
    return f"{os.cpu_count()} cores, {cpu}"


def summary(data):
    lines = []
    for name, c in data["curves"].items():
        lines.append(f"\n{c['label']}")
        systems = list(c["points"][0].keys() - {"x"})
        keys = (["cpu_us_per_event", "rss_mib", "rss_per_stream_kib"] if name == "streams"
                else ["cpu_us", "p50_ms", "p99_ms", "rss_mib"])
        lines.append(f"{'x':>9} " + "".join(f"{s[:9] + ' ' + k[:10]:>22}" for s in sorted(systems)
                                            for k in keys))
        for p in c["points"]:
            lines.append(f"{p['x']:>9} " + "".join(
                f"{p[s][k] if p[s].get(k) is not None else float('nan'):>22.2f}"
                for s in sorted(systems) for k in keys))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
