//! The one structured record per request that the shipped Envoy configs print
//! through the access log (the filter hands it over as filter state
//! `wasm.aigw_log`). It holds no prompt or completion text unless a
//! `logs.payloads` rule asks for it (see `log_controls`).
//!
//! One record is one line, whatever the client sent: strings are written by
//! [`LineSafe`], which escapes every control character and the characters
//! some readers take for a line break or that reorder text on a terminal.

use std::io;

use serde::Serialize;
use serde_json::{Map, Value};

/// Filter-state key (Envoy prefixes `wasm.`): `%FILTER_STATE(wasm.aigw_log:PLAIN)%`.
pub const FILTER_STATE_KEY: &str = "aigw_log";

/// The record as serialised. It borrows from the request's state: it is
/// built once, in `on_log`, and written straight to JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LogRecord<'a> {
    /// The gateway's own id for the request (also the response's
    /// `x-aigw-log-id`): clients cannot choose it.
    pub request_id: &'a str,
    /// The `x-request-id` the request arrived with (the client's, or
    /// Envoy's), cut to [`MAX_CLIENT_REQUEST_ID`] bytes.
    pub client_request_id: Option<&'a str>,
    /// Start of the request, RFC 3339 UTC with milliseconds.
    pub time: String,
    /// `provider` for `/{provider}/...`, `none` when no route matched.
    pub route: &'static str,
    pub provider: Option<&'a str>,
    pub provider_kind: Option<&'static str>,
    pub endpoint: Option<&'a str>,
    pub method: Option<&'a str>,
    pub model: Option<&'a str>,
    /// The model as the client named it, when it differs (`anthropic/...`).
    pub requested_model: Option<&'a str>,
    /// The config route and rule that chose provider and model
    /// (`<route>:<rule>`; `<route>:downgrade` after a limit refused).
    pub route_rule: Option<String>,
    /// The alias of the provider key used, when one was chosen (never the key).
    pub key_alias: Option<&'a str>,
    pub tenant: Option<&'a str>,
    pub stream: bool,
    pub status: Option<u16>,
    pub error_code: Option<&'static str>,
    /// Milliseconds from the request's start to the response headers.
    pub ttfb_ms: Option<f64>,
    /// Milliseconds from the request's start to the end of the response.
    pub latency_ms: f64,
    pub request_bytes: u64,
    pub response_bytes: u64,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub cached_input_tokens: Option<u64>,
    /// False when the response did not end normally (client gone, upstream reset).
    pub complete: bool,
    /// The client's `x-aigw-metadata`, string values scanned by the
    /// request's DLP policy (findings are redacted here).
    pub metadata: Option<&'a Map<String, Value>>,
    /// `cf-aig-metadata` keys past the fifth, ignored as Cloudflare does.
    pub metadata_dropped: Option<&'a [String]>,
    /// What the request's DLP policy found in the metadata (redacted above).
    pub metadata_findings: Option<&'a crate::policy::Report>,
    /// `HIT`, `MISS` or `BYPASS`; null when caching does not apply.
    pub cache_status: Option<&'static str>,
    /// Served from another in-flight request's answer.
    pub cache_coalesced: bool,
    /// Why the shared L2 cache was not used (Redis down, slow, garbage...).
    pub cache_l2_error: Option<&'a str>,
    /// What a cache hit saved.
    pub saved_input_tokens: Option<u64>,
    pub saved_output_tokens: Option<u64>,
    /// The step that served (0 = the route's provider), when retries or
    /// fallbacks are configured.
    pub step: Option<usize>,
    /// Every attempt, when there was more than one.
    pub attempts: Option<&'a [Attempt]>,
    /// What the provider's usage cost at the configured (or custom) price.
    pub cost_usd: Option<f64>,
    /// What a cache hit saved.
    pub saved_cost_usd: Option<f64>,
    /// The rule or budget that decided (denied, or the tightest that admitted).
    pub rate_limit_rule: Option<&'a str>,
    /// Whether limits denied the request (null when no limits apply).
    pub rate_limited: Option<bool>,
    /// `log_only` rules this request went over.
    pub over_limit_logged: Option<Vec<&'a str>>,
    /// Counters that could not be applied as configured (store or Redis
    /// failures, full slot tables, unpriced budgets).
    pub limit_notes: Option<&'a [String]>,
    /// DLP and guardrails: what was found and done (counts, never text).
    pub dlp: Option<DlpLog<'a>>,
    /// Why the VM's memory budget refused the request (`aigw_overloaded`).
    pub overload: Option<&'a str>,
    /// Tokens were used but no price applies (an unknown model): the cost
    /// is unknown, not zero.
    pub unpriced: bool,
    /// The prompt and answer, when a `logs.payloads` rule asks for them
    /// (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<PayloadLog>,
    /// On the MCP route: server, method, tool, decision, findings (`mcp_flow`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcp: Option<McpLog<'a>>,
}

