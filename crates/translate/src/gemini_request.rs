//! Requests between OpenAI Chat Completions and Gemini `generateContent`,
//! both directions. Gemini names the model and the stream in the path:
//! the caller builds it; the bodies here carry neither.

use serde_json::{json, Map, Value};

use crate::common::{sampling, Ctx};
use crate::error::TranslateError;
use crate::gemini_common::{lower_schema_types, split_data_url};
use crate::{MaxTokensField, RequestOptions};

type Result<T> = std::result::Result<T, TranslateError>;

fn parse(body: &[u8]) -> Result<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(_) => Err(TranslateError::invalid("", "the request body must be a JSON object")),
        Err(e) => Err(TranslateError::InvalidJson { message: e.to_string() }),
    }
}

fn to_vec(v: &Value) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| TranslateError::invalid("", e.to_string()))
}

/// OpenAI request fields that change nothing at Gemini (or only who is
/// billed or what is stored at OpenAI): dropped silently.
const OPENAI_IGNORED: &[&str] = &[
    "model",
    "stream",
    "stream_options",
    "user",
    "store",
    "metadata",
    "parallel_tool_calls",
    "service_tier",
];

/// OpenAI Chat Completions → Gemini `generateContent`.
///
/// `system`/`developer` messages → `systemInstruction`; `assistant` →
/// role `model` (`tool_calls` → `functionCall` parts, arguments parsed);
/// `tool` messages → `functionResponse` parts of a `user` turn (the name
/// found from the call's id; a JSON-object result is the `response`,
/// anything else `{"content": ...}`); data-URL images → `inlineData`;
/// `tools` → one `functionDeclarations` tool (`parametersJsonSchema`, the
/// JSON Schema as sent); `tool_choice` → `toolConfig`; the generation
/// options → `generationConfig`.
pub fn openai_to_gemini_request(body: &[u8], opts: &RequestOptions) -> Result<Vec<u8>> {
    let req = parse(body)?;
    let ctx = Ctx { opts };
    let mut out = Map::new();
    let mut config = Map::new();
    let mut system: Vec<Value> = Vec::new();
    let mut contents: Vec<Value> = Vec::new();
    // tool_call id → function name, for the tool messages that answer them.
    let mut call_names: Vec<(String, String)> = Vec::new();
    let messages = match req.get("messages") {
        Some(Value::Array(m)) => m,
        _ => return Err(TranslateError::invalid("messages", "must be an array")),
    };
    for (i, m) in messages.iter().enumerate() {
        let field = format!("messages[{i}]");
        let role = m.get("role").and_then(Value::as_str).unwrap_or_default();
        let content = m.get("content");
        match role {
            "system" | "developer" => system.extend(text_parts(content, &field, &ctx)?),
            "user" => push(&mut contents, "user", user_parts(content, &field, &ctx)?),
            "assistant" => {
                let mut parts = text_parts(content, &field, &ctx)?;
                if let Some(Value::Array(calls)) = m.get("tool_calls") {
                    for (j, c) in calls.iter().enumerate() {
                        let f = c.get("function").unwrap_or(&Value::Null);
                        let name = f.get("name").and_then(Value::as_str).unwrap_or_default();
                        let args_text = f.get("arguments").and_then(Value::as_str).unwrap_or("{}");
                        let args: Value = match serde_json::from_str(args_text) {
                            Ok(v @ Value::Object(_)) => v,
                            _ if args_text.trim().is_empty() => json!({}),
                            _ => {
                                return Err(TranslateError::invalid(
                                    format!("{field}.tool_calls[{j}].function.arguments"),
                                    "must be a JSON object",
                                ))
                            }
                        };
                        if let Some(id) = c.get("id").and_then(Value::as_str) {
                            call_names.push((id.to_owned(), name.to_owned()));
                        }
                        parts.push(json!({"functionCall": {"name": name, "args": args}}));
                    }
                }
                push(&mut contents, "model", parts);
            }
            "tool" => {
                let id = m.get("tool_call_id").and_then(Value::as_str).unwrap_or_default();
                let name = call_names
                    .iter()
                    .rev()
                    .find(|(c, _)| c == id)
                    .map(|(_, n)| n.clone())
                    .ok_or_else(|| {
                    TranslateError::invalid(
                        format!("{field}.tool_call_id"),
                        "answers no tool call of an earlier assistant message",
                    )
                })?;
                let text = joined_text(content);
                let response = match serde_json::from_str::<Value>(&text) {
                    Ok(v @ Value::Object(_)) => v,
                    _ => json!({ "content": text }),
                };
                push(
                    &mut contents,
                    "user",
                    vec![json!({"functionResponse": {"name": name, "response": response}})],
                );
            }
            other => {
                return Err(TranslateError::invalid(
                    format!("{field}.role"),
                    format!("unknown role {other:?}"),
                ))
            }
        }
    }
    out.insert("contents".into(), Value::Array(contents));
    if !system.is_empty() {
        out.insert("systemInstruction".into(), json!({ "parts": system }));
    }
    if let Some(Value::Array(tools)) = req.get("tools") {
        let mut decls = Vec::new();
        for (i, t) in tools.iter().enumerate() {
            let Some(f) = t
                .get("function")
                .filter(|_| t.get("type").and_then(Value::as_str) == Some("function"))
            else {
                ctx.unsupported(format!("tools[{i}]"), "only function tools translate to Gemini")?;
                continue;
            };
            let mut d = Map::new();
            d.insert("name".into(), f.get("name").cloned().unwrap_or(Value::Null));
            if let Some(desc) = f.get("description") {
                d.insert("description".into(), desc.clone());
            }
            if let Some(p) = f.get("parameters") {
                d.insert("parametersJsonSchema".into(), p.clone());
            }
            decls.push(Value::Object(d));
        }
        if !decls.is_empty() {
            out.insert("tools".into(), json!([{ "functionDeclarations": decls }]));
        }
    }
    if let Some(choice) = req.get("tool_choice") {
        let cfg = match choice {
            Value::String(s) if s == "auto" => json!({"mode": "AUTO"}),
            Value::String(s) if s == "none" => json!({"mode": "NONE"}),
            Value::String(s) if s == "required" => json!({"mode": "ANY"}),
            Value::Object(o) => match o.get("function").and_then(|f| f.get("name")) {
                Some(n) => json!({"mode": "ANY", "allowedFunctionNames": [n]}),
                None => return Err(TranslateError::invalid("tool_choice", "names no function")),
            },
            _ => return Err(TranslateError::invalid("tool_choice", "unknown tool_choice")),
        };
        out.insert("toolConfig".into(), json!({ "functionCallingConfig": cfg }));
    }
    let num = |k: &str| req.get(k).and_then(Value::as_f64);
    let (temperature, top_p, _) = sampling(opts.sampling, num("temperature"), num("top_p"), None);
    let mut set = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            config.insert(k.into(), v);
        }
    };
    set("temperature", temperature.map(Value::from));
    set("topP", top_p.map(Value::from));
    set(
        "maxOutputTokens",
        req.get("max_completion_tokens")
            .or(req.get("max_tokens"))
            .filter(|v| !v.is_null())
            .cloned(),
    );
    set("candidateCount", req.get("n").filter(|v| !v.is_null()).cloned());
    set("seed", req.get("seed").filter(|v| !v.is_null()).cloned());
    set("presencePenalty", req.get("presence_penalty").filter(|v| !v.is_null()).cloned());
    set("frequencyPenalty", req.get("frequency_penalty").filter(|v| !v.is_null()).cloned());
    set(
        "stopSequences",
        match req.get("stop") {
            Some(Value::String(s)) => Some(json!([s])),
            Some(a @ Value::Array(_)) => Some(a.clone()),
            _ => None,
        },
    );
    match req.get("response_format").and_then(|f| f.get("type")).and_then(Value::as_str) {
        Some("json_object") => set("responseMimeType", Some("application/json".into())),
        Some("json_schema") => {
            set("responseMimeType", Some("application/json".into()));
            let schema = req
                .get("response_format")
                .and_then(|f| f.get("json_schema"))
                .and_then(|s| s.get("schema"))
                .cloned();
            set("responseJsonSchema", schema);
        }
        _ => {}
    }
    if !config.is_empty() {
        out.insert("generationConfig".into(), Value::Object(config));
    }
    for key in req.keys() {
        let known = OPENAI_IGNORED.contains(&key.as_str())
            || matches!(
                key.as_str(),
                "messages"
                    | "tools"
                    | "tool_choice"
                    | "temperature"
                    | "top_p"
                    | "max_tokens"
                    | "max_completion_tokens"
                    | "n"
                    | "seed"
                    | "presence_penalty"
                    | "frequency_penalty"
                    | "stop"
                    | "response_format"
            );
        if !known && !req.get(key).is_some_and(Value::is_null) {
            ctx.unsupported(key.clone(), "has no Gemini equivalent")?;
        }
    }
    to_vec(&Value::Object(out))
}

