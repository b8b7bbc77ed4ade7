"""Retries, timeouts, provider fallback and the unified /compat endpoint,
with what each provider (the mock) received."""
import json
import re
import time

import openai
import pytest
import requests

from harness import GATEWAY_KEYS, demo_plugin, free_port

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello fallback"}]}


def chain_plugin(breaker_failures=1000):
    """openai retries once, then falls back to anthropic. The module's shared
    gateway has a breaker too high to trip, so tests do not interfere; the
    breaker test starts its own."""
    plugin = demo_plugin()
    plugin["providers"]["openai"].update({
        "retry": {"max_attempts": 2, "retry_delay_ms": 100},
        "circuit_breaker": {"failures": breaker_failures, "cooldown_ms": 1500},
        "fallback": [{"provider": "anthropic", "model_map": {"*": "claude-fallback"}}],
        "models": ["gpt-4o", "gpt-4o-mini"],
    })
    plugin["providers"]["anthropic"]["models"] = ["claude-sonnet-4-5"]
    plugin["providers"]["deadai"] = {
        "kind": "openai", "base_url": "https://api.deadai.test", "cluster": "dead",
        "retry": {"max_attempts": 2, "retry_delay_ms": 50},
        "fallback": [{"provider": "openai"}]}
    return plugin


@pytest.fixture(scope="module")
def fgw(workdir, mock):
    from harness import Gateway
    g = Gateway(workdir, mock.port, plugin=chain_plugin(), concurrency=2,
                clusters={"dead": ("127.0.0.1", free_port())})
    yield g
    g.stop()


@pytest.fixture(autouse=True)
def clean_script(mock):
    mock.clear_script()
    yield
    mock.clear_script()


def post(g, body=CHAT, headers=None, path="/openai/v1/chat/completions", **kw):
    return requests.post(g.url + path, json=body, headers=headers or {}, timeout=20, **kw)


def hosts(recs):
    return [r["host"] for r in recs]


def test_a_500_is_retried_on_the_same_provider(fgw, mock):
    m = mock.mark()
    # The header reaches only the first attempt (the router's); the retry
    # through a callout carries no x-mock-* headers.
    r = post(fgw, headers={"x-mock-status": "500"})
    assert r.status_code == 200, r.text
    assert r.headers["x-aigw-step"] == "0" and r.headers["x-aigw-provider"] == "openai"
    assert r.json()["choices"][0]["message"]["content"] == "mock: Hello fallback"
    recs = mock.received_since(m, 2)
    assert hosts(recs) == ["api.openai.com", "api.openai.com"]
    assert recs[1]["headers"]["authorization"] == "Bearer " + GATEWAY_KEYS["OPENAI_API_KEY"]
    assert recs[1]["json"] == CHAT
    rec = fgw.wait_record(lambda x: x.get("attempts") and len(x["attempts"]) == 2 and x["step"] == 0)
    assert [a["cause"] for a in rec["attempts"]] == ["status_500", "ok"]


def test_a_400_is_not_retried(fgw, mock):
    m = mock.mark()
    r = post(fgw, headers={"x-mock-status": "400"})
    assert r.status_code == 400
    assert len(mock.requests(m)) == 1


def test_failures_fall_back_to_anthropic_translated(fgw, mock):
    mock.script([{"host": "api.openai.com", "status": 503, "times": 2}])
    m = mock.mark()
    r = post(fgw)
    assert r.status_code == 200, r.text
    assert (r.headers["x-aigw-step"], r.headers["x-aigw-provider"]) == ("1", "anthropic")
    body = r.json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"]["content"] == "mock: Hello fallback"
    assert body["choices"][0]["finish_reason"] == "stop"
    recs = mock.received_since(m, 3)
    assert hosts(recs) == ["api.openai.com", "api.openai.com", "api.anthropic.com"]
    a = recs[2]
    assert a["path"] == "/v1/messages"
    assert a["json"]["model"] == "claude-fallback"
    assert a["json"]["messages"] == [{"role": "user", "content": "Hello fallback"}]
    assert a["headers"]["x-api-key"] == GATEWAY_KEYS["ANTHROPIC_API_KEY"]
    assert a["headers"]["anthropic-version"] == "2023-06-01"
    assert "authorization" not in a["headers"]
    rec = fgw.wait_record(lambda x: x.get("step") == 1)
    assert (rec["provider"], rec["model"]) == ("anthropic", "claude-fallback")
    assert [x["cause"] for x in rec["attempts"]] == ["status_503", "status_503", "ok"]
    assert rec["output_tokens"] == body["usage"]["completion_tokens"]