/// The record's `mcp` object: what was decided, never the text. Borrowed
/// and written directly (no JSON tree per message); keys in alphabetical
/// order, as the tree it replaces wrote them.
#[derive(Debug, Clone, Serialize)]
pub struct McpLog<'a> {
    pub decision: &'static str,
    #[serde(skip_serializing_if = "McpFindings::is_empty")]
    pub findings: McpFindings<'a>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub limit_notes: &'a [String],
    pub method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit_rule: Option<&'a str>,
    pub server: Option<&'a str>,
    pub session: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool: Option<&'a str>,
}

/// `mcp.findings`: each part only when it found something.
#[derive(Debug, Clone, Serialize)]
pub struct McpFindings<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<&'a crate::policy::Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<&'a crate::policy::Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<&'a ListReport>,
}

/// What the gateway did to a `tools/list` answer (for the log; filled by
/// `mcp::policy`).
#[derive(Debug, Default, Serialize, PartialEq)]
pub struct ListReport {
    /// Tools left out for this tenant (access rules).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
    /// Tools whose description or schema holds instructions for the model.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub poisoned: Vec<String>,
    /// Tools whose description or schema changed since first seen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
    /// Tools left out by a `block` check (poisoned or changed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked: Vec<String>,
}

impl ListReport {
    pub fn is_empty(&self) -> bool {
        self == &ListReport::default()
    }
}

impl McpFindings<'_> {
    fn is_empty(&self) -> bool {
        self.request.is_none() && self.response.is_none() && self.tools.is_none()
    }
}

/// The prompt and answer in the record: as text (after DLP redaction, cut
/// at the rule's `max_bytes`) or as SHA-256 digests.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PayloadLog {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// Whether a text was cut at `max_bytes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload_truncated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_sha256: Option<String>,
}

