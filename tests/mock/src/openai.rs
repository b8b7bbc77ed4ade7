//! OpenAI-compatible endpoints: chat completions, legacy completions,
//! embeddings and the model list.

use std::borrow::Cow;

use base64::Engine as _;
use hyper::StatusCode;
use serde::{Deserialize, Serialize};

use crate::common::{prompt_tokens, AnyArray, ApiError, Content, Ctx, Output, CREATED};
use crate::dialect::Dialect;
use crate::text::{embedding, piece_count, pieces, split_even, words, Sse};

pub const TOOL_CALL_ID: &str = "call_mock_1";

// ---------------------------------------------------------------- requests

#[derive(Deserialize)]
struct ChatRequest<'a> {
    /// Required, except where the path names the model (Azure).
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    messages: Vec<ChatMessage<'a>>,
    #[serde(default)]
    stream: Option<bool>,
    #[serde(default)]
    stream_options: Option<StreamOptions>,
    /// Must be an array when present; otherwise unused.
    #[serde(default, rename = "tools")]
    _tools: Option<AnyArray>,
    #[serde(default)]
    logprobs: Option<bool>,
    #[serde(default)]
    top_logprobs: Option<u32>,
}

#[derive(Deserialize)]
struct ChatMessage<'a> {
    #[serde(borrow)]
    role: Cow<'a, str>,
    /// May be null for assistant messages carrying `tool_calls`.
    #[serde(default)]
    content: Option<Content>,
}

#[derive(Deserialize, Default)]
struct StreamOptions {
    #[serde(default)]
    include_usage: Option<bool>,
}

impl StreamOptions {
    fn include_usage(opts: Option<StreamOptions>) -> bool {
        opts.and_then(|o| o.include_usage).unwrap_or(false)
    }
}

/// `prompt` / `input`: a string or an array of strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum Strings {
    One(String),
    Many(Vec<String>),
}

impl Strings {
    fn as_slice(&self) -> &[String] {
        match self {
            Strings::One(s) => std::slice::from_ref(s),
            Strings::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
struct CompletionRequest<'a> {
    #[serde(borrow)]
    model: Cow<'a, str>,
    #[serde(default)]
    prompt: Option<Strings>,
    #[serde(default)]
    stream: Option<bool>,
    #[serde(default)]
    stream_options: Option<StreamOptions>,
    /// Legacy logprobs: the number of alternatives per token.
    #[serde(default)]
    logprobs: Option<u32>,
}

#[derive(Deserialize)]
struct EmbeddingsRequest<'a> {
    #[serde(borrow)]
    model: Cow<'a, str>,
    input: Strings,
    /// `float` (default) or `base64` (little-endian float32, what the
    /// Node SDK asks for by default).
    #[serde(default)]
    encoding_format: Option<String>,
}

// --------------------------------------------------------------- responses

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
    /// DeepSeek's cache accounting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_cache_hit_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_cache_miss_tokens: Option<u64>,
}

impl Usage {
    pub fn new(prompt_tokens: u64, completion_tokens: u64) -> Usage {
        Usage {
            prompt_tokens,
            completion_tokens,
            total_tokens: prompt_tokens + completion_tokens,
            prompt_cache_hit_tokens: None,
            prompt_cache_miss_tokens: None,
        }
    }

    /// The usage as `dialect` reports it.
    fn of(self, dialect: Dialect) -> Usage {
        if dialect != Dialect::DeepSeek {
            return self;
        }
        let hit = self.prompt_tokens / 2;
        Usage {
            prompt_cache_hit_tokens: Some(hit),
            prompt_cache_miss_tokens: Some(self.prompt_tokens - hit),
            ..self
        }
    }
}

/// Azure's content-filter verdict on the prompt (on answers, and in the
/// first chunk of streams).
fn prompt_filter_results() -> serde_json::Value {
    serde_json::json!([{"prompt_index": 0, "content_filter_results": {
        "hate": {"filtered": false, "severity": "safe"},
        "self_harm": {"filtered": false, "severity": "safe"},
        "sexual": {"filtered": false, "severity": "safe"},
        "violence": {"filtered": false, "severity": "safe"}}}])
}

