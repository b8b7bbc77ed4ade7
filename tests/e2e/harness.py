"""End-to-end harness: the bundled mock provider and real Envoy processes
running the built filter, all on loopback, every wait bounded."""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import envoy_config  # noqa: E402

ENVOY = os.environ.get("ENVOY") or str(ROOT / ".venv/bin/envoy")
WASM = ROOT / "dist/aigw.wasm"
MOCK_BIN = ROOT / "target/release/aigw-mock"

# Keys the gateway holds in the tests (never real ones).
GATEWAY_KEYS = {"OPENAI_API_KEY": "sk-gateway-openai", "ANTHROPIC_API_KEY": "sk-ant-gateway"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds=15, what="condition", interval=0.05):
    deadline = time.time() + seconds
    last = None
    while time.time() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as e:  # the process may not be listening yet
            last = e
        time.sleep(interval)
    raise TimeoutError(f"timed out after {seconds}s waiting for {what} (last: {last!r})")


class Mock:
    """The bundled mock provider (tests/mock) and its record of requests."""

    def __init__(self, workdir, threads=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(Path(workdir) / f"mock-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [str(MOCK_BIN), "--listen", f"127.0.0.1:{self.port}", "--threads", str(threads)],
            stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(lambda: requests.get(self.url + "/__mock/health", timeout=1).ok,
                 what="the mock provider")

    def requests(self, since=0):
        r = requests.get(self.url + "/__mock/requests", params={"since": since}, timeout=5)
        r.raise_for_status()
        return r.json()

    def mark(self):
        """The sequence number of the newest record (0 when none)."""
        recs = self.requests()
        return recs[-1]["seq"] if recs else 0

    def received_since(self, mark, count=None, seconds=5):
        if count is None:
            return self.requests(mark)
        return wait_for(lambda: (lambda r: r if len(r) >= count else None)(self.requests(mark)),
                        seconds=seconds, what=f"{count} request(s) at the mock")

    def script(self, rules):
        requests.post(self.url + "/__mock/script", json={"rules": rules}, timeout=5).raise_for_status()

    def clear_script(self):
        requests.delete(self.url + "/__mock/script", timeout=5).raise_for_status()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


class Gateway:
    """A real Envoy running dist/aigw.wasm with a shipped config, adapted:
    free ports, the mock's address, an access log file, optionally another
    plugin configuration."""

    def __init__(self, workdir, mock_port, plugin=None, base="demo.yaml", env=None,
                 concurrency=1, failure_policy=None, expect_start=True, clusters=None,
                 edit=None):
        # A fresh directory per gateway (a port number can come back).
        Path(workdir).mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix="gw-", dir=workdir))
        self.port = free_port()
        self.admin_port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.admin = f"http://127.0.0.1:{self.admin_port}"
        self.access_log = self.dir / "access.log"
        self.envoy_log = self.dir / "envoy.log"
        cfg = envoy_config.load(ROOT / "envoy" / base)
        envoy_config.set_listener_port(cfg, "gateway", self.port)
        envoy_config.set_admin_port(cfg, self.admin_port)
        envoy_config.set_cluster_endpoint(cfg, "mock", "127.0.0.1", mock_port)
        envoy_config.set_wasm_path(cfg, WASM)
        envoy_config.set_access_log_file(cfg, self.access_log)
        if plugin is not None:
            envoy_config.set_plugin_config(cfg, plugin)
        if failure_policy:
            envoy_config.set_failure_policy(cfg, failure_policy)
        for name, (host, port) in (clusters or {}).items():
            envoy_config.add_cluster(cfg, name, host, port)
        if edit is not None:
            edit(cfg)  # any other change to the Envoy config
        self.config_path = self.dir / "envoy.yaml"
        envoy_config.dump(cfg, self.config_path)
        proc_env = {k: v for k, v in os.environ.items() if k not in GATEWAY_KEYS}
        proc_env.update(GATEWAY_KEYS if env is None else env)
        self._log_file = open(self.envoy_log, "w")
        self.proc = subprocess.Popen(
            [ENVOY, "-c", str(self.config_path), "--concurrency", str(concurrency),
             "--disable-hot-restart", "--file-flush-interval-msec", "20",
             "--log-level", "warning", "--component-log-level", "wasm:info"],
            stdout=self._log_file, stderr=subprocess.STDOUT, env=proc_env)
        if expect_start:
            wait_for(self._ready, what="Envoy to be ready")

    def _ready(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"Envoy exited ({self.proc.returncode}):\n{self.log_text()}")
        return requests.get(self.admin + "/ready", timeout=1).status_code == 200

    def wait_exit(self, seconds=20):
        try:
            return self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None

    def log_text(self):
        return self.envoy_log.read_text(errors="replace")

    def records(self):
        if not self.access_log.exists():
            return []
        out = []
        for line in self.access_log.read_text().splitlines():
            if line.strip():
                out.append(json.loads(line))
        return out

    def wait_records(self, count, seconds=10):
        return wait_for(lambda: (lambda r: r if len(r) >= count else None)(self.records()),
                        seconds=seconds, what=f"{count} access-log record(s)")

    def wait_record(self, predicate, seconds=10):
        """The newest access-log record matching `predicate`."""
        def find():
            found = [r for r in self.records() if predicate(r)]
            return found[-1] if found else None
        return wait_for(find, seconds=seconds, what="a matching access-log record")

    def stat(self, name):
        """An Envoy stat; the gateway's own are `wasmcustom.aigw.*`."""
        text = requests.get(self.admin + "/stats", params={"filter": name}, timeout=5).text
        for line in text.splitlines():
            k, _, v = line.partition(": ")
            if k == name:
                return int(v)
        return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._log_file.close()


