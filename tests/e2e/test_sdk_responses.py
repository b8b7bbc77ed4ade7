"""The endpoints SDKs call by default, through the gateway against the mock:
the Responses API (what the Vercel AI SDK's `openai(model)` uses), base64
embeddings (the default of the OpenAI SDKs), Anthropic count_tokens, and what
the unified endpoint says about the Responses API."""
import base64
import struct

import anthropic
import openai
import pytest
import requests


@pytest.fixture
def client(gateway):
    return openai.OpenAI(base_url=gateway.url + "/openai/v1", api_key="client-key",
                         max_retries=0, timeout=10)


def test_responses_api_plain_and_streamed(client, gateway, mock):
    m = mock.mark()
    out = client.responses.create(model="gpt-4o-mini", instructions="be brief",
                                  input=[{"role": "user", "content": "Say hi"}])
    assert out.output_text == "mock: Say hi"
    assert (out.usage.input_tokens, out.usage.output_tokens) == (7, 3)
    [rec] = mock.received_since(m, 1)
    assert rec["path"] == "/v1/responses" and rec["json"]["instructions"] == "be brief"
    with client.responses.stream(model="gpt-4o-mini", input="Stream it") as s:
        text = "".join(e.delta for e in s if e.type == "response.output_text.delta")
        final = s.get_final_response()
    assert text == "mock: Stream it" and final.output_text == "mock: Stream it"
    assert final.usage.total_tokens == final.usage.input_tokens + 3
    seen = [e.type for e in client.responses.create(model="m", input="x", stream=True)]
    assert seen[0] == "response.created" and seen[-1] == "response.completed"
    assert "response.output_text.done" in seen and "response.content_part.done" in seen


def test_embeddings_in_base64_decode_to_the_float_vector(client):
    floats = client.embeddings.create(model="text-embedding-3-small", input="hello",
                                      encoding_format="float").data[0].embedding
    assert len(floats) == 8
    # The SDK asks for base64 by default and decodes it itself.
    default = client.embeddings.create(model="text-embedding-3-small", input="hello")
    assert default.data[0].embedding == pytest.approx(floats)
    raw = client.embeddings.create(model="text-embedding-3-small", input="hello",
                                   encoding_format="base64").data[0].embedding
    assert list(struct.unpack("<8f", base64.b64decode(raw))) == pytest.approx(floats)


def test_anthropic_count_tokens(gateway):
    client = anthropic.Anthropic(base_url=gateway.url + "/anthropic", api_key="client-key",
                                 max_retries=0, timeout=10)
    n = client.messages.count_tokens(model="claude-test-model", system="be brief",
                                     messages=[{"role": "user", "content": "Hello there"}])
    assert n.input_tokens == 7


def test_the_unified_endpoint_names_what_it_serves_for_the_responses_api(gateway, mock):
    m = mock.mark()
    client = openai.OpenAI(base_url=gateway.url + "/compat", api_key="k", max_retries=0, timeout=10)
    with pytest.raises(openai.NotFoundError) as e:
        client.responses.create(model="openai/gpt-4o-mini", input="hi")
    message = e.value.body["message"]
    assert "Responses API" in message and "/compat/chat/completions" in message
    assert "/openai/v1/responses" in message  # the demo config's provider that serves it
    r = requests.post(gateway.url + "/compat/v1/responses", json={"model": "openai/m", "input": "x",
                                                                  "stream": True}, timeout=5)
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    assert mock.requests(m) == []
