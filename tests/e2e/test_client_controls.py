"""Clients cannot multiply attempts or cost, and per-request controls work
on every provider (issue 12, points 9, 12 and 13), with what the client
received and what the provider (the mock) received."""
import time

import pytest
import requests

from harness import Gateway, demo_plugin

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello controls"}]}


def plugin(limits=None):
    p = demo_plugin()
    p["providers"]["openai"].update({
        "retry": {"max_attempts": 2, "retry_delay_ms": 50},
        "fallback": [{"provider": "anthropic", "model_map": {"*": "claude-fallback"}}],
    })
    # A provider with no retry, timeout, fallback or breaker config.
    p["providers"]["bare"] = {"kind": "openai", "cluster": "mock",
                              "base_url": "https://api.bare.test", "api_key": {"env": "OPENAI_API_KEY"}}
    # The last step times out: the route's attempt, then one callout.
    p["providers"]["slow"] = {"kind": "openai", "cluster": "mock", "base_url": "https://api.slow.test",
                              "api_key": {"env": "OPENAI_API_KEY"}, "timeout_ms": 300,
                              "retry": {"max_attempts": 2, "retry_delay_ms": 0}}
    if limits:
        p["limits"] = limits
    return p


@pytest.fixture(scope="module")
def cgw(workdir, mock):
    g = Gateway(workdir, mock.port, plugin=plugin(), concurrency=2)
    yield g
    g.stop()


@pytest.fixture(autouse=True)
def clean_script(mock):
    mock.clear_script()
    yield
    mock.clear_script()


def post(g, path="/openai/v1/chat/completions", headers=None, body=CHAT):
    return requests.post(g.url + path, json=body, headers=headers or {}, timeout=30)


def hosts(recs):
    return [r["host"] for r in recs]


def test_client_headers_cannot_multiply_provider_calls(cgw, mock):
    mock.script([{"host": "api.openai.com", "status": 503},
                 {"host": "api.anthropic.com", "status": 503}])
    m = mock.mark()
    r = post(cgw, headers={"x-aigw-max-attempts": "5", "cf-aig-request-timeout": "2000",
                           "x-aigw-retry-delay": "0"})
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "aigw_upstream_unavailable"
    time.sleep(0.3)
    # The operator's 2 attempts on openai, 1 on the fallback: never 5 + 5.
    assert hosts(mock.requests(m)) == ["api.openai.com"] * 2 + ["api.anthropic.com"]


def test_a_client_may_lower_the_attempts(cgw, mock):
    mock.script([{"host": "api.openai.com", "status": 503},
                 {"host": "api.anthropic.com", "status": 503}])
    m = mock.mark()
    r = post(cgw, headers={"x-aigw-max-attempts": "1"})
    assert r.status_code == 503
    time.sleep(0.3)
    assert hosts(mock.requests(m)) == ["api.openai.com", "api.anthropic.com"]


@pytest.mark.parametrize("header", ["x-aigw-request-timeout", "cf-aig-request-timeout"])
def test_request_timeout_works_on_a_provider_without_resilience_config(cgw, mock, header):
    t = time.monotonic()
    r = post(cgw, path="/bare/v1/chat/completions", headers={header: "300", "x-mock-delay-ms": "3000"})
    elapsed = time.monotonic() - t
    assert r.status_code == 504, r.text
    assert r.json()["error"]["code"] == "aigw_upstream_timeout"
    assert elapsed < 2.0, elapsed
    # And a client cannot buy retries there: the operator configured one attempt.
    m = mock.mark()
    r = post(cgw, path="/bare/v1/chat/completions",
             headers={"x-aigw-max-attempts": "5", "x-mock-status": "503"})
    assert r.status_code == 503
    time.sleep(0.3)
    assert len(mock.requests(m)) == 1


def test_the_last_step_timing_out_is_a_504_upstream_timeout(cgw, mock):
    # Both attempts are slower than the 300 ms step timeout: the route's
    # attempt is abandoned, the callout attempt times out in Envoy.
    mock.script([{"host": "api.slow.test", "delay_ms": 3000}])
    t = time.monotonic()
    r = post(cgw, path="/slow/v1/chat/completions")
    elapsed = time.monotonic() - t
    assert r.status_code == 504, r.text
    err = r.json()["error"]
    assert err["code"] == "aigw_upstream_timeout", err
    assert elapsed < 2.5, elapsed
    rec = cgw.wait_record(lambda x: x.get("provider") == "slow" and x.get("status") == 504)
    assert [a["cause"] for a in rec["attempts"]] == ["timeout", "timeout"]


def test_every_attempt_counts_against_limits(workdir, mock):
    limits = {"rules": [{"name": "rpm", "key": ["provider"], "limit": 4, "window": "1m"}]}
    g = Gateway(workdir, mock.port, plugin=plugin(limits))
    try:
        # Two 503s on openai, then the fallback answers: three provider calls.
        mock.script([{"host": "api.openai.com", "status": 503, "times": 2}])
        m = mock.mark()
        assert post(g).status_code == 200
        assert len(mock.requests(m)) == 3
        assert post(g).status_code == 200  # the 4th call of the minute
        r = post(g)
        assert r.status_code == 429, r.text
        assert r.json()["error"]["code"] == "aigw_rate_limited"
    finally:
        g.stop()


def test_an_abandoned_attempt_settles_on_its_estimate_not_zero(workdir, mock):
    limits = {"rules": [{"name": "tpm", "key": ["provider"], "unit": "total_tokens",
                         "limit": 1500, "window": "1m"}]}
    g = Gateway(workdir, mock.port, plugin=plugin(limits))
    try:
        body = dict(CHAT, max_tokens=1000)
        # The first attempt misses its 300 ms deadline and is abandoned (the
        # provider still works on it); the retry answers with a few tokens.
        r = post(g, headers={"x-aigw-request-timeout": "300", "x-mock-delay-ms": "1500"}, body=body)
        assert r.status_code == 200, r.text
        assert r.json()["usage"]["total_tokens"] < 50
        # ~1000 tokens are charged for the abandoned call: no room for another 1000.
        r = post(g, body=body)
        assert r.status_code == 429, r.text
    finally:
        g.stop()
