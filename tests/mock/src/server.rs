//! Accept loop, per-request pipeline (record → faults → route) and the
//! conversion of handler output into HTTP responses.

use std::borrow::Cow;
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{
    HeaderValue, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HOST, RETRY_AFTER,
};
use hyper::http::request::Parts;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use serde::Deserialize;
use tokio::net::TcpListener;

use crate::body::MockBody;
use crate::common::{ApiError, Ctx, Flavor, Output};
use crate::dialect::Dialect;
use crate::faults::{Faults, Script};
use crate::record::Recorder;
use crate::{anthropic, control, openai, responses};

/// Largest accepted request body.
pub const MAX_BODY: usize = 64 << 20;

/// Shared state.
pub struct App {
    pub records: Recorder,
    pub script: Script,
}

/// Serves `listener` until `shutdown` completes.
pub async fn serve(listener: TcpListener, app: Arc<App>, shutdown: impl Future<Output = ()>) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    // No header-read timeout: hyper would also apply it to idle keep-alive
    // connections and close them under a pooling client (Envoy) after 30 s,
    // racing with reuse. Clients on loopback decide when to hang up.
    builder.http1().timer(TokioTimer::new()).keep_alive(true).header_read_timeout(None);
    builder.http2().timer(TokioTimer::new());
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            res = listener.accept() => match res {
                Ok((stream, _peer)) => {
                    // Small SSE events must leave at once, not wait for Nagle.
                    let _ = stream.set_nodelay(true);
                    let app = app.clone();
                    let builder = builder.clone();
                    tokio::spawn(async move {
                        let svc = service_fn(move |req| {
                            let app = app.clone();
                            async move { Ok::<_, Infallible>(handle(&app, req).await) }
                        });
                        // Errors here are client disconnects and deliberate
                        // aborts (break-after); nothing to do about them.
                        let _ = builder.serve_connection(TokioIo::new(stream), svc).await;
                    });
                }
                Err(e) => {
                    // E.g. out of file descriptors: back off instead of spinning.
                    eprintln!("aigw-mock: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
}

fn is_control(path: &str) -> bool {
    path == "/__mock" || path.starts_with("/__mock/")
}

/// Host header, or the URI authority (HTTP/2 `:authority`).
pub fn host_of(parts: &Parts) -> Option<Cow<'_, str>> {
    match parts.headers.get(HOST) {
        Some(h) => Some(String::from_utf8_lossy(h.as_bytes())),
        None => parts.uri.authority().map(|a| Cow::Borrowed(a.as_str())),
    }
}

/// Reads the whole request body (at most [`MAX_BODY`] bytes).
pub async fn read_body(body: Incoming) -> Result<Bytes, ApiError> {
    match Limited::new(body, MAX_BODY).collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("mock: request body larger than {MAX_BODY} bytes"),
        )),
        Err(e) => Err(ApiError::bad_request(format!("mock: failed to read request body: {e}"))),
    }
}

/// The `model` field of a JSON body, for scripted rules that match on it.
fn peek_model(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Peek<'a> {
        #[serde(borrow, default)]
        model: Option<Cow<'a, str>>,
    }
    serde_json::from_slice::<Peek>(body).ok()?.model.map(Cow::into_owned)
}

async fn handle(app: &App, req: Request<Incoming>) -> Response<MockBody> {
    let (parts, body) = req.into_parts();
    if is_control(parts.uri.path()) {
        return control::handle(app, parts, body).await;
    }
    let path = parts.uri.path();
    let flavor = Flavor::for_path(path);
    let body = match read_body(body).await {
        Ok(b) => b,
        Err(e) => {
            let seq = app.records.record(&parts, b"");
            return respond(flavor.error(&e), &Faults::default(), Some(seq));
        }
    };
    // Recorded before any fault or delay takes effect.
    let seq = app.records.record(&parts, &body);
    let faults = match Faults::from_headers(&parts.headers) {
        Ok(f) => f,
        Err(msg) => {
            return respond(
                flavor.error(&ApiError::bad_request(msg)),
                &Faults::default(),
                Some(seq),
            )
        }
    };
    let host = host_of(&parts);
    let faults = match app.script.take(path, host.as_deref(), || peek_model(&body)) {
        Some(rule) => faults.or(rule),
        None => faults,
    };
    if let Some(ms) = faults.delay_ms.filter(|&ms| ms > 0) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    // What the provider refuses on sight comes before injected faults.
    let dialect = Dialect::for_host(host.as_deref());
    let refusal = dialect.refuse(&parts, &body).or_else(|| crate::gemini::refuse(&parts));
    let out = match (refusal, faults.status, faults.raw.clone()) {
        (Some(refusal), _, _) => refusal,
        (None, Some(s), _) if s != 200 => {
            let status = StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            flavor.error(&ApiError::new(status, format!("mock: injected status {s}")))
        }
        (None, _, Some(raw)) => Output::Raw(raw),
        _ => {
            let ctx = Ctx {
                seq,
                body: &body,
                reply: faults.reply.as_deref(),
                tool_call: faults.tool_call.as_ref(),
                dialect,
                path_model: dialect.path_model(path),
            };
            route(&parts.method, path, &ctx).unwrap_or_else(|e| flavor.error(&e))
        }
    };
    let mut resp = respond(out, &faults, Some(seq));
    if flavor == Flavor::Bedrock && !resp.status().is_success() {
        let t = crate::bedrock::error_type(resp.status());
        resp.headers_mut().insert("x-amzn-errortype", HeaderValue::from_static(t));
    }
    resp
}

