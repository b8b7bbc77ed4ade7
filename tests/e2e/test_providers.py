"""Azure OpenAI and the presets for OpenAI-compatible clouds, through the
gateway: what the official `openai` SDK got, and what the provider (the
mock, answering in each provider's dialect by the host it is sent) received."""
import json

import openai
import pytest
import requests

from harness import GATEWAY_KEYS, Gateway
import envoy_config

AZURE_HOST = "aigw-test.openai.azure.com"
DEPLOYMENT = "gpt4o-deployment"
# Each preset's host and the path before /v1 (its default base URL).
PRESETS = {
    "groq": ("api.groq.com", "/openai"),
    "mistral": ("api.mistral.ai", ""),
    "deepseek": ("api.deepseek.com", ""),
    "xai": ("api.x.ai", ""),
    "cerebras": ("api.cerebras.ai", ""),
    "together": ("api.together.xyz", ""),
    "fireworks": ("api.fireworks.ai", "/inference"),
    "openrouter": ("openrouter.ai", "/api"),
    "huggingface": ("router.huggingface.co", ""),
}
KEYS = {
    **GATEWAY_KEYS,
    "AZURE_OPENAI_API_KEY": "azure-gateway-key",
    **{f"{name.upper()}_API_KEY": f"{name}-gateway-key" for name in PRESETS},
}


def plugin():
    providers = {
        "openai": {"kind": "openai", "cluster": "mock", "api_key": {"env": "OPENAI_API_KEY"},
                   "fallback": [{"provider": "azure", "model_map": {"*": DEPLOYMENT}}]},
        "azure": {"kind": "azure_openai", "base_url": f"https://{AZURE_HOST}", "cluster": "mock",
                  "api_key": {"env": "AZURE_OPENAI_API_KEY"}},
        # No key held: the client's own api-key passes.
        "azure-byok": {"kind": "azure_openai", "base_url": f"https://{AZURE_HOST}",
                       "cluster": "mock"},
        # A preset with its base URL overridden (a regional endpoint, a proxy).
        "groq-eu": {"kind": "groq", "base_url": "https://eu.groq.example/openai",
                    "cluster": "mock", "api_key": {"env": "GROQ_API_KEY"}},
    }
    for name in PRESETS:
        providers[name] = {"kind": name, "cluster": "mock",
                           "api_key": {"env": f"{name.upper()}_API_KEY"}}
    return {"version": 1, "providers": providers, "cache": {"enabled": True, "ttl_s": 300}}


def pass_keys(cfg):
    """Envoy hands the VM only the environment variables it lists."""
    for c in envoy_config.wasm_filters(cfg):
        c["vm_config"]["environment_variables"]["host_env_keys"] = sorted(KEYS)


@pytest.fixture(scope="module")
def pgw(workdir, mock):
    g = Gateway(workdir, mock.port, plugin=plugin(), env=KEYS, edit=pass_keys)
    yield g
    g.stop()


@pytest.fixture(autouse=True)
def clean_script(mock):
    mock.clear_script()
    yield
    mock.clear_script()


def azure_client(g, **kw):
    return openai.AzureOpenAI(azure_endpoint=g.url + "/azure", api_key="client-azure-key",
                              api_version="2024-10-21", max_retries=0, timeout=10, **kw)


def say(text):
    return [{"role": "user", "content": text}]


def only(mock, mark):
    recs = mock.received_since(mark, 1)
    assert len(recs) == 1, recs
    return recs[0]


# ---------------------------------------------------------------- Azure OpenAI

def test_azure_sdk_plain(pgw, mock):
    m = mock.mark()
    out = azure_client(pgw).chat.completions.create(model=DEPLOYMENT, messages=say("Hello Azure"))
    assert out.choices[0].message.content == "mock: Hello Azure"
    assert out.model == DEPLOYMENT and out.usage.completion_tokens == 3
    rec = only(mock, m)
    assert rec["host"] == AZURE_HOST
    assert rec["path"] == f"/openai/deployments/{DEPLOYMENT}/chat/completions?api-version=2024-10-21"
    assert rec["headers"]["api-key"] == "azure-gateway-key"
    assert "client-azure-key" not in json.dumps(rec)
    log = pgw.wait_record(lambda r: r.get("provider") == "azure" and not r["stream"])
    assert (log["provider_kind"], log["model"], log["status"]) == ("azure_openai", DEPLOYMENT, 200)
    assert (log["input_tokens"], log["output_tokens"]) == (5, 3)


