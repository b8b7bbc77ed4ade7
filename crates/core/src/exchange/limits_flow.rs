//! Rate limits, token limits and budgets in the request flow: reserve before
//! the request is admitted (the prompt's estimated tokens plus its output
//! cap, their cost), answer 429 when a rule or budget is full, settle on the
//! provider's real usage when the request ends, or, when that usage never
//! (fully) arrives, on at least the reservation (see `limits_settle`). The
//! arithmetic and the shared-data counters are `aigw-limits`'.

use std::borrow::Cow;

use aigw_limits::{Admission, Advertise, Decision, Expected, Price, RequestFacts, Reservation};

use super::{CalloutResponse, Exchange, Flow, Name, Op, Purpose, Step};
use crate::errors::{ErrorCode, GatewayError};
use crate::services::Services;

/// This request's part of the limits.
#[derive(Default)]
pub(super) struct LimitsState {
    /// While the global (Redis) reservation is in flight.
    admission: Option<Admission>,
    pub decision: Option<Decision>,
    reservation: Option<Reservation>,
    /// The price the request is reported at in the log (the client's
    /// custom cost, else the table's). Budgets count at the table's
    /// (`Limiter::budget_price`).
    pub price: Option<Price>,
    /// What the request was expected to use (for attempts whose usage is unknown).
    expected: Expected,
    /// Settled already: a latch (settlement runs once, whatever the state).
    settled: bool,
    /// The request went to a provider (which may have generated and
    /// charged, whatever the client saw): a fact of its own.
    pub sent_upstream: bool,
    /// What the provider delivered, measured only under a reservation on
    /// an inference endpoint (None: not measured).
    delivered: Option<Delivered>,
    /// `RateLimit-Policy` / `RateLimit` for the answer.
    pub headers: Vec<(Name, String)>,
    pub notes: Vec<String>,
}

/// What the provider delivered, for the estimate when usage is missing.
#[derive(Debug, Default, Clone, Copy)]
struct Delivered {
    /// Completion text characters of stream events.
    chars: u64,
    /// Bytes of other answers (a conservative stand-in for their text).
    bytes: u64,
}

impl LimitsState {
    /// Whether deliveries are measured (cheap check for the stream path).
    pub(super) fn measuring(&self) -> bool {
        self.delivered.is_some()
    }

    /// Measures what the provider delivered, while usage may still be
    /// missing: a stream event's data, or `bytes` of any other answer.
    pub(super) fn delivered(&mut self, event: Option<&[u8]>, bytes: usize) {
        let Some(d) = self.delivered.as_mut() else { return };
        match event {
            Some(data) => {
                let n = event_text_chars(data) as u64;
                d.chars = d.chars.saturating_add(n);
            }
            None => d.bytes = d.bytes.saturating_add(bytes as u64),
        }
    }
}

/// What the admission decided for the flow.
pub(super) enum Admit {
    /// Admitted (or no limits): go on.
    Go,
    /// Waiting for the global counters' answer (the reservation callout).
    Wait(Step),
    /// Denied (429).
    Stop(Step),
    /// Denied, and the request's route downgrades instead (`rules_flow`):
    /// route it again and admit it again.
    Downgrade,
}

/// The prompt's size for the token estimate: the characters of the JSON
/// string values a model reads, leaving out inline binary (data URLs,
/// base64 image sources), which are not text tokens.
pub(super) fn prompt_chars(body: &[u8]) -> usize {
    let mut n = 0usize;
    let _ = crate::json_text::walk(body, |path, s| {
        let binary = s.text.starts_with("data:")
            || matches!(path.last(), Some(crate::json_text::Seg::Key(k)) if k == "data");
        if !s.is_key && !binary {
            n = n.saturating_add(s.text.chars().count());
        }
    });
    n
}

/// Keys of generated JSON that carry no text a model produced (ids, names
/// of types and roles, binary and opaque payloads).
const NOT_TEXT: &[&str] = &[
    "id",
    "object",
    "model",
    "type",
    "role",
    "finish_reason",
    "stop_reason",
    "status",
    "system_fingerprint",
    "service_tier",
    "item_id",
    "call_id",
    "signature",
    "encrypted_content",
    "b64_json",
    "embedding",
];

/// The characters of the text in a stream event's JSON: string values
/// outside [`NOT_TEXT`] keys and inline binary.
pub(super) fn event_text_chars(data: &[u8]) -> usize {
    let mut n = 0usize;
    let _ = crate::json_text::walk(data, |path, s| {
        let skip = matches!(path.last(), Some(crate::json_text::Seg::Key(k)) if NOT_TEXT.contains(&k.as_str()));
        if !s.is_key && !skip && !s.text.starts_with("data:") {
            n = n.saturating_add(s.text.chars().count());
        }
    });
    n
}