#[derive(Serialize)]
struct ChatCompletion<'a> {
    id: &'a str,
    object: &'static str,
    created: u64,
    model: &'a str,
    choices: [Choice<'a>; 1],
    usage: Usage,
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt_filter_results: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Choice<'a> {
    index: u32,
    message: Message<'a>,
    finish_reason: &'static str,
    logprobs: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Message<'a> {
    role: &'static str,
    content: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_calls: Option<[ToolCallOut<'a>; 1]>,
}

/// A tool call, complete (`index` absent) or as a stream delta.
#[derive(Serialize)]
struct ToolCallOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'static str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    function: FunctionOut<'a>,
}

#[derive(Serialize)]
struct FunctionOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    arguments: &'a str,
}

#[derive(Serialize)]
struct Chunk<'a, C: Serialize> {
    id: &'a str,
    object: &'static str,
    created: u64,
    model: &'a str,
    choices: &'a [C],
    /// Absent unless `include_usage`; then null on every chunk but the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    usage: Option<Option<Usage>>,
    /// Groq's usage, on the last chunk.
    #[serde(skip_serializing_if = "Option::is_none")]
    x_groq: Option<XGroq<'a>>,
}

#[derive(Serialize)]
struct XGroq<'a> {
    id: &'a str,
    usage: Usage,
}

#[derive(Serialize)]
struct ChunkChoice<'a> {
    index: u32,
    delta: Delta<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logprobs: Option<serde_json::Value>,
    finish_reason: Option<&'static str>,
}

#[derive(Serialize, Default)]
struct Delta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    /// `Some(None)` serialises as `"content": null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_calls: Option<[ToolCallOut<'a>; 1]>,
}

#[derive(Serialize)]
struct TextChoice<'a> {
    text: &'a str,
    index: u32,
    logprobs: Option<serde_json::Value>,
    finish_reason: Option<&'static str>,
}

/// Chat logprobs of some pieces: `{"content":[{token, logprob, bytes,
/// top_logprobs}], "refusal": null}` (deterministic values).
fn chat_logprobs<'a>(pieces: impl Iterator<Item = &'a str>, top: u32) -> serde_json::Value {
    let content: Vec<serde_json::Value> = pieces
        .map(|p| {
            let alts: Vec<serde_json::Value> = (0..top)
                .map(|k| serde_json::json!({"token": p, "logprob": -0.01 - f64::from(k), "bytes": p.as_bytes()}))
                .collect();
            serde_json::json!({"token": p, "logprob": -0.01, "bytes": p.as_bytes(), "top_logprobs": alts})
        })
        .collect();
    serde_json::json!({"content": content, "refusal": null})
}

/// Legacy completions logprobs: `{tokens, token_logprobs, top_logprobs,
/// text_offset}`, offsets counted from `start`.
fn text_logprobs<'a>(pieces: impl Iterator<Item = &'a str>, start: usize) -> serde_json::Value {
    let (mut tokens, mut lps, mut tops, mut offsets) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut at = start;
    for p in pieces {
        tokens.push(p);
        lps.push(-0.01);
        tops.push(serde_json::json!({ p: -0.01 }));
        offsets.push(at);
        at += p.len();
    }
    serde_json::json!({"tokens": tokens, "token_logprobs": lps, "top_logprobs": tops, "text_offset": offsets})
}

// ---------------------------------------------------------------- handlers

