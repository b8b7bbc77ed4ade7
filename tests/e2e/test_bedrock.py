"""AWS Bedrock through the gateway: AWS's own SDK (boto3's bedrock-runtime
client: converse, converse_stream) on the native route, the openai SDK on
/compat with a `bedrock/<model>` model. The gateway re-signs every request
with SigV4; each test recomputes the signature of what the provider (the
mock) received with botocore's signer, AWS's code rather than ours, and
compares."""
import hashlib
import json
import re

import boto3
import botocore.config
import openai
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError, EventStreamError

from harness import GATEWAY_KEYS, Gateway
import envoy_config

REGION = "us-east-1"
HOST = f"bedrock-runtime.{REGION}.amazonaws.com"
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
MODEL_PATH = "/model/anthropic.claude-3-haiku-20240307-v1%3A0"
CARD = "4111 1111 1111 1111"
KEY = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
GW_CREDS = ("AKIAGATEWAYEXAMPLE", "gateway/secret+key", "gateway-session-token")
KEYS = {
    **GATEWAY_KEYS,
    "AWS_ACCESS_KEY_ID": GW_CREDS[0],
    "AWS_SECRET_ACCESS_KEY": GW_CREDS[1],
    "AWS_SESSION_TOKEN": GW_CREDS[2],
}
CREDS = {"access_key_id": {"env": "AWS_ACCESS_KEY_ID"},
         "secret_access_key": {"env": "AWS_SECRET_ACCESS_KEY"},
         "session_token": {"env": "AWS_SESSION_TOKEN"}}


def plugin():
    def bedrock(**kw):
        return {"kind": "bedrock", "region": REGION, "cluster": "mock",
                "aws_credentials": CREDS, **kw}
    return {
        "version": 1,
        "providers": {
            "bedrock": bedrock(),
            "bedrock-dlp": bedrock(policy="strict"),
            # No credentials held: the client's own signature passes.
            "bedrock-own": {"kind": "bedrock", "region": REGION, "cluster": "mock"},
        },
        "policies": {
            "strict": {"request": {"*": "redact"}, "response": {"*": "redact", "secret": "block"}},
        },
    }


def pass_keys(cfg):
    for c in envoy_config.wasm_filters(cfg):
        c["vm_config"]["environment_variables"]["host_env_keys"] = sorted(KEYS)


@pytest.fixture(scope="module")
def bgw(workdir, mock):
    g = Gateway(workdir, mock.port, plugin=plugin(), env=KEYS, edit=pass_keys)
    yield g
    g.stop()


@pytest.fixture(autouse=True)
def clean_script(mock):
    mock.clear_script()
    yield
    mock.clear_script()


def client(g, provider="bedrock", headers=None):
    """boto3 with its own (dummy) credentials: the gateway re-signs."""
    c = boto3.client(
        "bedrock-runtime", region_name=REGION, endpoint_url=f"{g.url}/{provider}",
        aws_access_key_id="AKIACLIENTEXAMPLE", aws_secret_access_key="client-secret",
        aws_session_token="client-session-token",
        config=botocore.config.Config(retries={"max_attempts": 1}, read_timeout=10,
                                      connect_timeout=5))
    if headers:
        def add(request, **_):
            request.headers.update(headers)
        c.meta.events.register("before-send.bedrock-runtime.*", add)
    return c


def user(text):
    return [{"role": "user", "content": [{"text": text}]}]


def only(mock, mark):
    recs = mock.received_since(mark, 1)
    assert len(recs) == 1, recs
    return recs[0]


