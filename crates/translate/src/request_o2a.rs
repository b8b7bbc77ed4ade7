//! OpenAI Chat Completions request → Anthropic Messages request.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::common::{
    anthropic_image_type, anthropic_tool_id, is_http_url, parse_data_url, sampling, Ctx,
};
use crate::error::TranslateError;
use crate::json::{self, Obj};
use crate::RequestOptions;

type Result<T> = std::result::Result<T, TranslateError>;

/// Translates an OpenAI Chat Completions request body into an Anthropic
/// Messages request body for the model `opts.model`.
///
/// See the crate README for the full mapping; in short: system and developer
/// messages are joined into `system`, consecutive same-role turns are merged,
/// tool calls and tool results become `tool_use` / `tool_result` blocks,
/// images become base64 or URL sources, `temperature` is capped at 1, and a
/// field that would change the meaning of the request (`n > 1`, `logprobs`,
/// `response_format` other than text, audio, ...) is
/// [`TranslateError::Unsupported`] unless `opts.drop_unsupported`.
pub fn openai_to_anthropic_request(body: &[u8], opts: &RequestOptions) -> Result<Vec<u8>> {
    let top = json::parse_body(body)?;
    let ctx = Ctx { opts };
    let mut out = Request {
        model: &opts.model,
        system: None,
        messages: Vec::new(),
        max_tokens: opts.default_max_tokens,
        stop_sequences: Vec::new(),
        temperature: None,
        top_p: None,
        top_k: None,
        stream: None,
        metadata: None,
        tools: Vec::new(),
        tool_choice: None,
    };
    let mut messages = None;
    let mut max_tokens = None;
    let mut max_completion_tokens = None;
    let mut tool_choice = None;
    let mut parallel_tool_calls = None;
    let (mut user, mut safety_identifier, mut metadata_user) = (None, None, None);

    for (key, raw) in top.iter() {
        if json::is_null(raw) {
            continue;
        }
        let field = top.field(key);
        match key {
            // Replaced by the model the caller chose.
            "model" => {}
            "messages" => messages = Some(raw),
            "max_tokens" => max_tokens = Some(json::u64_at(raw, &field)?),
            "max_completion_tokens" => max_completion_tokens = Some(json::u64_at(raw, &field)?),
            "stop" => out.stop_sequences = stop_sequences(&ctx, raw, &field)?,
            // OpenAI's range is 0–2, Anthropic's 0–1. Values up to 1 pass
            // unchanged (the same number asks for about the same randomness);
            // above 1 is capped at 1, the most random Anthropic allows.
            // Negative values pass through for the provider to refuse.
            "temperature" => out.temperature = Some(json::f64_at(raw, &field)?.min(1.0)),
            "top_p" => out.top_p = Some(json::f64_at(raw, &field)?),
            // Not an OpenAI field, but a common extension (vLLM, Ollama, ...)
            // that Anthropic understands.
            "top_k" => out.top_k = Some(json::u64_at(raw, &field)?),
            "stream" => {
                if json::bool_at(raw, &field)? {
                    out.stream = Some(true);
                }
            }
            // `include_usage` shapes the translated stream (see
            // `StreamOptions`); nothing of it goes to Anthropic.
            "stream_options" => {
                json::obj_at(raw, field)?;
            }
            "tools" => out.tools = tools(&ctx, raw, &field)?,
            "tool_choice" => tool_choice = Some((raw, field)),
            "parallel_tool_calls" => parallel_tool_calls = Some(json::bool_at(raw, &field)?),
            "user" => user = Some(json::string_at(raw, &field)?),
            "safety_identifier" => safety_identifier = Some(json::string_at(raw, &field)?),
            // OpenAI's metadata tags stored completions; only `user` means
            // something to Anthropic.
            "metadata" => metadata_user = json::obj_at(raw, field)?.str("user").ok().flatten(),
            "n" => {
                if json::u64_at(raw, &field)? != 1 {
                    ctx.unsupported(field, "only one choice (`n: 1`) can be generated")?;
                }
            }
            "logprobs" => {
                if json::bool_at(raw, &field)? {
                    ctx.unsupported(field, "Anthropic does not return log probabilities")?;
                }
            }
            "top_logprobs" => {
                if json::u64_at(raw, &field)? != 0 {
                    ctx.unsupported(field, "Anthropic does not return log probabilities")?;
                }
            }
            "logit_bias" => {
                if json::obj_at(raw, field.clone())?.iter().next().is_some() {
                    ctx.unsupported(field, "Anthropic has no logit bias")?;
                }
            }
            "presence_penalty" | "frequency_penalty" => {
                if json::f64_at(raw, &field)? != 0.0 {
                    ctx.unsupported(field, "Anthropic has no presence or frequency penalty")?;
                }
            }
            "response_format" => {
                let rf = json::obj_at(raw, field.clone())?;
                if rf.str("type")?.as_deref() != Some("text") {
                    ctx.unsupported(field, "only `{\"type\": \"text\"}` can be translated")?;
                }
            }
            "modalities" => {
                let list: Vec<String> = serde_json::from_str(raw.get()).map_err(|_| {
                    TranslateError::invalid(field.clone(), "must be an array of strings")
                })?;
                if list.iter().any(|m| m != "text") {
                    ctx.unsupported(field, "Anthropic only generates text")?;
                }
            }
            "audio" => ctx.unsupported(field, "Anthropic only generates text")?,
            "functions" | "function_call" => {
                ctx.unsupported(field, "the legacy functions API is not supported; use `tools`")?
            }
            "web_search_options" => ctx.unsupported(field, "web search is not supported")?,
            "moderation" => ctx.unsupported(field, "OpenAI moderation is not supported")?,
            // Harmless: hints, caching and storage options with no effect on
            // what is generated, or only on how hard a reasoning model thinks
            // or how verbose it is. Dropped.
            "seed"
            | "store"
            | "service_tier"
            | "prompt_cache_key"
            | "prompt_cache_retention"
            | "prompt_cache_options"
            | "reasoning_effort"
            | "verbosity"
            | "prediction" => {}
            _ => ctx.unsupported(field, "is not supported when translating to Anthropic")?,
        }
    }

    let messages = messages.ok_or_else(|| TranslateError::invalid("messages", "is required"))?;
    let (system, turns) = convert_messages(&ctx, messages, "messages")?;
    out.system = system;
    out.messages = turns;
    if let Some(n) = max_completion_tokens.or(max_tokens) {
        out.max_tokens = n;
    }
    (out.temperature, out.top_p, out.top_k) =
        sampling(opts.sampling, out.temperature, out.top_p, out.top_k);
    out.metadata = user.or(safety_identifier).or(metadata_user).map(|user_id| Metadata { user_id });
    // Without tools a tool choice means nothing (and Anthropic refuses it).
    if !out.tools.is_empty() {
        let mut choice = match tool_choice {
            Some((raw, field)) => self::tool_choice(&ctx, raw, &field)?,
            None => None,
        };
        if parallel_tool_calls == Some(false) {
            let c = choice.get_or_insert(ToolChoice {
                kind: "auto",
                name: None,
                disable_parallel_tool_use: false,
            });
            if c.kind != "none" {
                c.disable_parallel_tool_use = true;
            }
        }
        out.tool_choice = choice;
    }
    serde_json::to_vec(&out).map_err(|e| TranslateError::invalid("", e.to_string()))
}