/// `POST …/chat/completions`
pub fn chat(ctx: &Ctx) -> Result<Output, ApiError> {
    let req: ChatRequest = ctx.parse()?;
    let prompt = prompt_tokens(req.messages.iter().map(|m| m.content.as_ref()));
    let last_user =
        req.messages.iter().rev().find(|m| m.role == "user").and_then(|m| m.content.as_ref());
    let id = format!("chatcmpl-mock-{}", ctx.seq);
    let model: &str = match (ctx.path_model, req.model.as_deref()) {
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => return Err(ApiError::bad_request("you must provide a model parameter")),
    };
    let azure = (ctx.dialect == Dialect::Azure).then(prompt_filter_results);
    let stream = req.stream.unwrap_or(false);
    let include_usage = StreamOptions::include_usage(req.stream_options);
    let with_logprobs = req.logprobs.unwrap_or(false);
    let top = req.top_logprobs.unwrap_or(0).min(20);

    if let Some(tc) = ctx.tool_call {
        let args = split_even(&tc.arguments, 3);
        let usage = Usage::new(prompt, args.len() as u64).of(ctx.dialect);
        if !stream {
            let body = ChatCompletion {
                id: &id,
                object: "chat.completion",
                created: CREATED,
                model,
                choices: [Choice {
                    index: 0,
                    message: Message {
                        role: "assistant",
                        content: None,
                        tool_calls: Some([ToolCallOut {
                            index: None,
                            id: Some(TOOL_CALL_ID),
                            kind: Some("function"),
                            function: FunctionOut {
                                name: Some(&tc.name),
                                arguments: &tc.arguments,
                            },
                        }]),
                    },
                    finish_reason: "tool_calls",
                    logprobs: None,
                }],
                usage,
                prompt_filter_results: azure,
            };
            return Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?));
        }
        let mut w = ChunkWriter::new(&id, model, include_usage, args.len() + 4).dialect(
            ctx.dialect,
            usage,
            azure,
        )?;
        w.delta(
            Delta {
                role: Some("assistant"),
                content: Some(None),
                tool_calls: Some([ToolCallOut {
                    index: Some(0),
                    id: Some(TOOL_CALL_ID),
                    kind: Some("function"),
                    function: FunctionOut { name: Some(&tc.name), arguments: "" },
                }]),
            },
            None,
        )?;
        for a in args {
            w.delta(
                Delta {
                    tool_calls: Some([ToolCallOut {
                        index: Some(0),
                        id: None,
                        kind: None,
                        function: FunctionOut { name: None, arguments: a },
                    }]),
                    ..Delta::default()
                },
                None,
            )?;
        }
        w.delta(Delta::default(), Some("tool_calls"))?;
        return Ok(Output::Sse(w.finish(usage)?));
    }

    let reply = ctx.reply_text(last_user);
    let usage = Usage::new(prompt, piece_count(&reply)).of(ctx.dialect);
    if !stream {
        let body = ChatCompletion {
            id: &id,
            object: "chat.completion",
            created: CREATED,
            model,
            choices: [Choice {
                index: 0,
                message: Message { role: "assistant", content: Some(&reply), tool_calls: None },
                finish_reason: "stop",
                logprobs: with_logprobs.then(|| chat_logprobs(pieces(&reply), top)),
            }],
            usage,
            prompt_filter_results: azure,
        };
        return Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?));
    }
    let n = usage.completion_tokens as usize;
    let mut w =
        ChunkWriter::new(&id, model, include_usage, n + 4).dialect(ctx.dialect, usage, azure)?;
    w.delta(Delta { role: Some("assistant"), content: Some(Some("")), tool_calls: None }, None)?;
    for p in pieces(&reply) {
        let logprobs = with_logprobs.then(|| chat_logprobs(std::iter::once(p), top));
        let delta = Delta { content: Some(Some(p)), ..Delta::default() };
        w.chunk(&[ChunkChoice { index: 0, delta, logprobs, finish_reason: None }], None)?;
    }
    w.delta(Delta::default(), Some("stop"))?;
    Ok(Output::Sse(w.finish(usage)?))
}

