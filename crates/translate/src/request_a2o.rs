//! Anthropic Messages request → OpenAI Chat Completions request.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::common::{sampling, Ctx};
use crate::error::TranslateError;
use crate::json::{self, Obj};
use crate::{MaxTokensField, RequestOptions};

type Result<T> = std::result::Result<T, TranslateError>;

/// Translates an Anthropic Messages request body into an OpenAI Chat
/// Completions request body for the model `opts.model`.
///
/// `system` becomes the first message, `tool_result` blocks become `tool`
/// messages placed before the rest of their user turn, `tool_use` blocks
/// become `tool_calls` (arguments = the JSON text of `input`), images become
/// `image_url` parts (base64 as `data:` URLs), and streamed requests ask for
/// usage (`stream_options.include_usage`, see `opts.stream_usage`). Server
/// tools, MCP servers, containers and structured output formats are
/// [`TranslateError::Unsupported`] unless `opts.drop_unsupported`. See the
/// crate README for the full mapping.
pub fn anthropic_to_openai_request(body: &[u8], opts: &RequestOptions) -> Result<Vec<u8>> {
    let top = json::parse_body(body)?;
    let ctx = Ctx { opts };
    let mut out = Request {
        model: &opts.model,
        messages: Vec::new(),
        max_completion_tokens: None,
        max_tokens: None,
        stop: Vec::new(),
        temperature: None,
        top_p: None,
        stream: None,
        stream_options: None,
        tools: Vec::new(),
        tool_choice: None,
        parallel_tool_calls: None,
        user: None,
    };
    let mut system = None;
    let mut messages = None;
    let mut tool_choice = None;

    for (key, raw) in top.iter() {
        if json::is_null(raw) {
            continue;
        }
        let field = top.field(key);
        match key {
            "model" => {}
            "messages" => messages = Some(raw),
            "system" => system = Some(system_text(raw, &field)?),
            "max_tokens" => {
                let n = json::u64_at(raw, &field)?;
                match opts.max_tokens_field {
                    MaxTokensField::MaxCompletionTokens => out.max_completion_tokens = Some(n),
                    MaxTokensField::MaxTokens => out.max_tokens = Some(n),
                }
            }
            "stop_sequences" => {
                out.stop = serde_json::from_str(raw.get()).map_err(|_| {
                    TranslateError::invalid(field.clone(), "must be an array of strings")
                })?
            }
            // Anthropic's 0–1 range lies inside OpenAI's 0–2: unchanged.
            "temperature" => out.temperature = Some(json::f64_at(raw, &field)?),
            "top_p" => out.top_p = Some(json::f64_at(raw, &field)?),
            "stream" => {
                if json::bool_at(raw, &field)? {
                    out.stream = Some(true);
                    if opts.stream_usage {
                        out.stream_options = Some(StreamOptionsOut { include_usage: true });
                    }
                }
            }
            "tools" => out.tools = tools(&ctx, raw, &field)?,
            "tool_choice" => tool_choice = Some(json::obj_at(raw, field)?),
            "metadata" => out.user = json::obj_at(raw, field)?.str("user_id")?,
            "output_config" => {
                let oc = json::obj_at(raw, field)?;
                if oc.get("format").is_some() {
                    ctx.unsupported(oc.field("format"), "structured output is not supported")?;
                }
                // `effort` tunes how hard the model works: dropped.
            }
            "container" | "mcp_servers" | "context_management" => {
                ctx.unsupported(field, "is not supported when translating to OpenAI")?
            }
            // Harmless: sampling hints OpenAI refuses (`top_k`), extended
            // thinking (the answer simply has no thinking blocks), caching,
            // routing and diagnostics options. Dropped.
            "top_k" | "thinking" | "service_tier" | "inference_geo" | "speed" | "diagnostics"
            | "cache_control" | "user_profile_id" | "workspace_id" => {}
            _ => ctx.unsupported(field, "is not supported when translating to OpenAI")?,
        }
    }

    (out.temperature, out.top_p, _) = sampling(opts.sampling, out.temperature, out.top_p, None);
    if let Some(text) = system.filter(|s| !s.is_empty()) {
        out.messages.push(Message::System { content: text });
    }
    let messages = messages.ok_or_else(|| TranslateError::invalid("messages", "is required"))?;
    convert_messages(&ctx, messages, "messages", &mut out.messages)?;
    if !out.tools.is_empty() {
        if let Some(tc) = tool_choice {
            let (choice, parallel) = self::tool_choice(&tc)?;
            out.tool_choice = choice;
            out.parallel_tool_calls = parallel;
        }
    }
    serde_json::to_vec(&out).map_err(|e| TranslateError::invalid("", e.to_string()))
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    messages: Vec<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_completion_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_options: Option<StreamOptionsOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<Tool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_choice: Option<ToolChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parallel_tool_calls: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<String>,
}

