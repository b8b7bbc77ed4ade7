//! The words a policy is written in: what a finding does ([`Action`]) and
//! which way a body travels ([`Direction`]). Their own module, below both
//! the policies and the classifier a policy holds, which both use them.

use serde::Deserialize;

/// What a finding does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Off,
    /// Log record and summary header, no change.
    Flag,
    /// Replace with `[REDACTED:<MASK>]`.
    Redact,
    /// Refuse the request (403) or end the answer with an error.
    Block,
}

/// A direction as written in config.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawDirection {
    Request,
    Response,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}
