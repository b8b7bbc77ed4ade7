//! The one config error type: every config parser (the gateway's document,
//! the `dlp` and `limits` sections, and the pieces compiled inside them)
//! answers with the path of the offending field and what is wrong, so the
//! operator's log names the field exactly.

use std::fmt;

/// A config error: `field` is the path of the offending field (relative to
/// the section being parsed, e.g. `rules[2].window`; empty for the section
/// itself), `message` what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub field: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> ConfigError {
        ConfigError { field: field.into(), message: message.into() }
    }

    /// A serde error at the path it failed at (`.`, the section itself,
    /// names no field).
    pub fn from_serde<E: fmt::Display>(e: serde_path_to_error::Error<E>) -> ConfigError {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        ConfigError::new(field, e.inner().to_string())
    }

    /// The same error seen from the enclosing document: the section's name
    /// before the field (`limits` + `rules[2].window`), or the section's name
    /// alone for an error of the whole section.
    pub fn within(self, section: &str) -> ConfigError {
        let field = if self.field.is_empty() {
            section.to_string()
        } else {
            format!("{section}.{}", self.field)
        };
        ConfigError { field, message: self.message }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_field_and_nests_under_a_section() {
        let e = ConfigError::new("rules[2].window", "bad window");
        assert_eq!(e.to_string(), "rules[2].window: bad window");
        assert_eq!(e.within("limits").field, "limits.rules[2].window");
        let whole = ConfigError::new("", "must be an object");
        assert_eq!(whole.to_string(), "must be an object");
        assert_eq!(whole.within("dlp").to_string(), "dlp: must be an object");
    }

    #[test]
    fn serde_errors_keep_their_path() {
        let parse = |text: &str| {
            let de = &mut serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize::<_, Vec<u32>>(de).map_err(ConfigError::from_serde)
        };
        assert_eq!(parse(r#"[1, "x"]"#).unwrap_err().field, "[1]");
        assert_eq!(parse("{}").unwrap_err().field, "");
    }
}
