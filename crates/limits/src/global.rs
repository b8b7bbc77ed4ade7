//! Global mode: counters shared by many Envoys in one Redis, reached through
//! HTTP callouts to Webdis. Pure helpers: the Webdis requests for the counter
//! operations and the parsing of Webdis's JSON replies.
//!
//! # Operations
//! * **Reserve** ([`reserve_command`]): one `EVAL` of [`RESERVE_SCRIPT`] for all
//!   of a request's global counters. Redis runs a script atomically, so the
//!   check and the increment of every counter happen as one step: either all
//!   enforced counters have room and all are incremented (with a `PEXPIRE`),
//!   or none is touched. No rollback is needed when a global counter denies.
//! * **Settle** ([`settle_command`]): one `EVAL` of [`SETTLE_SCRIPT`] applying a
//!   signed adjustment to each counter key the reservation wrote, clamped at 0;
//!   a key that has expired is left alone (no key without a TTL is created).
//!
//! Keys are `<prefix>:<r|b>:<counter name>:<window index>:<subject hash>`,
//! one per subject and window, with a TTL of the rest of the window plus one
//! window (a sliding window reads the previous one). Redis forgets them, so
//! the number of subjects is not bounded by slots as in shared data.
//!
//! # Accuracy
//! Exact for what Redis sees: reservations are atomic across all Envoys and
//! workers, so N concurrent requests can never together exceed a limit (a
//! sliding window has the same approximation as locally, computed in Lua
//! doubles: exact for counts below 2^53). Windows are cut by each gateway's
//! own clock: near a boundary, Envoys whose clocks differ by `d` ms may count
//! in different windows for `d` ms. All keys of one request must be on one
//! Redis node (plain Redis, or a cluster with one shard); multi-key scripts
//! fail with CROSSSLOT on a sharded cluster.
//!
//! # Failures
//! A callout that fails, times out, or gets a non-200 status, a Redis error or
//! a reply of the wrong shape is a [`GlobalError`]. The limiter then follows
//! `global.on_error`: `open` (default) admits the request without counting the
//! global counters and reports a note with the reason for the log; `closed`
//! denies it. A settlement that fails leaves the reservation counted until the
//! key expires (over-counting, never under-counting).
//!
//! # Webdis encoding
//! Webdis takes `GET /CMD/arg/arg...` or `POST /` with the body `CMD/arg/arg...`.
//! Each argument is percent-decoded by Webdis, which also turns `+` into a
//! space and reads a trailing `.ext` of the last argument as the output format
//! (`.json`, `.txt`, ...), and stops at `?`. So every byte but `A-Z a-z 0-9 - _ ~`
//! is percent-encoded, `.` included. POST is preferred: the script makes the
//! path long and Webdis logs paths.

use serde_json::Value;

use crate::window::Adjust;

/// The largest count sent to Redis: Lua numbers are doubles, exact up to 2^53.
pub const MAX_GLOBAL_COUNT: u64 = 1 << 53;

/// Atomic all-or-nothing reservation on N counters.
///
/// `KEYS[2i-1]`: counter i's current-window key; `KEYS[2i]`: its previous-window
/// key (the current one again for fixed windows). `ARGV[1]` = N, then six
/// values per counter: amount, limit, enforce (`1`/`0`), weight (milliseconds
/// of the previous window still inside the sliding window; 0 for fixed),
/// window length in ms, TTL in ms.
///
/// Returns `{admitted, cur1, prev1, cur2, prev2, ...}`: `admitted` 1 or 0;
/// `cur` after the increment when admitted, before it otherwise.
pub const RESERVE_SCRIPT: &str = "\
local n = tonumber(ARGV[1])
local out = {}
local ok = 1
for i = 1, n do
  local a = 2 + (i - 1) * 6
  local cur = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0') or 0
  local prev = 0
  local weight = tonumber(ARGV[a + 3])
  if weight > 0 then
    prev = tonumber(redis.call('GET', KEYS[2 * i]) or '0') or 0
  end
  local used = cur + math.ceil(prev * weight / tonumber(ARGV[a + 4]))
  if ARGV[a + 2] == '1' and used + tonumber(ARGV[a]) > tonumber(ARGV[a + 1]) then
    ok = 0
  end
  out[2 * i] = cur
  out[2 * i + 1] = prev
end
if ok == 1 then
  for i = 1, n do
    local a = 2 + (i - 1) * 6
    out[2 * i] = redis.call('INCRBY', KEYS[2 * i - 1], ARGV[a])
    redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[a + 5])
  end
end
out[1] = ok
return out
";

