//! The cache in the request flow: lookup (L1, then L2), coalescing of
//! identical misses, capture of the answer and the store.

use std::borrow::Cow;

use super::stage::Gated;
use super::{CalloutResponse, Exchange, Flow, Op, Purpose, Stage, Step, TimerPurpose};
use crate::cache::coalesce::{self, Acquire, Lock};
use crate::cache::entry::Entry;
use crate::cache::key::{self, Key, KeyInput};
use crate::cache::Status;
use crate::formats::Format;
use crate::headers::Headers;
use crate::services::{Metric, Services};
use crate::usage::Usage;

/// How often a waiting request looks for the leader's answer.
const WAIT_POLL_NS: u64 = 10_000_000;

/// A follower's next look for the leader's answer, at `at` (ns).
fn poll(at: u64) -> Step {
    Step { ops: vec![Op::WakeAt { at, purpose: TimerPurpose::CoalescePoll }], flow: Flow::Pause }
}

/// The cache's part of one request.
#[derive(Debug, Clone)]
pub struct CacheState {
    pub key: Key,
    pub ttl_s: u64,
    pub status: Status,
    /// Held while this request is the leader for its key.
    pub lock: Option<Lock>,
    /// A follower gives up waiting at this time (ms).
    pub wait_until_ms: u64,
    /// The answer as the client receives it, for the store; None once it
    /// cannot be stored (not a complete 2xx, too large).
    pub capture: Option<Vec<u8>>,
    /// The entry is an event stream (the client asked for one; a fact of
    /// the key, compared with the answer's kind before it is stored).
    pub stream: bool,
    pub content_type: Vec<u8>,
    pub l2_error: Option<String>,
    /// What a hit saved.
    pub saved: Option<Usage>,
    /// Served from another request's answer (a fact for the log, beside
    /// `status`, which says hit or miss).
    pub coalesced: bool,
}

/// A warning for a failed fire-and-forget store.
pub fn store_failure(r: &CalloutResponse) -> Option<String> {
    if let Some(why) = r.refused {
        return Some(format!("cache: L2 store answer not read: {why}"));
    }
    if crate::cache::l2::L2::store_ok(r.status, &r.body) {
        return None;
    }
    Some(match r.status {
        Some(s) => format!("cache: L2 store failed: status {s}"),
        None => "cache: L2 store failed: no answer (reset, timeout or no cluster)".into(),
    })
}

impl Exchange {
    /// The cache applies to requests on this provider (its setting, the
    /// gateway's, or the client's own key).
    pub(super) fn cache_wanted(&self, p: &crate::config::Provider) -> bool {
        self.cache_controls.custom_key.is_some()
            || p.cache.enabled.unwrap_or(self.config.cache.enabled)
    }

