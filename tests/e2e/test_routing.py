"""Routing in config through the real Envoy: model aliases, weighted and
sticky splits, conditions, the downgrade instead of a 429, and provider keys
chosen by route or by the client's alias. Each test checks what the client
got and what the provider (the mock) received: host, model and key."""
import collections
import hashlib
import json

import pytest
import requests

import envoy_config
from harness import Gateway

GROQ_HOST = "api.groq.com"
KEYS = {
    "OPENAI_API_KEY": "sk-openai-main",
    "OPENAI_SECOND_KEY": "sk-openai-second",
    "ANTHROPIC_API_KEY": "sk-ant-main",
    "GROQ_API_KEY": "sk-groq-main",
}
TENANTS = ["alpha", "beta"]
PROVIDER = {GROQ_HOST: "groq", "api.openai.com": "openai", "api.anthropic.com": "anthropic"}


def plugin():
    return {
        "version": 1,
        "providers": {
            "openai": {"kind": "openai", "cluster": "mock", "api_key": {"env": "OPENAI_API_KEY"},
                       "keys": {"second": {"env": "OPENAI_SECOND_KEY"}},
                       "models": ["gpt-4o"]},
            "anthropic": {"kind": "anthropic", "cluster": "mock",
                          "api_key": {"env": "ANTHROPIC_API_KEY"}},
            "groq": {"kind": "groq", "cluster": "mock", "api_key": {"env": "GROQ_API_KEY"}},
        },
        "auth": {"tokens": [{"name": t, "sha256": hashlib.sha256(t.encode()).hexdigest()}
                            for t in TENANTS]},
        "routes": {
            "fast": {"rules": [{"name": "groq", "target": "groq/llama-3.1-8b-instant"}]},
            "smart": {"rules": [
                {"name": "beta", "when": {"tenant": "beta"}, "target": "anthropic/claude-sonnet-4-5"},
                {"name": "ml", "when": {"metadata": {"team": "ml"}}, "target": "groq/llama-3.3-70b"},
                {"name": "canary", "when": {"header": {"x-canary": "1"}},
                 "target": "openai/gpt-4o-canary"},
                {"name": "keys", "sticky": True, "split": [
                    {"target": "openai/gpt-4o", "weight": 50},
                    {"target": "openai/gpt-4o", "key": "second", "weight": 50}]}]},
            "budgeted": {"rules": [{"target": "openai/gpt-4o-big"}],
                         "downgrade": {"target": "groq/llama-3.1-8b-instant"}},
            "*": {"rules": [{"name": "legacy", "when": {"model": "openai/gpt-3.5*"},
                             "target": "openai/gpt-4o-mini", "key": "second"}]},
        },
        "limits": {"rules": [{"name": "big-per-hour", "limit": 1, "window": "1h",
                              "when": {"models": ["gpt-4o-big"]}}]},
    }


def pass_keys(cfg):
    for c in envoy_config.wasm_filters(cfg):
        c["vm_config"]["environment_variables"]["host_env_keys"] = sorted(KEYS)


@pytest.fixture(scope="module")
def rgw(workdir, mock):
    # Two workers: a sticky choice must not depend on which one serves.
    g = Gateway(workdir, mock.port, plugin=plugin(), env=KEYS, edit=pass_keys, concurrency=2)
    yield g
    g.stop()


