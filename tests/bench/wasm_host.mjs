// A minimal proxy-wasm 0.2.1 host under node (V8, as in Envoy): runs N
// requests (one small chat request, or body.json) through a filter .wasm
// with a plugin config, and prints the host calls per request and the time.
// A developer tool for comparing two builds request by request, not a test:
//   node tests/bench/wasm_host.mjs dist/aigw.wasm config.json 20000 [body.json]
// For counts that do not depend on the machine's load, run it under
// `valgrind --tool=callgrind node --predictable --no-liftoff ...` at two N and
// take the difference (docs/performance.md). WARM=<n> sets the warm-up
// requests, SHOWLOG=1 prints the last log record. STREAM=<events>: a
// streamed chat request whose answer comes as that many SSE events, one
// per body callback (as flow_cost's STREAM), then the usage chunk. MCP=<server>:
// the bench's MCP tool call to /mcp/<server> (`tools`, or `tools-dlp`) with the
// mock MCP server's answer (config: the bench's gateway_mcp plugin config);
// an answer the module passes unread is not fetched, as in Envoy.
import fs from 'fs';
import { WASI } from 'wasi';

const [wasmPath, cfgPath, nStr, bodyPath] = process.argv.slice(2);
const N = parseInt(nStr || '1000');
const config = fs.readFileSync(cfgPath);
const EVENTS = parseInt(process.env.STREAM || '0');
const MCP = process.env.MCP || '';
const reqBody = bodyPath ? fs.readFileSync(bodyPath) : MCP
  ? Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"Hello from the agent"}}}')
  : Buffer.from(EVENTS
  ? '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hello"}]}'
  : '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}');
const streamEvent = Buffer.from('data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"word "},"finish_reason":null}],"usage":null}\n\n');
const streamLast = Buffer.from('data: {"id":"chatcmpl-mock-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\ndata: [DONE]\n\n');
const respBody = MCP
  ? Buffer.from('{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"mock: echo"}],"isError":false}}')
  : Buffer.from('{"id":"chatcmpl-mock-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"mock: Hello"},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}');