/// Settlement: adds the signed `ARGV[i]` to `KEYS[i]`, clamped at 0, for keys
/// that still exist (INCRBY/DECRBY keep the TTL). Returns how many it changed.
pub const SETTLE_SCRIPT: &str = "\
local n = 0
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v then
    if tonumber(v) + tonumber(ARGV[i]) < 0 then
      redis.call('DECRBY', KEYS[i], v)
    else
      redis.call('INCRBY', KEYS[i], ARGV[i])
    end
    n = n + 1
  end
end
return n
";

/// A Redis command for Webdis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebdisCommand {
    /// The command name first, then its arguments, unencoded.
    pub args: Vec<Vec<u8>>,
}

impl WebdisCommand {
    pub fn new(verb: &str) -> WebdisCommand {
        WebdisCommand { args: vec![verb.as_bytes().to_vec()] }
    }

    pub fn arg(mut self, arg: impl AsRef<[u8]>) -> WebdisCommand {
        self.args.push(arg.as_ref().to_vec());
        self
    }

    /// The command name: the key of Webdis's JSON reply.
    pub fn verb(&self) -> String {
        self.args.first().map(|v| String::from_utf8_lossy(v).into_owned()).unwrap_or_default()
    }

    /// The body of a `POST /` (content type irrelevant to Webdis): `CMD/arg/...`.
    pub fn body(&self) -> String {
        let mut out = String::new();
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            encode_arg(a, &mut out);
        }
        out
    }

    /// The path of the equivalent `GET`: `/CMD/arg/...`.
    pub fn path(&self) -> String {
        let mut out = String::from("/");
        out.push_str(&self.body());
        out
    }
}

fn encode_arg(arg: &[u8], out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in arg {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
            out.push(char::from(HEX.get(usize::from(b & 0x0f)).copied().unwrap_or(b'0')));
        }
    }
}

/// One counter in a global reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalCounter {
    pub current_key: String,
    /// The previous window's key (sliding); the current key for fixed windows.
    pub previous_key: String,
    pub amount: u64,
    pub limit: u64,
    pub enforce: bool,
    /// Milliseconds of the previous window still inside the sliding window
    /// (`window_ms - elapsed`); 0 for fixed windows.
    pub weight_ms: u64,
    pub window_ms: u64,
    pub ttl_ms: u64,
}

/// The `EVAL` that reserves on all `counters` at once (see [`RESERVE_SCRIPT`]).
pub fn reserve_command(counters: &[GlobalCounter]) -> WebdisCommand {
    let keys = counters.len().saturating_mul(2);
    let mut cmd = WebdisCommand::new("EVAL").arg(RESERVE_SCRIPT).arg(keys.to_string());
    for c in counters {
        cmd = cmd.arg(&c.current_key).arg(&c.previous_key);
    }
    cmd = cmd.arg(counters.len().to_string());
    for c in counters {
        cmd = cmd
            .arg(c.amount.min(MAX_GLOBAL_COUNT).to_string())
            .arg(c.limit.min(MAX_GLOBAL_COUNT).to_string())
            .arg(if c.enforce { "1" } else { "0" })
            .arg(c.weight_ms.to_string())
            .arg(c.window_ms.max(1).to_string())
            .arg(c.ttl_ms.max(1).to_string());
    }
    cmd
}

/// The `EVAL` that applies settlements (see [`SETTLE_SCRIPT`]); `None` when
/// there is nothing to change.
pub fn settle_command(adjustments: &[(String, Adjust)]) -> Option<WebdisCommand> {
    let changes: Vec<&(String, Adjust)> =
        adjustments.iter().filter(|(_, a)| !a.is_zero()).collect();
    if changes.is_empty() {
        return None;
    }
    let mut cmd = WebdisCommand::new("EVAL").arg(SETTLE_SCRIPT).arg(changes.len().to_string());
    for (key, _) in &changes {
        cmd = cmd.arg(key);
    }
    for (_, adjust) in &changes {
        let delta = match adjust {
            Adjust::Up(n) => n.min(&MAX_GLOBAL_COUNT).to_string(),
            Adjust::Down(n) => format!("-{}", n.min(&MAX_GLOBAL_COUNT)),
        };
        cmd = cmd.arg(delta);
    }
    Some(cmd)
}

/// Why a global operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlobalError {
    /// The callout failed before a reply (no cluster, reset, timeout): the
    /// host's reason.
    Callout(String),
    /// Webdis answered with another status than 200 (503: Redis unreachable,
    /// 403: command refused by Webdis's ACL, ...).
    Status(u32),
    /// The body is not Webdis's JSON object for this command.
    BadReply(String),
    /// Redis answered with an error.
    Redis(String),
}

