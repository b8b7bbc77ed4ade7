//! The request's labelled metrics, published once from its final log record
//! (`finish_log`), so that whatever the record learns flows into them.

use super::Exchange;
use crate::config::Provider;
use crate::log_record::LogRecord;
use crate::metrics::{self, Extras, NONE, OTHER};
use crate::services::Services;

impl Exchange {
    pub(super) fn publish_metrics(&self, rec: &LogRecord<'_>, svc: &mut dyn Services) {
        if !self.config.metrics_enabled {
            return;
        }
        let provider =
            rec.provider.and_then(|n| self.config.providers.iter().find(|p| p.name == n));
        let extras = Extras {
            model: self.model_label(provider, rec.model),
            unpriced: rec.cost_usd.is_none() && !self.facts.usage.is_empty(),
            budgets: self.budget_samples(),
        };
        metrics::emit(rec, &extras, &mut |family, values, value| {
            svc.labelled(family, values, value)
        });
    }

    /// The model as a bounded label: a model the provider lists, else the
    /// name of the operator's or the default price entry it matches, else
    /// `other` (clients choose model names: they must not choose series).
    fn model_label<'a>(
        &'a self,
        provider: Option<&'a Provider>,
        model: Option<&'a str>,
    ) -> &'a str {
        let (Some(p), Some(m)) = (provider, model) else {
            return if model.is_some() { OTHER } else { NONE };
        };
        if let Some(listed) = p.models.iter().find(|l| l.as_str() == m) {
            return listed;
        }
        let operator = self.config.limits.as_ref().and_then(|l| l.model_name(&p.name, m));
        operator
            .or_else(|| aigw_limits::default_prices::default_price(p.kind.as_str(), m).map(|x| x.1))
            .unwrap_or(OTHER)
    }

    /// Budgets that counted this request: (name, used, limit) in
    /// nano-dollars, `used` as read at admission (this request's
    /// reservation included); a budget that skipped it (unpriced, store
    /// failure) or was not read says nothing new.
    fn budget_samples(&self) -> Vec<(&str, u64, u64)> {
        let decision = self.limits.as_ref().and_then(|l| l.decision.as_ref());
        decision
            .map(|d| {
                d.limits
                    .iter()
                    .filter(|s| s.unit == aigw_limits::Unit::NanoUsd)
                    .filter(|s| {
                        use aigw_limits::Outcome::*;
                        matches!(s.outcome, Reserved | LoggedOverLimit | Denied | NotReserved)
                    })
                    .map(|s| (s.name.as_str(), s.used, s.limit))
                    .collect()
            })
            .unwrap_or_default()
    }
}
