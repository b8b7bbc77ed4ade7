//! The thin host layer: the only code that talks to proxy-wasm. It turns
//! host statuses into `Result`s (and logs them) in one place, and applies the
//! state machine's [`Op`]s.

mod abi;
pub mod http;
pub mod root;

use crate::exchange::{Flow, Op, Step};
use crate::headers::Headers;

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
    Headers(decode_map(&raw).unwrap_or_else(|| {
        log(Level::Warn, "host returned a malformed header map");
        Vec::new()
    }))
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
                    headers.iter().map(|(k, v)| (k.as_str(), v.as_bytes())).collect();
                let r = abi::send_local_response(u32::from(*status), &encode_map(&pairs), body);
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
        let headers = encode_map(&[("content-type", b"application/json")]);
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

/// Decodes a proxy-wasm header map: `u32 count`, then `count` pairs of
/// `u32 key_len, u32 value_len`, then each key and value followed by NUL.
/// Names that are not UTF-8 are dropped (Envoy never produces them).
pub fn decode_map(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    if bytes.is_empty() {
        return Some(Vec::new());
    }
    let word = |at: usize| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    };
    let count = word(0)?;
    let mut data = count.checked_mul(8)?.checked_add(4)?;
    let mut out = Vec::with_capacity(count.min(256));
    for i in 0..count {
        let klen = word(4 + i * 8)?;
        let vlen = word(8 + i * 8)?;
        let key = bytes.get(data..data.checked_add(klen)?)?;
        data = data.checked_add(klen)?.checked_add(1)?;
        let value = bytes.get(data..data.checked_add(vlen)?)?;
        data = data.checked_add(vlen)?.checked_add(1)?;
        if let Ok(k) = std::str::from_utf8(key) {
            out.push((k.to_string(), value.to_vec()));
        }
    }
    Some(out)
}

pub fn encode_map(pairs: &[(&str, &[u8])]) -> Vec<u8> {
    let size: usize = 4 + pairs.iter().map(|(k, v)| 8 + k.len() + v.len() + 2).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    for (k, v) in pairs {
        out.extend_from_slice(&(k.len() as u32).to_le_bytes());
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
    }
    for (k, v) in pairs {
        out.extend_from_slice(k.as_bytes());
        out.push(0);
        out.extend_from_slice(v);
        out.push(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_roundtrip() {
        let pairs: Vec<(&str, &[u8])> = vec![(":path", b"/x"), ("bin", &[0xff, 0, 1]), ("e", b"")];
        let decoded = decode_map(&encode_map(&pairs)).unwrap();
        assert_eq!(decoded.len(), 3);
        assert_eq!(decoded[1], ("bin".to_string(), vec![0xff, 0, 1]));
        assert_eq!(decode_map(&[]).unwrap(), vec![]);
    }

    #[test]
    fn malformed_maps_are_rejected_not_panicking() {
        let good = encode_map(&[("a", b"b")]);
        for cut in 0..good.len() {
            let _ = decode_map(&good[..cut]);
        }
        assert!(decode_map(&[0xff, 0xff, 0xff, 0xff]).is_none());
        assert!(decode_map(&[1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]).is_none());
    }
}
