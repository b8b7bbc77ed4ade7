"""k8s/: the manifests against Istio's and Kubernetes' schemas, the module's
OCI image through a real registry, and the gateway loaded the way Istio
delivers it for these manifests (see istio_delivery.py)."""
import json
import re
import subprocess
import time
import uuid
from pathlib import Path

import kubernetes_validate
import oras.client
import pytest
import requests
import yaml

import istio_delivery as istio
from harness import ENVOY, GATEWAY_KEYS, ROOT, WASM, Gateway

VALIDATOR = ROOT / "tests/k8s/validate-istio.mjs"
KUBERNETES_VERSION = "1.34.0"
TOKENS = {"AIGW_TOKEN_TEAM_A": "tok-team-a", "AIGW_TOKEN_TEAM_B": "tok-team-b"}
TEAM_A = {"x-aigw-authorization": "Bearer tok-team-a"}
CHAT = "/openai/v1/chat/completions"


# ------------------------------------------------------------- validation

def istio_errors(objs):
    """@kubernetes-models/istio's validate(), and no unknown field."""
    if not (VALIDATOR.parent / "node_modules/@kubernetes-models/istio").is_dir():
        raise RuntimeError("tests/k8s/node_modules is missing: run scripts/setup.sh k8s")
    out = subprocess.run(["node", str(VALIDATOR)], input=json.dumps(objs), capture_output=True,
                         text=True, timeout=60, cwd=VALIDATOR.parent)
    if out.returncode not in (0, 1):
        raise RuntimeError(out.stderr)
    return [f"{r['name']}: {e}" for r in json.loads(out.stdout) for e in r["errors"]]


