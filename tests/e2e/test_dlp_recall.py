"""DLP recall on requests: values hidden one JSON level down (tool-call
arguments that a translation decodes), glued to a word, grouped with any
separator, broken by a lone surrogate escape, or split across content parts
and messages. Each test asserts on what the provider (the mock) received."""
import json
import re

import pytest
import requests

from harness import demo_plugin

CARD_ESCAPED_ARGS = '{"card":"\\u0034111 1111 1111 1111","note":"x"}'


def recall_plugin():
    plugin = demo_plugin()
    plugin["policies"] = {
        "redact": {"request": {"*": "redact"}, "response": {"*": "redact"}},
        "block": {"request": {"financial": "block", "*": "redact"}},
    }
    plugin["policy"] = "redact"
    plugin["providers"]["local"]["policy"] = "block"
    # openai retries once, then falls back to anthropic (translated).
    plugin["providers"]["openai"].update({
        "retry": {"max_attempts": 2, "retry_delay_ms": 50},
        "fallback": [{"provider": "anthropic", "model_map": {"*": "claude-fallback"}}],
    })
    return plugin


@pytest.fixture(scope="module")
def rgw(workdir, mock):
    from harness import Gateway
    g = Gateway(workdir, mock.port, plugin=recall_plugin(), concurrency=2)
    yield g
    g.stop()


@pytest.fixture(autouse=True)
def clean_script(mock):
    mock.clear_script()
    yield
    mock.clear_script()


def no_card(text):
    """No run of 13+ digits left once separators and escapes are gone."""
    digits = re.sub(r"[\s\-./_,:]|\\u00a0|\\n", "", text)
    return not re.search(r"\d{13,}", digits) and "4111" not in text and "5500" not in text


def tool_call_chat(model):
    return {"model": model, "max_tokens": 32, "messages": [
        {"role": "user", "content": "Pay the bill."},
        {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_1", "type": "function",
            "function": {"name": "pay", "arguments": CARD_ESCAPED_ARGS}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "done"},
        {"role": "user", "content": "Thanks."}]}


def sent_tool_input(rec):
    for msg in rec["json"]["messages"]:
        for block in msg["content"] if isinstance(msg["content"], list) else []:
            if block.get("type") == "tool_use":
                return block["input"]
    raise AssertionError(f"no tool_use block in {rec['json']}")


# ------------------------------------------------- point 5: translation

def test_compat_to_anthropic_sees_escaped_tool_arguments(rgw, mock):
    m = mock.mark()
    r = requests.post(rgw.url + "/compat/chat/completions", timeout=15,
                      json=tool_call_chat("anthropic/claude-sonnet-4-5"))
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    assert rec["host"] == "api.anthropic.com"
    assert sent_tool_input(rec) == {"card": "[REDACTED:CREDIT_CARD]", "note": "x"}
    assert no_card(rec["body"]), rec["body"]
    assert r.headers["x-aigw-dlp"] == "credit_card=1"


def test_fallback_to_anthropic_sees_escaped_tool_arguments(rgw, mock):
    mock.script([{"host": "api.openai.com", "status": 503, "times": 2}])
    m = mock.mark()
    r = requests.post(rgw.url + "/openai/v1/chat/completions", timeout=20,
                      json=tool_call_chat("gpt-4o"))
    assert r.status_code == 200, r.text
    assert r.headers["x-aigw-provider"] == "anthropic"
    recs = mock.received_since(m, 3)
    assert [x["host"] for x in recs] == ["api.openai.com"] * 2 + ["api.anthropic.com"]
    assert sent_tool_input(recs[2]) == {"card": "[REDACTED:CREDIT_CARD]", "note": "x"}
    for rec in recs:
        assert no_card(rec["body"]), rec["body"]
    # What OpenAI got is still valid JSON arguments, redacted inside.
    args = recs[0]["json"]["messages"][1]["tool_calls"][0]["function"]["arguments"]
    assert json.loads(args) == {"card": "[REDACTED:CREDIT_CARD]", "note": "x"}


def test_compat_tool_results_holding_json_are_decoded(rgw, mock):
    body = tool_call_chat("anthropic/claude-sonnet-4-5")
    body["messages"][1]["tool_calls"][0]["function"]["arguments"] = "{}"
    body["messages"][2]["content"] = '[{"paid_with":"\\u0035500 0000 0000 0004"}]'
    m = mock.mark()
    r = requests.post(rgw.url + "/compat/chat/completions", timeout=15, json=body)
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    assert no_card(rec["body"]) and "[REDACTED:CREDIT_CARD]" in rec["body"], rec["body"]


