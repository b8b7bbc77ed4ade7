use std::borrow::Cow;

use super::limits_flow::settle_failure;
use super::{cache_flow, limits_flow, CalloutResponse, Exchange, Flow, Op, Purpose, Step};
use crate::services::Services;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    RequestHeaders,
    /// Buffering an inspected request body.
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
    /// The request went upstream (or streams there uninspected).
    Upstream,
    Responding,
    /// The gateway answered locally.
    Replied,
}

impl Exchange {
    /// After the scans: the route's body (translated, usage asked), retries,
    /// limits, cache, upstream.
    pub(super) fn request_stage_two(&mut self, in_callback: bool, svc: &mut dyn Services) -> Step {
        let body = self.pending_body.take().unwrap_or_default();
        let mut ops = Vec::new();
        if self.compat.is_some() {
            let model = self.summary.model.clone();
            if let Err(e) = self.compat_route(model.as_deref(), &mut ops) {
                return self.reply(e);
            }
        }
        let model = self.facts.model.clone().unwrap_or_default();
        let built = match self.upstream_request(self.provider.unwrap_or(0), &model, &body, true) {
            Ok(b) => b,
            Err(e) => return self.reply(e),
        };
        self.injected_stream_usage = built.stream_usage;
        let new_body = built.body.or_else(|| self.body_changed.then(|| body.clone()));
        if let Some(b) = new_body {
            ops.push(Op::SetRequestHeader(
                Cow::Borrowed("content-length"),
                b.len().to_string().into_bytes(),
            ));
            ops.push(Op::SetRequestBody(b));
        }
        self.stage = Stage::Upstream;
        self.fallback_prepare(&body, svc);
        let mut step = match self.limits_begin(&body, self.summary.max_tokens, svc) {
            limits_flow::Admit::Stop(step) => {
                if step.flow == Flow::Pause && self.stage == Stage::LimitsGlobal {
                    self.pending_body = Some(body);
                }
                step
            }
            limits_flow::Admit::Go => {
                self.pending_body = Some(body);
                self.after_admission(in_callback, svc)
            }
        };
        if ops.is_empty() {
            return step;
        }
        ops.append(&mut step.ops);
        Step { ops, flow: step.flow }
    }

    /// Admitted: the cache's turn, then upstream.
    pub(super) fn after_admission(&mut self, in_callback: bool, svc: &mut dyn Services) -> Step {
        let body = self.pending_body.take().unwrap_or_default();
        if self.cacheable {
            if let Some(step) = self.cache_begin(&body, svc) {
                drop(body);
                // Waiting for the cache: only a retry chain's copy is kept.
                self.mem_settle_request();
                return step;
            }
        }
        self.go_upstream(in_callback, svc)
    }

    /// The answer to a callout this request made.
    pub fn on_callout(
        &mut self,
        purpose: Purpose,
        response: CalloutResponse,
        svc: &mut dyn Services,
    ) -> Step {
        match purpose {
            Purpose::CacheLookup => self.cache_on_lookup(response, svc),
            Purpose::CacheStore => {
                if let Some(w) = cache_flow::store_failure(&response) {
                    svc.warn(&w);
                }
                Step::cont(Vec::new())
            }
            Purpose::Attempt(n) => self.fallback_on_answer(n, response, svc),
            Purpose::LimitsReserve => self.limits_on_global(response, svc),
            Purpose::LimitsSettle => {
                if let Some(w) = settle_failure(&response) {
                    svc.warn(&w);
                }
                Step::cont(Vec::new())
            }
            Purpose::Classify => self.dlp_on_classified(response, svc),
        }
    }

    /// A timer this request asked for ([`Op::WakeAt`]) is due.
    pub fn on_timer(&mut self, svc: &mut dyn Services) -> Step {
        match self.stage {
            Stage::CacheWait => self.cache_on_wait(svc),
            _ => self.fallback_on_timer(svc),
        }
    }
}
