"""Response cache: L1 in Envoy shared data, L2 in Redis through Webdis,
Cloudflare-compatible controls, coalesced misses."""
import concurrent.futures
import http.server
import json
import threading
import time

import openai
import pytest
import requests

from harness import demo_plugin, free_port

CHAT_PATH = "/openai/v1/chat/completions"


def chat_body(text="What is the capital of France?", **extra):
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}], **extra}


def cached_plugin(**cache):
    plugin = demo_plugin()
    plugin["cache"] = {"enabled": True, "ttl_s": 60, **cache}
    return plugin


@pytest.fixture(scope="module")
def cgw(workdir, mock):
    """A gateway with caching on (L1 only), two workers."""
    from harness import Gateway
    g = Gateway(workdir, mock.port, plugin=cached_plugin(), concurrency=2)
    yield g
    g.stop()


def post(g, body, headers=None, path=CHAT_PATH):
    return requests.post(g.url + path, json=body, headers=headers or {}, timeout=15)


def test_miss_then_hit(cgw, mock):
    m = mock.mark()
    body = chat_body("miss then hit")
    r1 = post(cgw, body)
    r2 = post(cgw, {"messages": body["messages"], "model": body["model"]})  # keys reordered
    assert (r1.status_code, r2.status_code) == (200, 200)
    assert r1.headers["x-aigw-cache-status"] == "MISS"
    assert r2.headers["x-aigw-cache-status"] == "HIT"
    assert r2.json() == r1.json()
    assert len(mock.requests(m)) == 1
    hit = cgw.wait_record(lambda r: r["cache_status"] == "HIT")
    assert hit["saved_input_tokens"] == r1.json()["usage"]["prompt_tokens"]
    assert hit["saved_output_tokens"] == r1.json()["usage"]["completion_tokens"]
    assert hit["input_tokens"] is None and hit["status"] == 200


def test_ttl_expiry(cgw, mock):
    m = mock.mark()
    body = chat_body("short lived")
    assert post(cgw, body, {"x-aigw-cache-ttl": "1"}).headers["x-aigw-cache-status"] == "MISS"
    assert post(cgw, body).headers["x-aigw-cache-status"] == "HIT"
    time.sleep(1.3)
    assert post(cgw, body).headers["x-aigw-cache-status"] == "MISS"
    assert len(mock.requests(m)) == 2


def test_ttl_out_of_range_is_400(cgw):
    for value in ("0", "abc", str(10**12)):
        r = post(cgw, chat_body(), {"cf-aig-cache-ttl": value})
        assert r.status_code == 400 and r.json()["error"]["code"] == "aigw_invalid_header"


def test_skip_cache_neither_reads_nor_writes(cgw, mock):
    m = mock.mark()
    body = chat_body("skip me")
    r = post(cgw, body, {"cf-aig-skip-cache": "true"})
    assert r.headers["x-aigw-cache-status"] == "BYPASS"
    assert r.headers["cf-aig-cache-status"] == "BYPASS"  # the client spoke cf-aig-
    assert post(cgw, body).headers["x-aigw-cache-status"] == "MISS"  # nothing was written
    assert post(cgw, body, {"x-aigw-skip-cache": "true"}).headers["x-aigw-cache-status"] == "BYPASS"
    assert len(mock.requests(m)) == 3


def test_custom_key_replaces_the_computed_key(cgw, mock):
    m = mock.mark()
    r1 = post(cgw, chat_body("first wording"), {"x-aigw-cache-key": "faq-42"})
    r2 = post(cgw, chat_body("other wording"), {"cf-aig-cache-key": "faq-42"})
    assert r2.headers["x-aigw-cache-status"] == "HIT"
    assert r2.json() == r1.json()
    assert len(mock.requests(m)) == 1


# Every input that changes the provider's answer is in the key (issue 12,
# point 14): the query string, provider option headers, exact integers.
MESSAGES_PATH = "/anthropic/v1/messages"


def messages_body(text):
    return {"model": "claude-3-5-haiku-latest", "max_tokens": 64,
            "messages": [{"role": "user", "content": text}]}