/// Appends a turn, merging it into the previous one of the same role
/// (Gemini wants a tool call's answers together in one turn).
fn push(contents: &mut Vec<Value>, role: &str, parts: Vec<Value>) {
    if parts.is_empty() {
        return;
    }
    if let Some(last) = contents.last_mut() {
        if last.get("role").and_then(Value::as_str) == Some(role) {
            if let Some(Value::Array(p)) = last.get_mut("parts") {
                p.extend(parts);
                return;
            }
        }
    }
    contents.push(json!({"role": role, "parts": parts}));
}

fn joined_text(content: Option<&Value>) -> String {
    match content {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
        _ => String::new(),
    }
}

/// Text content (string or text parts) as Gemini parts.
fn text_parts(content: Option<&Value>, field: &str, ctx: &Ctx) -> Result<Vec<Value>> {
    match content {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) if s.is_empty() => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![json!({ "text": s })]),
        Some(Value::Array(parts)) => {
            let mut out = Vec::new();
            for (i, p) in parts.iter().enumerate() {
                match p.get("text").and_then(Value::as_str) {
                    Some(t) => out.push(json!({ "text": t })),
                    None => ctx.unsupported(
                        format!("{field}.content[{i}]"),
                        "only text parts translate here",
                    )?,
                }
            }
            Ok(out)
        }
        Some(_) => {
            Err(TranslateError::invalid(format!("{field}.content"), "must be a string or an array"))
        }
    }
}

