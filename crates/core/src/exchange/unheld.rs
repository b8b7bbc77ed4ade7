//! A request whose route needs nothing from its body goes on unheld: its
//! headers continue at once and its body streams to the provider as it
//! comes, never buffered nor read. Decided here, once, from the config and
//! the headers. The answer is read as on every route (usage, and the model
//! it names), and the log record is written in full.
//!
//! The body is held whenever something on the route reads it ([`Needs`]).
//! What an unheld request still gets: authentication, the endpoint
//! allow-list, the gateway headers' checks, no body on GET/DELETE/OPTIONS
//! (refused before this), limits that count requests by what the headers
//! say, and the size limit (a declared length at the headers, streamed
//! bytes as they pass: a larger body is refused before its excess goes on).
//! What changes for the client: a body the gateway would have refused
//! (malformed JSON, no `model`) reaches the provider, which answers with its
//! own error.

use super::{BodyNeed, Exchange, Step};
use crate::services::Services;

/// What on a request's route reads its body (the first found holds it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needs {
    /// No provider route (the unified endpoint's provider is in the body).
    Route,
    /// A DLP policy or guardrail (request or answer: restoring a redacted
    /// value, or the classifier, reads the prompt).
    Policy,
    /// The cache (the key is the body's).
    Cache,
    /// A token rule, a budget, or a rule keyed or filtered by model.
    Limits,
    /// Config routes (chosen by the body's model; may rename it).
    Routes,
    /// Retries, fallbacks, timeouts or a breaker (they replay the body).
    Resilience,
    /// The stream-usage option is added to OpenAI-style chat streams.
    StreamUsage,
    /// AWS signs the body (Bedrock).
    Signature,
    /// The log keeps prompts on this route (`logs.payloads`).
    Payloads,
}

impl Exchange {
    /// Why this provider-route request's body must be held, or None when
    /// nothing reads it. Called once the headers' checks passed.
    pub(super) fn body_needs(&self) -> Option<Needs> {
        let Some(p) = self.provider().filter(|_| self.compat.is_none()) else {
            return Some(Needs::Route);
        };
        let config = &self.config;
        let tenant = self.facts.tenant.as_deref();
        if self.dlp.is_some() {
            Some(Needs::Policy)
        } else if self.cache_wanted(p) {
            Some(Needs::Cache)
        } else if config.limits.as_ref().is_some_and(|l| l.reads_request_body()) {
            Some(Needs::Limits)
        } else if !config.routes.is_empty() {
            Some(Needs::Routes)
        } else if self.resilience_applies(p) {
            Some(Needs::Resilience)
        } else if self.asks_stream_usage(p) {
            Some(Needs::StreamUsage)
        } else if p.aws.is_some() {
            Some(Needs::Signature)
        } else if config.logs.payloads_for(&p.name, tenant).is_some() {
            Some(Needs::Payloads)
        } else {
            None
        }
    }

    /// Lets the request go on unheld: what the body would have told comes
    /// from the path (a stream by its endpoint, a model in the path) or
    /// later from the answer; the limits count it as any request.
    pub(super) fn pass_unheld(&mut self, svc: &mut dyn Services) -> Step {
        self.unheld = true;
        let endpoint = self.facts.endpoint.as_deref().unwrap_or_default();
        let by_path = self
            .provider()
            .map(|p| (p.kind.streams_by_path(endpoint), p.kind.model_in_path(endpoint)));
        if let Some((stream, model)) = by_path {
            self.facts.stream = stream;
            self.facts.model = model.map(crate::bedrock::model_name);
        }
        self.gates_uninspected(svc)
    }

    /// A chunk of an unheld body passed the filter (`len` bytes; `held`:
    /// Envoy holds everything so far while the request waits, so `len` is
    /// the whole). Past the limit, the request is refused: the chunk that
    /// crosses it does not go on.
    pub(super) fn unheld_chunk(&mut self, len: usize, held: bool) -> Option<BodyNeed> {
        let len = len as u64;
        self.facts.request_bytes =
            if held { len } else { self.facts.request_bytes.saturating_add(len) };
        (self.unheld && self.facts.request_bytes > self.config.max_body_bytes as u64)
            .then(|| BodyNeed::Stop(self.body_too_large()))
    }

    /// The model an answer names, while the request's is not known (an
    /// unheld request: its body was never read).
    pub(super) fn note_answer_model(&mut self, text: &[u8]) {
        if self.unheld && self.facts.model.is_none() {
            self.facts.model = crate::usage::model_from_body(text);
        }
    }
}
