//! Request intake: the headers (authentication, gateway headers, the
//! route) and the body (buffering, bounds, parsing), handed to the pipeline.

use std::rc::Rc;

use super::route::caller_identity;
use super::{fallback, limits_flow, BodyNeed, Exchange, Stage, Step, UsageChunk};
use crate::cache::recent;
use crate::errors::{ErrorCode, GatewayError};
use crate::formats::{Format, AUTH_HEADERS, OPTION_HEADERS};
use crate::headers::Headers;
use crate::request_body;
use crate::routing::{self, Compat};
use crate::services::Services;

/// What the request headers said that later stages need (the headers are
/// the host's and gone after their callback).
#[derive(Debug, Default)]
pub(super) struct Snapshot {
    pub(super) path: Vec<u8>,
    pub(super) authority: Vec<u8>,
    /// The client sent `accept-encoding` (a header fact).
    pub(super) accept_encoding: bool,
    /// The client's own provider credentials and API options, for retries
    /// to the same provider through callouts.
    pub(super) client_headers: Vec<(&'static str, Vec<u8>)>,
    /// Gateway headers later stages read (retry overrides, timeouts).
    pub(super) gateway: Headers,
    pub(super) upstream_path: String,
    pub(super) query: String,
    /// Headers limit keys are built from (`limits` rules with `{"header":..}`).
    pub(super) limit_headers: Vec<(String, Vec<u8>)>,
    /// The provider option headers, encoded for the cache key.
    pub(super) cache_options: Vec<u8>,
}

/// What the request headers say that later stages need.
pub(super) fn snapshot(h: &Headers) -> Snapshot {
    // One pass over the headers (this runs on every request); the first
    // of a repeated header counts, as in `Headers::get`.
    let (mut path, mut authority, mut accept_encoding) = (None, None, false);
    // What travels with a retry to the same provider: the client's own key
    // and the API options, in the lists' order.
    let mut client: [Option<&[u8]>; AUTH_HEADERS.len() + OPTION_HEADERS.len()] = Default::default();
    for (k, v) in h.raw_iter() {
        match k {
            b":path" => _ = path.get_or_insert(v),
            b":authority" => _ = authority.get_or_insert(v),
            b"accept-encoding" => accept_encoding = true,
            _ => {
                let known =
                    AUTH_HEADERS.iter().chain(OPTION_HEADERS).position(|n| n.as_bytes() == k);
                if let Some(slot) = known.and_then(|i| client.get_mut(i)) {
                    _ = slot.get_or_insert(v);
                }
            }
        }
    }
    Snapshot {
        path: path.unwrap_or_default().to_vec(),
        authority: authority.unwrap_or_default().to_vec(),
        accept_encoding,
        client_headers: AUTH_HEADERS
            .iter()
            .chain(OPTION_HEADERS)
            .zip(client)
            .filter_map(|(n, v)| Some((*n, v?.to_vec())))
            .collect(),
        gateway: h.gateway_only(),
        upstream_path: String::new(),
        query: String::new(),
        limit_headers: Vec::new(),
        cache_options: Vec::new(),
    }
}

pub(super) fn split_query(path: &str) -> (&str, &str) {
    match path.find('?') {
        Some(i) => path.split_at(i),
        None => (path, ""),
    }
}

impl Exchange {
    pub fn on_request_headers(
        &mut self,
        h: &Headers,
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Step {
        self.start_ns = svc.now_ns();
        self.dialect = h.dialect();
        if self.config.logs.opted_out(h) {
            self.recording = super::log::Recording::OptedOut;
        }
        self.facts.request_id = crate::request_id::next(self.start_ns);
        self.facts.client_request_id = h
            .get("x-request-id")
            .map(|v| crate::log_record::bounded_text(v, crate::log_record::MAX_CLIENT_REQUEST_ID));
        self.facts.method = h.get_str(":method").map(str::to_string);
        let path = h.get(":path").unwrap_or_default();

        let config = Rc::clone(&self.config);
        // The MCP route names no provider (none may be called `mcp`).
        let mcp = config.mcp.as_ref().filter(|_| path.starts_with(crate::mcp::ROUTE_PREFIX));
        let compat = match mcp {
            Some(_) => None,
            None => routing::compat(&config, path),
        };
        let route = match (compat.is_some(), mcp) {
            (false, None) => Some(routing::resolve(&config, path)),
            _ => None,
        };
        // The format errors are written in: the route's, else a guess.
        self.client_format = match (&compat, &route) {
            (Some(_), _) => Format::OpenAi,
            (None, Some(Ok(r))) => r.provider.kind.format(),
            _ => Format::guess(path, h),
        };
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
        if let Some(mcp) = mcp {
            return self.mcp_on_request_headers(Rc::clone(mcp), h, end_of_stream, svc);
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
        if let Err(e) = self.rules_on_headers(h) {
            return self.reply(e);
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
                if let Err(e) = self.rules_apply_alias() {
                    return self.reply(e);
                }
                // Before any key is added: only what the allow-list opens.
                match crate::endpoints::check(
                    &route.provider.name,
                    route.provider.kind.endpoints(),
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
            return self.gates_uninspected(svc);
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
        if !end_of_stream && self.body_needs().is_none() {
            return self.pass_unheld(svc);
        }
        if !end_of_stream && self.flag_missing() {
            return self.missing_flag(svc);
        }
        let mut wait = self.await_body();
        if end_of_stream {
            // An inference call without a body: inspect the empty body now.
            return self.on_request_body(b"", svc);
        }
        wait.ops.extend(self.watch_body(svc));
        wait
    }

    pub(super) fn body_too_large(&mut self) -> Step {
        let max = self.config.max_body_bytes;
        self.reply(GatewayError::new(
            ErrorCode::BodyTooLarge,
            format!("the request body is larger than this gateway's limit of {max} bytes"),
        ))
    }

    /// An inference call (the unified endpoint, or an inference endpoint of a
    /// provider): its body must be a JSON object, and its answer may be cached.
    pub(super) fn is_inference(&self) -> bool {
        self.compat.is_some()
            || self.facts.endpoint.as_deref().is_some_and(routing::is_inference_endpoint)
    }

    /// Called on every request body callback with the size the host holds.
    pub fn request_body_need(&mut self, buffered: usize, end_of_stream: bool) -> BodyNeed {
        self.body_arrived();
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
            Stage::LimitsGlobal => self.unheld_chunk(buffered, true).unwrap_or(BodyNeed::Buffer),
            _ => self.unheld_chunk(buffered, false).unwrap_or(BodyNeed::Pass),
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
        self.body_arrived();
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
        if self.mcp.is_some() {
            return self.mcp_on_request_body(body, svc);
        }
        let mut summary = match self.recall_body(body) {
            Ok(s) => s,
            Err(e) => return self.reply(e),
        };
        if self.compat.is_none() {
            // Bedrock's ConverseStream and Gemini's streamGenerateContent
            // are streams by their path.
            let by_path = self.provider().zip(self.facts.endpoint.as_deref());
            if by_path.is_some_and(|(p, e)| p.kind.streams_by_path(e)) {
                summary.stream = true;
            }
        }
        self.facts.stream = summary.stream;
        if summary.include_usage == Some(true) {
            self.usage_chunk = UsageChunk::Client;
        }
        if self.compat.is_some() {
            // The provider (and so the policy) comes from the body's model,
            // or from the route it names.
            if let Err(e) = self.rules_compat(summary.model.as_deref()) {
                return self.reply(e);
            }
            self.dlp_choose();
        } else {
            // Azure's deployment and Gemini's path name the model it runs.
            let in_path = self.provider().and_then(|p| {
                p.kind
                    .model_in_path(self.facts.endpoint.as_deref()?)
                    .map(crate::bedrock::model_name)
            });
            let routable = in_path.is_none() && !self.config.routes.is_empty();
            self.facts.model = in_path.or_else(|| summary.model.clone());
            if routable {
                if let Err(e) = self.rules_provider_route() {
                    return self.reply(e);
                }
            }
        }
        self.summary = summary;
        self.gates_with_body(body, svc)
    }

    /// The body's summary: from the worker's memo when these exact bytes
    /// came before (a repeated request skips the parse), else parsed, and
    /// remembered when the cache may want the body's key.
    fn recall_body(&mut self, body: &[u8]) -> Result<request_body::RequestSummary, GatewayError> {
        let inference = self.is_inference();
        if !self.body_memo_wanted(inference) {
            return request_body::parse(body, inference);
        }
        let lookup = recent::find(body, inference);
        if let Some(r) = lookup.found {
            let summary = r.summary.clone();
            self.recent = Some(r);
            return Ok(summary);
        }
        let summary = request_body::parse(body, inference)?;
        self.recent = recent::remember(&lookup, body.into(), inference, summary.clone());
        Ok(summary)
    }

    /// Whether this request's body may be looked up in the cache by its
    /// key (only then is it worth remembering).
    fn body_memo_wanted(&self, inference: bool) -> bool {
        let c = &self.cache_controls;
        if !inference || c.skip {
            return false;
        }
        let cfg = &self.config.cache;
        // On the unified endpoint the provider comes with the body.
        c.custom_key.is_some()
            || self
                .provider()
                .map_or(self.config.cache_may_apply(), |p| p.cache.enabled.unwrap_or(cfg.enabled))
    }
}
