"""What the log record holds beyond its counts (`logs` in the config):
prompts and answers per route (as redacted text or SHA-256), a client's
opt-out through the shipped access-log filter, the log id header."""
import hashlib
import json

import pytest
import requests

from harness import demo_plugin

EMAIL = "jane.doe@example.com"


def plugin():
    p = demo_plugin()
    p["policies"] = {"strict": {"request": {"*": "redact"}, "response": {"*": "redact"}}}
    p["policy"] = "strict"
    p["logs"] = {"client_opt_out": True,
                 "payloads": [{"routes": ["openai"], "mode": "text"},
                              {"routes": ["anthropic"], "mode": "sha256"}]}
    return p


@pytest.fixture(scope="module")
def lgw(workdir, mock):
    from harness import Gateway
    import envoy_config
    g = Gateway(workdir, mock.port, plugin=plugin(), edit=envoy_config.add_opt_out_filter)
    yield g
    g.stop()


def record_of(g, r):
    rid = r.headers["x-aigw-log-id"]
    return g.wait_record(lambda rec: rec["request_id"] == rid)


def test_prompt_and_answer_are_logged_after_redaction(lgw):
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"mail {EMAIL} today"}]}
    r = requests.post(lgw.url + "/openai/v1/chat/completions", json=body, timeout=5)
    assert r.status_code == 200
    rec = record_of(lgw, r)
    assert r.headers["x-aigw-log-id"] == rec["request_id"]
    payload = rec["payload"]
    assert "[REDACTED:EMAIL]" in payload["prompt"] and EMAIL not in payload["prompt"]
    assert payload["answer"] == r.text, "the answer as the client got it"
    assert payload["payload_truncated"] is False
    assert EMAIL not in json.dumps(rec)
    actions = rec["dlp"]["actions"]
    assert {"direction": "request", "detector": "email", "action": "redact", "count": 1} in actions


def test_a_streamed_answer_is_logged_as_it_went_out(lgw):
    body = {"model": "gpt-4o-mini", "stream": True,
            "messages": [{"role": "user", "content": "one two three"}]}
    r = requests.post(lgw.url + "/openai/v1/chat/completions", json=body, timeout=5)
    assert r.status_code == 200 and "data:" in r.text
    assert record_of(lgw, r)["payload"]["answer"] == r.text


def test_sha256_mode_logs_digests_only(lgw):
    body = json.dumps({"model": "claude-haiku-4-5", "max_tokens": 20,
                       "messages": [{"role": "user", "content": "hello there"}]}).encode()
    r = requests.post(lgw.url + "/anthropic/v1/messages", data=body,
                      headers={"content-type": "application/json"}, timeout=5)
    assert r.status_code == 200
    payload = record_of(lgw, r)["payload"]
    assert set(payload) == {"prompt_sha256", "answer_sha256"}
    assert payload["prompt_sha256"] == hashlib.sha256(body).hexdigest()
    assert payload["answer_sha256"] == hashlib.sha256(r.content).hexdigest()


def test_a_client_opts_out_and_no_line_is_written(lgw):
    chat = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "private"}]}
    warm = requests.post(lgw.url + "/openai/v1/chat/completions", json=chat, timeout=5)
    record_of(lgw, warm)
    before = len(lgw.records())
    quiet = requests.post(lgw.url + "/openai/v1/chat/completions", json=chat,
                          headers={"cf-aig-collect-log": "false"}, timeout=5)
    assert quiet.status_code == 200
    assert "x-aigw-log-id" not in quiet.headers and "cf-aig-log-id" not in quiet.headers
    loud = requests.post(lgw.url + "/openai/v1/chat/completions", json=chat, timeout=5)
    record_of(lgw, loud)  # written after the opted-out one
    # One record more: the loud request's; none for the quiet one.
    ids = [rec["request_id"] for rec in lgw.records()]
    assert len(ids) == before + 1 and ids[-1] == loud.headers["x-aigw-log-id"]
    with open(lgw.access_log) as f:
        assert all(line.strip().startswith("{") for line in f if line.strip()), "no empty lines"


def test_without_the_operator_s_consent_the_record_stays(gateway):
    chat = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}
    r = requests.post(gateway.url + "/openai/v1/chat/completions", json=chat,
                      headers={"x-aigw-collect-log": "false"}, timeout=5)
    rec = record_of(gateway, r)
    assert r.headers["x-aigw-log-id"] == rec["request_id"]
    assert "payload" not in rec and "hello" not in json.dumps(rec)
