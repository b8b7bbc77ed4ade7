//! OpenAI Chat Completions request → Bedrock Converse request.
//!
//! Converse is the Messages API's shape under other names, so the request
//! is first translated to Anthropic's (every check, merge and refusal of
//! `openai_to_anthropic_request` applies unchanged) and then renamed block
//! by block. Tool schemas and tool inputs pass through as raw JSON (their
//! key order steers the model).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::TranslateError;
use crate::RequestOptions;

type Result<T> = std::result::Result<T, TranslateError>;

/// Translates an OpenAI Chat Completions request body into a Bedrock
/// Converse (or ConverseStream: the same body) request body. The model is
/// not in the body: Bedrock takes it in the path.
pub fn openai_to_bedrock_request(body: &[u8], opts: &RequestOptions) -> Result<Vec<u8>> {
    let anthropic = crate::openai_to_anthropic_request(body, opts)?;
    let a: AnthropicIn = serde_json::from_slice(&anthropic)
        .map_err(|e| TranslateError::invalid("", format!("internal translation: {e}")))?;
    let mut system = Vec::new();
    match a.system {
        Some(Value::String(s)) if !s.is_empty() => system.push(text_block(s)),
        Some(Value::Array(parts)) => {
            for p in parts {
                if let Some(t) = p.get("text").and_then(Value::as_str) {
                    system.push(text_block(t.to_owned()));
                }
            }
        }
        _ => {}
    }
    let mut messages = Vec::with_capacity(a.messages.len());
    for (i, m) in a.messages.into_iter().enumerate() {
        let content = match m.content {
            Value::String(s) => vec![text_block(s)],
            Value::Array(blocks) => {
                let mut out = Vec::with_capacity(blocks.len());
                for (j, b) in blocks.into_iter().enumerate() {
                    if let Some(c) = block(b, &format!("messages[{i}].content[{j}]"), opts)? {
                        out.push(c);
                    }
                }
                out
            }
            _ => Vec::new(),
        };
        messages.push(Message { role: m.role, content });
    }
    let inference = InferenceConfig {
        max_tokens: a.max_tokens,
        temperature: a.temperature,
        top_p: a.top_p,
        stop_sequences: a.stop_sequences.unwrap_or_default(),
    };
    let tool_config = match a.tools {
        Some(tools) if !tools.is_empty() => Some(ToolConfig {
            tools: tools
                .into_iter()
                .map(|t| ToolOut {
                    tool_spec: ToolSpec {
                        name: t.name,
                        description: t.description,
                        input_schema: Schema { json: t.input_schema },
                    },
                })
                .collect(),
            tool_choice: a.tool_choice.as_ref().and_then(tool_choice),
        }),
        _ => None,
    };
    let additional = a.top_k.map(|k| {
        let mut m = Map::new();
        m.insert("top_k".into(), Value::from(k));
        Value::Object(m)
    });
    let out = Request {
        system,
        messages,
        inference_config: inference,
        tool_config,
        additional_model_request_fields: additional,
    };
    serde_json::to_vec(&out).map_err(|e| TranslateError::invalid("", e.to_string()))
}

fn text_block(text: String) -> Value {
    let mut m = Map::new();
    m.insert("text".into(), Value::String(text));
    Value::Object(m)
}

