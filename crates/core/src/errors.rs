//! Gateway errors: every error body the gateway sends is a `GatewayError`
//! rendered in the format the client speaks (the shapes are in `formats`).

/// Every error the gateway itself answers with. The `code` strings are a
/// stable, documented contract (docs/errors.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthorized,
    UnknownProvider,
    InvalidPath,
    InvalidJson,
    InvalidRequest,
    InvalidHeader,
    InvalidMetadata,
    BodyTooLarge,
    UnsupportedEncoding,
    RateLimited,
    BudgetExceeded,
    DlpBlocked,
    GuardrailBlocked,
    GuardrailUnavailable,
    UninspectableBody,
    InvalidCustomCost,
    /// A method and path the endpoint allow-list does not open.
    EndpointNotAllowed,
    /// Every step of a fallback chain failed; the last cause decides 502/503/504.
    UpstreamFailed,
    UpstreamUnavailable,
    UpstreamTimeout,
    /// The VM's memory budget cannot hold this request now (503, Retry-After).
    Overloaded,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthorized => "aigw_unauthorized",
            ErrorCode::UnknownProvider => "aigw_unknown_provider",
            ErrorCode::InvalidPath => "aigw_invalid_path",
            ErrorCode::InvalidJson => "aigw_invalid_json",
            ErrorCode::InvalidRequest => "aigw_invalid_request",
            ErrorCode::InvalidHeader => "aigw_invalid_header",
            ErrorCode::InvalidMetadata => "aigw_invalid_metadata",
            ErrorCode::BodyTooLarge => "aigw_body_too_large",
            ErrorCode::UnsupportedEncoding => "aigw_unsupported_encoding",
            ErrorCode::RateLimited => "aigw_rate_limited",
            ErrorCode::DlpBlocked => "aigw_dlp_blocked",
            ErrorCode::GuardrailBlocked => "aigw_guardrail_blocked",
            ErrorCode::GuardrailUnavailable => "aigw_guardrail_unavailable",
            ErrorCode::UninspectableBody => "aigw_uninspectable_body",
            ErrorCode::BudgetExceeded => "aigw_budget_exceeded",
            ErrorCode::InvalidCustomCost => "aigw_invalid_custom_cost",
            ErrorCode::EndpointNotAllowed => "aigw_endpoint_not_allowed",
            ErrorCode::UpstreamFailed => "aigw_upstream_failed",
            ErrorCode::UpstreamUnavailable => "aigw_upstream_unavailable",
            ErrorCode::UpstreamTimeout => "aigw_upstream_timeout",
            ErrorCode::Overloaded => "aigw_overloaded",
            ErrorCode::Internal => "aigw_internal_error",
        }
    }

    pub fn status(self) -> u16 {
        match self {
            ErrorCode::Unauthorized => 401,
            ErrorCode::UnknownProvider => 404,
            ErrorCode::InvalidPath
            | ErrorCode::InvalidJson
            | ErrorCode::InvalidRequest
            | ErrorCode::InvalidHeader
            | ErrorCode::InvalidMetadata => 400,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::UnsupportedEncoding => 415,
            ErrorCode::RateLimited | ErrorCode::BudgetExceeded => 429,
            ErrorCode::DlpBlocked | ErrorCode::GuardrailBlocked | ErrorCode::EndpointNotAllowed => {
                403
            }
            ErrorCode::GuardrailUnavailable => 503,
            ErrorCode::UninspectableBody => 415,
            ErrorCode::InvalidCustomCost => 400,
            ErrorCode::UpstreamFailed => 502,
            ErrorCode::UpstreamUnavailable | ErrorCode::Overloaded => 503,
            ErrorCode::UpstreamTimeout => 504,
            ErrorCode::Internal => 500,
        }
    }

    /// The error `type` both OpenAI and Anthropic clients know.
    pub fn error_type(self) -> &'static str {
        match self.status() {
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            503 => "overloaded_error",
            s if s >= 500 => "api_error",
            _ => "invalid_request_error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayError {
    pub code: ErrorCode,
    pub message: String,
}

impl GatewayError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        GatewayError { code, message: message.into() }
    }

    pub fn status(&self) -> u16 {
        self.code.status()
    }
}
