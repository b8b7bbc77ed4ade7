"""One JSON access-log record per request, with every field right and no
prompt or completion text."""
import datetime
import json
import re

import requests

REQUEST_ID = re.compile(r"^[0-9a-f]{32}$")


def new_records(gateway, before, count):
    return gateway.wait_records(before + count)[before:]


def test_non_streamed_record(gateway):
    before = len(gateway.records())
    body = {"model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": "a secret prompt about zebras"}]}
    data = json.dumps(body).encode()
    r = requests.post(gateway.url + "/openai/v1/chat/completions", data=data,
                      headers={"content-type": "application/json",
                               "cf-aig-metadata": '{"user":"u-7","team":3,"beta":true}'},
                      timeout=5)
    assert r.status_code == 200
    usage = r.json()["usage"]
    [rec] = new_records(gateway, before, 1)
    assert REQUEST_ID.match(rec["request_id"]), rec
    assert r.headers["x-aigw-log-id"] == rec["request_id"]
    assert r.headers["cf-aig-log-id"] == rec["request_id"]  # the client spoke cf-aig-
    assert rec["client_request_id"] == r.headers["x-request-id"]  # Envoy's, kept apart
    t = datetime.datetime.fromisoformat(rec["time"].replace("Z", "+00:00"))
    assert abs((datetime.datetime.now(datetime.timezone.utc) - t).total_seconds()) < 60
    assert rec["route"] == "provider"
    assert rec["provider"] == "openai" and rec["provider_kind"] == "openai"
    assert rec["endpoint"] == "/v1/chat/completions"
    assert rec["method"] == "POST"
    assert rec["model"] == "gpt-4o-mini"
    assert rec["stream"] is False
    assert rec["status"] == 200 and rec["error_code"] is None
    assert 0 < rec["ttfb_ms"] <= rec["latency_ms"] < 5000
    assert rec["request_bytes"] == len(data)
    assert rec["response_bytes"] == len(r.content)
    assert rec["input_tokens"] == usage["prompt_tokens"] > 0
    assert rec["output_tokens"] == usage["completion_tokens"] > 0
    assert rec["metadata"] == {"user": "u-7", "team": 3, "beta": True}
    assert rec["complete"] is True
    line = json.dumps(rec)
    assert "zebras" not in line and "mock:" not in line


def test_streamed_records_carry_provider_usage(gateway):
    before = len(gateway.records())
    chat = {"model": "gpt-4o", "stream": True,
            "messages": [{"role": "user", "content": "one two three four"}]}
    r = requests.post(gateway.url + "/openai/v1/chat/completions", json=chat, timeout=5)
    streamed_text = r.text
    msg = {"model": "claude-haiku-4-5", "stream": True, "max_tokens": 50,
           "messages": [{"role": "user", "content": "five six"}]}
    r2 = requests.post(gateway.url + "/anthropic/v1/messages", json=msg, timeout=5)
    oa, an = new_records(gateway, before, 2)
    # The mock counts words + 3 per message in, and one token per word out.
    assert (oa["input_tokens"], oa["output_tokens"]) == (7, 5)
    assert oa["stream"] is True and oa["complete"] is True
    assert oa["response_bytes"] == len(streamed_text.encode())
    assert (an["input_tokens"], an["output_tokens"]) == (5, 3)
    assert an["provider"] == "anthropic" and an["model"] == "claude-haiku-4-5"
    assert an["response_bytes"] == len(r2.content)


def test_error_records(gateway):
    before = len(gateway.records())
    requests.post(gateway.url + "/nope/v1/chat/completions", json={}, timeout=5)
    requests.post(gateway.url + "/openai/v1/chat/completions", data=b"{",
                  headers={"content-type": "application/json"}, timeout=5)
    requests.post(gateway.url + "/openai/v1/chat/completions",
                  json={"model": "m", "messages": []}, headers={"x-mock-status": "503"}, timeout=5)
    nf, bad, upstream = new_records(gateway, before, 3)
    assert (nf["status"], nf["error_code"], nf["route"], nf["provider"]) == \
        (404, "aigw_unknown_provider", "none", None)
    assert (bad["status"], bad["error_code"], bad["provider"]) == (400, "aigw_invalid_json", "openai")
    assert (upstream["status"], upstream["error_code"], upstream["model"]) == (503, None, "m")
    assert upstream["input_tokens"] is None


# Log hygiene (issue 12, point 15).

