//! Where a request is, and what a gate decided: the two words the
//! pipeline and its gates share (kept apart so the gates depend on them,
//! not on the pipeline that calls them).

use super::Step;

/// Where a request is. The waiting stages (`RequestBody`, `Classifying`,
/// `LimitsGlobal`, `CacheLookup`, `CacheWait`, `Fallback`) are entered only
/// here (`enter`); `Responding` and `Replied` on the response side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    RequestHeaders,
    /// Buffering an inspected request body (and scanning it).
    RequestBody,
    /// Paused for the L2 cache lookup.
    CacheLookup,
    /// Paused while another request for the same key is in flight.
    CacheWait,
    /// Paused while a retry or fallback attempt runs through a callout.
    Fallback,
    /// Paused for the reservation on global (Redis) counters.
    LimitsGlobal,
    /// Paused for the external guardrail classifier.
    Classifying,
    /// An MCP `tools/list` paused for the tool fingerprints in Redis.
    McpLookup,
    /// An MCP tool call paused for its reservation on global (Redis) counters.
    McpLimits,
    /// Past the scans: on its way upstream, or there (or streaming there
    /// uninspected).
    Upstream,
    Responding,
    /// The gateway answered locally.
    Replied,
}

/// What a gate (or a resume handler, for its gate) decided.
pub(crate) enum Gated {
    /// Passed: the next gate's turn.
    Next,
    /// Paused in this waiting stage until a callout's answer or a timer.
    Wait(Stage, Step),
    /// The gates are over for this request: it went upstream, or was
    /// answered (a refusal, a cache hit, a fallback's answer).
    Done(Step),
}

/// The request body on its way through the gates.
#[derive(Debug)]
pub(super) enum PendingBody {
    /// As the client sent it (what the host holds; shared with the
    /// worker's memo of bodies, `cache::recent`, when it is there).
    AsSent(std::rc::Rc<[u8]>),
    /// Rewritten by the scans: the provider gets this instead.
    Redacted(Vec<u8>),
}

impl Default for PendingBody {
    fn default() -> Self {
        PendingBody::AsSent(std::rc::Rc::from(Vec::new()))
    }
}

impl PendingBody {
    pub fn bytes(&self) -> &[u8] {
        match self {
            PendingBody::AsSent(b) => b,
            PendingBody::Redacted(b) => b,
        }
    }

    /// The body the provider must get instead of the client's.
    pub fn redacted(&self) -> Option<&[u8]> {
        match self {
            PendingBody::Redacted(b) => Some(b),
            PendingBody::AsSent(_) => None,
        }
    }
}
