"""Reads the shipped Envoy configs (envoy/*.yaml) and adapts them for a run:
ports, the module path, the plugin configuration, the access log file.

Used by scripts/run.py (`make run`), the end-to-end tests and the benchmark,
so all of them exercise the configs that ship.
"""
import copy
import json

import yaml

WASM_FILTER = "envoy.filters.http.wasm"


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def dump(cfg, path):
    with open(path, "w") as f:
        yaml.safe_dump(cfg, f, sort_keys=False)


def listeners(cfg):
    return cfg["static_resources"]["listeners"]


def listener(cfg, name):
    for lst in listeners(cfg):
        if lst["name"] == name:
            return lst
    raise KeyError(f"no listener {name!r}")


def set_listener_port(cfg, name, port):
    listener(cfg, name)["address"]["socket_address"]["port_value"] = int(port)


def set_admin_port(cfg, port):
    cfg["admin"]["address"]["socket_address"]["port_value"] = int(port)


def set_cluster_endpoint(cfg, cluster, host, port):
    for c in cfg["static_resources"]["clusters"]:
        if c["name"] == cluster:
            for group in c["load_assignment"]["endpoints"]:
                for ep in group["lb_endpoints"]:
                    sa = ep["endpoint"]["address"]["socket_address"]
                    sa["address"], sa["port_value"] = host, int(port)
            return
    raise KeyError(f"no cluster {cluster!r}")


def hcm(lst):
    for chain in lst["filter_chains"]:
        for f in chain["filters"]:
            if f["name"] == "envoy.filters.network.http_connection_manager":
                return f["typed_config"]
    raise KeyError("no http_connection_manager")


def wasm_filters(cfg):
    for lst in listeners(cfg):
        for f in hcm(lst).get("http_filters", []):
            if f["name"] == WASM_FILTER:
                yield f["typed_config"]["config"]


def set_wasm_path(cfg, path, module="aigw.wasm"):
    """Points the filters that load `module` (by file name) at `path`."""
    for c in wasm_filters(cfg):
        local = c["vm_config"]["code"]["local"]
        if local["filename"].rsplit("/", 1)[-1] == module:
            local["filename"] = str(path)


def plugin_config(cfg, listener_name=None):
    """The plugin configuration of the (first) wasm filter, as a dict."""
    for lst in listeners(cfg):
        if listener_name and lst["name"] != listener_name:
            continue
        for f in hcm(lst).get("http_filters", []):
            if f["name"] == WASM_FILTER:
                return json.loads(f["typed_config"]["config"]["configuration"]["value"])
    raise KeyError("no wasm filter")


def set_plugin_config(cfg, value, listener_name=None):
    """Sets the plugin configuration (a dict, or a raw string to test bad ones)."""
    text = value if isinstance(value, str) else json.dumps(value, indent=1)
    for lst in listeners(cfg):
        if listener_name and lst["name"] != listener_name:
            continue
        for f in hcm(lst).get("http_filters", []):
            if f["name"] == WASM_FILTER:
                f["typed_config"]["config"]["configuration"]["value"] = text


def set_failure_policy(cfg, policy):
    for c in wasm_filters(cfg):
        c["failure_policy"] = policy


def set_access_log_file(cfg, path):
    """Sends every listener's access log to a file, keeping its format."""
    for lst in listeners(cfg):
        for log in hcm(lst).get("access_log", []):
            fmt = copy.deepcopy(log["typed_config"].get("log_format"))
            log["name"] = "envoy.access_loggers.file"
            log["typed_config"] = {
                "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
                "path": str(path),
            }
            if fmt:
                log["typed_config"]["log_format"] = fmt


# The access-log filter for `logs.client_opt_out` (docs/logs.md): an opted-out
# request leaves an empty record, and no line is written for it. Not in the
# shipped configs, where the option is off: a CEL filter costs every request.
OPT_OUT_FILTER = {"extension_filter": {
    "name": "envoy.access_loggers.extension_filters.cel",
    "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.access_loggers.filters.cel.v3.ExpressionFilter",
        "expression": "!('wasm.aigw_log' in filter_state) || filter_state['wasm.aigw_log'] != b''",
    }}}


def add_opt_out_filter(cfg):
    """Leaves out the lines of requests whose client opted out of their record."""
    for lst in listeners(cfg):
        for log in hcm(lst).get("access_log", []):
            log["filter"] = copy.deepcopy(OPT_OUT_FILTER)


def add_cluster(cfg, name, host, port, connect_timeout="1s"):
    """Adds (or replaces) a plain-HTTP static cluster."""
    clusters = cfg["static_resources"]["clusters"]
    clusters[:] = [c for c in clusters if c["name"] != name]
    clusters.append({
        "name": name,
        "type": "STATIC",
        "connect_timeout": connect_timeout,
        "load_assignment": {"cluster_name": name, "endpoints": [{"lb_endpoints": [
            {"endpoint": {"address": {"socket_address": {"address": host, "port_value": int(port)}}}}]}]},
    })