    /// At the end of an inference request's body: look the answer up.
    /// Some(step) when the flow is decided here (a hit, or a pause).
    pub(super) fn cache_begin(&mut self, body: &[u8], svc: &mut dyn Services) -> Gated {
        let Some(p) = self.provider() else { return Gated::Next };
        if !self.cache_wanted(p) {
            return Gated::Next;
        }
        let cfg = &self.config.cache;
        let controls = &self.cache_controls;
        let stream = self.facts.stream;
        if controls.skip {
            svc.metric(Metric::CacheBypass, 1);
            self.cache = Some(self.new_cache_state([0; 32], 0, Status::Bypass, stream));
            return Gated::Next;
        }
        // The option headers as the provider gets them: a default the
        // gateway sends (Anthropic's API version) counts as if sent.
        let mut options = Cow::Borrowed(self.snapshot.cache_options.as_slice());
        for (name, value) in crate::routing::provider_defaults(p, &Headers::default()) {
            key::add_default_option(options.to_mut(), name, value.as_bytes());
        }
        let input = KeyInput {
            provider: &p.name,
            path: self.facts.endpoint.as_deref().unwrap_or_default(),
            query: &self.snapshot.query,
            options: &options,
            model: self.facts.model.as_deref(),
            identity: &self.identity,
            stream,
        };
        let key = match &controls.custom_key {
            Some(k) => key::custom(&input, k),
            None => match key::computed(&input, body, self.recent.as_deref()) {
                Some(k) => k,
                None => return Gated::Next,
            },
        };
        let ttl_s = controls.ttl_s.or(p.cache.ttl_s).unwrap_or(cfg.ttl_s);
        self.cache = Some(self.new_cache_state(key, ttl_s, Status::Miss, stream));
        // One clock read for the lookup and the hit's time to first byte.
        let now_ns = svc.now_ns();
        if let Some(entry) = cfg.l1.get(svc, &key, now_ns / 1_000_000) {
            return Gated::Done(self.serve_hit(entry, now_ns, svc));
        }
        if let Some(l2) = &cfg.l2 {
            let call = l2.lookup(&key);
            return Gated::Wait(
                Stage::CacheLookup,
                Step {
                    ops: vec![Op::Dispatch(super::Callout {
                        purpose: Purpose::CacheLookup,
                        cluster: l2.cluster.clone(),
                        headers: super::Callout::headers(
                            call.method,
                            call.path,
                            &l2.authority,
                            None,
                        ),
                        body: call.body,
                        timeout_ms: l2.timeout_ms,
                    })],
                    flow: Flow::Pause,
                },
            );
        }
        self.cache_after_miss(svc)
    }

    fn new_cache_state(&self, key: Key, ttl_s: u64, status: Status, stream: bool) -> CacheState {
        CacheState {
            key,
            ttl_s,
            status,
            lock: None,
            wait_until_ms: 0,
            capture: None,
            stream,
            content_type: Vec::new(),
            l2_error: None,
            saved: None,
            coalesced: false,
        }
    }

    /// The L2 lookup's answer.
    pub(super) fn cache_on_lookup(&mut self, r: CalloutResponse, svc: &mut dyn Services) -> Gated {
        let (Some(state), Some(l2)) = (self.cache.as_ref(), self.config.cache.l2.as_ref()) else {
            return Gated::Next;
        };
        let now_ns = svc.now_ns();
        let parsed = match r.refused {
            // Unread for the memory budget: a miss, with why.
            Some(why) => Err(format!("answer not read: {why}")),
            None => l2.parse_lookup(&state.key, r.status, &r.body, now_ns / 1_000_000),
        };
        match parsed {
            Ok(Some(entry)) => {
                // Fill L1 so the next hit on this Envoy is local.
                let _ = self.config.cache.l1.put(svc, &entry);
                Gated::Done(self.serve_hit(entry, now_ns, svc))
            }
            Ok(None) => self.cache_after_miss(svc),
            Err(reason) => {
                svc.metric(Metric::CacheL2Error, 1);
                if let Some(c) = self.cache.as_mut() {
                    c.l2_error = Some(reason);
                }
                self.cache_after_miss(svc)
            }
        }
    }

    /// After a miss: lead the key, or wait for the request that does.
    fn cache_after_miss(&mut self, svc: &mut dyn Services) -> Gated {
        svc.metric(Metric::CacheMiss, 1);
        let cfg = &self.config.cache;
        if !cfg.coalesce {
            return Gated::Next;
        }
        let wait_ms = cfg.coalesce_wait_ms;
        let owner = self.owner;
        let Some(state) = self.cache.as_mut() else { return Gated::Next };
        match coalesce::acquire(svc, &state.key, owner, wait_ms) {
            Acquire::Leader(lock) => {
                state.lock = Some(lock);
                Gated::Next
            }
            Acquire::Unavailable => Gated::Next,
            Acquire::Follower => {
                let now_ns = svc.now_ns();
                state.wait_until_ms = (now_ns / 1_000_000).saturating_add(wait_ms);
                let at = now_ns.saturating_add(WAIT_POLL_NS);
                Gated::Wait(Stage::CacheWait, poll(at))
            }
        }
    }