fn route(method: &Method, path: &str, ctx: &Ctx) -> Result<Output, ApiError> {
    let post = method == Method::POST;
    if let (Some(stream), true) = (crate::bedrock::operation(path), post) {
        return crate::bedrock::converse(ctx, stream);
    }
    if let Some(out) = crate::gemini::route(post, path, ctx) {
        return out;
    }
    if path.ends_with("/chat/completions") {
        if post {
            return openai::chat(ctx);
        }
    } else if path.ends_with("/completions") {
        if post {
            return openai::completions(ctx);
        }
    } else if path.ends_with("/messages") {
        if post {
            return anthropic::messages(ctx);
        }
    } else if path.ends_with("/messages/count_tokens") {
        if post {
            return responses::count_tokens(ctx);
        }
    } else if path.ends_with("/responses") {
        if post {
            return responses::responses(ctx);
        }
    } else if path.ends_with("/embeddings") {
        if post {
            return openai::embeddings(ctx);
        }
    } else if path.ends_with("/mcp") {
        if post {
            return crate::mcp::jsonrpc(ctx);
        }
    } else if path.ends_with("/models") && method == Method::GET {
        return Ok(openai::models());
    }
    Err(ApiError::new(StatusCode::NOT_FOUND, format!("mock: no route for {method} {path}")))
}

/// Builds the response, applying `Retry-After`, chunk delay and
/// break-after from `faults`.
pub fn respond(out: Output, faults: &Faults, seq: Option<u64>) -> Response<MockBody> {
    let mut resp = match out {
        Output::Full { status, content_type, body } => {
            let len = body.len();
            let no_body = status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED;
            let mut resp = Response::new(if no_body {
                MockBody::empty()
            } else if faults.break_after.is_some() {
                MockBody::truncated(body)
            } else {
                MockBody::full(body)
            });
            *resp.status_mut() = status;
            if !no_body {
                let h = resp.headers_mut();
                h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                if faults.break_after.is_some() {
                    h.insert(CONTENT_LENGTH, HeaderValue::from(len));
                }
            }
            resp
        }
        Output::Raw(raw) => {
            let sse =
                raw.content_type.as_deref().is_some_and(|c| c.starts_with("text/event-stream"));
            let body = Bytes::from(raw.body.into_bytes());
            let mut resp = Response::new(if sse {
                // One event (through its blank line) per write.
                let mut frames = Vec::new();
                let mut start = 0;
                while let Some(end) =
                    body.get(start..).and_then(|b| b.windows(2).position(|w| w == b"\n\n"))
                {
                    frames.push(body.slice(start..start + end + 2));
                    start += end + 2;
                }
                if start < body.len() {
                    frames.push(body.slice(start..));
                }
                MockBody::frames(frames, faults.chunk_delay_ms.map(Duration::from_millis), false)
            } else {
                MockBody::full(body)
            });
            let h = resp.headers_mut();
            for (name, value) in
                [(CONTENT_TYPE, &raw.content_type), (CONTENT_ENCODING, &raw.content_encoding)]
            {
                if let Some(v) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                    h.insert(name, v);
                }
            }
            resp
        }
        Output::Frames { content_type, mut frames } => {
            let broken = match faults.break_after {
                Some(n) => {
                    frames.truncate(usize::try_from(n).unwrap_or(usize::MAX));
                    true
                }
                None => false,
            };
            let delay = faults.chunk_delay_ms.map(Duration::from_millis);
            let mut resp = Response::new(MockBody::frames(frames, delay, broken));
            resp.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
            resp
        }
        Output::Sse(mut events) => {
            let broken = match faults.break_after {
                Some(n) => {
                    events.truncate(usize::try_from(n).unwrap_or(usize::MAX));
                    true
                }
                None => false,
            };
            let delay = faults.chunk_delay_ms.map(Duration::from_millis);
            let mut resp = Response::new(MockBody::frames(events, delay, broken));
            let h = resp.headers_mut();
            h.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
            h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            resp
        }
    };
    let h = resp.headers_mut();
    if let Some(ra) = &faults.retry_after {
        h.insert(RETRY_AFTER, ra.clone());
    }
    if let Some(seq) = seq {
        h.insert("x-mock-seq", HeaderValue::from(seq));
    }
    resp
}