def test_429_retry_after_is_honoured(fgw, mock):
    mock.script([{"host": "api.openai.com", "status": 429, "retry_after": 1, "times": 1}])
    m = mock.mark()
    t = time.monotonic()
    r = post(fgw)
    elapsed = time.monotonic() - t
    assert r.status_code == 200 and r.headers["x-aigw-provider"] == "openai"
    assert 0.95 <= elapsed < 3, elapsed
    assert hosts(mock.requests(m)) == ["api.openai.com"] * 2


def test_connect_refused_is_retried_then_falls_back(fgw, mock):
    m = mock.mark()
    r = post(fgw, path="/deadai/v1/chat/completions")
    assert r.status_code == 200, r.text
    assert (r.headers["x-aigw-step"], r.headers["x-aigw-provider"]) == ("1", "openai")
    assert hosts(mock.received_since(m, 1)) == ["api.openai.com"]
    rec = fgw.wait_record(lambda x: x.get("step") == 1 and x["provider"] == "openai")
    causes = [a["cause"] for a in rec["attempts"]]
    assert causes[-1] == "ok" and len(causes) == 3, causes


def test_a_slow_first_byte_moves_to_the_next_attempt(fgw, mock):
    m = mock.mark()
    t = time.monotonic()
    r = post(fgw, headers={"x-aigw-request-timeout": "300", "x-mock-delay-ms": "3000"})
    elapsed = time.monotonic() - t
    assert r.status_code == 200, r.text
    assert elapsed < 2.0, elapsed
    assert len(mock.requests(m)) == 2
    rec = fgw.wait_record(lambda x: x.get("attempts") and x["attempts"][0]["cause"] == "timeout")
    assert rec["attempts"][-1]["cause"] == "ok"


def test_all_steps_failing_is_one_clean_error(fgw, mock):
    mock.script([{"host": "api.openai.com", "status": 503, "times": 5},
                 {"host": "api.anthropic.com", "status": 503, "times": 5}])
    r = post(fgw, headers={"x-aigw-max-attempts": "1"})
    assert r.status_code == 503
    err = r.json()["error"]
    assert err["code"] == "aigw_upstream_unavailable"
    assert "anthropic status_503" in err["message"]


def test_a_streamed_request_falls_back_before_the_first_byte(fgw, mock):
    mock.script([{"host": "api.openai.com", "status": 503, "times": 2}])
    client = openai.OpenAI(base_url=fgw.url + "/openai/v1", api_key="k", max_retries=0, timeout=20)
    chunks = list(client.chat.completions.create(
        model="gpt-4o", stream=True, messages=[{"role": "user", "content": "stream after failure"}]))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "mock: stream after failure"
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_a_broken_stream_never_gets_a_second_set_of_headers(fgw, mock):
    """After the first byte, a broken upstream stream cannot fall back: the
    client sees the events that came, then the stream's end as an error."""
    r = requests.post(fgw.url + "/openai/v1/chat/completions", stream=True, timeout=10,
                      json={**CHAT, "stream": True}, headers={"x-mock-break-after": "2"})
    assert r.status_code == 200
    got = b""
    with pytest.raises(requests.exceptions.RequestException):
        for chunk in r.iter_content(None):
            got += chunk
    assert got.count(b"data: ") == 2 and b"HTTP/1.1" not in got
    rec = fgw.wait_record(lambda x: x["stream"] and x["complete"] is False)
    assert rec["status"] == 200


def test_the_circuit_breaker_opens_and_closes(start_gateway, mock):
    plugin = chain_plugin(breaker_failures=3)
    g = start_gateway(plugin=plugin, clusters={"dead": ("127.0.0.1", free_port())})
    mock.script([{"host": "api.openai.com", "status": 500, "times": 3}])
    # Request 1: two failed attempts; request 2: the third failure opens the
    # circuit, so its retry skips openai. Both are served by anthropic.
    for _ in range(2):
        assert post(g).headers["x-aigw-step"] == "1"
    m = mock.mark()
    r = post(g)
    assert r.headers["x-aigw-step"] == "1"
    assert hosts(mock.requests(m)) == ["api.anthropic.com"], "openai skipped while open"
    rec = g.wait_record(lambda x: x.get("attempts") and x["attempts"][0]["cause"] == "circuit_open")
    assert rec["step"] == 1
    assert breaker_state(g, "openai") == 1, "the gauge says open"
    time.sleep(1.6)
    m = mock.mark()
    r = post(g)
    assert (r.status_code, r.headers["x-aigw-step"]) == (200, "0"), "the probe succeeded"
    assert hosts(mock.requests(m)) == ["api.openai.com"]
    assert breaker_state(g, "openai") == 0, "closed again"


