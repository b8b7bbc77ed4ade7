//! DLP and guardrails in the request flow: the request body is scanned (and
//! classified, when the policy has an external classifier) before it goes
//! upstream; answers are scanned as they come back, streams event by event,
//! whole answers (non-streamed, cache hits, fallback answers) at once.

use std::borrow::Cow;
use std::rc::Rc;

use super::stage::Gated;
use super::{CalloutResponse, Exchange, Flow, Name, Op, Purpose, Step};
use crate::errors::{ErrorCode, GatewayError};
use crate::formats::Format;
use crate::headers::Dialect;
use crate::policy::{Action, Direction, Policy, Report};
use crate::scan;
use crate::services::Services;
use crate::stream_guard::StreamGuard;

/// This request's part of DLP and guardrails.
#[derive(Default)]
pub(super) struct DlpState {
    pub policy: Option<Rc<Policy>>,
    pub request: Report,
    pub response: Report,
    /// Bytes of text scanned and the time it took (ns), for the log.
    pub scanned: usize,
    pub scan_ns: u64,
    /// Why the classifier could not be used (fail-open), for the log.
    pub classifier_error: Option<String>,
    /// How the answer is scanned, decided at its headers.
    pub answer: AnswerScan,
}

/// How the provider's answer is scanned (one state: a stream guard, a
/// hold and the reason an answer is unreadable cannot coexist).
// The guard stays inline: `DlpState` is boxed already, one per request, so
// a second box would only add an allocation per scanned stream.
#[allow(clippy::large_enum_variant)]
#[derive(Default)]
pub(super) enum AnswerScan {
    /// Not scanned here (no response policy, an error status, or not yet
    /// at the headers).
    #[default]
    Off,
    /// A streamed answer, scanned event by event as it passes.
    Stream(StreamGuard),
    /// Held (headers too) until it has been scanned whole. `unreadable`:
    /// why the gateway cannot read it (not JSON or an event stream,
    /// content-encoded): a body then fails closed.
    Whole { unreadable: Option<&'static str> },
}

fn blocked_error(policy: &Policy, by: &str, what: &str) -> GatewayError {
    let guardrail = policy.engine.detector(by).is_some_and(|id| policy.is_guardrail(id))
        || aigw_dlp::Category::from_name(by).is_some_and(|c| c.is_guardrail());
    let code = if guardrail { ErrorCode::GuardrailBlocked } else { ErrorCode::DlpBlocked };
    GatewayError::new(code, format!("{what} contains content this gateway's policy blocks ({by})"))
}

impl Exchange {
    fn policy(&self) -> Option<Rc<Policy>> {
        self.dlp.as_ref().and_then(|d| d.policy.clone())
    }

    /// Picks the policy once tenant and provider are known.
    pub(super) fn dlp_choose(&mut self) {
        let policy = self.config.policy_for(self.facts.tenant.as_deref(), self.provider()).cloned();
        if let Some(p) = policy {
            self.dlp = Some(Box::new(DlpState { policy: Some(p), ..DlpState::default() }));
        }
    }

    /// Whether a request body the gateway cannot read must be refused.
    pub(super) fn dlp_refuses_uninspected(&self) -> bool {
        self.policy().is_some_and(|p| p.active(Direction::Request) && !p.allow_uninspected_bodies)
    }

    /// Scans the request body. Ok(Some(body)) when redacted, Err(step) when
    /// blocked.
    pub(super) fn dlp_request(
        &mut self,
        body: &[u8],
        svc: &mut dyn Services,
    ) -> Result<Option<Vec<u8>>, Step> {
        let Some(policy) = self.policy().filter(|p| p.active(Direction::Request)) else {
            return Ok(None);
        };
        let t0 = svc.now_ns();
        let result = scan::scan_json(&policy, Direction::Request, body);
        let t1 = svc.now_ns();
        let scanned = match result {
            Ok(s) => s,
            // The body was parsed already; this cannot happen, but never pass
            // unscanned text.
            Err(_) => {
                return Err(self.reply(GatewayError::new(
                    ErrorCode::InvalidJson,
                    "the request body is not valid JSON",
                )))
            }
        };
        if let Some(d) = self.dlp.as_mut() {
            d.scanned += scanned.scanned;
            d.scan_ns += t1.saturating_sub(t0);
            d.request = scanned.report.clone();
        }
        if let Some(by) = &scanned.report.blocked_by {
            // What was found goes with the refusal (Cloudflare's clients
            // read `cf-aig-dlp` on a block too).
            let found = self.dlp_summary_headers();
            return Err(self.reply_with(blocked_error(&policy, by, "the request"), found));
        }
        Ok(scanned.body)
    }

