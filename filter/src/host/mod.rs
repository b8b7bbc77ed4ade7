//! The thin host layer: the only code that talks to proxy-wasm. It turns
//! host statuses into `Result`s (and logs them) in one place, and applies the
//! state machine's [`Op`]s.

mod abi;
pub mod http;
pub mod root;

use crate::exchange::{Flow, Op, Step};
use crate::headers::{encode, Headers};

pub use abi::HostStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info = 2,
    Warn = 3,
    Error = 4,
    Critical = 5,
}

pub fn log(level: Level, message: &str) {
    // Nowhere to report a failure to log.
    let _ = abi::log(level as u32, message);
}

fn warn_on_err<T>(what: &str, r: Result<T, HostStatus>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(HostStatus(s)) => {
            log(Level::Warn, &format!("host call {what} failed with status {s}"));
            None
        }
    }
}

pub fn now_ns() -> u64 {
    warn_on_err("get_current_time", abi::now_ns()).unwrap_or(0)
}

pub fn request_headers() -> Headers {
    headers(abi::MAP_REQUEST_HEADERS)
}

pub fn response_headers() -> Headers {
    headers(abi::MAP_RESPONSE_HEADERS)
}

fn headers(map: u32) -> Headers {
    let raw = warn_on_err("get_header_map_pairs", abi::header_pairs(map)).unwrap_or_default();
    Headers::from_host(raw).unwrap_or_else(|| {
        log(Level::Warn, "host returned a malformed header map");
        Headers::default()
    })
}

pub fn request_body(len: usize) -> Vec<u8> {
    warn_on_err("get_buffer(request)", abi::buffer(abi::BUFFER_REQUEST_BODY, 0, len))
        .unwrap_or_default()
}

pub fn response_body(len: usize) -> Vec<u8> {
    warn_on_err("get_buffer(response)", abi::buffer(abi::BUFFER_RESPONSE_BODY, 0, len))
        .unwrap_or_default()
}

pub fn plugin_configuration() -> Vec<u8> {
    warn_on_err(
        "get_buffer(plugin_configuration)",
        abi::buffer(abi::BUFFER_PLUGIN_CONFIGURATION, 0, usize::MAX),
    )
    .unwrap_or_default()
}

/// Hands a value to Envoy as filter state `wasm.<key>` (read by access logs).
pub fn set_filter_state(key: &str, value: &[u8]) {
    warn_on_err("set_property", abi::set_property(key.as_bytes(), value));
}

/// Where the ops of a step apply: the sizes of the bodies the current
/// callback holds, so a body replacement replaces exactly those bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct BodyLens {
    pub request: usize,
    pub response: usize,
}

/// Applies a step's ops and returns what the callback answers the host.
/// A failed op that would let unchecked traffic through (a body or header
/// rewrite) fails the request closed with a 500 instead.
pub fn apply(step: Step, lens: BodyLens) -> proxy_wasm::types::Action {
    let mut failed = None;
    for op in step.ops {
        let r = match &op {
            Op::SetRequestHeader(k, v) => abi::replace_header(abi::MAP_REQUEST_HEADERS, k, v),
            Op::RemoveRequestHeader(k) => abi::remove_header(abi::MAP_REQUEST_HEADERS, k),
            Op::SetResponseHeader(k, v) => abi::replace_header(abi::MAP_RESPONSE_HEADERS, k, v),
            Op::RemoveResponseHeader(k) => abi::remove_header(abi::MAP_RESPONSE_HEADERS, k),
            Op::SetRequestBody(b) => abi::set_buffer(abi::BUFFER_REQUEST_BODY, 0, lens.request, b),
            Op::SetResponseBody(b) => {
                abi::set_buffer(abi::BUFFER_RESPONSE_BODY, 0, lens.response, b)
            }
            Op::SendLocal { status, headers, body } => {
                let pairs: Vec<(&str, &[u8])> =
                    headers.iter().map(|(k, v)| (k.as_ref(), v.as_bytes())).collect();
                let r = abi::send_local_response(u32::from(*status), &encode(&pairs), body);
                if r.is_ok() {
                    return proxy_wasm::types::Action::Pause;
                }
                r
            }
        };
        if let Err(HostStatus(s)) = r {
            log(Level::Error, &format!("applying {} failed with host status {s}", op_name(&op)));
            failed.get_or_insert(s);
        }
    }
    if failed.is_some() {
        let body = br#"{"error":{"message":"the gateway could not apply its decision","type":"api_error","code":"aigw_internal_error"}}"#;
        let headers = encode(&[("content-type", b"application/json")]);
        if abi::send_local_response(500, &headers, body).is_ok() {
            return proxy_wasm::types::Action::Pause;
        }
    }
    match step.flow {
        Flow::Continue => proxy_wasm::types::Action::Continue,
        Flow::Pause => proxy_wasm::types::Action::Pause,
    }
}

fn op_name(op: &Op) -> &'static str {
    match op {
        Op::SetRequestHeader(..) => "set request header",
        Op::RemoveRequestHeader(..) => "remove request header",
        Op::SetRequestBody(..) => "set request body",
        Op::SetResponseHeader(..) => "set response header",
        Op::RemoveResponseHeader(..) => "remove response header",
        Op::SetResponseBody(..) => "set response body",
        Op::SendLocal { .. } => "send local response",
    }
}
