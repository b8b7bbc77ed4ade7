//! Bounded log of received requests, for tests to assert on.
//!
//! Recording copies the request into one compact buffer under a mutex (no
//! JSON work, and no references into hyper's read buffers that would pin
//! them); JSON is rendered only when `/__mock/requests` is read.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use hyper::header::HOST;
use hyper::http::request::Parts;
use hyper::Method;
use serde::Serialize;

pub struct Record {
    seq: u64,
    time_ms: u64,
    method: Method,
    has_host: bool,
    /// path-and-query | host | body | (name | value)*
    data: Box<[u8]>,
    /// End offsets of the fields in `data`, in the order above.
    ends: Box<[usize]>,
}

impl Record {
    pub fn new(seq: u64, time_ms: u64, parts: &Parts, body: &[u8]) -> Record {
        let path = parts.uri.path_and_query().map_or_else(|| parts.uri.path(), |pq| pq.as_str());
        let host: Option<&[u8]> = match parts.headers.get(HOST) {
            Some(h) => Some(h.as_bytes()),
            None => parts.uri.authority().map(|a| a.as_str().as_bytes()),
        };
        let host_bytes = host.unwrap_or_default();
        let mut len = path.len() + host_bytes.len() + body.len();
        for (name, value) in &parts.headers {
            len += name.as_str().len() + value.len();
        }
        let mut data = Vec::with_capacity(len);
        let mut ends = Vec::with_capacity(3 + 2 * parts.headers.len());
        let mut push = |bytes: &[u8]| {
            data.extend_from_slice(bytes);
            ends.push(data.len());
        };
        push(path.as_bytes());
        push(host_bytes);
        push(body);
        for (name, value) in &parts.headers {
            push(name.as_str().as_bytes());
            push(value.as_bytes());
        }
        Record {
            seq,
            time_ms,
            method: parts.method.clone(),
            has_host: host.is_some(),
            data: data.into_boxed_slice(),
            ends: ends.into_boxed_slice(),
        }
    }

    fn field(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.data.get(start..end).unwrap_or_default()
    }

    pub fn body(&self) -> &[u8] {
        self.field(2)
    }

    /// `(name, value)` pairs in arrival order (grouped by name).
    pub fn headers(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        (3..self.ends.len()).step_by(2).map(move |i| (self.field(i), self.field(i + 1)))
    }

    /// The record as rendered by `GET /__mock/requests`.
    pub fn render(&self) -> RecordOut<'_> {
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let mut headers: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in self.headers() {
            let value = String::from_utf8_lossy(value);
            headers
                .entry(lossy(name))
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(&value);
                })
                .or_insert_with(|| value.into_owned());
        }
        let body = self.body();
        RecordOut {
            seq: self.seq,
            method: self.method.as_str(),
            // The path was a valid URI, hence ASCII.
            path: std::str::from_utf8(self.field(0)).unwrap_or_default(),
            host: self.has_host.then(|| lossy(self.field(1))),
            headers,
            body: lossy(body),
            json: serde_json::from_slice(body).unwrap_or(serde_json::Value::Null),
            time_ms: self.time_ms,
        }
    }
}

#[derive(Serialize)]
pub struct RecordOut<'a> {
    seq: u64,
    method: &'a str,
    path: &'a str,
    host: Option<String>,
    headers: BTreeMap<String, String>,
    body: String,
    json: serde_json::Value,
    time_ms: u64,
}

struct Inner {
    next_seq: u64,
    buf: VecDeque<Record>,
}

/// Ring buffer of the last `max` records; sequence numbers start at 1 and
/// keep increasing across clears.
pub struct Recorder {
    max: usize,
    inner: Mutex<Inner>,
}

pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

