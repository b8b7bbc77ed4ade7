//! The per-request state machine. It owns the whole flow (request headers,
//! body, callouts, response, log) and decides every pause and resume; it
//! never calls the host: events come in as plain data and it answers with
//! [`Op`]s that the host layer applies in one place. That keeps it natively
//! testable.
//!
//! Features hang off it in submodules: `cache_flow` (lookup, coalescing,
//! store) and `fallback` (retries, timeouts, fallback chains).

use std::borrow::Cow;
use std::rc::Rc;

use serde_json::{Map, Value};

use crate::config::{Config, Provider};
use crate::errors::{ErrorCode, GatewayError};
use crate::formats::Format;
use crate::headers::Headers;
use crate::log_record::{elapsed_ms, rfc3339, Attempt, LogRecord};
use crate::request_body;
use crate::routing::{self, Compat};
use crate::services::Services;
use crate::sse::SseParser;
use crate::usage::{self, EventUsage, StreamUsage};
use crate::wire::{self, Answer, StreamTranslator};

mod cache_flow;
mod dlp_flow;
mod fallback;
mod limits_flow;
mod memory_flow;
mod upstream_request;

pub use cache_flow::{store_failure, CacheState};

/// Bound on the bytes held for one incomplete SSE event.
const MAX_SSE_EVENT: usize = 1024 * 1024;
/// Bound on the copy of a JSON response kept to read its usage.
const MAX_USAGE_COPY: usize = 4 * 1024 * 1024;

/// A header name: static for the gateway's own, owned for ones it read.
pub type Name = Cow<'static, str>;

/// A change for the host layer to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    SetRequestHeader(Name, Vec<u8>),
    RemoveRequestHeader(Name),
    /// Replaces the whole buffered request body.
    SetRequestBody(Vec<u8>),
    SetResponseHeader(Name, Vec<u8>),
    RemoveResponseHeader(Name),
    /// Replaces the response body the current callback holds.
    SetResponseBody(Vec<u8>),
    /// Answers the client directly; the request goes no further.
    SendLocal {
        status: u16,
        headers: Vec<(Name, String)>,
        body: Vec<u8>,
    },
    /// An HTTP call to another cluster; its answer comes back through
    /// [`Exchange::on_callout`] (unless the call is fire-and-forget).
    Dispatch(Callout),
    /// Lets a request paused outside a callback (after a callout or a
    /// timer) go on upstream.
    ResumeRequest,
    /// Calls [`Exchange::on_timer`] at (about) this time, in ns.
    WakeAt(u64),
}

/// Why a callout was made: where its answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    CacheLookup,
    /// Fire-and-forget: only a failure is logged.
    CacheStore,
    /// An attempt of a retry or fallback step (its number, to drop late
    /// answers of abandoned attempts).
    Attempt(u32),
    /// The reservation on global (Redis) counters.
    LimitsReserve,
    /// Fire-and-forget: the settlement of global counters.
    LimitsSettle,
    /// The external guardrail classifier on the request.
    Classify,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callout {
    pub purpose: Purpose,
    pub cluster: String,
    /// Must include `:method`, `:path` and `:authority`.
    pub headers: Vec<(Name, Vec<u8>)>,
    pub body: Vec<u8>,
    /// Never zero (zero means no timeout at all to Envoy).
    pub timeout_ms: u32,
}

impl Callout {
    /// The pseudo-headers every callout carries, and its body's content type.
    pub fn headers(
        method: &str,
        path: impl Into<Vec<u8>>,
        authority: &str,
        content_type: Option<&'static str>,
    ) -> Vec<(Name, Vec<u8>)> {
        let mut h = vec![
            (Cow::Borrowed(":method"), method.as_bytes().to_vec()),
            (Cow::Borrowed(":path"), path.into()),
            (Cow::Borrowed(":authority"), authority.as_bytes().to_vec()),
        ];
        if let Some(ct) = content_type {
            h.push((Cow::Borrowed("content-type"), ct.as_bytes().to_vec()));
        }
        h
    }
}

/// A callout's answer. `status` is None when there was no HTTP answer at all
/// (reset, timeout, a missing cluster).
#[derive(Debug, Clone, Default)]
pub struct CalloutResponse {
    pub status: Option<u16>,
    pub headers: Headers,
    pub body: Vec<u8>,
    /// Set when the body was not read: the memory budget could not hold
    /// it ([`Exchange::admit_callout`]). Never handled as an empty body.
    pub refused: Option<crate::memory::Refused>,
}

/// Whether the host lets the stream continue after this callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Headers: stop iteration; body: stop and buffer.
    Pause,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub ops: Vec<Op>,
    pub flow: Flow,
}

impl Step {
    fn cont(ops: Vec<Op>) -> Self {
        Step { ops, flow: Flow::Continue }
    }
    fn pause(ops: Vec<Op>) -> Self {
        Step { ops, flow: Flow::Pause }
    }
}

/// What the request body callback needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyNeed {
    /// Pass the chunk on (the body is not inspected).
    Pass,
    /// Keep buffering.
    Buffer,
    /// The whole body is buffered: hand it to [`Exchange::on_request_body`].
    Complete,
    /// Stop with these ops (e.g. body too large).
    Stop(Step),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
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

