//! `x-aigw-metadata` (alias `cf-aig-metadata`): a small JSON object the client
//! attaches to a request for the log record (and, later, limit keys).

use serde_json::{Map, Value};

use crate::errors::{ErrorCode, GatewayError};

pub const MAX_KEYS: usize = 5;
const MAX_HEADER_BYTES: usize = 4096;
const MAX_KEY_CHARS: usize = 64;

/// Parses the header: a JSON object of at most five keys whose values are
/// strings, numbers or booleans (as Cloudflare AI Gateway accepts).
pub fn parse(raw: &[u8]) -> Result<Map<String, Value>, GatewayError> {
    let bad =
        |why: &str| GatewayError::new(ErrorCode::InvalidMetadata, format!("x-aigw-metadata {why}"));
    if raw.len() > MAX_HEADER_BYTES {
        return Err(bad(&format!("is larger than {MAX_HEADER_BYTES} bytes")));
    }
    let value: Value = serde_json::from_slice(raw).map_err(|_| bad("must be a JSON object"))?;
    let Value::Object(map) = value else {
        return Err(bad("must be a JSON object"));
    };
    if map.len() > MAX_KEYS {
        return Err(bad(&format!("may have at most {MAX_KEYS} keys")));
    }
    for (k, v) in &map {
        if k.is_empty() || k.chars().count() > MAX_KEY_CHARS {
            return Err(bad(&format!("keys must be 1-{MAX_KEY_CHARS} characters")));
        }
        if !matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)) {
            return Err(bad("values must be strings, numbers or booleans"));
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_small_flat_objects() {
        let m = parse(br#"{"user":"u1","team":7,"beta":true}"#).unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m["team"], 7);
        assert!(parse(b"{}").unwrap().is_empty());
    }

    #[test]
    fn rejects_bad_metadata() {
        for raw in [
            &br#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}"#[..],
            b"[1]",
            b"\"s\"",
            b"{bad",
            br#"{"a":{"nested":1}}"#,
            br#"{"a":null}"#,
            br#"{"a":[1]}"#,
            br#"{"":1}"#,
            &[0xff, 0xfe],
        ] {
            let e = parse(raw).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidMetadata, "{raw:?}");
        }
        let big = format!(r#"{{"a":"{}"}}"#, "x".repeat(5000));
        assert!(parse(big.as_bytes()).is_err());
    }
}
