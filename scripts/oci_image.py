#!/usr/bin/env python3
"""Packages dist/aigw.wasm as a Wasm OCI image (`make image`), with no
container engine: a plain OCI image layout on disk, which `skopeo copy
oci:dist/oci:TAG docker://REGISTRY/aigw:TAG` pushes (`make push`).

The format is the "oci" variant of the Wasm image specification that Istio's
agent reads (pkg/wasm/imagefetcher.go, extractOCIArtifactImage): exactly two
layers, the runtime config (application/vnd.module.wasm.config.v1+json, also
the manifest's config) and the module itself, uncompressed
(application/vnd.module.wasm.content.layer.v1+wasm). It keeps the module
byte for byte (no tar, no gzip), so the pulled layer's sha256 is the
module's. The layout is deterministic: the same module gives the same
manifest digest.

Tags: the filter's version and `sha256-<module sha256>`. Also written:
dist/image.env and k8s/base/image.env (the image URI and the manifest digest
that the EnvoyFilter's remote code carries: for an oci:// image istio-agent
compares `sha256` with the manifest digest).
"""
import argparse
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONFIG_MEDIA_TYPE = "application/vnd.module.wasm.config.v1+json"
WASM_LAYER_MEDIA_TYPE = "application/vnd.module.wasm.content.layer.v1+wasm"
MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json"
# The proxy-wasm ABI the module exports (the Rust SDK's).
ABI_VERSIONS = ["0.2.1"]


def version():
    text = (ROOT / "filter/Cargo.toml").read_text()
    m = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not m:
        sys.exit("oci_image: no version in filter/Cargo.toml")
    return m.group(1)


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def write_blob(layout, data):
    digest = hashlib.sha256(data).hexdigest()
    path = layout / "blobs" / "sha256" / digest
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return {"digest": f"sha256:{digest}", "size": len(data)}


def build(wasm, layout, tags):
    module = wasm.read_bytes()
    if module[:4] != b"\0asm":
        sys.exit(f"oci_image: {wasm} is not a Wasm module")
    if layout.exists():
        shutil.rmtree(layout)
    layout.mkdir(parents=True)
    (layout / "oci-layout").write_bytes(canonical({"imageLayoutVersion": "1.0.0"}))
    config = write_blob(layout, canonical(
        {"type": "envoy_proxy", "abiVersions": ABI_VERSIONS, "config": {"root_ids": ["aigw"]}}))
    layer = write_blob(layout, module)
    manifest = {
        "schemaVersion": 2,
        "mediaType": MANIFEST_MEDIA_TYPE,
        "config": {"mediaType": CONFIG_MEDIA_TYPE, **config},
        "layers": [
            {"mediaType": CONFIG_MEDIA_TYPE, **config,
             "annotations": {"org.opencontainers.image.title": "runtime-config.json"}},
            {"mediaType": WASM_LAYER_MEDIA_TYPE, **layer,
             "annotations": {"org.opencontainers.image.title": "aigw.wasm"}},
        ],
    }
    desc = write_blob(layout, canonical(manifest))
    index = {
        "schemaVersion": 2,
        "manifests": [{"mediaType": MANIFEST_MEDIA_TYPE, **desc,
                       "annotations": {"org.opencontainers.image.ref.name": t}} for t in tags],
    }
    (layout / "index.json").write_bytes(canonical(index))
    return desc["digest"].split(":", 1)[1], layer["digest"].split(":", 1)[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wasm", type=Path, default=ROOT / "dist/aigw.wasm")
    ap.add_argument("--out", type=Path, default=ROOT / "dist/oci")
    ap.add_argument("--image", default="registry.example.com/aigw",
                    help="the repository the image is pushed to (no tag)")
    ap.add_argument("--env", type=Path, action="append",
                    help="where to write the image env file (default dist/image.env "
                         "and k8s/base/image.env)")
    args = ap.parse_args()
    if ":" in args.image.rsplit("/", 1)[-1] or "@" in args.image:
        sys.exit(f"oci_image: --image {args.image!r} must name a repository without a tag")
    module_sha = hashlib.sha256(args.wasm.read_bytes()).hexdigest()
    tags = [version(), f"sha256-{module_sha}"]
    manifest_sha, layer_sha = build(args.wasm, args.out, tags)
    assert layer_sha == module_sha
    env = (f"AIGW_IMAGE_URI=oci://{args.image}:{tags[0]}\n"
           f"AIGW_IMAGE_SHA256={manifest_sha}\n"
           f"AIGW_IMAGE_TAGS={' '.join(tags)}\n"
           f"AIGW_MODULE_SHA256={module_sha}\n")
    for path in args.env or [ROOT / "dist/image.env", ROOT / "k8s/base/image.env"]:
        path.write_text(env)
    print(f"{args.out}: {args.image}:{tags[0]} (also :{tags[1]}), manifest sha256:{manifest_sha}")


if __name__ == "__main__":
    main()