# OpenTelemetry (docs/otel.md). The filter hands each attribute to Envoy as
# filter state `wasm.aigw_otel.<name>` when the plugin config has
# `otel.attributes` (crates/core/src/otel.rs; tests/e2e/test_otel.py checks
# that the two lists agree); Envoy's OpenTelemetry access logger and tracer
# export them over OTLP/HTTP.
OTEL_ATTRIBUTES = [
    "gen_ai.provider.name", "gen_ai.operation.name", "gen_ai.request.model",
    "gen_ai.response.model", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
    "error.type", "aigw.provider", "aigw.cost_usd", "aigw.cache_status", "aigw.tenant",
    "aigw.route", "aigw.route_rule", "aigw.log_id", "aigw.dlp_actions",
]
# Older collectors and backends key on `gen_ai.system`: the same value.
OTEL_ALIASES = {"gen_ai.system": "gen_ai.provider.name"}
# What a trace span carries (the rest is in the log record).
OTEL_SPAN_ATTRIBUTES = [
    "gen_ai.provider.name", "gen_ai.operation.name", "gen_ai.request.model",
    "gen_ai.response.model", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
    "error.type", "aigw.cost_usd", "aigw.cache_status", "aigw.tenant", "aigw.log_id",
]
OTEL_CLUSTER = "otel_collector"


def otel_value(name):
    return f"%FILTER_STATE(wasm.aigw_otel.{OTEL_ALIASES.get(name, name)}:PLAIN)%"


# `cf-aig-otel-trace-id` and `cf-aig-otel-parent-span-id` (Cloudflare's) become
# a W3C `traceparent` before Envoy's tracer reads it, when the client sent
# none and both are valid lowercase hex (32 and 16 digits, not all zero);
# otherwise nothing is added (a bad traceparent would make Envoy drop the
# trace). Envoy's CEL has no string concatenation: each piece is its own
# expression, all empty unless the pair is valid, and an empty header value
# is not added.
_CF_TRACE = "request.headers['cf-aig-otel-trace-id']"
_CF_PARENT = "request.headers['cf-aig-otel-parent-span-id']"
_CF_VALID = (
    "'cf-aig-otel-trace-id' in request.headers && 'cf-aig-otel-parent-span-id' in request.headers"
    f" && {_CF_TRACE}.matches('^[0-9a-f]{{32}}$') && !{_CF_TRACE}.matches('^0+$')"
    f" && {_CF_PARENT}.matches('^[0-9a-f]{{16}}$') && !{_CF_PARENT}.matches('^0+$')")
CF_TRACEPARENT = "".join(
    f"%CEL(({_CF_VALID}) ? {piece} : '')%"
    for piece in ("'00-'", _CF_TRACE, "'-'", _CF_PARENT, "'-01'"))


def add_otel(cfg, host="127.0.0.1", port=4318, listener_name="gateway", flush="1s"):
    """Exports the gateway listener's requests to an OTLP/HTTP receiver at
    host:port: one log record per request (Envoy's OpenTelemetry access
    logger, the JSON record as body and the attributes) and a trace span
    (Envoy's OpenTelemetry tracer, the span attributes as custom tags), and
    turns Cloudflare's trace headers into `traceparent`. Sets
    `otel.attributes` in the filter's configuration."""
    add_cluster(cfg, OTEL_CLUSTER, host, port)
    base = f"http://{host}:{port}"
    h = hcm(listener(cfg, listener_name))
    names = OTEL_ATTRIBUTES + list(OTEL_ALIASES)
    h.setdefault("access_log", []).append({
        "name": "envoy.access_loggers.open_telemetry",
        "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.access_loggers.open_telemetry.v3.OpenTelemetryAccessLogConfig",
            "http_service": {"http_uri": {"uri": f"{base}/v1/logs", "cluster": OTEL_CLUSTER,
                                          "timeout": "2s"}},
            "log_name": "aigw",
            "buffer_flush_interval": flush,
            "body": {"string_value": "%FILTER_STATE(wasm.aigw_log:PLAIN)%"},
            "attributes": {"values": [
                {"key": n, "value": {"string_value": otel_value(n)}} for n in names]},
        }})
    h["tracing"] = {
        "provider": {"name": "envoy.tracers.opentelemetry", "typed_config": {
            "@type": "type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig",
            "http_service": {"http_uri": {"uri": f"{base}/v1/traces", "cluster": OTEL_CLUSTER,
                                          "timeout": "2s"}},
            "service_name": "aigw"}},
        "custom_tags": [{"tag": n, "value": otel_value(n)} for n in OTEL_SPAN_ATTRIBUTES],
    }
    h["early_header_mutation_extensions"] = [{
        "name": "envoy.http.early_header_mutation.header_mutation",
        "typed_config": {
            "@type": "type.googleapis.com/envoy.extensions.http.early_header_mutation.header_mutation.v3.HeaderMutation",
            "mutations": [{"append": {"header": {"key": "traceparent", "value": CF_TRACEPARENT},
                                      "append_action": "ADD_IF_ABSENT"}}]}}]
    plugin = plugin_config(cfg, listener_name)
    plugin["otel"] = {"attributes": True}
    set_plugin_config(cfg, plugin, listener_name)


OTEL_HEADER = """\
# Generated by `python3 scripts/envoy_config.py otel` from envoy/gateway.yaml:
# do not edit by hand (tests/e2e/test_otel.py checks it is current).
#
# envoy/gateway.yaml plus OpenTelemetry export (docs/otel.md) to an OTLP/HTTP
# receiver (an OpenTelemetry Collector) on 127.0.0.1:4318: one log record per
# request with the GenAI attributes, a trace span per request, and
# cf-aig-otel-trace-id / cf-aig-otel-parent-span-id turned into traceparent.
"""


def otel_config(root):
    cfg = load(f"{root}/envoy/gateway.yaml")
    add_otel(cfg)
    return OTEL_HEADER + yaml.safe_dump(cfg, sort_keys=False, width=100)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    if sys.argv[1:] != ["otel"]:
        sys.exit("usage: envoy_config.py otel   (writes envoy/otel.yaml)")
    (root / "envoy/otel.yaml").write_text(otel_config(root))
