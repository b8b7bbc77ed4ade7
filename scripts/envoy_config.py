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
