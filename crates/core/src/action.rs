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

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Off => "off",
            Action::Flag => "flag",
            Action::Redact => "redact",
            Action::Block => "block",
        }
    }
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

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}
