//! The log record: the facts gathered along the way, written once at the end.

use serde_json::{Map, Value};

use super::Exchange;
use crate::log_controls::Payloads;
use crate::log_record::{elapsed_ms, rfc3339, Attempt, LogRecord, PayloadLog};
use crate::services::Services;
use crate::usage;

/// What is known about the request so far: the raw material of its log
/// record, kept cheap (indices, owned strings only where unavoidable).
#[derive(Debug, Default)]
pub struct Facts {
    /// The gateway's own id (see `request_id`).
    pub request_id: String,
    /// The request's `x-request-id`, bounded, for the log only.
    pub client_request_id: Option<String>,
    pub method: Option<String>,
    pub endpoint: Option<String>,
    /// The model sent to the provider that served.
    pub model: Option<String>,
    /// The model as the client named it, when different (`anthropic/...`).
    pub requested_model: Option<String>,
    pub tenant: Option<String>,
    /// The client asked for a stream (a fact of the request body).
    pub stream: bool,
    pub status: Option<u16>,
    pub error_code: Option<&'static str>,
    pub response_headers_ns: Option<u64>,
    pub request_bytes: u64,
    pub response_bytes: u64,
    pub usage: usage::Usage,
    /// The client's metadata as sent (limit keys read it).
    pub metadata: Option<Map<String, Value>>,
    /// The same for the log, scrubbed when the log record is written.
    pub logged_metadata: Option<crate::metadata::Metadata>,
    /// Every attempt when retries or fallbacks ran.
    pub attempts: Vec<Attempt>,
    /// The step that served (0 = the route's provider).
    pub step: Option<usize>,
    /// Why the memory budget refused this request (`aigw_overloaded`).
    pub overload: Option<String>,
}

/// What the request's log record holds (`logs` in the config).
#[derive(Default)]
pub(super) enum Recording {
    /// The record with its counts, never text.
    #[default]
    Counts,
    /// The record, with the prompt and answer (text or digests).
    Payloads(Box<Payloads>),
    /// No record: the client opted out, as the operator allows.
    OptedOut,
}

impl Exchange {
    /// The prompt as the provider gets it (after DLP redaction), when a
    /// `logs.payloads` rule covers this route and tenant.
    pub(super) fn log_prompt(&mut self, body: &[u8]) {
        if !matches!(self.recording, Recording::Counts) {
            return;
        }
        let route = match self.compat {
            Some(_) => "compat",
            None => self.provider().map_or("", |p| p.name.as_str()),
        };
        let tenant = self.facts.tenant.as_deref();
        if let Some(mut p) = self.config.logs.payloads_for(route, tenant) {
            p.prompt.push(body);
            self.recording = Recording::Payloads(Box::new(p));
        }
    }

    /// What went out to the client, as it went (after DLP redaction).
    pub(super) fn log_answer(&mut self, chunk: &[u8]) {
        if let Recording::Payloads(p) = &mut self.recording {
            p.answer.push(chunk);
        }
    }

    /// The provider of the fallback step that served, when one did.
    fn served_step_provider(&self) -> Option<usize> {
        self.facts.step.and_then(|s| self.resilience.as_ref().and_then(|r| r.provider_of(s)))
    }

    /// The provider that served (a fallback step's), else the route's.
    pub(super) fn served_provider(&self) -> Option<&crate::config::Provider> {
        self.served_step_provider().and_then(|i| self.config.providers.get(i)).or(self.provider())
    }

