//! Provider keys and other secrets: referenced from config by environment
//! variable, held as values whose Debug output never shows them. Below both
//! the config and the policies' classifier, which both hold one.

use std::fmt;

use serde::Deserialize;

/// A secret referenced by environment variable: `{"env": "NAME"}`.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawSecretRef {
    pub env: String,
}

/// A secret value whose Debug output never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A value the caller has checked (set, non-empty, usable in a header).
    pub(crate) fn new(value: String) -> Secret {
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The value of an environment variable, if set, non-empty and usable in
    /// a header.
    pub fn from_env(name: &str, env: &dyn Fn(&str) -> Option<String>) -> Option<Secret> {
        env(name)
            .filter(|v| !v.is_empty() && v.bytes().all(|b| (0x21..0x7f).contains(&b)))
            .map(Secret)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_debug_is_redacted() {
        assert_eq!(format!("{:?}", Secret("sk-live".into())), "Secret(***)");
    }
}