def test_escaped_tool_arguments_are_blocked_by_a_block_policy(rgw, mock):
    m = mock.mark()
    r = requests.post(rgw.url + "/local/chat/completions", timeout=15,
                      json=tool_call_chat("gpt-4o"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "aigw_dlp_blocked", r.text
    assert mock.requests(m) == []


# ------------------------------------------------- point 6: recall

GLUED = ["CC:5500000000000004", "card:4111 1111 1111 1111", "CC-4111111111111111",
         "No.4111111111111111", "cards/4111-1111-1111-1111", "card,5500 0000 0000 0004",
         "ref_4111111111111111"]
SEPARATED = ["4111.1111.1111.1111", "4111/1111/1111/1111", "4111\n1111\n1111\n1111",
             "4111\u00a01111\u00a01111\u00a01111", "4111 - 1111 - 1111 - 1111",
             "4111\r\n1111\r\n1111\r\n1111", "4111_1111_1111_1111", "5500\u20130000\u20130000\u20130004"]


def post_raw(g, raw, path="/openai/v1/chat/completions"):
    """A body written by hand, so escapes reach the gateway as written."""
    return requests.post(g.url + path, data=raw.encode(), timeout=15,
                         headers={"content-type": "application/json"})


def chat_body(messages):
    return {"model": "gpt-4o-mini", "messages": messages}


@pytest.mark.parametrize("value", GLUED + SEPARATED)
def test_glued_and_separated_cards_are_redacted(rgw, mock, value):
    m = mock.mark()
    r = requests.post(rgw.url + "/openai/v1/chat/completions", timeout=15,
                      json=chat_body([{"role": "user", "content": f"Pay with {value} today"}]))
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    sent = rec["json"]["messages"][0]["content"]
    assert "[REDACTED:CREDIT_CARD]" in sent and no_card(sent), sent


@pytest.mark.parametrize("value", [GLUED[0], GLUED[1], SEPARATED[0], SEPARATED[2]])
def test_glued_and_separated_cards_are_blocked(rgw, mock, value):
    m = mock.mark()
    r = requests.post(rgw.url + "/local/chat/completions", timeout=15,
                      json=chat_body([{"role": "user", "content": f"Pay with {value} today"}]))
    assert r.status_code == 403 and "credit_card" in r.json()["error"]["message"], r.text
    assert mock.requests(m) == []


@pytest.mark.parametrize("escaped", [r"4111\ud800111111111111", r"4111 1111\udfff 1111 1111",
                                     r"55\ud83d00000000000004", r"4111\udb40\udc41 1111\u00a01111 1111"])
def test_surrogate_escapes_inside_a_value(rgw, mock, escaped):
    m = mock.mark()
    raw = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"pay ' + escaped + ' now"}]}'
    r = post_raw(rgw, raw)
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    assert "pay [REDACTED:CREDIT_CARD] now" in rec["body"], rec["body"]
    m = mock.mark()
    r = post_raw(rgw, raw, path="/local/chat/completions")
    assert r.status_code == 403, r.text
    assert mock.requests(m) == []


SPLITS = [("My card is 4111 1111", "1111 1111, thanks"),
          ("My card is 41111111", "11111111 thanks"),
          ("card: 4111-1111-", "1111-1111 ok"),
          ("mail jane.doe@exa", "mple.com please")]


def split_bodies(a, b):
    parts = chat_body([{"role": "user", "content": [
        {"type": "text", "text": a}, {"type": "text", "text": b}]}])
    messages = chat_body([{"role": "user", "content": a}, {"role": "user", "content": b}])
    return {"parts": parts, "messages": messages}


@pytest.mark.parametrize("a,b", SPLITS)
@pytest.mark.parametrize("shape", ["parts", "messages"])
def test_a_value_split_across_parts_or_messages_is_redacted(rgw, mock, a, b, shape):
    m = mock.mark()
    r = requests.post(rgw.url + "/openai/v1/chat/completions", timeout=15, json=split_bodies(a, b)[shape])
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    body = rec["body"]
    assert body.count("[REDACTED:") == 2, body
    assert "1111" not in body and "exa" not in body and "mple.com" not in body, body
    assert re.match(r"(credit_card|email)=1$", r.headers["x-aigw-dlp"]), r.headers["x-aigw-dlp"]