    /// The record's `route`: `mcp`, `compat`, `provider` or `none`.
    pub(super) fn route_kind(&self) -> &'static str {
        match (self.compat, self.provider.is_some()) {
            _ if self.mcp.is_some() => "mcp",
            (Some(_), _) => "compat",
            (None, true) => "provider",
            (None, false) => "none",
        }
    }

    /// The final record, at the end of the stream (also frees what the
    /// request still holds, such as a coalescing lock).
    pub fn finish_log(&mut self, svc: &mut dyn Services) -> Vec<u8> {
        self.cache_release(svc);
        self.limits_settle(svc);
        self.mem.release_all();
        let metadata_findings = self.scrub_logged_metadata();
        let cost_usd = self.cost_usd(&self.facts.usage);
        let saved_cost_usd =
            self.cache.as_ref().and_then(|c| c.saved).and_then(|u| self.cost_usd(&u));
        let limits = self.limits.as_ref();
        let decision = limits.and_then(|l| l.decision.as_ref());
        let over_limit: Vec<&str> = decision
            .map(|d| {
                d.limits
                    .iter()
                    .filter(|s| s.outcome == aigw_limits::Outcome::LoggedOverLimit)
                    .map(|s| s.name.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let now_ns = svc.now_ns();
        let f = &self.facts;
        let cache = self.cache.as_ref();
        let served = self.served_step_provider();
        let provider = self.served_provider();
        let record = LogRecord {
            request_id: &f.request_id,
            client_request_id: f.client_request_id.as_deref(),
            time: rfc3339(self.start_ns),
            route: self.route_kind(),
            provider: provider.map(|p| p.name.as_str()),
            provider_kind: provider.map(|p| p.kind.as_str()),
            endpoint: f
                .endpoint
                .as_deref()
                .filter(|_| self.provider.is_some() || self.compat.is_some() || self.mcp.is_some()),
            method: f.method.as_deref(),
            model: f.model.as_deref(),
            requested_model: f.requested_model.as_deref(),
            route_rule: self.route_label(),
            key_alias: served
                .is_none_or(|s| Some(s) == self.provider)
                .then(|| self.key_alias())
                .flatten(),
            tenant: f.tenant.as_deref(),
            stream: f.stream,
            status: f.status,
            error_code: f.error_code,
            ttfb_ms: f.response_headers_ns.map(|t| elapsed_ms(self.start_ns, t)),
            latency_ms: elapsed_ms(self.start_ns, now_ns),
            request_bytes: f.request_bytes,
            response_bytes: f.response_bytes,
            input_tokens: f.usage.input_tokens,
            output_tokens: f.usage.output_tokens,
            cached_input_tokens: f.usage.cached_input_tokens,
            complete: self.answer_complete(),
            metadata: f.logged_metadata.as_ref().map(|m| &m.map),
            metadata_dropped: f
                .logged_metadata
                .as_ref()
                .filter(|m| !m.dropped.is_empty())
                .map(|m| m.dropped.as_slice()),
            metadata_findings: metadata_findings.as_ref().filter(|r| !r.is_empty()),
            cache_status: cache.map(|c| c.status.as_str()),
            cache_coalesced: cache.is_some_and(|c| c.coalesced),
            cache_l2_error: cache.and_then(|c| c.l2_error.as_deref()),
            saved_input_tokens: cache.and_then(|c| c.saved.and_then(|u| u.input_tokens)),
            saved_output_tokens: cache.and_then(|c| c.saved.and_then(|u| u.output_tokens)),
            step: f.step,
            attempts: (!f.attempts.is_empty()).then_some(f.attempts.as_slice()),
            cost_usd,
            saved_cost_usd,
            rate_limit_rule: decision.and_then(|d| d.deciding_rule.as_deref()),
            rate_limited: decision.map(|d| !d.admitted),
            over_limit_logged: (!over_limit.is_empty()).then_some(over_limit),
            limit_notes: limits.filter(|l| !l.notes.is_empty()).map(|l| l.notes.as_slice()),
            dlp: self.dlp_log(),
            mcp: self.mcp_log(),
            overload: f.overload.as_deref(),
            unpriced: cost_usd.is_none() && !f.usage.is_empty(),
            payload: match &self.recording {
                Recording::Payloads(p) => Some(PayloadLog::new(p)),
                _ => None,
            },
        };
        // Metrics count every request, opted out of its record or not.
        self.publish_metrics(&record, svc);
        if matches!(self.recording, Recording::OptedOut) {
            // An empty record: the shipped access logs leave it out.
            return Vec::new();
        }
        record.to_json()
    }
}