enum ResponseBody {
    /// Not inspected (error status, encoded or unknown content).
    Pass,
    /// A JSON body: a bounded copy is kept to read usage at the end.
    Json(Vec<u8>),
    /// An event stream, parsed event by event; `rewrite` when events are
    /// dropped (the usage chunk the gateway asked for on the client's behalf).
    Sse { parser: SseParser, usage: StreamUsage, rewrite: bool },
    /// A JSON answer in another format than the client's: held whole, then
    /// translated.
    TranslateJson { upstream: Format, status: u16 },
    /// An event stream in another format, translated event by event.
    TranslateSse(Box<StreamTranslator>),
    /// An answer the client never sees (a failed attempt that is retried).
    Swallow,
}

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

/// What the request headers said that later stages need (the headers are
/// the host's and gone after their callback).
#[derive(Debug, Default)]
struct Snapshot {
    path: Vec<u8>,
    authority: Vec<u8>,
    accept_encoding: bool,
    /// The client's own provider credentials and API options, for retries
    /// to the same provider through callouts.
    client_headers: Vec<(&'static str, Vec<u8>)>,
    /// Gateway headers later stages read (retry overrides, timeouts).
    gateway: Headers,
    upstream_path: String,
    query: String,
    /// Headers limit keys are built from (`limits` rules with `{"header":..}`).
    limit_headers: Vec<(String, Vec<u8>)>,
    /// The provider option headers, encoded for the cache key.
    cache_options: Vec<u8>,
}

/// Client headers that travel with a retry to the same provider.
const CLIENT_HEADERS: &[&str] = &[
    "authorization",
    "x-api-key",
    "anthropic-version",
    "anthropic-beta",
    "openai-organization",
    "openai-project",
    "openai-beta",
];

pub struct Exchange {
    config: Rc<Config>,
    stage: Stage,
    /// The shape of the client's API (for the gateway's own errors).
    shape: Format,
    /// The provider requests go to first (step 0).
    provider: Option<usize>,
    compat: Option<Compat>,
    /// The chat API the client speaks, on chat endpoints.
    client_wire: Option<Format>,
    snapshot: Snapshot,
    /// The gateway added `stream_options.include_usage`; strip its chunk.
    injected_stream_usage: bool,
    /// The client asked for usage on its stream.
    include_usage: bool,
    start_ns: u64,
    response: ResponseBody,
    response_ended: bool,
    /// The gateway's own answer is an event stream (a cached or fallback
    /// stream): it goes out chunked like a provider's, not with a length.
    local_stream: bool,
    /// The client used `cf-aig-` headers: answer with their aliases too.
    cf_aliases: bool,
    /// Who the caller is, for cache isolation.
    identity: Vec<u8>,
    cache_controls: crate::cache::Controls,
    pub cache: Option<CacheState>,
    /// A per-request id for locks (unique enough across workers).
    owner: u64,
    resilience: Option<Box<fallback::Resilience>>,
    limits: Option<Box<limits_flow::LimitsState>>,
    /// `x-aigw-custom-cost`: this request's price.
    custom_price: Option<aigw_limits::Price>,
    /// What the endpoint allow-list decided (provider routes).
    allowed: Option<crate::endpoints::Allowed>,
    /// Whether the answer may be cached (an inference request).
    cacheable: bool,
    /// The client's body while a global admission is in flight.
    pending_body: Option<Vec<u8>>,
    /// Fire-and-forget ops for after the end of the request (settlements).
    deferred: Vec<Op>,
    dlp: Option<Box<dlp_flow::DlpState>>,
    /// The request body's summary (model, stream, max tokens).
    summary: request_body::RequestSummary,
    /// The scans changed the body.
    body_changed: bool,
    /// Bytes of request body the host holds (what a rewrite replaces).
    request_body_len: usize,
    /// A request held for its body still owes its route rewrite: it is
    /// built and applied only if the request goes upstream, so a cache hit
    /// or a refusal costs neither the work nor the header writes.
    route_pending: bool,
    /// What this request holds on the VM's memory budget.
    mem: memory_flow::MemHolds,
    /// The request body's size as last reported by the host.
    request_buffered: usize,
    /// The answer's usage could not be read (too large to keep, or over
    /// the memory budget): limits settle on the estimate.
    usage_dropped: bool,
    pub facts: Facts,
}

impl Exchange {
    pub fn new(config: Rc<Config>) -> Self {
        let mem = memory_flow::MemHolds::new(&config.memory);
        Exchange {
            config,
            stage: Stage::RequestHeaders,
            shape: Format::OpenAi,
            provider: None,
            compat: None,
            client_wire: None,
            snapshot: Snapshot::default(),
            injected_stream_usage: false,
            include_usage: false,
            start_ns: 0,
            response: ResponseBody::Pass,
            response_ended: false,
            local_stream: false,
            cf_aliases: false,
            identity: Vec::new(),
            cache_controls: crate::cache::Controls::default(),
            cache: None,
            owner: 0,
            resilience: None,
            limits: None,
            custom_price: None,
            allowed: None,
            cacheable: false,
            pending_body: None,
            deferred: Vec::new(),
            dlp: None,
            summary: request_body::RequestSummary::default(),
            body_changed: false,
            request_body_len: 0,
            route_pending: false,
            mem,
            request_buffered: 0,
            usage_dropped: false,
            facts: Facts::default(),
        }
    }