@pytest.mark.parametrize("path,body,variants", [
    (CHAT_PATH + "?x=1", chat_body("by query"),
     [({}, CHAT_PATH + "?x=1"), ({}, CHAT_PATH + "?x=2"), ({}, CHAT_PATH)]),
    (MESSAGES_PATH, messages_body("by version"),
     [({"anthropic-version": "2023-06-01"}, None), ({"anthropic-version": "2023-01-01"}, None)]),
    (MESSAGES_PATH, messages_body("by beta"),
     [({"anthropic-beta": "tools-2024-04-04"}, None), ({"anthropic-beta": "other-beta"}, None),
      ({}, None)]),
    (CHAT_PATH, chat_body("by organization"),
     [({"openai-organization": "org-a"}, None), ({"openai-organization": "org-b"}, None),
      ({}, None)]),
    (CHAT_PATH, chat_body("by project"),
     [({"openai-project": "proj_a"}, None), ({"openai-project": "proj_b"}, None)]),
    (CHAT_PATH, chat_body("by openai-beta"),
     [({"openai-beta": "assistants=v2"}, None), ({"openai-beta": "assistants=v1"}, None)]),
])
def test_answer_changing_inputs_separate_entries(cgw, mock, path, body, variants):
    for headers, p in variants:
        m = mock.mark()
        r = post(cgw, body, headers, path=p or path)
        assert r.status_code == 200, r.text
        assert r.headers["x-aigw-cache-status"] == "MISS", (headers, p)
        got = mock.received_since(m, 1)
        assert len(got) == 1
        for k, v in headers.items():
            assert got[0]["headers"][k] == v  # what made it different reached the provider
        if p:
            assert got[0]["path"] == p.removeprefix("/openai")
    for headers, p in variants:  # the same again: each has its own entry
        m = mock.mark()
        r = post(cgw, body, headers, path=p or path)
        assert r.headers["x-aigw-cache-status"] == "HIT", (headers, p)
        assert mock.requests(m) == []


def test_anthropic_version_default_and_explicit_share_an_entry(cgw, mock):
    # The gateway sends its default version when the client names none: the
    # provider gets the same request either way.
    body = messages_body("default version")
    assert post(cgw, body, path=MESSAGES_PATH).headers["x-aigw-cache-status"] == "MISS"
    r = post(cgw, body, {"anthropic-version": "2023-06-01"}, path=MESSAGES_PATH)
    assert r.headers["x-aigw-cache-status"] == "HIT"


def test_big_integers_are_not_rounded_into_one_entry(cgw, mock):
    m = mock.mark()
    raw = '{"model":"gpt-4o-mini","seed":%s,"messages":[{"role":"user","content":"big ints"}]}'
    for seed in ("18446744073709551616", "18446744073709551617", "123456789012345678901234567890"):
        r = requests.post(cgw.url + CHAT_PATH, data=raw % seed,
                          headers={"content-type": "application/json"}, timeout=15)
        assert r.headers["x-aigw-cache-status"] == "MISS", seed
    assert len(mock.requests(m)) == 3
    r = requests.post(cgw.url + CHAT_PATH, data=raw % "18446744073709551617",
                      headers={"content-type": "application/json"}, timeout=15)
    assert r.headers["x-aigw-cache-status"] == "HIT"


def test_custom_key_opts_in_where_caching_is_off(start_gateway, mock):
    g = start_gateway()  # the demo config: caching off
    m = mock.mark()
    assert "x-aigw-cache-status" not in post(g, chat_body("off")).headers
    post(g, chat_body("a"), {"x-aigw-cache-key": "k"})
    assert post(g, chat_body("b"), {"x-aigw-cache-key": "k"}).headers["x-aigw-cache-status"] == "HIT"
    assert len(mock.requests(m)) == 2


def test_tenants_never_read_each_others_entries(start_gateway, mock):
    import hashlib
    plugin = cached_plugin()
    plugin["auth"] = {"tokens": [{"name": n, "sha256": hashlib.sha256(n.encode()).hexdigest()}
                                 for n in ("tenant-a", "tenant-b")]}
    g = start_gateway(plugin=plugin)
    m = mock.mark()
    body = chat_body("shared question")
    a = {"x-aigw-authorization": "tenant-a"}
    b = {"x-aigw-authorization": "tenant-b"}
    assert post(g, body, a).headers["x-aigw-cache-status"] == "MISS"
    assert post(g, body, a).headers["x-aigw-cache-status"] == "HIT"
    assert post(g, body, b).headers["x-aigw-cache-status"] == "MISS"
    assert len(mock.requests(m)) == 2


