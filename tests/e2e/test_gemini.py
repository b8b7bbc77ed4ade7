"""Google Gemini through the gateway: Google's own `google-genai` SDK on the
native route (generate, stream, count tokens, embeddings, errors), the
`openai` SDK on /compat with `gemini/<model>` (plain, streamed, tools), and
fallback both ways (OpenAI -> Gemini, Gemini -> OpenAI). Each test checks
what the client got, what the provider (the mock, in Gemini's shape)
received, and the log record."""
import json

import openai
import pytest
import requests
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from harness import GATEWAY_KEYS, Gateway
import envoy_config

GEMINI_HOST = "generativelanguage.googleapis.com"
MODEL = "gemini-2.5-flash"
KEYS = {**GATEWAY_KEYS, "GEMINI_API_KEY": "gemini-gateway-key"}
EMAIL = "jane.doe@example.com"


def plugin():
    return {
        "version": 1,
        "providers": {
            "openai": {"kind": "openai", "cluster": "mock", "api_key": {"env": "OPENAI_API_KEY"},
                       "fallback": [{"provider": "gemini", "model_map": {"*": "gemini-fallback"}}]},
            "gemini": {"kind": "gemini", "cluster": "mock", "api_key": {"env": "GEMINI_API_KEY"},
                       "fallback": [{"provider": "openai", "model_map": {"*": "gpt-fallback"}}]},
            # No key held: the client's own key passes.
            "gemini-byok": {"kind": "gemini", "cluster": "mock"},
            "gemini-dlp": {"kind": "gemini", "cluster": "mock",
                           "api_key": {"env": "GEMINI_API_KEY"}, "policy": "redact"},
        },
        "policies": {"redact": {"request": {"*": "redact"}, "response": {"*": "redact"}}},
        "cache": {"enabled": True, "ttl_s": 300},
    }


def pass_keys(cfg):
    for c in envoy_config.wasm_filters(cfg):
        c["vm_config"]["environment_variables"]["host_env_keys"] = sorted(KEYS)


@pytest.fixture(scope="module")
def ggw(workdir, mock):
    g = Gateway(workdir, mock.port, plugin=plugin(), env=KEYS, edit=pass_keys)
    yield g
    g.stop()


@pytest.fixture(autouse=True)
def clean_script(mock):
    mock.clear_script()
    yield
    mock.clear_script()


# google-genai closes its HTTP client when a Client is collected, which a
# temporary `client(...).models` would be mid-call: tests keep theirs here.
_CLIENTS = []


def client(g, provider="gemini", headers=None):
    c = genai.Client(api_key="client-gemini-key", http_options=types.HttpOptions(
        base_url=f"{g.url}/{provider}", api_version="v1beta", timeout=10_000,
        headers=headers or {}, retry_options=types.HttpRetryOptions(attempts=1)))
    _CLIENTS.append(c)
    return c


def only(mock, mark):
    recs = mock.received_since(mark, 1)
    assert len(recs) == 1, recs
    return recs[0]


def texts(contents):
    return [p["text"] for c in contents for p in c["parts"] if "text" in p]


# ---------------------------------------------------------------- native route

def test_generate_content_with_the_gateway_key(ggw, mock):
    m = mock.mark()
    out = client(ggw).models.generate_content(
        model=MODEL, contents="Hello Gemini",
        config=types.GenerateContentConfig(system_instruction="be brief", max_output_tokens=50))
    assert out.text == "mock: Hello Gemini"
    # 2 words + 3, the system's 2 words; 3 pieces and Gemini's 2 thinking tokens.
    assert (out.usage_metadata.prompt_token_count, out.usage_metadata.candidates_token_count,
            out.usage_metadata.thoughts_token_count) == (7, 3, 2)
    rec = only(mock, m)
    assert rec["host"] == GEMINI_HOST
    assert rec["path"] == f"/v1beta/models/{MODEL}:generateContent"
    assert rec["headers"]["x-goog-api-key"] == "gemini-gateway-key"
    assert "client-gemini-key" not in json.dumps(rec)
    assert texts(rec["json"]["contents"]) == ["Hello Gemini"]
    log = ggw.wait_record(lambda r: r.get("provider") == "gemini" and not r["stream"]
                          and r.get("endpoint", "").endswith(":generateContent"))
    assert (log["provider_kind"], log["model"], log["status"]) == ("gemini", MODEL, 200)
    # Thinking tokens are output tokens.
    assert (log["input_tokens"], log["output_tokens"]) == (7, 5)


