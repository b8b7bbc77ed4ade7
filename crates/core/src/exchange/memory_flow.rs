//! The request's part of the VM's memory budget (`crate::memory`): what it
//! keeps between callbacks is held on the budget before it is read, and
//! given back when it is no longer needed (or when the request ends in any
//! way: the holds release on drop). A request the budget cannot hold gets a
//! clean 503 `aigw_overloaded` with `Retry-After`, never a trap.

use std::borrow::Cow;
use std::rc::Rc;

use super::{Exchange, ResponseBody, Stage, Step};
use crate::errors::{ErrorCode, GatewayError};
use crate::memory::{Hold, Ledger, Refused};

/// Seconds a refused client is told to wait.
const RETRY_AFTER_S: &str = "1";

/// What one request holds on the budget, by part.
#[derive(Debug)]
pub(super) struct MemHolds {
    /// The request body: read for inspection, kept for retries and while a
    /// callout (global limits, classifier) runs.
    pub request: Hold,
    /// Copies of the answer kept across its chunks (usage, SSE events).
    pub response: Hold,
    /// The answer captured for the cache.
    pub capture: Hold,
}

impl MemHolds {
    pub(super) fn new(ledger: &Rc<Ledger>) -> MemHolds {
        MemHolds {
            request: Hold::new(ledger),
            response: Hold::new(ledger),
            capture: Hold::new(ledger),
        }
    }

    pub(super) fn release_all(&mut self) {
        self.request.release();
        self.response.release();
        self.capture.release();
    }
}

impl Exchange {
    /// Holds `len` bytes of request body before the filter reads it.
    pub(super) fn mem_hold_request_body(&mut self, len: usize) -> Result<(), Step> {
        let held = usize::try_from(self.mem.request.bytes()).unwrap_or(usize::MAX);
        if held >= len {
            return Ok(());
        }
        match self.mem.request.grow(len - held) {
            Ok(()) => Ok(()),
            Err(r) => Err(self.overloaded(r, "request body")),
        }
    }

    /// Gives back what the request no longer keeps of its body (after it
    /// went upstream, or was answered): a retry chain keeps one copy.
    pub(super) fn mem_settle_request(&mut self) {
        let keep = self.resilience.as_ref().map_or(0, |r| r.held_bytes())
            + self.pending_body.as_ref().map_or(0, |b| b.bytes().len());
        let held = usize::try_from(self.mem.request.bytes()).unwrap_or(usize::MAX);
        if keep < held {
            let _ = self.mem.request.resize(keep);
        }
    }

    /// Before the filter reads an answer it holds whole (scanned or
    /// translated at its end): a hold for the callback's read, dropped by
    /// the caller after it. Refused: a 503 instead of the answer (never the
    /// answer unscanned).
    pub fn reserve_whole_response(
        &mut self,
        size: usize,
        end_of_stream: bool,
    ) -> Result<Option<Hold>, Step> {
        let whole = self.dlp_holds_response()
            || self.mcp_holds_response()
            || matches!(self.response, ResponseBody::TranslateJson { .. });
        if !end_of_stream || !whole || self.stage == Stage::Replied || size == 0 {
            return Ok(None);
        }
        let mut hold = Hold::new(&self.config.memory);
        match hold.grow(size) {
            Ok(()) => Ok(Some(hold)),
            Err(r) => Err(self.overloaded(r, "response body")),
        }
    }

    /// Before the host reads a callout's answer of `size` bytes (Envoy
    /// tells the size first): a hold for it, released by the host once the
    /// answer has been handled; or why it may not be read, delivered in
    /// [`CalloutResponse::refused`](super::CalloutResponse) so each purpose
    /// decides (an attempt: 503; a cache lookup: a miss; limits and the
    /// classifier: their `on_error`). An answer larger than the whole
    /// budget is never read.
    pub fn admit_callout(&self, size: usize) -> Result<Hold, Refused> {
        let mut hold = Hold::new(&self.config.memory);
        hold.grow(size).map(|()| hold)
    }

    /// The clean refusal, with its reason for the log record.
    pub(super) fn overloaded(&mut self, r: Refused, what: &str) -> Step {
        self.facts.overload = Some(format!("{what}: {r}"));
        self.reply_with(
            GatewayError::new(
                ErrorCode::Overloaded,
                "the gateway is holding as much as it may in memory; retry shortly",
            ),
            vec![(Cow::Borrowed("retry-after"), RETRY_AFTER_S.to_string())],
        )
    }
}
