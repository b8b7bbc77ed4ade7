//! The `/__mock/*` control API: health, request records, scripted faults.

use hyper::body::Incoming;
use hyper::http::request::Parts;
use hyper::{Method, Response, StatusCode};
use serde_json::json;

use crate::body::MockBody;
use crate::common::{ApiError, Flavor, Output};
use crate::faults::{Faults, Rule, ScriptBody};
use crate::server::{read_body, respond, App};

fn ok_json(v: &impl serde::Serialize) -> Output {
    Output::json(StatusCode::OK, serde_json::to_vec(v).unwrap_or_default())
}

#[derive(serde::Serialize)]
struct Rules {
    rules: Vec<Rule>,
}

/// `since=N` from the query string (0 when absent).
pub fn parse_since(query: Option<&str>) -> Result<u64, ApiError> {
    let Some(q) = query else { return Ok(0) };
    for pair in q.split('&') {
        if let Some(v) = pair.strip_prefix("since=") {
            return v.parse().map_err(|_| {
                ApiError::bad_request("mock: `since` must be a non-negative integer")
            });
        }
    }
    Ok(0)
}

async fn post_script(app: &App, body: Incoming) -> Result<Output, ApiError> {
    let body = read_body(body).await?;
    let script: ScriptBody = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("mock: invalid script: {e}")))?;
    for (i, r) in script.rules.iter().enumerate() {
        r.validate()
            .map_err(|e| ApiError::bad_request(format!("mock: invalid script rule {i}: {e}")))?;
    }
    app.script.append(script.rules);
    Ok(ok_json(&Rules { rules: app.script.list() }))
}

pub async fn handle(app: &App, parts: Parts, body: Incoming) -> Response<MockBody> {
    let path = parts.uri.path().trim_end_matches('/');
    let res = match (&parts.method, path) {
        (&Method::GET, "/__mock/health") => Ok(Output::text(StatusCode::OK, "ok")),
        (&Method::GET, "/__mock/requests") => parse_since(parts.uri.query())
            .map(|since| Output::json(StatusCode::OK, app.records.render(since))),
        (&Method::DELETE, "/__mock/requests") => {
            Ok(ok_json(&json!({ "cleared": app.records.clear() })))
        }
        (&Method::GET, "/__mock/script") => Ok(ok_json(&Rules { rules: app.script.list() })),
        (&Method::POST, "/__mock/script") => post_script(app, body).await,
        (&Method::DELETE, "/__mock/script") => {
            app.script.clear();
            Ok(ok_json(&json!({ "rules": [] })))
        }
        (m, p) => {
            Err(ApiError::new(StatusCode::NOT_FOUND, format!("mock: no control route for {m} {p}")))
        }
    };
    let out = res.unwrap_or_else(|e| Flavor::OpenAi.error(&e));
    respond(out, &Faults::default(), None)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn since_parsing() {
        assert_eq!(parse_since(None).unwrap(), 0);
        assert_eq!(parse_since(Some("since=12")).unwrap(), 12);
        assert_eq!(parse_since(Some("a=b&since=3")).unwrap(), 3);
        assert_eq!(parse_since(Some("other=1")).unwrap(), 0);
        assert!(parse_since(Some("since=-1")).is_err());
        assert!(parse_since(Some("since=")).is_err());
    }
}
