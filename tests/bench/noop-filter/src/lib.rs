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
#![allow(unsafe_code)] // the SDK's entry macro calls the wasm constructors

use proxy_wasm::traits::{Context, HttpContext, RootContext};
use proxy_wasm::types::{Action, ContextType};

proxy_wasm::main! {{
    proxy_wasm::set_root_context(|_| -> Box<dyn RootContext> { Box::new(Root { floor: false }) });
}}

struct Root {
    floor: bool,
}
impl Context for Root {}
impl RootContext for Root {
    fn on_configure(&mut self, _: usize) -> bool {
        self.floor = self.get_plugin_configuration().is_some_and(|c| c.trim_ascii() == b"floor");
        true
    }
    fn create_http_context(&self, _: u32) -> Option<Box<dyn HttpContext>> {
        if self.floor {
            Some(Box::new(Floor { response_bytes: 0 }))
        } else {
            Some(Box::new(Noop))
        }
    }
    fn get_type(&self) -> Option<ContextType> {
        Some(ContextType::HttpContext)
    }
}

struct Noop;
impl Context for Noop {}
impl HttpContext for Noop {}

struct Floor {
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