    /// A waiting follower's timer: is the leader's answer there yet?
    pub(super) fn cache_on_wait(&mut self, svc: &mut dyn Services) -> Gated {
        let Some(state) = self.cache.as_ref() else {
            return Gated::Next;
        };
        let key = state.key;
        let now_ns = svc.now_ns();
        if let Some(entry) = self.config.cache.l1.get(svc, &key, now_ns / 1_000_000) {
            svc.metric(Metric::CacheCoalesced, 1);
            if let Some(c) = self.cache.as_mut() {
                c.coalesced = true;
            }
            return Gated::Done(self.serve_hit(entry, now_ns, svc));
        }
        let timed_out = now_ns / 1_000_000 >= state.wait_until_ms;
        if timed_out || !coalesce::held(svc, &key) {
            // The leader failed, gave up or is too slow: go ourselves, and
            // lead the key if it is free.
            let owner = self.owner;
            let wait_ms = self.config.cache.coalesce_wait_ms;
            if let (Some(c), false) = (self.cache.as_mut(), timed_out) {
                if let Acquire::Leader(lock) = coalesce::acquire(svc, &key, owner, wait_ms) {
                    c.lock = Some(lock);
                }
            }
            return Gated::Next;
        }
        Gated::Wait(Stage::CacheWait, poll(now_ns.saturating_add(WAIT_POLL_NS)))
    }

    /// Answers from a cache entry found at `now_ns`.
    fn serve_hit(&mut self, entry: Entry, now_ns: u64, svc: &mut dyn Services) -> Step {
        svc.metric(Metric::CacheHit, 1);
        self.stage = Stage::Replied;
        self.facts.status = Some(entry.status);
        self.facts.response_headers_ns = Some(now_ns);
        self.facts.response_bytes = entry.body.len() as u64;
        if let Some(c) = self.cache.as_mut() {
            c.status = Status::Hit;
            c.saved = Some(entry.usage);
        }
        // Answers are scanned whoever asked first: policies differ by tenant
        // and change over time.
        let (status, body, dlp_headers) =
            self.dlp_whole(entry.status, entry.body, entry.stream, svc);
        self.facts.status = Some(status);
        self.facts.response_bytes = body.len() as u64;
        let ct = if status == entry.status {
            entry.content_type.clone()
        } else {
            "application/json".into()
        };
        let mut headers = vec![(Cow::Borrowed("content-type"), ct)];
        if entry.stream {
            headers.push((Cow::Borrowed("cache-control"), "no-cache".into()));
        }
        headers.extend(self.gateway_response_headers("cache-status", Status::Hit.as_str()));
        headers.extend(self.limits_local_headers());
        headers.extend(dlp_headers.into_iter().filter(|(k, _)| k != "content-type"));
        Step { ops: vec![self.local_reply(status, headers, body)], flow: Flow::Pause }
    }

    /// Response headers: announce the cache status; decide if the answer
    /// can be stored (a 2xx JSON or event stream), else free the key now so
    /// waiting requests go upstream without delay.
    pub(super) fn cache_on_response_headers(
        &mut self,
        storable: bool,
        sse: bool,
        content_type: &[u8],
        svc: &mut dyn Services,
        ops: &mut Vec<Op>,
    ) {
        let Some(status) = self.cache.as_ref().map(|c| c.status) else { return };
        for (k, v) in self.gateway_response_headers("cache-status", status.as_str()) {
            ops.push(Op::SetResponseHeader(k, v.into_bytes()));
        }
        let Some(c) = self.cache.as_mut() else { return };
        if status == Status::Miss && storable && sse == c.stream {
            c.capture = Some(Vec::new());
            c.content_type = content_type.to_vec();
        } else {
            self.cache_release(svc);
        }
    }

