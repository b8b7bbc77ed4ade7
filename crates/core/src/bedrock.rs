//! AWS Bedrock (`"kind": "bedrock"`): the Converse API (format in
//! `formats::bedrock`) reached AWS's way.
//!
//! - The base URL defaults to `https://bedrock-runtime.{region}.amazonaws.com`
//!   (`region` is required); clients' paths are Bedrock's,
//!   `/model/{modelId}/converse[-stream]` (what boto3's `bedrock-runtime`
//!   client sends with `endpoint_url=http://<gateway>/<provider>`).
//! - With `aws_credentials` the gateway signs every request with SigV4 over
//!   what it sends (the body after redaction or translation, the authority
//!   it routes to) and removes the client's own AWS auth headers. Without
//!   them, a client's signature passes through untouched (it only holds
//!   if the client signed for the upstream host and the body is unchanged).

use serde::Deserialize;

use crate::secret::{RawSecretRef, Secret};
use crate::sigv4::{self, Credentials};

/// The service name in SigV4's credential scope (`bedrock-runtime`'s).
pub const SIGNING_SERVICE: &str = "bedrock";
/// The path below the base URL that Converse paths start with (the model
/// and the operation follow).
pub const MODEL_PATH: &str = "/model";

/// Bedrock's endpoints the gateway opens (`*` is one segment, the model).
pub const ENDPOINTS: &[(&str, &str)] =
    &[("POST", "/model/*/converse"), ("POST", "/model/*/converse-stream")];

/// `aws_credentials` in a provider's config: environment variables.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawCredentials {
    pub access_key_id: RawSecretRef,
    pub secret_access_key: RawSecretRef,
    #[serde(default)]
    pub session_token: Option<RawSecretRef>,
}

/// What a Bedrock provider signs with.
#[derive(Debug, Clone)]
pub struct Aws {
    pub region: String,
    /// None: the variables are not set (clients' signatures pass through).
    pub credentials: Option<Credentials>,
}

/// Reads the credentials' variables. Ok(None) with a warning when the key
/// id or secret is unset; a set variable that cannot go in a header is an
/// error naming `field`.
pub fn credentials(
    raw: &RawCredentials,
    env: &dyn Fn(&str) -> Option<String>,
    field: &dyn Fn(&str) -> String,
    warnings: &mut Vec<String>,
) -> Result<Option<Credentials>, (String, String)> {
    let read = |r: &RawSecretRef, name: &str| -> Result<Option<Secret>, (String, String)> {
        let f = field(&format!("aws_credentials.{name}.env"));
        if r.env.is_empty() {
            return Err((f, "must name an environment variable".into()));
        }
        match env(&r.env).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(_) => Secret::from_env(&r.env, env)
                .map(Some)
                .ok_or((f, format!("{} holds characters not allowed in a header", r.env))),
        }
    };
    let id = read(&raw.access_key_id, "access_key_id")?;
    let secret = read(&raw.secret_access_key, "secret_access_key")?;
    let token = match &raw.session_token {
        Some(r) => read(r, "session_token")?,
        None => None,
    };
    match (id, secret) {
        (Some(access_key_id), Some(secret_access_key)) => {
            Ok(Some(Credentials { access_key_id, secret_access_key, session_token: token }))
        }
        _ => {
            warnings.push(format!(
                "{}: environment variables {} and {} are not both set; clients' own signatures pass through",
                field("aws_credentials"),
                raw.access_key_id.env,
                raw.secret_access_key.env
            ));
            Ok(None)
        }
    }
}

/// Whether a region name is plausible (`us-east-1`, `eu-central-2`, ...):
/// it goes into a host name and the signature's scope.
pub fn valid_region(r: &str) -> bool {
    !r.is_empty()
        && r.len() <= 32
        && r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn default_base_url(region: &str) -> String {
    format!("https://bedrock-runtime.{region}.amazonaws.com")
}

/// The model a Converse endpoint names (as it is in the path: `:` is
/// sent as `%3A`).
pub fn model(endpoint: &str) -> Option<&str> {
    let rest = endpoint.strip_prefix("/model/")?;
    let (name, op) = rest.split_once('/')?;
    (!name.is_empty() && (op == "converse" || op == "converse-stream")).then_some(name)
}

/// A model named in a path as the provider runs it (`%3A` is `:`).
pub fn model_name(in_path: &str) -> String {
    in_path.replace("%3A", ":").replace("%3a", ":")
}

/// Whether the endpoint streams (ConverseStream: the body has no `stream`).
pub fn streams(endpoint: &str) -> bool {
    endpoint.ends_with(crate::formats::bedrock::STREAM_ENDPOINT)
}

/// The Converse path for a model, below `model_path` (the base URL's path
/// and `/model`): the model id percent-encoded as AWS's SDKs send it.
pub fn converse_path(model_path: &str, model: &str, stream: bool) -> String {
    let mut p = String::with_capacity(model_path.len() + model.len() + 20);
    p.push_str(model_path);
    p.push('/');
    for b in model.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            p.push(char::from(b));
        } else {
            p.push_str(&format!("%{b:02X}"));
        }
    }
    p.push_str(if stream { "/converse-stream" } else { "/converse" });
    p
}

/// The headers that sign a request the gateway sends; empty without
/// credentials.
pub fn sign(
    aws: &Aws,
    path: &str,
    authority: &str,
    body: &[u8],
    now_ms: u64,
) -> Vec<(&'static str, String)> {
    let Some(creds) = &aws.credentials else { return Vec::new() };
    let req = sigv4::Request { method: "POST", path, host: authority, body };
    sigv4::sign(creds, &aws.region, SIGNING_SERVICE, &req, now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            model("/model/anthropic.claude-v2%3A1/converse"),
            Some("anthropic.claude-v2%3A1")
        );
        assert_eq!(model("/model/m/converse-stream"), Some("m"));
        assert_eq!(model("/model//converse"), None);
        assert_eq!(model("/model/m/invoke"), None);
        assert!(streams("/model/m/converse-stream") && !streams("/model/m/converse"));
        assert_eq!(
            converse_path("/model", "anthropic.claude-3-haiku-20240307-v1:0", true),
            "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"
        );
        assert!(valid_region("us-east-1") && !valid_region("us east") && !valid_region(""));
    }

    #[test]
    fn converse_endpoints_are_open_with_encoded_colons_only() {
        let check = |e: &str| crate::endpoints::check("b", ENDPOINTS, &[], None, "POST", e).is_ok();
        assert!(check("/model/anthropic.claude-v2%3A1/converse"));
        assert!(check("/model/m/converse-stream"));
        for e in [
            "/model/a%2Fb/converse",
            "/model/%2e%2e/converse",
            "/model/m/invoke",
            "/model/a/b/converse",
        ] {
            assert!(!check(e), "{e}");
        }
        assert_eq!(model_name("anthropic.claude-v2%3A1"), "anthropic.claude-v2:1");
    }
}