def test_the_client_cannot_choose_the_log_request_id(start_gateway):
    g = start_gateway(concurrency=2)
    chosen = "victim-request-0001"
    ids = []
    for path in ["/openai/v1/chat/completions"] * 6 + ["/nope/v1/chat/completions"]:
        r = requests.post(g.url + path, json={"model": "m", "messages": []},
                          headers={"x-request-id": chosen}, timeout=5)
        ids.append(r.headers["x-aigw-log-id"])
        assert "cf-aig-log-id" not in r.headers
    recs = g.wait_records(len(ids))
    assert [rec["request_id"] for rec in recs] == ids  # local replies (the 404) too
    assert len(set(ids)) == len(ids) and all(REQUEST_ID.match(i) for i in ids)
    assert chosen not in ids
    assert {rec["client_request_id"] for rec in recs} == {chosen}
    # A long one is cut; the record stays one line.
    r = requests.post(g.url + "/openai/v1/chat/completions", json={"model": "m", "messages": []},
                      headers={"x-request-id": "x" * 4000}, timeout=5)
    rec = g.wait_record(lambda rec: rec["request_id"] == r.headers["x-aigw-log-id"])
    assert rec["client_request_id"] == "x" * 128
    # Another Envoy (a restart, a replica): other ids.
    g2 = start_gateway()
    r2 = requests.post(g2.url + "/openai/v1/chat/completions", json={"model": "m", "messages": []},
                       timeout=5)
    assert r2.headers["x-aigw-log-id"][:16] not in {i[:16] for i in ids}


def test_line_separators_never_reach_the_log_raw(gateway):
    before = len(gateway.records())
    model = "gpt\u2028x\u2029y\u0085z\u202ew\u007fv"
    r = requests.post(gateway.url + "/openai/v1/chat/completions",
                      data=('{"model":"%s","messages":[]}' % model).encode(),
                      headers={"content-type": "application/json",
                               "x-aigw-metadata": '{"note":"a\\u2028b"}'}, timeout=5)
    assert r.status_code == 200
    [rec] = new_records(gateway, before, 1)
    raw = gateway.access_log.read_bytes()
    for ch in ("\u2028", "\u2029", "\u0085", "\u202e", "\u007f"):
        assert ch.encode() not in raw, repr(ch)
    assert raw.count(b"\n") == len(gateway.records())  # one record, one line
    # Escaped, not dropped: the record reads back as sent.
    assert rec["model"] == json.loads('"%s"' % model)
    assert rec["metadata"] == {"note": "a\u2028b"}


def metadata_policy_plugin():
    from harness import demo_plugin
    plugin = demo_plugin()
    plugin["policies"] = {"p": {"request": {"email": "flag", "credit_card": "redact",
                                            "secret": "block"}}}
    plugin["policy"] = "p"
    return plugin


def test_metadata_is_scanned_before_it_is_logged(start_gateway, mock):
    g = start_gateway(plugin=metadata_policy_plugin())
    meta = {"user": "jane.doe@example.com", "card": 4111111111111111,
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789": "key as a key", "plan": "pro"}
    m = mock.mark()
    r = requests.post(g.url + "/openai/v1/chat/completions",
                      json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]},
                      headers={"x-aigw-metadata": json.dumps(meta)}, timeout=5)
    # Metadata never goes upstream, so it does not block the request.
    assert r.status_code == 200
    [sent] = mock.received_since(m, 1)
    assert not any(k.endswith("metadata") for k in sent["headers"])
    rec = g.wait_record(lambda rec: rec["request_id"] == r.headers["x-aigw-log-id"])
    line = json.dumps(rec)
    for secret in ("jane.doe", "example.com", "4111111111111111", "ghp_"):
        assert secret not in line, secret
    assert "ghp_" not in g.access_log.read_text()
    assert rec["metadata"]["plan"] == "pro"
    assert rec["metadata"]["user"] == "[REDACTED:EMAIL]"
    assert rec["metadata_findings"] == {"findings": {"email": 1, "credit_card": 1, "github_token": 1},
                                        "redacted": 3, "blocked_by": None}


def test_metadata_is_bounded(gateway, mock):
    for value in ('{"a":"%s"}' % ("x" * 5000), '{"a":"%s"}' % ("x" * 1025)):
        for name in ("x-aigw-metadata", "cf-aig-metadata"):
            r = requests.post(gateway.url + "/openai/v1/chat/completions",
                              json={"model": "m", "messages": []}, headers={name: value}, timeout=5)
            assert r.status_code == 400 and r.json()["error"]["code"] == "aigw_invalid_metadata"
            assert r.json()["error"]["message"].startswith(name)
    r = requests.post(gateway.url + "/openai/v1/chat/completions", json={"model": "m", "messages": []},
                      headers={"x-aigw-metadata": '{"a":"%s"}' % ("x" * 1024)}, timeout=5)
    assert r.status_code == 200