AUTH = re.compile(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, "
                  r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$")


def check_signature(rec, creds=GW_CREDS):
    """Recomputes the received request's signature with botocore's SigV4
    signer, over the headers it says it signed, the path, host and body the
    provider received; returns the signed header names."""
    m = AUTH.match(rec["headers"]["authorization"])
    assert m, rec["headers"]["authorization"]
    key_id, date, region, service, signed, signature = m.groups()
    assert (key_id, region, service) == (creds[0], REGION, "bedrock")
    names = signed.split(";")
    assert {"host", "x-amz-date", "x-amz-content-sha256"} <= set(names)
    headers = {n: (rec["host"] if n == "host" else rec["headers"][n]) for n in names}
    body = rec["body"].encode()
    req = AWSRequest(method=rec["method"], url=f"https://{rec['host']}{rec['path']}",
                     data=body, headers=headers)
    req.context["timestamp"] = rec["headers"]["x-amz-date"]
    assert date == req.context["timestamp"][:8]
    signer = SigV4Auth(Credentials(*creds), service, region)
    expected = signer.signature(signer.string_to_sign(req, signer.canonical_request(req)), req)
    assert signature == expected
    assert rec["headers"]["x-amz-content-sha256"] == hashlib.sha256(body).hexdigest()
    return names


def stream_events(resp):
    return [e for e in resp["stream"]]


def stream_text(events):
    return "".join(e["contentBlockDelta"]["delta"].get("text", "")
                   for e in events if "contentBlockDelta" in e)


# ---------------------------------------------------------------- native route

def test_boto3_converse_signed_by_the_gateway_with_usage_in_the_log(bgw, mock):
    m = mock.mark()
    out = client(bgw).converse(modelId=MODEL, messages=user("Hello Bedrock"),
                               system=[{"text": "be brief"}], inferenceConfig={"maxTokens": 50})
    assert out["output"]["message"]["content"][0]["text"] == "mock: Hello Bedrock"
    assert out["stopReason"] == "end_turn"
    u = out["usage"]
    assert (u["inputTokens"], u["cacheReadInputTokens"]) == (5, 2)
    rec = only(mock, m)
    assert (rec["host"], rec["path"]) == (HOST, MODEL_PATH + "/converse")
    assert "x-amz-security-token" in check_signature(rec)
    assert rec["headers"]["x-amz-security-token"] == GW_CREDS[2]
    # The client's own credentials never reach the provider.
    assert "AKIACLIENTEXAMPLE" not in json.dumps(rec) and "client-session-token" not in json.dumps(rec)
    log = bgw.wait_record(lambda r: r.get("provider") == "bedrock" and not r["stream"])
    assert (log["provider_kind"], log["model"], log["status"]) == ("bedrock", MODEL, 200)
    assert (log["input_tokens"], log["output_tokens"], log["cached_input_tokens"]) == \
        (7, u["outputTokens"], 2)


def test_boto3_converse_stream_decoded_with_usage_from_metadata(bgw, mock):
    m = mock.mark()
    resp = client(bgw).converse_stream(modelId=MODEL, messages=user("Stream from Bedrock"))
    events = stream_events(resp)
    assert stream_text(events) == "mock: Stream from Bedrock"
    assert [k for e in events for k in e][0] == "messageStart"
    assert events[-2]["messageStop"]["stopReason"] == "end_turn"
    usage = events[-1]["metadata"]["usage"]
    rec = only(mock, m)
    assert rec["path"] == MODEL_PATH + "/converse-stream"
    check_signature(rec)
    log = bgw.wait_record(lambda r: r.get("provider") == "bedrock" and r["stream"])
    assert (log["input_tokens"], log["output_tokens"], log["complete"]) == \
        (usage["inputTokens"], usage["outputTokens"], True)


def test_boto3_tool_use_streamed_and_plain(bgw, mock):
    tool = {"toolSpec": {"name": "get_weather", "inputSchema": {"json": {
        "type": "object", "properties": {"city": {"type": "string"}}}}}}
    call = json.dumps({"name": "get_weather", "arguments": {"city": "Paris"}})
    c = client(bgw, headers={"x-mock-tool-call": call})
    out = c.converse(modelId=MODEL, messages=user("weather?"), toolConfig={"tools": [tool]})
    assert out["stopReason"] == "tool_use"
    assert out["output"]["message"]["content"][0]["toolUse"]["input"] == {"city": "Paris"}
    events = stream_events(c.converse_stream(modelId=MODEL, messages=user("weather?"),
                                             toolConfig={"tools": [tool]}))
    start = next(e["contentBlockStart"] for e in events if "contentBlockStart" in e)
    assert start["start"]["toolUse"]["name"] == "get_weather"
    args = "".join(e["contentBlockDelta"]["delta"]["toolUse"]["input"]
                   for e in events if "contentBlockDelta" in e)
    assert json.loads(args) == {"city": "Paris"}


def test_errors_in_bedrock_shape(bgw, mock):
    # The provider's error passes as it is (boto3 reads x-amzn-ErrorType).
    with pytest.raises(ClientError) as e:
        client(bgw, headers={"x-mock-status": "429"}).converse(modelId=MODEL, messages=user("busy"))
    assert e.value.response["Error"]["Code"] == "ThrottlingException"
    # The gateway's own: an endpoint it does not open (InvokeModel), in
    # Bedrock's shape ({"message"} and x-amzn-ErrorType).
    m = mock.mark()
    with pytest.raises(ClientError) as e:
        client(bgw).invoke_model(modelId=MODEL, body=b"{}")
    err = e.value.response
    assert err["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert err["Error"]["Code"] == "AccessDeniedException"
    assert err["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == "AccessDeniedException"
    assert "/model/" in err["Error"]["Message"]
    assert mock.requests(m) == []
    log = bgw.wait_record(lambda r: r.get("error_code") == "aigw_endpoint_not_allowed")
    assert log["provider"] == "bedrock"


def test_client_signature_passes_without_gateway_credentials(bgw, mock):
    m = mock.mark()
    client(bgw, "bedrock-own").converse(modelId=MODEL, messages=user("mine"))
    rec = only(mock, m)
    assert "Credential=AKIACLIENTEXAMPLE/" in rec["headers"]["authorization"]
    assert rec["headers"]["x-amz-security-token"] == "client-session-token"


# ---------------------------------------------------------------- DLP

def test_request_redaction_is_signed_as_sent(bgw, mock):
    m = mock.mark()
    client(bgw, "bedrock-dlp").converse(modelId=MODEL, messages=user(f"my card {CARD} ok"))
    rec = only(mock, m)
    sent = rec["json"]["messages"][0]["content"][0]["text"]
    assert CARD not in sent and "REDACTED" in sent
    check_signature(rec)


def test_converse_stream_redacted_in_the_binary_stream(bgw, mock):
    c = client(bgw, "bedrock-dlp", headers={"x-mock-reply": f"card {CARD} end"})
    events = stream_events(c.converse_stream(modelId=MODEL, messages=user("hi")))
    text = stream_text(events)
    assert CARD not in text and "[REDACTED:CREDIT_CARD]" in text and text.endswith(" end")
    assert "metadata" in events[-1]
    out = c.converse(modelId=MODEL, messages=user("hi"))
    assert out["output"]["message"]["content"][0]["text"] == "card [REDACTED:CREDIT_CARD] end"


def test_converse_stream_blocked_ends_with_an_exception(bgw, mock):
    c = client(bgw, "bedrock-dlp", headers={"x-mock-reply": f"the key {KEY} here"})
    seen = []
    with pytest.raises(EventStreamError) as e:
        for ev in c.converse_stream(modelId=MODEL, messages=user("hi"))["stream"]:
            seen.append(ev)
    assert KEY not in json.dumps(seen) and "ghp_" not in json.dumps(seen)
    assert "aigw_dlp_blocked" in str(e.value) or "blocks" in str(e.value)


# ---------------------------------------------------------------- /compat

def compat(g):
    return openai.OpenAI(base_url=g.url + "/compat", api_key="unused", max_retries=0, timeout=10)


def test_openai_sdk_on_compat_plain(bgw, mock):
    m = mock.mark()
    out = compat(bgw).chat.completions.create(
        model=f"bedrock/{MODEL}", max_tokens=30,
        messages=[{"role": "system", "content": "be brief"}, {"role": "user", "content": "Hi compat"}])
    assert out.choices[0].message.content == "mock: Hi compat"
    assert out.choices[0].finish_reason == "stop"
    assert (out.usage.prompt_tokens, out.usage.prompt_tokens_details.cached_tokens) == (7, 2)
    rec = only(mock, m)
    assert (rec["host"], rec["path"]) == (HOST, MODEL_PATH + "/converse")
    assert rec["json"]["system"] == [{"text": "be brief"}]
    assert rec["json"]["inferenceConfig"] == {"maxTokens": 30}
    check_signature(rec)
    log = bgw.wait_record(lambda r: r.get("provider") == "bedrock" and r.get("endpoint") ==
                          "/compat/chat/completions" and not r["stream"])
    assert (log["input_tokens"], log["output_tokens"]) == (7, out.usage.completion_tokens)


def test_openai_sdk_on_compat_streamed_and_tools(bgw, mock):
    m = mock.mark()
    chunks = list(compat(bgw).chat.completions.create(
        model=f"bedrock/{MODEL}", messages=[{"role": "user", "content": "Stream compat"}],
        stream=True, stream_options={"include_usage": True}))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == \
        "mock: Stream compat"
    assert chunks[-1].usage.prompt_tokens == 5
    rec = only(mock, m)
    assert rec["path"] == MODEL_PATH + "/converse-stream"
    assert "stream" not in rec["json"] and "model" not in rec["json"]
    check_signature(rec)
    call = json.dumps({"name": "get_weather", "arguments": {"city": "Oslo"}})
    tools = [{"type": "function", "function": {"name": "get_weather", "parameters": {
        "type": "object", "properties": {"city": {"type": "string"}}}}}]
    out = compat(bgw).chat.completions.create(
        model=f"bedrock/{MODEL}", messages=[{"role": "user", "content": "weather?"}],
        tools=tools, extra_headers={"x-mock-tool-call": call})
    tc = out.choices[0].message.tool_calls[0]
    assert (tc.function.name, json.loads(tc.function.arguments)) == ("get_weather", {"city": "Oslo"})
    assert out.choices[0].finish_reason == "tool_calls"
    chunks = list(compat(bgw).chat.completions.create(
        model=f"bedrock/{MODEL}", messages=[{"role": "user", "content": "weather?"}],
        tools=tools, stream=True, extra_headers={"x-mock-tool-call": call}))
    args = "".join(c.choices[0].delta.tool_calls[0].function.arguments or ""
                   for c in chunks if c.choices and c.choices[0].delta.tool_calls)
    assert json.loads(args) == {"city": "Oslo"}


def test_the_signature_check_catches_a_changed_request(bgw, mock):
    """The checker is not vacuous: a byte of body, path or host changed, or
    another secret, and botocore's signature differs."""
    m = mock.mark()
    client(bgw).converse(modelId=MODEL, messages=user("tamper"))
    rec = only(mock, m)
    check_signature(rec)
    for change in (lambda r: r.update(body=r["body"].replace("tamper", "tampex")),
                   lambda r: r.update(path=r["path"].replace("converse", "converse-stream")),
                   lambda r: r.update(host="bedrock-runtime.us-west-2.amazonaws.com")):
        bad = json.loads(json.dumps(rec))
        change(bad)
        with pytest.raises(AssertionError):
            check_signature(bad)
    with pytest.raises(AssertionError):
        check_signature(rec, creds=(GW_CREDS[0], "another-secret", GW_CREDS[2]))