    /// The external classifier on the request, when the policy has one.
    pub(super) fn dlp_classify_request(&mut self, body: &[u8]) -> Option<Step> {
        let policy = self.policy()?;
        let c = policy.classifier.as_ref().filter(|c| c.requests)?;
        let text = scan::conversation_text(body, crate::classifier::MAX_TEXT);
        if text.is_empty() {
            return None;
        }
        let mut headers = super::Callout::headers(
            "POST",
            c.path.as_str(),
            &c.authority,
            Some("application/json"),
        );
        if let Some(k) = &c.api_key {
            headers.push((
                Cow::Borrowed("authorization"),
                format!("Bearer {}", k.expose()).into_bytes(),
            ));
        }
        Some(Step {
            ops: vec![Op::Dispatch(super::Callout {
                purpose: Purpose::Classify,
                cluster: c.cluster.clone(),
                headers,
                body: c.body(&text, false),
                timeout_ms: c.timeout_ms,
            })],
            flow: Flow::Pause,
        })
    }

    /// The classifier's answer: block, flag, or go on.
    pub(super) fn dlp_on_classified(&mut self, r: CalloutResponse) -> Gated {
        let Some(policy) = self.policy() else { return Gated::Next };
        let Some(c) = policy.classifier.clone() else { return Gated::Next };
        let parsed = match r.refused {
            // Unread for the memory budget: a classifier error (on_error).
            Some(why) => Err(format!("answer not read: {why}")),
            None => c.parse(r.status, &r.body),
        };
        match parsed {
            Ok(categories) => {
                for cat in &categories {
                    if let Some(d) = self.dlp.as_mut() {
                        *d.request
                            .findings
                            .entry(format!("classifier:{}", cat.name()))
                            .or_default() += 1;
                    }
                }
                if let (Some(cat), crate::policy::Action::Block) = (categories.first(), c.action) {
                    if let Some(d) = self.dlp.as_mut() {
                        d.request.blocked_by = Some(cat.name().to_string());
                    }
                    return Gated::Done(self.reply(blocked_error(
                        &policy,
                        cat.name(),
                        "the request",
                    )));
                }
            }
            Err(why) => {
                if let Some(d) = self.dlp.as_mut() {
                    d.classifier_error = Some(why.clone());
                }
                if c.on_error == crate::classifier::OnError::Closed {
                    return Gated::Done(self.reply(GatewayError::new(
                        ErrorCode::GuardrailUnavailable,
                        format!("the guardrail classifier is unavailable and this policy fails closed: {why}"),
                    )));
                }
            }
        }
        Gated::Next
    }

    /// Response headers: set up scanning of the answer. `unreadable` says
    /// why the gateway cannot read a 2xx answer (content type, encoding);
    /// under a response policy such an answer is held, and a body fails
    /// closed. Returns true when the answer is held (its headers too) until
    /// it has been scanned whole.
    pub(super) fn dlp_on_response_headers(
        &mut self,
        ok: bool,
        unreadable: Option<&'static str>,
        sse: bool,
        ops: &mut Vec<Op>,
    ) -> bool {
        let Some(policy) = self.policy() else { return false };
        let scan_response = ok && policy.active(Direction::Response);
        let wire = self
            .client_wire
            .or_else(|| self.provider().map(|p| p.kind.format()))
            .unwrap_or(Format::OpenAi);
        let Some(d) = self.dlp.as_mut() else { return false };
        if scan_response && sse && unreadable.is_none() {
            d.answer = AnswerScan::Stream(StreamGuard::new(policy, wire));
            ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
        } else if scan_response {
            d.answer = AnswerScan::Whole { unreadable };
            ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
        }
        let held = self.dlp_holds_response();
        if !held {
            // Streams: only the request's findings can be announced now.
            ops.extend(self.dlp_summary_ops());
        }
        held
    }

