"""Routes that read nothing of the request body let it stream to the provider
unheld (docs/configuration.md, "Unheld requests"): what the provider receives,
what the client gets, and the log record read from the answer. A route that
reads the body still holds it."""
import json
import socket
import time

import pytest
import requests

from harness import GATEWAY_KEYS

LIMIT = 4096
PLUGIN = {
    "version": 1,
    "providers": {
        # Nothing reads a chat body here: no stream-usage option, no policy,
        # cache, token rule, route or retry.
        "openai": {"kind": "openai", "cluster": "mock", "api_key": {"env": "OPENAI_API_KEY"},
                   "inject_stream_usage": False},
        "anthropic": {"kind": "anthropic", "cluster": "mock",
                      "api_key": {"env": "ANTHROPIC_API_KEY"}},
        # OpenAI as shipped: the stream-usage option is added, so the body is held.
        "held": {"kind": "openai", "cluster": "mock", "api_key": {"env": "OPENAI_API_KEY"}},
        # A timeout (an attempt that may be replayed) holds the body too.
        "anthropic_held": {"kind": "anthropic", "cluster": "mock", "timeout_ms": 30000,
                           "api_key": {"env": "ANTHROPIC_API_KEY"}},
    },
    # Count-only limits keep requests unheld (and still count them).
    "limits": {"rules": [{"name": "rpm", "key": [{"header": "x-user"}], "limit": 3, "window": "1m",
                         "on_missing_key": "skip"}]},
    "request": {"max_body_bytes": LIMIT},
}
CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello there"}]}


@pytest.fixture(scope="module")
def ugw(workdir, mock):
    from harness import Gateway
    g = Gateway(workdir, mock.port, plugin=PLUGIN)
    yield g
    g.stop()


