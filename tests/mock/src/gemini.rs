//! Google's Gemini API (`POST …/models/{model}:{method}`), told apart by
//! its path: `generateContent`, `streamGenerateContent` (SSE, as with
//! `alt=sse`; each event a whole response with the new text, the last
//! with `finishReason` and the full `usageMetadata`), `countTokens`,
//! `embedContent`, `batchEmbedContents`, and `GET …/models`.
//!
//! A request without a key (`x-goog-api-key` or `key=`) is refused with
//! a 403 in Google's error shape, as Google does. Usage: `promptTokenCount`
//! is Σ (words + 3) over the contents (system instruction words added),
//! `candidatesTokenCount` the reply's pieces (1 for a function call), and
//! `thoughtsTokenCount` is always 2 (a thinking model's).

use hyper::http::request::Parts;
use hyper::StatusCode;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::common::{ApiError, Ctx, Output, CREATED};
use crate::text::{embedding, piece_count, pieces, words, Sse};

const THOUGHTS: u64 = 2;

/// The method a Gemini path names (`models/{model}:{method}`), and the model.
pub fn method(path: &str) -> Option<(&str, &str)> {
    let (_, last) = path.rsplit_once("/models/")?;
    let (model, method) = last.split_once(':')?;
    Some((model, method))
}

/// Whether the path is Gemini's (for the error shape).
pub fn is_gemini(path: &str) -> bool {
    method(path).is_some() || path.ends_with("/v1beta/models")
}

/// Refuses a Gemini request that carries no key.
pub fn refuse(parts: &Parts) -> Option<Output> {
    if !is_gemini(parts.uri.path()) {
        return None;
    }
    let in_query =
        parts.uri.query().unwrap_or_default().split('&').any(|kv| kv.starts_with("key="));
    if parts.headers.contains_key("x-goog-api-key") || in_query {
        return None;
    }
    Some(error(&ApiError::new(
        StatusCode::FORBIDDEN,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    )))
}

/// Google's error shape.
pub fn error_body(err: &ApiError) -> Vec<u8> {
    let status = match err.status.as_u16() {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };
    serde_json::to_vec(
        &json!({"error": {"code": err.status.as_u16(), "message": err.message, "status": status}}),
    )
    .unwrap_or_default()
}

pub fn error(err: &ApiError) -> Output {
    Output::json(err.status, error_body(err))
}

#[derive(Deserialize)]
struct GenerateRequest {
    contents: Vec<GContent>,
    #[serde(default, rename = "systemInstruction")]
    system: Option<GContent>,
    /// Must be an array when present; otherwise unused.
    #[serde(default, rename = "tools")]
    _tools: Option<Vec<Value>>,
}

#[derive(Deserialize)]
struct GContent {
    #[serde(default)]
    role: Option<String>,
    parts: Vec<Value>,
}

impl GContent {
    fn text(&self) -> String {
        self.parts.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect()
    }
}

/// Dispatches a Gemini path.
pub fn route(post: bool, path: &str, ctx: &Ctx) -> Option<Result<Output, ApiError>> {
    if !post {
        return path.ends_with("/v1beta/models").then(|| Ok(models()));
    }
    let (model, method) = method(path)?;
    Some(match method {
        "generateContent" => generate(ctx, model, false),
        "streamGenerateContent" => generate(ctx, model, true),
        "countTokens" => count_tokens(ctx),
        "embedContent" => embed(ctx),
        "batchEmbedContents" => batch_embed(ctx),
        other => {
            Err(ApiError::new(StatusCode::NOT_FOUND, format!("mock: no Gemini method {other:?}")))
        }
    })
}

fn prompt_tokens(req: &GenerateRequest) -> u64 {
    req.contents.iter().map(|c| words(&c.text()) + 3).sum::<u64>()
        + req.system.as_ref().map_or(0, |s| words(&s.text()))
}

