//! The DLP / guardrails section of the gateway config.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::types::Category;

/// The section: named profiles and custom detectors. See the crate docs for
/// the JSON shape.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileConfig>,
    #[serde(default)]
    pub custom_detectors: BTreeMap<String, CustomDetectorConfig>,
}

/// One profile: built-in DLP detectors (names, or a category name `pii`,
/// `financial`, `secret`, or `all`), custom detectors (names from
/// `custom_detectors`) and guardrails (names, or `all`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileConfig {
    #[serde(default)]
    pub detectors: Vec<String>,
    #[serde(default)]
    pub custom: Vec<String>,
    #[serde(default)]
    pub guardrails: Vec<String>,
}

/// A custom detector: a regular expression (regex-lite syntax, matched on the
/// normalised text; use `(?i)` to ignore case), optional context words that
/// must appear (whole words, case-insensitive) within `context_window`
/// bytes before the match start or after its end, a category and a mask.
///
/// Speed: a pattern that starts with a literal (`EMP-[0-9]{6}`) or a simple
/// class (`[A-Z]{3}[0-9]+`, `\d{4}`) is only tried where that start occurs
/// (~400 MB/s for a profile with one such detector); a pattern starting with
/// a group or alternation is tried everywhere by the regex engine (~30 MB/s).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomDetectorConfig {
    pub pattern: String,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default = "default_window")]
    pub context_window: usize,
    pub category: Category,
    /// Mask label (`[REDACTED:<MASK>]`); default: the name in upper case.
    #[serde(default)]
    pub mask: Option<String>,
    /// Matches must be shorter than this many bytes (default 128, at most
    /// 1024); the pattern is matched at each start position within the next
    /// `max_len` bytes only. Also what a stream holds back for this detector.
    #[serde(default = "default_max_len")]
    pub max_len: usize,
}

fn default_window() -> usize {
    64
}

fn default_max_len() -> usize {
    128
}

/// A config error; `field` is the path inside this section, e.g.
/// `custom_detectors.employee_id.pattern` or `profiles.default.detectors[2]`.
pub use aigw_config_error::ConfigError;

impl Config {
    /// Parses the section from JSON text (unknown fields are errors).
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(ConfigError::from_serde)
    }
}
