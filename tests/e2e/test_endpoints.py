"""The endpoint allow-list: only inference and model listings reach a
provider by default (with the gateway's key); what an operator opens is
counted by limits at its weight and logged."""
import hashlib
import http.client
import json

import pytest
import requests

from harness import demo_plugin

TENANTS = ["batcher", "other"]


def plugin(opened=None, limits=None):
    p = demo_plugin()
    p["auth"] = {"tokens": [{"name": t, "sha256": hashlib.sha256(t.encode()).hexdigest()}
                            for t in TENANTS]}
    if opened is not None:
        p["providers"]["openai"]["endpoints"] = opened
    if limits is not None:
        p["limits"] = limits
    return p


def raw(g, method, path, body=b"", headers=None):
    """Sends the path exactly as written (no client-side normalisation)."""
    c = http.client.HTTPConnection("127.0.0.1", g.port, timeout=10)
    try:
        h = {"x-aigw-authorization": "other", "content-type": "application/json", **(headers or {})}
        c.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
        for k, v in h.items():
            c.putheader(k, v)
        c.putheader("content-length", str(len(body)))
        c.endheaders(body)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


@pytest.fixture(scope="module")
def egw(workdir, mock):
    from harness import Gateway
    g = Gateway(workdir, mock.port, plugin=plugin())
    yield g
    g.stop()


CLOSED = [
    ("POST", "/openai/v1/files"),
    ("GET", "/openai/v1/files"),
    ("GET", "/openai/v1/files/file-abc/content"),
    ("DELETE", "/openai/v1/files/file-abc"),
    ("POST", "/openai/v1/batches"),
    ("GET", "/openai/v1/batches/batch_1"),
    ("GET", "/openai/v1/chat/completions"),
    ("GET", "/openai/v1/chat/completions/chatcmpl-1"),
    ("POST", "/openai/v1/chat/completions/chatcmpl-1"),
    ("DELETE", "/openai/v1/chat/completions/chatcmpl-1"),
    ("GET", "/openai/v1/responses/resp_1"),
    ("DELETE", "/openai/v1/responses/resp_1"),
    ("DELETE", "/openai/v1/models/ft:gpt-4o:acme:x:1"),
    ("POST", "/openai/v1/fine_tuning/jobs"),
    ("POST", "/openai/v1/uploads"),
    ("GET", "/openai/v1/organization/admin_api_keys"),
    ("GET", "/openai/v1/organization/usage/completions"),
    ("POST", "/anthropic/v1/messages/batches"),
    ("GET", "/anthropic/v1/messages/batches/msgbatch_1/results"),
    ("GET", "/anthropic/v1/organizations/api_keys"),
    ("PUT", "/openai/v1/chat/completions"),
    ("HEAD", "/openai/v1/models"),
]


@pytest.mark.parametrize("method,path", CLOSED)
def test_endpoints_outside_the_allow_list_never_reach_the_provider(egw, mock, method, path):
    m = mock.mark()
    status, body = raw(egw, method, path, b"{}" if method in ("POST", "PUT") else b"")
    assert status == 403, (status, body)
    if method != "HEAD":
        v = json.loads(body)
        assert v["error"]["code" if "/openai/" in path else "type"] in (
            "aigw_endpoint_not_allowed", "permission_error"), v
        if "/anthropic/" in path:
            assert v["type"] == "error"
    assert mock.requests(m) == []
    rec = egw.wait_record(lambda x: x.get("error_code") == "aigw_endpoint_not_allowed"
                          and x.get("method") == method)
    assert rec["status"] == 403 and rec["tenant"] == "other"