    /// Bytes of request body the host holds (for rewrites made outside the
    /// body callback).
    pub fn request_body_len(&self) -> usize {
        self.request_body_len
    }

    /// Ops to run after the request is over (fire-and-forget callouts).
    pub fn take_deferred(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.deferred)
    }

    /// Gives the request an owner id for shared locks (the host passes its
    /// context id; mixed with the start time it is unique across workers).
    pub fn set_owner(&mut self, context_id: u32) {
        self.owner = (u64::from(context_id) << 40) ^ self.start_ns;
    }

    fn provider(&self) -> Option<&Provider> {
        self.provider.and_then(|i| self.config.providers.get(i))
    }

    /// Pass on upstream: in a callback by continuing, otherwise by resuming;
    /// a held request takes its route rewrite with it.
    fn upstream(&mut self, in_callback: bool) -> Step {
        let mut ops =
            if std::mem::take(&mut self.route_pending) { self.route_rewrite() } else { Vec::new() };
        self.mem_settle_request();
        self.limits_sent_upstream();
        if in_callback {
            Step::cont(ops)
        } else {
            ops.push(Op::ResumeRequest);
            Step { ops, flow: Flow::Continue }
        }
    }

    /// The header changes that send the request to its provider: the
    /// gateway's own headers out, then path, authority, cluster and key (the
    /// unified endpoint's provider comes with the body, its rewrite too).
    fn route_rewrite(&self) -> Vec<Op> {
        let s = &self.snapshot;
        let mut ops: Vec<Op> = Vec::with_capacity(8);
        ops.extend(
            s.gateway.gateway_names().map(|n| Op::RemoveRequestHeader(Cow::Owned(n.to_string()))),
        );
        if let (None, Some(p)) = (self.compat, self.provider()) {
            let path = format!("{}{}", s.upstream_path, s.query);
            upstream_ops(&self.config, p, path, s, &mut ops);
        }
        ops
    }

    /// Gateway headers for the answer (`x-aigw-<name>`, and the `cf-aig-`
    /// alias when the client spoke that dialect).
    fn gateway_response_headers(&self, name: &'static str, value: &str) -> Vec<(Name, String)> {
        let mut out = vec![(Cow::Owned(format!("x-aigw-{name}")), value.to_string())];
        if self.cf_aliases {
            out.push((Cow::Owned(format!("cf-aig-{name}")), value.to_string()));
        }
        out
    }

    fn reply(&mut self, e: GatewayError) -> Step {
        self.reply_with(e, Vec::new())
    }

    fn reply_with(&mut self, e: GatewayError, extra: Vec<(Name, String)>) -> Step {
        self.stage = Stage::Replied;
        self.facts.status = Some(e.status());
        self.facts.error_code = Some(e.code.as_str());
        let mut headers = vec![(Cow::Borrowed("content-type"), "application/json".into())];
        headers.extend(extra);
        let body = e.body(self.shape);
        self.facts.response_bytes = body.len() as u64;
        Step::pause(vec![self.local_reply(e.status(), headers, body)])
    }

    /// The gateway answers by itself (the one place that builds it).
    fn local_reply(&mut self, status: u16, mut headers: Vec<(Name, String)>, body: Vec<u8>) -> Op {
        // Answered: nothing of the request body is needed any more.
        self.pending_body = None;
        if let Some(r) = self.resilience.as_mut() {
            r.drop_body();
        }
        self.mem_settle_request();
        self.local_stream =
            headers.iter().any(|(k, v)| k == "content-type" && v.starts_with("text/event-stream"));
        headers.extend(self.request_id_headers());
        Op::SendLocal { status, headers, body }
    }

    /// The gateway's request id for the client: `x-aigw-request-id`, and
    /// Cloudflare's name for it (`cf-aig-log-id`) when the client spoke
    /// `cf-aig-`.
    fn request_id_headers(&self) -> Vec<(Name, String)> {
        let id = &self.facts.request_id;
        let mut out = vec![(Cow::Borrowed("x-aigw-request-id"), id.clone())];
        if self.cf_aliases {
            out.push((Cow::Borrowed("cf-aig-log-id"), id.clone()));
        }
        out
    }

    // ------------------------------------------------------------- request