def breaker_state(g, provider):
    """`aigw_circuit_breaker_state{provider}` as Prometheus scrapes it."""
    text = requests.get(g.admin + "/stats/prometheus", timeout=5).text
    found = re.search(rf'^aigw_circuit_breaker_state{{provider="{provider}"}} (\d+)$', text, re.M)
    return int(found.group(1)) if found else None


# ------------------------------------------------------------- /compat

def test_openai_sdk_through_compat_to_anthropic(fgw, mock):
    client = openai.OpenAI(base_url=fgw.url + "/compat", api_key="k", max_retries=0, timeout=20)
    m = mock.mark()
    out = client.chat.completions.create(
        model="anthropic/claude-sonnet-4-5",
        messages=[{"role": "system", "content": "Be brief."},
                  {"role": "user", "content": "Hello compat"}],
        max_tokens=64, temperature=0.2, stop=["END"])
    assert out.choices[0].message.content == "mock: Hello compat"
    assert out.choices[0].finish_reason == "stop"
    assert out.model == "anthropic/claude-sonnet-4-5"
    assert out.usage.prompt_tokens > 0 and out.usage.completion_tokens == 3
    [rec] = mock.received_since(m, 1)
    assert (rec["path"], rec["host"]) == ("/v1/messages", "api.anthropic.com")
    sent = rec["json"]
    assert sent["model"] == "claude-sonnet-4-5" and sent["system"] == "Be brief."
    assert sent["max_tokens"] == 64 and sent["stop_sequences"] == ["END"]
    assert sent["temperature"] == 0.2
    assert rec["headers"]["x-api-key"] == GATEWAY_KEYS["ANTHROPIC_API_KEY"]


def test_openai_sdk_streams_through_compat_with_usage(fgw):
    client = openai.OpenAI(base_url=fgw.url + "/compat/v1", api_key="k", max_retries=0, timeout=20)
    chunks = list(client.chat.completions.create(
        model="anthropic/claude-sonnet-4-5", stream=True, stream_options={"include_usage": True},
        messages=[{"role": "user", "content": "Stream compat"}]))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "mock: Stream compat"
    finish = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finish == ["stop"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 3


def test_tool_calls_through_compat(fgw):
    client = openai.OpenAI(base_url=fgw.url + "/compat", api_key="k", max_retries=0, timeout=20,
                           default_headers={"x-mock-tool-call": json.dumps(
                               {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"})})
    tools = [{"type": "function", "function": {
        "name": "get_weather", "description": "Weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]
    out = client.chat.completions.create(model="anthropic/claude-sonnet-4-5", tools=tools,
                                         messages=[{"role": "user", "content": "Weather in Paris?"}])
    call = out.choices[0].message.tool_calls[0]
    assert out.choices[0].finish_reason == "tool_calls"
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Paris"}
    chunks = list(client.chat.completions.create(
        model="anthropic/claude-sonnet-4-5", tools=tools, stream=True,
        messages=[{"role": "user", "content": "Weather in Paris?"}]))
    args = "".join(tc.function.arguments or "" for c in chunks if c.choices
                   for tc in (c.choices[0].delta.tool_calls or []))
    names = [tc.function.name for c in chunks if c.choices
             for tc in (c.choices[0].delta.tool_calls or []) if tc.function.name]
    assert names == ["get_weather"] and json.loads(args) == {"city": "Paris"}
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["tool_calls"]


def test_compat_to_an_openai_provider_passes_through(fgw, mock):
    m = mock.mark()
    r = post(fgw, {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]},
             path="/compat/chat/completions")
    assert r.status_code == 200 and r.json()["choices"][0]["message"]["content"] == "mock: hi"
    [rec] = mock.received_since(m, 1)
    assert (rec["path"], rec["host"], rec["json"]["model"]) == ("/v1/chat/completions", "api.openai.com", "gpt-4o-mini")


def test_compat_models_and_errors(fgw):
    r = requests.get(fgw.url + "/compat/models", timeout=5)
    ids = [m["id"] for m in r.json()["data"]]
    assert "openai/gpt-4o" in ids and "anthropic/claude-sonnet-4-5" in ids
    r = post(fgw, {"model": "gpt-4o", "messages": []}, path="/compat/chat/completions")
    assert r.status_code == 400 and r.json()["error"]["code"] == "aigw_invalid_request"
    r = post(fgw, {"model": "mistral/large", "messages": []}, path="/compat/chat/completions")
    assert r.status_code == 404
