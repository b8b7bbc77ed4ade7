//! Routing in config (`route_rules`) in the request flow: what the request
//! headers give the rules (header bits, the session's hash, the key alias),
//! the choice once the body names the model (before the scans pick a
//! policy, so before the limits and the cache), the downgrade when a limit
//! refuses, and the response headers that name what was chosen.

use std::borrow::Cow;
use std::rc::Rc;

use super::{Exchange, Op};
use crate::errors::{ErrorCode, GatewayError};
use crate::headers::Headers;
use crate::route_rules::{self, Inputs};
use crate::routing;

/// The route a request took.
#[derive(Debug, Clone, Copy)]
pub(super) struct Routed {
    pub route: usize,
    /// The rule that chose (None: no rule matched; a downgrade may still apply).
    pub rule: Option<usize>,
    /// A limit sent it to the route's downgrade (once: never downgraded
    /// again).
    pub downgraded: bool,
    /// The provider's own body goes with another model than the client
    /// named (a rule's target renamed it, or a downgrade on a provider
    /// route): it is rewritten (`upstream_request`). Not derived from
    /// `downgraded`: a rename rewrites without one, and the unified
    /// endpoint's downgrade is translated, not rewritten.
    pub rewrites_model: bool,
}

/// What the request headers told the rules (kept: the headers are gone by
/// the time the body names the model).
#[derive(Debug, Default)]
pub(super) struct RuleInputs {
    pub header_bits: u64,
    pub session: Option<u64>,
    /// `x-aigw-byok-alias` / `cf-aig-byok-alias`.
    pub byok_alias: Option<String>,
}

impl Exchange {
    /// On the request headers. An alias no provider has is refused here,
    /// in the client's API shape.
    pub(super) fn rules_on_headers(&mut self, h: &Headers) -> Result<(), GatewayError> {
        // Gateway headers from the snapshot's own map (small, usually empty).
        let gateway = &self.snapshot.gateway;
        let routes = &self.config.routes;
        if let Some((alias, _)) = gateway.gateway("byok-alias") {
            if !routes.knows_alias(alias) {
                return Err(unknown_alias(alias));
            }
            self.rule_inputs.byok_alias = std::str::from_utf8(alias).ok().map(str::to_string);
        }
        if routes.is_empty() {
            return Ok(());
        }
        self.rule_inputs.header_bits = routes.header_bits(h);
        self.rule_inputs.session = gateway.gateway("session-id").map(|(v, _)| route_rules::hash(v));
        Ok(())
    }

    /// The key the client's alias names on the request's provider (it wins
    /// over a route's key).
    pub(super) fn rules_apply_alias(&mut self) -> Result<(), GatewayError> {
        let Some(alias) = self.rule_inputs.byok_alias.as_deref() else { return Ok(()) };
        let Some(p) = self.provider() else { return Ok(()) };
        match p.key_alias(alias.as_bytes()) {
            Some(k) => {
                self.key = k;
                Ok(())
            }
            None => Err(GatewayError::new(
                ErrorCode::InvalidRequest,
                format!("provider {:?} has no key aliased {alias:?} (x-aigw-byok-alias)", p.name),
            )),
        }
    }

    fn rule_choice(&self, route: usize, model: &str) -> Option<route_rules::Choice> {
        let inputs = Inputs {
            tenant: self.facts.tenant.as_deref(),
            metadata: self.facts.metadata.as_ref(),
            header_bits: self.rule_inputs.header_bits,
            model,
            session: self.rule_inputs.session,
            draw: route_rules::hash(self.facts.request_id.as_bytes()),
        };
        self.config.routes.choose(route, &inputs)
    }

    /// The unified endpoint's provider and model: a route's choice, else
    /// `<provider>/<model>`. Sets the provider, the model sent and the key.
    pub(super) fn rules_compat(&mut self, model: Option<&str>) -> Result<(), GatewayError> {
        let config = Rc::clone(&self.config);
        let routed = model.and_then(|m| Some((m, config.routes.find(m)?)));
        let Some((model, ri)) = routed else {
            let (index, _, bare) = routing::split_model(&config, model)?;
            self.provider = Some(index);
            self.facts.model = Some(bare.to_string());
            return self.rules_apply_alias();
        };
        let choice = self.rule_choice(ri, model);
        self.route = Some(Routed {
            route: ri,
            rule: choice.map(|c| c.rule),
            downgraded: false,
            rewrites_model: false,
        });
        let target =
            choice.and_then(|c| config.routes.get(ri)?.rules.get(c.rule)?.targets.get(c.target));
        match target {
            Some(t) => {
                let bare = match &t.model {
                    Some(m) => m.as_str(),
                    None => routing::split_model(&config, Some(model))?.2,
                };
                self.provider = Some(t.provider);
                self.facts.model = Some(bare.to_string());
                self.key = t.key;
            }
            None => match routing::split_model(&config, Some(model)) {
                Ok((index, _, bare)) => {
                    self.provider = Some(index);
                    self.facts.model = Some(bare.to_string());
                }
                Err(e) if config.routes.is_catch_all(ri) => return Err(e),
                Err(_) => {
                    return Err(GatewayError::new(
                        ErrorCode::InvalidRequest,
                        format!("no rule of route {model:?} matches this request"),
                    ))
                }
            },
        }
        self.rules_apply_alias()
    }