impl std::fmt::Display for GlobalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GlobalError::Callout(why) => write!(f, "webdis callout failed: {why}"),
            GlobalError::Status(s) => write!(f, "webdis answered status {s}"),
            GlobalError::BadReply(why) => write!(f, "unexpected webdis reply: {why}"),
            GlobalError::Redis(msg) => write!(f, "redis error: {msg}"),
        }
    }
}

/// Largest Webdis reply body read.
const MAX_REPLY_BYTES: usize = 64 * 1024;

/// Parses a Webdis JSON reply `{"<VERB>": value}`; a Redis error
/// (`[false, "ERR ..."]`) is an error value.
pub fn parse_reply(verb: &str, status: u32, body: &[u8]) -> Result<Value, GlobalError> {
    if status != 200 {
        return Err(GlobalError::Status(status));
    }
    if body.len() > MAX_REPLY_BYTES {
        return Err(GlobalError::BadReply("too large".into()));
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|_| GlobalError::BadReply("not JSON".into()))?;
    let Value::Object(mut map) = value else {
        return Err(GlobalError::BadReply("not a JSON object".into()));
    };
    let inner =
        map.remove(verb).ok_or_else(|| GlobalError::BadReply(format!("no `{verb}` member")))?;
    if let Value::Array(items) = &inner {
        if let [Value::Bool(false), msg] = items.as_slice() {
            let msg = msg.as_str().unwrap_or("unknown error");
            return Err(GlobalError::Redis(msg.chars().take(200).collect()));
        }
    }
    Ok(inner)
}

/// Parses an integer reply such as `{"INCRBY": 42}`.
pub fn parse_integer_reply(verb: &str, status: u32, body: &[u8]) -> Result<i64, GlobalError> {
    parse_reply(verb, status, body)?
        .as_i64()
        .ok_or_else(|| GlobalError::BadReply(format!("`{verb}` is not an integer")))
}

/// The reply of a global reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReserveReply {
    pub admitted: bool,
    /// Per counter, in the order sent: (current, previous) counts; current
    /// includes this request's amount when admitted.
    pub counts: Vec<(u64, u64)>,
}

/// Parses the reply of [`reserve_command`] for `n` counters.
pub fn parse_reserve_reply(
    status: u32,
    body: &[u8],
    n: usize,
) -> Result<ReserveReply, GlobalError> {
    let value = parse_reply("EVAL", status, body)?;
    let Value::Array(items) = value else {
        return Err(GlobalError::BadReply("EVAL did not return an array".into()));
    };
    let expected = n.saturating_mul(2).saturating_add(1);
    if items.len() != expected {
        return Err(GlobalError::BadReply(format!(
            "EVAL returned {} values, expected {expected}",
            items.len()
        )));
    }
    let num = |v: &Value| {
        v.as_u64().ok_or_else(|| GlobalError::BadReply("EVAL returned a non-count".into()))
    };
    let mut iter = items.iter();
    let admitted = match iter.next().map(num).transpose()? {
        Some(1) => true,
        Some(0) => false,
        _ => return Err(GlobalError::BadReply("EVAL's first value is not 0 or 1".into())),
    };
    let mut counts = Vec::with_capacity(n);
    while let (Some(cur), Some(prev)) = (iter.next(), iter.next()) {
        counts.push((num(cur)?, num(prev)?));
    }
    Ok(ReserveReply { admitted, counts })
}