    /// Keeps what the client receives, then stores it at the end. Returns
    /// the L2 store to dispatch, if any.
    pub(super) fn cache_capture(
        &mut self,
        out: &[u8],
        end_of_stream: bool,
        svc: &mut dyn Services,
    ) -> Option<Op> {
        let max = self.config.cache.max_capture();
        let c = self.cache.as_mut()?;
        let capture = c.capture.as_mut()?;
        if capture.len().saturating_add(out.len()) > max
            || self.mem.capture.grow(out.len()).is_err()
        {
            // Too large, or over the memory budget: not stored.
            c.capture = None;
            self.mem.capture.release();
            self.cache_release(svc);
            return None;
        }
        capture.extend_from_slice(out);
        if end_of_stream {
            return self.cache_store(svc);
        }
        None
    }

    fn cache_store(&mut self, svc: &mut dyn Services) -> Option<Op> {
        let format = self.provider().map_or(Format::OpenAi, |p| p.kind.format());
        let now_ms = svc.now_ms();
        let usage = self.facts.usage;
        let status = self.facts.status.unwrap_or(200);
        let c = self.cache.as_mut()?;
        let body = c.capture.take()?;
        self.mem.capture.release();
        if !complete(&body, c.stream, format) {
            self.cache_release(svc);
            return None;
        }
        let entry = Entry {
            key: c.key,
            stored_ms: now_ms,
            expires_ms: now_ms.saturating_add(c.ttl_s.saturating_mul(1000)),
            status,
            stream: c.stream,
            content_type: String::from_utf8_lossy(&c.content_type).into_owned(),
            usage,
            body,
        };
        let ttl_s = c.ttl_s;
        let config = std::rc::Rc::clone(&self.config);
        let cfg = &config.cache;
        match cfg.l1.put(svc, &entry) {
            Ok(()) => svc.metric(Metric::CacheStore, 1),
            Err(crate::cache::l1::PutError::TooLarge(_)) => {}
            Err(e) => svc.warn(&format!("cache: L1 store failed: {e:?}")),
        }
        self.cache_release(svc);
        // L2 last, fire-and-forget: its answer never affects this response.
        let l2 = cfg.l2.as_ref()?;
        let call = l2.store(&entry, ttl_s)?;
        Some(Op::Dispatch(super::Callout {
            purpose: Purpose::CacheStore,
            cluster: l2.cluster.clone(),
            headers: super::Callout::headers(
                call.method,
                call.path,
                &l2.authority,
                Some("text/plain"),
            ),
            body: call.body,
            timeout_ms: l2.timeout_ms.saturating_mul(10),
        }))
    }

    /// Stores a whole answer made by the gateway (a fallback's), if it is
    /// one to store. Returns the L2 store to dispatch, if any.
    pub(super) fn cache_store_whole(
        &mut self,
        body: &[u8],
        content_type: &str,
        svc: &mut dyn Services,
    ) -> Option<Op> {
        let c = self.cache.as_mut()?;
        if c.status != Status::Miss {
            return None;
        }
        c.capture = Some(Vec::new());
        c.content_type = content_type.as_bytes().to_vec();
        self.cache_capture(body, true, svc)
    }

    /// Frees this request's coalescing lock, if it holds one.
    pub(super) fn cache_release(&mut self, svc: &mut dyn Services) {
        if let Some(lock) = self.cache.as_mut().and_then(|c| c.lock.take()) {
            coalesce::release(svc, &lock);
        }
    }
}

/// Only whole answers are stored: a JSON document, or a stream that reached
/// its terminal event without an error event.
fn complete(body: &[u8], stream: bool, format: Format) -> bool {
    if !stream {
        return serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
    }
    let has = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    has(format.stream_end()) && !has(b"event: error")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness() {
        assert!(complete(br#"{"a":1}"#, false, Format::OpenAi));
        assert!(!complete(br#"{"a":"#, false, Format::OpenAi));
        assert!(complete(b"data: {}\n\ndata: [DONE]\n\n", true, Format::OpenAi));
        assert!(!complete(b"data: {}\n\n", true, Format::OpenAi));
        assert!(complete(b"event: message_stop\ndata: {}\n\n", true, Format::Anthropic));
        assert!(!complete(
            b"event: error\ndata: {}\n\nevent: message_stop\ndata: {}\n\n",
            true,
            Format::Anthropic
        ));
    }
}