let inst, mem;
const counts = {};
const bytesIn = {};
let counting = false;
const shared = new Map();
let maps = {};
let buffers = {};
const props = new Map();
const te = new TextEncoder(), td = new TextDecoder();
function u8() { return new Uint8Array(mem.buffer); }
function dv() { return new DataView(mem.buffer); }
function rd(p, n) { return Buffer.from(u8().slice(p, p + n)); }
function ret(bytes, pp, ps) {
  const n = bytes.length;
  const p = n ? inst.exports.proxy_on_memory_allocate(n) : 0;
  if (n) u8().set(bytes, p);
  dv().setUint32(pp, p, true); dv().setUint32(ps, n, true);
}
function encMap(pairs) {
  let size = 4 + pairs.length * 8;
  for (const [k, v] of pairs) size += k.length + v.length + 2;
  const b = Buffer.alloc(size); let o = 0;
  b.writeUInt32LE(pairs.length, o); o += 4;
  for (const [k, v] of pairs) { b.writeUInt32LE(k.length, o); o += 4; b.writeUInt32LE(v.length, o); o += 4; }
  for (const [k, v] of pairs) { Buffer.from(k).copy(b, o); o += k.length + 1; Buffer.from(v).copy(b, o); o += v.length + 1; }
  return b;
}
function decMap(b) {
  const n = b.readUInt32LE(0); let o = 4 + n * 8; const out = [];
  for (let i = 0; i < n; i++) {
    const kl = b.readUInt32LE(4 + i * 8), vl = b.readUInt32LE(8 + i * 8);
    out.push([b.slice(o, o + kl).toString(), b.slice(o + kl + 1, o + kl + 1 + vl).toString()]); o += kl + vl + 2;
  }
  return out;
}
const c = (name, extra) => { if (counting) { counts[name] = (counts[name] || 0) + 1; if (extra) bytesIn[name] = (bytesIn[name] || 0) + extra; } };
let localReply = null;
const env = {
  proxy_log: (lvl, p, n) => { c('log'); if (lvl >= 3 && !counting) console.error('log', lvl, rd(p, n).toString()); return 0; },
  proxy_get_buffer_bytes: (t, start, max, pp, ps) => { max = max >>> 0; start = start >>> 0; const b = buffers[t]; c('get_buffer', b ? Math.min(max, b.length) : 0); if (!b) return 1; ret(b.slice(start, start + max), pp, ps); return 0; },
  proxy_set_buffer_bytes: (t, s, n, p, l) => { c('set_buffer', l); buffers[t] = rd(p, l); return 0; },
  proxy_set_effective_context: () => { c('set_effective_context'); return 0; },
  proxy_get_header_map_pairs: (t, pp, ps) => { const m = maps[t] || []; const b = encMap(m); c('get_header_map_pairs', b.length); ret(b, pp, ps); return 0; },
  proxy_set_header_map_pairs: (t, p, n) => { c('set_header_map_pairs'); maps[t] = decMap(rd(p, n)); return 0; },
  proxy_get_header_map_value: (t, kp, kn, pp, ps) => { const k = rd(kp, kn).toString(); c('get_header:' + k); const m = maps[t] || []; const e = m.find(([a]) => a === k); if (!e) return 1; ret(Buffer.from(e[1]), pp, ps); return 0; },
  proxy_replace_header_map_value: (t, kp, kn, vp, vn) => { const k = rd(kp, kn).toString(); c('replace_header:' + t + ':' + k); const m = (maps[t] ||= []); const v = rd(vp, vn).toString(); const i = m.findIndex(([a]) => a === k); if (i >= 0) m[i] = [k, v]; else m.push([k, v]); return 0; },
  proxy_add_header_map_value: (t, kp, kn, vp, vn) => { const k = rd(kp, kn).toString(); c('add_header:' + t + ':' + k); (maps[t] ||= []).push([k, rd(vp, vn).toString()]); return 0; },
  proxy_remove_header_map_value: (t, kp, kn) => { const k = rd(kp, kn).toString(); c('remove_header:' + t + ':' + k); maps[t] = (maps[t] || []).filter(([a]) => a !== k); return 0; },
  proxy_send_local_response: (code, a, b, bp, bn, hp, hn, g) => { c('send_local_response'); localReply = { code, body: rd(bp, bn).toString() }; return 0; },
  proxy_continue_stream: () => { c('continue_stream'); return 0; },
  proxy_close_stream: () => { c('close_stream'); return 0; },
  proxy_get_current_time_nanoseconds: (p) => { c('now'); dv().setBigUint64(p, process.hrtime.bigint() + 1700000000000000000n, true); return 0; },
  proxy_get_shared_data: (kp, kn, pp, ps, cp) => { const k = rd(kp, kn).toString(); c('get_shared'); const e = shared.get(k); if (!e) return 1; ret(e.v, pp, ps); dv().setUint32(cp, e.cas, true); return 0; },
  proxy_set_shared_data: (kp, kn, vp, vn, cas) => { const k = rd(kp, kn).toString(); c('set_shared'); const e = shared.get(k); if (cas && e && e.cas !== cas) return 8; shared.set(k, { v: rd(vp, vn), cas: (e ? e.cas : 0) + 1 }); return 0; },
  proxy_set_property: (p, n, vp, vn) => { const k = rd(p, n).toString().replace(/\0/g, '.'); c('set_property:' + k, vn); props.set(k, rd(vp, vn)); return 0; },
  proxy_get_property: (p, n, pp, ps) => { const k = rd(p, n).toString().replace(/\0/g, '.'); c('get_property:' + k); const v = props.get(k); if (!v) return 1; ret(v, pp, ps); return 0; },
  proxy_set_tick_period_milliseconds: () => 0,
  proxy_define_metric: (t, p, n, rp) => { c('define_metric'); dv().setUint32(rp, 1 + (env._m = (env._m || 0) + 1), true); return 0; },
  proxy_increment_metric: () => { c('increment_metric'); return 0; },
  proxy_record_metric: () => { c('record_metric'); return 0; },
  proxy_get_metric: () => { c('get_metric'); return 0; },
  proxy_get_status: () => 1,
  proxy_http_call: () => { c('http_call'); return 1; },
  proxy_done: () => 0,
};
for (const n of ['proxy_grpc_cancel', 'proxy_grpc_stream', 'proxy_grpc_close', 'proxy_grpc_call', 'proxy_dequeue_shared_queue', 'proxy_enqueue_shared_queue', 'proxy_resolve_shared_queue', 'proxy_call_foreign_function', 'proxy_register_shared_queue', 'proxy_grpc_send'])
  env[n] = () => 1;