/// A user's content: text and data-URL images.
fn user_parts(content: Option<&Value>, field: &str, ctx: &Ctx) -> Result<Vec<Value>> {
    let Some(Value::Array(parts)) = content else {
        return text_parts(content, field, ctx);
    };
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let kind = p.get("type").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "text" => out
                .push(json!({ "text": p.get("text").and_then(Value::as_str).unwrap_or_default() })),
            "image_url" => {
                let url = p
                    .get("image_url")
                    .and_then(|u| u.get("url").or(Some(u)))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match split_data_url(url) {
                    Some((mime, data)) => {
                        out.push(json!({"inlineData": {"mimeType": mime, "data": data}}))
                    }
                    None => ctx.unsupported(
                        format!("{field}.content[{i}].image_url"),
                        "only data URLs translate to Gemini (it does not fetch URLs)",
                    )?,
                }
            }
            other => ctx.unsupported(
                format!("{field}.content[{i}]"),
                &format!("content parts of type {other:?} do not translate to Gemini"),
            )?,
        }
    }
    Ok(out)
}

/// Gemini fields with no OpenAI equivalent that only tune Google's own
/// filters or routing: dropped silently.
const GEMINI_IGNORED: &[&str] = &["safetySettings", "labels"];

/// Gemini `generateContent` → OpenAI Chat Completions (a Gemini client's
/// request falling back to an OpenAI-style provider).
///
/// `systemInstruction` → a `system` message; role `model` → `assistant`
/// (`functionCall` parts → `tool_calls`, ids `call_{n}` unless Gemini gave
/// one); `functionResponse` parts → `tool` messages answering the latest
/// call of that name; `inlineData` → data-URL images; function
/// declarations → `tools` (`parameters` with their types in lower case,
/// or `parametersJsonSchema` as it is); `toolConfig` → `tool_choice`;
/// `generationConfig` → the sampling and limit fields. `opts.stream` sets
/// `stream` (Gemini's path said it).
pub fn gemini_to_openai_request(body: &[u8], opts: &RequestOptions) -> Result<Vec<u8>> {
    let req = parse(body)?;
    let ctx = Ctx { opts };
    let mut messages: Vec<Value> = Vec::new();
    if let Some(si) = req.get("systemInstruction") {
        let text = parts_text(si.get("parts"));
        if !text.is_empty() {
            messages.push(json!({"role": "system", "content": text}));
        }
    }
    let mut calls: Vec<(String, String, bool)> = Vec::new(); // (id, name, answered)
    let contents = match req.get("contents") {
        Some(Value::Array(c)) => c,
        _ => return Err(TranslateError::invalid("contents", "must be an array")),
    };
    for (i, c) in contents.iter().enumerate() {
        let field = format!("contents[{i}]");
        let role = c.get("role").and_then(Value::as_str).unwrap_or("user");
        let parts = match c.get("parts") {
            Some(Value::Array(p)) => p.as_slice(),
            _ => return Err(TranslateError::invalid(format!("{field}.parts"), "must be an array")),
        };
        let mut content: Vec<Value> = Vec::new();
        let mut tool_calls: Vec<Value> = Vec::new();
        for (j, p) in parts.iter().enumerate() {
            if p.get("thought").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            if let Some(t) = p.get("text").and_then(Value::as_str) {
                content.push(json!({"type": "text", "text": t}));
            } else if let Some(d) = p.get("inlineData") {
                let mime = d.get("mimeType").and_then(Value::as_str).unwrap_or_default();
                let data = d.get("data").and_then(Value::as_str).unwrap_or_default();
                content.push(json!({"type": "image_url", "image_url": {"url": format!("data:{mime};base64,{data}")}}));
            } else if let Some(f) = p.get("functionCall") {
                let name = f.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
                let id = f
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("call_{}", calls.len()), str::to_owned);
                let args = f.get("args").cloned().unwrap_or_else(|| json!({}));
                tool_calls.push(json!({"id": id, "type": "function", "function": {"name": name, "arguments": args.to_string()}}));
                calls.push((id, name, false));
            } else if let Some(r) = p.get("functionResponse") {
                let name = r.get("name").and_then(Value::as_str).unwrap_or_default();
                let given = r.get("id").and_then(Value::as_str);
                let call = calls
                    .iter_mut()
                    .rev()
                    .find(|(id, n, answered)| given.map_or(!*answered && n == name, |g| g == id));
                let id = match call {
                    Some(c) => {
                        c.2 = true;
                        c.0.clone()
                    }
                    None => {
                        return Err(TranslateError::invalid(
                            format!("{field}.parts[{j}].functionResponse"),
                            "answers no earlier functionCall",
                        ))
                    }
                };
                let response = r.get("response").cloned().unwrap_or(Value::Null);
                messages.push(
                    json!({"role": "tool", "tool_call_id": id, "content": response.to_string()}),
                );
            } else {
                ctx.unsupported(
                    format!("{field}.parts[{j}]"),
                    "this part does not translate to OpenAI",
                )?;
            }
        }
        let openai_role = if role == "model" { "assistant" } else { "user" };
        if content.is_empty() && tool_calls.is_empty() {
            continue;
        }
        let text_only =
            content.iter().all(|p| p.get("type").and_then(Value::as_str) == Some("text"));
        let content_value = if content.is_empty() {
            Value::Null
        } else if text_only {
            Value::String(
                content
                    .iter()
                    .filter_map(|p| p.get("text").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join(""),
            )
        } else {
            Value::Array(content)
        };
        let mut m = json!({"role": openai_role, "content": content_value});
        if !tool_calls.is_empty() {
            if let Some(o) = m.as_object_mut() {
                o.insert("tool_calls".into(), Value::Array(tool_calls));
            }
        }
        messages.push(m);
    }
    let mut out = Map::new();
    out.insert("model".into(), Value::String(opts.model.clone()));
    out.insert("messages".into(), Value::Array(messages));
    let mut tools = Vec::new();
    if let Some(Value::Array(ts)) = req.get("tools") {
        for (i, t) in ts.iter().enumerate() {
            let Some(Value::Array(decls)) = t.get("functionDeclarations") else {
                ctx.unsupported(
                    format!("tools[{i}]"),
                    "only function declarations translate to OpenAI",
                )?;
                continue;
            };
            for d in decls {
                let mut f = Map::new();
                f.insert("name".into(), d.get("name").cloned().unwrap_or(Value::Null));
                if let Some(desc) = d.get("description") {
                    f.insert("description".into(), desc.clone());
                }
                if let Some(p) = d.get("parametersJsonSchema") {
                    f.insert("parameters".into(), p.clone());
                } else if let Some(p) = d.get("parameters") {
                    let mut p = p.clone();
                    lower_schema_types(&mut p);
                    f.insert("parameters".into(), p);
                }
                tools.push(json!({"type": "function", "function": f}));
            }
        }
    }
    if !tools.is_empty() {
        out.insert("tools".into(), Value::Array(tools));
    }
    if let Some(cfg) = req.get("toolConfig").and_then(|t| t.get("functionCallingConfig")) {
        let names = cfg.get("allowedFunctionNames").and_then(Value::as_array);
        let choice = match cfg.get("mode").and_then(Value::as_str) {
            Some("NONE") => json!("none"),
            Some("ANY") => match names.map(Vec::as_slice) {
                Some([one]) => json!({"type": "function", "function": {"name": one}}),
                _ => json!("required"),
            },
            _ => json!("auto"),
        };
        out.insert("tool_choice".into(), choice);
    }
    let gen = req.get("generationConfig").cloned().unwrap_or(Value::Null);
    let num = |k: &str| gen.get(k).and_then(Value::as_f64);
    let (temperature, top_p, _) = sampling(opts.sampling, num("temperature"), num("topP"), None);
    if let Some(t) = temperature {
        out.insert("temperature".into(), t.into());
    }
    if let Some(p) = top_p {
        out.insert("top_p".into(), p.into());
    }
    if let Some(m) = gen.get("maxOutputTokens").filter(|v| !v.is_null()) {
        let field = match opts.max_tokens_field {
            MaxTokensField::MaxCompletionTokens => "max_completion_tokens",
            MaxTokensField::MaxTokens => "max_tokens",
        };
        out.insert(field.into(), m.clone());
    }
    for (from, to) in [
        ("stopSequences", "stop"),
        ("candidateCount", "n"),
        ("seed", "seed"),
        ("presencePenalty", "presence_penalty"),
        ("frequencyPenalty", "frequency_penalty"),
    ] {
        if let Some(v) = gen.get(from).filter(|v| !v.is_null()) {
            out.insert(to.into(), v.clone());
        }
    }
    if gen.get("responseMimeType").and_then(Value::as_str) == Some("application/json") {
        let schema = gen.get("responseJsonSchema").or(gen.get("responseSchema")).cloned();
        let format = match schema {
            Some(mut s) => {
                lower_schema_types(&mut s);
                json!({"type": "json_schema", "json_schema": {"name": "response", "schema": s}})
            }
            None => json!({"type": "json_object"}),
        };
        out.insert("response_format".into(), format);
    }
    if opts.stream {
        out.insert("stream".into(), true.into());
        if opts.stream_usage {
            out.insert("stream_options".into(), json!({"include_usage": true}));
        }
    }
    for key in req.keys() {
        let known = GEMINI_IGNORED.contains(&key.as_str())
            || matches!(
                key.as_str(),
                "contents"
                    | "systemInstruction"
                    | "tools"
                    | "toolConfig"
                    | "generationConfig"
                    | "model"
            );
        if !known {
            ctx.unsupported(key.clone(), "has no OpenAI equivalent")?;
        }
    }
    to_vec(&Value::Object(out))
}

