//! Retries, first-byte timeouts, circuit breakers and fallback chains in
//! the request flow.
//!
//! The first attempt (step 0, the route's provider) goes through Envoy's
//! router, so streams pass event by event. When it fails in a way the step's
//! policy retries (connect failure, timeout, 429, 5xx; never another 4xx),
//! or misses its first-byte deadline, the client has seen nothing yet: the
//! response is held and the next attempt (the same provider again, after a
//! backoff, or the next step of the chain, in that provider's format) runs
//! through an HTTP callout; its answer, translated back to the client's
//! format, is the response. All attempts failing gives one clean
//! 502/503/504 naming the last cause.

use std::borrow::Cow;

use super::stage::Gated;
use super::{
    CalloutResponse, Exchange, Flow, Op, Purpose, ResponseBody, Stage, Step, TimerPurpose,
};
use crate::errors::{ErrorCode, GatewayError};
use crate::headers::Headers;
use crate::log_record::{elapsed_ms, Attempt};
use crate::resilience::breaker::Admit;
use crate::resilience::retry::{self, Outcome, Policy};
use crate::services::Services;
use crate::wire;

/// A callout attempt's time limit when no step timeout is set (Envoy needs
/// one; zero would mean none).
const DEFAULT_CALLOUT_TIMEOUT_MS: u64 = 300_000;
/// The cause of an attempt whose answer the memory budget could not hold
/// (a call that reached the provider, its usage unknown).
const UNREAD: &str = "unread";
/// A provider's `Retry-After` is honoured up to the step's timeout, or this.
const DEFAULT_RETRY_AFTER_CAP_MS: u64 = 60_000;

/// What follows a failed attempt.
enum Next {
    /// Ops that run the next attempt (or, when every step left is skipped,
    /// answer with the final error).
    Attempt(Vec<Op>),
    /// Nothing left to try.
    Exhausted,
}

/// One step of this request's chain.
#[derive(Debug, Clone)]
struct StepRun {
    provider: usize,
    model: String,
    timeout_ms: Option<u64>,
    policy: Policy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Step 0 through the router, in flight.
    Primary,
    /// Step 0 missed its deadline; later attempts run; its answer, if it
    /// still comes and is good, is taken.
    Abandoned,
    /// Waiting out a backoff before the next attempt.
    Waiting,
    /// A callout attempt (its number) in flight.
    Calling(u32),
    Done,
}

pub(super) struct Resilience {
    steps: Vec<StepRun>,
    step: usize,
    attempts_in_step: u32,
    attempt_no: u32,
    /// The client's body (scanned): the one copy kept; each attempt
    /// rebuilds what it sends from it (`upstream_request`).
    client_body: Vec<u8>,
    phase: Phase,
    attempt_start_ns: u64,
    deadline_ns: Option<u64>,
    wait_until_ns: u64,
    last: Option<(usize, Outcome)>,
}

impl Resilience {
    pub(super) fn provider_of(&self, step: usize) -> Option<usize> {
        self.steps.get(step).map(|s| s.provider)
    }

    /// Bytes this chain keeps (for the memory budget).
    pub(super) fn held_bytes(&self) -> usize {
        self.client_body.len()
    }

    /// The request is over: nothing will be sent again.
    pub(super) fn drop_body(&mut self) {
        self.client_body = Vec::new();
    }
}

/// Checks the per-request retry and timeout headers up front (400 on a bad
/// value), whatever the route does with them.
pub(super) fn validate_request_headers(h: &Headers) -> Result<(), GatewayError> {
    Policy::default().with_request(h)?;
    request_timeout(h)?;
    Ok(())
}

/// `x-aigw-request-timeout` (alias `cf-aig-request-timeout`): ms to the
/// first byte of each attempt.
fn request_timeout(h: &Headers) -> Result<Option<u64>, GatewayError> {
    match h.gateway("request-timeout") {
        None => Ok(None),
        Some((v, _)) => retry::parse_u64(v)
            .filter(|t| (1..=crate::resilience::MAX_TIMEOUT_MS).contains(t))
            .map(Some)
            .ok_or_else(|| {
                GatewayError::new(
                    ErrorCode::InvalidHeader,
                    format!(
                        "x-aigw-request-timeout must be 1 to {} (ms)",
                        crate::resilience::MAX_TIMEOUT_MS
                    ),
                )
            }),
    }
}

