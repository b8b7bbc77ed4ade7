//! The global-mode Lua scripts and Webdis encoding against a real Redis and
//! Webdis, started here on loopback ports. Ignored by default (it needs the
//! `redis-server` and `webdis` binaries, which `scripts/setup.sh services`
//! installs):
//!
//! ```sh
//! cargo test -p aigw-limits --test webdis_live -- --ignored
//! ```
// Test helpers outside #[test] fns (clippy.toml covers only those) may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aigw_limits::global::{
    parse_integer_reply, parse_reserve_reply, parse_settle_reply, reserve_command, settle_command,
    GlobalCounter, WebdisCommand,
};
use aigw_limits::window::Adjust;
use aigw_limits::{Expected, Limiter, RequestFacts, Usage};

struct Services {
    children: Vec<Child>,
    http_port: u16,
    _dir: TempDir,
}

impl Drop for Services {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "port {port} did not open");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn start() -> Services {
    let dir = std::env::temp_dir().join(format!("aigw-limits-webdis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let redis_port = free_port();
    let http_port = free_port();
    let redis = Command::new("redis-server")
        .args([
            "--port",
            &redis_port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server (scripts/setup.sh services)");
    wait_for(redis_port);
    let conf = dir.join("webdis.json");
    std::fs::write(
        &conf,
        format!(
            r#"{{"redis_host":"127.0.0.1","redis_port":{redis_port},"http_host":"127.0.0.1",
                "http_port":{http_port},"threads":1,"daemonize":false,"database":0,
                "verbosity":1,"logfile":"{}"}}"#,
            dir.join("webdis.log").display()
        ),
    )
    .unwrap();
    let webdis = Command::new("webdis").arg(&conf).stdout(Stdio::null()).spawn().expect("webdis");
    wait_for(http_port);
    Services { children: vec![redis, webdis], http_port, _dir: TempDir(dir) }
}

/// POSTs a command the way the filter's callout will (one buffer, keep-alive,
/// as Envoy's upstream connection pool sends it); returns (status, body).
///
/// Found on the way: Webdis (as packaged by Debian) never answers a POST whose
/// body arrives in a later TCP segment than the headers when the request says
/// `Connection: close`. Envoy keeps upstream connections alive, so the filter
/// is not affected; the host side must not add `Connection: close`.
fn post(port: u16, cmd: &WebdisCommand) -> (u32, Vec<u8>) {
    let body = cmd.body();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: webdis\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        body
    );
    s.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "connection closed early");
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let Some(head_end) = text.find("\r\n\r\n") else { continue };
        let head = &text[..head_end];
        let status: u32 = head.split(' ').nth(1).unwrap().parse().unwrap();
        let len: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap();
        if raw.len() >= head_end + 4 + len {
            return (status, raw[head_end + 4..head_end + 4 + len].to_vec());
        }
    }
}

fn counter(key: &str, prev: &str, amount: u64, limit: u64, weight: u64) -> GlobalCounter {
    GlobalCounter {
        current_key: key.into(),
        previous_key: prev.into(),
        amount,
        limit,
        enforce: true,
        weight_ms: weight,
        window_ms: 60_000,
        ttl_ms: 120_000,
    }
}