    /// `x-aigw-dlp` / `x-aigw-guardrail` for what was flagged so far.
    fn dlp_summary_headers(&self) -> Vec<(Name, String)> {
        let (Some(d), Some(policy)) = (self.dlp.as_ref(), self.policy()) else { return Vec::new() };
        let mut report = d.request.clone();
        report.merge(&d.response);
        let (dlp, guard) = report.headers(&policy);
        let mut out = Vec::new();
        if let Some(v) = dlp {
            out.push((Cow::Borrowed("x-aigw-dlp"), v));
        }
        if self.dialect == Dialect::Cloudflare {
            // Cloudflare's clients read their own JSON shape.
            if let Some(v) = Report::cloudflare_header(&policy, &d.request, &d.response) {
                out.push((Cow::Borrowed("cf-aig-dlp"), v));
            }
        }
        if let Some(v) = guard {
            out.extend(self.gateway_response_headers("guardrail", &v));
        }
        out
    }

    fn dlp_summary_ops(&self) -> Vec<Op> {
        self.dlp_summary_headers()
            .into_iter()
            .map(|(k, v)| Op::SetResponseHeader(k, v.into_bytes()))
            .collect()
    }

    /// A chunk of a streamed answer on its way to the client.
    pub(super) fn dlp_stream(
        &mut self,
        out: Vec<u8>,
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Vec<u8> {
        let Some(d) = self.dlp.as_mut() else { return out };
        let AnswerScan::Stream(g) = &mut d.answer else { return out };
        let t0 = svc.now_ns();
        let before = g.scanned;
        let mut released = g.feed(&out);
        if end_of_stream {
            released.extend(g.finish());
        }
        d.scanned += g.scanned - before;
        d.scan_ns += svc.now_ns().saturating_sub(t0);
        d.response = g.report();
        released
    }

    pub(super) fn dlp_holds_response(&self) -> bool {
        self.dlp.as_ref().is_some_and(|d| matches!(d.answer, AnswerScan::Whole { .. }))
    }

    /// Whether the answer is a stream scanned as it passes.
    pub(super) fn dlp_streams_response(&self) -> bool {
        self.dlp.as_ref().is_some_and(|d| matches!(d.answer, AnswerScan::Stream(_)))
    }

    /// A whole answer (JSON or a whole event stream) before it goes to the
    /// client: scanned, redacted, or replaced by a block error. Returns the
    /// status and body to send, and the extra headers to set.
    pub(super) fn dlp_whole(
        &mut self,
        status: u16,
        body: Vec<u8>,
        sse: bool,
        svc: &mut dyn Services,
    ) -> (u16, Vec<u8>, Vec<(Name, String)>) {
        let Some(policy) = self.policy().filter(|p| p.active(Direction::Response)) else {
            return (status, body, self.dlp_summary_headers());
        };
        if !(200..300).contains(&status) {
            return (status, body, self.dlp_summary_headers());
        }
        let unreadable = self.dlp.as_ref().and_then(|d| match d.answer {
            AnswerScan::Whole { unreadable } => unreadable,
            _ => None,
        });
        if let Some(why) = unreadable {
            if !body.is_empty() {
                return self.dlp_unscannable(&format!("the answer could not be scanned ({why})"));
            }
        }
        let t0 = svc.now_ns();
        let wire = self
            .client_wire
            .or_else(|| self.provider().map(|p| p.kind.format()))
            .unwrap_or(Format::OpenAi);
        let (out, report, scanned) = if sse {
            let mut g = StreamGuard::new(Rc::clone(&policy), wire);
            let mut out = g.feed(&body);
            out.extend(g.finish());
            (out, g.report(), g.scanned)
        } else {
            match scan::scan_json(&policy, Direction::Response, &body) {
                Ok(s) => (s.body.unwrap_or(body), s.report, s.scanned),
                // Not JSON: nothing we can read goes out unscanned.
                Err(_) => {
                    return self
                        .dlp_unscannable("the answer could not be scanned (it is not valid JSON)")
                }
            }
        };
        if let Some(d) = self.dlp.as_mut() {
            d.scanned += scanned;
            d.scan_ns += svc.now_ns().saturating_sub(t0);
            d.response = report.clone();
        }
        if let (Some(by), false) = (&report.blocked_by, sse) {
            let e = blocked_error(&policy, by, "the answer");
            self.facts.error_code = Some(e.code.as_str());
            let mut h = vec![(Cow::Borrowed("content-type"), "application/json".into())];
            h.extend(self.dlp_summary_headers());
            return (e.status(), e.body(self.client_format), h);
        }
        (status, out, self.dlp_summary_headers())
    }

    /// An answer the gateway cannot read, replaced by an error in the
    /// client's API shape.
    fn dlp_unscannable(&mut self, message: &str) -> (u16, Vec<u8>, Vec<(Name, String)>) {
        let e = GatewayError::new(ErrorCode::DlpBlocked, message);
        self.facts.error_code = Some(e.code.as_str());
        (
            e.status(),
            e.body(self.client_format),
            vec![(Cow::Borrowed("content-type"), "application/json".into())],
        )
    }

    /// The log's copy of the client's metadata, scanned by the request's
    /// policy (chosen as for the body, an MCP message's by its server and
    /// tool; the default one when the request ended before its provider was
    /// known). The findings, for the log.
    pub(super) fn scrub_logged_metadata(&mut self) -> Option<Report> {
        self.facts.logged_metadata.as_ref()?;
        let tenant = self.facts.tenant.as_deref();
        let policy = self
            .policy()
            .or_else(|| self.mcp_policy())
            .or_else(|| self.config.policy_for(tenant, self.provider()).cloned())?;
        let m = self.facts.logged_metadata.as_mut()?;
        Some(crate::metadata::scrub(m, &policy))
    }

    /// The log's view.
    pub(super) fn dlp_log(&self) -> Option<crate::log_record::DlpLog<'_>> {
        let d = self.dlp.as_ref()?;
        let policy = d.policy.as_ref()?;
        let action_of = |dir: Option<Direction>, name: &str| {
            let id = policy.engine.detector(name);
            let action = match dir {
                Some(dir) => id.map_or(Action::Flag, |id| policy.action(dir, id)),
                None => id.map_or(Action::Flag, |id| policy.tool_action(id)),
            };
            action.as_str()
        };
        // Findings in tool results are their own entries (direction
        // `tool_results`), with the action that policy gave them.
        let actions = [(Direction::Request, &d.request), (Direction::Response, &d.response)]
            .into_iter()
            .flat_map(|(dir, report)| {
                report.findings.iter().filter_map(move |(name, &count)| {
                    let count =
                        count.saturating_sub(report.tool_results.get(name).copied().unwrap_or(0));
                    (count > 0).then(|| crate::log_record::PolicyAction {
                        direction: dir.as_str(),
                        detector: name,
                        action: action_of(Some(dir), name),
                        count,
                    })
                })
            })
            .chain(d.request.tool_results.iter().map(|(name, &count)| {
                crate::log_record::PolicyAction {
                    direction: "tool_results",
                    detector: name,
                    action: action_of(None, name),
                    count,
                }
            }))
            .collect();
        Some(crate::log_record::DlpLog {
            actions,
            policy: &policy.name,
            request: &d.request,
            response: &d.response,
            scanned_bytes: d.scanned,
            scan_us: d.scan_ns as f64 / 1000.0,
            classifier_error: d.classifier_error.as_deref(),
        })
    }

    /// Whether the answer that went out was altered by a block (never cached).
    pub(super) fn dlp_blocked_response(&self) -> bool {
        self.dlp.as_ref().is_some_and(|d| d.response.blocked_by.is_some())
    }
}