fn parts_text(parts: Option<&Value>) -> String {
    match parts {
        Some(Value::Array(p)) => p
            .iter()
            .filter_map(|x| x.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(b: &[u8]) -> Value {
        serde_json::from_slice(b).unwrap()
    }

    #[test]
    fn openai_to_gemini_with_tools_and_system() {
        let body = br#"{"model":"gemini/x","messages":[
            {"role":"system","content":"be brief"},
            {"role":"user","content":"weather in Paris?"},
            {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
            {"role":"tool","tool_call_id":"c1","content":"{\"temp\":21}"},
            {"role":"tool","tool_call_id":"c1","content":"sunny"}],
            "tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
            "tool_choice":"required","max_tokens":50,"temperature":0.2,"stop":"END","stream":true,"user":"u"}"#;
        let out = v(&openai_to_gemini_request(body, &RequestOptions::new("x")).unwrap());
        assert_eq!(out["systemInstruction"]["parts"][0]["text"], "be brief");
        assert_eq!(out["contents"][0]["role"], "user");
        assert_eq!(out["contents"][1]["role"], "model");
        assert_eq!(out["contents"][1]["parts"][0]["functionCall"]["args"]["city"], "Paris");
        assert_eq!(out["contents"][2]["parts"][0]["functionResponse"]["response"]["temp"], 21);
        assert_eq!(
            out["contents"][2]["parts"][1]["functionResponse"]["response"]["content"],
            "sunny"
        );
        assert_eq!(out["tools"][0]["functionDeclarations"][0]["name"], "get_weather");
        assert_eq!(out["toolConfig"]["functionCallingConfig"]["mode"], "ANY");
        assert_eq!(out["generationConfig"]["maxOutputTokens"], 50);
        assert_eq!(out["generationConfig"]["stopSequences"][0], "END");
        assert!(out.get("model").is_none() && out.get("stream").is_none());
        let bad = openai_to_gemini_request(
            br#"{"messages":[],"logprobs":true}"#,
            &RequestOptions::new("x"),
        );
        assert_eq!(bad.unwrap_err().field(), Some("logprobs"));
        let orphan = br#"{"messages":[{"role":"tool","tool_call_id":"zz","content":"x"}]}"#;
        assert!(openai_to_gemini_request(orphan, &RequestOptions::new("x")).is_err());
    }

    #[test]
    fn gemini_to_openai_with_tools() {
        let body = br#"{"systemInstruction":{"parts":[{"text":"be brief"}]},
            "contents":[{"role":"user","parts":[{"text":"weather?"}]},
              {"role":"model","parts":[{"functionCall":{"name":"w","args":{"city":"Oslo"}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"w","response":{"t":1}}}]}],
            "tools":[{"functionDeclarations":[{"name":"w","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}}]}],
            "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["w"]}},
            "generationConfig":{"maxOutputTokens":9,"topP":0.5},"safetySettings":[]}"#;
        let opts = RequestOptions { stream: true, ..RequestOptions::new("gpt-4o") };
        let out = v(&gemini_to_openai_request(body, &opts).unwrap());
        assert_eq!(out["model"], "gpt-4o");
        assert_eq!(out["messages"][0]["role"], "system");
        assert_eq!(out["messages"][2]["tool_calls"][0]["id"], "call_0");
        assert_eq!(
            out["messages"][2]["tool_calls"][0]["function"]["arguments"],
            r#"{"city":"Oslo"}"#
        );
        assert_eq!(out["messages"][3]["tool_call_id"], "call_0");
        assert_eq!(
            out["tools"][0]["function"]["parameters"]["properties"]["city"]["type"],
            "string"
        );
        assert_eq!(out["tool_choice"]["function"]["name"], "w");
        assert_eq!(out["max_completion_tokens"], 9);
        assert_eq!(
            (out["stream"].as_bool(), out["stream_options"]["include_usage"].as_bool()),
            (Some(true), Some(true))
        );
        assert!(gemini_to_openai_request(br#"{"contents":[],"cachedContent":"c"}"#, &opts).is_err());
    }

    #[test]
    fn garbage_never_panics() {
        for b in [
            &b"[]"[..],
            b"{",
            b"{\"messages\":7}",
            b"{\"contents\":[{\"parts\":[1,null,{}]}]}",
            b"null",
        ] {
            let _ = openai_to_gemini_request(b, &RequestOptions::new("m"));
            let _ = gemini_to_openai_request(
                b,
                &RequestOptions { drop_unsupported: true, ..RequestOptions::new("m") },
            );
        }
    }
}