impl Exchange {
    /// Reserves on every counter that applies. `max_tokens`: the request's
    /// output cap, if it set one.
    pub(super) fn limits_begin(
        &mut self,
        body: &[u8],
        max_tokens: Option<u64>,
        svc: &mut dyn Services,
    ) -> Admit {
        let config = std::rc::Rc::clone(&self.config);
        let Some(limiter) = config.limits.as_ref() else { return Admit::Go };
        let client_ip = if limiter.uses_client_ip() { svc.client_ip() } else { None };
        let headers: Vec<(&str, &[u8])> =
            self.snapshot.limit_headers.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
        let facts = RequestFacts {
            tenant: self.facts.tenant.as_deref(),
            client_ip: client_ip.as_deref(),
            provider: self.provider().map(|p| p.name.as_str()),
            model: self.facts.model.as_deref(),
            headers: &headers,
            metadata: self.facts.metadata.as_ref(),
            custom_price: self.custom_price,
            default_price: self.default_price(),
        };
        let mut state = LimitsState {
            price: self.custom_price.or_else(|| limiter.price_for(&facts)),
            ..LimitsState::default()
        };
        if limiter.is_empty() {
            // Prices only: costs in the log, nothing to count.
            self.limits = Some(Box::new(state));
            return Admit::Go;
        }
        let expected = self.limits_expected(body, max_tokens);
        state.expected = expected;
        let mut admission = limiter.begin(&facts, &expected, svc.now_ms());
        admission.reserve_local(svc);
        if let (Some(cmd), Some(g)) = (admission.global_request(), limiter.global()) {
            state.admission = Some(admission);
            self.limits = Some(Box::new(state));
            let call = super::Callout {
                purpose: Purpose::LimitsReserve,
                cluster: g.cluster.clone(),
                headers: super::Callout::headers("POST", "/", &g.authority, Some("text/plain")),
                body: cmd.body().into_bytes(),
                timeout_ms: u32::try_from(g.timeout_ms.max(1)).unwrap_or(u32::MAX),
            };
            return Admit::Wait(Step { ops: vec![Op::Dispatch(call)], flow: Flow::Pause });
        }
        let (decision, reservation) = admission.finish();
        self.limits = Some(Box::new(state));
        self.limits_decided(decision, reservation)
    }

    /// What the request is expected to use. Inference endpoints: the
    /// prompt's estimate and the output cap. Endpoints the operator opened:
    /// their weight in requests and their reserved output tokens (they
    /// report no usage, so that is also what they settle at). Model
    /// listings: one request, no tokens.
    fn limits_expected(&self, body: &[u8], max_tokens: Option<u64>) -> Expected {
        match self.allowed {
            Some(a) if !a.builtin => Expected {
                input_tokens: 0,
                max_output_tokens: Some(a.reserve_output_tokens),
                requests: Some(a.weight),
            },
            _ if self.metered_by_body() => {
                Expected::from_prompt_chars(prompt_chars(body), max_tokens)
            }
            _ => Expected { input_tokens: 0, max_output_tokens: Some(0), requests: None },
        }
    }

    /// Counted by its body and usage: an inference request on the unified
    /// endpoint or a built-in endpoint (an endpoint the operator opened
    /// counts by its weight).
    fn metered_by_body(&self) -> bool {
        self.is_inference() && (self.compat.is_some() || self.allowed.is_some_and(|a| a.builtin))
    }

    /// The request goes to a provider (called where it leaves).
    pub(super) fn limits_sent_upstream(&mut self) {
        if let Some(l) = self.limits.as_mut() {
            l.sent_upstream = true;
        }
    }

    /// See [`LimitsState::delivered`].
    pub(super) fn limits_delivered(&mut self, event: Option<&[u8]>, bytes: usize) {
        if let Some(l) = self.limits.as_mut() {
            l.delivered(event, bytes);
        }
    }

    /// The global reservation's answer (or its failure).
    pub(super) fn limits_on_global(&mut self, r: CalloutResponse, svc: &mut dyn Services) -> Admit {
        let Some(mut admission) = self.limits.as_mut().and_then(|l| l.admission.take()) else {
            return Admit::Go;
        };
        match (r.refused, r.status) {
            // Unread for the memory budget: a failed reservation (on_error).
            (Some(why), _) => admission
                .global_failed(svc, &format!("the global counters' answer was not read: {why}")),
            (None, Some(status)) => admission.apply_global_reply(svc, u32::from(status), &r.body),
            (None, None) => admission.global_failed(
                svc,
                "no answer from the global counters (reset, timeout or no cluster)",
            ),
        }
        let (decision, reservation) = admission.finish();
        self.limits_decided(decision, reservation)
    }

