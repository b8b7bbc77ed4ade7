//! The per-request state machine. It owns the whole flow (request headers,
//! body, callouts, response, log) and decides every pause and resume; it
//! never calls the host: events come in as plain data and it answers with
//! [`Op`]s that the host layer applies in one place. That keeps it natively
//! testable.
//!
//! Start with `pipeline`: the order of a request's gates, and where each
//! pauses and resumes. Around it: `protocol` (the vocabulary with the
//! host), `request` (headers and body intake), `route` (where the request
//! goes), `response` (headers, body, the gateway's own replies) and `log`
//! (the record). Features hang off the gates: `dlp_flow`, `limits_flow`,
//! `cache_flow` (lookup, coalescing, store), `fallback` (retries, timeouts,
//! fallback chains), `memory_flow`, `upstream_request`.

use std::rc::Rc;

use crate::config::Config;
use crate::formats::Format;
use crate::headers::Dialect;
// The tests' vocabulary (they `use super::*`).
#[cfg(test)]
use crate::headers::Headers;
use crate::request_body;
use crate::routing::Compat;

mod body_watch;
mod cache_flow;
mod dlp_flow;
mod fallback;
mod limits_flow;
mod log;
mod mcp_flow;
mod memory_flow;
mod metrics_flow;
mod otel_flow;
mod pipeline;
mod protocol;
mod request;
mod response;
mod route;
mod rules_flow;
mod stage;
mod unheld;
mod upstream_request;

pub use cache_flow::{store_failure, CacheState};
pub use limits_flow::settle_failure;
pub use log::Facts;
pub use mcp_flow::offer_failure;
pub use protocol::{
    BodyNeed, Callout, CalloutResponse, Flow, Name, Op, Purpose, Step, TimerPurpose,
};
use request::Snapshot;
use response::{Delivery, ResponseBody, UsageChunk};
use stage::{PendingBody, Stage};

pub struct Exchange {
    config: Rc<Config>,
    stage: Stage,
    /// The client's API format (for the gateway's own errors).
    client_format: Format,
    /// The provider requests go to first (step 0).
    provider: Option<usize>,
    /// The key sent to it: an alias's index into its `keys`; None: `api_key`.
    key: Option<usize>,
    /// The config route that chose the provider and model, if any.
    route: Option<rules_flow::Routed>,
    rule_inputs: rules_flow::RuleInputs,
    /// Ops for the next gates to send (a downgrade decided in a resume).
    held_ops: Vec<Op>,
    compat: Option<Compat>,
    /// The chat API the client speaks, on chat endpoints.
    client_wire: Option<Format>,
    snapshot: Snapshot,
    /// Who asked for the usage chunk of a chat stream.
    usage_chunk: UsageChunk,
    start_ns: u64,
    response: ResponseBody,
    /// How far the answer to the client has gone.
    delivery: Delivery,
    /// The control headers the client speaks (and is answered in).
    dialect: Dialect,
    /// Who the caller is, for cache isolation.
    identity: Vec<u8>,
    cache_controls: crate::cache::Controls,
    pub cache: Option<CacheState>,
    /// A per-request id for locks (unique enough across workers).
    owner: u64,
    resilience: Option<Box<fallback::Resilience>>,
    limits: Option<Box<limits_flow::LimitsState>>,
    /// `x-aigw-custom-cost`: this request's price.
    custom_price: Option<aigw_limits::Price>,
    /// What the endpoint allow-list decided (provider routes).
    allowed: Option<crate::endpoints::Allowed>,
    /// The request body between the gates (and while a global admission
    /// is in flight).
    pending_body: Option<PendingBody>,
    /// Fire-and-forget ops for after the end of the request (settlements).
    deferred: Vec<Op>,
    dlp: Option<Box<dlp_flow::DlpState>>,
    /// The MCP route's state (`mcp_flow`); None on every other route.
    mcp: Option<Box<mcp_flow::McpState>>,
    /// The request body's summary (model, stream, max tokens).
    summary: request_body::RequestSummary,
    /// The worker's memo entry of this request's body (`cache::recent`):
    /// its summary and cache keys, and the bytes themselves.
    recent: Option<Rc<crate::cache::recent::Remembered>>,
    /// Bytes of request body the host holds (what a rewrite replaces).
    request_body_len: usize,
    /// What this request holds on the VM's memory budget.
    mem: memory_flow::MemHolds,
    /// The request body's size as last reported by the host.
    request_buffered: usize,
    /// A request paused for its body, or a held answer, waiting for a
    /// body callback (`body_watch`).
    watch: body_watch::Watch,
    pub facts: Facts,
    /// What the log record holds.
    recording: log::Recording,
    /// The OpenTelemetry attributes were handed over (`otel_flow`): a
    /// latch, so a bool (it depends on no other field).
    otel_taken: bool,
    /// The body goes on unheld and unread (`unheld`): a latch set once at
    /// the headers.
    unheld: bool,
}

impl Exchange {
    pub fn new(config: Rc<Config>) -> Self {
        let mem = memory_flow::MemHolds::new(&config.memory);
        Exchange {
            config,
            stage: Stage::RequestHeaders,
            client_format: Format::OpenAi,
            provider: None,
            key: None,
            route: None,
            rule_inputs: rules_flow::RuleInputs::default(),
            held_ops: Vec::new(),
            compat: None,
            client_wire: None,
            snapshot: Snapshot::default(),
            usage_chunk: UsageChunk::Nobody,
            start_ns: 0,
            response: ResponseBody::Pass,
            delivery: Delivery::Pending,
            dialect: Dialect::Aigw,
            identity: Vec::new(),
            cache_controls: crate::cache::Controls::default(),
            cache: None,
            owner: 0,
            resilience: None,
            limits: None,
            custom_price: None,
            allowed: None,
            pending_body: None,
            deferred: Vec::new(),
            dlp: None,
            mcp: None,
            summary: request_body::RequestSummary::default(),
            recent: None,
            request_body_len: 0,
            mem,
            request_buffered: 0,
            watch: body_watch::Watch::Off,
            recording: log::Recording::Counts,
            otel_taken: false,
            unheld: false,
            facts: Facts::default(),
        }
    }

    /// Bytes of request body the host holds (for rewrites made outside the
    /// body callback).
    pub fn request_body_len(&self) -> usize {
        self.request_body_len
    }

    /// Ops to run after the request is over (fire-and-forget callouts).
    pub fn take_deferred(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.deferred)
    }

    /// Gives the request an owner id for shared locks (the host passes its
    /// context id; mixed with the start time it is unique across workers).
    pub fn set_owner(&mut self, context_id: u32) {
        self.owner = (u64::from(context_id) << 40) ^ self.start_ns;
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_avail;
#[cfg(test)]
mod tests_dlp;
#[cfg(test)]
mod tests_fallback;
#[cfg(test)]
mod tests_kinds;
#[cfg(test)]
mod tests_limits;
#[cfg(test)]
mod tests_logs;
#[cfg(test)]
mod tests_mcp;
#[cfg(test)]
mod tests_metrics;
#[cfg(test)]
mod tests_routing;
#[cfg(test)]
mod tests_unheld;