fn generate(ctx: &Ctx, model: &str, stream: bool) -> Result<Output, ApiError> {
    let req: GenerateRequest = ctx.parse()?;
    if req.contents.is_empty() {
        return Err(ApiError::bad_request(
            "* GenerateContentRequest.contents: contents is not specified",
        ));
    }
    let prompt = prompt_tokens(&req);
    let last_user = req.contents.iter().rev().find(|c| c.role.as_deref() != Some("model"));
    let reply = match ctx.reply {
        Some(r) => r.to_owned(),
        None => format!("mock: {}", last_user.map(GContent::text).unwrap_or_default()),
    };
    let call = ctx.tool_call.map(|tc| {
        let args = serde_json::from_str::<Value>(&tc.arguments).unwrap_or_else(|_| json!({}));
        json!({"functionCall": {"name": tc.name, "args": args}})
    });
    let candidates = if call.is_some() { 1 } else { piece_count(&reply) };
    let usage = |done: bool| {
        if done {
            json!({"promptTokenCount": prompt, "candidatesTokenCount": candidates,
                   "thoughtsTokenCount": THOUGHTS, "totalTokenCount": prompt + candidates + THOUGHTS})
        } else {
            json!({"promptTokenCount": prompt, "totalTokenCount": prompt})
        }
    };
    let response_id = format!("mock-resp-{}", ctx.seq);
    let answer = |parts: Value, finish: bool, done: bool| {
        let mut cand = json!({"content": {"role": "model", "parts": parts}, "index": 0});
        if finish {
            if let Some(o) = cand.as_object_mut() {
                o.insert("finishReason".into(), "STOP".into());
            }
        }
        json!({"candidates": [cand], "usageMetadata": usage(done), "modelVersion": model,
               "responseId": response_id, "createTime": CREATED})
    };
    if !stream {
        let parts = match &call {
            Some(c) => json!([c]),
            None => json!([{ "text": reply }]),
        };
        return Ok(Output::json(StatusCode::OK, serde_json::to_vec(&answer(parts, true, true))?));
    }
    let mut sse = Sse::with_capacity(512 + reply.len() * 8, 8);
    match &call {
        Some(c) => sse.data(&answer(json!([c]), true, true))?,
        None => {
            let all: Vec<&str> = pieces(&reply).collect();
            let n = all.len();
            for (i, p) in all.into_iter().enumerate() {
                let last = i + 1 == n;
                sse.data(&answer(json!([{ "text": p }]), last, last))?;
            }
            if n == 0 {
                sse.data(&answer(json!([{ "text": "" }]), true, true))?;
            }
        }
    }
    Ok(Output::Sse(sse.finish()))
}

fn count_tokens(ctx: &Ctx) -> Result<Output, ApiError> {
    #[derive(Deserialize)]
    struct Req {
        #[serde(default)]
        contents: Vec<GContent>,
        #[serde(default, rename = "generateContentRequest")]
        generate: Option<GenerateRequest>,
    }
    let req: Req = ctx.parse()?;
    let total = match &req.generate {
        Some(g) => prompt_tokens(g),
        None => req.contents.iter().map(|c| words(&c.text()) + 3).sum(),
    };
    Ok(Output::json(StatusCode::OK, serde_json::to_vec(&json!({"totalTokens": total}))?))
}

#[derive(Deserialize)]
struct EmbedRequest {
    content: GContent,
}

fn embed(ctx: &Ctx) -> Result<Output, ApiError> {
    let req: EmbedRequest = ctx.parse()?;
    let body = json!({"embedding": {"values": embedding(&req.content.text())}});
    Ok(Output::json(StatusCode::OK, serde_json::to_vec(&body)?))
}

fn batch_embed(ctx: &Ctx) -> Result<Output, ApiError> {
    #[derive(Deserialize)]
    struct Req {
        requests: Vec<EmbedRequest>,
    }
    let req: Req = ctx.parse()?;
    let all: Vec<Value> =
        req.requests.iter().map(|r| json!({"values": embedding(&r.content.text())})).collect();
    Ok(Output::json(StatusCode::OK, serde_json::to_vec(&json!({ "embeddings": all }))?))
}

fn models() -> Output {
    let m = |name: &str, methods: &[&str]| json!({"name": format!("models/{name}"), "displayName": name, "supportedGenerationMethods": methods});
    let body = json!({"models": [
        m("gemini-2.5-flash", &["generateContent", "countTokens"]),
        m("text-embedding-004", &["embedContent"]),
    ]});
    Output::json(StatusCode::OK, serde_json::to_vec(&body).unwrap_or_default())
}