def test_generate_content_stream_with_usage_in_the_log(ggw, mock):
    m = mock.mark()
    chunks = list(client(ggw).models.generate_content_stream(
        model=MODEL, contents="Stream me please"))
    assert "".join(c.text or "" for c in chunks) == "mock: Stream me please"
    assert len(chunks) > 1
    assert chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP
    rec = only(mock, m)
    assert rec["path"] == f"/v1beta/models/{MODEL}:streamGenerateContent?alt=sse"
    assert rec["headers"]["x-goog-api-key"] == "gemini-gateway-key"
    log = ggw.wait_record(lambda r: r.get("provider") == "gemini" and r["stream"])
    assert (log["model"], log["input_tokens"], log["output_tokens"], log["complete"]) == \
        (MODEL, 6, 6, True)


def test_count_tokens_embeddings_and_model_listing(ggw, mock):
    c = client(ggw)
    m = mock.mark()
    assert c.models.count_tokens(model=MODEL, contents="count these four words").total_tokens == 7
    assert only(mock, m)["path"] == f"/v1beta/models/{MODEL}:countTokens"
    m = mock.mark()
    out = c.models.embed_content(model="text-embedding-004", contents="embed me")
    assert len(out.embeddings[0].values) == 8
    rec = only(mock, m)
    assert rec["path"] in ("/v1beta/models/text-embedding-004:embedContent",
                           "/v1beta/models/text-embedding-004:batchEmbedContents")
    assert rec["headers"]["x-goog-api-key"] == "gemini-gateway-key"
    # The same embedding again is a cache hit: the provider is not asked.
    m = mock.mark()
    again = c.models.embed_content(model="text-embedding-004", contents="embed me")
    assert again.embeddings[0].values == out.embeddings[0].values
    assert mock.requests(m) == []
    # Several contents: batchEmbedContents.
    out = c.models.embed_content(model="text-embedding-004", contents=["one", "two"])
    assert len(out.embeddings) == 2
    # Model listing passes (GET).
    r = requests.get(ggw.url + "/gemini/v1beta/models", timeout=10)
    assert r.status_code == 200 and r.json()["models"][0]["name"].startswith("models/")


def test_client_key_query_parameter_is_replaced_or_passed(ggw, mock):
    body = {"contents": [{"role": "user", "parts": [{"text": "key in query"}]}]}
    m = mock.mark()
    r = requests.post(ggw.url + f"/gemini/v1beta/models/{MODEL}:generateContent?key=client-key",
                      json=body, timeout=10)
    assert r.status_code == 200, r.text
    rec = only(mock, m)
    assert rec["path"] == f"/v1beta/models/{MODEL}:generateContent"
    assert rec["headers"]["x-goog-api-key"] == "gemini-gateway-key"
    # No key held: the client's own key (header or query) passes.
    m = mock.mark()
    out = client(ggw, "gemini-byok").models.generate_content(model=MODEL, contents="byok")
    assert out.text == "mock: byok"
    assert only(mock, m)["headers"]["x-goog-api-key"] == "client-gemini-key"
    m = mock.mark()
    r = requests.post(ggw.url + f"/gemini-byok/v1beta/models/{MODEL}:generateContent?key=qk",
                      json=body, timeout=10)
    assert r.status_code == 200
    assert only(mock, m)["path"].endswith(":generateContent?key=qk")


def test_errors_in_googles_shape(ggw, mock):
    # The provider's error passes as it is; the SDK raises on it.
    with pytest.raises(genai_errors.ClientError) as e:
        client(ggw, "gemini-byok", headers={"x-mock-status": "429"}).models.generate_content(
            model=MODEL, contents="busy")
    assert (e.value.code, e.value.status) == (429, "RESOURCE_EXHAUSTED")
    # The gateway's own errors are in Google's shape.
    m = mock.mark()
    r = requests.post(ggw.url + "/gemini/v1beta/cachedContents", json={}, timeout=10)
    assert r.status_code == 403
    err = r.json()["error"]
    assert (err["code"], err["status"]) == (403, "PERMISSION_DENIED")
    assert err["details"][0]["reason"] == "aigw_endpoint_not_allowed"
    r = requests.post(ggw.url + f"/gemini/v1beta/models/{MODEL}:streamGenerateContent",
                      json={"contents": []}, timeout=10)
    assert r.status_code == 400 and "alt=sse" in r.json()["error"]["message"]
    assert r.json()["error"]["status"] == "INVALID_ARGUMENT"
    # On /compat a model name cannot reach another Gemini endpoint.
    with pytest.raises(openai.BadRequestError):
        compat(ggw).chat.completions.create(
            model="gemini/m:countTokens", messages=[{"role": "user", "content": "x"}])
    assert mock.requests(m) == []