def pieces(data, n, delay=0.0):
    """The body as a chunked upload of `n` pieces."""
    step = max(1, len(data) // n)
    for i in range(0, len(data), step):
        if delay:
            time.sleep(delay)
        yield data[i:i + step]


def newest_record(gw, before):
    return gw.wait_records(before + 1)[-1]


def test_a_chunked_body_arrives_intact_and_the_record_comes_from_the_answer(ugw, mock):
    body = json.dumps({**CHAT, "messages": [{"role": "user", "content": "x" * 2000}]}).encode()
    m, before = mock.mark(), len(ugw.records())
    r = requests.post(ugw.url + "/openai/v1/chat/completions", data=pieces(body, 5, 0.02),
                      headers={"content-type": "application/json",
                               "authorization": "Bearer client"}, timeout=15)
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    assert rec["body"].encode() == body  # byte for byte, as the client sent it
    assert rec["headers"]["authorization"] == "Bearer " + GATEWAY_KEYS["OPENAI_API_KEY"]
    assert rec["path"] == "/v1/chat/completions"
    log = newest_record(ugw, before)
    usage = r.json()["usage"]
    assert log["model"] == r.json()["model"]  # named by the answer
    assert (log["input_tokens"], log["output_tokens"]) == (
        usage["prompt_tokens"], usage["completion_tokens"])
    assert log["request_bytes"] == len(body) and log["stream"] is False
    assert r.headers["x-aigw-log-id"] == log["request_id"]


def test_the_headers_go_upstream_before_the_body_ends(ugw, mock):
    """Unheld: the provider's request starts while the client is still
    sending; a held route starts it only once the body is whole."""
    def started(prefix):
        before = ugw.stat("cluster.mock.upstream_rq_total") or 0
        s = socket.create_connection(("127.0.0.1", ugw.port), timeout=5)
        s.sendall(f"POST {prefix}/v1/chat/completions HTTP/1.1\r\nhost: gw\r\n"
                  "content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                  "5\r\n{\"mod\r\n".encode())
        time.sleep(0.5)
        went = (ugw.stat("cluster.mock.upstream_rq_total") or 0) > before
        rest = json.dumps(CHAT).encode()[5:]
        s.sendall(f"{len(rest):x}\r\n".encode() + rest + b"\r\n0\r\n\r\n")
        reply = s.recv(65536)
        s.close()
        assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
        return went

    assert started("/openai") is True
    assert started("/held") is False


def test_malformed_json_gets_the_providers_own_error_when_unheld(ugw, mock):
    m = mock.mark()
    r = requests.post(ugw.url + "/openai/v1/chat/completions", data=b'{"model": ',
                      headers={"content-type": "application/json"}, timeout=15)
    assert r.status_code == 400
    assert r.json()["error"].get("code") != "aigw_invalid_json"  # the mock's own answer
    [rec] = mock.received_since(m, 1)
    assert rec["body"] == '{"model": '
    # Held: the gateway answers, and the provider gets nothing.
    m = mock.mark()
    r = requests.post(ugw.url + "/held/v1/chat/completions", data=b'{"model": ',
                      headers={"content-type": "application/json"}, timeout=15)
    assert (r.status_code, r.json()["error"]["code"]) == (400, "aigw_invalid_json")
    r = requests.post(ugw.url + "/anthropic_held/v1/messages", data=b"{nope",
                      headers={"content-type": "application/json"}, timeout=15)
    body = r.json()
    assert (r.status_code, body["type"], body["error"]["code"]) == (400, "error", "aigw_invalid_json")
    time.sleep(0.2)
    assert mock.received_since(m) == []


def test_an_unheld_stream_is_read_for_usage_and_model(ugw, mock):
    body = {"model": "claude-test-model", "max_tokens": 64, "stream": True,
            "messages": [{"role": "user", "content": "Hi Claude"}]}
    m, before = mock.mark(), len(ugw.records())
    r = requests.post(ugw.url + "/anthropic/v1/messages", json=body, timeout=15, stream=True)
    text = r.content.decode()
    assert r.status_code == 200 and "message_stop" in text
    [rec] = mock.received_since(m, 1)
    assert rec["json"] == body
    log = newest_record(ugw, before)
    assert log["model"] == "claude-test-model" and log["stream"] is True
    assert log["input_tokens"] > 0 and log["output_tokens"] > 0
    # The held OpenAI route still asks for the stream's usage.
    m = mock.mark()
    r = requests.post(ugw.url + "/held/v1/chat/completions", json={**CHAT, "stream": True},
                      timeout=15)
    assert r.status_code == 200
    [rec] = mock.received_since(m, 1)
    assert rec["json"]["stream_options"] == {"include_usage": True}


def test_a_streamed_body_past_the_limit_is_refused(ugw, mock):
    big = json.dumps({**CHAT, "messages": [{"role": "user", "content": "y" * (2 * LIMIT)}]})
    m, before = mock.mark(), len(ugw.records())
    r = requests.post(ugw.url + "/openai/v1/chat/completions",
                      data=pieces(big.encode(), 16, 0.01),
                      headers={"content-type": "application/json"}, timeout=15)
    assert (r.status_code, r.json()["error"]["code"]) == (413, "aigw_body_too_large")
    log = newest_record(ugw, before)
    assert log["error_code"] == "aigw_body_too_large"
    # The provider's request was cut off before its end: the mock's read
    # failed (it records a failed read without its body). It never got a
    # complete request to act on.
    time.sleep(0.3)
    assert [rec["body"] for rec in mock.received_since(m)] in ([], [""])


def test_count_only_limits_still_count_unheld_requests(ugw):
    codes = [requests.post(ugw.url + "/openai/v1/chat/completions", json=CHAT,
                           headers={"x-user": "limited"}, timeout=15).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_a_body_on_get_is_still_refused(ugw, mock):
    m = mock.mark()
    r = requests.get(ugw.url + "/openai/v1/models", data=b"{}", timeout=15)
    assert r.status_code == 400
    time.sleep(0.2)
    assert mock.received_since(m) == []
