//! A request's order, written down once: the gates it passes, in order,
//! and where it may pause. This module is the only one that enters a
//! waiting stage; resume handlers (callout answers, timers) report what
//! their gate decided, and the pipeline goes on from the gate after it.
//!
//! | gate       | what it does (where)                                     | may pause in (for)                                | resumes via                        |
//! |------------|----------------------------------------------------------|---------------------------------------------------|------------------------------------|
//! | (headers)  | auth, gateway headers, route, allow-list (`request`)      | `RequestBody` (the body)                          | `on_request_body`                  |
//! | `Scan`     | DLP and guardrails on the prompt (`dlp_flow`)             | -                                                 | -                                  |
//! | `Classify` | the external guardrail classifier (`dlp_flow`)            | `Classifying` (callout `Classify`)                | `dlp_on_classified`                |
//! | `Route`    | unified route, body rewrite, retry chain (`route`, `upstream_request`, `fallback`) | -                        | -                                  |
//! | `Admit`    | rate limits, budgets: reserve (`limits_flow`); a refusal a route downgrades goes back to `Route` once (`rules_flow`) | `LimitsGlobal` (callout `LimitsReserve`)          | `limits_on_global`                 |
//! | `Cache`    | L1, L2 lookup, coalescing (`cache_flow`)                  | `CacheLookup` (callout), `CacheWait` (timer `CoalescePoll`) | `cache_on_lookup`, `cache_on_wait` |
//! | `Upstream` | the route rewrite; first-byte deadline, open circuits (`route`, `fallback`) | `Fallback` (callout `Attempt`; timers `FirstByteDeadline`, `Backoff`) | `fallback_on_*` |
//! | (response) | headers; body steps: account, read (usage, translation), scan, capture for the cache (`response`) | a held answer (DLP) | `on_response_body` |
//! | (log)      | settle limits, release the cache lock, the record (`log`) | -                                                 | -                                  |
//!
//! A config route (`rules_flow`) is chosen when the body arrives, before
//! `Scan`: the DLP policy, the limits and the cache all depend on the
//! provider and model it picks. A request whose body is not inspected
//! enters at `Admit` (counted, never cached), as does one whose route reads
//! nothing of its body (`unheld`: it streams on unbuffered). Any gate may
//! answer instead (a refusal, a cache hit): the request then goes no further.

use std::borrow::Cow;

use super::limits_flow::{settle_failure, Admit};
use super::stage::{Gated, PendingBody, Stage};
use super::{cache_flow, CalloutResponse, Exchange, Op, Purpose, Step, TimerPurpose, UsageChunk};
use crate::services::Services;

/// A request's gates, in the order it passes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gate {
    Scan,
    Classify,
    Route,
    Admit,
    Cache,
    Upstream,
}

impl Gate {
    fn next(self) -> Option<Gate> {
        match self {
            Gate::Scan => Some(Gate::Classify),
            Gate::Classify => Some(Gate::Route),
            Gate::Route => Some(Gate::Admit),
            Gate::Admit => Some(Gate::Cache),
            Gate::Cache => Some(Gate::Upstream),
            Gate::Upstream => None,
        }
    }

    /// The stage a request is in while this gate runs.
    fn stage(self) -> Stage {
        match self {
            Gate::Scan | Gate::Classify => Stage::RequestBody,
            Gate::Route | Gate::Admit | Gate::Cache | Gate::Upstream => Stage::Upstream,
        }
    }
}

impl Exchange {
    /// The complete body of an inspected request enters the gates (the
    /// scan reads the host's bytes; later gates the scanned copy).
    pub(super) fn gates_with_body(&mut self, body: &[u8], svc: &mut dyn Services) -> Step {
        self.stage = Gate::Scan.stage();
        let outcome = self.gate_scan(body, svc);
        self.gate_done(Gate::Scan, outcome, true, svc)
    }

    /// An inspected request waits for its whole body (the gates need it).
    pub(super) fn await_body(&mut self) -> Step {
        self.enter(Gated::Wait(Stage::RequestBody, Step::pause(Vec::new())))
    }

    /// A request whose body is not inspected: still counted by the limits.
    pub(super) fn gates_uninspected(&mut self, svc: &mut dyn Services) -> Step {
        self.run_gates(Gate::Admit, true, svc)
    }

    /// Gate `done` finished with `outcome`: pause, stop, or run the gates
    /// after it. `in_callback`: inside the host's request callback (else
    /// the request is resumed by an op).
    fn gate_done(
        &mut self,
        done: Gate,
        outcome: Gated,
        in_callback: bool,
        svc: &mut dyn Services,
    ) -> Step {
        match (outcome, done.next()) {
            (Gated::Next, Some(next)) => self.run_gates(next, in_callback, svc),
            (Gated::Next, None) => Step::cont(Vec::new()),
            (outcome, _) => self.enter(outcome),
        }
    }

