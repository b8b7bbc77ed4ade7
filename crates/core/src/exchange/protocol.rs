//! The vocabulary between the exchange and the host layer: the ops it asks
//! for, the callbacks' flow, why a callout or a timer was made, and what a
//! callout answered.

use std::borrow::Cow;

use crate::headers::Headers;

/// A header name: static for the gateway's own, owned for ones it read.
pub type Name = Cow<'static, str>;

/// A change for the host layer to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    SetRequestHeader(Name, Vec<u8>),
    RemoveRequestHeader(Name),
    /// Replaces the whole buffered request body.
    SetRequestBody(Vec<u8>),
    SetResponseHeader(Name, Vec<u8>),
    RemoveResponseHeader(Name),
    /// Replaces the response body the current callback holds.
    SetResponseBody(Vec<u8>),
    /// Answers the client directly; the request goes no further.
    SendLocal {
        status: u16,
        headers: Vec<(Name, String)>,
        body: Vec<u8>,
    },
    /// An HTTP call to another cluster; its answer comes back through
    /// [`Exchange::on_callout`](super::Exchange::on_callout) (unless the call is fire-and-forget).
    Dispatch(Callout),
    /// Lets a request paused outside a callback (after a callout or a
    /// timer) go on upstream.
    ResumeRequest,
    /// Calls [`Exchange::on_timer`](super::Exchange::on_timer) with
    /// `purpose` at (about) `at`, in ns.
    WakeAt {
        at: u64,
        purpose: TimerPurpose,
    },
}

/// Why a timer was set: where it goes when it is due (as [`Purpose`] for
/// callouts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerPurpose {
    /// A coalescing follower looks for the leader's answer.
    CoalescePoll,
    /// Step 0's time to its response headers.
    FirstByteDeadline,
    /// The end of a retry's backoff.
    Backoff,
    /// A request paused for its body checks that the body reaches the
    /// filter (`body_watch`).
    BodyWatch,
    /// A held answer checks that its body reaches the filter.
    ResponseBodyWatch,
}

/// Why a callout was made: where its answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    CacheLookup,
    /// Fire-and-forget: only a failure is logged.
    CacheStore,
    /// An attempt of a retry or fallback step (its number, to drop late
    /// answers of abandoned attempts).
    Attempt(u32),
    /// The reservation on global (Redis) counters.
    LimitsReserve,
    /// Fire-and-forget: the settlement of global counters.
    LimitsSettle,
    /// The external guardrail classifier on the request.
    Classify,
    /// The tool fingerprints of an MCP server in Redis (`mcp_flow`).
    McpFingerprints,
    /// An MCP tool call's reservation on global (Redis) counters.
    McpLimitsReserve,
    /// Fire-and-forget: the offer of a new fingerprint to Redis.
    McpFingerprintOffer,
}

impl Purpose {
    /// Fire-and-forget callouts outlive their request: the host sends them
    /// from the root context, so the end of the request cannot cancel them
    /// (Envoy cancels a context's callouts in flight when it goes away).
    pub fn outlives_request(self) -> bool {
        matches!(self, Purpose::CacheStore | Purpose::LimitsSettle | Purpose::McpFingerprintOffer)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callout {
    pub purpose: Purpose,
    pub cluster: String,
    /// Must include `:method`, `:path` and `:authority`.
    pub headers: Vec<(Name, Vec<u8>)>,
    pub body: Vec<u8>,
    /// Never zero (zero means no timeout at all to Envoy).
    pub timeout_ms: u32,
}

impl Callout {
    /// The pseudo-headers every callout carries, and its body's content type.
    pub fn headers(
        method: &str,
        path: impl Into<Vec<u8>>,
        authority: &str,
        content_type: Option<&'static str>,
    ) -> Vec<(Name, Vec<u8>)> {
        let mut h = vec![
            (Cow::Borrowed(":method"), method.as_bytes().to_vec()),
            (Cow::Borrowed(":path"), path.into()),
            (Cow::Borrowed(":authority"), authority.as_bytes().to_vec()),
        ];
        if let Some(ct) = content_type {
            h.push((Cow::Borrowed("content-type"), ct.as_bytes().to_vec()));
        }
        h
    }
}

/// A callout's answer. `status` is None when there was no HTTP answer at all
/// (reset, timeout, a missing cluster).
#[derive(Debug, Clone, Default)]
pub struct CalloutResponse {
    pub status: Option<u16>,
    pub headers: Headers,
    pub body: Vec<u8>,
    /// Set when the body was not read: the memory budget could not hold
    /// it ([`Exchange::admit_callout`](super::Exchange::admit_callout)). Never handled as an empty body.
    pub refused: Option<crate::memory::Refused>,
}

/// Whether the host lets the stream continue after this callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Headers: stop iteration; body: stop and buffer.
    Pause,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub ops: Vec<Op>,
    pub flow: Flow,
}

impl Step {
    pub(super) fn cont(ops: Vec<Op>) -> Self {
        Step { ops, flow: Flow::Continue }
    }
    pub(super) fn pause(ops: Vec<Op>) -> Self {
        Step { ops, flow: Flow::Pause }
    }
}

/// What the request body callback needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyNeed {
    /// Pass the chunk on (the body is not inspected).
    Pass,
    /// Keep buffering.
    Buffer,
    /// The whole body is buffered: hand it to [`Exchange::on_request_body`](super::Exchange::on_request_body).
    Complete,
    /// Stop with these ops (e.g. body too large).
    Stop(Step),
}