def demo_plugin():
    """The plugin configuration shipped in envoy/demo.yaml."""
    return envoy_config.plugin_config(envoy_config.load(ROOT / "envoy/demo.yaml"))


class Redis:
    """redis-server and webdis (Redis over HTTP) on loopback, for the shared
    cache and counters. Both from Debian packages (scripts/setup.sh services)."""

    def __init__(self, workdir):
        self.dir = Path(tempfile.mkdtemp(prefix="redis-", dir=workdir))
        self.redis_port = free_port()
        self.webdis_port = free_port()
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=open(self.dir / "redis.log", "w"), stderr=subprocess.STDOUT)
        conf = self.dir / "webdis.json"
        conf.write_text(json.dumps({
            "redis_host": "127.0.0.1", "redis_port": self.redis_port,
            "http_host": "127.0.0.1", "http_port": self.webdis_port, "threads": 2,
            "daemonize": False, "database": 0, "verbosity": 1,
            "logfile": str(self.dir / "webdis.log")}))
        wait_for(lambda: self.command("PING") == "PONG" or None, what="redis (via redis-cli)")
        self.webdis = subprocess.Popen(["webdis", str(conf)], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.webdis_port}"
        wait_for(lambda: requests.get(self.url + "/PING", timeout=1).ok, what="webdis")

    def command(self, *args):
        r = subprocess.run(["redis-cli", "-p", str(self.redis_port), *args], capture_output=True,
                           text=True, timeout=5)
        return r.stdout.strip()

    def stop(self):
        for p in (self.webdis, self.redis):
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()


class Prometheus:
    """A real Prometheus (Debian's package, scripts/setup.sh services) on
    loopback, scraping the given Envoy admin endpoints' /stats/prometheus
    every second and evaluating `rule_files`; its data in a temp directory."""

    def __init__(self, workdir, admin_urls, rule_files=()):
        self.dir = Path(tempfile.mkdtemp(prefix="prom-", dir=workdir))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        targets = [u.split("://", 1)[-1] for u in admin_urls]
        conf = self.dir / "prometheus.yml"
        conf.write_text(json.dumps({  # JSON is YAML
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(f) for f in rule_files],
            "scrape_configs": [{"job_name": "aigw", "metrics_path": "/stats/prometheus",
                                "static_configs": [{"targets": targets}]}]}))
        self.log = open(self.dir / "prometheus.log", "w")
        self.proc = subprocess.Popen(
            ["prometheus", f"--config.file={conf}", f"--storage.tsdb.path={self.dir / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn"],
            stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(lambda: self.proc.poll() is None and requests.get(self.url + "/-/ready", timeout=1).ok,
                 seconds=30, what="Prometheus to be ready")

    def query(self, expr):
        """An instant query's result vector (raises on a PromQL error)."""
        r = requests.get(self.url + "/api/v1/query", params={"query": expr}, timeout=10)
        body = r.json()
        if body.get("status") != "success":
            raise AssertionError(f"{expr}: {body.get('error')}")
        return body["data"]["result"]

    def value(self, expr):
        """The single value of `expr` (None when it has no series)."""
        res = self.query(expr)
        assert len(res) <= 1, f"{expr}: {res}"
        return float(res[0]["value"][1]) if res else None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