def test_client_keys_separate_entries_when_the_gateway_holds_none(start_gateway, mock):
    g = start_gateway(plugin=cached_plugin(), env={})
    body = chat_body("by key")
    post(g, body, {"authorization": "Bearer sk-one"})
    assert post(g, body, {"authorization": "Bearer sk-one"}).headers["x-aigw-cache-status"] == "HIT"
    assert post(g, body, {"authorization": "Bearer sk-two"}).headers["x-aigw-cache-status"] == "MISS"


def test_errors_are_never_cached(cgw, mock):
    m = mock.mark()
    body = chat_body("fails once")
    assert post(cgw, body, {"x-mock-status": "500"}).status_code == 500
    r = post(cgw, body)
    assert r.status_code == 200 and r.headers["x-aigw-cache-status"] == "MISS"
    assert len(mock.requests(m)) == 2


def test_truncated_stream_is_not_cached(cgw, mock):
    m = mock.mark()
    body = chat_body("broken stream", stream=True)
    with pytest.raises(requests.exceptions.RequestException):
        r = requests.post(cgw.url + CHAT_PATH, json=body, headers={"x-mock-break-after": "2"},
                          stream=True, timeout=10)
        b"".join(r.iter_content(None))
    r = post(cgw, body)
    assert r.headers["x-aigw-cache-status"] == "MISS"
    assert len(mock.requests(m)) == 2


def test_streamed_hit_replays_as_sse(cgw, mock):
    client = openai.OpenAI(base_url=cgw.url + "/openai/v1", api_key="k", max_retries=0, timeout=10)
    m = mock.mark()

    def ask():
        chunks = list(client.chat.completions.create(
            model="gpt-4o-mini", stream=True,
            messages=[{"role": "user", "content": "stream from cache please"}]))
        return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices), len(chunks)

    first, n1 = ask()
    second, n2 = ask()
    assert first == second == "mock: stream from cache please"
    assert n1 == n2 > 3  # event by event, not one blob
    assert len(mock.requests(m)) == 1
    raw = requests.post(cgw.url + CHAT_PATH, timeout=5, json={
        "model": "gpt-4o-mini", "stream": True,
        "messages": [{"role": "user", "content": "stream from cache please"}]})
    assert raw.headers["x-aigw-cache-status"] == "HIT"
    assert raw.headers["content-type"].startswith("text/event-stream")
    # Sent as a stream, like the provider's: chunked, no length.
    assert raw.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in raw.headers
    assert raw.text.count("data: ") == n1 + 1 and raw.text.endswith("data: [DONE]\n\n")
    # The same content asked without streaming is a different entry.
    r = post(cgw, {"model": "gpt-4o-mini",
                   "messages": [{"role": "user", "content": "stream from cache please"}]})
    assert r.headers["x-aigw-cache-status"] == "MISS"
    assert r.headers["content-type"] == "application/json"


def test_concurrent_identical_misses_reach_the_provider_once(cgw, mock):
    m = mock.mark()
    body = chat_body("twenty at once")

    def one(_):
        r = post(cgw, body, {"x-mock-delay-ms": "400"})
        return r.status_code, r.json()["choices"][0]["message"]["content"]

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        results = list(pool.map(one, range(20)))
    assert all(r == (200, "mock: twenty at once") for r in results), results
    assert len(mock.requests(m)) == 1
    assert cgw.stat("wasmcustom.aigw.cache.coalesced") >= 15


def test_l1_memory_stays_bounded(start_gateway, mock):
    g = start_gateway(plugin=cached_plugin(l1={"max_bytes": 32768, "max_entry_bytes": 4096},
                                           coalesce={"enabled": False}))
    for i in range(150):
        assert post(g, chat_body(f"distinct entry {i}")).status_code == 200
    used = g.stat("wasmcustom.aigw.cache.l1_bytes")
    assert 0 < used <= 32768, used
    assert g.stat("wasmcustom.aigw.cache.store") == 150
    # Recent entries are served, the oldest were overwritten.
    assert post(g, chat_body("distinct entry 149")).headers["x-aigw-cache-status"] == "HIT"


# ------------------------------------------------------------------- L2

def l2_plugin(cluster="webdis", **l2):
    return cached_plugin(l2={"cluster": cluster, "timeout_ms": 200, **l2})