impl PayloadLog {
    pub fn new(p: &crate::log_controls::Payloads) -> Self {
        let (prompt, answer) = (p.prompt.text(), p.answer.text());
        let truncated = match (&prompt, &answer) {
            (None, None) => None,
            _ => Some(prompt.as_ref().is_some_and(|t| t.1) || answer.as_ref().is_some_and(|t| t.1)),
        };
        PayloadLog {
            prompt: prompt.map(|t| t.0),
            answer: answer.map(|t| t.0),
            payload_truncated: truncated,
            prompt_sha256: p.prompt.sha256(),
            answer_sha256: p.answer.sha256(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DlpLog<'a> {
    pub policy: &'a str,
    pub request: &'a crate::policy::Report,
    pub response: &'a crate::policy::Report,
    /// Text scanned and the time it took inside the VM.
    pub scanned_bytes: usize,
    pub scan_us: f64,
    /// Why the external classifier could not be used (fail-open).
    pub classifier_error: Option<&'a str>,
    /// What the policy did, per direction and detector (for an audit).
    pub actions: Vec<PolicyAction<'a>>,
}

/// One detector's findings in one direction and what the policy did with them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PolicyAction<'a> {
    pub direction: &'static str,
    pub detector: &'a str,
    pub action: &'static str,
    pub count: u32,
}

/// One attempt at a provider (retries, fallback steps).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Attempt {
    pub step: usize,
    pub provider: String,
    pub status: Option<u16>,
    pub latency_ms: f64,
    /// `ok`, `status_503`, `connect_failure`, `timeout`, `circuit_open`, ...
    pub cause: String,
}

/// Longest `x-request-id` copied into the log.
pub const MAX_CLIENT_REQUEST_ID: usize = 128;

impl LogRecord<'_> {
    pub fn to_json(&self) -> Vec<u8> {
        // A typical record is 0.8-1.1 KB: one allocation, no regrowth.
        let mut out = Vec::with_capacity(1280);
        // Fields one by one with their keys written as they are (serde would
        // escape-scan each of the 40 keys: a fifth of a plain request's
        // compute); serde_json's own formatter is much faster than
        // LineSafe's (no call per string fragment), and its output is the
        // same unless a string holds DEL or non-ASCII text: then the record
        // is written again.
        if self.write_fields(&mut out).is_ok() && below_del(&out) {
            return out;
        }
        out.clear();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, LineSafe);
        match self.serialize(&mut ser) {
            Ok(()) => out,
            Err(_) => Vec::new(),
        }
    }

    /// What `#[derive(Serialize)]` writes with serde_json's compact
    /// formatter, field for field (a test holds the two equal).
    fn write_fields(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        // Each key with its quotes, colon and separator is one literal.
        macro_rules! more {
            ($($name:ident),* $(,)?) => {
                $(
                    out.extend_from_slice(concat!(",\"", stringify!($name), "\":").as_bytes());
                    serde_json::to_writer(&mut *out, &self.$name)?;
                )*
            };
        }
        out.extend_from_slice(b"{\"request_id\":");
        serde_json::to_writer(&mut *out, &self.request_id)?;
        more!(
            client_request_id,
            time,
            route,
            provider,
            provider_kind,
            endpoint,
            method,
            model,
            requested_model,
            route_rule,
            key_alias,
            tenant,
            stream,
            status,
            error_code,
        );
        out.extend_from_slice(b",\"ttfb_ms\":");
        match self.ttfb_ms {
            Some(ms) => write_ms(out, ms)?,
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"latency_ms\":");
        write_ms(out, self.latency_ms)?;
        more!(
            request_bytes,
            response_bytes,
            input_tokens,
            output_tokens,
            cached_input_tokens,
            complete,
            metadata,
            metadata_dropped,
            metadata_findings,
            cache_status,
            cache_coalesced,
            cache_l2_error,
            saved_input_tokens,
            saved_output_tokens,
            step,
            attempts,
            cost_usd,
            saved_cost_usd,
            rate_limit_rule,
            rate_limited,
            over_limit_logged,
            limit_notes,
            dlp,
            overload,
            unpriced,
        );
        if let Some(payload) = &self.payload {
            out.extend_from_slice(b",\"payload\":");
            serde_json::to_writer(&mut *out, payload)?;
        }
        if let Some(mcp) = &self.mcp {
            out.extend_from_slice(b",\"mcp\":");
            serde_json::to_writer(&mut *out, mcp)?;
        }
        out.push(b'}');
        Ok(())
    }
}

/// A duration in milliseconds as serde_json writes an `f64`, from whole
/// microseconds (what [`elapsed_ms`] gives) by integer arithmetic: the
/// float formatter was a tenth of the record's cost. A value that is not a
/// whole number of microseconds goes to serde_json (a test holds the two
/// equal).
fn write_ms(out: &mut Vec<u8>, ms: f64) -> serde_json::Result<()> {
    let us = (ms * 1000.0).round();
    // Below 2^40 us (12 days) the product is exact and `us / 1000` is
    // the value itself when `ms` came from whole microseconds.
    if !(0.0..1_099_511_627_776.0).contains(&us) || us / 1000.0 != ms {
        return serde_json::to_writer(&mut *out, &ms);
    }
    let us = us as u64;
    serde_json::to_writer(&mut *out, &(us / 1000))?;
    out.push(b'.');
    let frac = us % 1000;
    // Three digits without their trailing zeros; `.0` for a whole number.
    let digits = [frac / 100, frac / 10 % 10, frac % 10];
    let keep = digits.iter().rposition(|d| *d != 0).map_or(1, |i| i + 1);
    out.extend(digits.iter().take(keep).map(|d| b'0' + *d as u8));
    Ok(())
}

/// Whether every byte is ASCII other than DEL: one pass, eight bytes at a
/// time (a byte at or above 0x7f sets its top bit in `x | x + 1`).
fn below_del(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let words_ok = chunks.all(|c| {
        let x = u64::from_le_bytes(c.try_into().unwrap_or([0xff; 8]));
        (x | x.wrapping_add(ONES)) & TOPS == 0
    });
    words_ok && chunks.remainder().iter().all(|&c| c < 0x7f)
}