/// How early (by the VM's clock) an answer at a callout's time limit may
/// seem: Envoy's cached loop time lags under load.
fn timer_slack_ms(timeout_ms: u64) -> u64 {
    (timeout_ms / 20).max(20)
}

/// Spreads backoffs: a value in [0, 1) from the clock's low bits.
fn jitter(now_ns: u64) -> f64 {
    ((now_ns / 1000) % 1000) as f64 / 1000.0
}

impl Exchange {
    /// Retries, timeouts or a circuit breaker apply to this request: the
    /// provider's settings, or the client's gateway headers.
    pub(super) fn resilience_applies(&self, p: &crate::config::Provider) -> bool {
        let h = &self.snapshot.gateway;
        let asked = ["request-timeout", "max-attempts", "retry-delay", "backoff"]
            .iter()
            .any(|n| h.gateway(n).is_some());
        p.resilient() || p.breaker.is_some() || asked
    }

    /// At the end of the request body: the chain this request may need. A
    /// provider without retry, timeout, fallback or breaker config still
    /// honours the client's per-request controls (within the operator's
    /// limits), so the chain exists whenever the request sets one.
    pub(super) fn fallback_prepare(&mut self, client_body: &[u8], _svc: &mut dyn Services) {
        let Some(p) = self.provider() else { return };
        if !self.resilience_applies(p) {
            return;
        }
        let h = &self.snapshot.gateway;
        let timeout = request_timeout(h).ok().flatten();
        let model = self.facts.model.clone().unwrap_or_default();
        let cap = p.client_max_timeout_ms;
        let mut steps = vec![StepRun {
            provider: self.provider.unwrap_or(0),
            model: model.clone(),
            timeout_ms: crate::resilience::effective_timeout(timeout, p.timeout_ms, cap),
            policy: p.retry.with_request(h).unwrap_or_else(|_| p.retry.clone()),
        }];
        // Other providers only for chat requests (the formats translate).
        if self.client_wire.is_some() {
            for s in &p.fallback {
                steps.push(StepRun {
                    provider: s.provider,
                    model: s.model(&model).to_string(),
                    timeout_ms: crate::resilience::effective_timeout(timeout, s.timeout_ms, cap),
                    policy: s.retry.with_request(h).unwrap_or_else(|_| s.retry.clone()),
                });
            }
        }
        self.resilience = Some(Box::new(Resilience {
            steps,
            step: 0,
            attempts_in_step: 0,
            attempt_no: 0,
            client_body: client_body.to_vec(),
            phase: Phase::Primary,
            attempt_start_ns: 0,
            deadline_ns: None,
            wait_until_ns: 0,
            last: None,
        }));
    }

    /// The request goes upstream now (after the cache had its say): through
    /// the router, armed with the first-byte deadline; or, when step 0's
    /// circuit is open, straight to the next step.
    pub(super) fn go_upstream(&mut self, in_callback: bool, svc: &mut dyn Services) -> Gated {
        let Some(r) = self.resilience.as_mut() else {
            return Gated::Done(self.upstream(in_callback));
        };
        let now = svc.now_ns();
        r.attempts_in_step = 1;
        r.attempt_start_ns = now;
        r.phase = Phase::Primary;
        let provider = r.steps.first().map(|s| s.provider).unwrap_or(0);
        let timeout = r.steps.first().and_then(|s| s.timeout_ms);
        if let Some(b) = self.config.providers.get(provider).and_then(|p| p.breaker) {
            let name =
                self.config.providers.get(provider).map(|p| p.name.clone()).unwrap_or_default();
            if b.admit(svc, &name) == Admit::Open {
                self.record_attempt(0, None, "circuit_open", svc);
                let ops = match self.next_step(svc) {
                    Next::Attempt(ops) => ops,
                    Next::Exhausted => self.final_error().ops,
                };
                let step = Step { ops: with_resume_dropped(ops, in_callback), flow: Flow::Pause };
                return self.attempting(step);
            }
        }
        let mut step = self.upstream(in_callback);
        if let (Some(t), Some(r)) = (timeout, self.resilience.as_mut()) {
            let deadline = now.saturating_add(t.saturating_mul(1_000_000));
            r.deadline_ns = Some(deadline);
            step.ops.push(Op::WakeAt { at: deadline, purpose: TimerPurpose::FirstByteDeadline });
        }
        Gated::Done(step)
    }

