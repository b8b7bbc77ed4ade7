//! The MCP route in the request flow: `/mcp/{server}/...` goes to the
//! configured server over the Streamable HTTP transport. A POSTed JSON-RPC
//! message is read whole and checked (tool access, limits on tool calls,
//! DLP on arguments); its answer, JSON or an event stream, is checked
//! message by message (tool list filtered, descriptions and results
//! scanned). GET streams, DELETE and `Mcp-Session-Id` pass untouched.
//!
//! Entered from `request` once the gateway token is checked; a request on
//! any other route never reaches this module.

use std::borrow::Cow;
use std::rc::Rc;

use serde_json::{json, Value};

use super::response::{starts_with_ignore_case, MAX_SSE_EVENT};
use super::{Exchange, Name, Op, Stage, Step};
use crate::errors::{ErrorCode, GatewayError};
use crate::headers::Headers;
use crate::log_record::{McpFindings, McpLog};
use crate::mcp::policy::{self as mcp_policy, ListReport};
use crate::mcp::protocol::{self, Message};
use crate::mcp::{Check, McpConfig, Server};
use crate::policy::{Direction, Policy, Report};
use crate::services::Services;
use crate::sse::SseParser;

/// How the server's answer is read.
enum McpAnswer {
    Pass,
    /// A JSON answer, held whole (Envoy buffers it).
    Json,
    /// An event stream, checked event by event.
    Sse(SseParser),
    /// The rest of a stream the gateway stopped (an event too large to
    /// inspect): dropped, never passed unscanned.
    Drop,
    /// An answer to inspect that the gateway cannot read (encoded, or
    /// neither JSON nor an event stream): replaced by a JSON-RPC error.
    Unreadable,
}

/// This request's part of the MCP route.
pub(super) struct McpState {
    config: Rc<McpConfig>,
    server: usize,
    /// The header changes that send it to the server.
    route_ops: Vec<Op>,
    method: Option<String>,
    tool: Option<String>,
    /// The request's JSON-RPC id (the answer to check is the one with it).
    id: Option<Value>,
    policy: Option<Rc<Policy>>,
    /// Whether the answer is checked (tools/list, content results): decided
    /// with the request, before `answer` exists; the answer's headers then
    /// set `answer` from it.
    inspect: bool,
    answer: McpAnswer,
    /// `allowed`, `redacted`, `flagged`, `blocked`, `denied`, `rate_limited`, `refused`.
    decision: &'static str,
    request: Report,
    response: Report,
    list: ListReport,
    /// The request named a session (`mcp-session-id`), for the log.
    session: bool,
    rate_limit_rule: Option<String>,
    /// A tool call's admission while the global (Redis) counters answer.
    admission: Option<Box<aigw_limits::Admission>>,
    /// What the limits noted (a global counter not checked, ...), for the log.
    limit_notes: Vec<String>,
}

impl McpState {
    fn server(&self) -> Option<&Server> {
        self.config.servers.get(self.server)
    }
}

/// `/mcp/{server}{rest}`: the server's name and the rest of the path.
fn split_path(path: &[u8]) -> Option<(&str, &str)> {
    let rest = std::str::from_utf8(path.get(crate::mcp::ROUTE_PREFIX.len()..)?).ok()?;
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    Some((rest.get(..end)?, rest.get(end..)?))
}

/// The JSON-RPC answer the gateway gives itself (HTTP 200: MCP clients read
/// the error from the body and raise it to the agent).
fn jsonrpc_headers() -> Vec<(Name, String)> {
    vec![(Cow::Borrowed("content-type"), "application/json".into())]
}

/// Rewrites one SSE event's data, keeping its other fields (`event`, `id`).
fn sse_event(raw: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + data.len());
    for line in raw.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() || line.starts_with(b"data") {
            continue;
        }
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(b"data: ");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\n\n");
    out
}