def test_l2_is_shared_between_envoys(start_gateway, mock, redis):
    clusters = {"webdis": ("127.0.0.1", redis.webdis_port)}
    a = start_gateway(plugin=l2_plugin(), clusters=clusters)
    b = start_gateway(plugin=l2_plugin(), clusters=clusters)
    m = mock.mark()
    body = chat_body("shared across replicas")
    assert post(a, body).headers["x-aigw-cache-status"] == "MISS"
    # The L2 store is fire-and-forget: give it a moment to land.
    from harness import wait_for
    wait_for(lambda: redis.command("KEYS", "aigw:cache:*"), what="the entry in Redis")
    r = post(b, body)
    assert r.headers["x-aigw-cache-status"] == "HIT"
    assert len(mock.requests(m)) == 1
    # A stream too, answered after the L2 callout: still a chunked stream.
    sbody = chat_body("shared stream", stream=True)
    first = post(a, sbody)
    assert first.headers["x-aigw-cache-status"] == "MISS"
    wait_for(lambda: len(redis.command("KEYS", "aigw:cache:*").split()) == 2,
             what="the stream in Redis")
    r = post(b, sbody)
    assert r.headers["x-aigw-cache-status"] == "HIT"
    assert r.headers.get("transfer-encoding") == "chunked" and r.text == first.text
    assert len(mock.requests(m)) == 2
    # b filled its own L1 from L2: served again even with Redis emptied.
    redis.command("FLUSHALL")
    assert post(b, body).headers["x-aigw-cache-status"] == "HIT"


class _Garbage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if "slow" in self.server.mode:
            time.sleep(1.0)
        body = b"this is not a cache entry"
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_GET

    def log_message(self, *a):
        pass


@pytest.fixture
def fake_l2():
    servers = []

    def start(mode):
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Garbage)
        srv.mode = mode
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return srv.server_address[1]

    yield start
    for s in servers:
        s.shutdown()


@pytest.mark.parametrize("fault", ["down", "slow", "garbage", "no-cluster"])
def test_l2_faults_are_misses_with_a_reason(start_gateway, mock, fake_l2, fault):
    if fault == "down":
        clusters, cluster = {"webdis": ("127.0.0.1", free_port())}, "webdis"
    elif fault == "no-cluster":
        clusters, cluster = {}, "no-such-cluster"
    else:
        clusters, cluster = {"webdis": ("127.0.0.1", fake_l2(fault))}, "webdis"
    g = start_gateway(plugin=l2_plugin(cluster), clusters=clusters)
    m = mock.mark()
    body = chat_body(f"l2 {fault}")
    started = time.monotonic()
    r = post(g, body)
    elapsed = time.monotonic() - started
    assert r.status_code == 200 and r.headers["x-aigw-cache-status"] == "MISS"
    assert elapsed < 0.9, f"the L2 deadline (200 ms) was not kept: {elapsed:.2f}s"
    assert len(mock.requests(m)) == 1
    rec = g.wait_record(lambda r: r["cache_status"] is not None)
    assert rec["cache_l2_error"], rec
    assert rec["cache_status"] == "MISS"
    # L1 still works without L2.
    assert post(g, body).headers["x-aigw-cache-status"] == "HIT"


def test_l2_store_failures_are_logged_after_the_request(start_gateway, mock, fake_l2):
    # The store is fire-and-forget: its answer comes after the request is
    # over, to the root context that sent it, which logs the failure.
    g = start_gateway(plugin=l2_plugin("webdis"),
                      clusters={"webdis": ("127.0.0.1", fake_l2("garbage"))})
    r = post(g, chat_body("l2 store fails"))
    assert r.status_code == 200 and r.headers["x-aigw-cache-status"] == "MISS"
    from harness import wait_for
    wait_for(lambda: "cache: L2 store failed: status 200" in g.log_text(),
             what="the store failure in Envoy's log")


# The worker's memo of recent bodies (cache/recent.rs): a repeated body skips
# its parse and key computation, at any size, but only for the same bytes and
# the same key fields; the request policy still scans every repeat.
BIG = "Please summarise the open risks of the billing migration. " * 1800  # ~100 KB


def raw_post(g, data, headers=None):
    return requests.post(g.url + CHAT_PATH, data=data,
                         headers={"content-type": "application/json", **(headers or {})}, timeout=15)


def reply_of(r):
    return r.json()["choices"][0]["message"]["content"]