def test_dlp_redacts_gemini_prompts_and_answers(ggw, mock):
    m = mock.mark()
    out = client(ggw, "gemini-dlp").models.generate_content(
        model=MODEL, contents=f"mail {EMAIL} now")
    rec = only(mock, m)
    assert EMAIL not in json.dumps(rec["json"])
    assert "[REDACTED:EMAIL]" in texts(rec["json"]["contents"])[0]
    assert EMAIL not in out.text
    # The answer, streamed: a value the provider writes is redacted too.
    m = mock.mark()
    chunks = list(client(ggw, "gemini-dlp", headers={"x-mock-reply": f"write to {EMAIL} today"})
                  .models.generate_content_stream(model=MODEL, contents="who?"))
    text = "".join(c.text or "" for c in chunks)
    assert EMAIL not in text and "[REDACTED:EMAIL]" in text, text


# ---------------------------------------------------------------- /compat

def compat(g):
    return openai.OpenAI(base_url=g.url + "/compat", api_key="k", max_retries=0, timeout=10)


TOOLS = [{"type": "function", "function": {
    "name": "get_weather", "description": "Weather in a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                   "required": ["city"]}}}]


def test_compat_openai_sdk_to_gemini_plain_and_tools(ggw, mock):
    m = mock.mark()
    out = compat(ggw).chat.completions.create(
        model=f"gemini/{MODEL}", max_tokens=40,
        messages=[{"role": "system", "content": "be brief"},
                  {"role": "user", "content": "compat gemini"}])
    assert out.choices[0].message.content == "mock: compat gemini"
    assert out.choices[0].finish_reason == "stop"
    assert (out.usage.prompt_tokens, out.usage.completion_tokens) == (7, 5)
    rec = only(mock, m)
    assert (rec["host"], rec["path"]) == (GEMINI_HOST, f"/v1beta/models/{MODEL}:generateContent")
    assert rec["headers"]["x-goog-api-key"] == "gemini-gateway-key"
    sent = rec["json"]
    assert sent["systemInstruction"] == {"parts": [{"text": "be brief"}]}
    assert sent["generationConfig"]["maxOutputTokens"] == 40
    assert "model" not in sent and "messages" not in sent
    # Tools: a function call comes back as tool_calls; its result goes back
    # as a functionResponse.
    call = {"name": "get_weather", "arguments": {"city": "Paris"}}
    m = mock.mark()
    out = compat(ggw).chat.completions.create(
        model=f"gemini/{MODEL}", tools=TOOLS, messages=[{"role": "user", "content": "weather?"}],
        extra_headers={"x-mock-tool-call": json.dumps(call)})
    tc = out.choices[0].message.tool_calls[0]
    assert (tc.function.name, json.loads(tc.function.arguments)) == ("get_weather", {"city": "Paris"})
    assert out.choices[0].finish_reason == "tool_calls"
    decl = only(mock, m)["json"]["tools"][0]["functionDeclarations"][0]
    assert decl["name"] == "get_weather" and decl["parametersJsonSchema"]["required"] == ["city"]
    m = mock.mark()
    out = compat(ggw).chat.completions.create(
        model=f"gemini/{MODEL}", tools=TOOLS, messages=[
            {"role": "user", "content": "weather?"},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": tc.id, "type": "function", "function": {
                    "name": "get_weather", "arguments": tc.function.arguments}}]},
            {"role": "tool", "tool_call_id": tc.id, "content": '{"temp": 21}'}])
    contents = only(mock, m)["json"]["contents"]
    assert [c["role"] for c in contents] == ["user", "model", "user"]
    assert contents[2]["parts"][0]["functionResponse"] == {
        "name": "get_weather", "response": {"temp": 21}}
    log = ggw.wait_record(lambda r: r.get("provider") == "gemini"
                          and r.get("endpoint") == "/compat/chat/completions")
    assert log["requested_model"] == f"gemini/{MODEL}" and log["input_tokens"] > 0