    /// Runs the gates from `first` until one pauses or ends the gates.
    /// Ops of gates that passed (a body rewrite) go before the last one's.
    fn run_gates(&mut self, first: Gate, in_callback: bool, svc: &mut dyn Services) -> Step {
        // A downgrade decided in a resume left its ops for these gates.
        let mut ops = std::mem::take(&mut self.held_ops);
        let mut gate = first;
        loop {
            self.stage = gate.stage();
            let outcome = match gate {
                // Entered with the host's body only (`gates_with_body`).
                Gate::Scan => Gated::Next,
                Gate::Classify => self.gate_classify(),
                Gate::Route => self.gate_route(&mut ops, svc),
                Gate::Admit => self.gate_admit(&mut ops, svc),
                Gate::Cache => self.gate_cache(svc),
                Gate::Upstream => self.go_upstream(in_callback, svc),
            };
            let step = match (outcome, gate.next()) {
                (Gated::Next, Some(next)) => {
                    gate = next;
                    continue;
                }
                (Gated::Next, None) => Step::cont(Vec::new()),
                (outcome, _) => self.enter(outcome),
            };
            if ops.is_empty() {
                return step;
            }
            ops.extend(step.ops);
            return Step { ops, flow: step.flow };
        }
    }

    /// The one place a request enters a waiting stage.
    pub(super) fn enter(&mut self, outcome: Gated) -> Step {
        match outcome {
            Gated::Next => Step::cont(Vec::new()),
            Gated::Wait(stage, step) => {
                self.stage = stage;
                step
            }
            Gated::Done(step) => step,
        }
    }

    /// A paused gate's answer arrived: if the request still waits for it,
    /// the handler decides, and the gates go on from there.
    fn resume(
        &mut self,
        waiting: Stage,
        gate: Gate,
        svc: &mut dyn Services,
        handler: impl FnOnce(&mut Exchange, &mut dyn Services) -> Gated,
    ) -> Step {
        if self.stage != waiting {
            // Late: the request moved on (answered, or went elsewhere).
            return Step::cont(Vec::new());
        }
        self.stage = gate.stage();
        let outcome = handler(self, svc);
        self.gate_done(gate, outcome, false, svc)
    }

    // --------------------------------------------------------------- gates

    /// What the model reads is scanned before anything else sees it.
    fn gate_scan(&mut self, body: &[u8], svc: &mut dyn Services) -> Gated {
        match self.dlp_request(body, svc) {
            Ok(redacted) => {
                let body = match redacted {
                    Some(b) => PendingBody::Redacted(b),
                    // The memo's copy when it holds these bytes: not copied again.
                    None => PendingBody::AsSent(match &self.recent {
                        Some(r) => std::rc::Rc::clone(&r.body),
                        None => body.into(),
                    }),
                };
                self.log_prompt(body.bytes());
                self.pending_body = Some(body);
                Gated::Next
            }
            Err(step) => Gated::Done(step),
        }
    }

    fn gate_classify(&mut self) -> Gated {
        let body = self.pending_body.take().unwrap_or_default();
        let call = self.dlp_classify_request(body.bytes());
        self.pending_body = Some(body);
        match call {
            Some(step) => Gated::Wait(Stage::Classifying, step),
            None => Gated::Next,
        }
    }

    /// The route's body (translated, usage asked) and the retry chain.
    fn gate_route(&mut self, ops: &mut Vec<Op>, svc: &mut dyn Services) -> Gated {
        let body = self.pending_body.take().unwrap_or_default();
        let mut route_ops = Vec::new();
        if self.compat.is_some() {
            let model = self.summary.model.clone();
            if let Err(e) = self.compat_route(model.as_deref(), &mut route_ops) {
                return Gated::Done(self.reply(e));
            }
        }
        let model = self.facts.model.clone().unwrap_or_default();
        let built =
            match self.upstream_request(self.provider.unwrap_or(0), &model, body.bytes(), true) {
                Ok(b) => b,
                Err(e) => return Gated::Done(self.reply(e)),
            };
        if built.stream_usage && self.usage_chunk != UsageChunk::Client {
            self.usage_chunk = UsageChunk::Gateway;
        }
        let new_body = built.body.or_else(|| body.redacted().map(<[u8]>::to_vec));
        if let Some(p) = self.provider().filter(|p| p.aws.is_some()) {
            // Bedrock: the path (the model's, on /compat) and the signature
            // over what is sent.
            let path = match built.path {
                Some(path) => {
                    route_ops.push(Op::SetRequestHeader(
                        Cow::Borrowed(":path"),
                        path.clone().into_bytes(),
                    ));
                    path
                }
                None => format!("{}{}", self.snapshot.upstream_path, self.snapshot.query),
            };
            let sent = new_body.as_deref().unwrap_or(body.bytes());
            super::route::sign_ops(p, &path, sent, svc.now_ms(), &mut route_ops);
        }
        if let Some(b) = new_body {
            route_ops.push(Op::SetRequestHeader(
                Cow::Borrowed("content-length"),
                b.len().to_string().into_bytes(),
            ));
            route_ops.push(Op::SetRequestBody(b));
        }
        self.fallback_prepare(body.bytes(), svc);
        ops.append(&mut route_ops);
        self.pending_body = Some(body);
        Gated::Next
    }