def test_same_bytes_under_another_tenant_never_hit(start_gateway, mock):
    import hashlib
    plugin = cached_plugin()
    plugin["auth"] = {"tokens": [{"name": n, "sha256": hashlib.sha256(n.encode()).hexdigest()}
                                 for n in ("tenant-a", "tenant-b")]}
    g = start_gateway(plugin=plugin)  # one worker: one memo for both tenants
    data = json.dumps(chat_body("tenant memo " + BIG))
    m = mock.mark()
    # The mock answers what x-mock-reply says (not in the key): who got which answer.
    ra = raw_post(g, data, {"x-aigw-authorization": "tenant-a", "x-mock-reply": "for a"})
    assert ra.headers["x-aigw-cache-status"] == "MISS" and reply_of(ra) == "for a"
    for _ in range(2):
        r = raw_post(g, data, {"x-aigw-authorization": "tenant-a", "x-mock-reply": "x"})
        assert r.headers["x-aigw-cache-status"] == "HIT" and reply_of(r) == "for a"
    rb = raw_post(g, data, {"x-aigw-authorization": "tenant-b", "x-mock-reply": "for b"})
    assert rb.headers["x-aigw-cache-status"] == "MISS" and reply_of(rb) == "for b"
    for tenant in ("tenant-b", "tenant-a", "tenant-b"):
        r = raw_post(g, data, {"x-aigw-authorization": tenant, "x-mock-reply": "x"})
        assert r.headers["x-aigw-cache-status"] == "HIT"
        assert reply_of(r) == ("for a" if tenant == "tenant-a" else "for b")
    got = mock.received_since(m, 2)
    assert len(got) == 2 and all(x["json"] == json.loads(data) for x in got)


def test_a_changed_key_header_misses_on_the_same_bytes(start_gateway, mock):
    g = start_gateway(plugin=cached_plugin())
    data = json.dumps(chat_body("header memo " + BIG))
    m = mock.mark()
    for project in ("proj_a", "proj_b"):
        r = raw_post(g, data, {"openai-project": project, "x-mock-reply": project})
        assert r.headers["x-aigw-cache-status"] == "MISS", project
    for project in ("proj_b", "proj_a", "proj_b"):
        r = raw_post(g, data, {"openai-project": project, "x-mock-reply": "x"})
        assert r.headers["x-aigw-cache-status"] == "HIT" and reply_of(r) == project
    # A header outside the key changes nothing; one byte of the body does.
    assert raw_post(g, data, {"openai-project": "proj_a", "user-agent": "other"}).headers[
        "x-aigw-cache-status"] == "HIT"
    changed = data.replace("billing", "bIlling", 1)
    r = raw_post(g, changed, {"openai-project": "proj_a", "x-mock-reply": "changed"})
    assert r.headers["x-aigw-cache-status"] == "MISS" and reply_of(r) == "changed"
    assert [x["headers"]["openai-project"] for x in mock.received_since(m, 3)] == \
        ["proj_a", "proj_b", "proj_a"]


def test_a_blocked_prompt_stays_blocked_on_repeat(start_gateway, mock):
    plugin = cached_plugin()
    plugin["policies"] = {"strict": {"request": {"*": "redact", "secret": "block"}}}
    plugin["policy"] = "strict"
    g = start_gateway(plugin=plugin)
    secret = json.dumps(chat_body("deploy with ghp_abcdefghijklmnopqrstuvwxyz0123456789 " + BIG))
    card = json.dumps(chat_body("my card is 4111 1111 1111 1111 " + BIG))
    clean = json.dumps(chat_body("nothing to see " + BIG))
    m = mock.mark()
    for _ in range(3):
        r = raw_post(g, secret)
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "aigw_dlp_blocked"
    assert mock.requests(m) == []
    # Redacted on every repeat: the provider got the redacted text once,
    # the repeats are hits on the redacted request's entry.
    statuses = [raw_post(g, card).headers["x-aigw-cache-status"] for _ in range(3)]
    assert statuses == ["MISS", "HIT", "HIT"]
    [sent] = mock.received_since(m, 1)
    assert "4111 1111 1111 1111" not in sent["json"]["messages"][0]["content"]
    assert [raw_post(g, clean).headers["x-aigw-cache-status"] for _ in range(2)] == ["MISS", "HIT"]
    assert len(mock.requests(m)) == 2
