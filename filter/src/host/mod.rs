//! The thin host layer: the only code that talks to proxy-wasm. It turns
//! host statuses into `Result`s (and logs them) in one place, and applies the
//! state machine's [`Op`]s.

pub(crate) mod abi;
pub mod http;
pub(crate) mod metrics;
mod registry;
pub mod root;
mod services;

use std::time::Duration;

use aigw_core::errors::{ErrorCode, GatewayError};
use aigw_core::exchange::{CalloutResponse, Flow, Op, Step};
use aigw_core::formats::Format;
use aigw_core::headers::{encode, Headers};
use aigw_core::memory::Refused;

pub use abi::HostStatus;
use registry::Owner;
pub use services::HostServices;

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

/// Only the response's `:status` (one value, not the whole map: what an
/// answer that passes unread needs).
pub fn response_status() -> Headers {
    match warn_on_err(
        "get_header_map_value(:status)",
        abi::header_value(abi::MAP_RESPONSE_HEADERS, ":status"),
    ) {
        Some(Some(v)) => Headers::from_pairs(&[(":status", &v)]),
        _ => Headers::default(),
    }
}

fn headers(map: u32) -> Headers {
    let raw = warn_on_err("get_header_map_pairs", abi::header_pairs(map)).unwrap_or_default();
    Headers::from_host(raw).unwrap_or_else(|| {
        log(Level::Warn, "host returned a malformed header map");
        Headers::default()
    })
}

/// `len` 0 (an empty end-of-stream callback) costs no host call.
pub fn request_body(len: usize) -> Vec<u8> {
    if len == 0 {
        return Vec::new();
    }
    warn_on_err("get_buffer(request)", abi::buffer(abi::BUFFER_REQUEST_BODY, 0, len))
        .unwrap_or_default()
}

pub fn response_body(len: usize) -> Vec<u8> {
    if len == 0 {
        return Vec::new();
    }
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

/// Applies a step's ops and returns what the callback answers the host
/// (`in_callback`); outside a callback (a callout answer, a timer) the flow
/// is carried by explicit ops (`ResumeRequest`) and the return is unused.
/// A failed op that would let unchecked traffic through (a body or header
/// rewrite) fails the request closed with a 500 instead.
pub fn apply(step: Step, lens: BodyLens, owner: &Owner) -> proxy_wasm::types::Action {
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
            Op::Dispatch(call) if call.purpose.outlives_request() => {
                // Sent by the root at its next tick (within 10 ms).
                if let Some((owner, call)) = registry::add_detached(owner.clone(), call.clone()) {
                    dispatch(&call, &owner);
                }
                Ok(())
            }
            Op::Dispatch(call) => {
                dispatch(call, owner);
                Ok(())
            }
            Op::ResumeRequest => abi::continue_request(),
            Op::WakeAt { at, purpose } => {
                registry::add_timer(*at, owner.clone(), *purpose);
                Ok(())
            }
        };
        if let Err(HostStatus(s)) = r {
            log(Level::Error, &format!("applying {} failed with host status {s}", op_name(&op)));
            failed.get_or_insert(s);
        }
    }
    if failed.is_some() {
        let e = GatewayError::new(ErrorCode::Internal, "the gateway could not apply its decision");
        let headers = encode(&[("content-type", b"application/json")]);
        if abi::send_local_response(u32::from(e.status()), &headers, &e.body(Format::OpenAi))
            .is_ok()
        {
            return proxy_wasm::types::Action::Pause;
        }
    }
    match step.flow {
        Flow::Continue => proxy_wasm::types::Action::Continue,
        Flow::Pause => proxy_wasm::types::Action::Pause,
    }
}

/// Sends a callout. Through the SDK, which must know every token (it panics
/// on an answer it cannot route); a failure to dispatch (e.g. no such
/// cluster) is answered as "no answer" at the next tick.
fn dispatch(call: &aigw_core::exchange::Callout, owner: &Owner) {
    let headers: Option<Vec<(&str, &str)>> = call
        .headers
        .iter()
        .map(|(k, v)| Some((k.as_ref(), std::str::from_utf8(v).ok()?)))
        .collect();
    let result = match headers {
        Some(h) => proxy_wasm::hostcalls::dispatch_http_call(
            &call.cluster,
            h,
            (!call.body.is_empty()).then_some(call.body.as_slice()),
            Vec::new(),
            Duration::from_millis(u64::from(call.timeout_ms.max(1))),
        )
        .map_err(|s| format!("{s:?}")),
        None => Err("header value is not UTF-8".to_string()),
    };
    match result {
        Ok(token) => registry::add_callout(token, owner.clone(), call.purpose),
        Err(why) => {
            log(Level::Warn, &format!("callout to cluster {} failed: {why}", call.cluster));
            registry::add_failed(owner.clone(), call.purpose);
        }
    }
}