def core_errors(objs):
    """kubernetes-validate, strict (unknown fields fail), for core kinds."""
    errors = []
    for o in objs:
        if o["apiVersion"].split("/")[0].endswith(".istio.io"):
            continue
        try:
            kubernetes_validate.validate(o, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as e:
            errors.append(f"{o['kind']}/{o['metadata']['name']}: {e.path}: {e.message}")
    return errors


def envoy_errors(objs, workdir):
    """The EnvoyFilter's Envoy parts are free-form to Istio: Envoy checks
    them (types, unknown fields) in --mode validate, the filter configured
    inline. Every sha256 must be a string of 64 hex digits: an unquoted
    all-digit one is a YAML number, which Istio turns into a float and
    istio-agent then never matches."""
    errors = []
    [ef] = istio.find(objs, "EnvoyFilter", "aigw")
    [ext] = istio.patches(ef, "EXTENSION_CONFIG")

    def sha_fields(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "sha256" and not (isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v)):
                    errors.append(f"EnvoyFilter/aigw: {path}.sha256: {v!r} is not a quoted "
                                  "64-hex-digit string")
                sha_fields(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                sha_fields(v, f"{path}[{i}]")
    sha_fields(ef["spec"], "spec")
    value = ext["patch"]["value"]
    router = {"name": "envoy.filters.http.router", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}
    [listener_patch] = istio.patches(ef, "LISTENER")
    boot = {"static_resources": {
        "listeners": [{"name": "check", "address": {"socket_address": {
            "address": "127.0.0.1", "port_value": 1}}, **listener_patch["patch"]["value"],
            "filter_chains": [{"filters": [{"name": istio.HCM, "typed_config": {
                "@type": "type.googleapis.com/envoy.extensions.filters.network."
                         "http_connection_manager.v3.HttpConnectionManager",
                "stat_prefix": "check", "route_config": {"name": "r"},
                "http_filters": [{"name": value["name"], "typed_config": value["typed_config"]},
                                 router]}}]}]}],
        # The remote code's cluster ("_", never used: istio-agent fetches).
        "clusters": [{"name": "_", "type": "STATIC", "connect_timeout": "1s"}]}}
    path = Path(workdir) / f"envoy-check-{uuid.uuid4().hex}.yaml"
    path.write_text(yaml.safe_dump(boot))
    out = subprocess.run([ENVOY, "--mode", "validate", "-c", str(path), "--log-level", "error"],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        errors.append(f"EnvoyFilter/aigw (Envoy): {out.stdout[-600:]}{out.stderr[-600:]}")
    return errors


def all_errors(objs, workdir):
    return istio_errors(objs) + core_errors(objs) + envoy_errors(objs, workdir)


@pytest.mark.parametrize("overlay", ["ingress", "egress"])
def test_manifests_validate_against_istio_and_kubernetes_schemas(workdir, overlay):
    objs, env, _ = istio.render(workdir, overlay)
    kinds = {o["kind"] for o in objs}
    assert {"EnvoyFilter", "ServiceEntry", "DestinationRule", "Gateway", "VirtualService",
            "Deployment", "Service"} <= kinds, kinds
    assert ("NetworkPolicy" in kinds) == (overlay == "ingress")  # Redis/Webdis: ingress only
    # Everything in the gateway's namespace (components included).
    assert {o["metadata"].get("namespace") for o in objs if o["kind"] != "Namespace"} == {"aigw"}
    # The image env is local to kustomize: no ConfigMap of it is applied.
    assert not [o for o in objs if o["metadata"]["name"] == "aigw-image"]
    assert all_errors(objs, workdir) == []
    [ef] = istio.find(objs, "EnvoyFilter", "aigw")
    cfg = istio.patches(ef, "EXTENSION_CONFIG")[0]["patch"]["value"]["typed_config"]["config"]
    assert cfg["allow_on_headers_stop_iteration"] is True
    assert cfg["failure_policy"] == "FAIL_RELOAD"
    assert cfg["vm_config"]["code"]["remote"]["http_uri"]["uri"] == env["AIGW_IMAGE_URI"]
    assert cfg["vm_config"]["code"]["remote"]["sha256"] == env["AIGW_IMAGE_SHA256"]
    # No secret in a manifest: keys and tokens are environment variables.
    plugin = json.loads(cfg["configuration"]["value"])
    assert plugin["envoy"] == {"cluster_header": None}
    names = set(cfg["vm_config"]["environment_variables"]["host_env_keys"])
    for p in plugin["providers"].values():
        assert p["api_key"].keys() == {"env"} and p["api_key"]["env"] in names
        host = p["cluster"].rsplit("|", 1)[1]
        assert p["cluster"] == f"outbound|443||{host}"
    assert {t["env"] for t in plugin["auth"]["tokens"]} <= names
    [deploy] = istio.find(objs, "Deployment", "aigw-gateway")
    [proxy] = deploy["spec"]["template"]["spec"]["containers"]
    assert proxy["envFrom"] == [{"secretRef": {"name": "aigw-keys"}}]
    assert "Secret" not in kinds


def test_the_redis_component_changes_only_the_shared_layers(workdir):
    """The component's plugin config is the base's plus the L2 cache and the
    global per-user limit (two copies of one config must not drift)."""
    def plugin(overlay):
        objs, _, _ = istio.render(workdir, overlay)
        [ef] = istio.find(objs, "EnvoyFilter", "aigw")
        value = istio.patches(ef, "EXTENSION_CONFIG")[0]["patch"]["value"]
        return json.loads(value["typed_config"]["config"]["configuration"]["value"])
    base, shared = plugin("egress"), plugin("ingress")
    webdis = "outbound|7379||webdis.aigw.svc.cluster.local"
    assert shared["cache"].pop("l2") == {"cluster": webdis, "timeout_ms": 100}
    assert shared["limits"].pop("global")["cluster"] == webdis
    assert shared["limits"]["rules"][1].pop("scope") == "global"
    assert shared == base


def edit_file(path, old, new):
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("where,old,new,expect", [
    ("base/envoyfilter.yaml", "  workloadSelector:", "  workloadSelectr:",
     "/spec/workloadSelectr: unknown field"),
    ("base/providers.yaml", "        mode: SIMPLE\n        sni: api.openai.com",
     "        mdoe: SIMPLE\n        sni: api.openai.com", "tls/mdoe: unknown field"),
    ("base/routes.yaml", "  - name: gateway\n    match:", "  - nmae: gateway\n    match:",
     "unknown field \"nmae\""),
    ("base/envoyfilter.yaml", "    operation: ADD", "    operation: APPEND_IT", "operation"),
    ("base/gateway-deployment.yaml", "  replicas: 2", "  replica: 2", "Deployment/aigw-gateway"),
    ("base/envoyfilter.yaml", "            failure_policy: FAIL_RELOAD",
     "            failure_polcy: FAIL_RELOAD", "'failure_polcy') has unknown fields"),
])
def test_a_wrong_field_fails(workdir, where, old, new, expect):
    objs, _, _ = istio.render(workdir, "egress", edit=lambda k8s: edit_file(k8s / where, old, new))
    errors = all_errors(objs, workdir)
    assert any(expect in e for e in errors), errors


def test_an_unquoted_all_digit_sha256_fails(workdir):
    digits = "1234567890" * 6 + "1234"

    def hand_written(k8s):
        # A digest written into the manifest by hand, unquoted.
        edit_file(k8s / "base/envoyfilter.yaml", 'sha256: "SHA256-FROM-image.env"', f"sha256: {digits}")
        kust = k8s / "base/kustomization.yaml"
        text = kust.read_text()
        kust.write_text(text[:text.index("- source: {kind: ConfigMap, name: aigw-image, "
                                         "fieldPath: data.AIGW_IMAGE_SHA256}")])
    objs, _, _ = istio.render(workdir, "egress", edit=hand_written)
    errors = all_errors(objs, workdir)
    assert any("sha256" in e and "not a quoted 64-hex-digit string" in e for e in errors), errors

    # From image.env, kustomize keeps an all-digit digest a string.
    def digit_env(k8s):
        env = k8s / "base/image.env"
        env.write_text(re.sub(r"AIGW_IMAGE_SHA256=\w+", f"AIGW_IMAGE_SHA256={digits}", env.read_text()))
    objs, _, _ = istio.render(workdir, "egress", edit=digit_env)
    [ef] = istio.find(objs, "EnvoyFilter", "aigw")
    assert istio.patches(ef, "EXTENSION_CONFIG")[0]["patch"]["value"]["typed_config"]["config"][
        "vm_config"]["code"]["remote"]["sha256"] == digits
    assert envoy_errors(objs, workdir) == []


# ------------------------------------------------------------------ image

@pytest.fixture(scope="module")
def registry(workdir):
    r = istio.Registry(workdir)
    yield r
    r.stop()


def test_the_image_goes_through_a_registry_byte_for_byte(workdir, registry):
    objs, env, k8s = istio.render(workdir, "ingress", image=f"{registry.host}/aigw")
    tags = env["AIGW_IMAGE_TAGS"].split()
    module_sha = env["AIGW_MODULE_SHA256"]
    assert tags == [env["AIGW_IMAGE_URI"].rsplit(":", 1)[1], f"sha256-{module_sha}"]
    for tag in tags:
        registry.push(k8s / "oci", "aigw", tag)
    # Pulled back by another client (oras), for each tag.
    client = oras.client.OrasClient(hostname=registry.host, insecure=True)
    for tag in tags:
        out = Path(workdir) / f"pulled-{tag}"
        files = client.pull(target=f"{registry.host}/aigw:{tag}", outdir=str(out))
        pulled = {Path(f).name: Path(f).read_bytes() for f in files}
        assert pulled["aigw.wasm"] == WASM.read_bytes()
        assert json.loads(pulled["runtime-config.json"])["type"] == "envoy_proxy"
        manifest = client.get_manifest(f"{registry.host}/aigw:{tag}")
        assert manifest["config"]["mediaType"] == "application/vnd.module.wasm.config.v1+json"
        assert [lay["mediaType"] for lay in manifest["layers"]] == [
            "application/vnd.module.wasm.config.v1+json", istio.WASM_LAYER]
    # What istio-agent checks: the manifest digest in the EnvoyFilter.
    [ef] = istio.find(objs, "EnvoyFilter", "aigw")
    remote = istio.patches(ef, "EXTENSION_CONFIG")[0]["patch"]["value"]["typed_config"]["config"][
        "vm_config"]["code"]["remote"]
    path = istio.agent_fetch(remote["http_uri"]["uri"], remote["sha256"], Path(workdir) / "agent")
    assert path.read_bytes() == WASM.read_bytes()
    with pytest.raises(ValueError, match="does not match"):
        istio.agent_fetch(remote["http_uri"]["uri"], "0" * 64, Path(workdir) / "agent")


# ------------------------------------------------- loaded as Istio loads it

def istio_gateway(workdir, registry, redis, mock, allow_stop_iteration=None):
    objs, env, k8s = istio.render(workdir, "ingress", image=f"{registry.host}/aigw")
    registry.push(k8s / "oci", "aigw", env["AIGW_IMAGE_TAGS"].split()[0])
    [ef] = istio.find(objs, "EnvoyFilter", "aigw")
    remote = istio.patches(ef, "EXTENSION_CONFIG")[0]["patch"]["value"]["typed_config"]["config"][
        "vm_config"]["code"]["remote"]
    module = istio.agent_fetch(remote["http_uri"]["uri"], remote["sha256"], k8s / "agent-cache")
    ecds = k8s / "ecds.yaml"
    istio.write_ecds(ecds, istio.extension_config(ef, module, allow_stop_iteration))
    return Gateway(workdir, mock.port, env={**GATEWAY_KEYS, **TOKENS},
                   edit=istio.gateway_edit(objs, ecds, mock.port, redis.webdis_port))


@pytest.fixture(scope="module")
def igw(workdir, registry, redis, mock):
    g = istio_gateway(workdir, registry, redis, mock)
    yield g
    g.stop()


@pytest.fixture(autouse=True)
def clean_script(mock):
    mock.clear_script()
    yield
    mock.clear_script()


def chat(g, content, headers=None, path=CHAT, model="gpt-4o"):
    body = {"model": model, "messages": [{"role": "user", "content": content}]}
    return requests.post(g.url + path, json=body, headers={**TEAM_A, **(headers or {})}, timeout=20)


def test_the_provider_route_by_authority_with_the_secret_key(igw, mock):
    m = mock.mark()
    r = chat(igw, "Hello Istio " + uuid.uuid4().hex)
    assert r.status_code == 200, r.text
    [sent] = mock.received_since(m, 1)
    assert (sent["host"], sent["path"]) == ("api.openai.com", "/v1/chat/completions")
    assert sent["headers"]["authorization"] == "Bearer " + GATEWAY_KEYS["OPENAI_API_KEY"]
    assert not [h for h in sent["headers"] if h.startswith("x-aigw")]
    # Without a gateway token from the Secret: refused before the provider.
    m = mock.mark()
    r = chat(igw, "no token", headers={"x-aigw-authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "aigw_unauthorized"
    assert mock.requests(m) == []


def test_a_cache_hit_from_the_shared_layer(igw, mock, redis):
    content = "Cache me " + uuid.uuid4().hex
    m = mock.mark()
    assert chat(igw, content).headers["x-aigw-cache-status"] == "MISS"
    r = chat(igw, content)
    assert (r.status_code, r.headers["x-aigw-cache-status"]) == (200, "HIT")
    assert len(mock.requests(m)) == 1
    assert redis.command("KEYS", "*cache*") != ""  # stored in Redis through Webdis


def test_a_limit_counted_in_redis(igw):
    user = {"x-aigw-metadata": json.dumps({"user": uuid.uuid4().hex})}
    codes = [chat(igw, "limit me", headers=user).status_code for _ in range(61)]
    assert codes[:60] == [200] * 60 and codes[60] == 429, codes
    r = chat(igw, "limit me", headers=user)
    assert r.json()["error"]["code"] == "aigw_rate_limited"


def test_a_dlp_block(igw, mock):
    m = mock.mark()
    r = chat(igw, "my token is ghp_abcdefghijklmnopqrstuvwxyz0123456789")
    assert r.status_code == 403 and r.json()["error"]["code"] == "aigw_dlp_blocked"
    assert mock.requests(m) == []


def test_a_fallback_to_the_other_provider(igw, mock):
    mock.script([{"host": "api.openai.com", "status": 503, "times": 2}])
    m = mock.mark()
    r = chat(igw, "fall back " + uuid.uuid4().hex)
    assert r.status_code == 200, r.text
    sent = mock.received_since(m, 3)
    assert [s["host"] for s in sent] == ["api.openai.com", "api.openai.com", "api.anthropic.com"]
    assert json.loads(sent[2]["body"])["model"] == "claude-haiku-4-5"
    assert sent[2]["headers"]["x-api-key"] == GATEWAY_KEYS["ANTHROPIC_API_KEY"]


def test_compat_routes_by_the_model(igw, mock):
    m = mock.mark()
    r = chat(igw, "compat " + uuid.uuid4().hex, path="/compat/chat/completions",
             model="anthropic/claude-sonnet-4-5")
    assert r.status_code == 200, r.text
    assert r.json()["choices"][0]["message"]["content"].startswith("mock:")
    [sent] = mock.received_since(m, 1)
    assert (sent["host"], sent["path"]) == ("api.anthropic.com", "/v1/messages")


def test_without_the_flag_requests_with_a_body_fail_fast_naming_it(workdir, registry, redis, mock):
    """What a plain WasmPlugin gives (Istio cannot set the flag there): every
    request the gateway has to hold (a body to read, an answer to scan) gets
    a 500 naming the flag, quickly, and the log says it once."""
    g = istio_gateway(workdir, registry, redis, mock, allow_stop_iteration=False)
    try:
        m = mock.mark()
        for _ in range(2):
            t = time.monotonic()
            r = chat(g, "no flag")
            took = time.monotonic() - t
            assert r.status_code == 500, r.text
            assert "allow_on_headers_stop_iteration: true" in r.json()["error"]["message"]
            assert took < 1, took
        assert mock.requests(m) == []
        # A request without a body whose answer is held for the response
        # policy: refused too (never passed unscanned), at once now.
        t = time.monotonic()
        r = requests.get(g.url + "/openai/v1/models", headers=TEAM_A, timeout=10)
        assert r.status_code == 500 and "allow_on_headers_stop_iteration" in r.text
        assert time.monotonic() - t < 1
        time.sleep(0.2)
        said = [line for line in g.log_text().splitlines() if "allow_on_headers_stop_iteration" in line]
        assert len(said) == 1, said
    finally:
        g.stop()


def test_without_the_flag_a_held_answer_fails_within_seconds(workdir, registry, redis, mock):
    """The first request is one without a body: its held answer never
    reaches the filter, and is refused after the wait for its body."""
    g = istio_gateway(workdir, registry, redis, mock, allow_stop_iteration=False)
    try:
        t = time.monotonic()
        r = requests.get(g.url + "/openai/v1/models", headers=TEAM_A, timeout=10)
        took = time.monotonic() - t
        assert r.status_code == 500 and "allow_on_headers_stop_iteration" in r.text, r.text
        assert 1.5 < took < 4, took
    finally:
        g.stop()