def chat(g, model, tenant="alpha", headers=None, path="/compat/chat/completions"):
    body = {"model": model, "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}
    h = {"x-aigw-authorization": tenant, **(headers or {})}
    return requests.post(g.url + path, json=body, headers=h, timeout=20)


def only(mock, mark):
    recs = mock.received_since(mark, 1)
    assert len(recs) == 1, recs
    return recs[0]


def served(r, mock, mark):
    """What the mock received for one answered request."""
    assert r.status_code == 200, r.text
    return only(mock, mark)


def test_alias_on_compat_and_on_the_providers_own_route(rgw, mock):
    m = mock.mark()
    r = chat(rgw, "fast")
    rec = served(r, mock, m)
    assert (rec["host"], rec["json"]["model"]) == (GROQ_HOST, "llama-3.1-8b-instant")
    assert rec["headers"]["authorization"] == "Bearer sk-groq-main"
    assert r.headers["x-aigw-route"] == "fast:groq; provider=groq; model=llama-3.1-8b-instant"
    log = rgw.wait_record(lambda x: x.get("requested_model") == "fast" and x["route"] == "compat")
    assert (log["provider"], log["model"], log["route_rule"]) == ("groq", "llama-3.1-8b-instant", "fast:groq")
    # On groq's own path the alias renames the model in the body.
    m = mock.mark()
    r = chat(rgw, "fast", path="/groq/v1/chat/completions")
    rec = served(r, mock, m)
    assert (rec["host"], rec["path"], rec["json"]["model"]) == \
        (GROQ_HOST, "/openai/v1/chat/completions", "llama-3.1-8b-instant")
    # A route spanning providers is refused on one provider's path, in its shape.
    r = chat(rgw, "smart", path="/openai/v1/chat/completions")
    assert r.status_code == 400 and "/compat/chat/completions" in r.json()["error"]["message"]


def test_weighted_split_hits_both_keys_with_the_right_model(rgw, mock):
    m = mock.mark()
    n = 60
    for _ in range(n):
        assert chat(rgw, "smart").status_code == 200
    recs = mock.received_since(m, n)
    assert {r["json"]["model"] for r in recs} == {"gpt-4o"}
    keys = collections.Counter(r["headers"]["authorization"] for r in recs)
    assert set(keys) == {"Bearer sk-openai-main", "Bearer sk-openai-second"}, keys
    # 50/50 over 60 requests: each side well above 10 (p < 1e-6 otherwise).
    assert min(keys.values()) >= 10, keys
    log = rgw.wait_record(lambda x: x.get("route_rule") == "smart:keys"
                          and x.get("key_alias") == "second")
    assert "sk-openai-second" not in json.dumps(log)


def test_sticky_sessions_stick_across_workers(rgw, mock):
    chosen = {}
    for s in range(20):
        keys = set()
        for _ in range(4):
            m = mock.mark()
            r = chat(rgw, "smart", headers={"x-aigw-session-id": f"user-{s}"})
            keys.add(served(r, mock, m)["headers"]["authorization"])
        assert len(keys) == 1, (s, keys)
        chosen[s] = keys.pop()
    # Sessions still spread over both keys (20 sessions all on one: p ~ 2e-6).
    assert len(set(chosen.values())) == 2, chosen


@pytest.mark.parametrize("kind", ["tenant", "metadata", "header", "model"])
def test_conditions_pick_their_target(rgw, mock, kind):
    cases = {
        "tenant": (dict(model="smart", tenant="beta"),
                   "api.anthropic.com", "claude-sonnet-4-5", ("x-api-key", "sk-ant-main"), "smart:beta"),
        "metadata": (dict(model="smart", headers={"x-aigw-metadata": json.dumps({"team": "ml"})}),
                     GROQ_HOST, "llama-3.3-70b", ("authorization", "Bearer sk-groq-main"), "smart:ml"),
        "header": (dict(model="smart", headers={"x-canary": "1"}),
                   "api.openai.com", "gpt-4o-canary", ("authorization", "Bearer sk-openai-main"),
                   "smart:canary"),
        "model": (dict(model="openai/gpt-3.5-turbo"),
                  "api.openai.com", "gpt-4o-mini", ("authorization", "Bearer sk-openai-second"),
                  "*:legacy"),
    }
    kw, host, model, (hname, hvalue), route = cases[kind]
    m = mock.mark()
    r = chat(rgw, **kw)
    rec = served(r, mock, m)
    assert (rec["host"], rec["json"]["model"], rec["headers"][hname]) == (host, model, hvalue)
    assert r.headers["x-aigw-route"] == f"{route}; provider={PROVIDER[host]}; model={model}"
    # The client's own format back (the unified endpoint speaks OpenAI).
    assert r.json()["choices"][0]["message"]["content"]


def test_no_matching_rule_passes_a_real_model_through(rgw, mock):
    m = mock.mark()
    r = chat(rgw, "openai/gpt-4o")
    rec = served(r, mock, m)
    assert (rec["json"]["model"], rec["headers"]["authorization"]) == ("gpt-4o", "Bearer sk-openai-main")
    assert r.headers["x-aigw-route"] == "*:none; provider=openai; model=gpt-4o"


def test_refused_admission_downgrades_instead_of_429(rgw, mock):
    m = mock.mark()
    r = chat(rgw, "budgeted", tenant="alpha")
    rec = served(r, mock, m)
    assert (rec["host"], rec["json"]["model"]) == ("api.openai.com", "gpt-4o-big")
    # The rule allows one an hour: the next goes to the cheaper target.
    m = mock.mark()
    r = chat(rgw, "budgeted", tenant="alpha")
    rec = served(r, mock, m)
    assert (rec["host"], rec["json"]["model"]) == (GROQ_HOST, "llama-3.1-8b-instant")
    assert rec["headers"]["authorization"] == "Bearer sk-groq-main"
    assert "sk-openai" not in json.dumps(rec["headers"])
    assert r.headers["x-aigw-route"] == \
        "budgeted:downgrade; provider=groq; model=llama-3.1-8b-instant"
    log = rgw.wait_record(lambda x: x.get("route_rule") == "budgeted:downgrade")
    assert (log["status"], log["provider"], log["requested_model"]) == (200, "groq", "budgeted")
    # Without a route, the same limit answers 429.
    r = chat(rgw, "openai/gpt-4o-big")
    assert r.status_code == 429, r.text


def test_byok_alias_picks_the_key_and_an_unknown_one_is_400(rgw, mock):
    for header in ["x-aigw-byok-alias", "cf-aig-byok-alias"]:
        m = mock.mark()
        r = chat(rgw, "gpt-4o", headers={header: "second"}, path="/openai/v1/chat/completions")
        rec = served(r, mock, m)
        assert rec["headers"]["authorization"] == "Bearer sk-openai-second"
    # The alias wins over the route's key; `default` is api_key.
    m = mock.mark()
    r = chat(rgw, "openai/gpt-3.5-turbo", headers={"x-aigw-byok-alias": "default"})
    assert served(r, mock, m)["headers"]["authorization"] == "Bearer sk-openai-main"
    log = rgw.wait_record(lambda x: x.get("key_alias") == "default")
    assert "sk-openai-main" not in json.dumps(log)
    # Unknown: 400 in the client's API shape, nothing sent.
    m = mock.mark()
    r = chat(rgw, "gpt-4o", headers={"x-aigw-byok-alias": "nope"}, path="/openai/v1/chat/completions")
    assert r.status_code == 400 and "nope" in r.json()["error"]["message"]
    r = requests.post(rgw.url + "/anthropic/v1/messages", timeout=10,
                      headers={"x-aigw-authorization": "alpha", "cf-aig-byok-alias": "second"},
                      json={"model": "claude", "max_tokens": 5,
                            "messages": [{"role": "user", "content": "hi"}]})
    assert r.status_code == 400 and r.json()["type"] == "error", r.text
    assert "second" in r.json()["error"]["message"]
    assert mock.requests(m) == []


def test_compat_models_lists_routes_and_targets(rgw):
    r = requests.get(rgw.url + "/compat/models", headers={"x-aigw-authorization": "alpha"},
                     timeout=10)
    ids = {m["id"] for m in r.json()["data"]}
    assert {"openai/gpt-4o", "fast", "smart", "budgeted", "groq/llama-3.1-8b-instant",
            "anthropic/claude-sonnet-4-5", "openai/gpt-4o-big"} <= ids, ids
    assert "*" not in ids