    /// An attempt is under way through callouts (unless the chain already
    /// answered): the request waits for it.
    fn attempting(&self, step: Step) -> Gated {
        if self.stage == Stage::Replied {
            Gated::Done(step)
        } else {
            Gated::Wait(Stage::Fallback, step)
        }
    }

    /// The router's answer to step 0. Some(step) when the resilience flow
    /// takes over the response (holding it, or answering itself).
    pub(super) fn fallback_on_response_headers(
        &mut self,
        status: Option<u16>,
        h: &Headers,
        svc: &mut dyn Services,
    ) -> Option<Gated> {
        let r = self.resilience.as_ref()?;
        let outcome = Outcome::from_status(status);
        match r.phase {
            Phase::Primary => {
                let cause = outcome.cause();
                self.record_attempt(0, status, &cause, svc);
                if outcome == Outcome::Ok {
                    self.served(0);
                    return None;
                }
                let ops = match self.advance(outcome, retry::retry_after_ms(h), svc) {
                    Next::Attempt(ops) => ops,
                    Next::Exhausted if self.attempts_total() <= 1 => {
                        // Nothing else was tried: the provider's own answer.
                        self.served(0);
                        return None;
                    }
                    Next::Exhausted => self.final_error().ops,
                };
                self.response = ResponseBody::Swallow;
                Some(self.attempting(Step::pause(ops)))
            }
            Phase::Abandoned => {
                if outcome == Outcome::Ok {
                    // Late but good: better than waiting for the next step.
                    let cause = "late_ok".to_string();
                    self.record_attempt(0, status, &cause, svc);
                    self.served(0);
                    return None;
                }
                self.response = ResponseBody::Swallow;
                Some(Gated::Done(Step::pause(Vec::new())))
            }
            Phase::Done => None,
            Phase::Waiting | Phase::Calling(_) => {
                self.response = ResponseBody::Swallow;
                Some(Gated::Done(Step::pause(Vec::new())))
            }
        }
    }

    /// `x-aigw-step` and `x-aigw-provider` on an answer step 0 served.
    pub(super) fn fallback_served_headers(&self, ops: &mut Vec<Op>) {
        if self.resilience.is_none() || self.facts.step != Some(0) {
            return;
        }
        let name = self.provider().map(|p| p.name.clone()).unwrap_or_default();
        for (k, v) in self.gateway_response_headers("step", "0") {
            ops.push(Op::SetResponseHeader(k, v.into_bytes()));
        }
        for (k, v) in self.gateway_response_headers("provider", &name) {
            ops.push(Op::SetResponseHeader(k, v.into_bytes()));
        }
    }

    fn served(&mut self, step: usize) {
        self.facts.step = Some(step);
        if let Some(r) = self.resilience.as_mut() {
            r.phase = Phase::Done;
            // Nothing will be sent again: the body's bytes go back.
            r.client_body = Vec::new();
        }
        self.mem_settle_request();
    }

    /// What this request's attempts count against limits: the provider
    /// calls made (at least 1), and how many of them ended with their usage
    /// unknown (abandoned after a timeout, an answer never read).
    pub(super) fn attempt_charges(&self) -> (u64, u64) {
        let a = &self.facts.attempts;
        let count = |c: &str| a.iter().filter(|x| x.cause == c).count() as u64;
        let never_reached = count("circuit_open") + count("untranslatable");
        let connect = count("connect_failure");
        // A late answer of an abandoned attempt is the same call, recorded twice.
        let late = count("late_ok");
        let calls = (a.len() as u64).saturating_sub(never_reached + connect + late);
        // The served answer's usage could not be read either.
        let dropped = u64::from(self.usage_dropped() && self.facts.usage.is_empty());
        let unread = count(UNREAD);
        (calls.max(1), count("timeout").saturating_sub(late) + unread + dropped)
    }