/// Parses the reply of [`settle_command`]: the number of keys changed.
pub fn parse_settle_reply(status: u32, body: &[u8]) -> Result<u64, GlobalError> {
    let n = parse_integer_reply("EVAL", status, body)?;
    u64::try_from(n).map_err(|_| GlobalError::BadReply("negative count".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent_decode(s: &str) -> Vec<u8> {
        // Webdis's decode_uri, for the round-trip test: %XX and '+' -> ' '.
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%'
                && i + 2 < b.len()
                && b[i + 1].is_ascii_hexdigit()
                && b[i + 2].is_ascii_hexdigit()
            {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else if b[i] == b'+' {
                out.push(b' ');
                i += 1;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn commands_encode_for_webdis() {
        let cmd = WebdisCommand::new("INCRBY").arg("aigw:r:rpm.v2:7:ab/cd?e+f g%").arg("5");
        assert_eq!(cmd.body(), "INCRBY/aigw%3Ar%3Arpm%2Ev2%3A7%3Aab%2Fcd%3Fe%2Bf%20g%25/5");
        assert_eq!(cmd.path(), "/INCRBY/aigw%3Ar%3Arpm%2Ev2%3A7%3Aab%2Fcd%3Fe%2Bf%20g%25/5");
        assert_eq!(cmd.verb(), "INCRBY");
        // no reserved character survives; every argument round-trips through
        // Webdis's decoding, the script included
        let c = GlobalCounter {
            current_key: "aigw:r:x.json:1:ff".into(),
            previous_key: "aigw:r:x.json:0:ff".into(),
            amount: 3,
            limit: 10,
            enforce: true,
            weight_ms: 100,
            window_ms: 1000,
            ttl_ms: 2000,
        };
        let cmd = reserve_command(&[c]);
        let body = cmd.body();
        assert!(!body.contains(['.', '+', '?', ' ', '\n', '#', '&']), "{body}");
        let parts: Vec<Vec<u8>> = body.split('/').map(percent_decode).collect();
        assert_eq!(parts, cmd.args);
        assert_eq!(parts[1], RESERVE_SCRIPT.as_bytes());
        let text: Vec<String> =
            parts.iter().skip(2).map(|p| String::from_utf8(p.clone()).unwrap()).collect();
        assert_eq!(
            text,
            [
                "2",
                "aigw:r:x.json:1:ff",
                "aigw:r:x.json:0:ff",
                "1",
                "3",
                "10",
                "1",
                "100",
                "1000",
                "2000"
            ]
        );
    }

    #[test]
    fn settle_commands() {
        assert_eq!(settle_command(&[]), None);
        assert_eq!(settle_command(&[("k".into(), Adjust::Up(0))]), None);
        let cmd = settle_command(&[
            ("a".into(), Adjust::Down(7)),
            ("b".into(), Adjust::Up(0)),
            ("c".into(), Adjust::Up(u64::MAX)),
        ])
        .unwrap();
        let text: Vec<String> =
            cmd.args.iter().skip(2).map(|p| String::from_utf8(p.clone()).unwrap()).collect();
        assert_eq!(text, ["2", "a", "c", "-7", (1u64 << 53).to_string().as_str()]);
    }

    #[test]
    fn replies() {
        assert_eq!(parse_integer_reply("INCRBY", 200, br#"{"INCRBY":42}"#), Ok(42));
        assert_eq!(parse_integer_reply("INCRBY", 200, br#"{"INCRBY":-3}"#), Ok(-3));
        assert_eq!(
            parse_integer_reply(
                "INCRBY",
                200,
                br#"{"INCRBY":[false,"ERR value is not an integer or out of range"]}"#
            ),
            Err(GlobalError::Redis("ERR value is not an integer or out of range".into()))
        );
        assert_eq!(
            parse_integer_reply("INCRBY", 503, b"Service Unavailable"),
            Err(GlobalError::Status(503))
        );
        assert_eq!(parse_integer_reply("INCRBY", 403, b""), Err(GlobalError::Status(403)));
        for garbage in [
            &b""[..],
            b"{",
            b"[]",
            b"42",
            br#"{"GET":1}"#,
            br#"{"INCRBY":"4"}"#,
            br#"{"INCRBY":null}"#,
            &[0xff],
        ] {
            assert!(
                matches!(
                    parse_integer_reply("INCRBY", 200, garbage),
                    Err(GlobalError::BadReply(_))
                ),
                "{garbage:?}"
            );
        }
        assert_eq!(
            parse_reserve_reply(200, br#"{"EVAL":[1,5,2,40,0]}"#, 2),
            Ok(ReserveReply { admitted: true, counts: vec![(5, 2), (40, 0)] })
        );
        assert_eq!(
            parse_reserve_reply(200, br#"{"EVAL":[0,10,0]}"#, 1),
            Ok(ReserveReply { admitted: false, counts: vec![(10, 0)] })
        );
        for bad in [
            &br#"{"EVAL":[1,5]}"#[..],
            br#"{"EVAL":[2,5,0]}"#,
            br#"{"EVAL":[1,-5,0]}"#,
            br#"{"EVAL":[1,"5",0]}"#,
            br#"{"EVAL":7}"#,
            br#"{"EVAL":null}"#,
            br#"{"EVAL":[1,5,0,1,1]}"#,
        ] {
            assert!(parse_reserve_reply(200, bad, 1).is_err(), "{}", String::from_utf8_lossy(bad));
        }
        assert!(matches!(
            parse_reserve_reply(200, br#"{"EVAL":[false,"NOSCRIPT"]}"#, 1),
            Err(GlobalError::Redis(_))
        ));
        assert_eq!(parse_settle_reply(200, br#"{"EVAL":2}"#), Ok(2));
        assert!(parse_settle_reply(200, br#"{"EVAL":-1}"#).is_err());
        let big = format!(r#"{{"EVAL":"{}"}}"#, "x".repeat(70_000));
        assert!(parse_reply("EVAL", 200, big.as_bytes()).is_err());
    }
}