    fn limits_decided(&mut self, decision: Decision, reservation: Reservation) -> Admit {
        let measure = !reservation.is_empty() && self.metered_by_body();
        let downgrade = !decision.admitted && self.rules_can_downgrade();
        let Some(state) = self.limits.as_mut() else { return Admit::Go };
        state.notes.extend(decision.notes.iter().map(|n| format!("{}: {}", n.counter, n.reason)));
        let rate = decision.ratelimit_headers(Advertise::Deciding);
        let mut headers: Vec<(Name, String)> = Vec::new();
        if let Some(h) = &rate {
            headers.push((Cow::Borrowed("ratelimit-policy"), h.policy.clone()));
            headers.push((Cow::Borrowed("ratelimit"), h.ratelimit.clone()));
        }
        if decision.admitted {
            state.delivered = measure.then(Delivered::default);
            state.headers = headers;
            state.reservation = Some(reservation);
            state.decision = Some(decision);
            return Admit::Go;
        }
        if downgrade {
            state.decision = Some(decision);
            return Admit::Downgrade;
        }
        if let Some(ra) = decision.retry_after_header() {
            headers.push((Cow::Borrowed("retry-after"), ra));
        }
        let code = match decision.error_code() {
            Some(aigw_limits::BUDGET_EXCEEDED) => ErrorCode::BudgetExceeded,
            _ => ErrorCode::RateLimited,
        };
        let rule = decision.deciding_rule.clone().unwrap_or_default();
        let message = match code {
            ErrorCode::BudgetExceeded => format!("the spend budget {rule:?} is exhausted"),
            _ => format!("rate limit {rule:?} exceeded"),
        };
        state.decision = Some(decision);
        Admit::Stop(self.reply_with(GatewayError::new(code, message), headers))
    }

    /// RateLimit headers for an answer, as response-header ops.
    pub(super) fn limits_response_ops(&self, ops: &mut Vec<Op>) {
        if let Some(l) = self.limits.as_ref() {
            for (k, v) in &l.headers {
                ops.push(Op::SetResponseHeader(k.clone(), v.clone().into_bytes()));
            }
        }
    }

    /// RateLimit headers for a local answer.
    pub(super) fn limits_local_headers(&self) -> Vec<(Name, String)> {
        self.limits.as_ref().map(|l| l.headers.clone()).unwrap_or_default()
    }

    /// Whether the provider's usage is the whole of what the request used:
    /// the answer is complete and reported usage, or the request never
    /// reached a provider (a cache hit, a local answer), or the provider
    /// refused it with an error status before any content.
    fn usage_is_final(&self, state: &LimitsState) -> bool {
        let usage = &self.facts.usage;
        let complete = self.answer_complete();
        let refused = self.facts.status.is_some_and(|s| !(200..300).contains(&s))
            && state.delivered.is_none_or(|d| d.chars == 0)
            && usage.is_empty();
        !state.sent_upstream || refused || (complete && !usage.is_empty())
    }