    fn attempts_total(&self) -> usize {
        self.facts.attempts.len()
    }

    fn record_attempt(
        &mut self,
        step: usize,
        status: Option<u16>,
        cause: &str,
        svc: &mut dyn Services,
    ) {
        let Some(r) = self.resilience.as_ref() else { return };
        let provider = r.steps.get(step).map(|s| s.provider).unwrap_or(0);
        let name = self.config.providers.get(provider).map(|p| p.name.clone()).unwrap_or_default();
        self.facts.attempts.push(Attempt {
            step,
            provider: name.clone(),
            status,
            latency_ms: elapsed_ms(r.attempt_start_ns, svc.now_ns()),
            cause: cause.to_string(),
        });
        // Not the provider's outcome: nothing for its breaker.
        if cause == "circuit_open" || cause == UNREAD {
            return;
        }
        if let Some(b) = self.config.providers.get(provider).and_then(|p| p.breaker) {
            b.record(svc, &name, cause == "ok" || cause == "late_ok");
        }
        if let Some(r) = self.resilience.as_mut() {
            if cause != "ok" && cause != "late_ok" {
                r.last = Some((provider, Outcome::from_cause(cause, status)));
            }
        }
    }

    /// After a failure: the next attempt, now or after a backoff (the same
    /// step while its policy allows, then the next step).
    fn advance(
        &mut self,
        outcome: Outcome,
        retry_after_ms: Option<u64>,
        svc: &mut dyn Services,
    ) -> Next {
        let now = svc.now_ns();
        let Some(r) = self.resilience.as_mut() else { return Next::Exhausted };
        let Some(cur) = r.steps.get(r.step) else { return Next::Exhausted };
        if !cur.policy.retryable(outcome) {
            return Next::Exhausted;
        }
        let cap = cur.timeout_ms.unwrap_or(DEFAULT_RETRY_AFTER_CAP_MS);
        let delay = match retry_after_ms {
            _ if r.attempts_in_step >= cur.policy.max_attempts => None,
            Some(ra) if ra <= cap => Some(ra),
            // Longer than we can wait: the next step instead.
            Some(_) => None,
            None => Some(cur.policy.delay_ms(r.attempts_in_step, jitter(now))),
        };
        match delay {
            Some(0) => Next::Attempt(self.dispatch_attempt(svc)),
            Some(d) => {
                r.phase = Phase::Waiting;
                r.wait_until_ns = now.saturating_add(d.saturating_mul(1_000_000));
                Next::Attempt(vec![backoff(r.wait_until_ns)])
            }
            None => self.next_step(svc),
        }
    }

    /// Moves on to the next step of the chain, if there is one.
    fn next_step(&mut self, svc: &mut dyn Services) -> Next {
        let Some(r) = self.resilience.as_mut() else { return Next::Exhausted };
        if r.step + 1 >= r.steps.len() {
            return Next::Exhausted;
        }
        r.step += 1;
        r.attempts_in_step = 0;
        Next::Attempt(self.dispatch_attempt(svc))
    }

