"""Nothing unscanned reaches the client: every inference endpoint's stream
(completions, Responses API, chat with legacy function_call and audio
transcripts), logprobs that would spell out redacted text, answers the
gateway cannot read, and request bodies on methods that take none. Each test
asserts on what the client received (and, for requests, what the provider
received)."""
import json

import openai
import pytest
import requests

from harness import demo_plugin

CARD = "4111 1111 1111 1111"
KEY = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
REDACTED = "[REDACTED:CREDIT_CARD]"


def strict_plugin():
    plugin = demo_plugin()
    plugin["policies"] = {
        "strict": {"request": {"*": "flag"}, "response": {"*": "redact", "secret": "block"}},
        "watch": {"request": {"*": "flag"}, "response": {"*": "flag"}},
    }
    plugin["policy"] = "strict"
    plugin["providers"]["local"]["policy"] = "watch"
    return plugin


@pytest.fixture(scope="module")
def sgw(workdir, mock):
    from harness import Gateway
    g = Gateway(workdir, mock.port, plugin=strict_plugin())
    yield g
    g.stop()


@pytest.fixture
def script(mock):
    yield mock.script
    mock.clear_script()


def events(text):
    """The JSON payloads of an event stream, with their `event:` names."""
    out = []
    for block in text.split("\n\n"):
        name, data = None, None
        for line in block.splitlines():
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
        if data and data != "[DONE]":
            out.append((name, json.loads(data)))
    return out


def joined(text, get):
    return "".join(get(v) or "" for _, v in events(text))


def stream_text(r):
    assert r.status_code == 200, r.text
    return b"".join(r.iter_content(None)).decode()


def post(g, path, body, headers=None, stream=False):
    return requests.post(g.url + path, json=body, headers=headers or {}, timeout=15, stream=stream)


def assert_blocked_stream(text):
    assert "ghp_" not in text and "qrstuvwxyz" not in text, text
    name, last = events(text)[-1]
    code = last.get("code") or last["error"]["code"]
    assert code == "aigw_dlp_blocked", last
    assert not text.rstrip().endswith("[DONE]")


def sse_raw(chunks):
    return "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"


def chunk(delta, finish=None):
    return {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}


# ------------------------------------------------------------- point 2

def test_streamed_completions_are_redacted_and_blocked(sgw):
    body = {"model": "gpt-3.5-turbo-instruct", "prompt": "x", "stream": True}
    text = stream_text(post(sgw, "/openai/v1/completions", body, stream=True,
                            headers={"x-mock-reply": f"card {CARD} ok"}))
    assert joined(text, lambda v: v["choices"][0]["text"] if v.get("choices") else "") == \
        f"card {REDACTED} ok"
    assert "4111" not in text and text.endswith("data: [DONE]\n\n")
    text = stream_text(post(sgw, "/openai/v1/completions", body, stream=True,
                            headers={"x-mock-reply": f"key {KEY} and more"}))
    assert_blocked_stream(text)


def test_streamed_responses_are_redacted_in_deltas_and_restatements(sgw):
    client = openai.OpenAI(base_url=sgw.url + "/openai/v1", api_key="k", max_retries=0, timeout=10)
    reply = f"card {CARD} ok"
    stream = client.responses.create(model="gpt-4o", input="hi", stream=True,
                                     extra_headers={"x-mock-reply": reply})
    seen = list(stream)
    deltas = "".join(e.delta for e in seen if e.type == "response.output_text.delta")
    assert deltas == f"card {REDACTED} ok"
    done = [e for e in seen if e.type == "response.output_text.done"]
    assert done[0].text == f"card {REDACTED} ok"
    final = [e for e in seen if e.type == "response.completed"][0].response
    assert final.output_text == f"card {REDACTED} ok"
    assert final.usage.output_tokens == 6
    # Raw, too: not a fragment anywhere.
    text = stream_text(post(sgw, "/openai/v1/responses", {"model": "m", "input": "hi", "stream": True},
                            headers={"x-mock-reply": reply}, stream=True))
    assert "4111" not in text and "1111" not in text
    # Plain.
    out = client.responses.create(model="gpt-4o", input="hi", extra_headers={"x-mock-reply": reply})
    assert out.output_text == f"card {REDACTED} ok"


@pytest.mark.parametrize("secret", ["glpat-Xq3vT9kLm2Pw8RzN4bYc",
                                    "postgres://app:Tr0ub4dor-3@db.internal/app"])
