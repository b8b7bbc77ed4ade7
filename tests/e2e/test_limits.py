"""Rate limits, token limits and spend budgets, counted across Envoy workers
(two per Envoy here) and, in global mode, across Envoys through Redis."""
import concurrent.futures
import hashlib
import json
import socket
import time

import pytest
import requests

from harness import demo_plugin, free_port

TENANTS = [f"t{i}" for i in range(1, 14)]


def limits_plugin(limits, **extra):
    plugin = demo_plugin()
    plugin["auth"] = {"tokens": [{"name": t, "sha256": hashlib.sha256(t.encode()).hexdigest()}
                                 for t in TENANTS]}
    plugin["limits"] = limits
    plugin.update(extra)
    return plugin


def chat(g, tenant, text="one two", stream=False, max_tokens=20, headers=None,
         path="/openai/v1/chat/completions", model="gpt-4o-mini"):
    body = {"model": model, "max_tokens": max_tokens, "stream": stream,
            "messages": [{"role": "user", "content": text}]}
    h = {"x-aigw-authorization": tenant, **(headers or {})}
    return requests.post(g.url + path, json=body, headers=h, timeout=20)


def burst(fn, n):
    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return list(pool.map(lambda _: fn(), range(n)))


@pytest.fixture(scope="module")
def lgw(workdir, mock):
    from harness import Gateway
    limits = {
        "rules": [
            {"name": "burst", "key": ["tenant"], "limit": 7, "window": "1h",
             "when": {"tenants": ["t1"]}},
            {"name": "tokens", "key": ["tenant"], "unit": "total_tokens", "limit": 60, "window": "1h",
             "when": {"tenants": ["t2"]}},
            {"name": "token-burst", "key": ["tenant"], "unit": "total_tokens", "limit": 100,
             "window": "1h", "when": {"tenants": ["t3"]}},
            {"name": "soft", "key": ["tenant"], "limit": 1, "window": "1h", "mode": "log_only",
             "when": {"tenants": ["t5"]}},
            {"name": "per-ip", "key": ["client_ip", {"header": "x-user"}], "limit": 2, "window": "1h",
             "when": {"tenants": ["t6"]}},
            {"name": "stream-tokens", "key": ["tenant"], "unit": "total_tokens", "limit": 400,
             "window": "1m", "when": {"tenants": ["t11"]}},
        ],
        "budgets": [{"name": "daily-spend", "key": ["tenant"], "period": "day", "limit_usd": 0.05,
                     "when": {"tenants": ["t4", "t10"]}}],
        "prices": {"openai": {"*": {"input": 1000, "output": 1000}}},
    }
    g = Gateway(workdir, mock.port, plugin=limits_plugin(limits), concurrency=2)
    yield g
    g.stop()


def test_concurrent_requests_admit_exactly_the_limit(lgw):
    results = burst(lambda: chat(lgw, "t1"), 20)
    codes = sorted(r.status_code for r in results)
    assert codes.count(200) == 7 and codes.count(429) == 13, codes
    denied = next(r for r in results if r.status_code == 429)
    assert denied.json()["error"]["code"] == "aigw_rate_limited"
    assert denied.headers["ratelimit-policy"] == '"burst";q=7;w=3600'
    assert denied.headers["ratelimit"].startswith('"burst";r=0;t=')
    assert int(denied.headers["retry-after"]) >= 1
    ok = next(r for r in results if r.status_code == 200)
    assert ok.headers["ratelimit-policy"] == '"burst";q=7;w=3600'
    assert ok.headers["ratelimit"].startswith('"burst";r=')
    rec = lgw.wait_record(lambda x: x.get("rate_limited") is True and x["tenant"] == "t1")
    assert rec["rate_limit_rule"] == "burst" and rec["status"] == 429


def test_token_limits_settle_on_real_usage_streamed_or_not(lgw, mock):
    # Each request reserves its estimate (6 prompt + 20 max_tokens = 26) and
    # settles on the mock's usage (5 in + 3 out = 8): five fit in 60, not six.
    statuses = []
    for i in range(7):
        r = chat(lgw, "t2", stream=bool(i % 2))
        statuses.append(r.status_code)
        if r.status_code == 200 and i % 2:
            assert r.text.endswith("data: [DONE]\n\n")
    assert statuses == [200] * 5 + [429] * 2, statuses
    from harness import wait_for
    recs = wait_for(lambda: (lambda r: r if len(r) == 5 else None)(
        [x for x in lgw.records() if x["tenant"] == "t2" and x["status"] == 200]))
    assert [(x["input_tokens"], x["output_tokens"]) for x in recs] == [(5, 3)] * 5
    assert {x["stream"] for x in recs} == {True, False}