    /// Sends the current step's next attempt (skipping steps whose circuit
    /// is open).
    fn dispatch_attempt(&mut self, svc: &mut dyn Services) -> Vec<Op> {
        loop {
            let Some(r) = self.resilience.as_ref() else { return Vec::new() };
            let Some(step) = r.steps.get(r.step).cloned() else { return self.final_error().ops };
            let index = r.step;
            let Some(p) = self.config.providers.get(step.provider) else {
                return self.final_error().ops;
            };
            if let Some(b) = p.breaker {
                let name = p.name.clone();
                if b.admit(svc, &name) == Admit::Open {
                    self.record_attempt(index, None, "circuit_open", svc);
                    let Some(r) = self.resilience.as_mut() else { return Vec::new() };
                    if r.step + 1 < r.steps.len() {
                        r.step += 1;
                        r.attempts_in_step = 0;
                        continue;
                    }
                    return self.final_error().ops;
                }
            }
            let callout = match self.attempt_callout(index, &step) {
                Ok(c) => c,
                Err(e) => {
                    // The request cannot be put in this provider's format.
                    self.record_attempt(index, None, "untranslatable", svc);
                    let Some(r) = self.resilience.as_mut() else { return Vec::new() };
                    if r.step + 1 < r.steps.len() {
                        r.step += 1;
                        r.attempts_in_step = 0;
                        continue;
                    }
                    return self.reply(e).ops;
                }
            };
            let Some(r) = self.resilience.as_mut() else { return Vec::new() };
            r.attempts_in_step = r.attempts_in_step.saturating_add(1);
            r.attempt_no += 1;
            r.phase = Phase::Calling(r.attempt_no);
            r.attempt_start_ns = svc.now_ns();
            let mut c = callout;
            c.purpose = Purpose::Attempt(r.attempt_no);
            return vec![Op::Dispatch(c)];
        }
    }

    /// The HTTP call for an attempt of `step`: the body is rebuilt from the
    /// client's by the one function that built the first attempt's.
    fn attempt_callout(
        &self,
        index: usize,
        step: &StepRun,
    ) -> Result<super::Callout, GatewayError> {
        let r = self
            .resilience
            .as_ref()
            .ok_or_else(|| GatewayError::new(ErrorCode::Internal, "no chain"))?;
        let p = self
            .config
            .providers
            .get(step.provider)
            .ok_or_else(|| GatewayError::new(ErrorCode::Internal, "no provider"))?;
        let route = Some(step.provider) == self.provider && index == 0;
        let built = self.upstream_request(step.provider, &step.model, &r.client_body, route)?;
        let path = match built.path {
            Some(path) => path,
            None => format!("{}{}", self.snapshot.upstream_path, self.snapshot.query),
        };
        let body = built.body.unwrap_or_else(|| r.client_body.clone());
        let mut headers =
            super::Callout::headers("POST", path, &p.authority, Some("application/json"));
        let key = if Some(step.provider) == self.provider { self.key } else { None };
        let (auth, _) = crate::routing::provider_auth(p, key);
        if auth.is_empty() && Some(step.provider) == self.provider {
            // The client's own key for its own provider.
            for (k, v) in &self.snapshot.client_headers {
                headers.push((Cow::Borrowed(k), v.clone()));
            }
        } else {
            for (k, v) in auth {
                headers.push((Cow::Borrowed(k), v.into_bytes()));
            }
        }
        if p.signs() {
            // Bedrock: signed as sent (the client's AWS headers never go).
            headers.retain(|(k, _)| !crate::sigv4::AUTH_HEADERS.contains(&k.as_ref()));
            let path = headers.iter().find(|(k, _)| k == ":path").map(|(_, v)| v.clone());
            let path = String::from_utf8(path.unwrap_or_default()).unwrap_or_default();
            let now_ms = self.start_ns / 1_000_000;
            if let Some(aws) = p.aws.as_deref() {
                for (k, v) in crate::bedrock::sign(aws, &path, &p.authority, &body, now_ms) {
                    headers.push((Cow::Borrowed(k), v.into_bytes()));
                }
            }
        }
        let has = |name: &str| headers.iter().any(|(k, _)| k == name);
        for (k, v) in p.kind.format().default_headers(&p.anthropic_version, &has) {
            headers.push((Cow::Borrowed(k), v.into_bytes()));
        }
        let timeout = callout_timeout_ms(step, self.facts.stream);
        Ok(super::Callout {
            purpose: Purpose::Attempt(0),
            cluster: p.cluster.clone(),
            headers,
            body,
            timeout_ms: u32::try_from(timeout).unwrap_or(u32::MAX),
        })
    }

