"""The manifests in k8s/ as Istio would deliver them, without a cluster:
render them with kustomize, push the module's OCI image to a real registry
(Debian's docker-registry on loopback), fetch it back the way istio-agent
does, and build the Envoy config Istio would push to the gateway for them.

What is Istio's here, and what stands in for it:
- the extension config is the EnvoyFilter's EXTENSION_CONFIG value, given to
  Envoy by discovery (ECDS) as Istio does, from a file instead of ADS
  (`path_config_source`), apart from the listener;
- its remote code is replaced by a local file after the image is pulled and
  its manifest digest compared with `sha256`, as istio-agent does;
- routes come from the VirtualServices: the entry routes, then one virtual
  host per provider host, routed by :authority to `outbound|443||<host>`;
- the clusters carry Istio's names; they point at the bundled mock (plain
  HTTP: the TLS origination of the DestinationRules is checked by schema).
"""
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import requests
import yaml

from harness import ROOT, WASM, free_port, wait_for

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
WASM_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm"
WASM_TYPE = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm"
HCM = "envoy.filters.network.http_connection_manager"


def render(workdir, overlay, image="127.0.0.1:5000/aigw", edit=None):
    """`kubectl kustomize` of a copy of k8s/ with the image env that `make
    image` writes (the OCI layout goes to <copy>/oci). `edit(path)` may
    change the copy first. Returns (objects, image env)."""
    if shutil.which("kubectl") is None:
        raise RuntimeError("kubectl (with its built-in kustomize) is needed to render k8s/")
    # A fresh name (a port number may be handed out twice in one session).
    copy = Path(tempfile.mkdtemp(prefix="k8s-", dir=workdir)) / "k8s"
    shutil.copytree(ROOT / "k8s", copy)
    env_file = copy / "base/image.env"
    subprocess.run(["python3", str(ROOT / "scripts/oci_image.py"), "--wasm", str(WASM),
                    "--out", str(copy / "oci"), "--image", image, "--env", str(env_file)],
                   check=True, capture_output=True, timeout=60)
    if edit is not None:
        edit(copy)
    out = subprocess.run(["kubectl", "kustomize", str(copy / "overlays" / overlay)],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"kustomize {overlay}: {out.stderr}")
    env = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if line)
    return [d for d in yaml.safe_load_all(out.stdout) if d], env, copy


def find(objs, kind, name=None):
    found = [o for o in objs if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]
    if not found:
        raise KeyError(f"no {kind} {name or ''}")
    return found


def patches(envoy_filter, apply_to):
    return [p for p in envoy_filter["spec"]["configPatches"] if p["applyTo"] == apply_to]


class Registry:
    """Debian's docker-registry (the distribution registry) on loopback, with
    its own config and storage in `workdir`."""

    def __init__(self, workdir):
        self.dir = Path(tempfile.mkdtemp(prefix="registry-", dir=workdir))
        (self.dir / "storage").mkdir(parents=True)
        self.port = free_port()
        self.host = f"127.0.0.1:{self.port}"
        conf = self.dir / "config.yml"
        conf.write_text(yaml.safe_dump({
            "version": 0.1, "log": {"level": "warn"},
            "storage": {"filesystem": {"rootdirectory": str(self.dir / "storage")}},
            "http": {"addr": self.host}}))
        self.log = open(self.dir / "registry.log", "w")
        self.proc = subprocess.Popen(["docker-registry", "serve", str(conf)],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(lambda: requests.get(f"http://{self.host}/v2/", timeout=1).ok,
                 what="docker-registry")

    def push(self, layout, repo, tag):
        """skopeo copies the OCI layout's tag as it is (same manifest digest)."""
        subprocess.run(["skopeo", "copy", "--quiet", "--preserve-digests", "--dest-tls-verify=false",
                        f"oci:{layout}:{tag}", f"docker://{self.host}/{repo}:{tag}"],
                       check=True, capture_output=True, timeout=60)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def agent_fetch(uri, sha256, cache_dir):
    """What istio-agent does with an `oci://` remote code (pkg/wasm): fetch
    the manifest, compare its digest with `sha256`, take the Wasm layer of
    the two-layer "oci" variant, check the module, and write it to a local
    file named by its digest. Returns the file's path."""
    ref = uri.removeprefix("oci://")
    host, _, rest = ref.partition("/")
    repo, _, tag = rest.rpartition(":")
    base = f"http://{host}/v2/{repo}"
    r = requests.get(f"{base}/manifests/{tag}", headers={"Accept": OCI_MANIFEST}, timeout=10)
    r.raise_for_status()
    digest = hashlib.sha256(r.content).hexdigest()
    if digest != sha256:
        raise ValueError(f"module downloaded from {uri} has checksum {digest}, which does not match: {sha256}")
    manifest = r.json()
    if len(manifest["layers"]) != 2:
        raise ValueError(f"number of layers must be 2 but got {len(manifest['layers'])}")
    [layer] = [lay for lay in manifest["layers"] if lay["mediaType"] == WASM_LAYER]
    blob = requests.get(f"{base}/blobs/{layer['digest']}", timeout=30)
    blob.raise_for_status()
    if blob.content[:4] != b"\0asm":
        raise ValueError(f"fetched Wasm binary from {uri} is invalid")
    path = Path(cache_dir) / f"{digest}.wasm"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob.content)
    return path


