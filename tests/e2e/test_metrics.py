"""Labelled metrics end to end: a real Prometheus (Debian's package) scrapes
the gateway's Envoy admin /stats/prometheus while test traffic runs, and the
assertions are PromQL over its HTTP API: tokens by model equal what the mock
reported, cost equals tokens times the default price table, a cache hit shows
as savings, a rejection and a DLP finding show by rule and detector, and 50
random model names make one `other` series. The shipped alert rules pass
promtool and load cleanly, and every dashboard query returns series."""
import hashlib
import json
import re
import subprocess
import uuid

import pytest
import requests
import yaml

from harness import ROOT, Gateway, Prometheus, demo_plugin, wait_for

RULES = ROOT / "monitoring/prometheus/aigw-alerts.yml"
RULES_TEST = ROOT / "monitoring/prometheus/aigw-alerts.test.yml"
DASHBOARD = ROOT / "monitoring/grafana/aigw-dashboard.json"
TENANTS = ["team-a", "team-b"]
# Default table (crates/limits/src/default_prices.rs), nano-dollars per token
# (USD per million tokens × 1000): (input, output).
NANOS = {"gpt-4o-mini": (150, 600), "gpt-4.1-mini": (400, 1600), "claude-haiku-4-5": (1000, 5000)}


def metrics_plugin():
    plugin = demo_plugin()
    plugin["auth"] = {"tokens": [{"name": t, "sha256": hashlib.sha256(t.encode()).hexdigest()}
                                 for t in TENANTS]}
    plugin["cache"] = {"enabled": True, "ttl_s": 60}
    plugin["limits"] = {
        "rules": [{"name": "tiny", "key": ["tenant"], "limit": 2, "window": "1h",
                   "when": {"tenants": ["team-b"]}}],
        # No prices configured: the budget counts at the default table's.
        "budgets": [{"name": "daily-spend", "key": ["tenant"], "period": "day", "limit_usd": 1,
                     "when": {"tenants": ["team-a"]}}],
    }
    plugin["policies"] = {"pii": {"request": {"email": "redact"}, "response": {}}}
    plugin["policy"] = "pii"
    plugin["providers"]["openai"]["retry"] = {"max_attempts": 2, "retry_delay_ms": 10}
    return plugin


def fast_histograms(cfg):
    cfg["stats_flush_interval"] = "1s"  # histograms reach /stats/prometheus at each flush


class Traffic:
    """What was sent and what the client saw of the provider's usage."""

    def __init__(self, g):
        self.g = g
        self.sent = 0
        self.usage = {}  # model -> [input, output] as the mock reported them

    def chat(self, tenant, model, text, headers=None, stream=False, path="/openai/v1/chat/completions"):
        body = {"model": model, "stream": stream, "max_tokens": 16,
                "messages": [{"role": "user", "content": text}]}
        h = {"x-aigw-authorization": tenant, **(headers or {})}
        r = requests.post(self.g.url + path, json=body, headers=h, timeout=20)
        self.sent += 1
        return r

    def count(self, model, r):
        u = r.json()["usage"]
        n = self.usage.setdefault(model, [0, 0])
        n[0] += u.get("prompt_tokens", u.get("input_tokens", 0))
        n[1] += u.get("completion_tokens", u.get("output_tokens", 0))


