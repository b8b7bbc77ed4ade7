"""One JSON access-log record per request, with every field right and no
prompt or completion text."""
import datetime
import json
import re

import requests

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


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
    assert UUID.match(rec["request_id"]), rec
    assert r.headers["x-request-id"] == rec["request_id"]
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