def test_compat_streams_from_gemini_with_tools_and_usage(ggw, mock):
    seen = {r["request_id"] for r in ggw.records()}
    m = mock.mark()
    chunks = list(compat(ggw).chat.completions.create(
        model=f"gemini/{MODEL}", messages=[{"role": "user", "content": "stream compat"}],
        stream=True, stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "mock: stream compat"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].usage.completion_tokens == 5 and chunks[-1].usage.prompt_tokens == 5
    assert only(mock, m)["path"] == f"/v1beta/models/{MODEL}:streamGenerateContent?alt=sse"
    # This stream's record, read before the next request's can be the newest.
    log = ggw.wait_record(lambda r: r.get("provider") == "gemini" and r["stream"]
                          and r.get("endpoint") == "/compat/chat/completions"
                          and r["request_id"] not in seen)
    assert (log["input_tokens"], log["output_tokens"]) == (5, 5)
    call = {"name": "get_weather", "arguments": {"city": "Oslo"}}
    chunks = list(compat(ggw).chat.completions.create(
        model=f"gemini/{MODEL}", tools=TOOLS, stream=True,
        messages=[{"role": "user", "content": "weather in Oslo"}],
        extra_headers={"x-mock-tool-call": json.dumps(call)}))
    calls = [tc for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or [])]
    assert calls[0].function.name == "get_weather"
    assert json.loads("".join(t.function.arguments or "" for t in calls)) == {"city": "Oslo"}
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "tool_calls"


# ---------------------------------------------------------------- fallback

def test_openai_falls_back_to_gemini(ggw, mock):
    m = mock.mark()
    r = requests.post(ggw.url + "/openai/v1/chat/completions",
                      json={"model": "gpt-4o", "messages": [{"role": "user", "content": "to gemini"}]},
                      headers={"x-mock-status": "503"}, timeout=20)
    assert r.status_code == 200, r.text
    assert r.headers["x-aigw-provider"] == "gemini"
    assert r.json()["choices"][0]["message"]["content"] == "mock: to gemini"
    first, second = mock.received_since(m, 2)
    assert first["host"] == "api.openai.com"
    assert (second["host"], second["path"]) == \
        (GEMINI_HOST, "/v1beta/models/gemini-fallback:generateContent")
    assert second["headers"]["x-goog-api-key"] == "gemini-gateway-key"
    assert "authorization" not in second["headers"]
    # Streamed: Gemini's events come back as OpenAI chunks.
    client = openai.OpenAI(base_url=ggw.url + "/openai/v1", api_key="k", max_retries=0,
                           timeout=20, default_headers={"x-mock-status": "503"})
    chunks = list(client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "stream to gemini"}], stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == \
        "mock: stream to gemini"


def test_gemini_falls_back_to_openai(ggw, mock):
    m = mock.mark()
    c = client(ggw, headers={"x-mock-status": "503"})
    out = c.models.generate_content(model=MODEL, contents="to openai",
                                    config=types.GenerateContentConfig(system_instruction="brief"))
    assert out.text == "mock: to openai"
    # OpenAI's usage (the mock counts the system message as a message).
    assert (out.usage_metadata.prompt_token_count, out.usage_metadata.candidates_token_count) == (9, 3)
    first, second = mock.received_since(m, 2)
    assert first["host"] == GEMINI_HOST
    assert (second["host"], second["path"]) == ("api.openai.com", "/v1/chat/completions")
    assert second["json"]["model"] == "gpt-fallback"
    assert second["json"]["messages"] == [{"role": "system", "content": "brief"},
                                          {"role": "user", "content": "to openai"}]
    assert second["headers"]["authorization"] == "Bearer sk-gateway-openai"
    assert "x-goog-api-key" not in second["headers"]
    log = ggw.wait_record(lambda r: r.get("input_tokens") == 9 and r.get("output_tokens") == 3
                          and r.get("status") == 200 and not r["stream"])
    assert log["provider_kind"] in ("openai", "gemini")
    # Streamed: OpenAI's chunks come back as Gemini events.
    m = mock.mark()
    chunks = list(c.models.generate_content_stream(model=MODEL, contents="stream to openai"))
    assert "".join(ch.text or "" for ch in chunks) == "mock: stream to openai"
    assert chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP
    assert chunks[-1].usage_metadata.candidates_token_count == 4
    second = mock.received_since(m, 2)[1]
    assert second["json"]["stream"] is True
