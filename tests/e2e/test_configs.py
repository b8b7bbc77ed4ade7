"""Every shipped Envoy config validates; a bad plugin config is refused with
a log line naming the offending field."""
import subprocess

import pytest

from harness import ENVOY, ROOT, demo_plugin, envoy_config

SHIPPED = sorted((ROOT / "envoy").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_config_validates(path):
    r = subprocess.run([ENVOY, "--mode", "validate", "-c", str(path), "--disable-hot-restart"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "OK" in r.stdout + r.stderr


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_config_sets_failure_policy(path):
    text = path.read_text()
    wasm_filters = text.count("envoy.filters.http.wasm")
    assert text.count("failure_policy:") == wasm_filters


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_configs_reload_a_failed_vm(path):
    """The gateway's filter fails closed and comes back (FAIL_RELOAD with a
    backoff); the bench's no-op baseline filter may differ."""
    found = [c for c in envoy_config.wasm_filters(envoy_config.load(path)) if c["name"] == "aigw"]
    assert found
    for c in found:
        assert c["failure_policy"] == "FAIL_RELOAD"
        assert c["reload_config"]["backoff"]["base_interval"]


def bad(**change):
    doc = demo_plugin()
    doc.update(change)
    return doc


BAD_CONFIGS = [
    (bad(providers={"openai": {"kind": "openai", "colour": "blue"}}), "providers.openai.colour"),
    (bad(providers={"openai": {"kind": "palm"}}), "providers.openai.kind"),
    (bad(providers={"x": {"kind": "openai_compatible"}}), "providers.x.base_url"),
    (bad(version=7), "version"),
    (bad(request={"max_body_bytes": 0}), "request.max_body_bytes"),
    (bad(auth={"tokens": [{"name": "a", "sha256": "abc"}]}), "auth.tokens[0].sha256"),
    (bad(surprise=True), "surprise"),
    (bad(memory={"max_held_bytes": 1024}), "memory.max_held_bytes"),
    (bad(providers={"openai": {"kind": "openai", "retry": {"max_attempts": 3, "client_max_attempts": 2}}}),
     "providers.openai.retry.client_max_attempts"),
    (bad(providers={"openai": {"kind": "openai", "client_max_timeout_ms": 0}}),
     "providers.openai.client_max_timeout_ms"),
    ("{not json", ""),
    ("", ""),
]


@pytest.mark.parametrize("doc,field", BAD_CONFIGS, ids=[f or "syntax" for _, f in BAD_CONFIGS])
def test_bad_config_is_refused_naming_the_field(start_gateway, doc, field):
    g = start_gateway(plugin=doc, expect_start=False)
    code = g.wait_exit()
    assert code not in (None, 0), "Envoy started with a bad plugin config"
    log = g.log_text()
    assert "invalid config: " + field in log, log[-3000:]