    /// A provider's own route with a model a route names: the route applies
    /// when all its targets are on this provider (the path is this
    /// provider's API); the body's model is rewritten.
    pub(super) fn rules_provider_route(&mut self) -> Result<(), GatewayError> {
        let config = Rc::clone(&self.config);
        let Some(model) = self.facts.model.as_deref() else { return Ok(()) };
        let Some((ri, route)) =
            config.routes.find(model).and_then(|i| Some((i, config.routes.get(i)?)))
        else {
            return Ok(());
        };
        if route.single_provider != self.provider {
            if config.routes.is_catch_all(ri) {
                return Ok(());
            }
            return Err(GatewayError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "route {model:?} sends requests to other providers than this one; \
                     use /compat/chat/completions for it"
                ),
            ));
        }
        let choice = self.rule_choice(ri, model);
        let target = choice.and_then(|c| route.rules.get(c.rule)?.targets.get(c.target));
        let rename = target.and_then(|t| t.model.as_ref()).filter(|m| m.as_str() != model);
        self.route = Some(Routed {
            route: ri,
            rule: choice.map(|c| c.rule),
            downgraded: false,
            rewrites_model: rename.is_some(),
        });
        if let Some(t) = target {
            self.key = t.key;
        }
        if let Some(m) = rename {
            self.facts.requested_model = self.facts.model.take();
            self.facts.model = Some(m.clone());
        }
        self.rules_apply_alias()
    }

    /// Whether a refused admission can go to the route's downgrade instead.
    pub(super) fn rules_can_downgrade(&self) -> bool {
        self.route.is_some_and(|r| {
            !r.downgraded && self.config.routes.get(r.route).is_some_and(|x| x.downgrade.is_some())
        })
    }

    /// Switches to the route's downgrade target. The ops undo a route's
    /// auth headers already written (the unified endpoint writes them at its
    /// route), so a key never follows the request to another provider.
    pub(super) fn rules_downgrade(&mut self) -> Vec<Op> {
        let config = Rc::clone(&self.config);
        let Some(r) = self.route.as_mut() else { return Vec::new() };
        let Some(t) = config.routes.get(r.route).and_then(|x| x.downgrade.as_ref()) else {
            return Vec::new();
        };
        r.downgraded = true;
        if self.facts.requested_model.is_none() && self.compat.is_none() {
            self.facts.requested_model = self.facts.model.clone();
        }
        self.provider = Some(t.provider);
        if let Some(m) = &t.model {
            self.facts.model = Some(m.clone());
        }
        self.key = t.key;
        // The client's alias, where the downgrade's provider has it.
        if let Some(k) = self
            .rule_inputs
            .byok_alias
            .as_deref()
            .and_then(|a| config.providers.get(t.provider)?.key_alias(a.as_bytes()))
        {
            self.key = k;
        }
        if self.compat.is_none() {
            r.rewrites_model = true;
            return Vec::new();
        }
        let mut ops: Vec<Op> = crate::formats::AUTH_HEADERS
            .iter()
            .map(|n| Op::RemoveRequestHeader(Cow::Borrowed(*n)))
            .collect();
        for (k, v) in &self.snapshot.client_headers {
            if crate::formats::AUTH_HEADERS.contains(k) {
                ops.push(Op::SetRequestHeader(Cow::Borrowed(*k), v.clone()));
            }
        }
        ops
    }

    /// `x-aigw-route: <route>:<rule>; provider=<name>; model=<model>` on
    /// answers to routed requests (`:downgrade` after one). One header:
    /// each header written costs a host call.
    pub(super) fn rules_response_headers(&self, ops: &mut Vec<Op>) {
        let provider = self.provider().map(|p| p.name.as_str());
        let Some(v) = self.route_header(provider, self.facts.model.as_deref()) else { return };
        if self.dialect == crate::headers::Dialect::Cloudflare {
            ops.push(Op::SetResponseHeader(Cow::Borrowed("cf-aig-route"), v.clone().into_bytes()));
        }
        ops.push(Op::SetResponseHeader(Cow::Borrowed("x-aigw-route"), v.into_bytes()));
    }

    /// The value of `x-aigw-route` for what served.
    pub(super) fn route_header(
        &self,
        provider: Option<&str>,
        model: Option<&str>,
    ) -> Option<String> {
        let mut v = self.route_label()?;
        for (k, x) in [("provider", provider), ("model", model)] {
            if let Some(x) = x {
                v.push_str("; ");
                v.push_str(k);
                v.push('=');
                v.push_str(x);
            }
        }
        Some(v)
    }

    /// `<route>:<rule>` for the header and the log.
    pub(super) fn route_label(&self) -> Option<String> {
        let r = self.route?;
        let route = self.config.routes.get(r.route)?;
        let rule = match (r.downgraded, r.rule.and_then(|i| route.rules.get(i))) {
            (true, _) => "downgrade",
            (false, Some(rule)) => rule.name.as_str(),
            (false, None) => "none",
        };
        // Sized once: this runs on every routed answer.
        let mut v = String::with_capacity(route.name.len() + rule.len() + 64);
        v.push_str(&route.name);
        v.push(':');
        v.push_str(rule);
        Some(v)
    }

    /// The key alias sent, for the log (never the key).
    pub(super) fn key_alias(&self) -> Option<&str> {
        let p = self.provider()?;
        match self.key {
            Some(i) => p.keys.get(i).map(|(a, _)| a.as_str()),
            None if self.rule_inputs.byok_alias.is_some() => Some(route_rules::DEFAULT_KEY),
            None => None,
        }
    }
}

fn unknown_alias(alias: &[u8]) -> GatewayError {
    let shown: String = String::from_utf8_lossy(alias).chars().take(64).collect();
    GatewayError::new(
        ErrorCode::InvalidRequest,
        format!("no provider key is aliased {shown:?} (x-aigw-byok-alias)"),
    )
}