def extension_config(envoy_filter, module_path, allow_stop_iteration=None):
    """The EXTENSION_CONFIG value with its remote code rewritten to the local
    file, as istio-agent hands it to Envoy."""
    [patch] = patches(envoy_filter, "EXTENSION_CONFIG")
    ext = json.loads(json.dumps(patch["patch"]["value"]))
    cfg = ext["typed_config"]["config"]
    cfg["vm_config"]["code"] = {"local": {"filename": str(module_path)}}
    if allow_stop_iteration is not None:
        cfg["allow_on_headers_stop_iteration"] = allow_stop_iteration
    return ext


def routes(objs):
    """Istio's route config for the gateway, from the VirtualServices."""
    vhosts = []
    for vs in find(objs, "VirtualService"):
        rules = []
        for http in vs["spec"]["http"]:
            [dest] = http["route"]
            d = dest["destination"]
            route = {"cluster": f"outbound|{d['port']['number']}||{d['host']}",
                     "timeout": http.get("timeout", "0s")}
            for m in http.get("match") or [{}]:
                prefix = m.get("uri", {}).get("prefix", "/")
                rules.append({"match": {"prefix": prefix}, "route": route})
        hosts = vs["spec"]["hosts"]
        domains = [d for h in hosts for d in ((h,) if h == "*" else (h, f"{h}:*"))]
        vhosts.append({"name": vs["metadata"]["name"], "domains": domains, "routes": rules})
    return {"name": "http.80", "virtual_hosts": vhosts}


def clusters(objs, mock_port, webdis_port=None):
    """Istio's outbound clusters for the ServiceEntries (and Webdis's
    Service), pointed at the test's servers."""
    def cluster(name, port):
        return {"name": name, "type": "STATIC", "connect_timeout": "2s",
                "load_assignment": {"cluster_name": name, "endpoints": [{"lb_endpoints": [
                    {"endpoint": {"address": {"socket_address": {
                        "address": "127.0.0.1", "port_value": port}}}}]}]}}
    out = []
    for se in find(objs, "ServiceEntry"):
        for host in se["spec"]["hosts"]:
            for p in se["spec"]["ports"]:
                out.append(cluster(f"outbound|{p['number']}||{host}", mock_port))
    if webdis_port is not None:
        for svc in find(objs, "Service", "webdis"):
            ns = svc["metadata"]["namespace"]
            for p in svc["spec"]["ports"]:
                out.append(cluster(f"outbound|{p['port']}||webdis.{ns}.svc.cluster.local", webdis_port))
    return out


def gateway_edit(objs, ecds_path, mock_port, webdis_port=None):
    """An `edit` for harness.Gateway: replaces the demo's listener and
    clusters by what Istio would deliver for these manifests (the port and
    the access log file the harness chose are kept)."""
    [ef] = find(objs, "EnvoyFilter", "aigw")
    [http_filter] = patches(ef, "HTTP_FILTER")
    [listener_patch] = patches(ef, "LISTENER")

    def edit(cfg):
        [old] = cfg["static_resources"]["listeners"]
        old_hcm = old["filter_chains"][0]["filters"][0]["typed_config"]
        flt = json.loads(json.dumps(http_filter["patch"]["value"]))
        source = flt["config_discovery"]["config_source"]
        assert "ads" in source, "the manifest's filter is configured by Istio's ADS"
        del source["ads"]
        source["path_config_source"] = {"path": str(ecds_path)}
        listener = {
            "name": "gateway", "address": old["address"],
            **listener_patch["patch"]["value"],
            "filter_chains": [{"filters": [{"name": HCM, "typed_config": {
                "@type": old_hcm["@type"], "stat_prefix": "outbound_0.0.0.0_8080",
                "use_remote_address": True, "normalize_path": True,
                "access_log": old_hcm["access_log"],
                "route_config": routes(objs),
                "http_filters": [flt, {"name": "envoy.filters.http.router", "typed_config": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}],
            }}]}]}
        # As Istio names a gateway's node (discovery needs one).
        cfg["node"] = {"id": "router~127.0.0.1~aigw-gateway-0.aigw~aigw.svc.cluster.local",
                       "cluster": "aigw-gateway.aigw"}
        cfg["static_resources"] = {"listeners": [listener],
                                   "clusters": clusters(objs, mock_port, webdis_port)}
    return edit


def write_ecds(path, ext):
    """The extension config as a discovery response (ECDS from a file)."""
    path.write_text(yaml.safe_dump({"version_info": "1", "resources": [
        {"@type": "type.googleapis.com/envoy.config.core.v3.TypedExtensionConfig", **ext}]}))
