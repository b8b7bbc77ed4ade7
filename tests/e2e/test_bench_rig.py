"""The cost-curve rig's own parts (tests/bench/curves.py, `make bench-curves`):
the per-unit slopes it reports, and the gateway configurations of each
config curve's largest point, which the real Envoy with the built module must
accept and serve (a config bound lowered later would otherwise surface only
in a long benchmark run)."""
import sys
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import curves  # noqa: E402


def test_slopes_are_the_added_cost_per_unit():
    pts = [(1, {"g": {"cpu_us": 10.0}}), (11, {"g": {"cpu_us": 30.0}}),
           (111, {"g": {"cpu_us": 130.0}, "b": {"cpu_us": 1.0}})]
    assert curves.slopes(pts, "g") == [2.0, 1.0]
    assert curves.slopes(pts, "b") == []


def test_prompt_has_the_asked_size():
    for n in (1024, 100_000):
        assert len(curves.prompt(n)["messages"][0]["content"]) == n


@pytest.mark.parametrize("curve,change,headers", [
    ("rules", curves.limit_rules, {"x-user": "u1"}),
    ("detectors", curves.custom_detectors, {}),
    ("tenants", curves.tenants, None),
    ("cache", curves.l1_cache, {}),
])
def test_largest_point_config_serves(start_gateway, mock, curve, change, headers):
    x = curves.CURVES[curve][1][-1]
    base = curves.envoy_config.load(curves.ROOT / "envoy/bench.yaml")
    plugin = curves.envoy_config.plugin_config(base, "gateway")
    change(plugin, x)
    gw = start_gateway(plugin=plugin)
    if headers is None:  # the last of the x tokens
        headers = {"x-aigw-authorization": f"Bearer {curves.token(x - 1)}"}
    r = requests.post(gw.url + curves.PATH, json=curves.bench.CHAT, timeout=10,
                      headers={**headers, "x-mock-reply": "Noted."})
    assert r.status_code == 200, r.text
    assert r.json()["choices"][0]["message"]["content"] == "Noted."
