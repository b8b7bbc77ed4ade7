//! JSON-RPC 2.0 as MCP uses it: what a client's message is (a request, a
//! notification, a response to the server, a batch), and the error
//! responses the gateway answers with in the shape MCP clients read (HTTP
//! 200, `{"jsonrpc":"2.0","id":..,"error":{"code","message","data"}}`).

use serde_json::{json, Map, Value};

/// JSON-RPC's own codes, and the one the gateway uses for its refusals
/// (the implementation-defined server range).
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const INVALID_PARAMS: i64 = -32602;
pub const GATEWAY_REFUSED: i64 = -32001;

/// A client's message, as far as the gateway needs it.
#[derive(Debug, PartialEq)]
pub enum Message {
    /// A request (has an `id`): its method, and the tool for `tools/call`.
    Request {
        id: Value,
        method: String,
        tool: Option<String>,
    },
    Notification {
        method: String,
    },
    /// A client's answer to a server's request (sampling, elicitation).
    Response,
}

/// Why a body is not one message the gateway handles.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    NotJson,
    Batch,
    NotJsonRpc(&'static str),
}

impl Refusal {
    /// The JSON-RPC error for it (no id: the message had none the
    /// gateway could trust).
    pub fn error(&self) -> Vec<u8> {
        let (code, message) = match self {
            Refusal::NotJson => (PARSE_ERROR, "the body is not valid JSON".to_string()),
            Refusal::Batch => (
                INVALID_REQUEST,
                "batch JSON-RPC messages are not accepted by this gateway: send one message per request"
                    .to_string(),
            ),
            Refusal::NotJsonRpc(why) => (INVALID_REQUEST, format!("not a JSON-RPC 2.0 message: {why}")),
        };
        error_body(&Value::Null, code, &message, "aigw_invalid_request", None)
    }
}

pub fn parse(body: &[u8]) -> Result<(Message, Map<String, Value>), Refusal> {
    let v: Value = serde_json::from_slice(body).map_err(|_| Refusal::NotJson)?;
    let obj = match v {
        Value::Object(o) => o,
        Value::Array(_) => return Err(Refusal::Batch),
        _ => return Err(Refusal::NotJsonRpc("not an object")),
    };
    if obj.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(Refusal::NotJsonRpc("\"jsonrpc\" must be \"2.0\""));
    }
    let method = match obj.get("method") {
        Some(Value::String(m)) => Some(m.clone()),
        Some(_) => return Err(Refusal::NotJsonRpc("\"method\" must be a string")),
        None => None,
    };
    let msg = match (method, obj.get("id")) {
        (Some(method), Some(id)) => {
            if !matches!(id, Value::String(_) | Value::Number(_)) {
                return Err(Refusal::NotJsonRpc("\"id\" must be a string or a number"));
            }
            let tool = if method == "tools/call" {
                match obj.get("params").and_then(|p| p.get("name")) {
                    Some(Value::String(n)) => Some(n.clone()),
                    _ => return Err(Refusal::NotJsonRpc("tools/call needs params.name")),
                }
            } else {
                None
            };
            Message::Request { id: id.clone(), method, tool }
        }
        (Some(method), None) => Message::Notification { method },
        (None, _) => Message::Response,
    };
    Ok((msg, obj))
}

/// A JSON-RPC error response; `aigw_code` and `extra` go in `data`.
pub fn error_body(
    id: &Value,
    code: i64,
    message: &str,
    aigw_code: &str,
    extra: Option<Value>,
) -> Vec<u8> {
    let mut data = json!({"code": aigw_code});
    if let (Some(Value::Object(e)), Value::Object(d)) = (extra, &mut data) {
        d.extend(e);
    }
    let v = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": message, "data": data},
    });
    serde_json::to_vec(&v).unwrap_or_default()
}

/// A server's message seen in an answer: the response to `id`, or
/// something else (a notification, a request of its own).
pub fn is_response_to(msg: &Map<String, Value>, id: &Value) -> bool {
    !msg.contains_key("method")
        && msg.get("id") == Some(id)
        && (msg.contains_key("result") || msg.contains_key("error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_messages() {
        let (m, _) =
            parse(br#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{}}}"#)
                .unwrap();
        assert_eq!(
            m,
            Message::Request {
                id: json!(3),
                method: "tools/call".into(),
                tool: Some("echo".into())
            }
        );
        let (m, _) = parse(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).unwrap();
        assert_eq!(m, Message::Notification { method: "notifications/initialized".into() });
        let (m, _) = parse(br#"{"jsonrpc":"2.0","id":"s1","result":{}}"#).unwrap();
        assert_eq!(m, Message::Response);
    }

    #[test]
    fn refuses_batches_and_bad_messages_clearly() {
        assert_eq!(
            parse(br#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#).unwrap_err(),
            Refusal::Batch
        );
        assert_eq!(parse(b"{nope").unwrap_err(), Refusal::NotJson);
        assert!(matches!(parse(br#"{"id":1,"method":"ping"}"#), Err(Refusal::NotJsonRpc(_))));
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{}}"#),
            Err(Refusal::NotJsonRpc(_))
        ));
        let e: Value = serde_json::from_slice(&Refusal::Batch.error()).unwrap();
        assert_eq!(e["error"]["code"], INVALID_REQUEST);
        assert_eq!(e["id"], Value::Null);
        assert!(e["error"]["message"].as_str().unwrap().contains("batch"));
    }

    #[test]
    fn error_body_has_the_shape_clients_read() {
        let b = error_body(&json!(7), GATEWAY_REFUSED, "no", "aigw_x", Some(json!({"tool": "t"})));
        let v: Value = serde_json::from_slice(&b).unwrap();
        assert_eq!(
            v,
            json!({"jsonrpc":"2.0","id":7,"error":{"code":-32001,"message":"no","data":{"code":"aigw_x","tool":"t"}}})
        );
    }
}