/// The most of an answer read with no request left to hold it (only a
/// fire-and-forget failure is logged from it).
const ORPHAN_READ_MAX: usize = 64 * 1024;

/// Reads a callout's answer (only valid during the answer's callback): the
/// headers, and the body of `body_size` bytes unless `refused` says why not.
pub fn callout_response(
    num_headers: usize,
    body_size: usize,
    refused: Option<Refused>,
) -> CalloutResponse {
    if num_headers == 0 {
        // Envoy reports a reset or a timeout as an answer without headers.
        return CalloutResponse::default();
    }
    let headers = headers(abi::MAP_HTTP_CALL_RESPONSE_HEADERS);
    let status = headers.get_str(":status").and_then(|s| s.parse().ok());
    let body = match refused {
        Some(_) => Vec::new(),
        None if body_size == 0 => Vec::new(),
        None => warn_on_err(
            "get_buffer(http_call_response)",
            abi::buffer(abi::BUFFER_HTTP_CALL_RESPONSE_BODY, 0, body_size),
        )
        .unwrap_or_default(),
    };
    CalloutResponse { status, headers, body, refused }
}

/// Delivers a callout's answer to the request that made it. Its body is
/// read only once the request's memory budget holds it; the hold is given
/// back when the answer has been handled.
pub fn deliver_callout(token: u32, num_headers: usize, body_size: usize) {
    let Some((owner, purpose)) = registry::take_callout(token) else { return };
    let Some(admitted) = registry::with_exchange(&owner, |ex| ex.admit_callout(body_size)) else {
        let refused = (body_size > ORPHAN_READ_MAX).then_some(Refused {
            wanted: body_size as u64,
            used: 0,
            limit: ORPHAN_READ_MAX as u64,
        });
        let response = callout_response(num_headers, body_size, refused);
        if let Some(w) = registry::orphan_answer(purpose, &response) {
            log(Level::Warn, &w);
        }
        return;
    };
    let (hold, refused) = match admitted {
        Ok(hold) => (Some(hold), None),
        Err(r) => (None, Some(r)),
    };
    let response = callout_response(num_headers, body_size, refused);
    let _ = run_async(&owner, |ex, svc| ex.on_callout(purpose, response, svc));
    drop(hold);
}

/// Sends the fire-and-forget callouts requests left (from the root's tick,
/// before any request becomes the effective context): they belong to the
/// root, which outlives every request.
pub fn send_detached() {
    for (owner, call) in registry::take_detached() {
        dispatch(&call, &owner);
    }
}

/// Runs due timers and failed dispatches (from the root's tick).
pub fn run_due() {
    let (failed, due) = registry::take_due(now_ns());
    for (owner, purpose) in failed {
        let _ =
            run_async(&owner, |ex, svc| ex.on_callout(purpose, CalloutResponse::default(), svc));
    }
    for (owner, purpose) in due {
        let _ = run_async(&owner, |ex, svc| ex.on_timer(purpose, svc));
    }
}

/// Drives a request outside its own callbacks: makes it the effective
/// context, runs `f` on its exchange, applies the step.
fn run_async(
    owner: &Owner,
    f: impl FnOnce(&mut aigw_core::exchange::Exchange, &mut HostServices) -> Step,
) -> Option<()> {
    abi::set_effective_context(owner.context_id).ok()?;
    let (step, request) = registry::with_exchange(owner, |ex| {
        let step = f(ex, &mut HostServices);
        (step, ex.request_body_len())
    })?;
    // A rewrite of the held request body replaces all of it.
    apply(step, BodyLens { request, response: 0 }, owner);
    Some(())
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
        Op::Dispatch(_) => "dispatch",
        Op::ResumeRequest => "resume request",
        Op::WakeAt { .. } => "timer",
    }
}