TRICKS = [
    "/openai/v1/files/",
    "/openai/v1//files",
    "/openai//v1/files",
    "/openai/v1/FILES",
    "/openai/V1/files",
    "/openai/v1/%66iles",
    "/openai/v1/files%2F",
    "/openai/v1/files%2fx",
    "/openai/v1/models/../files",
    "/openai/v1/models/%2e%2e/files",
    "/openai/v1/models/%2E%2E/files",
    "/openai/v1/chat/completions/../../v1/files",
    "/openai/v1/./files",
    "/openai/v1/files?x=/v1/chat/completions",
    "/openai/v1/files#/chat/completions",
    "/openai/v1/files;/chat/completions",
    "/openai/v1/files%00",
    "/openai/v1/models/x/../../files",
    "/openai/v1/models%2f..%2ffiles",
    "/openai/v1/chat/completions%2f..%2f..%2ffiles",
    "/openai/./v1/files",
    "/openai/v1/files/..;/chat/completions",
]


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_path_tricks_do_not_get_around_the_allow_list(egw, mock, method):
    m = mock.mark()
    for path in TRICKS:
        status, body = raw(egw, method, path, b"{}" if method == "POST" else b"")
        assert status in (400, 403, 404), (path, status, body)
    # Nothing reached the provider but what the allow-list opens (Envoy
    # itself normalises `/files/..;/chat/completions` to a chat request).
    reached = [(x["method"], x["path"]) for x in mock.requests(m)]
    assert all(r == ("POST", "/v1/chat/completions") for r in reached), reached


def test_inference_and_model_listing_pass(egw, mock):
    m = mock.mark()
    chat = json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}).encode()
    assert raw(egw, "POST", "/openai/v1/chat/completions", chat)[0] == 200
    assert raw(egw, "GET", "/openai/v1/models")[0] == 200
    assert raw(egw, "GET", "/openai/v1/models?limit=5")[0] == 200
    recs = mock.received_since(m, 3)
    assert recs[0]["headers"]["authorization"] == "Bearer sk-gateway-openai"
    assert [r["path"] for r in recs] == ["/v1/chat/completions", "/v1/models", "/v1/models?limit=5"]


def test_opened_endpoints_are_per_tenant_counted_at_their_weight_and_logged(start_gateway, mock):
    opened = [
        {"allow": "POST /v1/files", "tenants": ["batcher"]},
        {"allow": "POST /v1/batches", "tenants": ["batcher"], "weight": 200},
    ]
    limits = {"rules": [{"name": "rpm", "key": ["tenant"], "limit": 300, "window": "1m"}]}
    g = start_gateway(plugin=plugin(opened, limits))
    m = mock.mark()
    files = {"file": ("batch.jsonl", b'{"custom_id":"1"}\n' * 200, "application/jsonl")}
    h = {"x-aigw-authorization": "batcher"}
    r = requests.post(g.url + "/openai/v1/files", files=files, data={"purpose": "batch"},
                      headers=h, timeout=10)
    assert r.status_code == 404  # the mock has no /files: the point is it got there
    # Not for another tenant.
    r = requests.post(g.url + "/openai/v1/files", files=files, timeout=10,
                      headers={"x-aigw-authorization": "other"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "aigw_endpoint_not_allowed"
    batch = {"input_file_id": "file-1", "endpoint": "/v1/chat/completions", "completion_window": "24h"}
    r = requests.post(g.url + "/openai/v1/batches", json=batch, headers=h, timeout=10)
    assert r.status_code == 404, r.text
    recs = mock.received_since(m)
    assert [x["path"] for x in recs] == ["/v1/files", "/v1/batches"]
    assert all(x["headers"]["authorization"] == "Bearer sk-gateway-openai" for x in recs)
    # The batch counted as 200 requests: a second one is over the 300.
    r = requests.post(g.url + "/openai/v1/batches", json=batch, headers=h, timeout=10)
    assert r.status_code == 429 and r.json()["error"]["code"] == "aigw_rate_limited"
    assert len(mock.requests(m)) == 2
    # The log saw each of them.
    rec = g.wait_record(lambda x: x.get("endpoint") == "/v1/batches" and x["status"] == 429)
    assert rec["tenant"] == "batcher" and rec["rate_limit_rule"] == "rpm"
    assert g.wait_record(lambda x: x.get("endpoint") == "/v1/files" and x["status"] == 404)
