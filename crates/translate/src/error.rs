//! The one error type of the crate.

use std::fmt;

/// Why a body could not be translated.
///
/// For a request, every variant is the client's fault (answer 400 in the
/// client's shape). For a provider response, it means the provider sent
/// something unusable (answer 502).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TranslateError {
    /// The body is not JSON (syntax error, truncated, not UTF-8).
    InvalidJson { message: String },
    /// Valid JSON that is not a valid body of the source format (wrong type,
    /// missing field, tool-call arguments that are not a JSON object, ...).
    Invalid { field: String, message: String },
    /// A valid body using something the target format cannot express without
    /// changing its meaning (`n > 1`, `logprobs`, audio, server tools, ...).
    /// [`crate::RequestOptions::drop_unsupported`] drops these instead.
    Unsupported { field: String, message: String },
}

impl TranslateError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        TranslateError::Invalid { field: field.into(), message: message.into() }
    }

    pub(crate) fn unsupported(field: impl Into<String>, message: impl Into<String>) -> Self {
        TranslateError::Unsupported { field: field.into(), message: message.into() }
    }

    /// The offending field as a path (`messages[2].tool_calls[0].function.arguments`);
    /// `None` for [`TranslateError::InvalidJson`].
    pub fn field(&self) -> Option<&str> {
        match self {
            TranslateError::InvalidJson { .. } => None,
            TranslateError::Invalid { field, .. } | TranslateError::Unsupported { field, .. } => {
                Some(field)
            }
        }
    }

    /// What is wrong, without the field.
    pub fn message(&self) -> &str {
        match self {
            TranslateError::InvalidJson { message }
            | TranslateError::Invalid { message, .. }
            | TranslateError::Unsupported { message, .. } => message,
        }
    }
}

impl fmt::Display for TranslateError {
    /// `field: message`, ready for an error body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TranslateError::InvalidJson { message } => write!(f, "invalid JSON: {message}"),
            TranslateError::Invalid { field, message }
            | TranslateError::Unsupported { field, message } => {
                if field.is_empty() {
                    f.write_str(message)
                } else {
                    write!(f, "{field}: {message}")
                }
            }
        }
    }
}

impl std::error::Error for TranslateError {}