    /// A timer: the first-byte deadline of step 0, or the end of a backoff.
    pub(super) fn fallback_on_timer(&mut self, svc: &mut dyn Services) -> Gated {
        let now = svc.now_ns();
        let Some(r) = self.resilience.as_mut() else { return Gated::Done(Step::cont(Vec::new())) };
        match r.phase {
            Phase::Primary
                if self.stage == Stage::Upstream && r.deadline_ns.is_some_and(|d| now >= d) =>
            {
                // No response headers yet: the provider is too slow.
                r.phase = Phase::Abandoned;
                r.deadline_ns = None;
                self.record_attempt(0, None, "timeout", svc);
                let ops = match self.advance(Outcome::Timeout, None, svc) {
                    Next::Attempt(ops) => ops,
                    // The deadline is the client's or the operator's: keep it.
                    Next::Exhausted => self.final_error().ops,
                };
                self.attempting(Step::cont(ops))
            }
            Phase::Waiting if now >= r.wait_until_ns => {
                Gated::Done(Step::cont(self.dispatch_attempt(svc)))
            }
            Phase::Waiting => Gated::Done(Step::cont(vec![backoff(r.wait_until_ns)])),
            _ => Gated::Done(Step::cont(Vec::new())),
        }
    }

    /// A callout attempt's answer.
    pub(super) fn fallback_on_answer(
        &mut self,
        n: u32,
        resp: CalloutResponse,
        svc: &mut dyn Services,
    ) -> Step {
        let Some(r) = self.resilience.as_ref() else { return Step::cont(Vec::new()) };
        if r.phase != Phase::Calling(n) || self.stage == Stage::Replied {
            // An attempt overtaken by another answer.
            return Step::cont(Vec::new());
        }
        let index = r.step;
        if let Some(why) = resp.refused {
            // The provider answered (a call, its usage unknown) but the
            // budget cannot hold the answer: never an unscanned or empty
            // pass, the request is refused.
            self.record_attempt(index, resp.status, UNREAD, svc);
            return self.overloaded(why, "fallback answer");
        }
        let timeout = r.steps.get(index).map(|s| callout_timeout_ms(s, self.facts.stream));
        let waited_ms = svc.now_ns().saturating_sub(r.attempt_start_ns) / 1_000_000;
        let outcome = match Outcome::from_status(resp.status) {
            // Envoy answers a callout past its time limit with a 504 of its
            // own (or no answer): that attempt timed out. The VM's clock is
            // Envoy's cached loop time, which can lag the timer that fired.
            Outcome::ConnectFailure | Outcome::Status(504)
                if timeout.is_some_and(|t| waited_ms.saturating_add(timer_slack_ms(t)) >= t) =>
            {
                Outcome::Timeout
            }
            o => o,
        };
        self.record_attempt(index, resp.status, &outcome.cause(), svc);
        if outcome == Outcome::Ok {
            return self.answer_from(index, resp, svc);
        }
        match self.advance(outcome, retry::retry_after_ms(&resp.headers), svc) {
            Next::Attempt(ops) => Step::cont(ops),
            // Not retryable (a 4xx): the provider's answer, in the client's format.
            Next::Exhausted => match resp.status {
                Some(s) if (400..500).contains(&s) && s != 429 => {
                    self.answer_from(index, resp, svc)
                }
                _ => self.final_error(),
            },
        }
    }

