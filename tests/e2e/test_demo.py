"""`make run` for a newcomer (issue 12, point 16): the demo configuration
has the cache, a limit and a DLP policy on, and the README's "Try it"
requests show a HIT, a redaction and a 429; two runs share a machine, and
access-log lines appear promptly."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from harness import ROOT, Gateway, demo_plugin, free_port, wait_for

CHAT = "/openai/v1/chat/completions"
DEMO_FEATURES = ROOT / "envoy/demo-features.json"


def features_plugin():
    return json.loads(DEMO_FEATURES.read_text())


def test_demo_features_config_routes_like_the_demo():
    plugin = features_plugin()
    assert plugin["providers"] == demo_plugin()["providers"]
    assert plugin["cache"]["enabled"] is True
    assert plugin["limits"]["rules"] and plugin["policy"] in plugin["policies"]


@pytest.fixture(scope="module")
def demo(workdir, mock):
    g = Gateway(workdir, mock.port, plugin=features_plugin(), env={}, concurrency=2)
    yield g
    g.stop()


def ask(g, content, headers=None, reorder=False):
    body = ('{"messages":[{"content":%s,"role":"user"}],"model":"gpt-4o-mini"}' if reorder else
            '{"model":"gpt-4o-mini","messages":[{"role":"user","content":%s}]}') % json.dumps(content)
    return requests.post(g.url + CHAT, data=body,
                         headers={"content-type": "application/json", **(headers or {})}, timeout=10)


def test_walkthrough_cache_hit(demo, mock):
    m = mock.mark()
    assert ask(demo, "Name a prime number").headers["x-aigw-cache-status"] == "MISS"
    r = ask(demo, "Name a prime number", reorder=True)
    assert (r.status_code, r.headers["x-aigw-cache-status"]) == (200, "HIT")
    assert len(mock.requests(m)) == 1


def test_walkthrough_redaction(demo, mock):
    m = mock.mark()
    r = ask(demo, "I am jane.doe@example.com, card 4111 1111 1111 1111")
    assert r.status_code == 200
    assert r.headers["x-aigw-dlp"] == "credit_card=1, email=1"
    assert r.json()["choices"][0]["message"]["content"] == \
        "mock: I am [REDACTED:EMAIL], card [REDACTED:CREDIT_CARD]"
    [sent] = mock.received_since(m, 1)
    assert "jane.doe" not in sent["body"] and "4111" not in sent["body"]


def test_walkthrough_limit(demo, mock):
    bob = {"x-aigw-metadata": '{"user":"bob"}'}
    codes = [ask(demo, f"Question {i}", bob).status_code for i in (1, 2, 3, 4)]
    assert codes == [200, 200, 200, 429]
    r = ask(demo, "One more", bob)
    assert r.status_code == 429 and r.json()["error"]["code"] == "aigw_rate_limited"
    assert "retry-after" in r.headers
    # Without a user the limit does not apply.
    assert ask(demo, "anonymous question").status_code == 200


def test_walkthrough_secret_is_blocked(demo, mock):
    m = mock.mark()
    r = ask(demo, "my token ghp_abcdefghijklmnopqrstuvwxyz0123456789")
    assert r.status_code == 403 and r.json()["error"]["code"] == "aigw_dlp_blocked"
    assert mock.requests(m) == []


class Run:
    """`scripts/run.py` (what `make run` starts) on free ports."""

    def __init__(self, workdir):
        self.port = free_port()
        self.out = open(workdir / f"run-{self.port}.log", "w+")
        env = {k: v for k, v in os.environ.items()
               if k not in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "ADMIN_PORT", "MOCK_PORT")}
        env["PORT"] = str(self.port)
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "scripts/run.py")], cwd=ROOT,
                                     stdout=self.out, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)

    def text(self):
        with open(self.out.name) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        try:  # whatever it started, even if it failed half-way
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.out.close()


def test_two_runs_share_a_machine_and_log_promptly(tmp_path):
    runs = [Run(tmp_path), Run(tmp_path)]
    try:
        for run in runs:
            wait_for(lambda: "gateway listening" in run.text() or run.proc.poll() is not None,
                     seconds=60, what="make run to start")
            assert run.proc.poll() is None, run.text()
        for run in runs:
            r = requests.post(f"http://127.0.0.1:{run.port}{CHAT}",
                              json={"model": "gpt-4o-mini",
                                    "messages": [{"role": "user", "content": "hi"}]}, timeout=10)
            assert r.status_code == 200
            rid = r.headers["x-aigw-log-id"]
            t0 = time.time()
            wait_for(lambda: rid in run.text(), seconds=5, what="the access-log line")
            assert time.time() - t0 < 2, "the access-log line came late"
        assert "base_id" not in "".join(run.text() for run in runs)
    finally:
        for run in runs:
            run.stop()