def test_a_vendor_token_or_a_password_in_a_chat_stream_blocks_it(sgw, secret):
    body = {"model": "gpt-4o-mini", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    text = stream_text(post(sgw, "/openai/v1/chat/completions", body, stream=True,
                            headers={"x-mock-reply": f"use {secret} to connect"}))
    assert "Xq3vT9kLm2Pw8RzN4bYc" not in text and "Tr0ub4dor" not in text, text
    name, last = events(text)[-1]
    assert (last.get("code") or last["error"]["code"]) == "aigw_dlp_blocked", last


def test_a_key_in_a_responses_stream_blocks_it_with_an_error_event(sgw):
    text = stream_text(post(sgw, "/openai/v1/responses", {"model": "m", "input": "hi", "stream": True},
                            headers={"x-mock-reply": f"here: {KEY} done"}, stream=True))
    assert_blocked_stream(text)
    assert "response.completed" not in text
    client = openai.OpenAI(base_url=sgw.url + "/openai/v1", api_key="k", max_retries=0, timeout=10)
    with pytest.raises(openai.APIError) as e:
        list(client.responses.create(model="m", input="hi", stream=True,
                                     extra_headers={"x-mock-reply": f"here: {KEY} done"}))
    assert "blocks" in str(e.value)


def test_responses_function_call_arguments_are_scanned(sgw):
    tool = json.dumps({"name": "pay", "arguments": {"card": CARD}})
    text = stream_text(post(sgw, "/openai/v1/responses", {"model": "m", "input": "pay", "stream": True},
                            headers={"x-mock-tool-call": tool}, stream=True))
    args = joined(text, lambda v: v.get("delta") if v["type"].endswith("arguments.delta") else "")
    assert json.loads(args) == {"card": REDACTED}
    assert "4111" not in text


@pytest.mark.parametrize("field", ["function_call", "audio"])
def test_legacy_function_call_and_audio_transcript_are_scanned(sgw, script, field):
    def delta(t):
        if field == "function_call":
            return {"function_call": {"arguments": t}}
        return {"audio": {"id": "a1", "transcript": t}}

    pieces = ["card 4111 11", "11 1111 11", "11 ok"]
    body = sse_raw([chunk({"role": "assistant"})] + [chunk(delta(p)) for p in pieces] +
                   [chunk({}, "stop")])
    script([{"model": f"raw-{field}", "times": 1,
             "raw": {"content_type": "text/event-stream", "body": body}}])
    text = stream_text(post(sgw, "/openai/v1/chat/completions", {
        "model": f"raw-{field}", "stream": True, "messages": [{"role": "user", "content": "x"}]},
        stream=True))
    key = "arguments" if field == "function_call" else "transcript"
    got = joined(text, lambda v: (v["choices"][0]["delta"].get(field) or {}).get(key))
    assert got == f"card {REDACTED} ok"
    assert "4111" not in text
    # A key split over the events blocks the stream.
    pieces = ["key ghp_abcdefghij", "klmnopqrstuvwxyz01", "23456789 after"]
    body = sse_raw([chunk(delta(p)) for p in pieces] + [chunk({}, "stop")])
    script([{"model": f"raw-{field}-key", "times": 1,
             "raw": {"content_type": "text/event-stream", "body": body}}])
    text = stream_text(post(sgw, "/openai/v1/chat/completions", {
        "model": f"raw-{field}-key", "stream": True, "messages": [{"role": "user", "content": "x"}]},
        stream=True))
    assert_blocked_stream(text)


# Arguments whose JSON escapes hide a card: the client's JSON parser decodes
# them, so the gateway must read them decoded (splits fall inside escapes).
ESCAPED_ARGS = [
    ['{"card":"\\u00', '34111 1111 1', '111 1111","n":1}'],
    # One level further down, `\n` separators, a split between `\` and `n`.
    ['{"card":"\\\\', 'u0034111\\n1111\\', 'n1111\\n111\\u003', '1","n":1}'],
]


def tool_call_body(pieces):
    def delta(t):
        return {"tool_calls": [{"index": 0, "id": "t1", "type": "function",
                                "function": {"name": "pay", "arguments": t}}]}
    return sse_raw([chunk({"role": "assistant"})] + [chunk(delta(p)) for p in pieces] +
                   [chunk({}, "tool_calls")])


def post_raw(g, script, model, body):
    script([{"model": model, "times": 1,
             "raw": {"content_type": "text/event-stream", "body": body}}])
    return stream_text(post(g, "/openai/v1/chat/completions", {
        "model": model, "stream": True, "messages": [{"role": "user", "content": "x"}]},
        stream=True))


def assert_no_card(text):
    assert "1111" not in text and "u0034" not in text and "u0031" not in text, text


@pytest.mark.parametrize("pieces", ESCAPED_ARGS)
def test_tool_call_arguments_with_escaped_card_are_redacted(sgw, script, pieces):
    text = post_raw(sgw, script, "raw-escaped-args", tool_call_body(pieces))
    assert_no_card(text)
    args = joined(text, lambda v: ((v["choices"][0]["delta"].get("tool_calls") or [{}])[0]
                                   .get("function") or {}).get("arguments"))
    assert json.loads(args) == {"card": REDACTED, "n": 1}
    assert text.endswith("data: [DONE]\n\n")


def test_tool_call_arguments_with_escaped_card_block_the_stream(start_gateway, script):
    plugin = strict_plugin()
    plugin["policies"]["strict"]["response"] = {"*": "block"}
    g = start_gateway(plugin=plugin)
    for pieces in ESCAPED_ARGS:
        text = post_raw(g, script, "raw-escaped-args-block", tool_call_body(pieces))
        assert_no_card(text)
        name, last = events(text)[-1]
        assert (last.get("code") or last["error"]["code"]) == "aigw_dlp_blocked", last
        assert not text.rstrip().endswith("[DONE]")


# ------------------------------------------------------------- point 3

def test_logprobs_do_not_spell_out_redacted_text(sgw):
    reply = {"x-mock-reply": f"card {CARD} ok"}
    chat = {"model": "m", "messages": [{"role": "user", "content": "x"}], "logprobs": True,
            "top_logprobs": 2}
    r = post(sgw, "/openai/v1/chat/completions", chat, headers=reply)
    choice = r.json()["choices"][0]
    assert choice["message"]["content"] == f"card {REDACTED} ok"
    assert choice["logprobs"] is None and "4111" not in r.text and "1111" not in r.text
    text = stream_text(post(sgw, "/openai/v1/chat/completions", {**chat, "stream": True},
                            headers=reply, stream=True))
    assert "1111" not in text and '"token"' not in text
    comp = {"model": "m", "prompt": "x", "logprobs": 2}
    r = post(sgw, "/openai/v1/completions", comp, headers=reply)
    assert r.json()["choices"][0]["logprobs"] is None and "1111" not in r.text
    text = stream_text(post(sgw, "/openai/v1/completions", {**comp, "stream": True},
                            headers=reply, stream=True))
    assert "1111" not in text and "text_offset" not in text
    resp = {"model": "m", "input": "x", "include": ["message.output_text.logprobs"], "top_logprobs": 2}
    r = post(sgw, "/openai/v1/responses", resp, headers=reply)
    assert r.json()["output"][0]["content"][0]["logprobs"] == [] and "1111" not in r.text
    text = stream_text(post(sgw, "/openai/v1/responses", {**resp, "stream": True},
                            headers=reply, stream=True))
    assert "1111" not in text and '"token"' not in text
    # A flag-only policy alters nothing: logprobs stay.
    r = post(sgw, "/local/chat/completions", chat, headers=reply)
    assert r.json()["choices"][0]["logprobs"]["content"][1]["token"] == "4111 "


# ------------------------------------------------------------- point 4

@pytest.mark.parametrize("raw", [
    {"content_type": "text/plain", "body": f"card {CARD}"},
    {"content_type": "application/x-ndjson", "body": json.dumps({"text": f"card {CARD}"}) + "\n"},
    {"body": json.dumps({"choices": [{"message": {"content": f"card {CARD}"}}]})},
    {"content_type": "application/json", "content_encoding": "deflate",
     "body": json.dumps({"choices": [{"message": {"content": f"card {CARD}"}}]})},
    {"content_type": "text/event-stream", "content_encoding": "br",
     "body": sse_raw([chunk({"content": f"card {CARD}"})])},
], ids=["text-plain", "ndjson", "unlabelled", "encoded-json", "encoded-sse"])
def test_answers_the_gateway_cannot_read_fail_closed(sgw, script, raw):
    script([{"path_suffix": "/chat/completions", "times": 1, "raw": raw}])
    r = requests.post(sgw.url + "/openai/v1/chat/completions", timeout=10,
                      json={"model": "m", "messages": [{"role": "user", "content": "x"}]})
    assert r.status_code == 403, r.text
    assert "content-encoding" not in r.headers
    err = r.json()["error"]
    assert err["code"] == "aigw_dlp_blocked" and "could not be scanned" in err["message"]
    assert "4111" not in r.text


def test_an_unreadable_anthropic_answer_fails_closed_in_its_shape(sgw, script):
    script([{"path_suffix": "/messages", "times": 1,
             "raw": {"content_type": "text/plain", "body": f"card {CARD}"}}])
    r = requests.post(sgw.url + "/anthropic/v1/messages", timeout=10, json={
        "model": "c", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]})
    assert r.status_code == 403 and "4111" not in r.text
    assert r.json()["type"] == "error" and r.json()["error"]["code"] == "aigw_dlp_blocked"


@pytest.mark.parametrize("method", ["GET", "DELETE", "OPTIONS"])
def test_request_bodies_on_methods_without_one_are_refused(sgw, mock, method):
    m = mock.mark()
    body = json.dumps({"messages": [{"role": "user", "content": f"card {CARD}"}]}).encode()
    r = requests.request(method, sgw.url + "/openai/v1/models", data=body, timeout=10,
                         headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "aigw_invalid_request"
    assert method in r.json()["error"]["message"]
    # Chunked, without a content-length, too.
    r = requests.request(method, sgw.url + "/openai/v1/chat/completions", data=iter([body]), timeout=10)
    assert r.status_code == 400
    assert mock.requests(m) == []
    # Without a body the request goes through.
    if method == "GET":
        assert requests.get(sgw.url + "/openai/v1/models", timeout=10).status_code == 200