impl Recorder {
    pub fn new(max: usize) -> Recorder {
        Recorder {
            max,
            inner: Mutex::new(Inner {
                next_seq: 1,
                buf: VecDeque::with_capacity(max.min(1 << 16)),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records a request and returns its sequence number.
    pub fn record(&self, parts: &Parts, body: &[u8]) -> u64 {
        let time_ms = now_ms();
        if self.max == 0 {
            let mut g = self.lock();
            let seq = g.next_seq;
            g.next_seq += 1;
            return seq;
        }
        // Build outside the lock; seq is patched in under it.
        let mut rec = Record::new(0, time_ms, parts, body);
        let mut g = self.lock();
        let seq = g.next_seq;
        g.next_seq += 1;
        rec.seq = seq;
        if g.buf.len() >= self.max {
            g.buf.pop_front();
        }
        g.buf.push_back(rec);
        seq
    }

    /// Records with `seq > since`, oldest first, as a JSON array.
    pub fn render(&self, since: u64) -> Vec<u8> {
        let g = self.lock();
        let all: Vec<RecordOut> =
            g.buf.iter().filter(|r| r.seq > since).map(Record::render).collect();
        serde_json::to_vec(&all).unwrap_or_else(|_| b"[]".to_vec())
    }

    /// Drops all records; returns how many there were.
    pub fn clear(&self) -> usize {
        let mut g = self.lock();
        let n = g.buf.len();
        g.buf.clear();
        n
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use hyper::Request;

    fn parts(uri: &str, headers: &[(&str, &[u8])]) -> Parts {
        let mut b = Request::builder().method("POST").uri(uri);
        for (n, v) in headers {
            b = b.header(*n, *v);
        }
        b.body(()).unwrap().into_parts().0
    }

    #[test]
    fn record_renders_json() {
        let r = Recorder::new(10);
        let p = parts(
            "/v1/chat/completions?x=1",
            &[("Host", b"api.x.com"), ("X-A", b"1"), ("x-a", b"2"), ("x-b", b"\xff")],
        );
        assert_eq!(r.record(&p, br#"{"model":"m"}"#), 1);
        assert_eq!(r.record(&p, b"not json"), 2);
        let v: serde_json::Value = serde_json::from_slice(&r.render(0)).unwrap();
        let a = v.as_array().unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0]["seq"], 1);
        assert_eq!(a[0]["method"], "POST");
        assert_eq!(a[0]["path"], "/v1/chat/completions?x=1");
        assert_eq!(a[0]["host"], "api.x.com");
        assert_eq!(a[0]["headers"]["x-a"], "1, 2");
        assert_eq!(a[0]["headers"]["x-b"], "\u{fffd}");
        assert_eq!(a[0]["headers"]["host"], "api.x.com");
        assert_eq!(a[0]["json"]["model"], "m");
        assert_eq!(a[1]["body"], "not json");
        assert!(a[1]["json"].is_null());
        assert!(a[1]["time_ms"].as_u64().unwrap() > 1_600_000_000_000);

        let v: serde_json::Value = serde_json::from_slice(&r.render(1)).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 1);
    }

    #[test]
    fn authority_is_host_when_no_host_header() {
        let r = Recorder::new(10);
        r.record(&parts("http://h2.example:81/v1/models", &[]), b"");
        let v: serde_json::Value = serde_json::from_slice(&r.render(0)).unwrap();
        assert_eq!(v[0]["host"], "h2.example:81");
        assert_eq!(v[0]["path"], "/v1/models");
        let r = Recorder::new(10);
        r.record(&parts("/v1/models", &[]), b"");
        let v: serde_json::Value = serde_json::from_slice(&r.render(0)).unwrap();
        assert!(v[0]["host"].is_null());
    }

    #[test]
    fn ring_is_bounded_and_seq_survives_clear() {
        let r = Recorder::new(3);
        let p = parts("/x", &[]);
        for _ in 0..5 {
            r.record(&p, b"");
        }
        let v: serde_json::Value = serde_json::from_slice(&r.render(0)).unwrap();
        let seqs: Vec<u64> =
            v.as_array().unwrap().iter().map(|x| x["seq"].as_u64().unwrap()).collect();
        assert_eq!(seqs, vec![3, 4, 5]);
        assert_eq!(r.clear(), 3);
        assert_eq!(r.record(&p, b""), 6);
        let r0 = Recorder::new(0);
        assert_eq!(r0.record(&p, b""), 1);
        assert_eq!(r0.record(&p, b""), 2);
        assert_eq!(r0.render(0), b"[]");
    }
}