    /// Settles the reservation, once, at the end (the one place that does).
    /// With final usage, on that usage. Otherwise (the client closed before
    /// the usage chunk, the upstream was cut, the endpoint reports none)
    /// every counter keeps the larger of its reservation and what is known:
    /// partial usage reports and the output delivered so far (stream text
    /// characters / 4, bytes / 4 for other answers). Never zero for a
    /// request that reached a provider.
    pub(super) fn limits_settle(&mut self, svc: &mut dyn Services) {
        let config = std::rc::Rc::clone(&self.config);
        let Some(limiter) = config.limits.as_ref() else { return };
        let usage = self.facts.usage;
        // Every attempt that reached a provider counts (retries, fallbacks);
        // one abandoned with its usage unknown counts as its estimate.
        let (requests, unknown) = self.attempt_charges();
        let final_usage = match self.limits.as_deref() {
            Some(state) if !state.settled => self.usage_is_final(state),
            _ => return,
        };
        let Some(state) = self.limits.as_mut() else { return };
        state.settled = true;
        let Some(reservation) = state.reservation.take() else { return };
        let mut used = aigw_limits::Usage {
            input_tokens: usage.input_tokens.unwrap_or(0),
            output_tokens: usage.output_tokens.unwrap_or(0),
            cached_input_tokens: usage.cached_input_tokens.unwrap_or(0),
        };
        if unknown > 0 {
            let e = limiter.estimated_usage(&state.expected);
            used.input_tokens =
                used.input_tokens.saturating_add(e.input_tokens.saturating_mul(unknown));
            used.output_tokens =
                used.output_tokens.saturating_add(e.output_tokens.saturating_mul(unknown));
        }
        let s = if final_usage {
            limiter.settle_attempts(svc, reservation, &used, requests)
        } else {
            let delivered = state.delivered.map_or(0, |d| d.chars.saturating_add(d.bytes));
            let delivered = delivered.div_ceil(4);
            used.output_tokens = used.output_tokens.max(delivered);
            state.notes.push(format!(
                "settlement: no final usage; counted at least the reservation \
                 (output delivered: about {delivered} tokens)"
            ));
            limiter.settle_unreported(svc, reservation, &used, requests)
        };
        state.notes.extend(s.notes.iter().map(|n| format!("{}: {}", n.counter, n.reason)));
        if let (Some(cmd), Some(g)) = (s.global, limiter.global()) {
            // Fire-and-forget: the request is over.
            self.deferred.push(Op::Dispatch(super::Callout {
                purpose: Purpose::LimitsSettle,
                cluster: g.cluster.clone(),
                headers: super::Callout::headers("POST", "/", &g.authority, Some("text/plain")),
                body: cmd.body().into_bytes(),
                timeout_ms: u32::try_from(g.timeout_ms.max(1).saturating_mul(10))
                    .unwrap_or(u32::MAX),
            }));
        }
    }

    /// Cost in USD of a usage at this request's price.
    pub(super) fn cost_usd(&self, usage: &crate::usage::Usage) -> Option<f64> {
        // The price chosen at admission; without limits, the client's custom
        // cost or the default table.
        let price = match self.limits.as_ref() {
            Some(l) => l.price.or_else(|| self.price_by_answer())?,
            None => self.custom_price.or_else(|| self.default_price())?,
        };
        if usage.is_empty() {
            return None;
        }
        let nanos = price.cost_nanos(&aigw_limits::Usage {
            input_tokens: usage.input_tokens.unwrap_or(0),
            output_tokens: usage.output_tokens.unwrap_or(0),
            cached_input_tokens: usage.cached_input_tokens.unwrap_or(0),
        });
        Some(aigw_limits::cost::nanos_to_usd(nanos))
    }
}

impl Exchange {
    /// An unheld request's price, by the model its answer named (at its
    /// admission the model was not known).
    fn price_by_answer(&self) -> Option<Price> {
        let limiter = self.config.limits.as_ref().filter(|_| self.unheld)?;
        limiter.price_for(&RequestFacts {
            tenant: self.facts.tenant.as_deref(),
            provider: self.provider().map(|p| p.name.as_str()),
            model: self.facts.model.as_deref(),
            custom_price: self.custom_price,
            default_price: self.default_price(),
            ..RequestFacts::default()
        })
    }

    /// The shipped default price of the request's provider kind and model.
    fn default_price(&self) -> Option<Price> {
        let (provider, model) = (self.provider()?, self.facts.model.as_deref()?);
        aigw_limits::default_prices::default_price(provider.kind.as_str(), model).map(|(p, _)| p)
    }
}

/// `x-aigw-custom-cost` (alias `cf-aig-custom-cost`): a price for this
/// request that replaces the table.
pub(super) fn custom_price(h: &crate::headers::Headers) -> Result<Option<Price>, GatewayError> {
    match h.gateway("custom-cost") {
        None => Ok(None),
        Some((v, _)) => aigw_limits::parse_custom_cost(v)
            .map(Some)
            .map_err(|e| GatewayError::new(ErrorCode::InvalidCustomCost, e.to_string())),
    }
}

/// A warning for a failed fire-and-forget settlement of global counters.
pub fn settle_failure(r: &CalloutResponse) -> Option<String> {
    if let Some(why) = r.refused {
        return Some(format!("limits: global settlement answer not read: {why}"));
    }
    match r.status {
        Some(200) => None,
        Some(s) => Some(format!("limits: global settlement failed: status {s}")),
        None => Some("limits: global settlement failed: no answer".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_chars_counts_text_not_images() {
        let body = br#"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"abcd"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"QUJD"}}]}]}"#;
        // "m", "user", "text", "abcd", "image_url", "user", "image", "base64", "image/png"
        assert_eq!(prompt_chars(body), 1 + 4 + 4 + 4 + 9 + 4 + 5 + 6 + 9);
    }
}