impl Exchange {
    /// Request headers on the MCP route (the gateway token is checked).
    pub(super) fn mcp_on_request_headers(
        &mut self,
        mcp: Rc<McpConfig>,
        h: &Headers,
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Step {
        let path = h.get(":path").unwrap_or_default();
        let Some((name, rest)) = split_path(path) else {
            return self.reply(GatewayError::new(
                ErrorCode::InvalidPath,
                "an MCP path is /mcp/{server}/...",
            ));
        };
        // Concatenated, not `format!`ted: this runs on every message.
        self.facts.endpoint = Some(["/mcp/", name].concat());
        let Some((index, server)) = mcp.server(name) else {
            return self.reply(GatewayError::new(
                ErrorCode::UnknownProvider,
                format!("no MCP server named {name:?} on this gateway"),
            ));
        };
        // Of the request's headers, only the gateway's own are needed later
        // (they never leave), and those the tool-call limits key on.
        self.snapshot.gateway = h.gateway_only();
        if let Some(l) = &mcp.limits {
            self.snapshot.limit_headers = l
                .key_headers()
                .iter()
                .filter_map(|n| h.get(n).map(|v| (n.clone(), v.to_vec())))
                .collect();
        }
        if let Some((raw, cloudflare)) = h.gateway(crate::headers::METADATA) {
            match crate::metadata::parse(raw, cloudflare) {
                Ok(m) => {
                    self.facts.metadata = Some(m.map.clone());
                    self.facts.logged_metadata = Some(m);
                }
                Err(e) => return self.reply(e),
            }
        }
        let mut route_ops: Vec<Op> = self
            .snapshot
            .gateway
            .gateway_names()
            .map(|n| Op::RemoveRequestHeader(Cow::Owned(n.to_string())))
            .collect();
        route_ops.push(Op::SetRequestHeader(
            Cow::Borrowed(":path"),
            [server.path.as_bytes(), rest.as_bytes()].concat(),
        ));
        route_ops.push(Op::SetRequestHeader(
            Cow::Borrowed(":authority"),
            server.authority.as_bytes().to_vec(),
        ));
        if let Some(header) = &self.config.cluster_header {
            route_ops.push(Op::SetRequestHeader(
                Cow::Owned(header.clone()),
                server.cluster.as_bytes().to_vec(),
            ));
        }
        if let Some((header, key)) = &server.credential {
            let value = if header == "authorization" {
                format!("Bearer {}", key.expose())
            } else {
                key.expose().to_string()
            };
            route_ops.push(Op::SetRequestHeader(Cow::Owned(header.clone()), value.into_bytes()));
        }
        self.mcp = Some(Box::new(McpState {
            server: index,
            route_ops: Vec::new(),
            method: None,
            tool: None,
            id: None,
            policy: None,
            inspect: false,
            answer: McpAnswer::Pass,
            decision: "allowed",
            request: Report::default(),
            response: Report::default(),
            list: ListReport::default(),
            session: h.contains("mcp-session-id"),
            rate_limit_rule: None,
            admission: None,
            limit_notes: Vec::new(),
            config: mcp,
        }));
        let post = h.get(":method") == Some(b"POST");
        if !post || end_of_stream {
            // GET (the server's stream), DELETE (ends a session): as they are.
            if !post && !end_of_stream {
                return self.reply(GatewayError::new(
                    ErrorCode::InvalidRequest,
                    "the gateway does not accept a request body on this method",
                ));
            }
            // The server's own stream is scanned like any answer.
            if let Some(m) = self.mcp.as_mut() {
                let server = m.config.servers.get(m.server);
                m.policy = server.and_then(|s| s.policy_for(self.facts.tenant.as_deref(), None));
                m.inspect = m.policy.as_ref().is_some_and(|p| p.active(Direction::Response));
            }
            self.stage = Stage::Upstream;
            return Step::cont(route_ops);
        }
        if let Some(len) = h.get_str("content-length").and_then(|v| v.trim().parse::<u64>().ok()) {
            if len > self.config.max_body_bytes as u64 {
                return self.body_too_large();
            }
        }
        if let Some(m) = self.mcp.as_mut() {
            m.route_ops = route_ops;
        }
        if self.flag_missing() {
            return self.missing_flag(svc);
        }
        let mut wait = self.await_body();
        wait.ops.extend(self.watch_body(svc));
        wait
    }

    /// The whole JSON-RPC message a client POSTed.
    pub(super) fn mcp_on_request_body(&mut self, body: &[u8], svc: &mut dyn Services) -> Step {
        let Some(mut m) = self.mcp.take() else { return Step::cont(Vec::new()) };
        let step = self.mcp_check_request(&mut m, body, svc);
        self.mcp = Some(m);
        step
    }

    fn mcp_check_request(&mut self, m: &mut McpState, body: &[u8], svc: &mut dyn Services) -> Step {
        self.facts.request_bytes = body.len() as u64;
        let msg = match protocol::parse(body) {
            Ok(p) => p,
            Err(r) => {
                m.decision = "refused";
                self.facts.error_code = Some("aigw_invalid_request");
                return self.mcp_reply(400, r.error());
            }
        };
        let tenant = self.facts.tenant.clone();
        let mut ops = std::mem::take(&mut m.route_ops);
        let (id, method, tool) = match msg {
            Message::Request { id, method, tool } => (id, method, tool),
            Message::Notification { method } => {
                m.method = Some(method);
                self.mcp_log_prompt(body);
                self.stage = Stage::Upstream;
                return Step::cont(ops);
            }
            Message::Response => {
                self.mcp_log_prompt(body);
                self.stage = Stage::Upstream;
                return Step::cont(ops);
            }
        };
        m.method = Some(method.clone());
        m.tool = tool.clone();
        m.id = Some(id.clone());
        let config = Rc::clone(&m.config);
        let Some(server) = config.servers.get(m.server) else { return Step::cont(ops) };
        m.policy = server.policy_for(tenant.as_deref(), tool.as_deref());
        // An answer is read only when a policy acts on answers (else it
        // passes as it comes: no holding, no parsing); then every message
        // in it is, the server's own requests and notifications included.
        m.inspect = method == "tools/list"
            || m.policy.as_ref().is_some_and(|p| p.active(Direction::Response));
        if let Some(tool) = &tool {
            if !server.visible(tenant.as_deref(), tool) {
                m.decision = "denied";
                self.facts.error_code = Some("aigw_tool_denied");
                let body = protocol::error_body(
                    &id,
                    protocol::INVALID_PARAMS,
                    &format!("tool {tool:?} is not available: this gateway's access rules deny it"),
                    "aigw_tool_denied",
                    Some(json!({"tool": tool})),
                );
                return self.mcp_reply(200, body);
            }
        }
        let mut sent = None;
        if let Some(policy) = m.policy.clone().filter(|p| p.active(Direction::Request)) {
            match crate::scan::scan_json(&policy, Direction::Request, body) {
                Ok(scan) => {
                    m.request = scan.report;
                    if let Some(by) = m.request.blocked_by.clone() {
                        m.decision = "blocked";
                        self.facts.error_code = Some(blocked_code(&policy, &by));
                        let body = protocol::error_body(
                            &id,
                            protocol::GATEWAY_REFUSED,
                            &format!("the {method} request contains content this gateway's policy blocks ({by})"),
                            blocked_code(&policy, &by),
                            Some(json!({"detector": by})),
                        );
                        return self.mcp_reply(200, body);
                    }
                    if scan.body.is_some() {
                        m.decision = "redacted";
                    } else if !m.request.is_empty() {
                        m.decision = "flagged";
                    }
                    sent = scan.body;
                }
                Err(_) => {
                    let body = protocol::Refusal::NotJson.error();
                    return self.mcp_reply(400, body);
                }
            }
        }
        self.mcp_log_prompt(sent.as_deref().unwrap_or(body));
        if let Some(b) = sent {
            ops.push(Op::SetRequestHeader(
                Cow::Borrowed("content-length"),
                b.len().to_string().into_bytes(),
            ));
            ops.push(Op::SetRequestBody(b));
        }
        self.mem_settle_request();
        // Counted after the scans, as LLM requests are: a message the
        // policy refused never reached the server.
        if let (Some(tool), Some(limiter)) = (&tool, &config.limits) {
            let client_ip = if limiter.uses_client_ip() { svc.client_ip() } else { None };
            let headers: Vec<(&str, &[u8])> = self
                .snapshot
                .limit_headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_slice()))
                .collect();
            let facts = aigw_limits::RequestFacts {
                tenant: tenant.as_deref(),
                client_ip: client_ip.as_deref(),
                provider: Some(server.name.as_str()),
                model: Some(tool.as_str()),
                headers: &headers,
                metadata: self.facts.metadata.as_ref(),
                ..Default::default()
            };
            // A tool call is one request; it uses no tokens.
            let expected = aigw_limits::Expected {
                input_tokens: 0,
                max_output_tokens: Some(0),
                requests: None,
            };
            // Counted at the message's arrival (its headers' clock: one
            // host call less; the body of a message comes right behind).
            let mut admission = limiter.begin(&facts, &expected, self.start_ns / 1_000_000);
            admission.reserve_local(svc);
            if let (Some(cmd), Some(g)) = (admission.global_request(), limiter.global()) {
                // The global counters answer before the call goes on
                // (`mcp_on_reserve`); the message's changes wait with it.
                let call = Op::Dispatch(super::Callout {
                    purpose: super::Purpose::McpLimitsReserve,
                    cluster: g.cluster.clone(),
                    headers: super::Callout::headers("POST", "/", &g.authority, Some("text/plain")),
                    body: cmd.body().into_bytes(),
                    timeout_ms: u32::try_from(g.timeout_ms.max(1)).unwrap_or(u32::MAX),
                });
                m.admission = Some(Box::new(admission));
                m.route_ops = ops;
                return self
                    .enter(super::stage::Gated::Wait(Stage::McpLimits, Step::pause(vec![call])));
            }
            if let Some(refusal) = self.mcp_admitted(m, admission) {
                return refusal;
            }
        }
        self.mcp_forward(m, ops, true)
    }

    /// What a tool call's admission decided: `None` admitted, else the
    /// JSON-RPC refusal.
    fn mcp_admitted(
        &mut self,
        m: &mut McpState,
        admission: aigw_limits::Admission,
    ) -> Option<Step> {
        let (decision, _) = admission.finish();
        m.limit_notes.extend(decision.notes.iter().map(|n| format!("{}: {}", n.counter, n.reason)));
        if decision.admitted {
            // Nothing to settle: a request counter keeps what it reserved.
            return None;
        }
        m.decision = "rate_limited";
        m.rate_limit_rule.clone_from(&decision.deciding_rule);
        self.facts.error_code = Some("aigw_rate_limited");
        let rule = decision.deciding_rule.clone().unwrap_or_default();
        let retry = decision.retry_after_ms.map(|ms| ms.div_ceil(1000));
        let body = protocol::error_body(
            &m.id.clone().unwrap_or(Value::Null),
            protocol::GATEWAY_REFUSED,
            &format!("rate limit {rule:?} exceeded for tool calls"),
            "aigw_rate_limited",
            Some(json!({"rule": rule, "retry_after_s": retry})),
        );
        Some(self.mcp_reply(200, body))
    }

    /// The global counters answered a tool call's reservation (or failed:
    /// then `global.on_error` decides).
    pub(super) fn mcp_on_reserve(
        &mut self,
        response: super::CalloutResponse,
        svc: &mut dyn Services,
    ) -> Step {
        if self.stage != Stage::McpLimits {
            return Step::cont(Vec::new());
        }
        let Some(mut m) = self.mcp.take() else { return Step::cont(Vec::new()) };
        let step = match m.admission.take() {
            None => Step::cont(Vec::new()),
            Some(mut admission) => {
                match (response.refused, response.status) {
                    (Some(why), _) => admission.global_failed(
                        svc,
                        &format!("the global counters' answer was not read: {why}"),
                    ),
                    (None, Some(status)) => {
                        admission.apply_global_reply(svc, u32::from(status), &response.body);
                    }
                    (None, None) => admission.global_failed(
                        svc,
                        "no answer from the global counters (reset, timeout or no cluster)",
                    ),
                }
                match self.mcp_admitted(&mut m, *admission) {
                    Some(refusal) => refusal,
                    None => {
                        let ops = std::mem::take(&mut m.route_ops);
                        self.mcp_forward(&mut m, ops, false)
                    }
                }
            }
        };
        self.mcp = Some(m);
        step
    }

    /// An admitted message goes to its server: with `ops` (its route and
    /// body changes), after the tool fingerprints in Redis for a
    /// `tools/list`. `in_callback`: inside the request body callback (else
    /// the paused request is resumed).
    fn mcp_forward(&mut self, m: &mut McpState, mut ops: Vec<Op>, in_callback: bool) -> Step {
        let config = Rc::clone(&m.config);
        let Some(server) = config.servers.get(m.server) else { return Step::cont(ops) };
        let list = m.method.as_deref() == Some("tools/list");
        if let Some(l2) = config.l2.as_ref().filter(|_| list && server.rug_pull != Check::Off) {
            // The fingerprints other gateways saw first, before the list
            // comes back (its answer cannot wait for a callout).
            let call = Op::Dispatch(super::Callout {
                purpose: super::Purpose::McpFingerprints,
                cluster: l2.cluster.clone(),
                headers: super::Callout::headers(
                    "GET",
                    mcp_policy::l2_lookup_path(&server.name),
                    &l2.authority,
                    None,
                ),
                body: Vec::new(),
                timeout_ms: l2.timeout_ms,
            });
            m.route_ops = ops;
            return self
                .enter(super::stage::Gated::Wait(Stage::McpLookup, Step::pause(vec![call])));
        }
        self.stage = Stage::Upstream;
        if in_callback {
            return Step::cont(ops);
        }
        ops.push(Op::ResumeRequest);
        Step { ops, flow: super::Flow::Continue }
    }

    /// Redis answered with a server's fingerprints: they seed this Envoy's,
    /// and the `tools/list` goes on (also when Redis failed: then checked
    /// against this Envoy's own).
    pub(super) fn mcp_on_fingerprints(
        &mut self,
        response: super::CalloutResponse,
        svc: &mut dyn Services,
    ) -> Step {
        if self.stage != Stage::McpLookup {
            // An offer's answer, or late.
            return Step::cont(Vec::new());
        }
        let Some(m) = self.mcp.as_mut() else { return Step::cont(Vec::new()) };
        let config = Rc::clone(&m.config);
        if let Some(server) = config.servers.get(m.server) {
            let seeded = match response.refused {
                Some(_) => Err("too large to read".to_string()),
                None => mcp_policy::l2_seed(svc, &server.name, response.status, &response.body),
            };
            if let Err(why) = seeded {
                svc.warn(&format!("mcp: reading tool fingerprints from Redis failed ({why}); checked against this Envoy's"));
            }
        }
        let mut ops = std::mem::take(&mut m.route_ops);
        ops.push(Op::ResumeRequest);
        self.stage = Stage::Upstream;
        Step { ops, flow: super::Flow::Continue }
    }

    fn mcp_reply(&mut self, status: u16, body: Vec<u8>) -> Step {
        self.stage = Stage::Replied;
        self.facts.status = Some(status);
        self.facts.response_bytes = body.len() as u64;
        let op = self.local_reply(status, jsonrpc_headers(), body);
        Step::pause(vec![op])
    }

    /// The policy an MCP message was scanned with (its server's, per tool).
    pub(super) fn mcp_policy(&self) -> Option<Rc<Policy>> {
        self.mcp.as_ref()?.policy.clone()
    }

    /// `logs.payloads` rules for the route `mcp`: the message as sent.
    fn mcp_log_prompt(&mut self, body: &[u8]) {
        if !matches!(self.recording, super::log::Recording::Counts) {
            return;
        }
        if let Some(mut p) = self.config.logs.payloads_for("mcp", self.facts.tenant.as_deref()) {
            p.prompt.push(body);
            self.recording = super::log::Recording::Payloads(Box::new(p));
        }
    }

    /// The server's response headers: how its answer is read.
    pub(super) fn mcp_on_response_headers(&mut self, h: &Headers, svc: &mut dyn Services) -> Step {
        let status = h.get_str(":status").and_then(|s| s.parse::<u16>().ok());
        self.stage = Stage::Responding;
        self.facts.status = status;
        self.facts.response_headers_ns = Some(svc.now_ns());
        let mut ops: Vec<Op> = self
            .request_id_headers()
            .into_iter()
            .map(|(k, v)| Op::SetResponseHeader(k, v.into_bytes()))
            .collect();
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        let encoded = h
            .get("content-encoding")
            .is_some_and(|e| !e.trim_ascii().eq_ignore_ascii_case(b"identity"));
        let ct = h.get("content-type").unwrap_or_default();
        if let Some(m) = self.mcp.as_mut().filter(|m| m.inspect && ok) {
            let sse = starts_with_ignore_case(ct, b"text/event-stream");
            let json = crate::request_body::is_json_content_type(ct);
            if encoded || !(sse || json || ct.is_empty()) {
                // Fail closed: what cannot be scanned does not reach the agent.
                m.answer = McpAnswer::Unreadable;
                ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
                ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-encoding")));
                ops.push(Op::SetResponseHeader(
                    Cow::Borrowed("content-type"),
                    b"application/json".to_vec(),
                ));
            } else if sse {
                m.answer = McpAnswer::Sse(SseParser::new(MAX_SSE_EVENT));
            } else if json {
                m.answer = McpAnswer::Json;
                ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
            }
        }
        Step::cont(ops)
    }

    /// Whether the server's response headers matter only for their
    /// `:status` (an answer no policy reads): the host then hands over that
    /// one value, not the whole map.
    pub fn response_reads_only_status(&self) -> bool {
        self.stage != Stage::Replied && self.mcp.as_ref().is_some_and(|m| !m.inspect)
    }

    /// Whether the server's answer passes unread: no policy reads it and
    /// no payload log records it. The host then does not fetch its bytes
    /// (a host call and a copy per callback) and reports only their size
    /// ([`Exchange::on_response_passed`]).
    pub fn response_passes_unread(&self) -> bool {
        self.stage != Stage::Replied
            && !matches!(self.recording, super::log::Recording::Payloads(_))
            && self.mcp.as_ref().is_some_and(|m| matches!(m.answer, McpAnswer::Pass))
    }

    /// A body callback of an answer that passes unread: its size.
    pub fn on_response_passed(&mut self, size: usize, end_of_stream: bool) {
        self.response_body_arrived();
        self.facts.response_bytes += size as u64;
        if end_of_stream && self.delivery == super::Delivery::Pending {
            self.delivery = super::Delivery::Ended;
        }
    }

    /// Whether the answer is held whole (for the memory budget).
    pub(super) fn mcp_holds_response(&self) -> bool {
        self.mcp.as_ref().is_some_and(|m| matches!(m.answer, McpAnswer::Json))
    }

    pub(super) fn mcp_on_response_body(
        &mut self,
        chunk: &[u8],
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Step {
        let Some(mut m) = self.mcp.take() else { return Step::cont(Vec::new()) };
        let out = match &mut m.answer {
            McpAnswer::Pass => None,
            McpAnswer::Drop => Some(Vec::new()),
            McpAnswer::Unreadable if !end_of_stream => Some(Vec::new()),
            McpAnswer::Unreadable => {
                m.decision = "blocked";
                self.facts.error_code = Some("aigw_answer_unreadable");
                Some(protocol::error_body(
                    &m.id.clone().unwrap_or(Value::Null),
                    protocol::GATEWAY_REFUSED,
                    "the server's answer is encoded or not JSON, so the gateway cannot inspect it",
                    "aigw_answer_unreadable",
                    None,
                ))
            }
            McpAnswer::Json if !end_of_stream => {
                self.mcp = Some(m);
                return Step::pause(Vec::new());
            }
            McpAnswer::Json => self.mcp_check_answer(&mut m, chunk, svc),
            McpAnswer::Sse(parser) => {
                let mut events = parser.feed(chunk);
                if end_of_stream && !parser.pending().is_empty() {
                    // An unterminated last event is still an event: checked,
                    // never passed unscanned.
                    events.extend(parser.feed(b"\n\n"));
                }
                // The incomplete event is held on the memory budget.
                let overflowed = parser.overflowed()
                    || self.mem.response.resize(parser.pending().len()).is_err();
                let mut out = Vec::with_capacity(chunk.len());
                for ev in events {
                    match self.mcp_check_answer(&mut m, &ev.data, svc) {
                        // Empty: a message the policy left out.
                        Some(new) if new.is_empty() => {}
                        Some(new) => out.extend(sse_event(&ev.raw, &new)),
                        None => out.extend_from_slice(&ev.raw),
                    }
                }
                if overflowed {
                    // Too large to inspect: the request is answered with an
                    // error and the rest of the stream dropped (fail closed).
                    let id = m.id.clone().unwrap_or(Value::Null);
                    let error = protocol::error_body(
                        &id,
                        protocol::GATEWAY_REFUSED,
                        "the server's answer holds a message too large for the gateway to inspect",
                        "aigw_answer_too_large",
                        None,
                    );
                    out.extend(sse_event(b"event: message\n", &error));
                    m.decision = "blocked";
                    m.answer = McpAnswer::Drop;
                    self.mem.response.release();
                }
                Some(out)
            }
        };
        self.mcp = Some(m);
        self.log_answer(out.as_deref().unwrap_or(chunk));
        self.facts.response_bytes += out.as_ref().map_or(chunk.len(), Vec::len) as u64;
        if end_of_stream && self.delivery == super::Delivery::Pending {
            self.delivery = super::Delivery::Ended;
        }
        Step::cont(out.map(Op::SetResponseBody).into_iter().collect())
    }

    /// One message of the server's answer: the response to the request is
    /// checked (a list filtered, a result scanned); anything else passes.
    /// The message to send instead, if it changes.
    fn mcp_check_answer(
        &mut self,
        m: &mut McpState,
        data: &[u8],
        svc: &mut dyn Services,
    ) -> Option<Vec<u8>> {
        if data.trim_ascii().is_empty() {
            // An event without data (a stream's priming event) carries nothing.
            return None;
        }
        // No request of the agent's to answer: the server's GET stream.
        let Some(id) = m.id.clone() else { return self.mcp_check_other(m, data) };
        // Whether it is the response to the request. A list is rewritten,
        // so read whole; any other answer is scanned as it came, so only
        // its head is read.
        let (is_response, mut whole) = if m.method.as_deref() == Some("tools/list") {
            match serde_json::from_slice::<Value>(data) {
                Ok(Value::Object(msg)) => (Some(protocol::is_response_to(&msg, &id)), Some(msg)),
                _ => (None, None),
            }
        } else {
            (protocol::answers(data, &id), None)
        };
        let Some(is_response) = is_response else {
            // Not JSON where JSON-RPC was due: refused, never passed unscanned.
            m.decision = "blocked";
            self.facts.error_code = Some("aigw_answer_unreadable");
            return Some(protocol::error_body(
                &id,
                protocol::GATEWAY_REFUSED,
                "the server's answer holds a message that is not JSON-RPC",
                "aigw_answer_unreadable",
                None,
            ));
        };
        if !is_response {
            return self.mcp_check_other(m, data);
        }
        let method = m.method.as_deref().unwrap_or_default();
        if let Some(msg) = whole.as_mut() {
            let server = m.config.servers.get(m.server)?;
            let Some(Value::Object(result)) = msg.get_mut("result") else { return None };
            let tenant = self.facts.tenant.as_deref();
            let mut firsts = Vec::new();
            let changed = mcp_policy::filter_list(
                server,
                &m.config.engine,
                tenant,
                result,
                svc,
                &mut m.list,
                &mut firsts,
            );
            if let Some(l2) = &m.config.l2 {
                // Fire-and-forget, once the request is over.
                for (tool, fp) in firsts {
                    if let Some(path) = mcp_policy::l2_offer_path(&server.name, &tool, &fp) {
                        self.deferred.push(Op::Dispatch(super::Callout {
                            purpose: super::Purpose::McpFingerprintOffer,
                            cluster: l2.cluster.clone(),
                            headers: super::Callout::headers("GET", path, &l2.authority, None),
                            body: Vec::new(),
                            timeout_ms: l2.timeout_ms,
                        }));
                    }
                }
            }
            if !m.list.is_empty() && m.decision == "allowed" {
                m.decision = "flagged";
            }
            return changed.then(|| serde_json::to_vec(&*msg).unwrap_or_default());
        }
        let policy = m.policy.clone().filter(|p| p.active(Direction::Response))?;
        let Ok(scan) = crate::scan::scan_untrusted_json(&policy, Direction::Response, data) else {
            m.decision = "blocked";
            self.facts.error_code = Some("aigw_answer_unreadable");
            return Some(protocol::error_body(
                &id,
                protocol::GATEWAY_REFUSED,
                "the server's answer could not be scanned",
                "aigw_answer_unreadable",
                None,
            ));
        };
        m.response.merge(&scan.report);
        if let Some(by) = &scan.report.blocked_by {
            m.decision = "blocked";
            let code = blocked_code(&policy, by);
            self.facts.error_code = Some(code);
            let what = match m.tool.as_deref() {
                Some(t) => format!("the result of tool {t:?}"),
                None => format!("the {method} result"),
            };
            return Some(protocol::error_body(
                &id,
                protocol::GATEWAY_REFUSED,
                &format!("{what} contains content this gateway's policy blocks ({by})"),
                code,
                Some(json!({"detector": by})),
            ));
        }
        if !scan.report.is_empty() && m.decision == "allowed" {
            m.decision = if scan.body.is_some() { "redacted" } else { "flagged" };
        }
        scan.body
    }

    /// A message of the server's own in the answer (a notification, a
    /// request to the agent): scanned with the same response policy; one
    /// that policy blocks is left out of the stream, a redacted one sent
    /// redacted. The message to send instead, if it changes (empty: none).
    fn mcp_check_other(&mut self, m: &mut McpState, data: &[u8]) -> Option<Vec<u8>> {
        let policy = m.policy.clone().filter(|p| p.active(Direction::Response))?;
        let Ok(scan) = crate::scan::scan_untrusted_json(&policy, Direction::Response, data) else {
            return Some(Vec::new());
        };
        m.response.merge(&scan.report);
        if scan.report.blocked_by.is_some() {
            m.decision = "blocked";
            return Some(Vec::new());
        }
        if !scan.report.is_empty() && m.decision == "allowed" {
            m.decision = if scan.body.is_some() { "redacted" } else { "flagged" };
        }
        scan.body
    }

    /// The record's `mcp` object: what was decided, never the text.
    pub(super) fn mcp_log(&self) -> Option<McpLog<'_>> {
        let m = self.mcp.as_ref()?;
        Some(McpLog {
            decision: m.decision,
            findings: McpFindings {
                request: (!m.request.is_empty()).then_some(&m.request),
                response: (!m.response.is_empty()).then_some(&m.response),
                tools: (!m.list.is_empty()).then_some(&m.list),
            },
            limit_notes: &m.limit_notes,
            method: m.method.as_deref(),
            policy: m.policy.as_ref().map(|p| p.name.as_str()),
            rate_limit_rule: m.rate_limit_rule.as_deref(),
            server: m.server().map(|s| s.name.as_str()),
            session: m.session,
            tool: m.tool.as_deref(),
        })
    }
}

fn blocked_code(policy: &Policy, by: &str) -> &'static str {
    let guardrail = policy.engine.detector(by).is_some_and(|id| policy.is_guardrail(id));
    if guardrail {
        ErrorCode::GuardrailBlocked.as_str()
    } else {
        ErrorCode::DlpBlocked.as_str()
    }
}

/// What to log when a fingerprint offer to Redis failed (its answer
/// arrives after the request is over).
pub fn offer_failure(r: &super::CalloutResponse) -> Option<String> {
    match r.status {
        Some(200) => None,
        Some(s) => Some(format!("mcp: fingerprint offer to Redis failed: status {s}")),
        None => Some("mcp: fingerprint offer to Redis failed: no answer".into()),
    }
}