const wasi = new WASI({ version: 'preview1', env: { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant' }, returnOnExit: true });
const mod = new WebAssembly.Module(fs.readFileSync(wasmPath));
inst = new WebAssembly.Instance(mod, { env, wasi_snapshot_preview1: wasi.wasiImport });
mem = inst.exports.memory;
wasi.initialize(inst);
const X = inst.exports;
buffers[6] = Buffer.alloc(0);
buffers[7] = config;
X.proxy_on_context_create(1, 0);
X.proxy_on_vm_start(1, 0);
if (!X.proxy_on_configure(1, config.length)) { console.error('configure failed'); process.exit(1); }
props.set('source.address', Buffer.from('127.0.0.1:5555'));
props.set('request.total_size', Buffer.from(new BigUint64Array([BigInt(reqBody.length)]).buffer));

function one(id) {
  localReply = null;
  maps = {
    0: [[':authority', '127.0.0.1:10101'], [':path', MCP ? '/mcp/' + MCP : '/openai/v1/chat/completions'], [':method', 'POST'], [':scheme', 'http'],
      ['content-length', String(reqBody.length)], ['content-type', 'application/json'], ['x-forwarded-proto', 'http'],
      ['x-request-id', '5d1d4b6e-6f2a-4d55-9b5c-1f3f0b1f2a3c'], ['user-agent', 'wrk'],
      ...(MCP ? [['accept', 'application/json, text/event-stream']] : [])],
    2: EVENTS
      ? [[':status', '200'], ['content-type', 'text/event-stream'], ['x-envoy-upstream-service-time', '0']]
      : [[':status', '200'], ['content-type', 'application/json'], ['content-length', String(respBody.length)], ['x-envoy-upstream-service-time', '0']],
  };
  buffers[0] = reqBody; buffers[1] = respBody;
  X.proxy_on_context_create(id, 1);
  const a1 = X.proxy_on_request_headers(id, maps[0].length, 0);
  const a2 = X.proxy_on_request_body(id, reqBody.length, 1);
  if (!localReply) {
    X.proxy_on_response_headers(id, maps[2].length, 0);
    if (EVENTS) {
      for (let i = 0; i < EVENTS; i++) { buffers[1] = streamEvent; X.proxy_on_response_body(id, streamEvent.length, 0); }
      buffers[1] = streamLast; X.proxy_on_response_body(id, streamLast.length, 1);
    } else {
      X.proxy_on_response_body(id, respBody.length, 1);
    }
  }
  X.proxy_on_log(id);
  X.proxy_on_done(id);
  X.proxy_on_delete(id);
  return [a1, a2];
}
let id = 100;
const W = parseInt(process.env.WARM || "2000"); for (let i = 0; i < W; i++) one(id++);
counting = true;
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) one(id++);
const dt = Number(process.hrtime.bigint() - t0) / N;
counting = false;
const r = one(id++);
console.log(`actions ${r} localReply ${localReply && localReply.code} ${localReply ? localReply.body.slice(0, 200) : ''}`);
console.log(`per request: ${(dt / 1000).toFixed(2)} us`);
const keys = Object.keys(counts).sort();
let total = 0;
for (const k of keys) { total += counts[k]; console.log(`${(counts[k] / N).toFixed(2).padStart(6)}  ${k}${bytesIn[k] ? '  bytes/req ' + (bytesIn[k] / N).toFixed(0) : ''}`); }
console.log(`${(total / N).toFixed(2).padStart(6)}  TOTAL host calls`);
if (process.env.SHOWLOG) console.log(props.get('aigw_log').toString());