#[derive(Serialize)]
struct StreamOptionsOut {
    include_usage: bool,
}

#[derive(Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
enum Message {
    System {
        content: String,
    },
    User {
        content: Content,
    },
    Assistant {
        /// `null` when the turn is only tool calls, as OpenAI writes it.
        content: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tool_calls: Vec<ToolCall>,
    },
    Tool {
        tool_call_id: String,
        content: Content,
    },
}

#[derive(Serialize)]
#[serde(untagged)]
enum Content {
    Text(String),
    Parts(Vec<Part>),
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Part {
    Text { text: String },
    ImageUrl { image_url: ImageUrl },
    File { file: FileData },
}

#[derive(Serialize)]
struct ImageUrl {
    url: String,
}

#[derive(Serialize)]
struct FileData {
    file_data: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    filename: Option<String>,
}

#[derive(Serialize)]
struct ToolCall {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    function: FunctionCall,
}

#[derive(Serialize)]
struct FunctionCall {
    name: String,
    arguments: String,
}

#[derive(Serialize)]
struct Tool {
    #[serde(rename = "type")]
    kind: &'static str,
    function: FunctionDef,
}

#[derive(Serialize)]
struct FunctionDef {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    parameters: Box<RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    strict: Option<bool>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ToolChoice {
    Mode(&'static str),
    Named {
        #[serde(rename = "type")]
        kind: &'static str,
        function: NamedFunction,
    },
}

#[derive(Serialize)]
struct NamedFunction {
    name: String,
}

/// `system`: a string or text blocks (joined with a blank line; their
/// `cache_control` marks are dropped, OpenAI caches prefixes by itself).
fn system_text(raw: &RawValue, field: &str) -> Result<String> {
    if raw.get().starts_with('"') {
        return json::string_at(raw, field);
    }
    let mut texts = Vec::new();
    for (j, block) in json::arr_at(raw, field)?.into_iter().enumerate() {
        let b = json::obj_at(block, json::index(field, j))?;
        if b.required_str("type")? != "text" {
            return Err(TranslateError::invalid(b.field("type"), "system blocks must be `text`"));
        }
        let t = b.required_str("text")?;
        if !t.is_empty() {
            texts.push(t);
        }
    }
    Ok(texts.join("\n\n"))
}

fn convert_messages(ctx: &Ctx, raw: &RawValue, path: &str, out: &mut Vec<Message>) -> Result<()> {
    for (i, item) in json::arr_at(raw, path)?.into_iter().enumerate() {
        let m = json::obj_at(item, json::index(path, i))?;
        let role = m.required_str("role")?;
        let content = m
            .get("content")
            .ok_or_else(|| TranslateError::invalid(m.field("content"), "is required"))?;
        let field = m.field("content");
        match role.as_str() {
            "user" => user_message(ctx, content, &field, out)?,
            "assistant" => assistant_message(ctx, content, &field, out)?,
            other => {
                return Err(TranslateError::invalid(
                    m.field("role"),
                    format!("unknown role `{other}` (user or assistant)"),
                ))
            }
        }
    }
    Ok(())
}

/// A content field as blocks: a string is one text block.
enum Blocks<'a> {
    Text(String),
    List(Vec<Obj<'a>>),
}

fn blocks<'a>(raw: &'a RawValue, field: &str) -> Result<Blocks<'a>> {
    if raw.get().starts_with('"') {
        return Ok(Blocks::Text(json::string_at(raw, field)?));
    }
    let list = json::arr_at(raw, field)?
        .into_iter()
        .enumerate()
        .map(|(j, b)| json::obj_at(b, json::index(field, j)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Blocks::List(list))
}

/// A user turn: its `tool_result` blocks become `tool` messages first (OpenAI
/// wants them right after the assistant's tool calls), then the rest is one
/// user message.
fn user_message(ctx: &Ctx, raw: &RawValue, field: &str, out: &mut Vec<Message>) -> Result<()> {
    let list = match blocks(raw, field)? {
        Blocks::Text(text) => {
            out.push(Message::User { content: Content::Text(text) });
            return Ok(());
        }
        Blocks::List(list) => list,
    };
    let mut parts = Vec::new();
    for b in &list {
        match b.required_str("type")?.as_str() {
            "text" => parts.push(Part::Text { text: b.required_str("text")? }),
            "image" => {
                if let Some(p) = image_part(ctx, b)? {
                    parts.push(p);
                }
            }
            "document" => {
                if let Some(p) = document_part(ctx, b)? {
                    parts.push(p);
                }
            }
            "tool_result" => out.push(tool_message(ctx, b)?),
            other => ctx.unsupported(
                b.field("type"),
                &format!("`{other}` blocks are not supported in user turns"),
            )?,
        }
    }
    if !parts.is_empty() {
        out.push(Message::User { content: collapse(parts) });
    }
    Ok(())
}

fn collapse(mut parts: Vec<Part>) -> Content {
    if let [Part::Text { text }] = parts.as_mut_slice() {
        return Content::Text(std::mem::take(text));
    }
    Content::Parts(parts)
}

fn image_part(ctx: &Ctx, b: &Obj) -> Result<Option<Part>> {
    let source = b
        .obj("source")?
        .ok_or_else(|| TranslateError::invalid(b.field("source"), "is required"))?;
    match source.required_str("type")?.as_str() {
        "base64" => {
            let media_type = source.required_str("media_type")?;
            let data = source.required_str("data")?;
            Ok(Some(Part::ImageUrl {
                image_url: ImageUrl { url: format!("data:{media_type};base64,{data}") },
            }))
        }
        "url" => {
            Ok(Some(Part::ImageUrl { image_url: ImageUrl { url: source.required_str("url")? } }))
        }
        other => {
            ctx.unsupported(
                source.field("type"),
                &format!("image sources of type `{other}` are not supported"),
            )?;
            Ok(None)
        }
    }
}

/// Base64 PDFs → `file` parts (`title` → `filename`); plain-text documents →
/// text parts. URL and file-id sources cannot be passed on.
fn document_part(ctx: &Ctx, b: &Obj) -> Result<Option<Part>> {
    let source = b
        .obj("source")?
        .ok_or_else(|| TranslateError::invalid(b.field("source"), "is required"))?;
    let kind = source.required_str("type")?;
    match kind.as_str() {
        "base64" => {
            let media_type = source.required_str("media_type")?;
            let data = source.required_str("data")?;
            Ok(Some(Part::File {
                file: FileData {
                    file_data: format!("data:{media_type};base64,{data}"),
                    filename: b.str("title")?,
                },
            }))
        }
        "text" => Ok(Some(Part::Text { text: source.required_str("data")? })),
        other => {
            ctx.unsupported(
                source.field("type"),
                &format!("document sources of type `{other}` are not supported"),
            )?;
            Ok(None)
        }
    }
}

/// `tool_result` → a `tool` message. `is_error` has no OpenAI equivalent and
/// is dropped (the content usually says what failed). Images in results
/// cannot be passed on: OpenAI tool messages hold only text.
fn tool_message(ctx: &Ctx, b: &Obj) -> Result<Message> {
    let tool_call_id = b.required_str("tool_use_id")?;
    let content = match b.get("content") {
        None => Content::Text(String::new()),
        Some(raw) => match blocks(raw, &b.field("content"))? {
            Blocks::Text(text) => Content::Text(text),
            Blocks::List(list) => {
                let mut parts = Vec::new();
                for c in &list {
                    match c.required_str("type")?.as_str() {
                        "text" => parts.push(Part::Text { text: c.required_str("text")? }),
                        other => ctx.unsupported(
                            c.field("type"),
                            &format!("`{other}` blocks in tool results are not supported"),
                        )?,
                    }
                }
                match parts.len() {
                    0 => Content::Text(String::new()),
                    _ => collapse(parts),
                }
            }
        },
    };
    Ok(Message::Tool { tool_call_id, content })
}

fn assistant_message(ctx: &Ctx, raw: &RawValue, field: &str, out: &mut Vec<Message>) -> Result<()> {
    let mut text = String::new();
    let mut tool_calls = Vec::new();
    match blocks(raw, field)? {
        Blocks::Text(t) => text = t,
        Blocks::List(list) => {
            for b in &list {
                match b.required_str("type")?.as_str() {
                    // Text blocks are one text (they are split only around
                    // citations and tool calls).
                    "text" => text.push_str(&b.required_str("text")?),
                    "tool_use" => {
                        let input = b.get("input").ok_or_else(|| {
                            TranslateError::invalid(b.field("input"), "is required")
                        })?;
                        tool_calls.push(ToolCall {
                            id: b.required_str("id")?,
                            kind: "function",
                            function: FunctionCall {
                                name: b.required_str("name")?,
                                arguments: input.get().to_owned(),
                            },
                        });
                    }
                    // The model's earlier reasoning: OpenAI has no way to
                    // take it back, and it does not change the conversation.
                    "thinking" | "redacted_thinking" => {}
                    other => ctx.unsupported(
                        b.field("type"),
                        &format!("`{other}` blocks are not supported in assistant turns"),
                    )?,
                }
            }
        }
    }
    if text.is_empty() && tool_calls.is_empty() {
        return Ok(());
    }
    let content = if text.is_empty() && !tool_calls.is_empty() { None } else { Some(text) };
    out.push(Message::Assistant { content, tool_calls });
    Ok(())
}

fn tools(ctx: &Ctx, raw: &RawValue, field: &str) -> Result<Vec<Tool>> {
    let mut out = Vec::new();
    for (j, t) in json::arr_at(raw, field)?.into_iter().enumerate() {
        let t = json::obj_at(t, json::index(field, j))?;
        match t.str("type")?.as_deref() {
            None | Some("custom") => {}
            Some(other) => {
                ctx.unsupported(
                    t.field("type"),
                    &format!("server tool `{other}` is not supported"),
                )?;
                continue;
            }
        }
        let schema = t
            .get("input_schema")
            .ok_or_else(|| TranslateError::invalid(t.field("input_schema"), "is required"))?;
        out.push(Tool {
            kind: "function",
            function: FunctionDef {
                name: t.required_str("name")?,
                description: t.str("description")?,
                parameters: json::owned_object(schema, &t.field("input_schema"))?,
                strict: t.bool("strict")?,
            },
        });
    }
    Ok(out)
}

/// `(tool_choice, parallel_tool_calls)`.
fn tool_choice(tc: &Obj) -> Result<(Option<ToolChoice>, Option<bool>)> {
    let choice = match tc.required_str("type")?.as_str() {
        "auto" => ToolChoice::Mode("auto"),
        "any" => ToolChoice::Mode("required"),
        "none" => ToolChoice::Mode("none"),
        "tool" => ToolChoice::Named {
            kind: "function",
            function: NamedFunction { name: tc.required_str("name")? },
        },
        other => {
            return Err(TranslateError::invalid(
                tc.field("type"),
                format!("unknown tool choice `{other}` (auto, any, tool or none)"),
            ))
        }
    };
    let parallel = match tc.bool("disable_parallel_tool_use")? {
        Some(true) => Some(false),
        _ => None,
    };
    Ok((Some(choice), parallel))
}