def test_azure_sdk_streamed_with_usage_in_the_log(pgw, mock):
    m = mock.mark()
    chunks = list(azure_client(pgw).chat.completions.create(
        model=DEPLOYMENT, messages=say("Stream Azure"), stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == \
        "mock: Stream Azure"
    # Azure's first chunk (the prompt filter's verdict) passes; the usage
    # chunk the gateway asked for does not (the client did not ask).
    assert not chunks[0].choices
    assert all(c.usage is None for c in chunks)
    rec = only(mock, m)
    assert rec["json"]["stream_options"] == {"include_usage": True}
    assert rec["headers"]["api-key"] == "azure-gateway-key"
    log = pgw.wait_record(lambda r: r.get("provider") == "azure" and r["stream"])
    assert (log["input_tokens"], log["output_tokens"], log["complete"]) == (5, 3, True)


def test_azure_errors_in_openai_shape(pgw, mock):
    client = azure_client(pgw)
    # The provider's error passes as it is.
    with pytest.raises(openai.RateLimitError) as e:
        client.chat.completions.create(model=DEPLOYMENT, messages=say("busy"),
                                       extra_headers={"x-mock-status": "429"})
    assert e.value.status_code == 429
    # The gateway's own errors are in OpenAI's shape: files are not open.
    m = mock.mark()
    with pytest.raises(openai.PermissionDeniedError) as e:
        client.files.list()
    assert e.value.code == "aigw_endpoint_not_allowed"
    assert mock.requests(m) == []
    log = pgw.wait_record(lambda r: r.get("error_code") == "aigw_endpoint_not_allowed")
    assert log["endpoint"] == "/openai/files"


def test_azure_api_version_default_and_v1_api(pgw, mock):
    m = mock.mark()
    # No api-version: the gateway adds the configured one (Azure would 404).
    r = requests.post(pgw.url + f"/azure/openai/deployments/{DEPLOYMENT}/chat/completions",
                      json={"messages": say("no version")}, timeout=10)
    assert r.status_code == 200, r.text
    assert only(mock, m)["path"].endswith("chat/completions?api-version=2024-10-21")
    # The v1 API, with the plain OpenAI SDK: no api-version, the key in api-key.
    m = mock.mark()
    client = openai.OpenAI(base_url=pgw.url + "/azure/openai/v1", api_key="client-key",
                           max_retries=0, timeout=10)
    out = client.chat.completions.create(model=DEPLOYMENT, messages=say("Hello v1"))
    assert out.choices[0].message.content == "mock: Hello v1"
    rec = only(mock, m)
    assert rec["path"] == "/openai/v1/chat/completions"
    assert rec["headers"]["api-key"] == "azure-gateway-key"
    assert "authorization" not in rec["headers"]


def test_azure_client_key_passes_when_the_gateway_holds_none(pgw, mock):
    m = mock.mark()
    out = openai.AzureOpenAI(azure_endpoint=pgw.url + "/azure-byok", api_key="client-azure-key",
                             api_version="2024-10-21", max_retries=0, timeout=10) \
        .chat.completions.create(model=DEPLOYMENT, messages=say("my own key"))
    assert out.choices[0].message.content == "mock: my own key"
    assert only(mock, m)["headers"]["api-key"] == "client-azure-key"
    # Without a key Azure refuses, in its shape, and the client sees that.
    r = requests.post(pgw.url + "/azure-byok/openai/v1/chat/completions",
                      json={"model": DEPLOYMENT, "messages": say("no key")}, timeout=10)
    assert r.status_code == 401 and r.json()["error"]["code"] == "401"


def test_azure_cache_key_covers_the_api_version(pgw, mock):
    def ask(version):
        return requests.post(
            pgw.url + f"/azure/openai/deployments/{DEPLOYMENT}/chat/completions",
            params={"api-version": version}, json={"messages": say("cache me on azure")},
            timeout=10).headers["x-aigw-cache-status"]
    assert [ask("2024-10-21"), ask("2024-10-21"), ask("2025-01-01-preview")] == \
        ["MISS", "HIT", "MISS"]


def test_azure_embeddings_and_the_unified_endpoint(pgw, mock):
    m = mock.mark()
    out = azure_client(pgw).embeddings.create(model="embed-deployment", input="embed me")
    assert len(out.data[0].embedding) == 8
    rec = only(mock, m)
    assert rec["path"] == "/openai/deployments/embed-deployment/embeddings?api-version=2024-10-21"
    assert rec["headers"]["api-key"] == "azure-gateway-key"
    log = pgw.wait_record(lambda r: r.get("endpoint") == "/openai/deployments/embed-deployment/embeddings")
    assert (log["model"], log["input_tokens"]) == ("embed-deployment", 2)
    # /compat names Azure's deployment as the model: the v1 API serves it.
    m = mock.mark()
    client = openai.OpenAI(base_url=pgw.url + "/compat", api_key="k", max_retries=0, timeout=10)
    out = client.chat.completions.create(model=f"azure/{DEPLOYMENT}", messages=say("compat azure"))
    assert out.choices[0].message.content == "mock: compat azure"
    rec = only(mock, m)
    assert (rec["host"], rec["path"]) == (AZURE_HOST, "/openai/v1/chat/completions")
    assert (rec["json"]["model"], rec["headers"]["api-key"]) == (DEPLOYMENT, "azure-gateway-key")


def test_azure_as_a_fallback_target(pgw, mock):
    m = mock.mark()
    r = requests.post(pgw.url + "/openai/v1/chat/completions",
                      json={"model": "gpt-4o", "messages": say("fall to azure")},
                      headers={"x-mock-status": "503"}, timeout=20)
    assert r.status_code == 200, r.text
    assert r.headers["x-aigw-provider"] == "azure"
    assert r.json()["choices"][0]["message"]["content"] == "mock: fall to azure"
    first, second = mock.received_since(m, 2)
    assert first["host"] == "api.openai.com"
    assert (second["host"], second["path"]) == (AZURE_HOST, "/openai/v1/chat/completions")
    assert second["headers"]["api-key"] == "azure-gateway-key"
    assert "authorization" not in second["headers"]
    assert second["json"]["model"] == DEPLOYMENT


# ---------------------------------------------------------------- presets

@pytest.mark.parametrize("name", sorted(PRESETS))
def test_preset_reaches_its_cloud_with_its_key(pgw, mock, name):
    host, prefix = PRESETS[name]
    client = openai.OpenAI(base_url=f"{pgw.url}/{name}/v1", api_key="client-key",
                           max_retries=0, timeout=10)
    m = mock.mark()
    out = client.chat.completions.create(model="some-model", messages=say(f"Hello {name}"))
    assert out.choices[0].message.content == f"mock: Hello {name}"
    rec = only(mock, m)
    assert (rec["host"], rec["path"]) == (host, prefix + "/v1/chat/completions")
    assert rec["headers"]["authorization"] == f"Bearer {name}-gateway-key"
    log = pgw.wait_record(lambda r: r.get("provider") == name and not r["stream"])
    assert (log["provider_kind"], log["input_tokens"], log["output_tokens"]) == (name, 5, 3)
    # Streamed: usage reaches the log however the cloud reports it.
    m = mock.mark()
    chunks = list(client.chat.completions.create(
        model="some-model", messages=say(f"Stream {name}"), stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == \
        f"mock: Stream {name}"
    sent = only(mock, m)["json"]
    # Mistral refuses stream_options: the gateway never adds them there.
    assert ("stream_options" in sent) == (name != "mistral")
    log = pgw.wait_record(lambda r: r.get("provider") == name and r["stream"])
    assert (log["input_tokens"], log["output_tokens"]) == (5, 3)


def test_groq_stream_usage_from_x_groq(pgw, mock):
    client = openai.OpenAI(base_url=pgw.url + "/groq/v1", api_key="k", max_retries=0, timeout=10)
    # The client turned usage off: only Groq's own x_groq.usage reports it.
    chunks = list(client.chat.completions.create(
        model="llama", messages=say("groq quirk usage test"), stream=True,
        stream_options={"include_usage": False}))
    assert chunks[-1].model_extra["x_groq"]["usage"]["completion_tokens"] == 5
    assert all(c.usage is None for c in chunks)
    log = pgw.wait_record(lambda r: r.get("provider") == "groq" and r["stream"]
                          and r["input_tokens"] == 7)
    assert log["output_tokens"] == 5


def test_deepseek_cached_tokens_and_openrouter_headers(pgw, mock):
    client = openai.OpenAI(base_url=pgw.url + "/deepseek/v1", api_key="k", max_retries=0,
                           timeout=10)
    out = client.chat.completions.create(model="deepseek-chat", messages=say("cached prefix"))
    assert out.usage.model_extra["prompt_cache_hit_tokens"] == 2
    log = pgw.wait_record(lambda r: r.get("provider") == "deepseek"
                          and r.get("cached_input_tokens") is not None)
    assert (log["input_tokens"], log["cached_input_tokens"]) == (5, 2)
    # OpenRouter's attribution headers pass through to it.
    m = mock.mark()
    openai.OpenAI(base_url=pgw.url + "/openrouter/v1", api_key="k", max_retries=0, timeout=10,
                  default_headers={"HTTP-Referer": "https://app.example", "X-Title": "My App"}) \
        .chat.completions.create(model="openai/gpt-4o", messages=say("attribution"))
    h = only(mock, m)["headers"]
    assert (h["http-referer"], h["x-title"]) == ("https://app.example", "My App")


def test_a_preset_base_url_is_overridable(pgw, mock):
    m = mock.mark()
    r = requests.post(pgw.url + "/groq-eu/v1/chat/completions",
                      json={"model": "llama", "messages": say("eu")}, timeout=10)
    assert r.status_code == 200, r.text
    rec = only(mock, m)
    assert (rec["host"], rec["path"]) == ("eu.groq.example", "/openai/v1/chat/completions")
    assert rec["headers"]["authorization"] == "Bearer groq-gateway-key"