    /// Answers the client with a callout's response.
    fn answer_from(&mut self, index: usize, resp: CalloutResponse, svc: &mut dyn Services) -> Step {
        let Some(r) = self.resilience.as_ref() else { return Step::cont(Vec::new()) };
        let Some(step) = r.steps.get(index).cloned() else { return self.final_error() };
        let Some(p) = self.config.providers.get(step.provider) else { return self.final_error() };
        let status = resp.status.unwrap_or(502);
        let provider_name = p.name.clone();
        let (body, content_type, usage) = match self.client_wire {
            Some(client) => {
                let answer = wire::Answer { client, ..self.answer(svc) };
                match wire::answer_to_client(&answer, p.kind.format(), status, &resp.body) {
                    Ok(x) => x,
                    Err(e) => return self.reply(e),
                }
            }
            None => {
                let ct = if resp
                    .headers
                    .get_str("content-type")
                    .is_some_and(|c| c.starts_with("text/event-stream"))
                {
                    "text/event-stream"
                } else {
                    "application/json"
                };
                let u = crate::usage::from_body(p.kind.format().usage_reader(), &resp.body)
                    .unwrap_or_default();
                (resp.body, ct, u)
            }
        };
        self.served(index);
        self.stage = Stage::Replied;
        let sse = content_type == "text/event-stream";
        let (status, body, dlp_headers) = self.dlp_whole(status, body, sse, svc);
        let content_type = if dlp_headers.iter().any(|(k, _)| k == "content-type") {
            "application/json"
        } else {
            content_type
        };
        self.facts.status = Some(status);
        self.facts.model = Some(step.model.clone());
        self.facts.response_headers_ns = Some(svc.now_ns());
        self.facts.response_bytes = body.len() as u64;
        self.facts.usage.merge(usage);
        let mut headers: Vec<(super::Name, String)> =
            vec![(Cow::Borrowed("content-type"), content_type.to_string())];
        if content_type == "text/event-stream" {
            headers.push((Cow::Borrowed("cache-control"), "no-cache".into()));
        }
        headers.extend(self.gateway_response_headers("step", &index.to_string()));
        headers.extend(self.gateway_response_headers("provider", &provider_name));
        if let Some(route) = self.route_header(Some(&provider_name), Some(&step.model)) {
            headers.extend(self.gateway_response_headers("route", &route));
        }
        headers.extend(self.limits_local_headers());
        headers.extend(dlp_headers.into_iter().filter(|(k, _)| k != "content-type"));
        let mut ops = Vec::new();
        if let Some(c) = self.cache.as_ref() {
            headers.extend(self.gateway_response_headers("cache-status", c.status.as_str()));
        }
        if (200..300).contains(&status) && !self.dlp_blocked_response() {
            ops.extend(self.cache_store_whole(&body, content_type, svc));
        } else {
            self.cache_release(svc);
        }
        ops.push(self.local_reply(status, headers, body));
        Step::pause(ops)
    }

    /// Every attempt failed: one clean error naming the last cause.
    fn final_error(&mut self) -> Step {
        let (provider, outcome) =
            self.resilience.as_ref().and_then(|r| r.last).unwrap_or((0, Outcome::ConnectFailure));
        let name = self.config.providers.get(provider).map(|p| p.name.clone()).unwrap_or_default();
        let n = self.facts.attempts.len();
        let code = match outcome {
            // A 504 is a gateway's timeout upstream: a timeout too.
            Outcome::Timeout | Outcome::Status(504) => ErrorCode::UpstreamTimeout,
            Outcome::Status(429 | 503) => ErrorCode::UpstreamUnavailable,
            _ => ErrorCode::UpstreamFailed,
        };
        if let Some(r) = self.resilience.as_mut() {
            r.phase = Phase::Done;
            r.client_body = Vec::new();
        }
        self.reply(GatewayError::new(
            code,
            format!("every attempt failed ({n}); the last: {name} {}", outcome.cause()),
        ))
    }
}

/// The timer that ends a retry's backoff at `at` (ns).
fn backoff(at: u64) -> Op {
    Op::WakeAt { at, purpose: TimerPurpose::Backoff }
}

/// A callout attempt's time limit. A callout answers once the whole answer
/// is in: for a stream it covers the whole answer, not the first byte.
fn callout_timeout_ms(step: &StepRun, stream: bool) -> u64 {
    match (step.timeout_ms, stream) {
        (Some(t), false) => t,
        (Some(t), true) => t.max(DEFAULT_CALLOUT_TIMEOUT_MS),
        (None, _) => DEFAULT_CALLOUT_TIMEOUT_MS,
    }
}

/// In a request callback the flow itself says "pause"; a resume op there
/// would be wrong (none is produced today, this keeps it so).
fn with_resume_dropped(ops: Vec<Op>, in_callback: bool) -> Vec<Op> {
    if in_callback {
        ops.into_iter().filter(|o| *o != Op::ResumeRequest).collect()
    } else {
        ops
    }
}

impl Outcome {
    fn from_cause(cause: &str, status: Option<u16>) -> Outcome {
        match (cause, status) {
            ("timeout", _) => Outcome::Timeout,
            (_, Some(s)) => Outcome::Status(s),
            _ => Outcome::ConnectFailure,
        }
    }
}