@pytest.mark.parametrize("shape", ["parts", "messages"])
def test_a_card_split_across_parts_or_messages_is_blocked(rgw, mock, shape):
    m = mock.mark()
    r = requests.post(rgw.url + "/local/chat/completions", timeout=15,
                      json=split_bodies(*SPLITS[0])[shape])
    assert r.status_code == 403 and "credit_card" in r.json()["error"]["message"], r.text
    assert mock.requests(m) == []


def test_a_label_in_the_previous_message_is_context(rgw, mock):
    # Nine bare digits are an SSN only after an SSN label.
    m = mock.mark()
    r = requests.post(rgw.url + "/openai/v1/chat/completions", timeout=15, json=chat_body([
        {"role": "user", "content": "My SSN:"}, {"role": "user", "content": "078051121"}]))
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    assert [x["content"] for x in rec["json"]["messages"]] == ["My SSN:", "[REDACTED:US_SSN]"]


def test_anthropic_content_blocks_split_across_blocks(rgw, mock):
    m = mock.mark()
    body = {"model": "claude-sonnet-4-5", "max_tokens": 16, "system": "card 4111 1111",
            "messages": [{"role": "user", "content": [
                {"type": "text", "text": "1111 1111 is mine"}]}]}
    r = requests.post(rgw.url + "/anthropic/v1/messages", json=body, timeout=15)
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    assert "1111" not in rec["body"] and rec["body"].count("[REDACTED:CREDIT_CARD]") == 2, rec["body"]


# Secrets of the class `api_token` / `credential` (no real token: random bodies).
GITLAB = "glpat-Xq3vT9kLm2Pw8RzN4bYc"
HF = "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"
ENV_SNIPPET = (
    "Why does this fail?\n"
    "DATABASE_URL=postgres://app:Tr0ub4dor-3@db.internal:5432/app\n"
    f"GITLAB_TOKEN={GITLAB}\n"
    f"HF_TOKEN={HF}\n"
    "SMTP_PASS=w7!Kp2#qLz\n"
    "curl -H 'Authorization: Bearer 7fGh2Kq9LmNp4RsT6vWx8Yz0Ab' https://api.internal/v1\n"
    "DB_PASSWORD=${DB_PASSWORD}  # read from the vault\n"
)


def test_secrets_pasted_from_a_config_are_redacted_and_labels_kept(rgw, mock):
    m = mock.mark()
    r = requests.post(rgw.url + "/openai/v1/chat/completions", timeout=15,
                      json=chat_body([{"role": "user", "content": ENV_SNIPPET}]))
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    sent = rec["json"]["messages"][0]["content"]
    for secret in ("Tr0ub4dor-3", GITLAB, HF, "w7!Kp2#qLz", "7fGh2Kq9LmNp4RsT6vWx8Yz0Ab"):
        assert secret not in rec["body"], (secret, sent)
    assert "postgres://app:[REDACTED:CREDENTIAL]@db.internal:5432/app" in sent, sent
    assert "GITLAB_TOKEN=[REDACTED:API_TOKEN]" in sent and "HF_TOKEN=[REDACTED:API_TOKEN]" in sent, sent
    assert "SMTP_PASS=[REDACTED:CREDENTIAL]" in sent and "Bearer [REDACTED:CREDENTIAL]" in sent, sent
    # A reference to a secret is not one.
    assert "DB_PASSWORD=${DB_PASSWORD}" in sent, sent
    assert sorted(r.headers["x-aigw-dlp"].split(", ")) == ["api_token=2", "credential=3"], r.headers


def test_a_vendor_token_in_tool_arguments_is_redacted_one_level_down(rgw, mock):
    m = mock.mark()
    args = json.dumps({"url": "https://hooks.example", "token": GITLAB})
    body = chat_body([
        {"role": "user", "content": "Post it."},
        {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_1", "type": "function", "function": {"name": "post", "arguments": args}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "ok"}])
    r = requests.post(rgw.url + "/openai/v1/chat/completions", timeout=15, json=body)
    assert r.status_code == 200, r.text
    [rec] = mock.received_since(m, 1)
    assert "Xq3vT9kLm2Pw8RzN4bYc" not in rec["body"], rec["body"]
    sent_args = json.loads(rec["json"]["messages"][1]["tool_calls"][0]["function"]["arguments"])
    assert sent_args == {"url": "https://hooks.example", "token": "[REDACTED:API_TOKEN]"}