/// A client-supplied header value for the log: at most `max` bytes (cut at
/// a character boundary), invalid UTF-8 replaced.
pub fn bounded_text(raw: &[u8], max: usize) -> String {
    let raw = raw.get(..max).unwrap_or(raw);
    match std::str::from_utf8(raw) {
        Ok(text) => text.to_owned(),
        // A cut through a character leaves one U+FFFD at the end: fine.
        Err(_) => String::from_utf8_lossy(raw).into_owned(),
    }
}

/// serde_json's compact output, with `\uXXXX` for what serde_json writes
/// raw but a log line must not carry: DEL and the C1 controls, U+2028 and
/// U+2029 (line breaks to JavaScript and some log shippers), the bidi
/// controls (they reorder what a terminal shows) and U+FEFF. serde_json
/// itself escapes C0 controls, `"` and `\\`.
pub struct LineSafe;

impl LineSafe {
    fn needs_escape(c: char) -> bool {
        matches!(c,
            '\u{7f}'..='\u{9f}'
            | '\u{200e}' | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}')
    }
}

impl serde_json::ser::Formatter for LineSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Almost every fragment is ASCII without DEL: two word-at-a-time
        // checks, then one write.
        if fragment.is_ascii() && !fragment.as_bytes().contains(&0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if Self::needs_escape(c) {
                writer.write_all(fragment.get(start..i).unwrap_or_default().as_bytes())?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(fragment.get(start..).unwrap_or_default().as_bytes())
    }
}

/// `2023-11-14T22:13:20.123Z`. Written by hand: this runs on every
/// request, and the formatter machinery behind `humantime`'s `Display`
/// costs ten times the arithmetic (a test holds the two equal). Fields are
/// written two digits at a time from 32-bit values (in Wasm a 64-bit
/// division per digit was most of the cost).
pub fn rfc3339(unix_ns: u64) -> String {
    let ms = unix_ns / 1_000_000;
    let (days, ms_of_day) = (ms / 86_400_000, (ms % 86_400_000) as u32);
    let (y, m, d) = civil_from_days(days);
    let secs = ms_of_day / 1000;
    let mut b = *b"0000-00-00T00:00:00.000Z";
    // Years past 9999 are written mod 10000, as no log reader expects them.
    let y = (y % 10_000) as u32;
    put2(&mut b, 0, y / 100);
    put2(&mut b, 2, y % 100);
    put2(&mut b, 5, m as u32);
    put2(&mut b, 8, d as u32);
    put2(&mut b, 11, secs / 3600);
    put2(&mut b, 14, secs / 60 % 60);
    put2(&mut b, 17, secs % 60);
    let milli = ms_of_day % 1000;
    put2(&mut b, 20, milli / 10);
    if let Some(c) = b.get_mut(22) {
        *c = b'0' + (milli % 10) as u8;
    }
    String::from_utf8(b.to_vec()).unwrap_or_default()
}

