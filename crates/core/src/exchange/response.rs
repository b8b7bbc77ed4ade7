//! The answer: the gateway's own replies, the provider's response headers
//! and its body, cut into named steps.

use std::borrow::Cow;

use super::{Exchange, Flow, Name, Op, Stage, Step};
use crate::errors::GatewayError;
use crate::formats::Format;
use crate::headers::{Dialect, Headers};
use crate::request_body;
use crate::services::Services;
use crate::sse::SseParser;
use crate::usage::{self, EventUsage, StreamUsage};
use crate::wire::{self, Answer, StreamTranslator};

/// Bound on the bytes held for one incomplete SSE event.
pub(super) const MAX_SSE_EVENT: usize = 1024 * 1024;

/// Bound on the copy of a JSON response kept to read its usage.
pub(super) const MAX_USAGE_COPY: usize = 4 * 1024 * 1024;

/// Who asked for usage on a chat stream: whether its usage chunk reaches
/// the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UsageChunk {
    Nobody,
    /// The client (`stream_options.include_usage`): the chunk is theirs.
    Client,
    /// Only the gateway, for the log and the limits: read, then dropped.
    Gateway,
}

/// How far the answer to the client has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Delivery {
    /// Not yet, or the provider's answer is on its way.
    Pending,
    /// The provider's answer went out to its end.
    Ended,
    /// The gateway answered itself; `stream`: an event stream (a cached or
    /// fallback stream), sent chunked like a provider's, not with a length.
    Local { stream: bool },
}

/// What reading a chunk made of it.
enum Read {
    /// Held until the answer is whole (or never shown: a retried attempt).
    Hold,
    /// It goes on as it came.
    Same,
    /// It goes on as this.
    Changed(Vec<u8>),
}

pub(super) enum ResponseBody {
    /// Not inspected (error status, encoded or unknown content).
    Pass,
    /// A JSON body: a bounded copy is kept to read usage at the end.
    Json(Vec<u8>),
    /// An event stream, parsed event by event; `rewrite` when events are
    /// dropped (the usage chunk the gateway asked for on the client's behalf).
    Sse { parser: SseParser, usage: StreamUsage, rewrite: bool },
    /// AWS's binary event stream (Bedrock's ConverseStream), decoded to
    /// read usage; it goes on as it came.
    EventStream { decoder: crate::eventstream::Decoder, usage: StreamUsage },
    /// A JSON answer in another format than the client's: held whole, then
    /// translated.
    TranslateJson { upstream: Format, status: u16 },
    /// An event stream in another format, translated event by event.
    TranslateSse(Box<StreamTranslator>),
    /// An answer the client never sees (a failed attempt that is retried).
    Swallow,
    /// An answer whose usage was given up (too large to keep, or over the
    /// memory budget): it goes on as it comes, and limits settle on the
    /// estimate (`attempt_charges`).
    Dropped(Dropped),
}

/// What an answer whose usage was given up was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dropped {
    /// JSON or AWS's event stream: its bytes count as delivered.
    Body,
    /// An event stream, whose delivery was counted by its events until
    /// then; `rewrite`: it was rewritten, so it goes on as a copy (as
    /// after an event too large to hold).
    Sse { rewrite: bool },
}

