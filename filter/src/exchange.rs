//! The per-request state machine. It owns the whole flow (request headers,
//! body, response, log) and decides every pause and resume; it never calls
//! the host: events come in as plain data and it answers with [`Op`]s that
//! the host layer applies in one place. That keeps it natively testable.

use std::rc::Rc;

use serde_json::{Map, Value};

use crate::config::{Config, Provider};
use crate::errors::{ApiShape, ErrorCode, GatewayError};
use crate::headers::Headers;
use crate::log_record::{elapsed_ms, rfc3339, LogRecord};
use crate::request_body;
use crate::routing;
use crate::sse::SseParser;
use crate::usage::{self, EventUsage, StreamUsage};

/// Bound on the bytes held for one incomplete SSE event.
const MAX_SSE_EVENT: usize = 1024 * 1024;
/// Bound on the copy of a JSON response kept to read its usage.
const MAX_USAGE_COPY: usize = 4 * 1024 * 1024;

/// A change for the host layer to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    SetRequestHeader(String, Vec<u8>),
    RemoveRequestHeader(String),
    /// Replaces the whole buffered request body.
    SetRequestBody(Vec<u8>),
    SetResponseHeader(String, Vec<u8>),
    RemoveResponseHeader(String),
    /// Replaces the response body chunk of the current callback.
    SetResponseBody(Vec<u8>),
    /// Answers the client directly; the request goes no further.
    SendLocal {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
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
}

pub struct Exchange {
    config: Rc<Config>,
    stage: Stage,
    shape: ApiShape,
    provider: Option<usize>,
    endpoint: String,
    /// The gateway added `stream_options.include_usage`; strip its chunk.
    injected_stream_usage: bool,
    start_ns: u64,
    response: ResponseBody,
    response_ended: bool,
    pub log: LogRecord,
}

impl Exchange {
    pub fn new(config: Rc<Config>) -> Self {
        Exchange {
            config,
            stage: Stage::RequestHeaders,
            shape: ApiShape::OpenAi,
            provider: None,
            endpoint: String::new(),
            injected_stream_usage: false,
            start_ns: 0,
            response: ResponseBody::Pass,
            response_ended: false,
            log: LogRecord { route: "none", ..LogRecord::default() },
        }
    }

    fn provider(&self) -> Option<&Provider> {
        self.provider.and_then(|i| self.config.providers.get(i))
    }