/// Two decimal digits of `n` (< 100) at `b[at..at + 2]`.
fn put2(b: &mut [u8; 24], at: usize, n: u32) {
    if let Some(d) = b.get_mut(at..at + 2) {
        d.copy_from_slice(&[b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]);
    }
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`, for days >= 0).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

/// Milliseconds between two host timestamps, to the microsecond.
pub fn elapsed_ms(from_ns: u64, to_ns: u64) -> f64 {
    let us = to_ns.saturating_sub(from_ns) / 1_000;
    us as f64 / 1_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_del_agrees_with_a_byte_loop() {
        for len in 0..40 {
            for at in 0..len {
                for bad in [0x7f_u8, 0x80, 0xe2, 0xff] {
                    let mut b = vec![b'a'; len];
                    *b.get_mut(at).unwrap() = bad;
                    assert!(!below_del(&b), "{len} {at} {bad:#x}");
                    *b.get_mut(at).unwrap() = 0x7e;
                    assert!(below_del(&b));
                }
            }
        }
        assert!(below_del(b""));
    }

    #[test]
    fn rfc3339_is_humantimes() {
        use std::time::{Duration, UNIX_EPOCH};
        // Every day from 1970 to 2200 at a varying time of day, and the
        // edges of days, months, leap days and centuries.
        let mut cases: Vec<u64> = (0..84_000u64)
            .map(|d| d * 86_400_000_000_000 + (d * 7_919_000_001 % 86_400_000_000_000))
            .collect();
        for day in [0u64, 59, 789, 10_956, 11_016, 47_481, 47_540, 47_541, 84_000] {
            for off in [0u64, 1, 999_999, 1_000_000, 86_399_999_999_999] {
                cases.push(day * 86_400_000_000_000 + off);
            }
        }
        for ns in cases {
            let want =
                humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_nanos(ns)).to_string();
            assert_eq!(rfc3339(ns), want, "{ns}");
        }
    }

    #[test]
    fn durations_are_written_as_serde_json_writes_them() {
        let mut cases: Vec<u64> = (0..200_000).collect();
        cases.extend((0..2000u64).map(|i| i * 7_919_993 + i % 1000));
        cases.extend([999_999, 1_000_000, 86_400_000_000, 1_099_511_627_775, 1_099_511_627_776]);
        for us in cases {
            let ms = elapsed_ms(0, us * 1000);
            let mut fast = Vec::new();
            write_ms(&mut fast, ms).unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                serde_json::to_string(&ms).unwrap(),
                "{us}"
            );
        }
        for odd in [0.1234, 1e-7, 2.5e15, f64::MAX, -1.0, f64::NAN] {
            let mut fast = Vec::new();
            write_ms(&mut fast, odd).unwrap();
            assert_eq!(String::from_utf8(fast).unwrap(), serde_json::to_string(&odd).unwrap());
        }
    }

    #[test]
    fn formats_time_and_elapsed() {
        assert_eq!(rfc3339(1_700_000_000_123_456_789), "2023-11-14T22:13:20.123Z");
        assert_eq!(elapsed_ms(1_000_000, 3_500_000), 2.5);
        assert_eq!(elapsed_ms(5, 1), 0.0);
    }

    #[test]
    fn serializes_every_field() {
        let v: Value = serde_json::from_slice(&LogRecord::default().to_json()).unwrap();
        for k in [
            "request_id",
            "client_request_id",
            "time",
            "route",
            "provider",
            "model",
            "status",
            "ttfb_ms",
            "latency_ms",
            "request_bytes",
            "response_bytes",
            "input_tokens",
            "output_tokens",
            "metadata",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
    }

    #[test]
    fn one_record_is_one_line_whatever_the_strings() {
        let nasty = "a\u{2028}b\u{2029}c\nd\re\u{0}f\u{7f}g\u{85}h\u{9b}i\u{202e}j\u{2066}k\u{feff}l\u{1b}[31m é€😀";
        let rec = LogRecord {
            request_id: nasty,
            client_request_id: Some(nasty),
            model: Some(nasty),
            ..LogRecord::default()
        };
        let json = rec.to_json();
        // Nothing outside printable ASCII but the harmless letters.
        let text = String::from_utf8(json.clone()).unwrap();
        for c in text.chars() {
            assert!(!c.is_control() && !LineSafe::needs_escape(c), "{c:?} in {text}");
        }
        assert!(text.contains("\\u2028") && text.contains("\\u2029") && text.contains("\\u0085"));
        assert!(text.contains("é€😀"));
        // And it still reads back as the same strings.
        let v: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["request_id"], nasty);
        assert_eq!(v["model"], nasty);
    }

    #[test]
    fn fast_and_line_safe_writers_agree() {
        // Each string alone: only the one holding DEL or non-ASCII text
        // takes the slow writer, and the output is what it would write.
        for model in ["gpt-4o-mini", "a\u{7f}b", "caf\u{e9}", "x\u{2028}y", "q\"\\\n"] {
            let rec = LogRecord { request_id: "id", model: Some(model), ..LogRecord::default() };
            let mut slow = Vec::new();
            rec.serialize(&mut serde_json::Serializer::with_formatter(&mut slow, LineSafe))
                .unwrap();
            assert_eq!(rec.to_json(), slow, "{model:?}");
        }
    }

    #[test]
    fn the_keyed_writer_writes_what_serde_writes() {
        let attempts = [Attempt {
            step: 1,
            provider: "b".into(),
            status: Some(503),
            latency_ms: 1.5,
            cause: "status_503".into(),
        }];
        let notes = ["n".to_string()];
        let meta: Map<String, Value> = serde_json::from_str(r#"{"k":"v","n":1}"#).unwrap();
        let full = LogRecord {
            request_id: "id",
            client_request_id: Some("c\"q"),
            time: "t".into(),
            route: "provider",
            provider: Some("p"),
            provider_kind: Some("openai"),
            endpoint: Some("/v1/chat/completions"),
            method: Some("POST"),
            model: Some("m"),
            requested_model: Some("rm"),
            route_rule: Some("r:1".into()),
            key_alias: Some("k"),
            tenant: Some("t"),
            stream: true,
            status: Some(200),
            error_code: Some("e"),
            ttfb_ms: Some(0.25),
            latency_ms: 1e-7,
            request_bytes: 1,
            response_bytes: u64::MAX,
            input_tokens: Some(3),
            output_tokens: Some(4),
            cached_input_tokens: Some(5),
            complete: true,
            metadata: Some(&meta),
            metadata_dropped: Some(&notes),
            cache_status: Some("HIT"),
            cache_coalesced: true,
            cache_l2_error: Some("x"),
            saved_input_tokens: Some(6),
            saved_output_tokens: Some(7),
            step: Some(1),
            attempts: Some(&attempts),
            cost_usd: Some(1.8e-6),
            saved_cost_usd: Some(0.5),
            rate_limit_rule: Some("rule"),
            rate_limited: Some(false),
            over_limit_logged: Some(vec!["a", "b"]),
            limit_notes: Some(&notes),
            overload: Some("o"),
            unpriced: true,
            payload: Some(PayloadLog { prompt: Some("p".into()), ..PayloadLog::default() }),
            mcp: Some(McpLog {
                decision: "allowed",
                findings: McpFindings { request: None, response: None, tools: None },
                limit_notes: &[],
                method: None,
                policy: None,
                rate_limit_rule: None,
                server: Some("s"),
                session: false,
                tool: None,
            }),
            ..LogRecord::default()
        };
        for rec in [LogRecord::default(), full] {
            let mut keyed = Vec::new();
            rec.write_fields(&mut keyed).unwrap();
            assert_eq!(String::from_utf8(keyed).unwrap(), serde_json::to_string(&rec).unwrap());
        }
    }

    #[test]
    fn mcp_object_is_written_as_the_json_tree_was() {
        let report = crate::policy::Report {
            findings: [("email".to_string(), 1)].into(),
            ..Default::default()
        };
        let notes = vec!["n: why".to_string()];
        let full = McpLog {
            decision: "flagged",
            findings: McpFindings { request: Some(&report), response: None, tools: None },
            limit_notes: &notes,
            method: Some("tools/call"),
            policy: Some("p"),
            rate_limit_rule: Some("r"),
            server: Some("docs"),
            session: true,
            tool: Some("echo"),
        };
        // What the tree held (absent parts left out); the reports inside
        // now keep their fields' order, as in the record's `dlp`.
        let tree = serde_json::json!({"server": "docs", "method": "tools/call", "tool": "echo",
            "decision": "flagged", "session": true, "policy": "p",
            "findings": {"request": report}, "rate_limit_rule": "r", "limit_notes": notes});
        assert_eq!(serde_json::to_value(&full).unwrap(), tree);
        let bare = McpLog {
            findings: McpFindings { request: None, response: None, tools: None },
            limit_notes: &[],
            method: None,
            policy: None,
            rate_limit_rule: None,
            tool: None,
            ..full
        };
        // The tree's order (a BTreeMap's: keys sorted).
        let tree = serde_json::json!({"server": "docs", "method": null, "decision": "flagged",
            "session": true});
        assert_eq!(serde_json::to_string(&bare).unwrap(), tree.to_string());
    }

    #[test]
    fn client_text_is_bounded() {
        assert_eq!(bounded_text(b"abc", 128), "abc");
        assert_eq!(bounded_text(&[b'x'; 500], 128).len(), 128);
        assert_eq!(bounded_text(b"a\xffb", 128), "a\u{fffd}b");
        // A cut through a character does not fail.
        let s = bounded_text("ééé".as_bytes(), 3);
        assert!(s.starts_with('é'));
    }
}