#[test]
#[ignore = "needs redis-server and webdis"]
fn scripts_against_real_redis_through_webdis() {
    let svc = start();
    let port = svc.http_port;

    // plain commands and awkward key bytes survive the encoding
    let key = "aigw:lim:v1:r:x.json:1:a/b?c+d e%";
    let (st, body) = post(port, &WebdisCommand::new("INCRBY").arg(key).arg("5"));
    assert_eq!(parse_integer_reply("INCRBY", st, &body), Ok(5));
    let (st, body) = post(port, &WebdisCommand::new("INCRBY").arg(key).arg("-2"));
    assert_eq!(parse_integer_reply("INCRBY", st, &body), Ok(3));
    let (st, body) = post(port, &WebdisCommand::new("INCRBY").arg(key).arg("x"));
    assert!(
        parse_integer_reply("INCRBY", st, &body).is_err(),
        "{}",
        String::from_utf8_lossy(&body)
    );

    // reserve until the limit, all or nothing across two counters
    let a = counter("t:a:cur", "t:a:prev", 4, 10, 0);
    let b = counter("t:b:cur", "t:b:cur", 1, 2, 0);
    let (st, body) = post(port, &reserve_command(&[a.clone(), b.clone()]));
    let r = parse_reserve_reply(st, &body, 2).unwrap();
    assert!(r.admitted, "{}", String::from_utf8_lossy(&body));
    assert_eq!(r.counts, vec![(4, 0), (1, 0)]);
    let (st, body) = post(port, &reserve_command(&[a.clone(), b.clone()]));
    assert_eq!(parse_reserve_reply(st, &body, 2).unwrap().counts, vec![(8, 0), (2, 0)]);
    // b is full: nothing is incremented, a included
    let (st, body) = post(port, &reserve_command(&[a.clone(), b.clone()]));
    let r = parse_reserve_reply(st, &body, 2).unwrap();
    assert!(!r.admitted);
    assert_eq!(r.counts, vec![(8, 0), (2, 0)]);
    // log-only counters are counted, not checked
    let shadow = GlobalCounter { enforce: false, ..b.clone() };
    let (st, body) = post(port, &reserve_command(&[shadow]));
    assert_eq!(parse_reserve_reply(st, &body, 1).unwrap().counts, vec![(3, 0)]);

    // TTL set
    let (st, body) = post(port, &WebdisCommand::new("PTTL").arg("t:a:cur"));
    let ttl = parse_integer_reply("PTTL", st, &body).unwrap();
    assert!(ttl > 100_000 && ttl <= 120_000, "{ttl}");

    // sliding: previous weighted by weight/window, rounded up
    let (st, body) = post(port, &WebdisCommand::new("SET").arg("s:prev").arg("9"));
    assert_eq!(st, 200, "{}", String::from_utf8_lossy(&body));
    // used = 0 + ceil(9 * 20000 / 60000) = 3; 3 + 7 <= 10 fits, 3 + 8 does not
    let (st, body) = post(port, &reserve_command(&[counter("s:cur", "s:prev", 8, 10, 20_000)]));
    assert!(!parse_reserve_reply(st, &body, 1).unwrap().admitted);
    let (st, body) = post(port, &reserve_command(&[counter("s:cur", "s:prev", 7, 10, 20_000)]));
    let r = parse_reserve_reply(st, &body, 1).unwrap();
    assert!(r.admitted);
    assert_eq!(r.counts, vec![(7, 9)]);

    // settle: clamps at 0, leaves missing keys alone, keeps the TTL
    let cmd = settle_command(&[
        ("t:a:cur".into(), Adjust::Down(3)),
        ("t:b:cur".into(), Adjust::Down(100)),
        ("t:missing".into(), Adjust::Up(5)),
    ])
    .unwrap();
    let (st, body) = post(port, &cmd);
    assert_eq!(parse_settle_reply(st, &body), Ok(2), "{}", String::from_utf8_lossy(&body));
    let get = |k: &str| {
        let (st, body) = post(port, &WebdisCommand::new("GET").arg(k));
        assert_eq!(st, 200);
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["GET"].clone()
    };
    assert_eq!(get("t:a:cur"), "5");
    assert_eq!(get("t:b:cur"), "0");
    assert_eq!(get("t:missing"), serde_json::Value::Null);
    let (st, body) = post(port, &WebdisCommand::new("PTTL").arg("t:b:cur"));
    assert!(parse_integer_reply("PTTL", st, &body).unwrap() > 0);

    // the limiter's own round trip
    let l = Limiter::from_json(
        br#"{"rules":[{"name":"g","key":["tenant"],"unit":"total_tokens","limit":100,"window":"1m","scope":"global"}],
             "global":{"cluster":"webdis"}}"#,
    )
    .unwrap();
    let mut store = aigw_limits::MemStore::new();
    let facts = RequestFacts { tenant: Some("t"), ..RequestFacts::default() };
    let now = 1_714_521_600_000 + 30_000;
    let admit = |store: &mut aigw_limits::MemStore, input: u64| {
        let mut a = l.begin(
            &facts,
            &Expected { input_tokens: input, max_output_tokens: Some(0), requests: None },
            now,
        );
        a.reserve_local(store);
        let cmd = a.global_request().unwrap();
        let (st, body) = post(port, &cmd);
        a.apply_global_reply(store, st, &body);
        a.finish()
    };
    let (d, r) = admit(&mut store, 60);
    assert!(d.admitted, "{d:?}");
    let (d, _) = admit(&mut store, 60);
    assert!(!d.admitted);
    assert_eq!(d.limits[0].used, 60);
    let settle = l.settle(&mut store, r, &Usage { input_tokens: 20, ..Usage::default() });
    let (st, body) = post(port, &settle.global.unwrap());
    assert_eq!(parse_settle_reply(st, &body), Ok(1));
    let (d, _) = admit(&mut store, 60);
    assert!(d.admitted);
    assert_eq!(d.limits[0].used, 80);
}