/// Writes `chat.completion.chunk` / `text_completion` stream events.
struct ChunkWriter<'a> {
    sse: Sse,
    id: &'a str,
    model: &'a str,
    object: &'static str,
    include_usage: bool,
    dialect: Dialect,
    /// The stream's usage, for dialects that report it on the last chunk.
    usage: Option<Usage>,
}

impl<'a> ChunkWriter<'a> {
    fn new(id: &'a str, model: &'a str, include_usage: bool, events: usize) -> ChunkWriter<'a> {
        ChunkWriter {
            sse: Sse::with_capacity(events.saturating_mul(160 + model.len()), events),
            id,
            model,
            object: "chat.completion.chunk",
            include_usage,
            dialect: Dialect::OpenAi,
            usage: None,
        }
    }

    /// A chat stream as `dialect` writes it: Azure's opens with the prompt
    /// filter's verdict, Groq and Mistral report usage on the last chunk.
    fn dialect(
        mut self,
        dialect: Dialect,
        usage: Usage,
        filter: Option<serde_json::Value>,
    ) -> serde_json::Result<Self> {
        self.dialect = dialect;
        self.usage = Some(usage);
        if let Some(results) = filter {
            self.sse.data(&serde_json::json!({
                "id": "", "object": "", "created": 0, "model": "", "choices": [],
                "prompt_filter_results": results}))?;
        }
        Ok(self)
    }

    fn chunk<C: Serialize>(
        &mut self,
        choices: &[C],
        usage: Option<Usage>,
    ) -> serde_json::Result<()> {
        self.sse.data(&Chunk {
            id: self.id,
            object: self.object,
            created: CREATED,
            model: self.model,
            choices,
            usage: self.include_usage.then_some(usage),
            x_groq: None,
        })
    }

    fn delta(
        &mut self,
        delta: Delta,
        finish_reason: Option<&'static str>,
    ) -> serde_json::Result<()> {
        let choices = [ChunkChoice { index: 0, delta, logprobs: None, finish_reason }];
        let last_usage = self.usage.filter(|_| finish_reason.is_some());
        let (usage, x_groq) = match (self.dialect, last_usage) {
            (Dialect::Mistral, Some(u)) => (Some(Some(u)), None),
            (Dialect::Groq, Some(u)) => {
                (self.include_usage.then_some(None), Some(XGroq { id: "req_mock", usage: u }))
            }
            _ => return self.chunk(&choices, None),
        };
        self.sse.data(&Chunk {
            id: self.id,
            object: self.object,
            created: CREATED,
            model: self.model,
            choices: &choices,
            usage,
            x_groq,
        })
    }

    /// Appends the usage chunk (if requested) and `[DONE]`.
    fn finish(mut self, usage: Usage) -> serde_json::Result<Vec<hyper::body::Bytes>> {
        if self.include_usage {
            self.chunk::<ChunkChoice>(&[], Some(usage))?;
        }
        self.sse.raw_data("[DONE]");
        Ok(self.sse.finish())
    }
}

/// `POST …/completions` (legacy text completions).
pub fn completions(ctx: &Ctx) -> Result<Output, ApiError> {
    let req: CompletionRequest = ctx.parse()?;
    let prompt: String = req.prompt.as_ref().map(|p| p.as_slice().concat()).unwrap_or_default();
    let reply = match ctx.reply {
        Some(r) => r.to_owned(),
        None => format!("mock: {prompt}"),
    };
    let usage = Usage::new(words(&prompt), piece_count(&reply));
    let id = format!("cmpl-mock-{}", ctx.seq);
    let model: &str = &req.model;
    if !req.stream.unwrap_or(false) {
        #[derive(Serialize)]
        struct TextCompletion<'a> {
            id: &'a str,
            object: &'static str,
            created: u64,
            model: &'a str,
            choices: [TextChoice<'a>; 1],
            usage: Usage,
        }
        let body = TextCompletion {
            id: &id,
            object: "text_completion",
            created: CREATED,
            model,
            choices: [TextChoice {
                text: &reply,
                index: 0,
                logprobs: req.logprobs.map(|_| text_logprobs(pieces(&reply), 0)),
                finish_reason: Some("stop"),
            }],
            usage,
        };
        return Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?));
    }
    let include_usage = StreamOptions::include_usage(req.stream_options);
    let mut w = ChunkWriter::new(&id, model, include_usage, usage.completion_tokens as usize + 3);
    w.object = "text_completion";
    let mut at = 0;
    for p in pieces(&reply) {
        let logprobs = req.logprobs.map(|_| text_logprobs(std::iter::once(p), at));
        at += p.len();
        w.chunk(&[TextChoice { text: p, index: 0, logprobs, finish_reason: None }], None)?;
    }
    w.chunk(
        &[TextChoice { text: "", index: 0, logprobs: None, finish_reason: Some("stop") }],
        None,
    )?;
    Ok(Output::Sse(w.finish(usage)?))
}

