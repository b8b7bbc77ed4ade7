//! JSON-RPC 2.0 as MCP uses it: what a client's message is (a request, a
//! notification, a response to the server, a batch), and the error
//! responses the gateway answers with in the shape MCP clients read (HTTP
//! 200, `{"jsonrpc":"2.0","id":..,"error":{"code","message","data"}}`).

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
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

/// A member's value whatever it is, `null` included (`Option`'s own
/// deserializer reads `null` as absent).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A member that is there, whatever its value (skipped, not built).
fn there<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(d).map(|_| true)
}

/// What the gateway reads of a client's message, without building the
/// rest (the arguments are skipped, not turned into a tree).
#[derive(Deserialize)]
struct Head {
    #[serde(default, deserialize_with = "present")]
    jsonrpc: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    method: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    params: Option<Params>,
}

#[derive(Deserialize)]
struct Params {
    #[serde(default, deserialize_with = "present")]
    name: Option<Value>,
}

/// A client's message. Read through [`Head`]; anything that does not read
/// that way (not an object, a batch, a duplicate member, a field of
/// another type) goes through the general reading, which says why.
pub fn parse(body: &[u8]) -> Result<Message, Refusal> {
    let object = body.trim_ascii_start().first() == Some(&b'{');
    match serde_json::from_slice::<Head>(body) {
        Ok(h) if object => {
            classify(h.jsonrpc.as_ref(), h.method, h.id, || h.params.map(|p| p.name))
        }
        _ => parse_value(body),
    }
}

fn parse_value(body: &[u8]) -> Result<Message, Refusal> {
    let v: Value = serde_json::from_slice(body).map_err(|_| Refusal::NotJson)?;
    let obj = match v {
        Value::Object(o) => o,
        Value::Array(_) => return Err(Refusal::Batch),
        _ => return Err(Refusal::NotJsonRpc("not an object")),
    };
    let name = || obj.get("params").map(|p| p.get("name").cloned());
    classify(obj.get("jsonrpc"), obj.get("method").cloned(), obj.get("id").cloned(), name)
}

/// The one place a message is judged. `name`: `params.name`, outer
/// `None` when there are no params, inner when they have no name.
fn classify(
    jsonrpc: Option<&Value>,
    method: Option<Value>,
    id: Option<Value>,
    name: impl FnOnce() -> Option<Option<Value>>,
) -> Result<Message, Refusal> {
    if jsonrpc.and_then(Value::as_str) != Some("2.0") {
        return Err(Refusal::NotJsonRpc("\"jsonrpc\" must be \"2.0\""));
    }
    let method = match method {
        Some(Value::String(m)) => Some(m),
        Some(_) => return Err(Refusal::NotJsonRpc("\"method\" must be a string")),
        None => None,
    };
    let msg = match (method, id) {
        (Some(method), Some(id)) => {
            if !matches!(id, Value::String(_) | Value::Number(_)) {
                return Err(Refusal::NotJsonRpc("\"id\" must be a string or a number"));
            }
            let tool = if method == "tools/call" {
                match name().flatten() {
                    Some(Value::String(n)) => Some(n),
                    _ => return Err(Refusal::NotJsonRpc("tools/call needs params.name")),
                }
            } else {
                None
            };
            Message::Request { id, method, tool }
        }
        (Some(method), None) => Message::Notification { method },
        (None, _) => Message::Response,
    };
    Ok(msg)
}

/// What the gateway reads of a message in a server's answer.
#[derive(Deserialize)]
struct AnswerHead {
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, deserialize_with = "there")]
    method: bool,
    #[serde(default, deserialize_with = "there")]
    result: bool,
    #[serde(default, deserialize_with = "there")]
    error: bool,
}

/// Whether a message of a server's answer is the response to `id`
/// ([`is_response_to`]) without building it; `None`: not a JSON object.
pub fn answers(data: &[u8], id: &Value) -> Option<bool> {
    let object = data.trim_ascii_start().first() == Some(&b'{');
    match serde_json::from_slice::<AnswerHead>(data) {
        Ok(h) if object => Some(!h.method && h.id.as_ref() == Some(id) && (h.result || h.error)),
        _ => match serde_json::from_slice::<Value>(data) {
            Ok(Value::Object(msg)) => Some(is_response_to(&msg, id)),
            _ => None,
        },
    }
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
        let m =
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
        let m = parse(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).unwrap();
        assert_eq!(m, Message::Notification { method: "notifications/initialized".into() });
        let m = parse(br#"{"jsonrpc":"2.0","id":"s1","result":{}}"#).unwrap();
        assert_eq!(m, Message::Response);
    }

    #[test]
    fn the_light_reading_agrees_with_the_general_one() {
        for body in [
            &br#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"a":[1,{"b":null}]}}}"#[..],
            br#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
            br#"{"jsonrpc":"2.0","id":1,"method":null}"#,
            br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":null}"#,
            br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1]}"#,
            br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}}"#,
            br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","name":"b"}}"#,
            br#"{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}"#,
            br#"{"jsonrpc":2,"id":1,"method":"ping"}"#,
            br#"{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}"#,
            br#"{"jsonrpc":"2.0","id":"a\u0062","method":"tools/c\u0061ll","params":{"name":"e\u0063ho"}}"#,
            br#"["2.0", null, "ping"]"#,
            br#"  {"jsonrpc":"2.0","result":{}}"#,
            br#""text""#,
        ] {
            assert_eq!(parse(body), parse_value(body), "{}", String::from_utf8_lossy(body));
        }
        let id = json!(4);
        for (data, expected) in [
            (&br#"{"jsonrpc":"2.0","id":4,"result":{"content":[]}}"#[..], Some(true)),
            (br#"{"jsonrpc":"2.0","id":4,"error":null}"#, Some(true)),
            (br#"{"jsonrpc":"2.0","id":4,"method":"x","result":{}}"#, Some(false)),
            (br#"{"jsonrpc":"2.0","id":5,"result":{}}"#, Some(false)),
            (br#"{"jsonrpc":"2.0","method":"notifications/progress"}"#, Some(false)),
            (br#"{"id":4,"id":4,"result":{}}"#, Some(true)),
            (br#"[{"id":4,"result":{}}]"#, None),
            (b"nope", None),
        ] {
            assert_eq!(answers(data, &id), expected, "{}", String::from_utf8_lossy(data));
        }
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
