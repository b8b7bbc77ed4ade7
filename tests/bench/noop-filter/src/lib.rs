//! The benchmark's floors. With no configuration: an HTTP filter that does
//! nothing (every callback continues), to show what any proxy-wasm filter
//! costs in Envoy before it does any work (VM entries per request).
//!
//! With the configuration `floor`: only the host work the gateway cannot
//! avoid on a plain request, and none of its logic: hold the headers, buffer
//! and read the JSON body, read the request headers once, set the path,
//! authority, cluster and provider key, read the response headers and body
//! (usage), and hand Envoy a log record. What that costs is the lower bound
//! for any body-aware gateway filter in this Envoy, whatever its code does.
//!
//! With `floor_hit`: the least a cache hit keyed on the body can do: hold the
//! headers, read the headers and the body, read the entry from shared data,
//! answer it locally, hand Envoy a log record.
//!
//! With `floor_mcp`: `floor` for an MCP tool call (path, authority and
//! cluster of the bench's MCP server, no key; the answer passes unread, as
//! the gateway's does when no policy reads it).
#![allow(unsafe_code)] // the SDK's entry macro calls the wasm constructors

use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::{Action, ContextType};

proxy_wasm::main! {{
    proxy_wasm::set_root_context(|_| -> Box<dyn RootContext> { Box::new(Root { mode: Mode::Noop }) });
}}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Noop,
    Floor,
    FloorHit,
    FloorMcp,
}

struct Root {
    mode: Mode,
}
impl Context for Root {}
impl RootContext for Root {
    fn on_configure(&mut self, _: usize) -> bool {
        let config = self.get_plugin_configuration().unwrap_or_default();
        self.mode = match config.trim_ascii() {
            b"floor" => Mode::Floor,
            b"floor_hit" => Mode::FloorHit,
            b"floor_mcp" => Mode::FloorMcp,
            _ => Mode::Noop,
        };
        if self.mode == Mode::FloorHit {
            let _ = self.set_shared_data(HIT_KEY, Some(CACHED.as_bytes()), None);
        }
        true
    }
    fn create_http_context(&self, _: u32) -> Option<Box<dyn HttpContext>> {
        match self.mode {
            Mode::Noop => Some(Box::new(Noop)),
            mode => Some(Box::new(Floor {
                hit: mode == Mode::FloorHit,
                mcp: mode == Mode::FloorMcp,
                response_bytes: 0,
            })),
        }
    }
    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}

struct Noop;
impl Context for Noop {}
impl HttpContext for Noop {}

const HIT_KEY: &str = "floor_hit";
/// The same body as the bench's `direct_response`.
const CACHED: &str = r#"{"id":"chatcmpl-mock-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"mock: Hello"},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}"#;

struct Floor {
    hit: bool,
    mcp: bool,
    response_bytes: usize,
}
impl Context for Floor {}
impl HttpContext for Floor {
    fn on_http_request_headers(&mut self, _: usize, end_of_stream: bool) -> Action {
        let headers = self.get_http_request_headers_bytes();
        std::hint::black_box(headers);
        if end_of_stream {
            Action::Continue
        } else {
            Action::Pause
        }
    }

    fn on_http_request_body(&mut self, size: usize, end_of_stream: bool) -> Action {
        if !end_of_stream {
            return Action::Pause;
        }
        std::hint::black_box(self.get_http_request_body(0, size));
        if self.hit {
            if let (Some(entry), _) = self.get_shared_data(HIT_KEY) {
                self.response_bytes = entry.len();
                self.send_http_response(
                    200,
                    vec![("content-type", "application/json")],
                    Some(&entry),
                );
                return Action::Pause;
            }
        }
        if self.mcp {
            self.set_http_request_header(":path", Some("/mcp"));
            self.set_http_request_header(":authority", Some("mcp.internal"));
            self.set_http_request_header("x-aigw-cluster", Some("mcp_server"));
            return Action::Continue;
        }
        self.set_http_request_header(":path", Some("/v1/chat/completions"));
        self.set_http_request_header(":authority", Some("api.openai.com"));
        self.set_http_request_header("x-aigw-cluster", Some("mock"));
        self.set_http_request_header("authorization", Some("Bearer sk-floor"));
        Action::Continue
    }

    fn on_http_response_headers(&mut self, _: usize, _: bool) -> Action {
        std::hint::black_box(self.get_http_response_headers_bytes());
        Action::Continue
    }

    fn on_http_response_body(&mut self, size: usize, _: bool) -> Action {
        if self.mcp {
            self.response_bytes += size;
            return Action::Continue;
        }
        if let Some(b) = self.get_http_response_body(0, size) {
            self.response_bytes += b.len();
        }
        Action::Continue
    }

    fn on_log(&mut self) {
        // About the size of the gateway's record.
        let record = format!(
            "{{\"request_id\":\"00000000-0000-0000-0000-000000000000\",\"route\":\"provider\",\
             \"provider\":\"openai\",\"endpoint\":\"/v1/chat/completions\",\"model\":\"gpt-4o-mini\",\
             \"status\":200,\"response_bytes\":{},\"input_tokens\":4,\"output_tokens\":2}}",
            self.response_bytes
        );
        self.set_property(vec!["aigw_log"], Some(record.as_bytes()));
    }
}