/// `POST …/embeddings`
pub fn embeddings(ctx: &Ctx) -> Result<Output, ApiError> {
    /// A float array, or its little-endian float32 bytes in base64.
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Vector {
        Floats([f32; 8]),
        Base64(String),
    }
    #[derive(Serialize)]
    struct Embedding {
        object: &'static str,
        index: usize,
        embedding: Vector,
    }
    #[derive(Serialize)]
    struct EmbeddingUsage {
        prompt_tokens: u64,
        total_tokens: u64,
    }
    #[derive(Serialize)]
    struct Embeddings<'a> {
        object: &'static str,
        data: Vec<Embedding>,
        model: &'a str,
        usage: EmbeddingUsage,
    }
    let req: EmbeddingsRequest = ctx.parse()?;
    let base64 = match req.encoding_format.as_deref() {
        None | Some("float") => false,
        Some("base64") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "encoding_format: {other:?} is not one of \"float\", \"base64\""
            )))
        }
    };
    let vector = |s: &str| {
        let v = embedding(s);
        if !base64 {
            return Vector::Floats(v);
        }
        let bytes: Vec<u8> = v.iter().flat_map(|f| f.to_le_bytes()).collect();
        Vector::Base64(base64::engine::general_purpose::STANDARD.encode(bytes))
    };
    let inputs = req.input.as_slice();
    let tokens: u64 = inputs.iter().map(|s| words(s)).sum();
    let body = Embeddings {
        object: "list",
        data: inputs
            .iter()
            .enumerate()
            .map(|(index, s)| Embedding { object: "embedding", index, embedding: vector(s) })
            .collect(),
        model: &req.model,
        usage: EmbeddingUsage { prompt_tokens: tokens, total_tokens: tokens },
    };
    Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?))
}

/// `GET …/models`
pub fn models() -> Output {
    Output::Full {
        status: StatusCode::OK,
        content_type: "application/json",
        body: hyper::body::Bytes::from_static(
            br#"{"object":"list","data":[{"id":"mock-model","object":"model","owned_by":"mock"}]}"#,
        ),
    }
}

/// OpenAI error body: `{"error":{"message","type","param","code"}}`.
pub fn error_body(err: &ApiError) -> Vec<u8> {
    let (kind, code) = match err.status.as_u16() {
        401 => ("invalid_request_error", Some("invalid_api_key")),
        403 => ("permission_error", None),
        404 => ("invalid_request_error", Some("not_found")),
        413 => ("invalid_request_error", Some("request_too_large")),
        429 => ("rate_limit_error", Some("rate_limit_exceeded")),
        500..=599 => ("server_error", None),
        _ => ("invalid_request_error", None),
    };
    #[derive(Serialize)]
    struct Inner<'a> {
        message: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
        param: (),
        code: Option<&'static str>,
    }
    #[derive(Serialize)]
    struct Outer<'a> {
        error: Inner<'a>,
    }
    serde_json::to_vec(&Outer { error: Inner { message: &err.message, kind, param: (), code } })
        .unwrap_or_default()
}