#[derive(Serialize)]
struct Request<'a> {
    model: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<String>,
    messages: Vec<Message>,
    max_tokens: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop_sequences: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_k: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<Tool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_choice: Option<ToolChoice>,
}

#[derive(Serialize)]
struct Metadata {
    user_id: String,
}

#[derive(Serialize)]
struct Message {
    role: &'static str,
    content: Content,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Content {
    Text(String),
    Blocks(Vec<Block>),
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block {
    Text {
        text: String,
    },
    Image {
        source: Source,
    },
    Document {
        source: Source,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
    ToolUse {
        id: String,
        name: String,
        input: Box<RawValue>,
    },
    ToolResult {
        tool_use_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        content: Option<Content>,
    },
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Source {
    Base64 { media_type: String, data: String },
    Url { url: String },
}

#[derive(Serialize)]
struct Tool {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    input_schema: Box<RawValue>,
}

#[derive(Serialize)]
struct ToolChoice {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    disable_parallel_tool_use: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    User,
    Assistant,
}

/// The turns being built: consecutive same-role messages are merged (the
/// Anthropic API wants user and assistant turns to alternate).
#[derive(Default)]
struct Turns {
    turns: Vec<(Role, Vec<Block>)>,
}

impl Turns {
    fn push(&mut self, role: Role, blocks: Vec<Block>) {
        // A message without content (an empty user string, an assistant
        // turn with neither text nor tool calls) is dropped: Anthropic
        // refuses empty turns and they carry nothing.
        if blocks.is_empty() {
            return;
        }
        match self.turns.last_mut() {
            Some((r, existing)) if *r == role => existing.extend(blocks),
            _ => self.turns.push((role, blocks)),
        }
    }
}

fn convert_messages(
    ctx: &Ctx,
    raw: &RawValue,
    path: &str,
) -> Result<(Option<String>, Vec<Message>)> {
    let items = json::arr_at(raw, path)?;
    let mut system: Vec<String> = Vec::new();
    let mut turns = Turns::default();
    for (i, item) in items.into_iter().enumerate() {
        let m = json::obj_at(item, json::index(path, i))?;
        let role = m.required_str("role")?;
        match role.as_str() {
            "system" | "developer" => {
                let text = text_parts(&m, "content")?.join("\n\n");
                if !text.is_empty() {
                    system.push(text);
                }
            }
            "user" => turns.push(Role::User, user_blocks(ctx, &m)?),
            "assistant" => turns.push(Role::Assistant, assistant_blocks(ctx, &m)?),
            "tool" => turns.push(Role::User, vec![tool_result(&m)?]),
            "function" => ctx.unsupported(
                m.field("role"),
                "legacy `function` messages are not supported; use `tool`",
            )?,
            other => {
                return Err(TranslateError::invalid(
                    m.field("role"),
                    format!("unknown role `{other}`"),
                ))
            }
        }
    }
    // Anthropic takes a final assistant turn as the start of the answer
    // (prefill) and refuses one that ends in whitespace: trim it.
    if let Some((Role::Assistant, blocks)) = turns.turns.last_mut() {
        if let Some(Block::Text { text }) = blocks.last_mut() {
            let trimmed = text.trim_end().len();
            text.truncate(trimmed);
            if text.is_empty() {
                blocks.pop();
            }
        }
        if blocks.is_empty() {
            turns.turns.pop();
        }
    }
    if turns.turns.is_empty() {
        return Err(TranslateError::invalid(
            path,
            "must contain at least one user or assistant message with content",
        ));
    }
    let messages = turns
        .turns
        .into_iter()
        .map(|(role, blocks)| Message {
            role: match role {
                Role::User => "user",
                Role::Assistant => "assistant",
            },
            content: collapse(blocks),
        })
        .collect();
    let system = if system.is_empty() { None } else { Some(system.join("\n\n")) };
    Ok((system, messages))
}

/// One text block is written as a plain string.
fn collapse(mut blocks: Vec<Block>) -> Content {
    if let [Block::Text { text }] = blocks.as_mut_slice() {
        return Content::Text(std::mem::take(text));
    }
    Content::Blocks(blocks)
}

/// The texts of `content` when it may only hold text: a string or text parts
/// (system, developer and tool messages). Empty texts are left out.
fn text_parts(m: &Obj, key: &str) -> Result<Vec<String>> {
    let Some(raw) = m.get(key) else { return Ok(Vec::new()) };
    let field = m.field(key);
    if raw.get().starts_with('"') {
        let s = json::string_at(raw, &field)?;
        return Ok(if s.is_empty() { Vec::new() } else { vec![s] });
    }
    let mut texts = Vec::new();
    for (j, part) in json::arr_at(raw, &field)?.into_iter().enumerate() {
        let part = json::obj_at(part, json::index(&field, j))?;
        match part.required_str("type")?.as_str() {
            "text" => {
                let t = part.required_str("text")?;
                if !t.is_empty() {
                    texts.push(t);
                }
            }
            other => {
                return Err(TranslateError::invalid(
                    part.field("type"),
                    format!("`{other}` parts are not allowed here, only `text`"),
                ))
            }
        }
    }
    Ok(texts)
}

fn user_blocks(ctx: &Ctx, m: &Obj) -> Result<Vec<Block>> {
    let Some(raw) = m.get("content") else { return Ok(Vec::new()) };
    let field = m.field("content");
    if raw.get().starts_with('"') {
        let s = json::string_at(raw, &field)?;
        return Ok(if s.is_empty() { Vec::new() } else { vec![Block::Text { text: s }] });
    }
    let mut blocks = Vec::new();
    for (j, part) in json::arr_at(raw, &field)?.into_iter().enumerate() {
        let part = json::obj_at(part, json::index(&field, j))?;
        let kind = part.required_str("type")?;
        match kind.as_str() {
            "text" => {
                let text = part.required_str("text")?;
                if !text.is_empty() {
                    blocks.push(Block::Text { text });
                }
            }
            "image_url" => {
                if let Some(b) = image_block(ctx, &part)? {
                    blocks.push(b);
                }
            }
            "file" => {
                if let Some(b) = file_block(ctx, &part)? {
                    blocks.push(b);
                }
            }
            "input_audio" => ctx.unsupported(part.field("type"), "Anthropic takes no audio")?,
            other => ctx.unsupported(
                part.field("type"),
                &format!("content parts of type `{other}` are not supported"),
            )?,
        }
    }
    Ok(blocks)
}

/// `{"type":"image_url","image_url":{"url":...,"detail":...}}`; `detail`
/// has no Anthropic equivalent and is dropped. A bare string `image_url`
/// (sent by some clients) is accepted too.
fn image_block(ctx: &Ctx, part: &Obj) -> Result<Option<Block>> {
    let raw = part
        .get("image_url")
        .ok_or_else(|| TranslateError::invalid(part.field("image_url"), "is required"))?;
    let (url, field) = if raw.get().starts_with('"') {
        (json::string_at(raw, &part.field("image_url"))?, part.field("image_url"))
    } else {
        let o = json::obj_at(raw, part.field("image_url"))?;
        (o.required_str("url")?, o.field("url"))
    };
    if let Some((media_type, data)) = parse_data_url(&url) {
        // The base64 text is the tail of the URL: cut the head off in place
        // rather than copy what may be megabytes.
        let head = url.len().saturating_sub(data.len());
        return match anthropic_image_type(&media_type) {
            Some(mt) => {
                let mut data = url;
                // `head` is where the `data` slice started, so a character
                // boundary; checked anyway, since `drain` would panic.
                if data.is_char_boundary(head) {
                    data.drain(..head);
                } else {
                    data = data.get(head..).map(str::to_owned).unwrap_or_default();
                }
                Ok(Some(Block::Image {
                    source: Source::Base64 { media_type: mt.to_owned(), data },
                }))
            }
            None => {
                ctx.unsupported(
                    field,
                    &format!(
                        "image type `{media_type}` is not supported (jpeg, png, gif, webp are)"
                    ),
                )?;
                Ok(None)
            }
        };
    }
    if is_http_url(&url) {
        return Ok(Some(Block::Image { source: Source::Url { url } }));
    }
    ctx.unsupported(field, "images must be http(s) URLs or base64 `data:` URLs")?;
    Ok(None)
}

/// `{"type":"file","file":{"file_data":"data:application/pdf;base64,...","filename":...}}`
/// → a PDF document block (`filename` → `title`). Uploaded files
/// (`file_id`) and other media types cannot be passed on.
fn file_block(ctx: &Ctx, part: &Obj) -> Result<Option<Block>> {
    let file = part
        .obj("file")?
        .ok_or_else(|| TranslateError::invalid(part.field("file"), "is required"))?;
    let Some(url) = file.str("file_data")? else {
        ctx.unsupported(file.path().to_owned(), "only inline `file_data` can be translated")?;
        return Ok(None);
    };
    match parse_data_url(&url) {
        Some((media_type, data)) if media_type == "application/pdf" => Ok(Some(Block::Document {
            source: Source::Base64 { media_type, data: data.to_owned() },
            title: file.str("filename")?,
        })),
        _ => {
            ctx.unsupported(
                file.field("file_data"),
                "only base64 `data:application/pdf` files can be translated",
            )?;
            Ok(None)
        }
    }
}

fn assistant_blocks(ctx: &Ctx, m: &Obj) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    if let Some(raw) = m.get("content") {
        let field = m.field("content");
        if raw.get().starts_with('"') {
            let s = json::string_at(raw, &field)?;
            if !s.is_empty() {
                blocks.push(Block::Text { text: s });
            }
        } else {
            for (j, part) in json::arr_at(raw, &field)?.into_iter().enumerate() {
                let part = json::obj_at(part, json::index(&field, j))?;
                let text = match part.required_str("type")?.as_str() {
                    "text" => part.required_str("text")?,
                    // An earlier refusal is what the assistant said.
                    "refusal" => part.required_str("refusal")?,
                    other => {
                        return Err(TranslateError::invalid(
                            part.field("type"),
                            format!("`{other}` parts are not allowed in assistant messages"),
                        ))
                    }
                };
                if !text.is_empty() {
                    blocks.push(Block::Text { text });
                }
            }
        }
    }
    if let Some(refusal) = m.str("refusal")? {
        if !refusal.is_empty() {
            blocks.push(Block::Text { text: refusal });
        }
    }
    if m.get("function_call").is_some() {
        ctx.unsupported(
            m.field("function_call"),
            "the legacy functions API is not supported; use `tool_calls`",
        )?;
    }
    if m.get("audio").is_some() {
        ctx.unsupported(m.field("audio"), "Anthropic takes no audio")?;
    }
    if let Some(calls) = m.arr("tool_calls")? {
        let field = m.field("tool_calls");
        for (j, call) in calls.into_iter().enumerate() {
            let call = json::obj_at(call, json::index(&field, j))?;
            match call.str("type")?.as_deref() {
                None | Some("function") => {}
                Some(other) => {
                    ctx.unsupported(
                        call.field("type"),
                        &format!("tool calls of type `{other}` are not supported"),
                    )?;
                    continue;
                }
            }
            let id = non_empty_id(&call, "id")?;
            let function = call
                .obj("function")?
                .ok_or_else(|| TranslateError::invalid(call.field("function"), "is required"))?;
            let name = function.required_str("name")?;
            let arguments = function.str("arguments")?.unwrap_or_default();
            let input = json::object_from_str(&arguments, &function.field("arguments"))?;
            blocks.push(Block::ToolUse { id: anthropic_tool_id(&id), name, input });
        }
    }
    Ok(blocks)
}

fn non_empty_id(o: &Obj, key: &str) -> Result<String> {
    let id = o.required_str(key)?;
    if id.is_empty() {
        return Err(TranslateError::invalid(o.field(key), "must not be empty"));
    }
    Ok(id)
}

/// A `tool` message → a `tool_result` block in a user turn.
fn tool_result(m: &Obj) -> Result<Block> {
    let id = non_empty_id(m, "tool_call_id")?;
    let texts = text_parts(m, "content")?;
    let content = match texts.len() {
        0 => None,
        1 => texts.into_iter().next().map(Content::Text),
        _ => Some(Content::Blocks(texts.into_iter().map(|text| Block::Text { text }).collect())),
    };
    Ok(Block::ToolResult { tool_use_id: anthropic_tool_id(&id), content })
}

fn stop_sequences(ctx: &Ctx, raw: &RawValue, field: &str) -> Result<Vec<String>> {
    let list: Vec<String> = if raw.get().starts_with('"') {
        vec![json::string_at(raw, field)?]
    } else {
        serde_json::from_str(raw.get()).map_err(|_| {
            TranslateError::invalid(field, "must be a string or an array of strings")
        })?
    };
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        if s.is_empty() {
            continue; // matches nothing
        }
        if s.trim().is_empty() {
            // Anthropic refuses stop sequences made only of whitespace.
            ctx.unsupported(field.to_owned(), "Anthropic refuses whitespace-only stop sequences")?;
            continue;
        }
        out.push(s);
    }
    Ok(out)
}

fn tools(ctx: &Ctx, raw: &RawValue, field: &str) -> Result<Vec<Tool>> {
    let mut out = Vec::new();
    for (j, t) in json::arr_at(raw, field)?.into_iter().enumerate() {
        let t = json::obj_at(t, json::index(field, j))?;
        match t.str("type")?.as_deref() {
            None | Some("function") => {}
            Some(other) => {
                ctx.unsupported(
                    t.field("type"),
                    &format!("tools of type `{other}` are not supported"),
                )?;
                continue;
            }
        }
        let f = t
            .obj("function")?
            .ok_or_else(|| TranslateError::invalid(t.field("function"), "is required"))?;
        let name = f.required_str("name")?;
        // `strict` has no equivalent in the stable Messages API: dropped.
        let input_schema = match f.get("parameters") {
            Some(p) => json::owned_object(p, &f.field("parameters"))?,
            // A function without parameters takes none; Anthropic requires
            // a schema.
            None => RawValue::from_string(r#"{"type":"object","properties":{}}"#.to_owned())
                .map_err(|e| TranslateError::invalid(f.field("parameters"), e.to_string()))?,
        };
        out.push(Tool { name, description: f.str("description")?, input_schema });
    }
    Ok(out)
}

fn tool_choice(ctx: &Ctx, raw: &RawValue, field: &str) -> Result<Option<ToolChoice>> {
    let simple = |kind| Ok(Some(ToolChoice { kind, name: None, disable_parallel_tool_use: false }));
    if raw.get().starts_with('"') {
        return match json::string_at(raw, field)?.as_str() {
            "auto" => simple("auto"),
            "none" => simple("none"),
            "required" => simple("any"),
            other => Err(TranslateError::invalid(
                field,
                format!("unknown value `{other}` (auto, none, required or a function)"),
            )),
        };
    }
    let o = json::obj_at(raw, field.to_owned())?;
    match o.required_str("type")?.as_str() {
        "function" => {
            let f = o
                .obj("function")?
                .ok_or_else(|| TranslateError::invalid(o.field("function"), "is required"))?;
            Ok(Some(ToolChoice {
                kind: "tool",
                name: Some(f.required_str("name")?),
                disable_parallel_tool_use: false,
            }))
        }
        other => {
            ctx.unsupported(o.field("type"), &format!("tool choice `{other}` is not supported"))?;
            Ok(None)
        }
    }
}
