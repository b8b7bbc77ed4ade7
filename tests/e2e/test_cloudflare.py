"""Cloudflare AI Gateway compatibility details (issue 12, point 18): the
`cf-aig-dlp` header in Cloudflare's JSON shape for clients that speak
`cf-aig-*`, and more than five `cf-aig-metadata` entries ignored, as
Cloudflare does."""
import json

import pytest
import requests

from harness import demo_plugin

CHAT = "/openai/v1/chat/completions"


@pytest.fixture(scope="module")
def pgw(workdir, mock):
    from harness import Gateway
    plugin = demo_plugin()
    plugin["policies"] = {"pii": {"request": {"email": "redact", "phone": "flag", "secret": "block"},
                                  "response": {"credit_card": "flag"}}}
    plugin["policy"] = "pii"
    g = Gateway(workdir, mock.port, plugin=plugin)
    yield g
    g.stop()


def chat(g, content, headers=None, reply=None):
    h = dict(headers or {})
    if reply:
        h["x-mock-reply"] = reply
    return requests.post(g.url + CHAT, json={"model": "gpt-4o-mini",
                                             "messages": [{"role": "user", "content": content}]},
                         headers=h, timeout=10)


def test_cf_aig_dlp_has_cloudflares_json_shape(pgw):
    r = chat(pgw, "mail jane.doe@example.com or call +1 415 555 0100",
             {"cf-aig-skip-cache": "false"}, reply="card 4111 1111 1111 1111")
    assert r.status_code == 200
    assert r.headers["x-aigw-dlp"] == "credit_card=1, email=1, phone=1"  # ours, unchanged
    v = json.loads(r.headers["cf-aig-dlp"])
    assert v == {
        "findings": [
            {"profile": {"context": {}, "entry_ids": ["email", "phone"], "profile_id": "builtin"},
             "policy_ids": ["pii"], "check": "REQUEST"},
            {"profile": {"context": {}, "entry_ids": ["credit_card"], "profile_id": "builtin"},
             "policy_ids": ["pii"], "check": "RESPONSE"},
        ],
        "action": "FLAG",
    }


def test_cf_aig_dlp_says_block_on_a_blocked_request(pgw):
    r = chat(pgw, "my key ghp_abcdefghijklmnopqrstuvwxyz0123456789", {"cf-aig-metadata": "{}"})
    assert r.status_code == 403
    v = json.loads(r.headers["cf-aig-dlp"])
    assert v["action"] == "BLOCK"
    assert v["findings"] == [{"profile": {"context": {}, "entry_ids": ["github_token"],
                                          "profile_id": "builtin"},
                              "policy_ids": ["pii"], "check": "REQUEST"}]


def test_no_cf_aig_dlp_for_clients_of_the_gateways_own_headers(pgw):
    r = chat(pgw, "mail jane.doe@example.com")
    assert r.headers["x-aigw-dlp"] == "email=1"
    assert "cf-aig-dlp" not in r.headers


def test_more_than_five_cf_aig_metadata_entries_keep_the_first_five(gateway, mock):
    meta = '{"a":1,"b":"two","c":true,"d":4,"e":5,"f":6,"g":{"ignored":"as Cloudflare does"}}'
    m = mock.mark()
    r = requests.post(gateway.url + CHAT, json={"model": "gpt-4o-mini", "messages": []},
                      headers={"cf-aig-metadata": meta}, timeout=5)
    assert r.status_code == 200
    assert len(mock.received_since(m, 1)) == 1
    rec = gateway.wait_record(lambda rec: rec["request_id"] == r.headers["x-aigw-log-id"])
    assert rec["metadata"] == {"a": 1, "b": "two", "c": True, "d": 4, "e": 5}
    assert rec["metadata_dropped"] == ["f", "g"]
    # The gateway's own header keeps its rule: at most five, or a 400.
    r = requests.post(gateway.url + CHAT, json={"model": "gpt-4o-mini", "messages": []},
                      headers={"x-aigw-metadata": meta}, timeout=5)
    assert r.status_code == 400 and r.json()["error"]["code"] == "aigw_invalid_metadata"
