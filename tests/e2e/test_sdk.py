"""The official SDKs, pointed at the gateway as a user would."""
import anthropic
import openai


def test_openai_sdk_plain_and_streamed(gateway):
    client = openai.OpenAI(base_url=gateway.url + "/openai/v1", api_key="client-key",
                           max_retries=0, timeout=10)
    out = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Say hi"}])
    assert out.choices[0].message.content == "mock: Say hi"
    assert out.usage.completion_tokens == 3
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Stream it"}], stream=True)
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == \
        "mock: Stream it"
    assert all(c.choices for c in chunks)
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Count"}], stream=True,
        stream_options={"include_usage": True})
    assert list(stream)[-1].usage.prompt_tokens == 4


def test_anthropic_sdk_plain_and_streamed(gateway):
    client = anthropic.Anthropic(base_url=gateway.url + "/anthropic", api_key="client-key",
                                 max_retries=0, timeout=10)
    msg = client.messages.create(model="claude-test-model", max_tokens=32,
                                 messages=[{"role": "user", "content": "Hello"}])
    assert msg.content[0].text == "mock: Hello"
    with client.messages.stream(model="claude-test-model", max_tokens=32,
                                messages=[{"role": "user", "content": "Hello stream"}]) as s:
        assert "".join(s.text_stream) == "mock: Hello stream"
        final = s.get_final_message()
    assert final.usage.output_tokens == 3
