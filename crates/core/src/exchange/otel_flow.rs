//! The request's OpenTelemetry attributes (`otel.attributes`, see
//! [`crate::otel`]), taken once: at the end of the response, so that
//! Envoy's trace span (closed before the access log runs) carries them,
//! else in `on_log` (a request that ended without a response).

use super::Exchange;
use crate::otel;

impl Exchange {
    /// The attributes to hand to Envoy, the first time only; None when
    /// `otel.attributes` is off (the default: no work, no host call).
    pub fn take_otel_attributes(&mut self) -> Option<Vec<(&'static str, String)>> {
        if !self.config.otel_attributes || self.otel_taken {
            return None;
        }
        self.otel_taken = true;
        let f = &self.facts;
        let provider = self.served_provider();
        let dlp = self.dlp_log();
        let routed = self.provider.is_some() || self.compat.is_some() || self.mcp.is_some();
        let facts = otel::Facts {
            provider_kind: provider.map(|p| p.kind.as_str()),
            provider: provider.map(|p| p.name.as_str()),
            endpoint: f.endpoint.as_deref().filter(|_| routed),
            request_model: f.requested_model.as_deref(),
            response_model: f.model.as_deref(),
            input_tokens: f.usage.input_tokens,
            output_tokens: f.usage.output_tokens,
            error_code: f.error_code,
            cost_usd: self.cost_usd(&f.usage),
            cache_status: self.cache.as_ref().map(|c| c.status.as_str()),
            tenant: f.tenant.as_deref(),
            route: self.route_kind(),
            route_rule: self.route_label(),
            log_id: &f.request_id,
            dlp_actions: dlp.as_ref().map_or(&[], |d| d.actions.as_slice()),
        };
        Some(otel::attributes(&facts))
    }
}