def test_reservation_prevents_overshoot_in_a_burst(lgw, mock):
    # Limit 100 tokens; each request reserves 6 + 40 = 46 while in flight:
    # two fit, whatever the interleaving across workers.
    results = burst(lambda: chat(lgw, "t3", max_tokens=40, headers={"x-mock-delay-ms": "300"}), 10)
    codes = [r.status_code for r in results]
    assert codes.count(200) == 2 and codes.count(429) == 8, codes


def test_budget_exhausted_by_cost(lgw):
    # $1000 per million tokens: 8 tokens cost $0.008; a request reserves its
    # estimate (26 tokens, $0.026) against the $0.05 daily budget.
    statuses = [chat(lgw, "t4").status_code for _ in range(6)]
    assert statuses == [200] * 4 + [429] * 2, statuses
    r = chat(lgw, "t4")
    assert r.json()["error"]["code"] == "aigw_budget_exceeded"
    from harness import wait_for
    recs = wait_for(lambda: (lambda r: r if len(r) == 4 else None)(
        [x for x in lgw.records() if x["tenant"] == "t4" and x["status"] == 200]))
    assert [x["cost_usd"] for x in recs] == [pytest.approx(0.008)] * 4


def test_custom_cost_overrides_the_price(lgw):
    r = chat(lgw, "t8", headers={"cf-aig-custom-cost": json.dumps({"per_token_in": 0.5, "per_token_out": 1})})
    assert r.status_code == 200
    rec = lgw.wait_record(lambda x: x["tenant"] == "t8")
    assert rec["cost_usd"] == pytest.approx(5 * 0.5 + 3 * 1)
    bad = chat(lgw, "t8", headers={"x-aigw-custom-cost": "{\"per_token_in\": -1}"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "aigw_invalid_custom_cost"


def test_log_only_rules_admit_and_log(lgw):
    assert [chat(lgw, "t5").status_code for _ in range(3)] == [200] * 3
    rec = lgw.wait_record(lambda x: x["tenant"] == "t5" and x.get("over_limit_logged"))
    assert rec["over_limit_logged"] == ["soft"] and rec["rate_limited"] is False


def test_keys_from_client_ip_and_headers(lgw):
    a = [chat(lgw, "t6", headers={"x-user": "alice"}).status_code for _ in range(3)]
    b = [chat(lgw, "t6", headers={"x-user": "bob"}).status_code for _ in range(2)]
    assert (a, b) == ([200, 200, 429], [200, 200])


def test_limits_apply_to_the_unified_endpoint_and_anthropic_shape(lgw):
    r = chat(lgw, "t1", path="/compat/chat/completions", model="openai/gpt-4o-mini")
    assert r.status_code == 429 and r.json()["error"]["code"] == "aigw_rate_limited"
    body = {"model": "claude", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]}
    r = requests.post(lgw.url + "/anthropic/v1/messages", json=body, timeout=10,
                      headers={"x-aigw-authorization": "t1"})
    assert r.status_code == 429 and r.json()["type"] == "error"
    assert r.json()["error"]["type"] == "rate_limit_error"


def test_zero_custom_cost_does_not_reopen_an_exhausted_budget(lgw, mock):
    statuses = [chat(lgw, "t10").status_code for _ in range(6)]
    assert statuses == [200] * 4 + [429] * 2, statuses
    m = mock.mark()
    zero = json.dumps({"per_token_in": 0, "per_token_out": 0})
    for name in ("x-aigw-custom-cost", "cf-aig-custom-cost"):
        r = chat(lgw, "t10", headers={name: zero})
        assert r.status_code == 429, r.text
        assert r.json()["error"]["code"] == "aigw_budget_exceeded"
    assert mock.requests(m) == []


WORDS = " ".join(f"word{i % 10}" for i in range(195))


def stream_and_leave(g, tenant, deltas=150):
    """A streamed chat read for `deltas` content events, then the connection
    closed before the usage chunk. The status line, or None."""
    body = json.dumps({"model": "gpt-4o-mini", "max_tokens": 10, "stream": True,
                       "messages": [{"role": "user", "content": "tell me"}]}).encode()
    head = (f"POST /openai/v1/chat/completions HTTP/1.1\r\nhost: gw\r\n"
            f"content-type: application/json\r\ncontent-length: {len(body)}\r\n"
            f"x-aigw-authorization: {tenant}\r\nx-mock-reply: {WORDS}\r\n"
            f"x-mock-chunk-delay-ms: 3\r\n\r\n").encode()
    s = socket.create_connection(("127.0.0.1", g.port), timeout=10)
    try:
        s.sendall(head + body)
        got = b""
        while got.count(b'"content"') < deltas:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
            if got.startswith(b"HTTP/1.1 429"):
                return 429
        assert b'"usage":{' not in got  # left before the usage chunk
        return int(got[9:12])
    finally:
        s.close()


def leave_repeatedly(g, tenant, tries=12):
    from harness import wait_for
    statuses = []
    for _ in range(tries):
        before = len([x for x in g.records() if x["tenant"] == tenant])
        statuses.append(stream_and_leave(g, tenant))
        # The request settles when Envoy sees the client gone (its record).
        wait_for(lambda: len([x for x in g.records() if x["tenant"] == tenant]) > before,
                 what="the record of the abandoned stream")
    return statuses


def test_closing_a_stream_before_its_usage_does_not_dodge_a_token_limit(lgw):
    # The case: 195 words per answer against 400 tokens a minute.
    # Before: every request settled to 0 and all 12 were admitted.
    statuses = leave_repeatedly(lgw, "t11")
    assert statuses.count(200) <= 2 and 429 in statuses, statuses
    rec = next(x for x in lgw.records() if x["tenant"] == "t11" and x["status"] == 200)
    assert "no final usage" in json.dumps(rec["limit_notes"]), rec


def test_a_forged_x_forwarded_for_does_not_escape_a_per_ip_limit(lgw):
    statuses = [chat(lgw, "t6", headers={"x-user": "mallory",
                                          "x-forwarded-for": f"203.0.113.{i}"}).status_code
                for i in range(4)]
    assert statuses == [200, 200, 429, 429], statuses


# ------------------------------------------------------------ global mode

def global_plugin(redis_cluster="webdis", on_error="open"):
    return limits_plugin({
        "rules": [{"name": "shared", "key": ["tenant"], "limit": 5, "window": "1h", "scope": "global"}],
        "global": {"cluster": redis_cluster, "timeout_ms": 200, "on_error": on_error},
    })


def test_global_limit_shared_by_two_envoys(start_gateway, redis):
    clusters = {"webdis": ("127.0.0.1", redis.webdis_port)}
    a = start_gateway(plugin=global_plugin(), clusters=clusters)
    b = start_gateway(plugin=global_plugin(), clusters=clusters)
    statuses = [chat(g, "t7").status_code for g in (a, b) * 5]
    assert statuses.count(200) == 5 and statuses.count(429) == 5, statuses
    # Concurrent, across both: still exactly the limit (another tenant).
    results = burst(lambda: chat(a, "t9"), 6) + burst(lambda: chat(b, "t9"), 6)
    assert [r.status_code for r in results].count(200) == 5


@pytest.mark.parametrize("on_error,expected", [("open", 200), ("closed", 429)])
def test_redis_down(start_gateway, on_error, expected):
    g = start_gateway(plugin=global_plugin(on_error=on_error),
                      clusters={"webdis": ("127.0.0.1", free_port())})
    r = chat(g, "t7")
    assert r.status_code == expected, r.text
    rec = g.wait_record(lambda x: x["tenant"] == "t7")
    assert rec["limit_notes"], rec


def test_closing_a_stream_before_its_usage_is_counted_globally(start_gateway, redis):
    plugin = limits_plugin({
        "rules": [{"name": "g-tokens", "key": ["tenant"], "unit": "total_tokens", "limit": 400,
                   "window": "1m", "scope": "global"}],
        "global": {"cluster": "webdis", "timeout_ms": 500},
    })
    g = start_gateway(plugin=plugin, clusters={"webdis": ("127.0.0.1", redis.webdis_port)})
    statuses = leave_repeatedly(g, "t12")
    assert statuses.count(200) <= 2 and 429 in statuses, statuses


def one_request_per_connection(cluster):
    """Every callout to `cluster` needs a new connection: a callout still
    waiting for it when its request ends is what Envoy cancels."""
    def edit(cfg):
        for c in cfg["static_resources"]["clusters"]:
            if c["name"] == cluster:
                c["typed_extension_protocol_options"] = {
                    "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                        "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                        "common_http_protocol_options": {"max_requests_per_connection": 1},
                        "explicit_http_config": {"http_protocol_options": {}},
                    }}
    return edit


def test_global_settlements_survive_the_end_of_their_request(start_gateway, redis):
    # Each request reserves 26 tokens and settles on 8 once it is over. The
    # settlement is sent by the root context after the request has ended,
    # over a new connection each time (none is pooled): it must still land,
    # or every request stays counted at its reservation (two fit in 60, not
    # five).
    plugin = limits_plugin({
        "rules": [{"name": "g-settle", "key": ["tenant"], "unit": "total_tokens", "limit": 60,
                   "window": "1h", "scope": "global"}],
        "global": {"cluster": "webdis", "timeout_ms": 500},
    })
    g = start_gateway(plugin=plugin, clusters={"webdis": ("127.0.0.1", redis.webdis_port)},
                      edit=one_request_per_connection("webdis"))
    statuses = []
    for _ in range(7):
        statuses.append(chat(g, "t13").status_code)
        time.sleep(0.3)  # the settlement lands before the next reservation
    assert statuses == [200] * 5 + [429] * 2, statuses
