"""Provider endpoints: what the client gets and what the provider receives."""
import json
import time

import requests

from harness import GATEWAY_KEYS

CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello there"}]}
MESSAGES = {"model": "claude-test-model", "max_tokens": 64,
            "messages": [{"role": "user", "content": "Hi Claude"}]}


def post(gateway, path, body, headers=None, stream=False):
    return requests.post(gateway.url + path, json=body, headers=headers or {}, timeout=15,
                         stream=stream)


def sse_events(response):
    """(arrival time, event name, data) for each event, read as it arrives."""
    events, event, data = [], None, []
    for line in response.iter_lines():
        line = line.decode()
        if line == "":
            if data:
                events.append((time.monotonic(), event, "\n".join(data)))
            event, data = None, []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
    return events


def assert_no_gateway_headers(record):
    leaked = [k for k in record["headers"] if k.startswith(("x-aigw-", "cf-aig-"))]
    assert not leaked, leaked


def test_openai_chat_is_routed_with_the_gateway_key(gateway, mock):
    m = mock.mark()
    r = post(gateway, "/openai/v1/chat/completions", CHAT,
             {"authorization": "Bearer client-key", "x-aigw-metadata": '{"user":"u1"}'})
    assert r.status_code == 200, r.text
    assert r.json()["choices"][0]["message"]["content"] == "mock: Hello there"
    [rec] = mock.received_since(m, 1)
    assert rec["method"] == "POST"
    assert rec["path"] == "/v1/chat/completions"
    assert rec["host"] == "api.openai.com"
    assert rec["headers"]["authorization"] == "Bearer " + GATEWAY_KEYS["OPENAI_API_KEY"]
    assert "x-aigw-cluster" not in rec["headers"]
    assert_no_gateway_headers(rec)
    assert rec["json"] == CHAT  # a non-streamed body goes upstream unchanged


def test_openai_stream_passes_chunk_by_chunk(gateway, mock):
    m = mock.mark()
    r = post(gateway, "/openai/v1/chat/completions", {**CHAT, "stream": True},
             {"x-mock-chunk-delay-ms": "150"}, stream=True)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r)
    assert events[-1][2] == "[DONE]"
    chunks = [json.loads(d) for _, _, d in events[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert text == "mock: Hello there"
    # Events arrive as the provider sends them, not all at the end.
    assert events[-1][0] - events[0][0] > 0.5, [round(t - events[0][0], 3) for t, _, _ in events]
    # The gateway asked for usage on the client's behalf and hid that chunk.
    assert all(c["choices"] for c in chunks)
    [rec] = mock.received_since(m, 1)
    assert rec["json"]["stream_options"] == {"include_usage": True}
    assert rec["json"]["messages"] == CHAT["messages"]


def test_openai_stream_keeps_usage_chunk_the_client_asked_for(gateway, mock):
    body = {**CHAT, "stream": True, "stream_options": {"include_usage": True}}
    r = post(gateway, "/openai/v1/chat/completions", body, stream=True)
    chunks = [json.loads(d) for _, _, d in sse_events(r) if d != "[DONE]"]
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 3


def test_a_long_stream_arrives_whole_in_coalesced_chunks(gateway, mock):
    """20,000 events written one by one reach the filter many to a chunk
    (Envoy hands over what arrived while the filter was busy; the SSE
    parser used to cost a chunk's size per event in it). Every event reaches
    the client in order, the usage chunk the client did not ask for is
    dropped, and the usage is read."""
    words = [f"w{i}" for i in range(20_000)]
    mock.clear_script()
    try:
        mock.script([{"model": "long-stream", "reply": " ".join(words)}])
        body = {"model": "long-stream", "stream": True, "messages": CHAT["messages"]}
        r = requests.post(gateway.url + "/openai/v1/chat/completions", json=body, timeout=60,
                          stream=True)
        assert r.status_code == 200
        events = sse_events(r)
    finally:
        mock.clear_script()
    assert events[-1][2] == "[DONE]"
    chunks = [json.loads(d) for _, _, d in events[:-1]]
    assert all(c["choices"] for c in chunks)
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert text.split() == words
    rec = gateway.wait_record(lambda x: x["request_id"] == r.headers["x-aigw-log-id"])
    assert rec["output_tokens"] == len(words) and rec["complete"] is True, rec


def test_anthropic_messages_get_api_key_and_version(gateway, mock):
    m = mock.mark()
    r = post(gateway, "/anthropic/v1/messages", MESSAGES, {"x-api-key": "client-key"})
    assert r.status_code == 200, r.text
    assert r.json()["content"][0]["text"] == "mock: Hi Claude"
    [rec] = mock.received_since(m, 1)
    assert rec["path"] == "/v1/messages"
    assert rec["host"] == "api.anthropic.com"
    assert rec["headers"]["x-api-key"] == GATEWAY_KEYS["ANTHROPIC_API_KEY"]
    assert rec["headers"]["anthropic-version"] == "2023-06-01"
    assert "authorization" not in rec["headers"]
    assert rec["json"] == MESSAGES


def test_anthropic_stream(gateway, mock):
    r = post(gateway, "/anthropic/v1/messages", {**MESSAGES, "stream": True},
             {"x-mock-chunk-delay-ms": "100"}, stream=True)
    events = sse_events(r)
    names = [e for _, e, _ in events]
    assert names[0] == "message_start" and names[-1] == "message_stop"
    text = "".join(json.loads(d)["delta"].get("text", "") for _, e, d in events
                   if e == "content_block_delta")
    assert text == "mock: Hi Claude"
    assert events[-1][0] - events[0][0] > 0.3


def test_openai_compatible_provider_at_a_base_path(gateway, mock):
    m = mock.mark()
    r = post(gateway, "/local/chat/completions?trace=1", CHAT)
    assert r.status_code == 200
    [rec] = mock.received_since(m, 1)
    assert rec["path"] == "/compat/v1/chat/completions?trace=1"
    assert rec["host"] == "127.0.0.1:18080"
    assert "authorization" not in rec["headers"]  # no key held, none sent


def test_get_endpoints_pass(gateway, mock):
    r = requests.get(gateway.url + "/openai/v1/models", timeout=5)
    assert r.status_code == 200
    assert r.json()["object"] == "list"


def test_client_keys_pass_through_when_the_gateway_holds_none(start_gateway, mock):
    g = start_gateway(env={})
    m = mock.mark()
    assert post(g, "/openai/v1/chat/completions", CHAT,
                {"authorization": "Bearer sk-client"}).status_code == 200
    assert post(g, "/anthropic/v1/messages", MESSAGES,
                {"x-api-key": "sk-ant-client"}).status_code == 200
    oa, an = mock.received_since(m, 2)
    assert oa["headers"]["authorization"] == "Bearer sk-client"
    assert an["headers"]["x-api-key"] == "sk-ant-client"
    assert "Gateway provider key" not in g.log_text()


def test_upload_bodies_pass_uninspected(start_gateway, mock):
    from harness import demo_plugin
    plugin = demo_plugin()
    plugin["providers"]["openai"]["endpoints"] = [{"allow": "POST /v1/files"}]
    gateway = start_gateway(plugin=plugin)
    m = mock.mark()
    files = {"file": ("data.jsonl", b"not json at all\n" * 100, "application/octet-stream")}
    r = requests.post(gateway.url + "/openai/v1/files", files=files, data={"purpose": "batch"},
                      timeout=10)
    assert r.status_code == 404  # the mock has no /files; the point is it got there
    [rec] = mock.received_since(m, 1)
    assert rec["path"] == "/v1/files"
    assert "not json at all" in rec["body"]