@pytest.fixture(scope="module")
def observed(workdir, mock):
    g = Gateway(workdir, mock.port, plugin=metrics_plugin(), concurrency=2, edit=fast_histograms)
    prom = Prometheus(workdir, [g.admin], rule_files=[RULES])
    t = Traffic(g)
    try:
        for i in range(5):
            r = t.chat("team-a", "gpt-4o-mini", f"question number {i} " * (i + 1))
            assert r.status_code == 200, r.text
            t.count("gpt-4o-mini", r)
        r = t.chat("team-a", "claude-haiku-4-5", "hello anthropic", path="/anthropic/v1/messages")
        assert r.status_code == 200, r.text
        t.count("claude-haiku-4-5", r)
        # The same question twice: a miss, then a hit that saves its usage.
        first = t.chat("team-b", "gpt-4.1-mini", "cache me")
        t.count("gpt-4.1-mini", first)
        hit = t.chat("team-b", "gpt-4.1-mini", "cache me")
        assert hit.headers["x-aigw-cache-status"] == "HIT"
        t.saved = first.json()["usage"]
        # team-b may send two requests an hour: this third one is refused.
        assert t.chat("team-b", "gpt-4.1-nano", "one more").status_code == 429
        # A finding the policy redacts.
        assert t.chat("team-a", "gpt-5-mini", "mail jane.doe@example.com").status_code == 200
        # A 500 then a retry that succeeds.
        assert t.chat("team-a", "gpt-4.1", "flaky", {"x-mock-status": "500"}).status_code == 200
        # A stream (time to first token).
        assert t.chat("team-a", "o4-mini", "stream it", stream=True).status_code == 200
        # Clients choose model names; they must not choose series.
        for _ in range(50):
            assert t.chat("team-a", f"rnd-{uuid.uuid4().hex}", "hi").status_code == 200
        sent = t.sent
        wait_for(lambda: prom.value("sum(aigw_requests_total)") == sent, seconds=30,
                 what=f"Prometheus to see {sent} requests")
        wait_for(lambda: prom.value("sum(gen_ai_server_time_to_first_token_milliseconds_count)"),
                 seconds=30, what="the TTFT histogram in Prometheus")
        yield g, prom, t
    finally:
        prom.stop()
        g.stop()


def test_tokens_by_model_equal_what_the_mock_reported(observed):
    _, prom, t = observed
    for model, (inp, out) in t.usage.items():
        got = [prom.value(f'sum(aigw_tokens_total{{model="{model}",token_type="{k}"}})')
               for k in ("input", "output")]
        assert got == [inp, out], model
    assert prom.value('sum(aigw_tokens_total{model="gpt-4o-mini",tenant="team-a"})') == sum(
        t.usage["gpt-4o-mini"])


def test_cost_is_tokens_times_the_default_table(observed):
    _, prom, t = observed
    for model, (inp, out) in t.usage.items():
        pin, pout = NANOS[model]
        assert prom.value(f'sum(aigw_cost_nanodollars_total{{model="{model}"}})') == inp * pin + out * pout
    # The budget counted at the same prices (no operator prices configured).
    used = prom.value('aigw_budget_used_nanodollars{rule="daily-spend",tenant="team-a"}')
    assert used and used > 0
    assert prom.value('aigw_budget_limit_nanodollars{rule="daily-spend",tenant="team-a"}') == 1e9


def test_a_cache_hit_shows_as_savings(observed):
    _, prom, t = observed
    saved = t.saved
    pin, pout = NANOS["gpt-4.1-mini"]
    q = 'sum(aigw_cache_saved_tokens_total{{model="gpt-4.1-mini",token_type="{}"}})'
    assert prom.value(q.format("input")) == saved["prompt_tokens"]
    assert prom.value(q.format("output")) == saved["completion_tokens"]
    assert prom.value('sum(aigw_cache_saved_cost_nanodollars_total{model="gpt-4.1-mini",tenant="team-b"})') \
        == saved["prompt_tokens"] * pin + saved["completion_tokens"] * pout
    assert prom.value('sum(aigw_cache_lookups_total{model="gpt-4.1-mini",cache_status="hit"})') == 1
    # The unlabelled cache counters keep working beside them.
    assert prom.value("aigw_cache_hit") == 1


def test_rejections_and_findings_show_by_rule_and_detector(observed):
    _, prom, _ = observed
    assert prom.value('aigw_limit_rejections_total{rule="tiny",error_code="aigw_rate_limited",'
                      'tenant="team-b"}') == 1
    assert prom.value('sum(aigw_requests_total{tenant="team-b",status_class="4xx",'
                      'error_code="aigw_rate_limited"})') == 1
    assert prom.value('aigw_policy_findings_total{detector="email",direction="request",'
                      'action="redact",tenant="team-a"}') == 1
    assert prom.value('sum(aigw_provider_attempts_total{provider="openai",cause="status_5xx"})') == 1


def test_label_cardinality_stays_bounded(observed):
    _, prom, _ = observed
    assert prom.value('sum(aigw_requests_total{model="other"})') == 50
    assert prom.value('sum(aigw_unpriced_requests_total{model="other"})') == 50
    assert prom.query('{__name__=~"aigw_.*|gen_ai_.*", model=~"rnd-.*"}') == []
    models = {s["metric"]["model"] for s in prom.query("count by (model) (aigw_requests_total)")}
    assert models == {"gpt-4o-mini", "claude-haiku-4-5", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5-mini",
                      "gpt-4.1", "o4-mini", "other"}