pub(super) fn starts_with_ignore_case(v: &[u8], prefix: &[u8]) -> bool {
    v.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

impl Exchange {
    /// Gateway headers for the answer (`x-aigw-<name>`, and the `cf-aig-`
    /// alias when the client spoke that dialect).
    pub(super) fn gateway_response_headers(
        &self,
        name: &'static str,
        value: &str,
    ) -> Vec<(Name, String)> {
        let mut out = vec![(Cow::Owned(format!("x-aigw-{name}")), value.to_string())];
        if self.dialect == Dialect::Cloudflare {
            out.push((Cow::Owned(format!("cf-aig-{name}")), value.to_string()));
        }
        out
    }

    pub(super) fn reply(&mut self, e: GatewayError) -> Step {
        self.reply_with(e, Vec::new())
    }

    pub(super) fn reply_with(&mut self, e: GatewayError, extra: Vec<(Name, String)>) -> Step {
        self.stage = Stage::Replied;
        self.facts.status = Some(e.status());
        self.facts.error_code = Some(e.code.as_str());
        let mut headers = vec![(Cow::Borrowed("content-type"), "application/json".into())];
        if let Some((k, v)) = e.format_headers(self.client_format) {
            headers.push((Cow::Borrowed(k), v.into()));
        }
        headers.extend(extra);
        let body = e.body(self.client_format);
        self.facts.response_bytes = body.len() as u64;
        Step::pause(vec![self.local_reply(e.status(), headers, body)])
    }

    /// The gateway answers by itself (the one place that builds it).
    pub(super) fn local_reply(
        &mut self,
        status: u16,
        mut headers: Vec<(Name, String)>,
        body: Vec<u8>,
    ) -> Op {
        // Answered: nothing of the request body is needed any more.
        self.pending_body = None;
        if let Some(r) = self.resilience.as_mut() {
            r.drop_body();
        }
        self.mem_settle_request();
        let stream =
            headers.iter().any(|(k, v)| k == "content-type" && v.starts_with("text/event-stream"));
        self.delivery = Delivery::Local { stream };
        headers.extend(self.request_id_headers());
        self.log_answer(&body);
        Op::SendLocal { status, headers, body }
    }

    /// The id of the request's log record (the gateway's request id) for
    /// the client: `x-aigw-log-id`, with Cloudflare's `cf-aig-log-id` when
    /// the client spoke `cf-aig-`. None when the client opted out of the
    /// record: there is nothing to look up. One header, not also a request
    /// id of the same value: each costs a host call on every answer.
    pub(super) fn request_id_headers(&self) -> Vec<(Name, String)> {
        if matches!(self.recording, super::log::Recording::OptedOut) {
            return Vec::new();
        }
        let id = &self.facts.request_id;
        let mut out = vec![(Cow::Borrowed("x-aigw-log-id"), id.clone())];
        if self.dialect == Dialect::Cloudflare {
            out.push((Cow::Borrowed("cf-aig-log-id"), id.clone()));
        }
        out
    }

    pub fn on_response_headers(&mut self, h: &Headers, svc: &mut dyn Services) -> Step {
        if self.stage == Stage::Replied {
            return Step::cont(Vec::new());
        }
        if self.mcp.is_some() {
            return self.mcp_on_response_headers(h, svc);
        }
        let status = h.get_str(":status").and_then(|s| s.parse::<u16>().ok());
        if let Some(outcome) = self.fallback_on_response_headers(status, h, svc) {
            return self.enter(outcome);
        }
        self.stage = Stage::Responding;
        self.facts.status = status;
        self.facts.response_headers_ns = Some(svc.now_ns());
        let mut ops: Vec<Op> = self
            .request_id_headers()
            .into_iter()
            .map(|(k, v)| Op::SetResponseHeader(k, v.into_bytes()))
            .collect();
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        let encoded = h
            .get("content-encoding")
            .is_some_and(|e| !e.trim_ascii().eq_ignore_ascii_case(b"identity"));
        let ct = h.get("content-type").unwrap_or_default();
        let sse = starts_with_ignore_case(ct, b"text/event-stream");
        if self.unheld && sse {
            // The body that would have said so was not read.
            self.facts.stream = true;
        }
        // Bedrock's ConverseStream: binary frames, a stream all the same.
        let frames = !sse && starts_with_ignore_case(ct, crate::eventstream::CONTENT_TYPE);
        let upstream = self.provider().map(|p| p.kind.format());
        let translating = match (self.client_wire, upstream) {
            (Some(c), Some(u)) if self.compat.is_some() && c != u => Some(u),
            _ => None,
        };
        let format = upstream.unwrap_or(self.client_format);
        self.response = if let Some(up) = translating {
            // The body changes: its length is no longer known.
            ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
            if ok && (sse || frames) && !encoded {
                if frames {
                    ops.push(Op::SetResponseHeader(
                        Cow::Borrowed("content-type"),
                        b"text/event-stream".to_vec(),
                    ));
                }
                ResponseBody::TranslateSse(Box::new(StreamTranslator::new(&self.answer(svc), up)))
            } else {
                if !sse && !ok {
                    ops.push(Op::SetResponseHeader(
                        Cow::Borrowed("content-type"),
                        b"application/json".to_vec(),
                    ));
                }
                ResponseBody::TranslateJson { upstream: up, status: status.unwrap_or(502) }
            }
        } else if !ok || encoded || self.provider.is_none() {
            ResponseBody::Pass
        } else if sse {
            let rewrite = self.usage_chunk == UsageChunk::Gateway;
            if rewrite {
                ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
            }
            ResponseBody::Sse {
                parser: SseParser::new(MAX_SSE_EVENT),
                usage: StreamUsage::new(format.usage_reader()),
                rewrite,
            }
        } else if frames {
            ResponseBody::EventStream {
                decoder: crate::eventstream::Decoder::new(MAX_SSE_EVENT),
                usage: StreamUsage::new(format.usage_reader()),
            }
        } else if request_body::is_json_content_type(ct) {
            ResponseBody::Json(Vec::new())
        } else {
            ResponseBody::Pass
        };
        let storable = ok && !encoded && !matches!(self.response, ResponseBody::Pass);
        let sse = sse || frames;
        self.cache_on_response_headers(storable, sse, ct, svc, &mut ops);
        self.fallback_served_headers(&mut ops);
        self.rules_response_headers(&mut ops);
        self.limits_response_ops(&mut ops);
        let unreadable = if encoded {
            Some("it is content-encoded")
        } else if matches!(self.response, ResponseBody::Pass) {
            Some("its content type is neither JSON nor an event stream")
        } else {
            None
        };
        if self.dlp_on_response_headers(ok, unreadable, sse, &mut ops) {
            // Held (headers too) until the whole answer has been scanned.
            if self.flag_missing() {
                return self.missing_flag(svc);
            }
            ops.extend(self.watch_response(svc));
            return Step::pause(ops);
        }
        Step::cont(ops)
    }

    /// How the client wants its answer (for translations).
    pub(super) fn answer(&self, svc: &dyn Services) -> Answer {
        Answer {
            client: self.client_wire.unwrap_or(Format::OpenAi),
            stream: self.facts.stream,
            include_usage: self.usage_chunk == UsageChunk::Client,
            model: self
                .facts
                .requested_model
                .clone()
                .or_else(|| self.facts.model.clone())
                .unwrap_or_default(),
            created: svc.now_ms() / 1000,
        }
    }

    /// One chunk of the response body as it passes (or, for answers that are
    /// translated or scanned whole, the whole body once it is there). The
    /// steps, in order: account what was delivered, read it (usage;
    /// translation; the stream's own rewrite), scan it, capture it for the
    /// cache.
    pub fn on_response_body(
        &mut self,
        chunk: &[u8],
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Step {
        self.response_body_arrived();
        if self.stage == Stage::Replied {
            return Step::cont(Vec::new());
        }
        if self.mcp.is_some() {
            return self.mcp_on_response_body(chunk, end_of_stream, svc);
        }
        if self.dlp_holds_response() && !end_of_stream {
            // Envoy buffers it; at the end the callback gets it whole.
            return Step::pause(Vec::new());
        }
        self.account_delivered(chunk);
        let out = match self.read_body(chunk, end_of_stream, svc) {
            Read::Hold => return Step::pause(Vec::new()),
            Read::Same => None,
            Read::Changed(out) => Some(out),
        };
        let mut ops = Vec::new();
        let out = self.scan_body(chunk, out, end_of_stream, svc, &mut ops);
        self.log_answer(out.as_deref().unwrap_or(chunk));
        let sent = out.as_ref().map_or(chunk.len(), Vec::len);
        self.facts.response_bytes += sent as u64;
        let store = self.capture_body(out.as_deref().unwrap_or(chunk), end_of_stream, svc);
        if let Some(out) = out {
            ops.push(Op::SetResponseBody(out));
        }
        ops.extend(store);
        if end_of_stream {
            self.response_ended();
        }
        Step::cont(ops)
    }

    /// Limits: what a 2xx answer delivered (event streams count their
    /// events as they are read).
    fn account_delivered(&mut self, chunk: &[u8]) {
        if !matches!(
            self.response,
            ResponseBody::Sse { .. }
                | ResponseBody::Swallow
                | ResponseBody::Dropped(Dropped::Sse { .. })
        ) && self.facts.status.is_some_and(|s| (200..300).contains(&s))
        {
            self.limits_delivered(None, chunk.len());
        }
    }

    /// Reads the chunk as the answer's kind wants: usage, translation to
    /// the client's format, the stream's rewrite.
    fn read_body(&mut self, chunk: &[u8], end_of_stream: bool, svc: &mut dyn Services) -> Read {
        let mut body = std::mem::replace(&mut self.response, ResponseBody::Pass);
        let read = match &mut body {
            ResponseBody::Swallow => Read::Hold,
            ResponseBody::Pass => Read::Same,
            // Held (Envoy buffers it) until it is whole.
            ResponseBody::TranslateJson { .. } if !end_of_stream => Read::Hold,
            ResponseBody::TranslateJson { upstream, status } => {
                Read::Changed(self.translate_json(*upstream, *status, chunk, svc))
            }
            ResponseBody::TranslateSse(t) => {
                let mut out = t.feed(chunk);
                if end_of_stream {
                    out.extend(t.finish());
                }
                self.facts.usage.merge(t.usage());
                Read::Changed(out)
            }
            ResponseBody::Json(copy) => {
                if !self.read_json_usage(copy, chunk, end_of_stream) {
                    body = ResponseBody::Dropped(Dropped::Body);
                }
                Read::Same
            }
            ResponseBody::Sse { parser, usage, rewrite } => {
                let rewrite = *rewrite;
                let (read, dropped) = self.read_sse(parser, usage, rewrite, chunk, end_of_stream);
                if dropped {
                    body = ResponseBody::Dropped(Dropped::Sse { rewrite });
                }
                read
            }
            ResponseBody::Dropped(Dropped::Sse { rewrite: true }) => Read::Changed(chunk.to_vec()),
            ResponseBody::Dropped(_) => Read::Same,
            ResponseBody::EventStream { decoder, usage } => {
                for ev in decoder.feed(chunk) {
                    usage.observe(&ev);
                }
                self.facts.usage.merge(usage.usage);
                if decoder.broken().is_some()
                    || self.mem.response.resize(decoder.pending_len()).is_err()
                {
                    // Unreadable or over the budget: passed on as it is.
                    self.mem.response.release();
                    body = ResponseBody::Dropped(Dropped::Body);
                }
                Read::Same
            }
        };
        self.response = body;
        read
    }

    /// A whole JSON answer in another format: its usage, then the client's
    /// format.
    fn translate_json(
        &mut self,
        upstream: Format,
        status: u16,
        body: &[u8],
        svc: &mut dyn Services,
    ) -> Vec<u8> {
        if (200..300).contains(&status) {
            if let Some(u) = usage::from_body(upstream.usage_reader(), body) {
                self.facts.usage.merge(u);
            }
        }
        wire::json_to_client(&self.answer(svc), upstream, status, body)
    }

    /// A JSON answer's usage, from a bounded copy kept until its end. False
    /// when it is too large to keep: usage is given up rather than memory
    /// (limits then settle on the estimate).
    fn read_json_usage(&mut self, copy: &mut Vec<u8>, chunk: &[u8], end_of_stream: bool) -> bool {
        let format = self.provider().map_or(self.client_format, |p| p.kind.format());
        if copy.is_empty() && end_of_stream {
            // The whole body in one callback (the usual case): no copy.
            if let Some(u) = usage::from_body(format.usage_reader(), chunk) {
                self.facts.usage.merge(u);
            }
            self.note_answer_model(chunk);
            return true;
        }
        if copy.len().saturating_add(chunk.len()) > MAX_USAGE_COPY
            || self.mem.response.grow(chunk.len()).is_err()
        {
            self.mem.response.release();
            return false;
        }
        copy.extend_from_slice(chunk);
        if end_of_stream {
            if let Some(u) = usage::from_body(format.usage_reader(), copy) {
                self.facts.usage.merge(u);
            }
            self.note_answer_model(copy);
        }
        true
    }

    /// An event stream's events: usage and delivery from each, and the
    /// usage chunk the client did not ask for dropped (`rewrite`). True
    /// beside the read when the usage was given up with this chunk (the
    /// budget cannot hold an event).
    fn read_sse(
        &mut self,
        parser: &mut SseParser,
        usage: &mut StreamUsage,
        rewrite: bool,
        chunk: &[u8],
        end_of_stream: bool,
    ) -> (Read, bool) {
        let was_overflowed = parser.overflowed();
        let mut events = parser.feed(chunk);
        if end_of_stream {
            events.extend(parser.finish());
        }
        let dropped =
            !parser.overflowed() && self.mem.response.resize(parser.pending().len()).is_err();
        if dropped {
            // An event the budget cannot hold: passed on as it is.
            parser.abandon();
            if !rewrite {
                parser.take_pending();
            }
        }
        let mut out = Vec::with_capacity(chunk.len());
        let measure = self.limits.as_ref().is_some_and(|l| l.measuring());
        for ev in &events {
            if measure {
                if let Some(l) = self.limits.as_mut() {
                    l.delivered(Some(&ev.data), 0);
                }
            }
            self.note_answer_model(&ev.data);
            let kind = usage.observe(ev);
            if rewrite && kind != EventUsage::UsageOnlyChunk {
                out.extend_from_slice(&ev.raw);
            }
        }
        let read = if rewrite {
            if parser.overflowed() {
                // An event too large to hold: stop rewriting, release what
                // is held (never drop bytes).
                if !was_overflowed {
                    out.extend_from_slice(&parser.take_pending());
                } else {
                    out.extend_from_slice(chunk);
                }
            } else if end_of_stream {
                out.extend_from_slice(&parser.take_pending());
            }
            Read::Changed(out)
        } else {
            Read::Same
        };
        self.facts.usage.merge(usage.usage);
        let _ = self.mem.response.resize(parser.pending().len());
        (read, dropped)
    }

    /// Whether the served answer's usage was given up.
    pub(super) fn usage_dropped(&self) -> bool {
        matches!(self.response, ResponseBody::Dropped(_))
    }

    /// DLP on what goes to the client: the whole answer (held until its
    /// end), or the stream as it passes. Returns the body to send, if it
    /// is not the chunk as it came.
    fn scan_body(
        &mut self,
        chunk: &[u8],
        out: Option<Vec<u8>>,
        end_of_stream: bool,
        svc: &mut dyn Services,
        ops: &mut Vec<Op>,
    ) -> Option<Vec<u8>> {
        if self.dlp_holds_response() {
            let status = self.facts.status.unwrap_or(200);
            let body = out.unwrap_or_else(|| chunk.to_vec());
            let (new_status, body, headers) = self.dlp_whole(status, body, false, svc);
            if new_status != status {
                self.facts.status = Some(new_status);
                // The gateway's error is plain JSON, whatever the provider's
                // answer was encoded with.
                ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-encoding")));
                ops.push(Op::SetResponseHeader(
                    Cow::Borrowed(":status"),
                    new_status.to_string().into_bytes(),
                ));
            }
            for (k, v) in headers {
                ops.push(Op::SetResponseHeader(k, v.into_bytes()));
            }
            Some(body)
        } else if self.dlp_streams_response() {
            let body = out.unwrap_or_else(|| chunk.to_vec());
            Some(self.dlp_stream(body, end_of_stream, svc))
        } else {
            out
        }
    }

    /// The cache keeps what the client got (a blocked answer is never
    /// stored).
    fn capture_body(
        &mut self,
        sent: &[u8],
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Option<Op> {
        if self.dlp_blocked_response() {
            self.cache_release(svc);
            return None;
        }
        self.cache_capture(sent, end_of_stream, svc)
    }

    /// The provider's answer reached its end (a local answer stays one).
    fn response_ended(&mut self) {
        if self.delivery == Delivery::Pending {
            self.delivery = Delivery::Ended;
        }
    }

    /// Whether the answer is complete: the provider's went out to its end,
    /// or the gateway answered itself.
    pub(super) fn answer_complete(&self) -> bool {
        self.delivery != Delivery::Pending
    }

    /// Whether the gateway answered by itself: the response callbacks then
    /// carry that answer, which needs no reading.
    pub fn replied(&self) -> bool {
        self.stage == Stage::Replied
    }

    /// The response headers of the gateway's own answer. Envoy gives a
    /// local reply a content-length; an event stream drops it so HTTP/1.1
    /// clients get it chunked, as from the provider.
    pub fn on_local_reply_headers(&self) -> Step {
        let mut ops = Vec::new();
        if self.delivery == (Delivery::Local { stream: true }) {
            ops.push(Op::RemoveResponseHeader(Cow::Borrowed("content-length")));
        }
        Step::cont(ops)
    }

    /// A response that ended with its headers (no body): an answer held
    /// for scanning has nothing to scan, so its headers go on.
    pub fn on_response_complete_without_body(&mut self, step: Step) -> Step {
        // No body to wait for (and no sign of the flag either way).
        self.end_response_watch();
        self.response_ended();
        if step.flow == Flow::Pause && self.stage == Stage::Responding && self.dlp_holds_response()
        {
            return Step { flow: Flow::Continue, ..step };
        }
        step
    }
}
