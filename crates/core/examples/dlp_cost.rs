//! Times the request-body scan of `make bench`'s 10 KB prompt natively (a
//! policy redacting every built-in detector): `cargo run --release -p
//! aigw-core --example dlp_cost`. Built for wasm32-wasip1 it runs under
//! any WASI runtime, to compare the VM with native code.
// A developer tool, not filter code: a broken input should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
use std::time::Instant;

use aigw_core::config::Config;
use aigw_core::policy::Direction;
use aigw_core::scan::scan_json;

/// The same prompts as `make bench` (tests/bench/bench.py): prose with a
/// value to redact about every kilobyte, and three in every paragraph.
const PROSE: &str =
    "Our quarterly review covers the migration of the billing service, the new on-call \
rotation and the customer escalations from last month. Please summarise the open risks and draft a \
short note to the team, keeping the tone factual and brief. ";
const VALUES: [&str; 3] = [
    "Contact jane.doe@example.com about it. ",
    "Call +1 415 555 2671 after lunch. ",
    "The card on file is 4111 1111 1111 1111. ",
];
const DENSE: &str = "Our quarterly review covers the migration of the billing service, the new \
on-call rotation and the customer escalations from last month. Please summarise the open risks, \
and draft a short note to the team; contact jane.doe@example.com or call +1 415 555 2671 if the \
numbers for account 4111 1111 1111 1111 look off. ";

fn prompt(dense: bool) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 10240 {
        if dense {
            text.push_str(DENSE);
        } else {
            text.push_str(PROSE);
            if i % 3 == 2 {
                text.push_str(VALUES[i / 3 % 3]);
            }
        }
        i += 1;
    }
    text.truncate(10240);
    text
}

fn main() {
    let doc = br#"{"version":1,"providers":{"openai":{"kind":"openai","cluster":"mock"}},
        "policies":{"bench":{"request":{"*":"redact"},"response":{"*":"redact"}}},"policy":"bench"}"#;
    let config = Config::parse(doc, &|_| None).unwrap_or_else(|e| panic!("{e:?}")).0;
    let policy = config.policy_for(None, None).unwrap_or_else(|| panic!("no policy")).clone();
    small_answer(&policy);
    let only = std::env::args().nth(1).unwrap_or_default();
    // The typical prompt also as ten messages of ~1 KB: what scanning the
    // texts joined across parts adds.
    for (name, text, parts) in [
        ("typical 10 KB prompt", prompt(false), 1),
        ("dense 10 KB prompt", prompt(true), 1),
        ("typical 10 KB prompt in 10 messages", prompt(false), 10),
    ] {
        if !name.contains(only.as_str()) {
            continue;
        }
        let step = text.len() / parts;
        let messages: Vec<serde_json::Value> = (0..parts)
            .map(|k| {
                let end = if k + 1 == parts { text.len() } else { (k + 1) * step };
                serde_json::json!({"role": "user", "content": &text[k * step..end]})
            })
            .collect();
        let body = serde_json::json!({"model": "gpt-4o-mini", "messages": messages}).to_string();
        let scan = |b: &[u8]| {
            scan_json(&policy, Direction::Request, b).unwrap_or_else(|e| panic!("{e:?}"))
        };
        let n = 2000;
        for _ in 0..n / 10 {
            std::hint::black_box(scan(body.as_bytes()));
        }
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..5 {
            let t = Instant::now();
            for _ in 0..n / 5 {
                found = scan(std::hint::black_box(body.as_bytes()))
                    .report
                    .findings
                    .values()
                    .sum::<u32>();
            }
            best = best.min(t.elapsed().as_secs_f64() / (n / 5) as f64);
        }
        println!(
            "{name}: {:.1} us per scan, {:.0} MB/s, {found} findings",
            best * 1e6,
            text.len() as f64 / best / 1e6
        );
    }
}

/// The fixed cost of one scan: a short non-streamed answer, as OpenAI
/// sends it (`"logprobs": null` included).
pub fn small_answer(policy: &aigw_core::policy::Policy) {
    let body = br#"{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Noted."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}"#;
    let n = 20000;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(
                scan_json(policy, Direction::Response, std::hint::black_box(body)).ok(),
            );
        }
        best = best.min(t.elapsed().as_secs_f64() / n as f64);
    }
    println!("short answer ({} bytes): {:.2} us per scan", body.len(), best * 1e6);
}
