//! Where a request goes: the provider route, the unified endpoint's route,
//! the header rewrite that sends the request upstream.

use std::borrow::Cow;
use std::rc::Rc;

use serde_json::Value;

use super::{Exchange, Flow, Op, Snapshot, Stage, Step};
use crate::config::{Config, Provider};
use crate::errors::{ErrorCode, GatewayError};
use crate::headers::Headers;
use crate::routing;

/// Header changes that send the request to its provider. Only changes that
/// change something: every host call costs on the request path.
pub(super) fn upstream_ops(
    config: &Config,
    p: &Provider,
    key: Option<usize>,
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
    let (auth, remove) = routing::provider_auth(p, key);
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

/// Bedrock: the SigV4 headers for the request as it leaves (its final path
/// and body, the authority it routes to), and the client's own AWS auth
/// headers out. Nothing for other providers, or without credentials.
pub(super) fn sign_ops(p: &Provider, path: &str, body: &[u8], now_ms: u64, ops: &mut Vec<Op>) {
    let Some(aws) = p.aws.as_deref() else { return };
    let signed = crate::bedrock::sign(aws, path, &p.authority, body, now_ms);
    if signed.is_empty() {
        return;
    }
    for name in crate::sigv4::AUTH_HEADERS {
        if !signed.iter().any(|(k, _)| k == name) {
            ops.push(Op::RemoveRequestHeader(Cow::Borrowed(name)));
        }
    }
    for (k, v) in signed {
        ops.push(Op::SetRequestHeader(Cow::Borrowed(k), v.into_bytes()));
    }
}

/// Who is asking, for cache isolation: the gateway token's tenant, else the
/// client's own provider credentials; empty when the gateway's key is used
/// by every client alike.
pub(super) fn caller_identity(tenant: Option<&str>, p: &Provider, h: &Headers) -> Vec<u8> {
    if let Some(t) = tenant {
        let mut id = b"tenant:".to_vec();
        id.extend_from_slice(t.as_bytes());
        return id;
    }
    if p.api_key.is_some() || p.signs() {
        return Vec::new();
    }
    let mut id = b"key:".to_vec();
    for name in crate::formats::AUTH_HEADERS {
        if let Some(v) = h.get(name) {
            id.extend_from_slice(v);
            id.push(0);
        }
    }
    id
}

impl Exchange {
    pub(super) fn provider(&self) -> Option<&Provider> {
        self.provider.and_then(|i| self.config.providers.get(i))
    }

    /// Pass on upstream: in a callback by continuing, otherwise by resuming.
    /// The route rewrite is built here, at the one place a request leaves
    /// (the pipeline's `Upstream` gate runs once), so a cache hit or a
    /// refusal costs neither the work nor the header writes.
    pub(super) fn upstream(&mut self, in_callback: bool) -> Step {
        let mut ops = self.route_rewrite();
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
    pub(super) fn route_rewrite(&self) -> Vec<Op> {
        let s = &self.snapshot;
        let mut ops: Vec<Op> = Vec::with_capacity(8);
        ops.extend(
            s.gateway.gateway_names().map(|n| Op::RemoveRequestHeader(Cow::Owned(n.to_string()))),
        );
        if let (None, Some(p)) = (self.compat, self.provider()) {
            let path = format!("{}{}", s.upstream_path, s.query);
            upstream_ops(&self.config, p, self.key, path, s, &mut ops);
        }
        ops
    }

    /// `GET /compat/models`: every model the config names (`routing::configured_models`).
    pub(super) fn compat_models(&mut self) -> Step {
        let data: Vec<Value> = routing::configured_models(&self.config)
            .into_iter()
            .map(|(id, by)| serde_json::json!({"id": id, "object": "model", "owned_by": by}))
            .collect();
        let body = serde_json::to_vec(&serde_json::json!({"object": "list", "data": data}))
            .unwrap_or_default();
        self.stage = Stage::Replied;
        self.facts.status = Some(200);
        self.facts.response_bytes = body.len() as u64;
        let headers = vec![(Cow::Borrowed("content-type"), "application/json".into())];
        Step::pause(vec![self.local_reply(200, headers, body)])
    }

    /// The unified endpoint: picks the provider from `model` and sets the
    /// route.
    pub(super) fn compat_route(
        &mut self,
        model: Option<&str>,
        ops: &mut Vec<Op>,
    ) -> Result<(), GatewayError> {
        let config = Rc::clone(&self.config);
        // Chosen with the body (`rules_compat`), or again after a downgrade.
        let provider = self
            .provider
            .and_then(|i| config.providers.get(i))
            .ok_or_else(|| GatewayError::new(ErrorCode::Internal, "no provider"))?;
        self.facts.requested_model = model.map(str::to_string);
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
        // upstream body (`upstream_request`); the path is the provider's chat
        // path (Gemini's names the model and the stream).
        // The model the route chose (`rules_compat`), as the provider names it.
        let bare = self.facts.model.clone().unwrap_or_default();
        let path = provider.kind.chat_path_for(&provider.chat_path, &bare, self.facts.stream)?;
        self.snapshot.upstream_path = path.clone();
        upstream_ops(&config, provider, self.key, path, &self.snapshot, ops);
        Ok(())
    }
}
