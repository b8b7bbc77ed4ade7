//! The words a rule is made of that both its config and the limiter use:
//! what it counts, how it acts, where it counts, what it does when the
//! store fails and when a model has no price. (The config compiles into the
//! limiter; both depend on these, so neither depends on the other.)

use serde::{Deserialize, Serialize};

/// What a counter counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Requests,
    InputTokens,
    OutputTokens,
    TotalTokens,
    /// Budgets: nano-dollars.
    NanoUsd,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Requests => "requests",
            Unit::InputTokens => "input_tokens",
            Unit::OutputTokens => "output_tokens",
            Unit::TotalTokens => "total_tokens",
            Unit::NanoUsd => "nano_usd",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Deny requests over the limit.
    #[default]
    Enforce,
    /// Count, report `would_deny` for the log, admit.
    LogOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// This Envoy's shared data (all its workers).
    #[default]
    Local,
    /// Redis through Webdis (all Envoys).
    Global,
}

/// When a counter cannot be updated (store error, CAS contention, Redis down).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailMode {
    /// Admit without counting, with a note for the log.
    #[default]
    Open,
    /// Deny.
    Closed,
}

/// When a budget's request has no price (model not in the table, no custom cost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnUnpriced {
    /// Admit without counting it, with a note.
    #[default]
    Allow,
    /// Deny (`aigw_budget_exceeded`).
    Deny,
}
