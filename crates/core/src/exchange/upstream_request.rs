//! The one place the request a provider receives is built from the client's
//! (already scanned) body: the route's first attempt, and every retry or
//! fallback attempt after it. The filter keeps only the client's body;
//! each attempt rebuilds what it sends here, so the first attempt and a
//! retry can never differ in translation or in the stream-usage option.

use super::Exchange;
use crate::errors::{ErrorCode, GatewayError};
use crate::request_body;
use crate::wire;

/// What goes to a provider.
#[derive(Debug, Default)]
pub(super) struct UpstreamRequest {
    /// The provider's path; None: the route's own (the client's path, rewritten).
    pub path: Option<String>,
    /// The body; None: the client's body as it is.
    pub body: Option<Vec<u8>>,
    /// The gateway asked for usage on the stream (`stream_options`).
    pub stream_usage: bool,
}

impl Exchange {
    /// Whether a chat stream to `p` is sent asking for its usage
    /// (`stream_options.include_usage`): on OpenAI-style chat streams for
    /// the log and the limits; the chunk is hidden again from clients that
    /// did not ask for it.
    pub(super) fn asks_stream_usage(&self, p: &crate::config::Provider) -> bool {
        let target = p.kind.format();
        let translated = self.client_wire.is_some_and(|c| c != target);
        target.asks_stream_usage()
            && p.kind.takes_stream_options()
            && (translated || (self.client_wire == Some(target) && p.inject_stream_usage))
    }

    /// The request for `provider` with `model`. `route`: the route's own
    /// request (step 0: the client's endpoint on the route's provider; the
    /// unified endpoint's provider in its format); otherwise a fallback
    /// step's chat request, in that provider's format.
    pub(super) fn upstream_request(
        &self,
        provider: usize,
        model: &str,
        client_body: &[u8],
        route: bool,
    ) -> Result<UpstreamRequest, GatewayError> {
        let p = self
            .config
            .providers
            .get(provider)
            .ok_or_else(|| GatewayError::new(ErrorCode::Internal, "no provider"))?;
        let mut out = UpstreamRequest::default();
        if !route || self.compat.is_some() {
            let client = self.client_wire.ok_or_else(|| {
                GatewayError::new(
                    ErrorCode::InvalidRequest,
                    "only chat requests fall back to other providers",
                )
            })?;
            let o = wire::request_for(p, client, client_body, model, self.facts.stream)?;
            out.path = Some(o.path);
            out.body = Some(o.body);
        } else if self.route.is_some_and(|r| r.rewrites_model) && Some(provider) == self.provider {
            // A route renamed the model on the provider's own path.
            out.body = Some(wire::with_model(client_body, model)?);
        }
        let target = p.kind.format();
        let translated = self.client_wire.is_some_and(|c| c != target);
        if self.asks_stream_usage(p) {
            let sent = out.body.as_deref().unwrap_or(client_body);
            let asked = if translated {
                target.with_stream_usage(sent, &request_body::parse(sent, true)?)
            } else {
                target.with_stream_usage(sent, &self.summary)
            };
            if let Some(b) = asked {
                out.body = Some(b);
                out.stream_usage = true;
            }
        }
        Ok(out)
    }
}