    pub fn on_request_headers(
        &mut self,
        h: &Headers,
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Step {
        self.start_ns = svc.now_ns();
        self.cf_aliases = h.uses_cf_aliases();
        self.facts.request_id = crate::request_id::next(self.start_ns);
        self.facts.client_request_id = h
            .get("x-request-id")
            .map(|v| crate::log_record::bounded_text(v, crate::log_record::MAX_CLIENT_REQUEST_ID));
        self.facts.method = h.get_str(":method").map(str::to_string);
        let path = h.get(":path").unwrap_or_default();
        self.shape = Format::guess(path, h);

        let config = Rc::clone(&self.config);
        let compat = routing::compat(path);
        let route = match compat {
            Some(_) => None,
            None => Some(routing::resolve(&config, path)),
        };
        if let Some(Ok(r)) = &route {
            self.shape = r.provider.kind.format();
        }
        if compat.is_some() {
            self.shape = Format::OpenAi;
        }
        // Authentication comes before anything that reveals configuration.
        if let Some(auth) = &config.auth {
            let presented = h.gateway(crate::headers::AUTHORIZATION).map(|(v, _)| v);
            match presented.and_then(|v| auth.verify(v)) {
                Some(tenant) => self.facts.tenant = Some(tenant.to_string()),
                None => {
                    let why = if presented.is_some() { "is not valid" } else { "is missing" };
                    return self.reply(GatewayError::new(
                        ErrorCode::Unauthorized,
                        format!("the gateway token (x-aigw-authorization) {why}"),
                    ));
                }
            }
        }
        self.snapshot = snapshot(h);
        if let Some(l) = &config.limits {
            self.snapshot.limit_headers = l
                .key_headers()
                .iter()
                .filter_map(|n| h.get(n).map(|v| (n.clone(), v.to_vec())))
                .collect();
        }
        self.custom_price = match limits_flow::custom_price(h) {
            Ok(p) => p,
            Err(e) => return self.reply(e),
        };
        self.cache_controls = match crate::cache::controls(h, &config.cache) {
            Ok(c) => c,
            Err(e) => return self.reply(e),
        };
        if self.cache_controls.custom_key.is_some() || config.cache_may_apply() {
            self.snapshot.cache_options = crate::cache::key::options(h);
        }
        // Only gateway headers carry retry and timeout overrides.
        if !self.snapshot.gateway.is_empty() {
            if let Err(e) = fallback::validate_request_headers(h) {
                return self.reply(e);
            }
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

        let method_has_body =
            matches!(h.get(":method"), Some(b"POST") | Some(b"PUT") | Some(b"PATCH"));
        if !method_has_body && !end_of_stream {
            // GET, DELETE, OPTIONS, HEAD, ... take no body at any provider:
            // one would go upstream unscanned, so it is refused.
            let method = h.get_str(":method").unwrap_or("this method");
            return self.reply(GatewayError::new(
                ErrorCode::InvalidRequest,
                format!("the gateway does not accept a request body on {method}"),
            ));
        }
        let inspect = match compat {
            Some(Err(e)) => return self.reply(e),
            Some(Ok(Compat::Models)) => return self.compat_models(),
            Some(Ok(Compat::Chat)) => {
                self.compat = Some(Compat::Chat);
                self.client_wire = Some(Format::OpenAi);
                self.facts.endpoint = Some("/compat/chat/completions".into());
                if !method_has_body {
                    return self.reply(GatewayError::new(
                        ErrorCode::InvalidRequest,
                        "the unified endpoint takes POST /compat/chat/completions",
                    ));
                }
                // The provider, so the route, comes with the body.
                true
            }
            None => {
                let route = match route {
                    Some(Ok(r)) => r,
                    Some(Err(e)) => return self.reply(e),
                    None => return self.reply(GatewayError::new(ErrorCode::Internal, "no route")),
                };
                self.provider = Some(route.index);
                // Before any key is added: only what the allow-list opens.
                match crate::endpoints::check(
                    &route.provider.name,
                    &route.provider.endpoints,
                    self.facts.tenant.as_deref(),
                    h.get_str(":method").unwrap_or_default(),
                    &route.endpoint,
                ) {
                    Ok(a) => self.allowed = Some(a),
                    Err(e) => {
                        self.facts.endpoint = Some(route.endpoint);
                        return self.reply(e);
                    }
                }
                self.identity = caller_identity(self.facts.tenant.as_deref(), route.provider, h);
                self.client_wire = Format::of_endpoint(&route.endpoint);
                let inference = routing::is_inference_endpoint(&route.endpoint);
                let (rest, query) = split_query(&route.upstream_path);
                self.snapshot.query = query.to_string();
                self.snapshot.upstream_path = rest.to_string();
                self.facts.endpoint = Some(route.endpoint);
                self.dlp_choose();
                let json = h.get("content-type").is_some_and(request_body::is_json_content_type);
                method_has_body && (inference || json)
            }
        };
        if !inspect {
            if method_has_body && !end_of_stream && self.dlp_refuses_uninspected() {
                return self.reply(GatewayError::new(
                    ErrorCode::UninspectableBody,
                    "this gateway scans request bodies and cannot read this one (not JSON); \
                     the policy does not let it pass unscanned",
                ));
            }
            // Not inspected, still counted: limits see every request that
            // goes through (an opened endpoint at its weight).
            self.route_pending = true;
            return match self.limits_begin(b"", None, svc) {
                limits_flow::Admit::Go => {
                    self.stage = Stage::Upstream;
                    self.upstream(true)
                }
                limits_flow::Admit::Stop(step) => step,
            };
        }
        if let Some(enc) = h.get("content-encoding") {
            if !enc.trim_ascii().eq_ignore_ascii_case(b"identity") {
                return self.reply(GatewayError::new(
                    ErrorCode::UnsupportedEncoding,
                    "the gateway inspects request bodies and does not accept a content-encoding on them",
                ));
            }
        }
        if let Some(len) = h.get_str("content-length").and_then(|v| v.trim().parse::<u64>().ok()) {
            if len > self.config.max_body_bytes as u64 {
                return self.body_too_large();
            }
        }
        self.stage = Stage::RequestBody;
        self.route_pending = true;
        if end_of_stream {
            // An inference call without a body: inspect the empty body now.
            return self.on_request_body(b"", svc);
        }
        Step::pause(Vec::new())
    }

    fn body_too_large(&mut self) -> Step {
        let max = self.config.max_body_bytes;
        self.reply(GatewayError::new(
            ErrorCode::BodyTooLarge,
            format!("the request body is larger than this gateway's limit of {max} bytes"),
        ))
    }

    /// `GET /compat/models`: the configured models as `<provider>/<model>`.
    fn compat_models(&mut self) -> Step {
        let data: Vec<Value> = self
            .config
            .providers
            .iter()
            .flat_map(|p| {
                p.models.iter().map(move |m| {
                    serde_json::json!({"id": format!("{}/{m}", p.name), "object": "model", "owned_by": p.name})
                })
            })
            .collect();
        let body = serde_json::to_vec(&serde_json::json!({"object": "list", "data": data}))
            .unwrap_or_default();
        self.stage = Stage::Replied;
        self.response_ended = true;
        self.facts.status = Some(200);
        self.facts.response_bytes = body.len() as u64;
        let headers = vec![(Cow::Borrowed("content-type"), "application/json".into())];
        Step::pause(vec![self.local_reply(200, headers, body)])
    }

    /// Called on every request body callback with the size the host holds.
    pub fn request_body_need(&mut self, buffered: usize, end_of_stream: bool) -> BodyNeed {
        match self.stage {
            Stage::RequestBody => {
                if buffered > self.config.max_body_bytes {
                    return BodyNeed::Stop(self.body_too_large());
                }
                self.request_buffered = buffered;
                if end_of_stream {
                    // Held on the memory budget before the filter reads it.
                    if let Err(step) = self.mem_hold_request_body(buffered) {
                        return BodyNeed::Stop(step);
                    }
                    BodyNeed::Complete
                } else {
                    BodyNeed::Buffer
                }
            }
            Stage::Replied => BodyNeed::Stop(Step::pause(Vec::new())),
            // An uninspected request waits for its global admission.
            Stage::LimitsGlobal => BodyNeed::Buffer,
            _ => {
                self.facts.request_bytes += buffered as u64;
                BodyNeed::Pass
            }
        }
    }

    /// Whether trailers arrived while the body was still being buffered:
    /// the body is complete then (HTTP/2 requests with trailers never see
    /// end_of_stream in a body callback).
    pub fn request_trailers_complete_body(&self) -> bool {
        self.stage == Stage::RequestBody
    }

    /// Trailers ended a buffered body: what the host does with it (as for
    /// a body callback at its end).
    pub fn request_trailers_need(&mut self) -> BodyNeed {
        if self.stage != Stage::RequestBody {
            return BodyNeed::Pass;
        }
        self.request_body_need(self.request_buffered, true)
    }

    /// The complete request body of an inspected request.
    pub fn on_request_body(&mut self, body: &[u8], svc: &mut dyn Services) -> Step {
        if self.stage != Stage::RequestBody {
            return Step::cont(Vec::new());
        }
        if body.len() > self.config.max_body_bytes {
            return self.body_too_large();
        }
        if let Err(step) = self.mem_hold_request_body(body.len()) {
            return step;
        }
        self.facts.request_bytes = body.len() as u64;
        self.request_body_len = body.len();
        let require_object = self.compat.is_some()
            || self.facts.endpoint.as_deref().is_some_and(routing::is_inference_endpoint);
        let summary = match request_body::parse(body, require_object) {
            Ok(s) => s,
            Err(e) => return self.reply(e),
        };
        self.facts.stream = summary.stream;
        self.include_usage = summary.include_usage == Some(true);
        self.cacheable = require_object;
        if self.compat.is_some() {
            // The provider (and so the policy) comes from the body's model.
            let config = Rc::clone(&self.config);
            match routing::split_model(&config, summary.model.as_deref()) {
                Ok((index, _, _)) => self.provider = Some(index),
                Err(e) => return self.reply(e),
            }
            self.dlp_choose();
        } else {
            self.facts.model = summary.model.clone();
        }
        self.summary = summary;
        // What the model reads is scanned before anything else sees it.
        let redacted = match self.dlp_request(body, svc) {
            Ok(r) => r,
            Err(step) => return step,
        };
        self.body_changed = redacted.is_some();
        let client_body = redacted.unwrap_or_else(|| body.to_vec());
        if let Some(step) = self.dlp_classify_request(&client_body) {
            self.pending_body = Some(client_body);
            return step;
        }
        self.pending_body = Some(client_body);
        self.request_stage_two(true, svc)
    }

    /// After the scans: the route's body (translated, usage asked), retries,
    /// limits, cache, upstream.
    fn request_stage_two(&mut self, in_callback: bool, svc: &mut dyn Services) -> Step {
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
    fn after_admission(&mut self, in_callback: bool, svc: &mut dyn Services) -> Step {
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

    /// The unified endpoint: picks the provider from `model` and sets the
    /// route.
    fn compat_route(&mut self, model: Option<&str>, ops: &mut Vec<Op>) -> Result<(), GatewayError> {
        let config = Rc::clone(&self.config);
        let (index, provider, bare) = routing::split_model(&config, model)?;
        self.provider = Some(index);
        self.facts.requested_model = model.map(str::to_string);
        self.facts.model = Some(bare.to_string());
        self.identity = caller_identity(
            self.facts.tenant.as_deref(),
            provider,
            &Headers::from_pairs(
                &self
                    .snapshot
                    .client_headers
                    .iter()
                    .map(|(k, v)| (*k, v.as_slice()))
                    .collect::<Vec<_>>(),
            ),
        );
        // The body, in the provider's format, is built with every other
        // upstream body (`upstream_request`); the path is the provider's chat path.
        self.snapshot.upstream_path = provider.chat_path.clone();
        upstream_ops(&config, provider, provider.chat_path.clone(), &self.snapshot, ops);
        Ok(())
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

    // ------------------------------------------------------------ response

    pub fn on_response_headers(&mut self, h: &Headers, svc: &mut dyn Services) -> Step {
        if self.stage == Stage::Replied {
            return Step::cont(Vec::new());
        }
        let status = h.get_str(":status").and_then(|s| s.parse::<u16>().ok());
        if let Some(step) = self.fallback_on_response_headers(status, h, svc) {
            return step;
        }
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
        let sse = starts_with_ignore_case(ct, b"text/event-stream");
        let upstream = self.provider().map(|p| p.kind.format());
        let translating = match (self.client_wire, upstream) {
            (Some(c), Some(u)) if self.compat.is_some() && c != u => Some(u),
            _ => None,
        };
        let shape = upstream.unwrap_or(self.shape);
        self.response = if let Some(up) = translating {
            // The body changes: its length is no longer known.
            ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
            if ok && sse && !encoded {
                ResponseBody::TranslateSse(Box::new(StreamTranslator::new(&self.answer(svc), up)))
            } else {
                if !sse && !ok {
                    ops.push(Op::SetResponseHeader(
                        Cow::Borrowed("content-type"),
                        b"application/json".to_vec(),
                    ));
                }
                ResponseBody::TranslateJson { upstream: up, status: status.unwrap_or(502) }
            }
        } else if !ok || encoded || self.provider.is_none() {
            ResponseBody::Pass
        } else if sse {
            let rewrite = self.injected_stream_usage && !self.include_usage;
            if rewrite {
                ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
            }
            ResponseBody::Sse {
                parser: SseParser::new(MAX_SSE_EVENT),
                usage: StreamUsage::new(shape),
                rewrite,
            }
        } else if request_body::is_json_content_type(ct) {
            ResponseBody::Json(Vec::new())
        } else {
            ResponseBody::Pass
        };
        let storable = ok && !encoded && !matches!(self.response, ResponseBody::Pass);
        self.cache_on_response_headers(storable, sse, ct, svc, &mut ops);
        self.fallback_served_headers(&mut ops);
        self.limits_response_ops(&mut ops);
        let unreadable = if encoded {
            Some("it is content-encoded")
        } else if matches!(self.response, ResponseBody::Pass) {
            Some("its content type is neither JSON nor an event stream")
        } else {
            None
        };
        if self.dlp_on_response_headers(ok, unreadable, sse, &mut ops) {
            // Held (headers too) until the whole answer has been scanned.
            return Step::pause(ops);
        }
        Step::cont(ops)
    }

    /// How the client wants its answer (for translations).
    fn answer(&self, svc: &dyn Services) -> Answer {
        Answer {
            client: self.client_wire.unwrap_or(Format::OpenAi),
            stream: self.facts.stream,
            include_usage: self.include_usage,
            model: self
                .facts
                .requested_model
                .clone()
                .or_else(|| self.facts.model.clone())
                .unwrap_or_default(),
            created: svc.now_ms() / 1000,
        }
    }

    /// One chunk of the response body as it passes (or, for answers that are
    /// translated whole, the whole body once it is there).
    pub fn on_response_body(
        &mut self,
        chunk: &[u8],
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Step {
        if self.stage == Stage::Replied {
            return Step::cont(Vec::new());
        }
        if self.dlp_holds_response() && !end_of_stream {
            // Envoy buffers it; at the end the callback gets it whole.
            return Step::pause(Vec::new());
        }
        let shape = self.provider().map_or(self.shape, |p| p.kind.format());
        let mut ops = Vec::new();
        let mut sent = chunk.len();
        if !matches!(self.response, ResponseBody::Sse { .. } | ResponseBody::Swallow)
            && self.facts.status.is_some_and(|s| (200..300).contains(&s))
        {
            self.limits_delivered(None, chunk.len());
        }
        match &mut self.response {
            ResponseBody::Swallow => return Step::pause(Vec::new()),
            ResponseBody::Pass => {}
            ResponseBody::TranslateJson { upstream, status } => {
                if !end_of_stream {
                    // Held (Envoy buffers it) until it is whole.
                    return Step::pause(Vec::new());
                }
                let (up, st) = (*upstream, *status);
                if (200..300).contains(&st) {
                    if let Some(u) = usage::from_body(up, chunk) {
                        self.facts.usage.merge(u);
                    }
                }
                let out = wire::json_to_client(&self.answer(svc), up, st, chunk);
                sent = out.len();
                ops.push(Op::SetResponseBody(out));
            }
            ResponseBody::TranslateSse(t) => {
                let mut out = t.feed(chunk);
                if end_of_stream {
                    out.extend(t.finish());
                }
                self.facts.usage.merge(t.usage());
                sent = out.len();
                ops.push(Op::SetResponseBody(out));
            }
            ResponseBody::Json(copy) if copy.is_empty() && end_of_stream => {
                // The whole body in one callback (the usual case): no copy.
                if let Some(u) = usage::from_body(shape, chunk) {
                    self.facts.usage.merge(u);
                }
            }
            ResponseBody::Json(copy) => {
                if copy.len().saturating_add(chunk.len()) <= MAX_USAGE_COPY
                    && self.mem.response.grow(chunk.len()).is_ok()
                {
                    copy.extend_from_slice(chunk);
                } else {
                    // Too large to keep: give up on usage rather than memory
                    // (limits then settle on the estimate).
                    *copy = Vec::new();
                    self.response = ResponseBody::Pass;
                    self.mem.response.release();
                    self.usage_dropped = true;
                }
                if end_of_stream {
                    if let ResponseBody::Json(copy) = &self.response {
                        if let Some(u) = usage::from_body(shape, copy) {
                            self.facts.usage.merge(u);
                        }
                    }
                }
            }
            ResponseBody::Sse { parser, usage, rewrite } => {
                let was_overflowed = parser.overflowed();
                let mut events = parser.feed(chunk);
                if end_of_stream {
                    events.extend(parser.finish());
                }
                if !parser.overflowed() && self.mem.response.resize(parser.pending().len()).is_err()
                {
                    // An event the budget cannot hold: passed on as it is.
                    parser.abandon();
                    if !*rewrite {
                        parser.take_pending();
                    }
                    self.usage_dropped = true;
                }
                let mut out = Vec::with_capacity(chunk.len());
                let measure = self.limits.as_ref().is_some_and(|l| l.measuring());
                for ev in &events {
                    if measure {
                        if let Some(l) = self.limits.as_mut() {
                            l.delivered(Some(&ev.data), 0);
                        }
                    }
                    let kind = usage.observe(ev);
                    if *rewrite && kind != EventUsage::UsageOnlyChunk {
                        out.extend_from_slice(&ev.raw);
                    }
                }
                if *rewrite {
                    if parser.overflowed() {
                        // An event too large to hold: stop rewriting, release
                        // what is held (never drop bytes).
                        if !was_overflowed {
                            out.extend_from_slice(&parser.take_pending());
                        } else {
                            out.extend_from_slice(chunk);
                        }
                    } else if end_of_stream {
                        out.extend_from_slice(&parser.take_pending());
                    }
                    sent = out.len();
                    ops.push(Op::SetResponseBody(out));
                }
                let u = usage.usage;
                self.facts.usage.merge(u);
                let _ = self.mem.response.resize(parser.pending().len());
            }
        }
        // What goes to the client, after the scans.
        let mut out = match ops.last() {
            Some(Op::SetResponseBody(out)) => Some(out.clone()),
            _ => None,
        };
        if self.dlp_holds_response() {
            let status = self.facts.status.unwrap_or(200);
            let body = out.take().unwrap_or_else(|| chunk.to_vec());
            let (new_status, body, headers) = self.dlp_whole(status, body, false, svc);
            if new_status != status {
                self.facts.status = Some(new_status);
                // The gateway's error is plain JSON, whatever the provider's
                // answer was encoded with.
                ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-encoding")));
                ops.push(Op::SetResponseHeader(
                    Cow::Borrowed(":status"),
                    new_status.to_string().into_bytes(),
                ));
            }
            for (k, v) in headers {
                ops.push(Op::SetResponseHeader(k, v.into_bytes()));
            }
            out = Some(body);
        } else if self.dlp.as_ref().is_some_and(|d| d.guard.is_some()) {
            let body = out.take().unwrap_or_else(|| chunk.to_vec());
            out = Some(self.dlp_stream(body, end_of_stream, svc));
        }
        if let Some(body) = out {
            ops.retain(|o| !matches!(o, Op::SetResponseBody(_)));
            sent = body.len();
            ops.push(Op::SetResponseBody(body));
        }
        self.facts.response_bytes += sent as u64;
        let store = if self.dlp_blocked_response() {
            // A blocked answer is never stored.
            self.cache_release(svc);
            None
        } else {
            match ops.last() {
                Some(Op::SetResponseBody(out)) => {
                    let out = out.clone();
                    self.cache_capture(&out, end_of_stream, svc)
                }
                _ => self.cache_capture(chunk, end_of_stream, svc),
            }
        };
        ops.extend(store);
        if end_of_stream {
            self.response_ended = true;
        }
        Step::cont(ops)
    }

    /// Whether the gateway answered by itself: the response callbacks then
    /// carry that answer, which needs no reading.
    pub fn replied(&self) -> bool {
        self.stage == Stage::Replied
    }

    /// The response headers of the gateway's own answer. Envoy gives a
    /// local reply a content-length; an event stream drops it so HTTP/1.1
    /// clients get it chunked, as from the provider.
    pub fn on_local_reply_headers(&self) -> Step {
        let mut ops = Vec::new();
        if self.local_stream {
            ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
        }
        Step::cont(ops)
    }

    /// A response that ended with its headers (no body): an answer held
    /// for scanning has nothing to scan, so its headers go on.
    pub fn on_response_complete_without_body(&mut self, step: Step) -> Step {
        self.response_ended = true;
        if step.flow == Flow::Pause && self.stage == Stage::Responding && self.dlp_holds_response()
        {
            return Step { flow: Flow::Continue, ..step };
        }
        step
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
        let served = f.step.and_then(|s| self.resilience.as_ref().and_then(|r| r.provider_of(s)));
        let provider = served.and_then(|i| self.config.providers.get(i)).or(self.provider());
        LogRecord {
            request_id: &f.request_id,
            client_request_id: f.client_request_id.as_deref(),
            time: rfc3339(self.start_ns),
            route: match (self.compat, self.provider.is_some()) {
                (Some(_), _) => "compat",
                (None, true) => "provider",
                (None, false) => "none",
            },
            provider: provider.map(|p| p.name.as_str()),
            provider_kind: provider.map(|p| p.kind.as_str()),
            endpoint: f
                .endpoint
                .as_deref()
                .filter(|_| self.provider.is_some() || self.compat.is_some()),
            method: f.method.as_deref(),
            model: f.model.as_deref(),
            requested_model: f.requested_model.as_deref(),
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
            complete: self.stage == Stage::Replied || self.response_ended,
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
            overload: f.overload.as_deref(),
        }
        .to_json()
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

/// What the request headers say that later stages need.
fn snapshot(h: &Headers) -> Snapshot {
    Snapshot {
        path: h.get(":path").unwrap_or_default().to_vec(),
        authority: h.get(":authority").unwrap_or_default().to_vec(),
        accept_encoding: h.contains("accept-encoding"),
        client_headers: CLIENT_HEADERS
            .iter()
            .filter_map(|n| h.get(n).map(|v| (*n, v.to_vec())))
            .collect(),
        gateway: h.gateway_only(),
        upstream_path: String::new(),
        query: String::new(),
        limit_headers: Vec::new(),
        cache_options: Vec::new(),
    }
}

fn split_query(path: &str) -> (&str, &str) {
    match path.find('?') {
        Some(i) => path.split_at(i),
        None => (path, ""),
    }
}

/// Header changes that send the request to its provider. Only changes that
/// change something: every host call costs on the request path.
fn upstream_ops(
    config: &Config,
    p: &Provider,
    upstream_path: String,
    s: &Snapshot,
    ops: &mut Vec<Op>,
) {
    let client =
        |name: &str| s.client_headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_slice());
    if s.path != upstream_path.as_bytes() {
        ops.push(Op::SetRequestHeader(Cow::Borrowed(":path"), upstream_path.into_bytes()));
    }
    if s.authority != p.authority.as_bytes() {
        ops.push(Op::SetRequestHeader(
            Cow::Borrowed(":authority"),
            p.authority.as_bytes().to_vec(),
        ));
    }
    // Plain responses let the gateway read usage (and scan and cache);
    // Envoy's compressor can encode toward the client.
    if s.accept_encoding {
        ops.push(Op::RemoveRequestHeader(Cow::Borrowed("accept-encoding")));
    }
    if let Some(name) = &config.cluster_header {
        ops.push(Op::SetRequestHeader(Cow::Owned(name.clone()), p.cluster.as_bytes().to_vec()));
    }
    let (auth, remove) = routing::provider_auth(p);
    for name in remove {
        if client(name).is_some() && !auth.iter().any(|(k, _)| k == name) {
            ops.push(Op::RemoveRequestHeader(Cow::Borrowed(name)));
        }
    }
    for (k, v) in auth {
        if client(k) != Some(v.as_bytes()) {
            ops.push(Op::SetRequestHeader(Cow::Borrowed(k), v.into_bytes()));
        }
    }
    let present = Headers::from_pairs(
        &s.client_headers.iter().map(|(k, v)| (*k, v.as_slice())).collect::<Vec<_>>(),
    );
    for (k, v) in routing::provider_defaults(p, &present) {
        ops.push(Op::SetRequestHeader(Cow::Borrowed(k), v.into_bytes()));
    }
}

/// Who is asking, for cache isolation: the gateway token's tenant, else the
/// client's own provider credentials; empty when the gateway's key is used
/// by every client alike.
fn caller_identity(tenant: Option<&str>, p: &Provider, h: &Headers) -> Vec<u8> {
    if let Some(t) = tenant {
        let mut id = b"tenant:".to_vec();
        id.extend_from_slice(t.as_bytes());
        return id;
    }
    if p.api_key.is_some() {
        return Vec::new();
    }
    let mut id = b"key:".to_vec();
    for name in ["authorization", "x-api-key"] {
        if let Some(v) = h.get(name) {
            id.extend_from_slice(v);
            id.push(0);
        }
    }
    id
}

fn starts_with_ignore_case(v: &[u8], prefix: &[u8]) -> bool {
    v.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_avail;
#[cfg(test)]
mod tests_dlp;
#[cfg(test)]
mod tests_fallback;
#[cfg(test)]
mod tests_limits;