fn obj(pairs: Vec<(&str, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// One Anthropic content block as Converse's; None when dropped.
fn block(b: Value, field: &str, opts: &RequestOptions) -> Result<Option<Value>> {
    let kind = b.get("type").and_then(Value::as_str).unwrap_or_default().to_owned();
    let s = |k: &str| b.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    Ok(Some(match kind.as_str() {
        "text" => text_block(s("text")),
        "tool_use" => obj(vec![(
            "toolUse",
            obj(vec![
                ("toolUseId", Value::String(s("id"))),
                ("name", Value::String(s("name"))),
                ("input", b.get("input").cloned().unwrap_or_else(|| Value::Object(Map::new()))),
            ]),
        )]),
        "tool_result" => {
            let content = match b.get("content") {
                Some(Value::String(t)) => vec![text_block(t.clone())],
                Some(Value::Array(parts)) => parts
                    .iter()
                    .filter_map(|p| p.get("text").and_then(Value::as_str))
                    .map(|t| text_block(t.to_owned()))
                    .collect(),
                _ => Vec::new(),
            };
            let mut r = vec![
                ("toolUseId", Value::String(s("tool_use_id"))),
                ("content", Value::Array(content)),
            ];
            if b.get("is_error").and_then(Value::as_bool) == Some(true) {
                r.push(("status", Value::String("error".into())));
            }
            obj(vec![("toolResult", obj(r))])
        }
        "image" => {
            let src = b.get("source");
            let data = src.and_then(|x| x.get("data")).and_then(Value::as_str);
            let media = src.and_then(|x| x.get("media_type")).and_then(Value::as_str);
            match (data, media.and_then(|m| m.strip_prefix("image/"))) {
                (Some(d), Some(fmt)) => obj(vec![(
                    "image",
                    obj(vec![
                        ("format", Value::String(fmt.to_owned())),
                        ("source", obj(vec![("bytes", Value::String(d.to_owned()))])),
                    ]),
                )]),
                _ if opts.drop_unsupported => return Ok(None),
                _ => {
                    return Err(TranslateError::unsupported(
                        field,
                        "Bedrock takes images as data URLs (base64), not by URL",
                    ))
                }
            }
        }
        other => {
            if opts.drop_unsupported {
                return Ok(None);
            }
            return Err(TranslateError::unsupported(
                field,
                format!("a `{other}` part cannot be sent to Bedrock Converse"),
            ));
        }
    }))
}

fn tool_choice(c: &Value) -> Option<Value> {
    match c.get("type").and_then(Value::as_str)? {
        "auto" => Some(obj(vec![("auto", Value::Object(Map::new()))])),
        "any" => Some(obj(vec![("any", Value::Object(Map::new()))])),
        "tool" => Some(obj(vec![(
            "tool",
            obj(vec![("name", c.get("name").cloned().unwrap_or(Value::Null))]),
        )])),
        // `none`: Converse has no such choice; the tools stay listed.
        _ => None,
    }
}

#[derive(Deserialize)]
struct AnthropicIn {
    #[serde(default)]
    system: Option<Value>,
    messages: Vec<MessageIn>,
    #[serde(default)]
    max_tokens: Option<u64>,
    #[serde(default)]
    temperature: Option<f64>,
    #[serde(default)]
    top_p: Option<f64>,
    #[serde(default)]
    top_k: Option<u64>,
    #[serde(default)]
    stop_sequences: Option<Vec<String>>,
    #[serde(default)]
    tools: Option<Vec<ToolIn>>,
    #[serde(default)]
    tool_choice: Option<Value>,
}

#[derive(Deserialize)]
struct MessageIn {
    role: String,
    content: Value,
}

#[derive(Deserialize)]
struct ToolIn {
    name: String,
    #[serde(default)]
    description: Option<String>,
    input_schema: Box<RawValue>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Request {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    system: Vec<Value>,
    messages: Vec<Message>,
    inference_config: InferenceConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_config: Option<ToolConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    additional_model_request_fields: Option<Value>,
}

#[derive(Serialize)]
struct Message {
    role: String,
    content: Vec<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InferenceConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop_sequences: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ToolConfig {
    tools: Vec<ToolOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_choice: Option<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ToolOut {
    tool_spec: ToolSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ToolSpec {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    input_schema: Schema,
}

#[derive(Serialize)]
struct Schema {
    json: Box<RawValue>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_system_tools_and_results() {
        let body = br#"{"model":"x","max_tokens":50,"temperature":0.5,"stop":["END"],
            "messages":[{"role":"system","content":"be brief"},
              {"role":"user","content":"weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"t1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"t1","content":"sunny"}],
            "tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"z":{},"a":{}}}}}],
            "tool_choice":"required"}"#;
        let out = openai_to_bedrock_request(body, &RequestOptions::new("m")).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["system"][0]["text"], "be brief");
        assert_eq!(v["messages"][0]["content"][0]["text"], "weather in Paris?");
        assert_eq!(v["messages"][1]["content"][0]["toolUse"]["toolUseId"], "t1");
        assert_eq!(v["messages"][1]["content"][0]["toolUse"]["input"]["city"], "Paris");
        assert_eq!(v["messages"][2]["role"], "user");
        assert_eq!(v["messages"][2]["content"][0]["toolResult"]["content"][0]["text"], "sunny");
        assert_eq!(v["inferenceConfig"]["maxTokens"], 50);
        assert_eq!(v["inferenceConfig"]["stopSequences"][0], "END");
        assert_eq!(v["toolConfig"]["tools"][0]["toolSpec"]["name"], "get_weather");
        assert_eq!(v["toolConfig"]["toolChoice"], serde_json::json!({"any": {}}));
        assert!(v.get("model").is_none());
        // The schema's key order is the client's.
        let s = String::from_utf8(out).unwrap();
        assert!(s.find("\"z\"").unwrap() < s.find("\"a\"").unwrap());
    }

    #[test]
    fn unsupported_parts_are_refused_or_dropped() {
        let body = br#"{"model":"x","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}"#;
        let e = openai_to_bedrock_request(body, &RequestOptions::new("m")).unwrap_err();
        assert!(matches!(e, TranslateError::Unsupported { .. }), "{e:?}");
        assert!(openai_to_bedrock_request(b"{", &RequestOptions::new("m")).is_err());
    }
}
