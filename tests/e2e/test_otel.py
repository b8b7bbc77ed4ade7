"""OpenTelemetry end to end: the real Envoy exports over OTLP/HTTP (its
OpenTelemetry access logger and tracer, configured by
scripts/envoy_config.py `add_otel`, as in envoy/otel.yaml) to a receiver on
loopback that decodes what arrives with the official protobuf definitions
(PyPI `opentelemetry-proto`). Asserted: one log record per request whose
GenAI attributes equal what the mock reported (model, tokens) and whose cost
is tokens times the default price table; a span per request with the same
attributes, in the trace named by `cf-aig-otel-trace-id` (and propagated
upstream as `traceparent`); bad trace ids ignored; nothing written when the
config does not ask for it."""
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

from harness import ROOT, Gateway, demo_plugin, wait_for

sys.path.insert(0, str(ROOT / "scripts"))
import envoy_config  # noqa: E402

# Default table (crates/limits/src/default_prices.rs), USD per million tokens.
PRICES = {"gpt-4o-mini": (0.15, 0.6), "gpt-4.1-mini": (0.4, 1.6), "claude-haiku-4-5": (1.0, 5.0)}
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"


class OtlpReceiver:
    """An OTLP/HTTP receiver (binary protobuf) on loopback that keeps what
    it was sent: logs at /v1/logs, traces at /v1/traces."""

    def __init__(self):
        self.logs = []    # ExportLogsServiceRequest
        self.traces = []  # ExportTraceServiceRequest
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self._body()
                if self.path == "/v1/logs":
                    msg = logs_service_pb2.ExportLogsServiceRequest.FromString(body)
                    answer = logs_service_pb2.ExportLogsServiceResponse()
                    kept = receiver.logs
                elif self.path == "/v1/traces":
                    msg = trace_service_pb2.ExportTraceServiceRequest.FromString(body)
                    answer = trace_service_pb2.ExportTraceServiceResponse()
                    kept = receiver.traces
                else:
                    self.send_error(404)
                    return
                with receiver.lock:
                    kept.append(msg)
                out = answer.SerializeToString()
                self.send_response(200)
                self.send_header("content-type", "application/x-protobuf")
                self.send_header("content-length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def _body(self):
                # Envoy's exporter sends its requests chunked.
                if self.headers.get("transfer-encoding", "").lower() != "chunked":
                    return self.rfile.read(int(self.headers.get("content-length", 0)))
                body = b""
                for _ in range(100_000):
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        self.rfile.readline()
                        break
                    body += self.rfile.read(size)
                    self.rfile.readline()
                return body

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def log_records(self):
        with self.lock:
            return [r for m in self.logs for rl in m.resource_logs for sl in rl.scope_logs
                    for r in sl.log_records]

    def spans(self):
        with self.lock:
            return [s for m in self.traces for rs in m.resource_spans for ss in rs.scope_spans
                    for s in ss.spans]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def attrs(item):
    """A log record's or span's attributes as {key: string value}."""
    return {kv.key: kv.value.string_value for kv in item.attributes}


def exporting(receiver, plugin_otel=True):
    """add_otel with fast flushes; `plugin_otel=False` leaves the filter's
    `otel.attributes` off (Envoy still exports)."""
    def edit(cfg):
        envoy_config.add_otel(cfg, port=receiver.port, flush="0.1s")
        if not plugin_otel:
            plugin = envoy_config.plugin_config(cfg, "gateway")
            del plugin["otel"]
            envoy_config.set_plugin_config(cfg, plugin, "gateway")
        # The tracer batches spans (5 s, 5 spans by default).
        cfg["layered_runtime"] = {"layers": [{"name": "static", "static_layer": {
            "tracing.opentelemetry.flush_interval_ms": 100,
            "tracing.opentelemetry.min_flush_spans": 1}}]}
    return edit


@pytest.fixture(scope="module")
def receiver():
    r = OtlpReceiver()
    yield r
    r.stop()


@pytest.fixture(scope="module")
def otel_gateway(workdir, mock, receiver):
    g = Gateway(workdir, mock.port, plugin=demo_plugin(), edit=exporting(receiver))
    yield g
    g.stop()


def chat(g, model, text, path="/openai/v1/chat/completions", headers=None):
    body = {"model": model, "max_tokens": 16, "messages": [{"role": "user", "content": text}]}
    r = requests.post(g.url + path, json=body, headers=headers or {}, timeout=20)
    assert r.status_code == 200, r.text
    return r


def usage(r):
    u = r.json()["usage"]
    return (u.get("prompt_tokens", u.get("input_tokens")),
            u.get("completion_tokens", u.get("output_tokens")))


def records_for(receiver, log_ids, seconds=10):
    """The exported log records of these requests, once each has arrived."""
    def find():
        got = {}
        for rec in receiver.log_records():
            a = attrs(rec)
            if a.get("aigw.log_id") in log_ids:
                got.setdefault(a["aigw.log_id"], []).append(rec)
        return got if len(got) == len(log_ids) else None
    return wait_for(find, seconds=seconds, what=f"{len(log_ids)} OTLP log record(s)")


def span_for(receiver, log_id, seconds=10):
    def find():
        found = [s for s in receiver.spans() if attrs(s).get("aigw.log_id") == log_id]
        return found[0] if found else None
    return wait_for(find, seconds=seconds, what=f"the span of {log_id}")


def test_one_log_record_per_request_with_genai_attributes(otel_gateway, receiver):
    sent = []
    for model, path, text in [
        ("gpt-4o-mini", "/openai/v1/chat/completions", "first question, rather short"),
        ("gpt-4.1-mini", "/openai/v1/chat/completions", "a second question " * 5),
        ("claude-haiku-4-5", "/anthropic/v1/messages", "and one for anthropic"),
    ]:
        r = chat(otel_gateway, model, text, path)
        sent.append((r.headers["x-aigw-log-id"], model, path, usage(r)))
    got = records_for(receiver, {s[0] for s in sent})
    time.sleep(0.5)  # a duplicate would arrive with the next flush
    got = records_for(receiver, {s[0] for s in sent})
    for log_id, model, path, (tokens_in, tokens_out) in sent:
        assert len(got[log_id]) == 1, f"one record per request: {got[log_id]}"
        rec = got[log_id][0]
        a = attrs(rec)
        assert a["gen_ai.request.model"] == model
        assert a["gen_ai.response.model"] == model
        assert a["gen_ai.operation.name"] == "chat"
        provider = path.split("/")[1]
        assert a["gen_ai.provider.name"] == provider == a["gen_ai.system"] == a["aigw.provider"]
        assert (int(a["gen_ai.usage.input_tokens"]), int(a["gen_ai.usage.output_tokens"])) \
            == (tokens_in, tokens_out) and tokens_in > 0 and tokens_out > 0
        price_in, price_out = PRICES[model]
        expected = (tokens_in * price_in + tokens_out * price_out) / 1e6
        assert float(a["aigw.cost_usd"]) == pytest.approx(expected, rel=1e-9)
        assert a["aigw.route"] == "provider"
        # Not in this request: Envoy writes its placeholder.
        assert a["aigw.cache_status"] == a["error.type"] == a["aigw.dlp_actions"] == "-"
        # The body is the request's JSON log record.
        body = json.loads(rec.body.string_value)
        assert body["request_id"] == log_id and body["model"] == model
        assert body["input_tokens"] == tokens_in
        assert body["cost_usd"] == pytest.approx(expected, rel=1e-9)


def test_policy_actions_and_errors_are_attributes(start_gateway, receiver):
    plugin = demo_plugin()
    plugin["policies"] = {"pii": {"request": {"email": "redact"}, "response": {}}}
    plugin["policy"] = "pii"
    g = start_gateway(plugin=plugin, edit=exporting(receiver))
    r = chat(g, "gpt-4o-mini", "mail jane.doe@example.com please")
    bad = requests.post(g.url + "/openai/v1/chat/completions", data=b"{not json",
                        headers={"content-type": "application/json"}, timeout=10)
    assert bad.status_code == 400
    got = records_for(receiver, {r.headers["x-aigw-log-id"], bad.headers["x-aigw-log-id"]})
    dlp = json.loads(attrs(got[r.headers["x-aigw-log-id"]][0])["aigw.dlp_actions"])
    assert {"direction": "request", "detector": "email", "action": "redact", "count": 1} in dlp
    err = attrs(got[bad.headers["x-aigw-log-id"]][0])
    assert err["error.type"] == json.loads(bad.text)["error"]["code"]


def test_span_joins_the_cloudflare_trace_and_carries_model_tokens_cost(otel_gateway, receiver,
                                                                      mock):
    mark = mock.mark()
    r = chat(otel_gateway, "gpt-4o-mini", "trace me",
             headers={"cf-aig-otel-trace-id": TRACE_ID, "cf-aig-otel-parent-span-id": PARENT_ID})
    log_id = r.headers["x-aigw-log-id"]
    span = span_for(receiver, log_id)
    assert span.trace_id.hex() == TRACE_ID
    assert span.parent_span_id.hex() == PARENT_ID
    a = attrs(span)
    tokens_in, tokens_out = usage(r)
    assert a["gen_ai.request.model"] == "gpt-4o-mini"
    assert (int(a["gen_ai.usage.input_tokens"]), int(a["gen_ai.usage.output_tokens"])) \
        == (tokens_in, tokens_out)
    expected = (tokens_in * 0.15 + tokens_out * 0.6) / 1e6
    assert float(a["aigw.cost_usd"]) == pytest.approx(expected, rel=1e-9)
    # The log record is in the same trace.
    rec = records_for(receiver, {log_id})[log_id][0]
    assert rec.trace_id.hex() == TRACE_ID
    # Upstream, the provider sees the trace as W3C context, and not the
    # gateway's own headers.
    seen = mock.received_since(mark, count=1)[0]["headers"]
    assert seen["traceparent"].startswith(f"00-{TRACE_ID}-")
    assert not any(k.startswith("cf-aig-otel") for k in seen)


@pytest.mark.parametrize("trace_id,parent_id", [
    ("4BF92F3577B34DA6A3CE929D0E0E4736", PARENT_ID),  # W3C hex is lowercase
    ("00000000000000000000000000000000", PARENT_ID),  # the invalid all-zero id
    ("4bf92f3577b34da6a3ce929d0e0e47", PARENT_ID),    # too short
    (TRACE_ID, "not-hex-at-all!!"),
    (TRACE_ID, None),                                 # the pair is required
])
def test_bad_trace_headers_are_ignored(otel_gateway, receiver, trace_id, parent_id):
    headers = {"cf-aig-otel-trace-id": trace_id}
    if parent_id:
        headers["cf-aig-otel-parent-span-id"] = parent_id
    r = chat(otel_gateway, "gpt-4o-mini", "bad trace headers", headers=headers)
    span = span_for(receiver, r.headers["x-aigw-log-id"])
    # A trace of its own, not a broken one.
    assert span.trace_id.hex() not in (trace_id.lower(), "0" * 32)
    assert len(span.trace_id) == 16 and not span.parent_span_id


def test_a_clients_traceparent_wins(otel_gateway, receiver):
    own = "0af7651916cd43dd8448eb211c80319c"
    r = chat(otel_gateway, "gpt-4o-mini", "my own trace", headers={
        "traceparent": f"00-{own}-b7ad6b7169203331-01",
        "cf-aig-otel-trace-id": TRACE_ID, "cf-aig-otel-parent-span-id": PARENT_ID})
    span = span_for(receiver, r.headers["x-aigw-log-id"])
    assert span.trace_id.hex() == own


def test_nothing_is_written_unless_the_config_asks(start_gateway, receiver):
    g = start_gateway(plugin=demo_plugin(), edit=exporting(receiver, plugin_otel=False))
    r = chat(g, "gpt-4o-mini", "no attributes please")
    request_id = r.headers["x-aigw-log-id"]

    def mine():
        for rec in receiver.log_records():
            if json.loads(rec.body.string_value or "{}").get("request_id") == request_id:
                return rec
        return None
    rec = wait_for(mine, what="the record of a request without otel.attributes")
    a = attrs(rec)
    assert all(a[n] == "-" for n in envoy_config.OTEL_ATTRIBUTES), a


def test_the_attribute_lists_agree_and_the_shipped_config_is_current():
    src = (ROOT / "crates/core/src/otel.rs").read_text()
    block = src[src.index("attributes! {"):]
    block = block[:block.index("\n}")]
    assert re.findall(r'=> "([^"]+)"', block) == envoy_config.OTEL_ATTRIBUTES
    assert set(envoy_config.OTEL_SPAN_ATTRIBUTES) <= set(envoy_config.OTEL_ATTRIBUTES)
    # (test_configs.py validates it with Envoy, as every shipped config.)
    assert (ROOT / "envoy/otel.yaml").read_text() == envoy_config.otel_config(ROOT), \
        "envoy/otel.yaml is stale: run `python3 scripts/envoy_config.py otel`"


def test_the_istio_snippets_are_valid():
    from test_k8s import istio_errors
    import yaml
    docs = (ROOT / "docs/otel.md").read_text()
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", docs, re.S)]
    mesh = blocks[0]["meshConfig"]
    labels = mesh["extensionProviders"][0]["envoyOtelAls"]["logFormat"]["labels"]
    assert labels and all(v == envoy_config.otel_value(k) for k, v in labels.items())
    assert set(labels) <= set(envoy_config.OTEL_ATTRIBUTES)
    objs = [b for b in blocks if "apiVersion" in b]
    telemetry = next(o for o in objs if o["kind"] == "Telemetry")
    tags = telemetry["spec"]["tracing"][0]["customTags"]
    assert all(t["formatter"]["value"] == envoy_config.otel_value(k) for k, t in tags.items())
    envoy_filter = next(o for o in objs if o["kind"] == "EnvoyFilter")
    hcm = envoy_filter["spec"]["configPatches"][0]["patch"]["value"]["typed_config"]
    mutation = hcm["early_header_mutation_extensions"][0]["typed_config"]["mutations"][0]
    assert mutation["append"]["header"]["value"] == envoy_config.CF_TRACEPARENT
    # (The models have no schema for meshConfig: its snippet is checked
    # against the attribute list above only.)
    assert istio_errors(objs) == []
