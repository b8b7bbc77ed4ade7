"""The gateway's own errors, in the API shape of the route, and that none of
these requests reaches the provider."""
import gzip
import json

import pytest
import requests

from harness import demo_plugin


def assert_openai_error(r, status, code):
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    err = r.json()["error"]
    assert err["code"] == code and err["message"] and err["type"]


def assert_anthropic_error(r, status, code):
    assert r.status_code == status, r.text
    body = r.json()
    assert body["type"] == "error"
    assert body["error"]["code"] == code and body["error"]["message"]


@pytest.fixture
def nothing_reaches_the_mock(mock):
    m = mock.mark()
    yield
    assert mock.requests(m) == []


def test_unknown_provider_is_404(gateway, nothing_reaches_the_mock):
    r = requests.post(gateway.url + "/mistral/v1/chat/completions", json={}, timeout=5)
    assert_openai_error(r, 404, "aigw_unknown_provider")
    r = requests.post(gateway.url + "/claude/v1/messages", json={}, timeout=5)
    assert_anthropic_error(r, 404, "aigw_unknown_provider")
    r = requests.get(gateway.url + "/", timeout=5)
    assert_openai_error(r, 404, "aigw_unknown_provider")


def test_malformed_json_is_400(gateway, nothing_reaches_the_mock):
    r = requests.post(gateway.url + "/openai/v1/chat/completions", data=b'{"model": "x",',
                      headers={"content-type": "application/json"}, timeout=5)
    assert_openai_error(r, 400, "aigw_invalid_json")
    # (The demo's Anthropic route reads nothing of the body, so it passes
    # unheld and the provider answers a malformed one: test_unheld.py, which
    # also checks this error in Anthropic's shape on a route that holds it.)
    # Inference endpoints are inspected whatever content type the client claims.
    r = requests.post(gateway.url + "/openai/v1/chat/completions", data=b"model=x",
                      headers={"content-type": "text/plain"}, timeout=5)
    assert_openai_error(r, 400, "aigw_invalid_json")


def test_bad_metadata_is_400(gateway, nothing_reaches_the_mock):
    for value in ["[1]", '{"a":{"b":1}}', "nope"]:
        for name in ("x-aigw-metadata", "cf-aig-metadata"):
            r = requests.post(gateway.url + "/openai/v1/chat/completions",
                              json={"model": "m", "messages": []}, headers={name: value}, timeout=5)
            assert_openai_error(r, 400, "aigw_invalid_metadata")
    # Six entries: a 400 under the gateway's own name (Cloudflare's name
    # ignores the extras: see test_cloudflare.py).
    r = requests.post(gateway.url + "/openai/v1/chat/completions", json={"model": "m", "messages": []},
                      headers={"x-aigw-metadata": '{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}'}, timeout=5)
    assert_openai_error(r, 400, "aigw_invalid_metadata")


def test_oversized_bodies_are_413_from_the_gateway(start_gateway, nothing_reaches_the_mock):
    plugin = demo_plugin()
    plugin["request"] = {"max_body_bytes": 4096}
    g = start_gateway(plugin=plugin)
    big = json.dumps({"model": "m", "messages": [{"role": "user", "content": "x" * 5000}]})
    # Declared length over the limit.
    r = requests.post(g.url + "/openai/v1/chat/completions", data=big,
                      headers={"content-type": "application/json"}, timeout=5)
    assert_openai_error(r, 413, "aigw_body_too_large")
    # Chunked, no declared length: refused while it streams in (held here;
    # an unheld route's streamed body is refused too, after its first chunks
    # went on: test_unheld.py).
    chunks = (big[i:i + 1000].encode() for i in range(0, len(big), 1000))
    r = requests.post(g.url + "/openai/v1/chat/completions", data=chunks,
                      headers={"content-type": "application/json"}, timeout=5)
    assert_openai_error(r, 413, "aigw_body_too_large")


def test_default_limit_answers_before_envoys_buffer_limit(gateway, nothing_reaches_the_mock):
    body = b'{"model":"m","messages":[{"role":"user","content":"' + b"x" * (9 << 20) + b'"}]}'
    chunks = (body[i:i + (1 << 20)] for i in range(0, len(body), 1 << 20))
    r = requests.post(gateway.url + "/openai/v1/chat/completions", data=chunks,
                      headers={"content-type": "application/json"}, timeout=30)
    assert_openai_error(r, 413, "aigw_body_too_large")


def test_encoded_bodies_are_refused(gateway, nothing_reaches_the_mock):
    r = requests.post(gateway.url + "/openai/v1/chat/completions",
                      data=gzip.compress(b'{"model":"m"}'),
                      headers={"content-type": "application/json", "content-encoding": "gzip"},
                      timeout=5)
    assert_openai_error(r, 415, "aigw_unsupported_encoding")


def test_dot_segments_cannot_escape_a_provider(gateway, nothing_reaches_the_mock):
    r = requests.get(gateway.url + "/local/%2e%2e/secret", timeout=5)
    assert r.status_code in (400, 404), r.text


AUTH_TOKEN = "gw-test-token-123"


@pytest.fixture
def auth_gateway(start_gateway):
    import hashlib
    plugin = demo_plugin()
    plugin["auth"] = {"tokens": [
        {"name": "team-a", "sha256": hashlib.sha256(AUTH_TOKEN.encode()).hexdigest()},
        {"name": "team-b", "env": "AIGW_DEMO_TOKEN"},
    ]}
    env = {"OPENAI_API_KEY": "sk-gateway-openai", "AIGW_DEMO_TOKEN": "team-b-token"}
    return start_gateway(plugin=plugin, env=env)


def test_gateway_auth_rejects_missing_and_wrong_tokens(auth_gateway, nothing_reaches_the_mock):
    url = auth_gateway.url + "/openai/v1/chat/completions"
    body = {"model": "m", "messages": []}
    assert_openai_error(requests.post(url, json=body, timeout=5), 401, "aigw_unauthorized")
    for value in ("Bearer wrong", AUTH_TOKEN + "x", "", "Bearer"):
        r = requests.post(url, json=body, headers={"x-aigw-authorization": value}, timeout=5)
        assert_openai_error(r, 401, "aigw_unauthorized")
    # Unknown paths are 401 too: nothing about the config leaks before auth.
    r = requests.post(auth_gateway.url + "/secret/v1/messages", json=body, timeout=5)
    assert_anthropic_error(r, 401, "aigw_unauthorized")


def test_gateway_auth_accepts_tokens_and_never_forwards_them(auth_gateway, mock):
    m = mock.mark()
    url = auth_gateway.url + "/openai/v1/chat/completions"
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    r1 = requests.post(url, json=body, headers={"x-aigw-authorization": f"Bearer {AUTH_TOKEN}"},
                       timeout=5)
    r2 = requests.post(url, json=body, headers={"cf-aig-authorization": "Bearer team-b-token"},
                       timeout=5)
    assert (r1.status_code, r2.status_code) == (200, 200)
    recs = mock.received_since(m, 2)
    for rec in recs:
        text = json.dumps(rec)
        assert AUTH_TOKEN not in text and "team-b-token" not in text
        assert rec["headers"]["authorization"] == "Bearer sk-gateway-openai"
    tenants = [r["tenant"] for r in auth_gateway.wait_records(2)]
    assert tenants == ["team-a", "team-b"]