    /// Reserves on the limits; the body is kept while the global counters
    /// answer.
    fn gate_admit(&mut self, ops: &mut Vec<Op>, svc: &mut dyn Services) -> Gated {
        let body = self.pending_body.take().unwrap_or_default();
        let admit = self.limits_begin(body.bytes(), self.summary.max_tokens, svc);
        self.pending_body = Some(body);
        self.admitted(admit, ops, svc)
    }

    /// What an admission decided, for the gates. A refusal the route
    /// downgrades instead routes again (`Route`) and admits again against
    /// the downgraded target (once: a second refusal is the 429).
    fn admitted(&mut self, admit: Admit, ops: &mut Vec<Op>, svc: &mut dyn Services) -> Gated {
        match admit {
            Admit::Go => Gated::Next,
            Admit::Wait(step) => Gated::Wait(Stage::LimitsGlobal, step),
            Admit::Stop(step) => Gated::Done(step),
            Admit::Downgrade => {
                ops.extend(self.rules_downgrade());
                match self.gate_route(ops, svc) {
                    Gated::Next => self.gate_admit(ops, svc),
                    other => other,
                }
            }
        }
    }

    /// Inference answers only; the body is not needed past this gate.
    fn gate_cache(&mut self, svc: &mut dyn Services) -> Gated {
        let body = self.pending_body.take().unwrap_or_default();
        if !self.is_inference() || self.unheld {
            return Gated::Next;
        }
        let outcome = self.cache_begin(body.bytes(), svc);
        if !matches!(outcome, Gated::Next) {
            drop(body);
            // Waiting for the cache (or answered): only a retry chain's
            // copy is kept.
            self.mem_settle_request();
        }
        outcome
    }

    // ------------------------------------------------------------- resumes

    /// The answer to a callout this request made.
    pub fn on_callout(
        &mut self,
        purpose: Purpose,
        response: CalloutResponse,
        svc: &mut dyn Services,
    ) -> Step {
        match purpose {
            Purpose::Classify => self.resume(Stage::Classifying, Gate::Classify, svc, |ex, _| {
                ex.dlp_on_classified(response)
            }),
            Purpose::LimitsReserve => {
                self.resume(Stage::LimitsGlobal, Gate::Admit, svc, |ex, svc| {
                    let admit = ex.limits_on_global(response, svc);
                    let mut ops = Vec::new();
                    let outcome = ex.admitted(admit, &mut ops, svc);
                    // Sent with the gates after this one (or the next resume).
                    ex.held_ops = ops;
                    outcome
                })
            }
            Purpose::CacheLookup => self.resume(Stage::CacheLookup, Gate::Cache, svc, |ex, svc| {
                ex.cache_on_lookup(response, svc)
            }),
            Purpose::Attempt(n) => self.fallback_on_answer(n, response, svc),
            Purpose::CacheStore => {
                if let Some(w) = cache_flow::store_failure(&response) {
                    svc.warn(&w);
                }
                Step::cont(Vec::new())
            }
            Purpose::LimitsSettle => {
                if let Some(w) = settle_failure(&response) {
                    svc.warn(&w);
                }
                Step::cont(Vec::new())
            }
            Purpose::McpFingerprints => self.mcp_on_fingerprints(response, svc),
            Purpose::McpLimitsReserve => self.mcp_on_reserve(response, svc),
            Purpose::McpFingerprintOffer => {
                if let Some(w) = super::offer_failure(&response) {
                    svc.warn(&w);
                }
                Step::cont(Vec::new())
            }
        }
    }

    /// A timer this request asked for ([`Op::WakeAt`]) is due.
    pub fn on_timer(&mut self, purpose: TimerPurpose, svc: &mut dyn Services) -> Step {
        match purpose {
            TimerPurpose::CoalescePoll => {
                self.resume(Stage::CacheWait, Gate::Cache, svc, |ex, svc| ex.cache_on_wait(svc))
            }
            TimerPurpose::FirstByteDeadline | TimerPurpose::Backoff => {
                let outcome = self.fallback_on_timer(svc);
                self.enter(outcome)
            }
            TimerPurpose::BodyWatch => self.body_watch_due(svc),
            TimerPurpose::ResponseBodyWatch => self.response_watch_due(svc),
        }
    }
}