def test_latency_and_ttft_histograms(observed):
    _, prom, _ = observed
    assert prom.value('sum(gen_ai_client_operation_duration_milliseconds_count{provider="openai"})') >= 5
    assert prom.value('sum(gen_ai_server_time_to_first_token_milliseconds_count{model="o4-mini"})') == 1
    assert prom.value('sum(gen_ai_client_operation_duration_milliseconds_count{model="gpt-4o-mini"})') == 5


def dashboard_exprs():
    dash = json.loads(DASHBOARD.read_text())
    return [(p["title"], t["expr"]) for p in dash["panels"] for t in p.get("targets", [])]


def grafana_to_promql(expr):
    for var, value in (("$__rate_interval", "1m"), ("$__range", "5m"), ("$tenant", ".*"),
                       ("$provider", ".*")):
        expr = expr.replace(var, value)
    assert "$" not in expr, expr
    return expr


def test_every_dashboard_query_parses_and_returns_series(observed):
    _, prom, _ = observed
    exprs = dashboard_exprs()
    assert len(exprs) >= 15
    for _, e in exprs:  # each parses
        prom.query(grafana_to_promql(e))
    # rate() and increase() need two scrapes of a series: give them a few.
    def empty():
        return [title for title, e in exprs if not prom.query(grafana_to_promql(e))]
    try:
        wait_for(lambda: not empty(), seconds=20, interval=1, what="every panel to have series")
    except TimeoutError:
        assert not empty()


def test_alert_rules_load_and_evaluate_in_prometheus(observed):
    _, prom, t = observed
    def evaluated():
        groups = requests.get(prom.url + "/api/v1/rules", timeout=5).json()["data"]["groups"]
        rules = [r for grp in groups for r in grp["rules"]]
        return rules if rules and all(r.get("lastEvaluation", "").startswith("2") for r in rules) \
            and all(r["evaluationTime"] > 0 for r in rules) else None
    rules = wait_for(evaluated, seconds=15, what="the alert rules evaluated")
    assert len(rules) == 5
    assert all(r["health"] == "ok" for r in rules), rules
    # Another retried 500, now that Prometheus knows the series (a counter's
    # first value is no increase): the fallback rate is up, and the rule
    # pending (it wants 5 minutes of it).
    assert t.chat("team-a", "gpt-4.1", "flaky again", {"x-mock-status": "500"}).status_code == 200

    def fallback_pending():
        groups = requests.get(prom.url + "/api/v1/rules", timeout=5).json()["data"]["groups"]
        rule = next(r for g in groups for r in g["rules"] if r["name"] == "AigwProviderFallbackRate")
        return rule["state"] == "pending" and rule
    rule = wait_for(fallback_pending, seconds=20, interval=0.5, what="AigwProviderFallbackRate pending")
    assert rule["alerts"][0]["labels"]["provider"] == "openai"


def test_alert_rules_pass_promtool():
    for args in (["check", "rules", str(RULES)], ["test", "rules", str(RULES_TEST)]):
        r = subprocess.run(["promtool", *args], capture_output=True, text=True, timeout=60,
                           cwd=RULES.parent)
        assert r.returncode == 0, r.stdout + r.stderr
    assert "SUCCESS" in r.stdout


def test_shipped_envoy_configs_tag_every_label():
    src = (ROOT / "crates/core/src/metrics.rs").read_text()
    block = src[src.index("pub const LABELS"):]
    labels = re.findall(r'"(\w+)"', block[:block.index("];")])
    want = [{"tag_name": l, "regex": f"({l}=\\.=(.*?);\\.;)"} for l in labels]
    for name in ("gateway.yaml", "demo.yaml", "bench.yaml"):
        cfg = yaml.safe_load((ROOT / "envoy" / name).read_text())
        assert cfg["stats_config"]["stats_tags"] == want, name
    # Istio: the gateway's proxy config asks for the same tags.
    docs = yaml.safe_load_all((ROOT / "k8s/base/gateway-deployment.yaml").read_text())
    dep = next(d for d in docs if d and d["kind"] == "Deployment")
    proxy = yaml.safe_load(dep["spec"]["template"]["metadata"]["annotations"]["proxy.istio.io/config"])
    assert proxy["extraStatTags"] == labels
    assert proxy["proxyStatsMatcher"] == {"inclusionPrefixes": ["wasmcustom."]}