    fn reply(&mut self, e: GatewayError) -> Step {
        self.stage = Stage::Replied;
        self.log.status = Some(e.status());
        self.log.error_code = Some(e.code.as_str());
        Step::pause(vec![Op::SendLocal {
            status: e.status(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: e.body(self.shape),
        }])
    }

    // ------------------------------------------------------------- request

    pub fn on_request_headers(&mut self, h: &Headers, end_of_stream: bool, now_ns: u64) -> Step {
        self.start_ns = now_ns;
        self.log.time = Some(rfc3339(now_ns));
        self.log.request_id = h.get_str("x-request-id").map(str::to_string);
        self.log.method = h.get_str(":method").map(str::to_string);
        let path = h.get(":path").unwrap_or_default();
        self.shape = guess_shape(path, h);

        let config = Rc::clone(&self.config);
        let route = routing::resolve(&config, path);
        if let Ok(r) = &route {
            self.shape = r.provider.kind.shape();
        }
        // Authentication comes before anything that reveals configuration.
        if let Some(auth) = &config.auth {
            let presented = h.gateway(crate::headers::AUTHORIZATION).map(|(v, _)| v);
            match presented.and_then(|v| auth.verify(v)) {
                Some(tenant) => self.log.tenant = Some(tenant.to_string()),
                None => {
                    let why = if presented.is_some() { "is not valid" } else { "is missing" };
                    return self.reply(GatewayError::new(
                        ErrorCode::Unauthorized,
                        format!("the gateway token (x-aigw-authorization) {why}"),
                    ));
                }
            }
        }
        let route = match route {
            Ok(r) => r,
            Err(e) => return self.reply(e),
        };
        self.log.route = "provider";
        self.log.provider = Some(route.provider.name.clone());
        self.log.provider_kind = Some(route.provider.kind.as_str());
        self.log.endpoint = Some(route.endpoint.clone());
        self.provider = config.providers.iter().position(|p| p.name == route.provider.name);
        self.endpoint = route.endpoint.clone();

        if let Some((raw, _)) = h.gateway(crate::headers::METADATA) {
            match crate::metadata::parse(raw) {
                Ok(m) => self.log.metadata = Some(m),
                Err(e) => return self.reply(e),
            }
        }

        let mut ops: Vec<Op> = h.gateway_names().into_iter().map(Op::RemoveRequestHeader).collect();
        ops.extend(upstream_ops(&config, route.provider, &route.upstream_path, h));

        let inference = routing::is_inference_endpoint(&route.endpoint);
        let json = h.get("content-type").is_some_and(request_body::is_json_content_type);
        let has_body_method =
            matches!(h.get(":method"), Some(b"POST") | Some(b"PUT") | Some(b"PATCH"));
        let inspect = has_body_method && (inference || json);
        if !inspect {
            self.stage = Stage::Upstream;
            return Step::cont(ops);
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
        if end_of_stream {
            // An inference call without a body: inspect the empty body now.
            self.stage = Stage::RequestBody;
            let mut step = self.on_request_body(b"");
            ops.append(&mut step.ops);
            return Step { ops, flow: step.flow };
        }
        self.stage = Stage::RequestBody;
        Step::pause(ops)
    }

    fn body_too_large(&mut self) -> Step {
        let max = self.config.max_body_bytes;
        self.reply(GatewayError::new(
            ErrorCode::BodyTooLarge,
            format!("the request body is larger than this gateway's limit of {max} bytes"),
        ))
    }

    /// Called on every request body callback with the size the host holds.
    pub fn request_body_need(&mut self, buffered: usize, end_of_stream: bool) -> BodyNeed {
        match self.stage {
            Stage::RequestBody => {
                if buffered > self.config.max_body_bytes {
                    return BodyNeed::Stop(self.body_too_large());
                }
                if end_of_stream {
                    BodyNeed::Complete
                } else {
                    BodyNeed::Buffer
                }
            }
            Stage::Replied => BodyNeed::Stop(Step::pause(Vec::new())),
            _ => {
                self.log.request_bytes += buffered as u64;
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

    /// The complete request body of an inspected request.
    pub fn on_request_body(&mut self, body: &[u8]) -> Step {
        if self.stage != Stage::RequestBody {
            return Step::cont(Vec::new());
        }
        if body.len() > self.config.max_body_bytes {
            return self.body_too_large();
        }
        self.log.request_bytes = body.len() as u64;
        let require_object = routing::is_inference_endpoint(&self.endpoint);
        let parsed = match request_body::parse(body, require_object) {
            Ok(b) => b,
            Err(e) => return self.reply(e),
        };
        self.log.model = parsed.summary.model.clone();
        self.log.stream = parsed.summary.stream;
        let mut ops = Vec::new();
        let inject = self.provider().is_some_and(|p| p.inject_stream_usage)
            && self.endpoint.trim_end_matches('/').ends_with("/chat/completions");
        if inject {
            if let Some(new_body) = request_body::with_stream_usage(&parsed) {
                self.injected_stream_usage = true;
                ops.push(Op::SetRequestHeader(
                    "content-length".into(),
                    new_body.len().to_string().into_bytes(),
                ));
                ops.push(Op::SetRequestBody(new_body));
            }
        }
        self.stage = Stage::Upstream;
        Step::cont(ops)
    }

    // ------------------------------------------------------------ response

    pub fn on_response_headers(&mut self, h: &Headers, now_ns: u64) -> Step {
        if self.stage == Stage::Replied {
            return Step::cont(Vec::new());
        }
        self.stage = Stage::Responding;
        let status = h.get_str(":status").and_then(|s| s.parse::<u16>().ok());
        self.log.status = status;
        self.log.ttfb_ms = Some(elapsed_ms(self.start_ns, now_ns));
        let mut ops = Vec::new();
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        let encoded = h
            .get("content-encoding")
            .is_some_and(|e| !e.trim_ascii().eq_ignore_ascii_case(b"identity"));
        let ct = h.get("content-type").unwrap_or_default();
        let shape = self.provider().map_or(self.shape, |p| p.kind.shape());
        self.response = if !ok || encoded || self.provider.is_none() {
            ResponseBody::Pass
        } else if starts_with_ignore_case(ct, b"text/event-stream") {
            let rewrite = self.injected_stream_usage;
            if rewrite {
                // The body changes size: its length is no longer known.
                ops.push(Op::RemoveResponseHeader("content-length".into()));
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
        Step::cont(ops)
    }

    /// One chunk of the response body as it passes.
    pub fn on_response_body(&mut self, chunk: &[u8], end_of_stream: bool) -> Step {
        if self.stage == Stage::Replied {
            return Step::cont(Vec::new());
        }
        let shape = self.provider().map_or(self.shape, |p| p.kind.shape());
        let mut ops = Vec::new();
        let mut sent = chunk.len();
        match &mut self.response {
            ResponseBody::Pass => {}
            ResponseBody::Json(copy) => {
                if copy.len().saturating_add(chunk.len()) <= MAX_USAGE_COPY {
                    copy.extend_from_slice(chunk);
                } else {
                    // Too large to keep: give up on usage rather than memory.
                    *copy = Vec::new();
                    self.response = ResponseBody::Pass;
                }
                if end_of_stream {
                    if let ResponseBody::Json(copy) = &self.response {
                        if let Some(u) = usage::from_body(shape, copy) {
                            self.set_usage(u);
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
                let mut out = Vec::with_capacity(chunk.len());
                for ev in &events {
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
                if !u.is_empty() {
                    self.set_usage(u);
                }
            }
        }
        self.log.response_bytes += sent as u64;
        if end_of_stream {
            self.response_ended = true;
        }
        Step::cont(ops)
    }

    fn set_usage(&mut self, u: usage::Usage) {
        self.log.input_tokens = u.input_tokens.or(self.log.input_tokens);
        self.log.output_tokens = u.output_tokens.or(self.log.output_tokens);
        self.log.cached_input_tokens = u.cached_input_tokens.or(self.log.cached_input_tokens);
    }

    /// A response that ended with its headers (no body).
    pub fn on_response_complete_without_body(&mut self) {
        self.response_ended = true;
    }

    /// The final record, at the end of the stream.
    pub fn finish_log(&mut self, now_ns: u64) -> Vec<u8> {
        self.log.latency_ms = Some(elapsed_ms(self.start_ns, now_ns));
        self.log.complete = self.stage == Stage::Replied || self.response_ended;
        self.log.to_json()
    }

    /// Metadata for later stages (limits key on it).
    pub fn metadata(&self) -> Option<&Map<String, Value>> {
        self.log.metadata.as_ref()
    }
}

/// Header changes that send the request to its provider.
fn upstream_ops(config: &Config, p: &Provider, upstream_path: &str, h: &Headers) -> Vec<Op> {
    let mut ops = vec![
        Op::SetRequestHeader(":path".into(), upstream_path.as_bytes().to_vec()),
        Op::SetRequestHeader(":authority".into(), p.authority.as_bytes().to_vec()),
        // Plain responses let the gateway read usage (and later scan and
        // cache); Envoy's compressor can encode toward the client.
        Op::RemoveRequestHeader("accept-encoding".into()),
    ];
    if let Some(name) = &config.cluster_header {
        ops.push(Op::SetRequestHeader(name.clone(), p.cluster.as_bytes().to_vec()));
    }
    let (auth, remove) = routing::provider_auth(p);
    ops.extend(remove.iter().map(|n| Op::RemoveRequestHeader((*n).to_string())));
    ops.extend(auth.into_iter().map(|(k, v)| Op::SetRequestHeader(k.into(), v.into_bytes())));
    ops.extend(
        routing::provider_defaults(p, h)
            .into_iter()
            .map(|(k, v)| Op::SetRequestHeader(k.into(), v.into_bytes())),
    );
    ops
}

/// The API shape for errors before a route is known.
fn guess_shape(path: &[u8], h: &Headers) -> ApiShape {
    let p = path.split(|&b| b == b'?').next().unwrap_or_default();
    if h.get("anthropic-version").is_some() || p.ends_with(b"/messages") {
        ApiShape::Anthropic
    } else {
        ApiShape::OpenAi
    }
}

fn starts_with_ignore_case(v: &[u8], prefix: &[u8]) -> bool {
    v.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests;
